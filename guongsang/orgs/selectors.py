"""Every non-trivial read of the organisation data, with the user's scope applied."""

from django.db.models import Q, QuerySet

from guongsang.common.text import search_terms
from guongsang.orgs import scope
from guongsang.orgs.models import EmulationGroup, Household, Person, Unit, UnitSuccession


def search_filter(terms_source: str | None, field: str = "search_text") -> Q:
    """Every folded word of the query must occur in the folded search text."""
    query = Q()
    for term in search_terms(terms_source):
        query &= Q(**{f"{field}__contains": term})
    return query


def units_visible_to(*, user) -> QuerySet[Unit]:
    units = Unit.objects.all()
    if not scope.is_admin(user):
        units = units.filter(scope.paths_q(scope.scope_paths(user)))
    return units


def unit_roots_visible_to(*, user) -> QuerySet[Unit]:
    """The topmost units the user can browse: the roots of the tree or of their scope."""
    if scope.is_admin(user):
        return Unit.objects.filter(depth=1).order_by("name_sort")
    return Unit.objects.filter(path__in=scope.scope_paths(user)).order_by("name_sort")


def unit_children(*, unit: Unit, include_closed: bool = False) -> QuerySet[Unit]:
    children = Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by(
        "name_sort"
    )
    if not include_closed:
        children = children.filter(status="active")
    return children


def units_search(*, user, query: str | None = None, kind: str | None = None) -> QuerySet[Unit]:
    units = units_visible_to(user=user).filter(search_filter(query))
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("name_sort")


def unit_lineage(*, unit: Unit) -> list[Unit]:
    """The unit and every unit that merged or split into it, transitively (for roll-ups)."""
    seen = {unit.pk: unit}
    frontier = [unit.pk]
    while frontier:
        previous = list(Unit.objects.filter(succession_as_predecessor__successor_id__in=frontier))
        frontier = [u.pk for u in previous if u.pk not in seen]
        seen.update({u.pk: u for u in previous})
    return list(seen.values())


def unit_rollup_q(*, unit: Unit, field: str = "path") -> Q:
    """Rows under the unit's subtree or under the subtree of any of its predecessors."""
    return scope.paths_q([u.path for u in unit_lineage(unit=unit)], field)


def predecessor_paths(paths: list[str]) -> list[str]:
    """Paths of every unit that merged or split into a unit with one of these paths.

    One query per generation of merges, so plans and records of a closed unit reach the
    users of its successors.
    """
    found: set[str] = set()
    frontier = list(paths)
    while frontier:
        previous = set(
            UnitSuccession.objects.filter(successor__path__in=frontier).values_list(
                "predecessor__path", flat=True
            )
        )
        frontier = list(previous - found - set(paths))
        found |= previous
    return sorted(found)


def unit_current_successors(*, unit: Unit) -> list[Unit]:
    """Where the unit's work went: its active successors, following chains of merges."""
    result, frontier, seen = [], [unit], {unit.pk}
    while frontier:
        following = list(
            Unit.objects.filter(succession_as_successor__predecessor__in=frontier).distinct()
        )
        frontier = []
        for successor in following:
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            (result if successor.is_active else frontier).append(successor)
    return result


def groups_visible_to(*, user, query: str | None = None) -> QuerySet[EmulationGroup]:
    groups = EmulationGroup.objects.select_related("organiser")
    if not scope.is_admin(user):
        groups = groups.filter(scope.paths_q(scope.scope_paths(user), "organiser__path"))
    return groups.filter(search_filter(query)).order_by("name_sort")


def people_visible_to(*, user, query: str | None = None, unit: Unit | None = None):
    people = Person.objects.select_related("unit")
    if not scope.is_admin(user):
        own = Q(user_id=user.pk) if user.is_authenticated else Q(pk__in=[])
        people = people.filter(scope.paths_q(scope.scope_paths(user), "unit__path") | own)
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    return people.filter(search_filter(query)).order_by("name_sort")


def households_visible_to(*, user, query: str | None = None, unit: Unit | None = None):
    households = Household.objects.select_related("head", "locality")
    if not scope.is_admin(user):
        own = (
            Q(memberships__person__user_id=user.pk) | Q(head__user_id=user.pk)
            if user.is_authenticated
            else Q(pk__in=[])
        )
        in_scope = scope.paths_q(scope.scope_paths(user), "locality__path")
        households = households.filter(pk__in=Household.objects.filter(in_scope | own).values("pk"))
    if unit is not None:
        households = households.filter(locality__path__startswith=unit.path)
    return households.filter(search_filter(query)).order_by("name_sort")
