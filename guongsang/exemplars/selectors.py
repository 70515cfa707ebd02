"""Every non-trivial read of the exemplar registry, with the user's scope applied.

Lists and detail pages use the same selector, so a list never shows what a detail hides.
"""

from django.db.models import Count, Prefetch, Q, QuerySet

from guongsang.exemplars.models import (
    Checkpoint,
    Exemplar,
    Notification,
    StatusChange,
)
from guongsang.orgs import scope
from guongsang.orgs.models import Household, Person, Unit
from guongsang.orgs.selectors import search_filter
from guongsang.plans.enums import PlanStatus
from guongsang.plans.models import Movement, Plan

SUBJECT_KINDS = {
    "individual": Q(person__isnull=False),
    "collective": Q(unit__isnull=False),
    "household": Q(household__isnull=False),
}


def _followed_by(user) -> Q:
    """What a user follows whatever their scope: what they put forward, and themselves."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(registered_by_id=user.pk) | Q(person__user_id=user.pk)


def exemplars_visible_to(
    *,
    user,
    query: str | None = None,
    plan: Plan | None = None,
    movement: Movement | None = None,
    status: str | None = None,
    subject_kind: str | None = None,
    unit: Unit | None = None,
    year: int | None = None,
) -> QuerySet[Exemplar]:
    exemplars = Exemplar.objects.select_related("plan", "movement", "scope_unit")
    if not scope.is_admin(user):
        in_scope = scope.paths_q(scope.scope_paths(user), "scope_unit__path")
        exemplars = exemplars.filter(in_scope | _followed_by(user))
    if plan is not None:
        exemplars = exemplars.filter(plan=plan)
    if movement is not None:
        exemplars = exemplars.filter(movement=movement)
    if status:
        exemplars = exemplars.filter(status=status)
    if subject_kind in SUBJECT_KINDS:
        exemplars = exemplars.filter(SUBJECT_KINDS[subject_kind])
    if unit is not None:
        exemplars = exemplars.filter(scope_unit__path__startswith=unit.path)
    if year:
        exemplars = exemplars.filter(year=year)
    return exemplars.filter(search_filter(query)).order_by("name_sort", "pk")


def exemplar_detail(*, user, pk: int) -> Exemplar | None:
    """One exemplar with everything its page shows, or None when it is out of the user's reach."""
    return (
        exemplars_visible_to(user=user)
        .select_related("person", "unit", "household", "registered_by", "nurturing_plan__mentor")
        .prefetch_related(
            "fields",
            "initiatives",
            "evidence",
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("actor")),
            Prefetch("progress_notes", queryset=_with_user("author")),
            Prefetch("evaluations", queryset=_with_user("evaluator")),
        )
        .filter(pk=pk)
        .first()
    )


def _with_user(field: str):
    from guongsang.exemplars.models import Evaluation, ProgressNote

    model = ProgressNote if field == "author" else Evaluation
    return model.objects.select_related(field)


def checkpoints_of(*, exemplar: Exemplar) -> QuerySet[Checkpoint]:
    return Checkpoint.objects.filter(nurturing_plan__exemplar=exemplar).order_by("due_date", "pk")


def my_exemplars(*, user) -> QuerySet[Exemplar]:
    """What the user registered or nominated, and (for staff) the records about themselves."""
    return (
        Exemplar.objects.filter(_followed_by(user))
        .select_related("plan", "movement")
        .order_by("-registered_at", "-pk")
    )


def plans_open_to(*, user) -> QuerySet[Plan]:
    """Plans in force that apply to some unit the user reaches (issued at or above it)."""
    plans = Plan.objects.exclude(status=PlanStatus.REPLACED).select_related("issuer")
    if scope.is_admin(user):
        return plans
    paths = scope.scope_paths(user, scope.READ_ROLES | {"staff"})
    person_unit = Person.objects.filter(user_id=user.pk).values_list("unit__path", flat=True)
    paths += [p for p in person_unit if p]
    query = Q(pk__in=[])
    for path in paths:
        # The issuer's path is a prefix of the user's unit (above it) or lies in the subtree.
        prefixes = [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]
        query |= Q(issuer__path__in=prefixes) | Q(issuer__path__startswith=path)
    return plans.filter(query)


def movements_of_plans(*, plans: QuerySet[Plan]) -> QuerySet[Movement]:
    return Movement.objects.filter(plan__in=plans).select_related("plan").order_by("plan", "pk")


def subjects_in_scope(*, user, roles=scope.RECORD_WRITE_ROLES, query: str | None = None):
    """People, units and households the user may put forward, each narrowed by a search."""
    paths = None if scope.is_admin(user) else scope.scope_paths(user, roles)

    def within(queryset, field):
        return queryset if paths is None else queryset.filter(scope.paths_q(paths, field))

    people = within(Person.objects.select_related("unit"), "unit__path").filter(unit__isnull=False)
    units = within(Unit.objects.filter(status="active"), "path")
    households = within(Household.objects.select_related("locality"), "locality__path")
    return {
        "people": people.filter(search_filter(query)).order_by("name_sort"),
        "units": units.filter(search_filter(query)).order_by("name_sort"),
        "households": households.filter(search_filter(query)).order_by("name_sort"),
    }


def notifications_of(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


def recognised_collective_ids(year: int | None = None) -> set[int]:
    """Units recognised as exemplary collectives in or before `year` (the leader rule)."""
    exemplars = Exemplar.objects.filter(status="recognised", unit__isnull=False)
    if year is not None:
        exemplars = exemplars.filter(year__lte=year)
    return set(exemplars.values_list("unit_id", flat=True))


def status_counts(*, exemplars: QuerySet[Exemplar]) -> dict[str, int]:
    rows = exemplars.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
