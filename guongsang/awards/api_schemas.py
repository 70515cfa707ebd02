"""Schemas of the awards API (the endpoints are in api.py)."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from guongsang.awards.enums import DecisionKind, DecisionStatus
from guongsang.titles.enums import Level


class DecisionFilters(Schema):
    status: DecisionStatus | None = None
    kind: DecisionKind | None = None
    year: int | None = None


class DecisionOut(Schema):
    id: int
    number: str
    date: datetime.date | None
    kind: DecisionKind
    status: DecisionStatus
    authority_id: int
    authority_name: str
    title_id: int
    title_name: str
    level: Level
    year: int
    total_amount: Decimal
    corrects_id: int | None
    issued_at: datetime.datetime | None

    @staticmethod
    def resolve_title_name(obj) -> str:
        return obj.title.name


class RecipientOut(Schema):
    id: int
    subject_kind: str
    subject_id: int
    exemplar_id: int | None
    name: str
    unit_name: str
    amount: Decimal

    @staticmethod
    def resolve_subject_id(obj) -> int:
        return obj.person_id or obj.unit_id or obj.household_id


class DocumentLink(Schema):
    document: str
    label: str
    format: str
    url: str


class FundOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    opening_balance: Decimal
    propagation_share_percent: int
    income: Decimal
    spent: Decimal
    balance: Decimal
    reserved: Decimal
    available: Decimal


class DecisionDetailOut(DecisionOut):
    signer_name: str
    signer_title: str
    summary: str
    round_id: int | None
    base_salary: Decimal | None
    fund_id: int | None
    recipients: list[RecipientOut]
    fund_state: FundOut | None = Field(None, description="The fund paying for it, if any")
    documents: list[DocumentLink] = []


class DecisionIn(Schema):
    authority_id: int
    kind: DecisionKind
    title_id: int
    year: int
    level: Level | None = None
    number: str = ""
    date: datetime.date | None = None
    signer_name: str = ""
    signer_title: str = ""
    summary: str = Field("", description="Grounds; the reason for ad-hoc and thematic ones")


class DecisionPatch(Schema):
    title_id: int | None = None
    level: Level | None = None
    year: int | None = None
    number: str | None = None
    date: datetime.date | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    summary: str | None = None


class RecipientIn(Schema):
    subject_kind: str = Field(pattern="^(individual|collective|household)$")
    subject_id: int


class FromRoundIn(Schema):
    round_id: int


class CorrectIn(Schema):
    reason: str
