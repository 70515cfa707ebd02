"""The public API: the portal's published content, readable without signing in.

Mounted at /api/public/. Every endpoint starts from the same public selectors as the portal's
pages, so the API can never show more than the pages do.
"""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, get_or_400, get_or_404
from guongsang.orgs.models import Unit
from guongsang.portal import selectors_share
from guongsang.portal.api_public_schemas import (
    EventDetailOut,
    EventFilters,
    EventOut,
    ProfileDetailOut,
    ProfileFilters,
    ProfileOut,
    ReplicationFilters,
    ReplicationOut,
    SectionOut,
    StoryDetailOut,
    StoryFilters,
    StoryOut,
)

router = Router(tags=["public"], auth=None)


def _unit(pk: int | None) -> Unit | None:
    return get_or_400(Unit.objects.all(), pk, _("Unknown unit."))


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@router.get("/sections", response=list[SectionOut])
@paginate(Pagination)
def public_section_list(request):
    return selectors_share.public_sections()


@router.get("/profiles", response=list[ProfileOut])
@paginate(Pagination)
def public_profile_list(request, filters: Query[ProfileFilters]) -> QuerySet:
    profiles = selectors_share.profiles_public_data(query=filters.q)
    if filters.year:
        profiles = profiles.filter(exemplar__year=filters.year)
    if filters.level:
        profiles = profiles.filter(exemplar__level=filters.level)
    if filters.field:
        profiles = profiles.filter(exemplar__fields__code=filters.field)
    unit = _unit(filters.unit)
    if unit is not None:
        profiles = profiles.filter(exemplar__scope_unit__path__startswith=unit.path)
    return profiles


@router.get("/profiles/{profile_id}", response={200: ProfileDetailOut, **ERRORS})
def public_profile_detail(request, profile_id: int):
    return get_or_404(selectors_share.profiles_public_data(), profile_id)


@router.get("/stories", response=list[StoryOut])
@paginate(Pagination)
def public_story_list(request, filters: Query[StoryFilters]) -> QuerySet:
    stories = selectors_share.stories_public_data(query=filters.q)
    if filters.section:
        stories = stories.filter(section__slug=filters.section)
    if filters.exemplar:
        stories = stories.filter(exemplars=filters.exemplar)
    unit = _unit(filters.unit)
    if unit is not None:
        stories = stories.filter(unit__path__startswith=unit.path)
    return stories


@router.get("/stories/{story_id}", response={200: StoryDetailOut, **ERRORS})
def public_story_detail(request, story_id: int):
    return get_or_404(selectors_share.stories_public_data(), story_id)


@router.get("/events", response=list[EventOut])
@paginate(Pagination)
def public_event_list(request, filters: Query[EventFilters]) -> QuerySet:
    events = selectors_share.events_public_data()
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.status:
        events = events.filter(status=filters.status)
    if filters.start_from:
        events = events.filter(start__gte=_day_start(filters.start_from))
    if filters.start_to:
        events = events.filter(start__lt=_day_start(filters.start_to + datetime.timedelta(1)))
    unit = _unit(filters.unit)
    if unit is not None:
        events = events.filter(organiser__path__startswith=unit.path)
    return events


@router.get("/events/{event_id}", response={200: EventDetailOut, **ERRORS})
def public_event_detail(request, event_id: int):
    return get_or_404(selectors_share.events_public_data(), event_id)


@router.get("/replications", response=list[ReplicationOut])
@paginate(Pagination)
def public_replication_list(request, filters: Query[ReplicationFilters]) -> QuerySet:
    replications = selectors_share.public_replications()
    if filters.exemplar:
        replications = replications.filter(exemplar=filters.exemplar)
    if filters.status:
        replications = replications.filter(status=filters.status)
    unit = _unit(filters.unit)
    if unit is not None:
        replications = replications.filter(unit__path__startswith=unit.path)
    return replications
