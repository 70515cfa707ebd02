"""Sanitising what editors write: story bodies keep a small set of formatting tags, every
other text field keeps no markup at all.

A story body is stored already cleaned (nh3, the Rust "ammonia" sanitiser) and cleaned again
when it is rendered (the `clean_html` filter), so an old row or a direct database write can
never put a script on a page. Images are never part of a body: they are Image rows.
"""

import html

import nh3
from django.utils.translation import gettext_lazy as _

BODY_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan", "scope"},
                   "td": {"colspan", "rowspan"}}  # fmt: skip
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags dropped together with everything inside them (not only the tag).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript"})

BODY_HELP = _(
    "Kept: paragraphs, line breaks, bold (strong), italic (em), underline (u), headings h2–h4, "
    "lists (ul, ol, li), quotations (blockquote), links (a href — http, https and mailto only) "
    "and simple tables. Everything else, including images, scripts and styles, is removed: add "
    "photos under “Images”."
)


def clean_html(value: str | None) -> str:
    """The body's HTML with only the allowed tags and attributes; links get rel=noopener."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=set(BODY_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in BODY_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel="noopener noreferrer",
    ).strip()


def plain_text(value: str | None) -> str:
    """Text with no markup: tags (and a script's or style's content) removed, entities decoded.

    Repeated until stable, so "&lt;script&gt;" cannot turn into a tag once decoded; a lone
    "<" that is not a tag survives ("a < b").
    """
    text = value or ""
    for _round in range(5):
        cleaned = html.unescape(
            nh3.clean(text, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
        )
        if cleaned == text:
            break
        text = cleaned
    return text.strip()


def body_text(value: str | None) -> str:
    """The body's words for search, one space between blocks."""
    spaced = (value or "").replace("<", " <").replace(">", "> ")
    return " ".join(plain_text(spaced).split())
