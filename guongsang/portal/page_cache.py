"""A short server-side cache of the public pages as an anonymous visitor sees them.

Every anonymous visitor of a public page sees the same page, so it is built once and kept
PAGE_SECONDS (60 s) in Django's cache (settings CACHES, from CACHE_URL: a database table by
default, so that every server process shares it), keyed by the page's absolute address and
language.

Never cached, never served from the cache:
- anything but GET and HEAD, and HTMX requests;
- a request with any cookie besides the CSRF and language cookies: a session (a signed-in
  user, or flash messages), the messages cookie, the reactions cookie or one we do not know
  may change the page, so such a visitor always gets a page built for them;
- a response other than a 200 HTML page, or one that sets a cookie other than CSRF's;
- a page built inside a database transaction: it may show rows that are then rolled back
  (and tests, which run in one, see no cache at all).

The CSRF token is each visitor's own: the stored page has a placeholder where the token was,
and each copy served gets a token for its visitor's CSRF cookie (get_token, which also makes
the CSRF middleware set that cookie, as for a page built afresh).

Freshness: saving or deleting public content through the ORM (WATCHED below: what editors
and moderators change) moves a version number kept in the same cache once the transaction
commits; a stored page remembers the version it was built at and is not served after it
moved, so publishing, correcting, withdrawing or moderating shows at once in every process
connected to that cache. What changes without such a save — a scheduled story whose time
comes, reaction counts (one UPDATE each), names of units and exemplars, edits outside the
ORM — shows within PAGE_SECONDS.

A page served from the cache still counts its view (`count_view`, buffered as always).
Responses say X-Cache: hit, miss or bypass.
"""

import functools
import hashlib
import logging
import re
import zlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token

from guongsang.awards.models import Decision, DecisionRecipient
from guongsang.propagation.models import Event, EventMaterial, Replication
from guongsang.stories.enums import CommentStatus
from guongsang.stories.models import (
    Comment,
    ExemplarProfile,
    Image,
    ReactionTally,
    Section,
    Story,
)
from guongsang.stories.services.public import view_record

PAGE_SECONDS = 60
KEY_PREFIX = "portal-page:"
VERSION_KEY = "portal-page-version"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{32,64})(")')
_PLACEHOLDER = b"\x00csrf\x00"
# A token written anywhere else (a 64-character run of letters and digits) would be served to
# other visitors: such a page is not stored.
_STRAY_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")

logger = logging.getLogger(__name__)

WATCHED = (
    Section, ExemplarProfile, Story, Image, Comment, ReactionTally, Event, EventMaterial,
    Replication, Decision, DecisionRecipient,
)  # fmt: skip
WATCHED_LINKS = (Story.exemplars.through, Event.honoured.through, Event.presenting.through)


def cached_public_page(view=None, *, count_view=None):
    """Serve the view's anonymous page from the cache when it can (see the module's doc).

    count_view: the model (Story or ExemplarProfile) whose view is counted, by the `pk`
    argument, when the page comes from the cache (the view counts it otherwise).
    """
    if view is None:
        return functools.partial(cached_public_page, count_view=count_view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return _mark(view(request, *args, **kwargs), "bypass")
        key = _key(request)
        version, stored = _read(key)
        if stored is not None and stored["version"] == version:
            if count_view is not None:
                view_record(target=count_view(pk=kwargs["pk"]))
            return _mark(_served(request, stored), "hit")
        response = view(request, *args, **kwargs)
        if request.method == "GET" and _cacheable_response(response):
            _store(key, version, response)
        return _mark(response, "miss")

    return wrapper


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return False
    if connection.in_atomic_block:
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= allowed


def _cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
    )


def _key(request) -> str:
    address = request.build_absolute_uri().encode()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"{KEY_PREFIX}{language}:{hashlib.sha256(address).hexdigest()[:40]}"


def _read(key: str) -> tuple[int, dict | None]:
    """The current version and the stored page (one cache read); nothing if the cache fails."""
    try:
        found = cache.get_many([VERSION_KEY, key])
    except Exception as error:  # noqa: BLE001 (the page is built as if there were no cache)
        logger.warning("page cache unavailable: %r", error)
        return 0, None
    return found.get(VERSION_KEY, 0), found.get(key)


def _store(key: str, version: int, response) -> None:
    content = _TOKEN.sub(rb"\1" + _PLACEHOLDER + rb"\3", response.content)
    if _STRAY_TOKEN.search(content):
        logger.warning("page not cached: it may hold a CSRF token outside a form field")
        return
    stored = {
        "version": version,
        "content": zlib.compress(content, 1),
        "content_type": response["Content-Type"],
    }
    try:
        cache.set(key, stored, PAGE_SECONDS)
    except Exception as error:  # noqa: BLE001 (not storing the page only costs the next visitor)
        logger.warning("page not stored in the cache: %r", error)


def _served(request, stored: dict) -> HttpResponse:
    content = zlib.decompress(stored["content"])
    if _PLACEHOLDER in content:
        content = content.replace(_PLACEHOLDER, get_token(request).encode())
    return HttpResponse(content, content_type=stored["content_type"])


def _mark(response, state: str):
    response["X-Cache"] = state
    return response


# --- freshness -------------------------------------------------------------------------------


def version_bump() -> None:
    """Stored pages are not served any more (each process sees it at its next request)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (or evicted)
        cache.add(VERSION_KEY, 1, None)
    except Exception as error:  # noqa: BLE001 (the pages then expire after PAGE_SECONDS)
        logger.warning("page cache version not moved: %r", error)


def _changed(sender, instance=None, created=False, **kwargs) -> None:
    # A new comment is held for moderation: nothing public changes until it is moderated.
    if sender is Comment and created and instance.status == CommentStatus.PENDING:
        return
    transaction.on_commit(version_bump)


def _links_changed(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        transaction.on_commit(version_bump)


for _model in WATCHED:
    post_save.connect(_changed, sender=_model, dispatch_uid=f"page_cache_save_{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"page_cache_del_{_model.__name__}")
for _through in WATCHED_LINKS:
    m2m_changed.connect(_links_changed, sender=_through, dispatch_uid=f"page_cache_{_through}")
