"""The API for criteria sets (with their nested criteria), compliance cases and eligibility
runs. Same selectors, services and rules as the pages."""

import datetime
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

import guongsang.plans.rules_criteria  # noqa: F401 — registers the permissions
from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs import selectors as org_selectors
from guongsang.plans import selectors_criteria as selectors
from guongsang.plans.engine.reasons import reasons_expand
from guongsang.plans.engine.runs import run_start
from guongsang.plans.enums import CaseKind, CriteriaScope, Verdict
from guongsang.plans.models import ComplianceCase, CriteriaSet, EligibilityRun
from guongsang.plans.services import compliance as case_services
from guongsang.plans.services import criteria as services
from guongsang.titles.enums import SubjectKind
from guongsang.titles.models import Title
from guongsang.titles.services import scope_unit_for

router = Router(tags=["criteria"])


class CriteriaSetOut(Schema):
    id: int
    name: str
    description: str
    scope: CriteriaScope
    subject_kind: SubjectKind
    code: str
    title: str | None = Field(None, description="Code of the title the set qualifies for")
    owner_id: int | None
    field_id: int | None
    legal_reference: str
    is_builtin: bool
    criteria: list[dict[str, Any]]

    @staticmethod
    def resolve_title(obj) -> str | None:
        return obj.title.code if obj.title_id else None

    @staticmethod
    def resolve_criteria(obj) -> list[dict]:
        return services.criteria_as_data(obj)


class CriteriaSetIn(Schema):
    name: str = Field(min_length=1, max_length=500)
    subject_kind: SubjectKind
    criteria: list[dict[str, Any]] = Field(
        description="Nested {kind, label, params, children?, legal_reference?}; see "
        "plans/criteria_params.py for each kind's params"
    )
    description: str = ""
    scope: CriteriaScope = CriteriaScope.GENERAL
    code: str = ""
    title: str | None = None
    owner_id: int | None = None
    legal_reference: str = ""


class CriteriaSetPatch(Schema):
    name: str | None = None
    description: str | None = None
    scope: CriteriaScope | None = None
    code: str | None = None
    title: str | None = None
    owner_id: int | None = None
    legal_reference: str | None = None
    criteria: list[dict[str, Any]] | None = None


def _set_fields(request, data: dict) -> dict:
    if "title" in data:
        code = data.pop("title")
        data["title"] = Title.objects.filter(code=code).first() if code else None
        if code and data["title"] is None:
            raise DomainError(_("Unknown title code “%(code)s”.") % {"code": code})
    if "owner_id" in data:
        owner = data.pop("owner_id")
        data["owner"] = get_or_400(
            org_selectors.units_visible_to(user=request.user), owner, _("Unknown unit.")
        )
    return data


@router.get("/criteria-sets", response=list[CriteriaSetOut])
@paginate(Pagination)
def criteria_set_list(request, subject_kind: SubjectKind | None = None, q: str | None = None):
    return selectors.criteria_sets_visible_to(user=request.user, subject_kind=subject_kind, query=q)


@router.get("/criteria-sets/{int:set_id}", response={200: CriteriaSetOut, **ERRORS})
def criteria_set_detail(request, set_id: int):
    return get_or_404(selectors.criteria_sets_visible_to(user=request.user), set_id)


@router.post("/criteria-sets", response={201: CriteriaSetOut, **ERRORS})
def criteria_set_create(request, payload: CriteriaSetIn):
    require(request, "plans.add_criteriaset")
    data = _set_fields(request, payload.model_dump())
    if data.get("owner") is not None:
        require(request, "plans.change_criteriaset", CriteriaSet(owner=data["owner"]))
    criteria_set = services.criteria_set_create(actor=request.user, **data)
    return Status(201, criteria_set)


@router.patch("/criteria-sets/{int:set_id}", response={200: CriteriaSetOut, **ERRORS})
def criteria_set_update(request, set_id: int, payload: CriteriaSetPatch):
    criteria_set = get_or_404(selectors.criteria_sets_visible_to(user=request.user), set_id)
    require(request, "plans.change_criteriaset", criteria_set)
    data = _set_fields(request, changes(payload))
    services.criteria_set_update(criteria_set=criteria_set, actor=request.user, **data)
    return CriteriaSet.objects.get(pk=set_id)


# Compliance cases ---------------------------------------------------------------------------


class CaseOut(Schema):
    id: int
    kind: CaseKind
    subject_kind: SubjectKind
    subject_name: str
    person_id: int | None
    unit_id: int | None
    household_id: int | None
    scope_unit_id: int
    opened_on: datetime.date
    closed_on: datetime.date | None
    effect_until: datetime.date | None
    reference: str
    note: str

    @staticmethod
    def resolve_subject_name(obj) -> str:
        return str(obj.subject)


class CaseIn(Schema):
    kind: CaseKind
    person_id: int | None = None
    unit_id: int | None = None
    household_id: int | None = None
    opened_on: datetime.date
    closed_on: datetime.date | None = None
    effect_until: datetime.date | None = None
    reference: str = ""
    note: str = ""


class CasePatch(Schema):
    opened_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    effect_until: datetime.date | None = None
    reference: str | None = None
    note: str | None = None


def _subject(request, person_id, unit_id, household_id):
    given = [
        (pk, queryset)
        for pk, queryset in (
            (person_id, org_selectors.people_visible_to(user=request.user)),
            (unit_id, org_selectors.units_visible_to(user=request.user)),
            (household_id, org_selectors.households_visible_to(user=request.user)),
        )
        if pk is not None
    ]
    if len(given) != 1:
        raise DomainError(_("Give exactly one subject: a person, a unit or a household."))
    pk, queryset = given[0]
    return get_or_400(queryset, pk, _("Unknown subject, or outside your scope."))


def _cases(request):
    return selectors.compliance_cases_visible_to(user=request.user)


@router.get("/compliance-cases", response=list[CaseOut])
@paginate(Pagination)
def case_list(request, kind: CaseKind | None = None, open_only: bool = False):
    return selectors.compliance_cases_visible_to(user=request.user, kind=kind, open_only=open_only)


@router.get("/compliance-cases/{int:case_id}", response={200: CaseOut, **ERRORS})
def case_detail(request, case_id: int):
    return get_or_404(_cases(request), case_id)


@router.post("/compliance-cases", response={201: CaseOut, **ERRORS})
def case_create(request, payload: CaseIn):
    require(request, "plans.add_compliancecase")
    subject = _subject(request, payload.person_id, payload.unit_id, payload.household_id)
    require(
        request, "plans.change_compliancecase", ComplianceCase(scope_unit=scope_unit_for(subject))
    )
    fields = payload.model_dump(include={"closed_on", "effect_until", "reference", "note"})
    case = case_services.compliance_case_create(
        subject=subject, kind=payload.kind, opened_on=payload.opened_on, actor=request.user,
        **fields,
    )  # fmt: skip
    return Status(201, _cases(request).get(pk=case.pk))


@router.patch("/compliance-cases/{int:case_id}", response={200: CaseOut, **ERRORS})
def case_update(request, case_id: int, payload: CasePatch):
    case = get_or_404(_cases(request), case_id)
    require(request, "plans.change_compliancecase", case)
    case_services.compliance_case_update(case=case, actor=request.user, **changes(payload))
    return _cases(request).get(pk=case.pk)


# Eligibility runs ---------------------------------------------------------------------------


class RunIn(Schema):
    criteria_set_id: int
    year: int = Field(ge=1945, le=2100)
    unit_id: int = Field(description="Candidates are the subjects under this unit")


class RunOut(Schema):
    id: int
    criteria_set_id: int
    year: int
    unit_id: int
    status: str
    candidates: int
    eligible: int
    not_eligible: int
    needs_judgement: int
    seconds: float | None
    message: str


class ResultOut(Schema):
    id: int
    subject_kind: SubjectKind
    person_id: int | None
    unit_id: int | None
    household_id: int | None
    subject_name: str
    unit_name: str
    verdict: Verdict
    score: int
    reasons: list[dict[str, Any]]

    @staticmethod
    def resolve_reasons(obj, context) -> list[dict]:
        """In full (label, kind, verdict, text, depth); the criteria read once per request."""
        labels = context["request"].__dict__.setdefault("_reason_labels", {})
        if obj.run_id not in labels:
            labels[obj.run_id] = selectors.run_reason_labels(run=obj.run)
        return reasons_expand(obj.reasons, labels[obj.run_id])


@router.post("/eligibility-runs", response={202: RunOut, **ERRORS})
def run_create(request, payload: RunIn):
    criteria_set = get_or_400(
        selectors.criteria_sets_visible_to(user=request.user),
        payload.criteria_set_id,
        _("Unknown criteria set."),
    )
    unit = get_or_400(
        org_selectors.units_visible_to(user=request.user), payload.unit_id, _("Unknown unit.")
    )
    require(request, "plans.run_eligibility", unit)
    run = run_start(criteria_set=criteria_set, year=payload.year, unit=unit, actor=request.user)
    return Status(202, run)


def _run(request, run_id: int) -> EligibilityRun:
    return get_or_404(selectors.runs_visible_to(user=request.user), run_id)


@router.get("/eligibility-runs/{int:run_id}", response={200: RunOut, **ERRORS})
def run_detail(request, run_id: int):
    return _run(request, run_id)


class ResultFilters(Schema):
    verdict: Verdict | None = None
    sort: Literal["verdict", "name", "-score"] = "verdict"


@router.get("/eligibility-runs/{int:run_id}/results", response=list[ResultOut])
@paginate(Pagination)
def run_results(request, run_id: int, filters: Query[ResultFilters]):
    run = _run(request, run_id)
    return selectors.run_results(run=run, verdict=filters.verdict, order=filters.sort)
