from django.db.models import Q, QuerySet

from guongsang.orgs import scope
from guongsang.orgs.models import Unit
from guongsang.orgs.selectors import search_filter, unit_rollup_q
from guongsang.titles.models import Title, TitleRecord


def titles_active(*, kind: str | None = None, subject_kind: str | None = None) -> QuerySet[Title]:
    titles = Title.objects.filter(is_active=True)
    if kind:
        titles = titles.filter(kind=kind)
    if subject_kind:
        titles = titles.filter(subject_kind=subject_kind)
    return titles


def title_records_visible_to(
    *,
    user,
    query: str | None = None,
    year: int | None = None,
    title: Title | None = None,
    subject_kind: str | None = None,
    unit: Unit | None = None,
) -> QuerySet[TitleRecord]:
    records = TitleRecord.objects.select_related(
        "title", "person", "unit", "household", "scope_unit"
    )
    if not scope.is_admin(user):
        own = Q(person__user_id=user.pk) if user.is_authenticated else Q(pk__in=[])
        records = records.filter(scope.paths_q(scope.scope_paths(user), "scope_unit__path") | own)
    if year:
        records = records.filter(year=year)
    if title is not None:
        records = records.filter(title=title)
    if subject_kind == "individual":
        records = records.filter(person__isnull=False)
    elif subject_kind == "collective":
        records = records.filter(unit__isnull=False)
    elif subject_kind == "household":
        records = records.filter(household__isnull=False)
    if unit is not None:
        # Roll-ups follow successors: a merged unit's records count for its successor.
        records = records.filter(unit_rollup_q(unit=unit, field="scope_unit__path"))
    if query:
        records = records.filter(
            search_filter(query, "person__search_text")
            | search_filter(query, "unit__search_text")
            | search_filter(query, "household__search_text")
        )
    return records.order_by("-year", "-title__rank", "pk")


def title_history_of(*, subject) -> QuerySet[TitleRecord]:
    """Every title record of one person, unit or household, newest first."""
    field = {"Person": "person", "Unit": "unit", "Household": "household"}[type(subject).__name__]
    return (
        TitleRecord.objects.filter(**{field: subject})
        .select_related("title")
        .order_by("-year", "-title__rank")
    )
