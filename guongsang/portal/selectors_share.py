"""Reads behind sharing and open data (sitemap, feeds, widget, open data, the public API).

Everything starts from the public_* selectors of stories and propagation, so nothing here can
reach a draft, a scheduled or archived story, a withdrawn profile or a person without consent.
"""

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from guongsang.exemplars.models import Exemplar
from guongsang.orgs.enums import UnitStatus
from guongsang.orgs.models import Unit
from guongsang.orgs.selectors import search_filter
from guongsang.propagation.models import Event, Replication
from guongsang.propagation.selectors import public_events
from guongsang.stories.enums import StoryStatus
from guongsang.stories.models import ExemplarProfile, Section, Story
from guongsang.stories.selectors import public_profiles, public_stories


def public_sections() -> QuerySet[Section]:
    return Section.objects.filter(is_active=True).order_by("position", "name")


def sections_with_lastmod() -> QuerySet[Section]:
    """Shown sections with the date of their latest public story (for the sitemap)."""
    public = Q(stories__status=StoryStatus.PUBLISHED, stories__published_at__lte=timezone.now())
    return public_sections().annotate(last_story=Max("stories__published_at", filter=public))


def profiles_public_data(*, query: str | None = None) -> QuerySet[ExemplarProfile]:
    """Public profiles with what open data and the API show: the exemplar and its fields."""
    return (
        public_profiles()
        .filter(search_filter(query))
        .select_related("exemplar")
        .prefetch_related("exemplar__fields")
        .order_by("-published_at", "-pk")
    )


def public_exemplars() -> QuerySet[Exemplar]:
    """Exemplars that have a public profile: the only exemplar ids the public may see."""
    return Exemplar.objects.filter(profile__in=public_profiles())


def stories_public_data(*, query: str | None = None) -> QuerySet[Story]:
    """Public stories with their section, unit and the exemplars that have a public profile."""
    exemplars = public_exemplars().only("pk").order_by("pk")
    return (
        public_stories()
        .filter(search_filter(query))
        .select_related("section", "unit")
        .prefetch_related(Prefetch("exemplars", queryset=exemplars, to_attr="public_exemplars"))
        .order_by("-published_at", "-pk")
    )


def events_public_data() -> QuerySet[Event]:
    return public_events().order_by("-start", "-pk")


def public_replications() -> QuerySet[Replication]:
    """Replications of exemplars that have a public profile (nhân rộng)."""
    return (
        Replication.objects.filter(exemplar__in=public_exemplars())
        .select_related("unit")
        .order_by("-start", "-pk")
    )


def unit_public_profiles(*, unit: Unit, limit: int) -> list[ExemplarProfile]:
    """The latest public profiles of exemplars in the unit's subtree (for the widget)."""
    return list(
        public_profiles()
        .filter(exemplar__scope_unit__path__startswith=unit.path)
        .select_related("exemplar")
        .order_by("-published_at", "-pk")[:limit]
    )


def unit_public_stories(*, unit: Unit, limit: int) -> list[Story]:
    """The latest public stories of the unit's subtree (for the widget)."""
    return list(
        public_stories()
        .filter(unit__path__startswith=unit.path)
        .only("pk", "title", "slug", "published_at")
        .order_by("-published_at", "-pk")[:limit]
    )


def units_for_widget(*, query: str | None, limit: int = 20) -> list[Unit]:
    """Active units whose (folded) name matches, for the snippet generator."""
    if not (query or "").strip():
        return []
    units = Unit.objects.filter(search_filter(query), status=UnitStatus.ACTIVE)
    return list(units.order_by("name_sort")[:limit])
