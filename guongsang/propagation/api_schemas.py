"""Schemas of the propagation API (the endpoints are in api.py)."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from guongsang.plans.enums import QuotaPeriod
from guongsang.propagation.enums import Channel, EventKind, EventStatus, ReplicationStatus

# Activities ---------------------------------------------------------------------------------


class ExemplarRef(Schema):
    id: int
    subject_name: str
    unit_name: str


class ActivityFilters(Schema):
    unit_id: int | None = Field(None, description="The unit and its sub-units")
    channel: Channel | None = None
    year: int | None = None
    quarter: int | None = Field(None, ge=1, le=4, description="With `year`")
    exemplar_id: int | None = None
    q: str | None = Field(None, description="Words of the title, outlet, unit or exemplars")


class ActivityOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    date: datetime.date
    channel: Channel
    title: str
    outlet: str
    url: str
    reach: int | None
    plan_id: int | None
    movement_id: int | None
    notes: str
    exemplars: list[ExemplarRef]

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_exemplars(obj) -> list:
        return list(obj.exemplars.all())


class ActivityIn(Schema):
    unit_id: int
    date: datetime.date = Field(description="Not in the future")
    channel: Channel
    title: str = Field(min_length=1, max_length=500)
    outlet: str = ""
    url: str = ""
    reach: int | None = Field(None, ge=0)
    plan_id: int | None = None
    movement_id: int | None = None
    notes: str = ""
    exemplar_ids: list[int] = Field([], description="Exemplars you can see")


class ActivityPatch(Schema):
    unit_id: int | None = None
    date: datetime.date | None = None
    channel: Channel | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    outlet: str | None = None
    url: str | None = None
    reach: int | None = Field(None, ge=0)
    plan_id: int | None = None
    movement_id: int | None = None
    notes: str | None = None
    exemplar_ids: list[int] | None = None


# Summary ------------------------------------------------------------------------------------


class SummaryFilters(Schema):
    unit_id: int | None = Field(None, description="Default: the first unit of your scope")
    year: int | None = Field(None, description="Default: this year")
    period: QuotaPeriod = QuotaPeriod.YEAR


class ChannelFigures(Schema):
    channel: Channel
    activities: int
    reach: int


class QuotaStateOut(Schema):
    quota_id: int
    title: str
    period: str
    count: int
    minimum: int
    state: Literal["met", "behind", "not_due"]


class SummaryCellOut(Schema):
    period: str
    activities: int
    reach: int
    channels: list[ChannelFigures]
    quota_met: bool | None = Field(description="Null: no propagation quota for this unit")
    quotas: list[QuotaStateOut]


class SummaryRowOut(Schema):
    unit_id: int
    unit_name: str
    kind: Literal["child", "self", "total"]
    periods: list[SummaryCellOut]


class SummaryOut(Schema):
    unit_id: int
    year: int
    period: QuotaPeriod
    rows: list[SummaryRowOut]


# Events -------------------------------------------------------------------------------------


class EventFilters(Schema):
    unit_id: int | None = Field(None, description="Organised by the unit or its sub-units")
    kind: EventKind | None = None
    status: EventStatus | None = None
    year: int | None = None
    q: str | None = None


class UnitRef(Schema):
    id: int
    name: str


class MaterialOut(Schema):
    id: int
    title: str
    is_public: bool
    kind: Literal["file", "link"]
    download_url: str

    @staticmethod
    def resolve_kind(obj) -> str:
        return "file" if obj.file else "link"

    @staticmethod
    def resolve_download_url(obj) -> str:
        from django.urls import reverse

        return reverse("propagation:material_download", args=[obj.pk])


class EventOut(Schema):
    id: int
    kind: EventKind
    title: str
    organiser_id: int
    organiser_name: str
    start: datetime.datetime
    end: datetime.datetime | None
    location: str
    online_url: str
    status: EventStatus
    is_public: bool
    plan_id: int | None
    milestone_id: int | None

    @staticmethod
    def resolve_organiser_name(obj) -> str:
        return obj.organiser.name


class EventDetailOut(EventOut):
    description: str
    participants: str
    participant_count: int | None
    participant_units: list[UnitRef]
    honoured: list[ExemplarRef]
    presenting: list[ExemplarRef]
    milestone_done_on: datetime.date | None
    materials: list[MaterialOut]

    @staticmethod
    def resolve_participant_units(obj) -> list:
        return list(obj.participant_units.all())

    @staticmethod
    def resolve_honoured(obj) -> list:
        return list(obj.honoured.all())

    @staticmethod
    def resolve_presenting(obj) -> list:
        return list(obj.presenting.all())

    @staticmethod
    def resolve_milestone_done_on(obj):
        return obj.milestone.done_on if obj.milestone_id else None

    @staticmethod
    def resolve_materials(obj) -> list:
        return list(obj.materials.all())


class EventIn(Schema):
    kind: EventKind
    title: str = Field(min_length=1, max_length=500)
    organiser_id: int
    start: datetime.datetime
    end: datetime.datetime | None = None
    location: str = ""
    online_url: str = ""
    description: str = ""
    is_public: bool = True
    participants: str = ""
    participant_count: int | None = Field(None, ge=0)
    plan_id: int | None = None
    milestone_id: int | None = Field(None, description="A milestone of a plan you can see")
    participant_unit_ids: list[int] = []
    honoured_ids: list[int] = []
    presenting_ids: list[int] = []


class EventPatch(Schema):
    kind: EventKind | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    organiser_id: int | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    location: str | None = None
    online_url: str | None = None
    description: str | None = None
    is_public: bool | None = None
    participants: str | None = None
    participant_count: int | None = Field(None, ge=0)
    plan_id: int | None = None
    milestone_id: int | None = None
    participant_unit_ids: list[int] | None = None
    honoured_ids: list[int] | None = None
    presenting_ids: list[int] | None = None


class EventStatusIn(Schema):
    status: Literal["held", "cancelled"]
    reason: str = Field("", max_length=100)


# Replications -------------------------------------------------------------------------------


class ReplicationFilters(Schema):
    exemplar_id: int | None = None
    unit_id: int | None = Field(None, description="Adopted by the unit or its sub-units")
    status: ReplicationStatus | None = None
    year: int | None = Field(None, description="Started in")
    q: str | None = None


class ReplicationOut(Schema):
    id: int
    exemplar: ExemplarRef
    unit_id: int
    unit_name: str
    start: datetime.date
    status: ReplicationStatus
    outcome: str
    beneficiaries: int | None
    metric_name: str
    metric_before: Decimal | None
    metric_after: Decimal | None
    notes: str

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class ReplicationIn(Schema):
    exemplar_id: int = Field(description="A recognised exemplar")
    unit_id: int = Field(description="The adopting unit, in your scope")
    start: datetime.date
    status: ReplicationStatus = ReplicationStatus.IN_PROGRESS
    outcome: str = ""
    beneficiaries: int | None = Field(None, ge=0)
    metric_name: str = ""
    metric_before: Decimal | None = None
    metric_after: Decimal | None = None
    notes: str = ""


class ReplicationPatch(Schema):
    start: datetime.date | None = None
    status: ReplicationStatus | None = None
    outcome: str | None = None
    beneficiaries: int | None = Field(None, ge=0)
    metric_name: str | None = None
    metric_before: Decimal | None = None
    metric_after: Decimal | None = None
    notes: str | None = None
    reason: str = Field("", max_length=100, description="Kept in the history with the change")


class RankingFilters(Schema):
    year: int | None = Field(None, description="Replications started in")
    field_id: int | None = None
    limit: int = Field(50, ge=1, le=200)


class RankingOut(Schema):
    exemplar: ExemplarRef
    units: int = Field(description="Adopting units")
    sustained: int = Field(description="Units that sustain it")
    beneficiaries: int
    replications: int


class RegionOut(Schema):
    unit_id: int | None
    name: str
    units: int
    sustained: int
    beneficiaries: int
    parts: list["RegionOut"] = []


RegionOut.model_rebuild()
