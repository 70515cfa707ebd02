"""Schemas of the proposals API (the endpoints are in api_proposals.py)."""

import datetime
from typing import Literal

from ninja import Field, Schema

from guongsang.awards.api_schemas import DocumentLink
from guongsang.awards.enums import ProposalStatus
from guongsang.exemplars.enums import ExemplarStatus


class ProposalFilters(Schema):
    status: ProposalStatus | None = None
    box: Literal["sent", "inbox"] | None = Field(
        None,
        description="`sent`: sent by units in your scope; `inbox`: sent to the units whose "
        "synthesising office you are (never drafts). Empty: both.",
    )


class ProposalOut(Schema):
    id: int
    number: str
    date: datetime.date | None
    status: ProposalStatus
    from_unit_id: int
    from_unit_name: str
    to_unit_id: int
    to_unit_name: str
    title_id: int | None
    title_name: str | None
    exemplar_count: int
    round_id: int | None
    sent_at: datetime.datetime | None
    answered_at: datetime.datetime | None

    @staticmethod
    def resolve_from_unit_name(obj) -> str:
        return obj.from_unit.name

    @staticmethod
    def resolve_to_unit_name(obj) -> str:
        return obj.to_unit.name

    @staticmethod
    def resolve_title_name(obj) -> str | None:
        return obj.title.name if obj.title_id else None


class ProposalExemplarOut(Schema):
    id: int
    subject_name: str
    unit_name: str
    subject_kind: str
    level: str
    year: int
    status: ExemplarStatus

    @staticmethod
    def resolve_subject_kind(obj) -> str:
        if obj.person_id:
            return "individual"
        return "collective" if obj.unit_id else "household"


class ProposalDetailOut(ProposalOut):
    summary: str
    return_reason: str
    exemplars: list[ProposalExemplarOut]
    documents: list[DocumentLink]

    @staticmethod
    def resolve_exemplars(obj) -> list:
        return obj.exemplar_rows

    @staticmethod
    def resolve_documents(obj) -> list[dict]:
        return obj.documents


class ProposalIn(Schema):
    from_unit_id: int
    to_unit_id: int | None = Field(None, description="Default: the nearest unit above")
    exemplar_ids: list[int] = Field(description="Exemplars recognised in the sending unit")
    title_id: int | None = None
    number: str = Field("", description="Needed before sending")
    date: datetime.date | None = Field(None, description="Needed before sending")
    summary: str = ""


class ProposalPatch(Schema):
    to_unit_id: int | None = None
    exemplar_ids: list[int] | None = None
    title_id: int | None = None
    number: str | None = None
    date: datetime.date | None = None
    summary: str | None = None


class AcceptIn(Schema):
    round_id: int = Field(description="A review round of the receiving unit, not yet closed")


class ReturnIn(Schema):
    reason: str
