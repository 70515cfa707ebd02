"""Template helpers of the public pages: the sections menu, the story body, video links."""

from urllib.parse import urlsplit

from django import template
from django.utils.safestring import mark_safe

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
