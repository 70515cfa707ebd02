"""What the public sends back, with no sign-in: comments (held for moderation), error reports
(phản ánh, sent on to the editors), reactions, and view counts.

Senders are known only by a keyed hash of their address (`client_key_of`), never the address
itself; rate limits count their recent rows in the database, so they hold across processes.
"""

import datetime
import logging
import threading
import time
from collections import Counter

from django.db import DatabaseError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.stories.enums import ReactionKind
from guongsang.stories.html import plain_text
from guongsang.stories.models import Comment, ErrorReport, ExemplarProfile, ReactionTally, Story
from guongsang.stories.notifications import notify_editors

NAME_MAX_LENGTH = 255
CONTACT_MAX_LENGTH = 255
COMMENT_MAX_LENGTH = 2000
REPORT_MAX_LENGTH = 4000
# (how many, within how many seconds) per sender; every limit must hold.
COMMENT_LIMITS = ((3, 10 * 60), (20, 24 * 60 * 60))
REPORT_LIMITS = ((3, 10 * 60), (10, 24 * 60 * 60))

logger = logging.getLogger(__name__)


class RateLimited(DomainError):
    """The sender sent too much too quickly; the message says to try later."""


def client_key_of(address: str | None) -> str:
    """A keyed hash (HMAC with SECRET_KEY) of the sender's address: stable, not reversible."""
    return salted_hmac("guongsang.stories.client", address or "", algorithm="sha256").hexdigest()


def _target(target) -> dict:
    if isinstance(target, Story):
        return {"story": target}
    if isinstance(target, ExemplarProfile):
        return {"profile": target}
    raise TypeError(f"not a story or profile: {target!r}")


def _check_rate(model, client_key: str, limits) -> None:
    now = timezone.now()
    for count, seconds in limits:
        since = now - datetime.timedelta(seconds=seconds)
        if model.objects.filter(client_key=client_key, created_at__gte=since).count() >= count:
            raise RateLimited(
                _("You have sent several messages in a short time. Please try again later.")
            )


def _text(value: str, *, limit: int, empty: str, too_long: str) -> str:
    text = plain_text(value)
    if not text:
        raise DomainError(empty)
    if len(text) > limit:
        raise DomainError(too_long % {"max": limit, "length": len(text)})
    return text


def _name(value: str) -> str:
    name = plain_text(value)
    if not name:
        raise DomainError(_("Write your name."))
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(_("The name is too long."))
    return name


def _contact(value: str, *, required: bool) -> str:
    contact = plain_text(value)
    if required and not contact:
        raise DomainError(_("Give an e-mail address or a phone number so the editors can answer."))
    if len(contact) > CONTACT_MAX_LENGTH:
        raise DomainError(_("The e-mail address or phone number is too long."))
    return contact


@transaction.atomic
def comment_submit(
    *, target: Story | ExemplarProfile, author_name: str, text: str, contact: str = "",
    client_key: str,
) -> Comment:  # fmt: skip
    """A comment from the public; nobody sees it until a moderator publishes it."""
    comment = Comment(
        **_target(target),
        author_name=_name(author_name),
        contact=_contact(contact, required=False),
        text=_text(
            text,
            limit=COMMENT_MAX_LENGTH,
            empty=_("Write a comment."),
            too_long=_("A comment has at most %(max)s characters (this one has %(length)s)."),
        ),
        client_key=client_key,
    )
    _check_rate(Comment, client_key, COMMENT_LIMITS)
    comment.full_clean()
    comment.save()
    return comment


def _report_message(target, report: ErrorReport) -> str:
    # Stored notifications are Vietnamese (stories/notifications.py).
    with translation.override("vi"):
        if isinstance(target, Story):
            message = _("A reader reported an error in the story “%(title)s”: %(text)s")
            name = target.title
        else:
            message = _("A reader reported an error on the page of “%(title)s”: %(text)s")
            name = target.exemplar.subject_name
        return message % {"title": name, "text": report.text}


@transaction.atomic
def report_submit(
    *, target: Story | ExemplarProfile, name: str, contact: str, text: str, client_key: str
) -> ErrorReport:
    """A report of an error or exaggeration (phản ánh), sent on to the editors of its unit."""
    report = ErrorReport(
        **_target(target),
        name=_name(name),
        contact=_contact(contact, required=True),
        text=_text(
            text,
            limit=REPORT_MAX_LENGTH,
            empty=_("Say what is wrong."),
            too_long=_("A report has at most %(max)s characters (this one has %(length)s)."),
        ),
        client_key=client_key,
    )
    _check_rate(ErrorReport, client_key, REPORT_LIMITS)
    report.full_clean()
    report.save()
    if isinstance(target, Story):
        unit, exemplar = target.unit, None
        url = reverse("portal:story_detail", kwargs={"pk": target.pk})
    else:
        unit, exemplar = target.exemplar.scope_unit, target.exemplar
        url = reverse("portal:profile_detail", kwargs={"pk": target.pk})
    notify_editors(unit=unit, message=_report_message(target, report), url=url, exemplar=exemplar)
    return report


def reaction_add(*, story: Story, kind: str) -> None:
    """One more reaction of this kind: a single UPDATE (F expression), the row made once."""
    if kind not in ReactionKind.values:
        raise DomainError(_("Unknown reaction."))
    updated = ReactionTally.objects.filter(story=story, kind=kind).update(count=F("count") + 1)
    if not updated:
        # The first reaction of its kind makes the row; a concurrent first one adds to it.
        tally, created = ReactionTally.objects.get_or_create(
            story=story, kind=kind, defaults={"count": 1}
        )
        if not created:
            ReactionTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)


class ViewCounter:
    """Page views counted in memory and written in batches: one UPDATE per page viewed,
    every `max_hits` views or `max_seconds` seconds (checked when a view arrives), and at exit.

    The trade-off: a page view costs no database write, but a process that dies loses at
    most its unflushed views, and counts shown lag by up to one batch. Each process keeps its
    own buffer; the UPDATEs add (F expressions), so processes never overwrite each other.
    """

    def __init__(self, *, max_hits: int = 200, max_seconds: float = 30.0):
        self.max_hits = max_hits
        self.max_seconds = max_seconds
        self._lock = threading.Lock()
        self._pending: Counter = Counter()
        self._hits = 0
        self._since = time.monotonic()

    def record(self, model, pk: int) -> None:
        with self._lock:
            self._pending[(model, pk)] += 1
            self._hits += 1
            due = self._hits >= self.max_hits or time.monotonic() - self._since >= self.max_seconds
        if due:
            self.flush()

    def pending(self) -> int:
        with self._lock:
            return self._hits

    def flush(self) -> int:
        """Write what is buffered; returns the number of UPDATE statements run."""
        with self._lock:
            batch, self._pending = self._pending, Counter()
            self._hits = 0
            self._since = time.monotonic()
        written = 0
        try:
            for (model, pk), count in batch.items():
                model.objects.filter(pk=pk).update(view_count=F("view_count") + count)
                batch[(model, pk)] = 0
                written += 1
        except DatabaseError:
            # A busy database must not break the page being viewed: keep the counts for later.
            logger.warning("view counts not written; kept for the next flush", exc_info=True)
            with self._lock:
                self._pending.update(+batch)
                self._hits += sum(batch.values())
        return written


view_counter = ViewCounter()


def view_record(*, target: Story | ExemplarProfile) -> None:
    """Count one view of a public story or profile (buffered, see ViewCounter)."""
    view_counter.record(type(target), target.pk)


def view_counts_flush() -> int:
    return view_counter.flush()
