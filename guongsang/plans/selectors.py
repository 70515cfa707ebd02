"""Every non-trivial read of plans and their parts, with the user's scope applied.

A plan applies to a unit when it was issued by the unit or one of its ancestors, or when
it names the unit (or an ancestor) as a milestone's responsible unit, a movement's lead or
cooperating unit, or a quota's listed unit, recipient or emulation-group member. A user
with a role sees the plans that apply to any unit of their scope, and the plans issued
inside it; a staff member sees the plans that apply to their own unit.
"""

import datetime

from django.db.models import Prefetch, Q, QuerySet

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.models import Person, Unit
from guongsang.orgs.selectors import predecessor_paths, search_filter
from guongsang.plans.models import Milestone, Movement, Plan, Quota, Stage, Target

NAMED_UNIT_PATHS = (
    "milestones__responsible_units__path",
    "movements__lead_unit__path",
    "movements__cooperating_units__path",
    "quotas__units__path",
    "quotas__recipient__path",
    "quotas__group__members__path",
)


def ancestor_paths(paths) -> list[str]:
    """Each path and the paths of all its ancestors (materialised-path prefixes)."""
    step = Unit.steplen
    return sorted({p[:i] for p in paths for i in range(step, len(p) + 1, step)})


def _applies_q(*, unit_paths: list[str], subtree_roots: list[str]) -> Q:
    """Plans applying to these units (or anything in these subtrees)."""
    ancestors = ancestor_paths([*unit_paths, *subtree_roots])
    # A plan of a unit that has since merged or split applies to its successors.
    ancestors += predecessor_paths(ancestors)
    query = Q(issuer__path__in=ancestors) | scope.paths_q(subtree_roots, "issuer__path")
    for field in NAMED_UNIT_PATHS:
        query |= Q(**{f"{field}__in": ancestors}) | scope.paths_q(subtree_roots, field)
    return query


def _with_related(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    return plans.select_related("issuer", "replaces")


def _own_unit_paths(user) -> list[str]:
    if Role.STAFF not in scope.roles_of(user):
        return []
    return list(
        Person.objects.filter(user_id=user.pk, unit__isnull=False).values_list(
            "unit__path", flat=True
        )
    )


def plans_visible_to(*, user) -> QuerySet[Plan]:
    plans = Plan.objects.all()
    if not scope.is_admin(user):
        if not user or not user.is_authenticated:
            return plans.none()
        roots, own = scope.scope_paths(user), _own_unit_paths(user)
        if not roots and not own:
            return plans.none()
        applying = Plan.objects.filter(_applies_q(unit_paths=own, subtree_roots=roots))
        plans = plans.filter(pk__in=applying.values("pk"))
    return _with_related(plans)


def plans_applying_to(*, unit: Unit) -> QuerySet[Plan]:
    applying = Plan.objects.filter(_applies_q(unit_paths=[unit.path], subtree_roots=[]))
    return _with_related(Plan.objects.filter(pk__in=applying.values("pk")))


def plans_search(
    *,
    user,
    query: str | None = None,
    issuer: Unit | None = None,
    year: int | None = None,
    applies_to: Unit | None = None,
    status: str | None = None,
) -> QuerySet[Plan]:
    plans = plans_visible_to(user=user).filter(search_filter(query))
    if issuer is not None:
        plans = plans.filter(issuer=issuer)
    if year:
        plans = plans.filter(start_year__lte=year, end_year__gte=year)
    if applies_to is not None:
        plans = plans.filter(pk__in=plans_applying_to(unit=applies_to).values("pk"))
    if status:
        plans = plans.filter(status=status)
    return plans


def plan_parts(*, plan: Plan) -> dict:
    """Stages, milestones, movements (with targets) and quotas of a plan, each one query."""
    movements = plan.movements.select_related("lead_unit").prefetch_related(
        "cooperating_units",
        "fields",
        "criteria_sets",
        Prefetch("targets", queryset=Target.objects.order_by("subject_kind")),
    )
    return {
        "stages": list(plan.stages.all()),
        "milestones": list(plan.milestones.prefetch_related("responsible_units")),
        "movements": list(movements),
        "quotas": list(plan.quotas.select_related("group", "recipient").prefetch_related("units")),
        "implements": list(plan.implements.select_related("issuer")),
    }


def stages_of(*, user, plan_id: int) -> QuerySet[Stage]:
    return Stage.objects.filter(plan__in=plans_visible_to(user=user), plan_id=plan_id)


def milestones_visible_to(*, user) -> QuerySet[Milestone]:
    return (
        Milestone.objects.filter(plan__in=plans_visible_to(user=user).values("pk"))
        .select_related("plan")
        .prefetch_related("responsible_units")
    )


def milestones_upcoming(*, user, today: datetime.date | None = None, days: int | None = None):
    """Milestones not done whose due date is today or later (within `days` if given)."""
    today = today or datetime.date.today()
    rows = milestones_visible_to(user=user).filter(done_on__isnull=True, due_date__gte=today)
    if days is not None:
        rows = rows.filter(due_date__lte=today + datetime.timedelta(days=days))
    return rows.order_by("due_date", "pk")


def milestones_overdue(*, user, today: datetime.date | None = None):
    today = today or datetime.date.today()
    rows = milestones_visible_to(user=user).filter(done_on__isnull=True, due_date__lt=today)
    return rows.order_by("due_date", "pk")


def movements_visible_to(*, user) -> QuerySet[Movement]:
    return (
        Movement.objects.filter(plan__in=plans_visible_to(user=user).values("pk"))
        .select_related("lead_unit", "plan")
        .prefetch_related("cooperating_units", "fields", "criteria_sets", "targets")
    )


def quotas_visible_to(*, user) -> QuerySet[Quota]:
    return (
        Quota.objects.filter(plan__in=plans_visible_to(user=user).values("pk"))
        .select_related("group", "recipient", "plan")
        .prefetch_related("units")
    )
