"""Feeds: RSS and Atom of the latest public stories (site-wide and per section), and the
events calendar as iCalendar (ICS).

Feed texts are plain: a title and an excerpt with the markup removed, escaped once more for
readers that treat them as HTML, so nothing an editor typed can run in a reader.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guongsang.portal import selectors_share
from guongsang.portal.sharing import Links, canonical_path, plain_excerpt
from guongsang.propagation.enums import EventStatus
from guongsang.propagation.models import Event
from guongsang.stories.selectors import public_stories

FEED_SIZE = 20
EVENT_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


class LatestStoriesFeed(Feed):
    """The latest public stories of the whole portal (RSS 2.0)."""

    title = gettext_lazy("Gương Sáng — latest stories")
    description = gettext_lazy("Stories about exemplary models, newest first.")

    def link(self):
        return reverse("portal:home")

    def stories(self):
        return public_stories().select_related("section").order_by("-published_at", "-pk")

    def items(self):
        return self.stories()[:FEED_SIZE]

    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        return escape(plain_excerpt(item.lead or item.body, 500))

    def item_link(self, item):
        return canonical_path("story", item)

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.section.name] if item.section and item.section.is_active else []


class LatestStoriesAtom(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description


class SectionStoriesFeed(LatestStoriesFeed):
    """The latest public stories of one section."""

    def get_object(self, request, slug):
        return get_object_or_404(selectors_share.public_sections(), slug=slug)

    def title(self, section):
        return _("Gương Sáng — %(section)s") % {"section": section.name}

    def description(self, section):
        return plain_excerpt(section.description, 500) or _("Stories in %(section)s.") % {
            "section": section.name
        }

    def link(self, section):
        return reverse("portal:section_detail", kwargs={"slug": section.slug})

    def items(self, section):
        return self.stories().filter(section=section)[:FEED_SIZE]


class SectionStoriesAtom(SectionStoriesFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return self.description(section)


# The events calendar -------------------------------------------------------------------


def event_uid(event: Event) -> str:
    """Stable for the event's life: calendar programs update the entry instead of adding one."""
    domain = urlsplit(settings.SITE_URL).hostname or "guongsang"
    return f"su-kien-{event.pk}@{domain}"


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(EVENT_TIMEZONE).replace(microsecond=0)


def _vevent(event: Event, *, links: Links, stamp: datetime.datetime) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", stamp)
    entry.add("dtstart", _local(event.start))
    if event.end:
        entry.add("dtend", _local(event.end))
    entry.add("summary", event.title)
    description = [
        _("Organiser: %(unit)s") % {"unit": event.organiser.name},
        plain_excerpt(event.description, 2000),
        event.online_url,
    ]
    entry.add("description", "\n\n".join(part for part in description if part))
    if event.location:
        entry.add("location", event.location)
    entry.add("url", links.canonical("event", event))
    entry.add("categories", [str(event.get_kind_display())])
    cancelled = event.status == EventStatus.CANCELLED
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return entry


def events_calendar(events, *, base: str, name: str) -> bytes:
    """An iCalendar document of the given public events; base is the site's origin."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Guong Sang//Cong thong tin//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", EVENT_TIMEZONE.key)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    links = Links(base)
    for event in events:
        calendar.add_component(_vevent(event, links=links, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
