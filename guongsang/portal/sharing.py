"""What every public page shares: its canonical and short address and its Open Graph /
Twitter card description. Pages build a PageMeta and templates render portal/_share_meta.html."""

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from guongsang.common.text import fold

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
SHORT_PREFIX = {"profile": "g", "story": "b", "event": "s"}
KIND_OF_PREFIX = {prefix: kind for kind, prefix in SHORT_PREFIX.items()}
DETAIL_URL_NAME = {
    "profile": "portal:profile_detail",
    "story": "portal:story_detail",
    "event": "portal:event_detail",
}


def short_code(pk: int) -> str:
    """A stable short code for a primary key (base 36): it never changes for a record."""
    code = ""
    while True:
        pk, rest = divmod(pk, 36)
        code = _ALPHABET[rest] + code
        if pk == 0:
            return code


def pk_of(code: str) -> int | None:
    try:
        pk = int(code, 36)
    except ValueError:
        return None
    return pk if 0 < pk < 2**63 else None


# Feeds, sitemaps and open data build tens of thousands of addresses: each URL pattern is
# reversed once with stand-in values, which are then replaced (a reverse() costs ~40 µs).
_PK_STANDIN = 918273645546372819
_PK_TEXT = str(_PK_STANDIN)
_SLUG_STANDIN = "gs-slug-standin"
_CODE_STANDIN = "zqzqzqzqzqzq"


@lru_cache(maxsize=64)
def _reversed(name: str, kwargs: tuple, urlconf: str, script_prefix: str) -> str:
    return reverse(name, kwargs=dict(kwargs), urlconf=urlconf)


def _fast_reverse(name: str, **kwargs) -> str:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(name, tuple(sorted(kwargs.items())), urlconf, get_script_prefix())


def short_path(kind: str, pk: int) -> str:
    return Links().short(kind, pk)


def canonical_slug(kind: str, obj) -> str:
    """The readable slug after the pk in a public page's canonical address (a profile needs
    its exemplar loaded). The public pages redirect an outdated slug to this one."""
    if kind == "profile":
        return slug_of(obj.exemplar.subject_name)
    if kind == "story":
        return obj.slug or slug_of(obj.title)
    return slug_of(obj.title)


def canonical_path(kind: str, obj) -> str:
    """The canonical path of a public profile, story or event: /…/<pk>/<slug>/."""
    return Links().canonical(kind, obj)


class Links:
    """Addresses of many records at once (a feed, a sitemap, an open data file): each URL
    pattern is looked up once, then filled in. `origin` ("https://host") makes them absolute."""

    def __init__(self, origin: str = ""):
        self.origin = origin
        self._patterns: dict[tuple, str] = {}

    def _pattern(self, name: str, **kwargs) -> str:
        key = (name, *kwargs.values())
        if key not in self._patterns:
            self._patterns[key] = _fast_reverse(name, **kwargs)
        return self._patterns[key]

    def canonical(self, kind: str, obj) -> str:
        pattern = self._pattern(DETAIL_URL_NAME[kind], pk=_PK_STANDIN, slug=_SLUG_STANDIN)
        slug = quote(canonical_slug(kind, obj), safe="")
        path = pattern.replace(_PK_TEXT, str(int(obj.pk))).replace(_SLUG_STANDIN, slug)
        return self.origin + path

    def short(self, kind: str, pk: int) -> str:
        pattern = self._pattern("portal_short:short", kind=SHORT_PREFIX[kind], code=_CODE_STANDIN)
        return self.origin + pattern.replace(_CODE_STANDIN, short_code(pk))


def published_pk(prefix: str, code: str) -> int | None:
    """The pk behind a short code (prefix g, b or s) if that content is public now, else None."""
    # Imported here: the editorial services import this module for slug_of.
    from guongsang.propagation.selectors import public_events
    from guongsang.stories.selectors import public_profiles, public_stories

    pk = pk_of(code)
    queryset = {"g": public_profiles, "b": public_stories, "s": public_events}[prefix]()
    if pk is None or not queryset.filter(pk=pk).exists():
        return None
    return pk


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str = ""
    path: str = ""  # the canonical path; made absolute with the request
    image_path: str = ""
    short: str = ""  # the short path, if the page has one
    kind: str = "website"  # og:type: website or article


def plain_excerpt(text: str, limit: int = 200) -> str:
    """A one-line description for cards, feeds and search engines: plain text (tags removed,
    entities decoded), so it must be escaped wherever it is written into markup."""
    from html import unescape

    from django.utils.html import strip_tags

    flat = " ".join(unescape(strip_tags(text or "")).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def slug_of(text: str) -> str:
    """An ASCII address fragment from a Vietnamese title (diacritics folded)."""
    from django.utils.text import slugify

    return slugify(fold(text))[:80] or "bai-viet"
