"""Reads of propagation activities, events and replications, with the user's scope applied.

public_events is the only way public pages reach events (and public_material their files);
replications_of gives an exemplar's replications to the public pages. Staff lists and detail
pages share the `*_visible_to` selectors, so a list never shows what a detail page hides:
an activity is seen within its unit's scope, an event within its organiser's or a
participating unit's, a replication within the adopting unit's or the exemplar's.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from guongsang.common.text import search_terms
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.exemplars.selectors import exemplars_visible_to
from guongsang.orgs import scope
from guongsang.orgs.forms import units_in_scope
from guongsang.orgs.models import Unit
from guongsang.plans.selectors import milestones_visible_to
from guongsang.propagation.models import Event, EventMaterial, PropagationActivity, Replication
from guongsang.propagation.search import text_search
from guongsang.titles.enums import Level

# Exemplars recognised at these levels are honoured publicly to be followed beyond their unit:
# any recording unit may adopt their model, wherever they were recognised.
WIDELY_REPLICABLE_LEVELS = (Level.PROVINCE, Level.NATIONAL)


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(is_public=True).select_related("organiser")


def public_material(*, pk: int) -> EventMaterial | None:
    """A material shown on the portal: marked public, of an event shown on the portal."""
    return (
        EventMaterial.objects.filter(pk=pk, is_public=True, event__in=public_events())
        .select_related("event")
        .first()
    )


def _scope_q(user, *fields: str) -> Q | None:
    """Rows whose unit (through any of the fields) lies in the user's read scope; None for an
    administrator, who sees everything."""
    if scope.is_admin(user):
        return None
    paths = scope.scope_paths(user)
    query = Q(pk__in=[])
    for field in fields:
        query |= scope.paths_q(paths, f"{field}__path")
    return query


def _year_bounds(year: int, quarter: int | None = None) -> tuple[datetime.date, datetime.date]:
    if quarter:
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
        return start, end - datetime.timedelta(days=1)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# Activities ---------------------------------------------------------------------------------


def activities_visible_to(
    *,
    user,
    unit: Unit | None = None,
    channel: str | None = None,
    year: int | None = None,
    quarter: int | None = None,
    exemplar: Exemplar | None = None,
    query: str | None = None,
) -> QuerySet[PropagationActivity]:
    activities = PropagationActivity.objects.select_related("unit", "plan", "movement")
    in_scope = _scope_q(user, "unit")
    if in_scope is not None:
        activities = activities.filter(in_scope)
    if unit is not None:
        activities = activities.filter(unit__path__startswith=unit.path)
    if channel:
        activities = activities.filter(channel=channel)
    if year:
        activities = activities.filter(date__range=_year_bounds(year, quarter))
    if exemplar is not None:
        activities = activities.filter(exemplars=exemplar)
    activities = text_search(
        activities, query, ("title", "outlet"), extra=lambda term: _activity_text_q(term)
    )
    return activities.order_by("-date", "-pk")


def _activity_text_q(term: str) -> Q:
    featuring = PropagationActivity.exemplars.through.objects.filter(
        exemplar__search_text__contains=term
    ).values("propagationactivity_id")
    return Q(unit__search_text__contains=term) | Q(pk__in=featuring)


def activity_detail(*, user, pk: int) -> PropagationActivity | None:
    return (
        activities_visible_to(user=user)
        .select_related("created_by")
        .prefetch_related("exemplars")
        .filter(pk=pk)
        .first()
    )


# Events -------------------------------------------------------------------------------------


def events_visible_to(
    *,
    user,
    unit: Unit | None = None,
    kind: str | None = None,
    status: str | None = None,
    year: int | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    query: str | None = None,
) -> QuerySet[Event]:
    """Events organised in the user's scope, or attended by a unit of it."""
    events = Event.objects.select_related("organiser", "plan", "milestone")
    in_scope = _scope_q(user, "organiser")
    if in_scope is not None:
        attended = Event.participant_units.through.objects.filter(
            scope.paths_q(scope.scope_paths(user), "unit__path")
        ).values("event_id")
        events = events.filter(in_scope | Q(pk__in=attended))
    if unit is not None:
        events = events.filter(organiser__path__startswith=unit.path)
    if kind:
        events = events.filter(kind=kind)
    if status:
        events = events.filter(status=status)
    if year:
        events = events.filter(start__year=year)
    if start is not None:
        events = events.filter(start__gte=start)
    if end is not None:
        events = events.filter(start__lt=end)
    events = text_search(events, query, ("title", "location"))
    return events.order_by("-start", "-pk")


def event_detail(*, user, pk: int) -> Event | None:
    return (
        events_visible_to(user=user)
        .select_related("created_by", "milestone__plan")
        .prefetch_related("participant_units", "honoured", "presenting", "materials")
        .filter(pk=pk)
        .first()
    )


def material_visible_to(*, user, pk: int) -> EventMaterial | None:
    """A material of an event the user sees (staff side: public or not)."""
    return (
        EventMaterial.objects.filter(pk=pk, event__in=events_visible_to(user=user))
        .select_related("event__organiser")
        .first()
    )


def events_of_month(*, user, year: int, month: int) -> list[Event]:
    """The events starting in a calendar month (local time), for the staff calendar."""
    tz = timezone.get_current_timezone()
    first = datetime.datetime(year, month, 1, tzinfo=tz)
    following = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    events = events_visible_to(user=user, start=first, end=following)
    return list(events.order_by("start", "pk"))


def event_milestones(*, user) -> QuerySet:
    """Milestones an event may fulfil: those of plans visible to the user."""
    return milestones_visible_to(user=user).order_by("plan__title", "due_date", "pk")


# Replications -------------------------------------------------------------------------------


def replications_visible_to(
    *,
    user,
    exemplar: Exemplar | None = None,
    unit: Unit | None = None,
    status: str | None = None,
    year: int | None = None,
    query: str | None = None,
) -> QuerySet[Replication]:
    """Replications by a unit in the user's scope, or of an exemplar of the user's scope."""
    replications = Replication.objects.select_related("exemplar", "unit")
    in_scope = _scope_q(user, "unit", "exemplar__scope_unit")
    if in_scope is not None:
        replications = replications.filter(in_scope)
    if exemplar is not None:
        replications = replications.filter(exemplar=exemplar)
    if unit is not None:
        replications = replications.filter(unit__path__startswith=unit.path)
    if status:
        replications = replications.filter(status=status)
    if year:
        replications = replications.filter(start__year=year)
    for term in search_terms(query):
        replications = replications.filter(
            Q(exemplar__search_text__contains=term) | Q(unit__search_text__contains=term)
        )
    return replications.order_by("-start", "-pk")


def replication_detail(*, user, pk: int) -> Replication | None:
    return (
        replications_visible_to(user=user)
        .select_related("created_by", "exemplar__scope_unit")
        .filter(pk=pk)
        .first()
    )


def replications_of(exemplar: Exemplar) -> QuerySet[Replication]:
    """Every unit that adopted the exemplar's model, newest first (for the public pages: they
    decide first whether the exemplar itself may be shown)."""
    return (
        Replication.objects.filter(exemplar=exemplar)
        .select_related("unit")
        .order_by("-start", "-pk")
    )


# Choices of the forms -----------------------------------------------------------------------


def recordable_units(*, user) -> QuerySet[Unit]:
    """Active units the user may log activities, events and replications for."""
    return units_in_scope(user, scope.RECORD_WRITE_ROLES)


def readable_units(*, user) -> QuerySet[Unit]:
    """Active units the user sees (participating units of an event, filters)."""
    return units_in_scope(user, scope.READ_ROLES)


def pickable_exemplars(*, user, keep=()) -> QuerySet[Exemplar]:
    """Exemplars an activity or an event may feature: those the user sees, not withdrawn
    (`keep`: those it features already stay, whatever became of them)."""
    visible = exemplars_visible_to(user=user)
    return visible.filter(~Q(status=ExemplarStatus.WITHDRAWN) | Q(pk__in=list(keep)))


def replicable_exemplars(*, user, keep: int | None = None) -> QuerySet[Exemplar]:
    """Recognised exemplars whose model a unit may adopt: those of the user's scope, and those
    recognised at province or national level anywhere; `keep` (the exemplar of a replication
    being changed) stays in the list even if it is no longer recognised."""
    visible = exemplars_visible_to(user=user).values("pk")
    replicable = Q(status=ExemplarStatus.RECOGNISED) & (
        Q(pk__in=visible) | Q(level__in=WIDELY_REPLICABLE_LEVELS)
    )
    return (
        Exemplar.objects.filter(replicable | Q(pk=keep) if keep else replicable)
        .select_related("scope_unit")
        .order_by("name_sort", "pk")
    )


def replication_exemplar(*, user, pk: int) -> Exemplar | None:
    """An exemplar whose replications the user may look at: one they see, one anybody may
    adopt, or one with a replication in their scope."""
    found = Exemplar.objects.filter(pk=pk).select_related("scope_unit")
    reachable = (
        Q(pk__in=exemplars_visible_to(user=user).values("pk"))
        | Q(pk__in=replicable_exemplars(user=user).values("pk"))
        | Q(pk__in=replications_visible_to(user=user).values("exemplar_id"))
    )
    return found.filter(reachable).first()
