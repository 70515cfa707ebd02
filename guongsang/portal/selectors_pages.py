"""Reads behind the public pages: home, sections, browsing, an exemplar's page, a story, events.

Everything starts from stories.selectors.public_stories()/public_profiles() and
propagation.selectors.public_events(), so no page can reach a draft, a scheduled or archived
story, a withdrawn profile, a person without consent or an event that is not public. An
exemplar is named or linked on a public page only when it has a public profile.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from guongsang.awards.enums import DecisionStatus
from guongsang.awards.models import Decision
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.enums import UnitStatus
from guongsang.orgs.models import Unit
from guongsang.plans.models import Field, Movement
from guongsang.propagation.enums import EventStatus
from guongsang.propagation.models import Event, EventMaterial, Replication
from guongsang.propagation.selectors import public_events
from guongsang.stories.enums import CommentStatus
from guongsang.stories.models import Comment, ExemplarProfile, Image, ReactionTally, Section, Story
from guongsang.stories.selectors import public_profiles, public_stories
from guongsang.titles.enums import Level

HOME_FEATURED = 6
HOME_STORIES = 8
HOME_EVENTS = 5
# An exemplar's page lists its newest stories; older ones are found by searching the name.
# Stories on an exemplar's page; the rest are on its own list of stories (profile_stories).
PROFILE_STORIES = 6
# Units offered in the browse filter: the province and the level below it (a unit's
# filter covers its whole subtree, so deeper units are reached through their parents).
BROWSE_UNIT_DEPTH = 2


def sections() -> QuerySet[Section]:
    return Section.objects.filter(is_active=True).order_by("position", "name")


def _first_image() -> Prefetch:
    return Prefetch("images", queryset=Image.objects.order_by("position", "pk"))


def story_cards() -> QuerySet[Story]:
    """Public stories with what a card shows (section, first image), newest first."""
    return (
        public_stories()
        .select_related("section")
        .prefetch_related(_first_image())
        .only(
            "pk",
            "title",
            "slug",
            "lead",
            "published_at",
            "section__name",
            "section__slug",
            "section__is_active",
        )
        .order_by("-published_at", "-pk")
    )


def profile_cards() -> QuerySet[ExemplarProfile]:
    """Public profiles with their exemplar and first image, in Vietnamese name order."""
    return (
        public_profiles()
        .select_related("exemplar")
        .prefetch_related(_first_image())
        .order_by("exemplar__name_sort", "pk")
    )


def upcoming_events(*, now: datetime.datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return (
        public_events()
        .filter(Q(start__gte=now) | Q(end__gte=now))
        .exclude(status=EventStatus.CANCELLED)
        .order_by("start", "pk")
    )


@dataclass
class Home:
    featured: list
    stories: list
    events: list


def home() -> Home:
    """The home page's content: three queries (and one for the cards' images)."""
    featured = profile_cards().filter(is_featured=True).order_by("-published_at", "-pk")
    return Home(
        featured=list(featured[:HOME_FEATURED]),
        stories=list(story_cards()[:HOME_STORIES]),
        events=list(upcoming_events()[:HOME_EVENTS]),
    )


def section_stories(section: Section) -> QuerySet[Story]:
    return story_cards().filter(section=section)


# --- browsing exemplars -------------------------------------------------------------------


@dataclass
class BrowseChoices:
    fields: list
    movements: list
    levels: list
    years: list
    units: list = field(default_factory=list)


def browse_choices() -> BrowseChoices:
    """What the filters offer: only values that public profiles have (units: the top levels)."""
    public_exemplars = Exemplar.objects.filter(profile__in=public_profiles())
    movements = Movement.objects.filter(exemplars__in=public_exemplars).distinct()
    years = public_exemplars.order_by("-year").values_list("year", flat=True).distinct()
    units = Unit.objects.filter(depth__lte=BROWSE_UNIT_DEPTH, status=UnitStatus.ACTIVE)
    return BrowseChoices(
        fields=list(Field.objects.filter(is_active=True).only("pk", "name")),
        movements=list(movements.only("pk", "name").order_by("name")),
        levels=list(Level.choices),
        years=list(years),
        units=list(units.only("pk", "name", "depth", "path").order_by("path")),
    )


def browse_profiles(
    *, field_id: int | None = None, movement_id: int | None = None, level: str = "",
    year: int | None = None, unit: Unit | None = None,
) -> QuerySet[ExemplarProfile]:  # fmt: skip
    profiles = profile_cards()
    if field_id:
        profiles = profiles.filter(exemplar__fields=field_id)
    if movement_id:
        profiles = profiles.filter(exemplar__movement_id=movement_id)
    if level:
        profiles = profiles.filter(exemplar__level=level)
    if year:
        profiles = profiles.filter(exemplar__year=year)
    if unit is not None:
        profiles = profiles.filter(exemplar__scope_unit__path__startswith=unit.path)
    return profiles


# --- an exemplar's page ------------------------------------------------------------------------


# Long texts an exemplar's page does not show: not read (they are loaded if ever asked for).
_LONG_TEXT = (
    "search_text", "exemplar__search_text", "exemplar__summary", "exemplar__key_achievements",
    "exemplar__titles_held", "exemplar__story_draft",
)  # fmt: skip


def profile(pk: int) -> ExemplarProfile | None:
    return (
        public_profiles()
        .select_related("exemplar", "exemplar__movement")
        .prefetch_related("exemplar__fields", "images")
        .defer(*_LONG_TEXT)
        .filter(pk=pk)
        .first()
    )


def published_comments(**target) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(status=CommentStatus.PUBLISHED, **target)
        .only("author_name", "created_at", "text")
        .order_by("created_at")
    )


def profile_stories(profile: ExemplarProfile) -> QuerySet[Story]:
    """The public stories about the profile's exemplar, newest first."""
    links = Story.exemplars.through.objects.filter(exemplar_id=profile.exemplar_id)
    return story_cards().filter(pk__in=links.values("story_id"))


# What portal/_event_item.html shows of an event.
EVENT_ITEM = ("kind", "title", "start", "location", "status", "organiser__name")


@dataclass
class ProfilePage:
    decisions: list
    stories: list
    more_stories: bool
    replications: list
    events: list
    comments: list


def profile_page(profile: ExemplarProfile) -> ProfilePage:
    """What an exemplar's page lists besides the profile: one query per list.

    Stories and events are chosen by id from the link tables (IN subqueries, not joins): with
    a join SQLite walked every public story newest first, probing the link table for each
    (17 ms at 50,000 stories); with the subquery it reads the exemplar's few (6 ms without
    the planner's statistics, well under 1 ms with them). Only the newest PROFILE_STORIES
    stories are listed, so a much-written-about exemplar's page stays bounded and quick to
    build; `more_stories` says whether its list of stories has more.
    """
    exemplar = profile.exemplar
    decisions = (
        Decision.objects.filter(status=DecisionStatus.ISSUED, recipients__exemplar=exemplar)
        .select_related("title")
        .only("number", "date", "authority_name", "title__name")
        .distinct()
        .order_by("-date", "-pk")
    )
    honoured, presenting = Event.honoured.through.objects, Event.presenting.through.objects
    events = public_events().filter(
        Q(pk__in=honoured.filter(exemplar=exemplar).values("event_id"))
        | Q(pk__in=presenting.filter(exemplar=exemplar).values("event_id"))
    )
    stories = list(profile_stories(profile)[: PROFILE_STORIES + 1])
    return ProfilePage(
        decisions=list(decisions),
        stories=stories[:PROFILE_STORIES],
        more_stories=len(stories) > PROFILE_STORIES,
        replications=list(
            Replication.objects.filter(exemplar=exemplar)
            .select_related("unit")
            .only("start", "status", "unit__name")
            .order_by("-start", "-pk")
        ),
        events=list(events.only(*EVENT_ITEM).order_by("-start", "-pk")),
        comments=list(published_comments(profile=profile)),
    )


# --- a story ---------------------------------------------------------------------------------


def story(pk: int) -> Story | None:
    return (
        public_stories()
        .select_related("section", "unit")
        .prefetch_related("images")
        .filter(pk=pk)
        .first()
    )


def public_profiles_of(exemplar_ids) -> list[ExemplarProfile]:
    """The public profiles of these exemplars (the only ones a page may name and link)."""
    return list(
        public_profiles()
        .filter(exemplar__in=exemplar_ids)
        .select_related("exemplar")
        .order_by("exemplar__name_sort", "pk")
    )


@dataclass
class StoryPage:
    profiles: list
    reactions: dict
    comments: list


def story_page(story: Story) -> StoryPage:
    exemplar_ids = Story.exemplars.through.objects.filter(story=story).values("exemplar_id")
    return StoryPage(
        profiles=public_profiles_of(exemplar_ids),
        reactions=dict(ReactionTally.objects.filter(story=story).values_list("kind", "count")),
        comments=list(published_comments(story=story)),
    )


# --- events ------------------------------------------------------------------------------------


def past_events(*, now: datetime.datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return (
        public_events()
        .filter(start__lt=now)
        .filter(Q(end__isnull=True) | Q(end__lt=now))
        .order_by("-start", "-pk")
    )


def event(pk: int) -> Event | None:
    materials = EventMaterial.objects.filter(is_public=True).order_by("pk")
    return (
        public_events()
        .prefetch_related(Prefetch("materials", queryset=materials, to_attr="public_materials"))
        .filter(pk=pk)
        .first()
    )


@dataclass
class EventPage:
    honoured: list
    presenting: list


def event_page(event: Event) -> EventPage:
    """The exemplars honoured and presenting: only those with a public profile are named."""
    through = Event.honoured.through, Event.presenting.through
    return EventPage(
        *(public_profiles_of(m.objects.filter(event=event).values("exemplar_id")) for m in through)
    )
