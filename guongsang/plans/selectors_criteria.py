"""Reads of criteria sets, eligibility runs and results, and compliance cases, within scope."""

from django.db.models import Q, QuerySet

from guongsang.orgs import scope
from guongsang.orgs.selectors import search_filter
from guongsang.plans.engine.reasons import reasons_expand
from guongsang.plans.models import (
    ComplianceCase,
    CriteriaSet,
    Criterion,
    EligibilityResult,
    EligibilityRun,
)

RESULT_ORDERS = {
    "name": ("name_sort", "pk"),
    "-score": ("-score", "name_sort", "pk"),
    "verdict": ("verdict", "-score", "name_sort", "pk"),
}


def criteria_sets_visible_to(
    *, user, subject_kind: str | None = None, query: str | None = None
) -> QuerySet[CriteriaSet]:
    sets = CriteriaSet.objects.select_related("title", "owner", "field")
    if not scope.is_admin(user):
        if not scope.roles_of(user) & scope.READ_ROLES:
            return sets.none()
        paths = scope.scope_paths(user)
        sets = sets.filter(Q(owner__isnull=True) | scope.paths_q(paths, "owner__path"))
    if subject_kind:
        sets = sets.filter(subject_kind=subject_kind)
    if query:
        sets = sets.filter(name__icontains=query.strip())
    return sets.order_by("-is_builtin", "name_sort")


def runs_visible_to(*, user, criteria_set: CriteriaSet | None = None) -> QuerySet[EligibilityRun]:
    runs = EligibilityRun.objects.select_related("criteria_set", "unit", "created_by")
    if not scope.is_admin(user):
        runs = runs.filter(scope.paths_q(scope.scope_paths(user), "unit__path"))
    if criteria_set is not None:
        runs = runs.filter(criteria_set=criteria_set)
    return runs.order_by("-created_at", "-pk")


def run_results(
    *, run: EligibilityRun, verdict: str | None = None, order: str = "verdict"
) -> QuerySet[EligibilityResult]:
    results = run.results.all()
    if verdict:
        results = results.filter(verdict=verdict)
    return results.order_by(*RESULT_ORDERS.get(order, RESULT_ORDERS["verdict"]))


def run_reason_labels(*, run: EligibilityRun) -> dict:
    """{criterion id: (label, kind)} of the run's criteria set, to expand stored reasons."""
    rows = Criterion.objects.filter(criteria_set_id=run.criteria_set_id)
    return {pk: (label, kind) for pk, label, kind in rows.values_list("pk", "label", "kind")}


def results_with_reasons(results, *, labels: dict):
    """Each result with `reason_items`: its reasons in full (see engine/reasons.py)."""
    for result in results:
        result.reason_items = reasons_expand(result.reasons, labels)
        yield result


def compliance_cases_visible_to(
    *,
    user,
    kind: str | None = None,
    open_only: bool = False,
    query: str | None = None,
) -> QuerySet[ComplianceCase]:
    cases = ComplianceCase.objects.select_related("person", "unit", "household", "scope_unit")
    if not scope.is_admin(user):
        cases = cases.filter(scope.paths_q(scope.scope_paths(user), "scope_unit__path"))
    if kind:
        cases = cases.filter(kind=kind)
    if open_only:
        cases = cases.filter(closed_on__isnull=True)
    if query:
        cases = cases.filter(
            search_filter(query, "person__search_text")
            | search_filter(query, "unit__search_text")
            | search_filter(query, "household__search_text")
        )
    return cases.order_by("-opened_on", "-pk")
