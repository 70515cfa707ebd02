"""The plans API: plans, plan files (import/export) and fields; parts in api_parts.py.

Endpoints call the same selectors and services as the views and check the same rules.
"""

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.orgs import selectors as org_selectors
from guongsang.plans import selectors
from guongsang.plans.api_parts import router as parts_router
from guongsang.plans.enums import PlanStatus
from guongsang.plans.models import Field as FieldModel
from guongsang.plans.planfile import plan_file_import, plan_to_yaml
from guongsang.plans.services import plans as services

router = Router(tags=["plans"])


def unknown_unit() -> str:
    return _("Unknown unit, or outside your scope.")


def visible_unit(request, pk):
    return get_or_400(org_selectors.units_visible_to(user=request.user), pk, unknown_unit())


def visible_units(request, ids: list[int]):
    ids = list(dict.fromkeys(ids or []))
    units = list(org_selectors.units_visible_to(user=request.user).filter(pk__in=ids))
    if len(units) != len(ids):
        from guongsang.common.errors import DomainError

        raise DomainError(unknown_unit())
    return units


class PlanOut(Schema):
    id: int
    number: str
    title: str
    issuer_id: int
    issuer_name: str
    issued_on: datetime.date | None
    start_year: int
    end_year: int
    status: PlanStatus
    bases: list[str]
    implements_ids: list[int]
    replaces_id: int | None
    purpose: str
    signer_name: str
    signer_title: str
    allows_self_registration: bool

    @staticmethod
    def resolve_issuer_name(obj) -> str:
        return obj.issuer.name

    @staticmethod
    def resolve_bases(obj) -> list[str]:
        return [line.strip() for line in obj.bases.splitlines() if line.strip()]

    @staticmethod
    def resolve_implements_ids(obj) -> list[int]:
        return [other.pk for other in obj.implements.all()]


class PlanIn(Schema):
    number: str = Field("", max_length=64)
    title: str = Field(min_length=1, max_length=500)
    issuer_id: int
    issued_on: datetime.date | None = None
    start_year: int = Field(ge=1900, le=2200)
    end_year: int = Field(ge=1900, le=2200)
    bases: list[str] = []
    implements_ids: list[int] = []
    replaces_id: int | None = None
    status: PlanStatus = PlanStatus.DRAFT
    purpose: str = ""
    signer_name: str = ""
    signer_title: str = ""
    allows_self_registration: bool = False


class PlanPatch(Schema):
    number: str | None = Field(None, max_length=64)
    title: str | None = Field(None, min_length=1, max_length=500)
    issuer_id: int | None = None
    issued_on: datetime.date | None = None
    start_year: int | None = Field(None, ge=1900, le=2200)
    end_year: int | None = Field(None, ge=1900, le=2200)
    bases: list[str] | None = None
    implements_ids: list[int] | None = None
    replaces_id: int | None = None
    status: PlanStatus | None = None
    purpose: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    allows_self_registration: bool | None = None


class PlanFilters(Schema):
    q: str | None = None
    issuer_id: int | None = None
    year: int | None = None
    applies_to: int | None = None
    status: PlanStatus | None = None


def _plans(request):
    return selectors.plans_visible_to(user=request.user).prefetch_related("implements")


def _plan_fields(request, fields: dict) -> dict:
    plans = selectors.plans_visible_to(user=request.user)
    if "issuer_id" in fields:
        fields["issuer"] = visible_unit(request, fields.pop("issuer_id"))
        require(request, "plans.add_plan", fields["issuer"])
    if "bases" in fields:
        fields["bases"] = "\n".join(line.strip() for line in fields["bases"] or [])
    if "implements_ids" in fields:
        ids = list(dict.fromkeys(fields.pop("implements_ids") or []))
        fields["implements"] = [get_or_400(plans, pk, _("Unknown plan.")) for pk in ids]
    if "replaces_id" in fields:
        fields["replaces"] = get_or_400(plans, fields.pop("replaces_id"), _("Unknown plan."))
    return {k: v for k, v in fields.items() if v is not None or k in ("issued_on", "replaces")}


@router.get("/plans", response=list[PlanOut])
@paginate(Pagination)
def plan_list(request, filters: Query[PlanFilters]):
    require(request, "plans.browse_plan")
    plans = selectors.plans_search(
        user=request.user,
        query=filters.q,
        issuer=visible_unit(request, filters.issuer_id),
        year=filters.year,
        applies_to=visible_unit(request, filters.applies_to),
        status=filters.status,
    )
    return plans.prefetch_related("implements")


@router.post("/plans", response={201: PlanOut, **ERRORS})
def plan_create(request, payload: PlanIn):
    require(request, "plans.add_plan")
    plan = services.plan_create(actor=request.user, **_plan_fields(request, payload.model_dump()))
    return Status(201, _plans(request).get(pk=plan.pk))


@router.get("/plans/{int:plan_id}", response={200: PlanOut, **ERRORS})
def plan_detail(request, plan_id: int):
    return get_or_404(_plans(request), plan_id)


@router.patch("/plans/{int:plan_id}", response={200: PlanOut, **ERRORS})
def plan_update(request, plan_id: int, payload: PlanPatch):
    plan = get_or_404(_plans(request), plan_id)
    require(request, "plans.change_plan", plan)
    services.plan_update(plan=plan, actor=request.user, **_plan_fields(request, changes(payload)))
    return _plans(request).get(pk=plan.pk)


@router.post("/plans/{int:plan_id}/issue", response={200: PlanOut, **ERRORS})
def plan_issue(request, plan_id: int):
    plan = get_or_404(_plans(request), plan_id)
    require(request, "plans.change_plan", plan)
    services.plan_issue(plan=plan, actor=request.user)
    return _plans(request).get(pk=plan.pk)


# Plan files -----------------------------------------------------------------------------


class PlanFileIn(Schema):
    text: str = Field(min_length=1, description="The plan file (YAML), see docs/plan-format.md.")
    issuer_id: int | None = None
    dry_run: bool = False


class PlanFileOut(Schema):
    valid: bool
    plan: PlanOut | None = None
    created_units: list[str] = []


class PlanFileErrors(Schema):
    detail: str
    errors: list[str]


@router.post(
    "/plans/import",
    response={200: PlanFileOut, 201: PlanFileOut, 400: PlanFileErrors, 403: ERRORS[403]},
)
def plan_import(request, payload: PlanFileIn):
    require(request, "plans.import_plan")
    issuer = visible_unit(request, payload.issuer_id)
    result = plan_file_import(
        payload.text, actor=request.user, issuer=issuer, dry_run=payload.dry_run
    )
    if not result.ok:
        detail = _("The plan file has errors; nothing was saved.")
        return Status(400, {"detail": detail, "errors": result.errors})
    if payload.dry_run:
        return Status(200, {"valid": True, "created_units": result.created_units})
    plan = _plans(request).get(pk=result.plan.pk)
    return Status(201, {"valid": True, "plan": plan, "created_units": result.created_units})


@router.get(
    "/plans/{int:plan_id}/export",
    response={200: str, **ERRORS},
    openapi_extra={"responses": {200: {"content": {"application/yaml": {}}}}},
)
def plan_export(request, plan_id: int):
    plan = get_or_404(_plans(request), plan_id)
    return HttpResponse(plan_to_yaml(plan), content_type="application/yaml; charset=utf-8")


# Fields ---------------------------------------------------------------------------------


class FieldOut(Schema):
    id: int
    code: str
    name: str
    description: str
    is_active: bool


@router.get("/fields", response=list[FieldOut])
def field_list(request):
    require(request, "plans.view_field")
    return FieldModel.objects.all()


router.add_router("", parts_router)
