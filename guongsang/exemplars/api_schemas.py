"""Schemas of the exemplars API (the endpoints are in api.py)."""

import datetime

from ninja import Field, Schema

from guongsang.exemplars.enums import (
    DiscoveryKind,
    EvidenceKind,
    ExemplarKind,
    ExemplarStatus,
    SupportKind,
)
from guongsang.titles.enums import Level


class ExemplarFilters(Schema):
    q: str | None = Field(None, description="Name or unit, with or without diacritics")
    plan: int | None = None
    movement: int | None = None
    status: ExemplarStatus | None = None
    subject_kind: str | None = Field(None, pattern="^(individual|collective|household)$")
    unit: int | None = Field(None, description="Only this unit's subtree")
    year: int | None = None


class ExemplarOut(Schema):
    id: int
    subject_kind: str
    subject_id: int
    subject_name: str
    scope_unit_id: int
    unit_name: str
    plan_id: int
    plan_number: str
    movement_id: int | None
    year: int
    kind: ExemplarKind
    origin: str
    discovery_kind: str
    status: ExemplarStatus
    registered_by_id: int
    registered_at: datetime.datetime

    @staticmethod
    def resolve_subject_id(obj) -> int:
        return obj.person_id or obj.unit_id or obj.household_id

    @staticmethod
    def resolve_plan_number(obj) -> str:
        return obj.plan.number


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    actor_id: int
    at: datetime.datetime
    reason: str


class KeyAchievement(Schema):
    year: int
    text: str


class TitleHeld(Schema):
    year: int
    title: str
    decision_number: str = ""
    decision_date: datetime.date | None = None


class InitiativeOut(Schema):
    id: int
    title: str
    description: str
    year: int
    effect_level: Level
    recognition: str


class InitiativeIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    year: int = Field(ge=1945, le=2100)
    description: str = ""
    effect_level: Level = Level.UNIT
    recognition: str = ""


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    kind: EvidenceKind
    description: str
    uploaded_at: datetime.datetime


class CheckpointOut(Schema):
    id: int
    due_date: datetime.date
    description: str
    done_on: datetime.date | None


class NurturingPlanOut(Schema):
    support_kinds: list[str]
    support_detail: str
    weaknesses: str
    mentor_id: int | None
    start: datetime.date
    end: datetime.date | None
    checkpoints: list[CheckpointOut]

    @staticmethod
    def resolve_checkpoints(obj):
        return list(obj.checkpoints.all())


class NurturingPlanIn(Schema):
    support_kinds: list[SupportKind] | None = None
    support_detail: str | None = None
    weaknesses: str | None = None
    mentor_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None


class CheckpointIn(Schema):
    description: str = Field(min_length=1, max_length=500)
    due_date: datetime.date


class CheckpointDoneIn(Schema):
    done_on: datetime.date | None = None


class ProgressNoteOut(Schema):
    id: int
    date: datetime.date
    text: str
    author_id: int


class ProgressNoteIn(Schema):
    text: str = Field(min_length=1)
    date: datetime.date | None = None


class EvaluationOut(Schema):
    id: int
    date: datetime.date
    effect: int
    efficiency: int
    potential: int
    influence: int
    comment: str
    evaluator_id: int


class EvaluationIn(Schema):
    date: datetime.date | None = None
    effect: int = Field(ge=1, le=5)
    efficiency: int = Field(ge=1, le=5)
    potential: int = Field(ge=1, le=5)
    influence: int = Field(ge=1, le=5)
    comment: str = ""


class ExemplarDetailOut(ExemplarOut):
    aspects: str
    field_ids: list[int]
    summary: str
    key_achievements: list[KeyAchievement]
    titles_held: list[TitleHeld]
    story_draft: str
    status_changes: list[StatusChangeOut]
    initiatives: list[InitiativeOut]
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_field_ids(obj) -> list[int]:
        return [field.pk for field in obj.fields.all()]

    @staticmethod
    def resolve_status_changes(obj):
        return list(obj.status_changes.all())

    @staticmethod
    def resolve_initiatives(obj):
        return list(obj.initiatives.all())

    @staticmethod
    def resolve_evidence(obj):
        return list(obj.evidence.all())


class SubjectRef(Schema):
    subject_kind: str = Field(pattern="^(individual|collective|household)$")
    subject_id: int


class _ExemplarIn(Schema):
    plan_id: int
    year: int = Field(ge=1945, le=2100)
    movement_id: int | None = None
    field_ids: list[int] = []
    kind: ExemplarKind = ExemplarKind.COMPREHENSIVE
    aspects: str = ""
    summary: str = ""
    key_achievements: list[KeyAchievement] = []
    story_draft: str = ""
    confirm_duplicate: bool = False


class RegisterIn(SubjectRef, _ExemplarIn):
    pass


class RegisterBulkIn(_ExemplarIn):
    subjects: list[SubjectRef] = Field(min_length=1)


class NominateIn(SubjectRef, _ExemplarIn):
    discovery_kind: DiscoveryKind


class SelfRegisterIn(_ExemplarIn):
    pass


class SummaryPatch(Schema):
    summary: str | None = None
    key_achievements: list[KeyAchievement] | None = None
    story_draft: str | None = None
    kind: ExemplarKind | None = None
    aspects: str | None = None
    movement_id: int | None = None
    field_ids: list[int] | None = None


class TransitionIn(Schema):
    reason: str = ""


class Duplicate(Schema):
    detail: str
    duplicates: list[int]


class NotificationOut(Schema):
    id: int
    exemplar_id: int | None
    message: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None
