"""Template helpers of the public pages: the sections menu, the story body, video links,
story cards' addresses and dates, the public forms' fields."""

import datetime
from urllib.parse import urlsplit

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from guongsang.portal import selectors_pages
from guongsang.stories.html import clean_html

register = template.Library()


@register.simple_tag
def portal_sections() -> list:
    """The shown sections, for the menu (one query per page)."""
    return list(selectors_pages.sections().only("pk", "name", "slug"))


@register.filter
def story_body(value: str) -> str:
    """The story's body, sanitised again as it is rendered.

    The editorial services store a body already cleaned (stories/html.py); cleaning it again
    here costs little (nh3) and means a row written any other way — an old import, a direct
    database edit — still cannot put a script or an event handler on a public page.
    """
    return mark_safe(clean_html(value))  # noqa: S308 - cleaned by nh3 just above


@register.filter
def video_links(value: str) -> list[dict]:
    """The profile's video links (one per line) with the site each is on, for plain links."""
    links = []
    for line in (value or "").splitlines():
        url = line.strip()
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
            links.append({"url": url, "host": host})
    return links


@register.filter
def first_image(obj):
    """The first image of a story or profile whose images were prefetched (or None)."""
    images = obj.images.all()
    return images[0] if images else None


@register.filter
def story_url(story) -> str:
    """A public story's address (with its slug when it has one)."""
    if story.slug:
        return reverse("portal:story_detail", kwargs={"pk": story.pk, "slug": story.slug})
    return reverse("portal:story_detail", kwargs={"pk": story.pk})


@register.filter
def short_date(value) -> str:
    """dd/mm/yyyy in the site's time zone: what |date:"d/m/Y" gives, for lists of many rows
    (the date filter costs ~50 µs a call)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


@register.filter
def iso_datetime(value) -> str:
    """The moment in ISO 8601 in the site's time zone, for <time datetime>."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


_blank_forms: dict[tuple, str] = {}


@register.simple_tag
def form_fields(form) -> str:
    """The fields of a public form (portal/_form_fields.html). An empty form renders the same
    on every page, so it is rendered once per process and language; a form sent back with
    errors is rendered afresh."""
    if form.is_bound or form.initial:
        return render_to_string("portal/_form_fields.html", {"form": form})
    key = (type(form), form.prefix, get_language())
    if key not in _blank_forms:
        _blank_forms[key] = render_to_string("portal/_form_fields.html", {"form": form})
    return _blank_forms[key]
