"""The parts of a plan in the API: stages, milestones, movements with targets, quotas."""

import datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs import selectors as org_selectors
from guongsang.plans import selectors
from guongsang.plans.enums import (
    MilestoneKind,
    MovementKind,
    QuotaCounts,
    QuotaPeriod,
    SubjectKindOrAny,
)
from guongsang.plans.models import CriteriaSet, QuotaUnits, Stage
from guongsang.plans.models import Field as FieldModel
from guongsang.plans.services import plans as services
from guongsang.titles.enums import SubjectKind

router = Router(tags=["plans"])


def _units(request, ids) -> list:
    ids = list(dict.fromkeys(ids or []))
    units = list(org_selectors.units_visible_to(user=request.user).filter(pk__in=ids))
    if len(units) != len(ids):
        raise DomainError(_("Unknown unit, or outside your scope."))
    return units


def _unit(request, pk):
    visible = org_selectors.units_visible_to(user=request.user)
    return get_or_400(visible, pk, _("Unknown unit, or outside your scope."))


def _changeable_plan(request, plan_id: int):
    plan = get_or_404(selectors.plans_visible_to(user=request.user), plan_id)
    require(request, "plans.change_plan", plan)
    return plan


def _changeable(request, queryset, pk: int):
    obj = get_or_404(queryset, pk)
    require(request, "plans.change_plan", obj)
    return obj


# Stages ---------------------------------------------------------------------------------


class StageOut(Schema):
    id: int
    plan_id: int
    name: str
    start: datetime.date
    end: datetime.date
    description: str


class StageIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    start: datetime.date
    end: datetime.date
    description: str = ""


class StagePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    start: datetime.date | None = None
    end: datetime.date | None = None
    description: str | None = None


def _stages(request):
    visible = selectors.plans_visible_to(user=request.user).values("pk")
    return Stage.objects.filter(plan__in=visible).select_related("plan__issuer")


@router.get("/plans/{int:plan_id}/stages", response={200: list[StageOut], **ERRORS})
def stage_list(request, plan_id: int):
    plan = get_or_404(selectors.plans_visible_to(user=request.user), plan_id)
    return list(plan.stages.all())


@router.post("/plans/{int:plan_id}/stages", response={201: StageOut, **ERRORS})
def stage_create(request, plan_id: int, payload: StageIn):
    plan = _changeable_plan(request, plan_id)
    return Status(201, services.stage_create(plan=plan, actor=request.user, **payload.dict()))


@router.patch("/stages/{int:stage_id}", response={200: StageOut, **ERRORS})
def stage_update(request, stage_id: int, payload: StagePatch):
    stage = _changeable(request, _stages(request), stage_id)
    return services.stage_update(stage=stage, actor=request.user, **changes(payload))


@router.delete("/stages/{int:stage_id}", response={204: None, **ERRORS})
def stage_delete(request, stage_id: int):
    services.stage_delete(
        stage=_changeable(request, _stages(request), stage_id), actor=request.user
    )
    return Status(204, None)


# Milestones -----------------------------------------------------------------------------


class MilestoneOut(Schema):
    id: int
    plan_id: int
    kind: MilestoneKind
    title: str
    due_date: datetime.date
    responsible_unit_ids: list[int]
    description: str
    done_on: datetime.date | None

    @staticmethod
    def resolve_responsible_unit_ids(obj) -> list[int]:
        return [unit.pk for unit in obj.responsible_units.all()]


class MilestoneIn(Schema):
    kind: MilestoneKind
    title: str = Field(min_length=1, max_length=500)
    due_date: datetime.date
    responsible_unit_ids: list[int] = []
    description: str = ""
    done_on: datetime.date | None = None


class MilestonePatch(Schema):
    kind: MilestoneKind | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    due_date: datetime.date | None = None
    responsible_unit_ids: list[int] | None = None
    description: str | None = None
    done_on: datetime.date | None = None


class MilestoneFilters(Schema):
    plan_id: int | None = None
    when: str | None = Field(None, pattern="^(upcoming|overdue)$")
    days: int | None = Field(None, ge=0, le=3660)


def _milestone_fields(request, fields: dict) -> dict:
    if "responsible_unit_ids" in fields:
        fields["responsible_units"] = _units(request, fields.pop("responsible_unit_ids"))
    return fields


@router.get("/milestones", response=list[MilestoneOut])
@paginate(Pagination)
def milestone_list(request, filters: Query[MilestoneFilters]):
    if filters.when == "upcoming":
        rows = selectors.milestones_upcoming(user=request.user, days=filters.days)
    elif filters.when == "overdue":
        rows = selectors.milestones_overdue(user=request.user)
    else:
        rows = selectors.milestones_visible_to(user=request.user).order_by("due_date", "pk")
    if filters.plan_id:
        rows = rows.filter(plan_id=filters.plan_id)
    return rows


@router.post("/plans/{int:plan_id}/milestones", response={201: MilestoneOut, **ERRORS})
def milestone_create(request, plan_id: int, payload: MilestoneIn):
    plan = _changeable_plan(request, plan_id)
    fields = _milestone_fields(request, payload.dict())
    return Status(201, services.milestone_create(plan=plan, actor=request.user, **fields))


@router.patch("/milestones/{int:milestone_id}", response={200: MilestoneOut, **ERRORS})
def milestone_update(request, milestone_id: int, payload: MilestonePatch):
    milestone = _changeable(
        request, selectors.milestones_visible_to(user=request.user), milestone_id
    )
    fields = _milestone_fields(request, changes(payload))
    return services.milestone_update(milestone=milestone, actor=request.user, **fields)


@router.delete("/milestones/{int:milestone_id}", response={204: None, **ERRORS})
def milestone_delete(request, milestone_id: int):
    milestone = _changeable(
        request, selectors.milestones_visible_to(user=request.user), milestone_id
    )
    services.milestone_delete(milestone=milestone, actor=request.user)
    return Status(204, None)


# Movements and targets ------------------------------------------------------------------


class TargetSchema(Schema):
    subject_kind: SubjectKind
    minimum: int = Field(ge=1)
    note: str = Field("", max_length=255)


class MovementOut(Schema):
    id: int
    plan_id: int
    name: str
    kind: MovementKind
    lead_unit_id: int | None
    cooperating_unit_ids: list[int]
    field_codes: list[str]
    criteria_set_ids: list[int]
    start_year: int | None
    end_year: int | None
    description: str
    targets: list[TargetSchema]

    @staticmethod
    def resolve_cooperating_unit_ids(obj) -> list[int]:
        return [unit.pk for unit in obj.cooperating_units.all()]

    @staticmethod
    def resolve_field_codes(obj) -> list[str]:
        return [field.code for field in obj.fields.all()]

    @staticmethod
    def resolve_criteria_set_ids(obj) -> list[int]:
        return [criteria_set.pk for criteria_set in obj.criteria_sets.all()]

    @staticmethod
    def resolve_targets(obj) -> list[dict]:
        return [
            {"subject_kind": t.subject_kind, "minimum": t.minimum, "note": t.note}
            for t in obj.targets.all()
        ]


class MovementIn(Schema):
    name: str = Field(min_length=1, max_length=500)
    kind: MovementKind = MovementKind.MOVEMENT
    lead_unit_id: int | None = None
    cooperating_unit_ids: list[int] = []
    field_codes: list[str] = []
    criteria_set_ids: list[int] = []
    start_year: int | None = Field(None, ge=1900, le=2200)
    end_year: int | None = Field(None, ge=1900, le=2200)
    description: str = ""
    targets: list[TargetSchema] = []


class MovementPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=500)
    kind: MovementKind | None = None
    lead_unit_id: int | None = None
    cooperating_unit_ids: list[int] | None = None
    field_codes: list[str] | None = None
    criteria_set_ids: list[int] | None = None
    start_year: int | None = Field(None, ge=1900, le=2200)
    end_year: int | None = Field(None, ge=1900, le=2200)
    description: str | None = None
    targets: list[TargetSchema] | None = None


def _movement_fields(request, fields: dict) -> dict:
    if "lead_unit_id" in fields:
        fields["lead_unit"] = _unit(request, fields.pop("lead_unit_id"))
    if "cooperating_unit_ids" in fields:
        fields["cooperating_units"] = _units(request, fields.pop("cooperating_unit_ids"))
    if "field_codes" in fields:
        codes = list(dict.fromkeys(fields.pop("field_codes") or []))
        found = list(FieldModel.objects.filter(code__in=codes))
        if len(found) != len(codes):
            raise DomainError(_("Unknown field."))
        fields["fields"] = found
    if "criteria_set_ids" in fields:
        ids = list(dict.fromkeys(fields.pop("criteria_set_ids") or []))
        found = list(CriteriaSet.objects.filter(pk__in=ids))
        if len(found) != len(ids):
            raise DomainError(_("Unknown criteria set."))
        fields["criteria_sets"] = found
    return fields


@router.get("/movements", response=list[MovementOut])
@paginate(Pagination)
def movement_list(request, plan_id: int | None = None):
    rows = selectors.movements_visible_to(user=request.user).order_by("plan_id", "pk")
    return rows.filter(plan_id=plan_id) if plan_id else rows


@router.get("/movements/{int:movement_id}", response={200: MovementOut, **ERRORS})
def movement_detail(request, movement_id: int):
    return get_or_404(selectors.movements_visible_to(user=request.user), movement_id)


@router.post("/plans/{int:plan_id}/movements", response={201: MovementOut, **ERRORS})
def movement_create(request, plan_id: int, payload: MovementIn):
    plan = _changeable_plan(request, plan_id)
    movement = services.movement_create(
        plan=plan, actor=request.user, **_movement_fields(request, payload.dict())
    )
    return Status(201, selectors.movements_visible_to(user=request.user).get(pk=movement.pk))


@router.patch("/movements/{int:movement_id}", response={200: MovementOut, **ERRORS})
def movement_update(request, movement_id: int, payload: MovementPatch):
    rows = selectors.movements_visible_to(user=request.user)
    movement = _changeable(request, rows, movement_id)
    fields = _movement_fields(request, changes(payload))
    services.movement_update(movement=movement, actor=request.user, **fields)
    return rows.get(pk=movement.pk)


@router.delete("/movements/{int:movement_id}", response={204: None, **ERRORS})
def movement_delete(request, movement_id: int):
    rows = selectors.movements_visible_to(user=request.user)
    services.movement_delete(movement=_changeable(request, rows, movement_id), actor=request.user)
    return Status(204, None)


# Quotas ---------------------------------------------------------------------------------


class QuotaOut(Schema):
    id: int
    plan_id: int
    title: str
    counts: QuotaCounts
    subject_kind: SubjectKindOrAny
    minimum: int
    period: QuotaPeriod
    requires_summary: bool
    unit_scope: QuotaUnits
    group_id: int | None
    unit_ids: list[int]
    recipient_id: int | None
    due_offset_days: int

    @staticmethod
    def resolve_unit_ids(obj) -> list[int]:
        return [unit.pk for unit in obj.units.all()]


class QuotaIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    counts: QuotaCounts = QuotaCounts.EXEMPLARS
    subject_kind: SubjectKindOrAny = SubjectKindOrAny.ANY
    minimum: int = Field(1, ge=1)
    period: QuotaPeriod = QuotaPeriod.YEAR
    requires_summary: bool = True
    unit_scope: QuotaUnits = QuotaUnits.CHILDREN
    group_id: int | None = None
    unit_ids: list[int] = []
    recipient_id: int | None = None
    due_offset_days: int = 0


class QuotaPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=500)
    counts: QuotaCounts | None = None
    subject_kind: SubjectKindOrAny | None = None
    minimum: int | None = Field(None, ge=1)
    period: QuotaPeriod | None = None
    requires_summary: bool | None = None
    unit_scope: QuotaUnits | None = None
    group_id: int | None = None
    unit_ids: list[int] | None = None
    recipient_id: int | None = None
    due_offset_days: int | None = None


def _quota_fields(request, fields: dict) -> dict:
    if "group_id" in fields:
        groups = org_selectors.groups_visible_to(user=request.user)
        fields["group"] = get_or_400(groups, fields.pop("group_id"), _("Unknown emulation group."))
    if "unit_ids" in fields:
        fields["units"] = _units(request, fields.pop("unit_ids"))
    if "recipient_id" in fields:
        fields["recipient"] = _unit(request, fields.pop("recipient_id"))
    return fields


@router.get("/quotas", response=list[QuotaOut])
@paginate(Pagination)
def quota_list(request, plan_id: int | None = None):
    rows = selectors.quotas_visible_to(user=request.user).order_by("plan_id", "pk")
    return rows.filter(plan_id=plan_id) if plan_id else rows


@router.post("/plans/{int:plan_id}/quotas", response={201: QuotaOut, **ERRORS})
def quota_create(request, plan_id: int, payload: QuotaIn):
    plan = _changeable_plan(request, plan_id)
    fields = _quota_fields(request, payload.dict())
    return Status(201, services.quota_create(plan=plan, actor=request.user, **fields))


@router.patch("/quotas/{int:quota_id}", response={200: QuotaOut, **ERRORS})
def quota_update(request, quota_id: int, payload: QuotaPatch):
    quota = _changeable(request, selectors.quotas_visible_to(user=request.user), quota_id)
    fields = _quota_fields(request, changes(payload))
    return services.quota_update(quota=quota, actor=request.user, **fields)


@router.delete("/quotas/{int:quota_id}", response={204: None, **ERRORS})
def quota_delete(request, quota_id: int):
    quota = _changeable(request, selectors.quotas_visible_to(user=request.user), quota_id)
    services.quota_delete(quota=quota, actor=request.user)
    return Status(204, None)
