"""Public posting of candidates for the highest awards, and the public's comments on them."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.models import PostingComment, PublicPosting
from guongsang.awards.services.common import require
from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError

POSTING_WORKING_DAYS = 10
COMMENT_MAX_LENGTH = 2000
POSTED_LEVELS = ("province", "national")


def posting_required(title) -> bool:
    """Province- and national-level titles decided by a council vote are posted first.

    reviews/postings.py repeats this rule because reviews may not import awards.
    """
    return title is not None and title.level in POSTED_LEVELS and bool(title.requires_vote)


def working_days_end(start: datetime.date, days: int = POSTING_WORKING_DAYS) -> datetime.date:
    """The last of `days` working days (Mon–Fri); `start` is day 1 when it is a working day."""
    day = start
    counted = 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == days:
                return day
        day += datetime.timedelta(days=1)


@transaction.atomic
def posting_create(*, exemplar, title, start: datetime.date, actor) -> PublicPosting:
    require(actor, "awards.change_publicposting", exemplar)
    if not posting_required(title):
        raise DomainError(_("This title does not require a public posting."))
    posting = PublicPosting(
        candidate_exemplar=exemplar, title=title, start=start, end=working_days_end(start)
    )
    return audited_save(posting, actor=actor)


@transaction.atomic
def posting_comment_add(
    *, posting: PublicPosting, author_name: str, contact: str = "", text: str
) -> PostingComment:
    """A comment from the public (no sign-in); it shows in the dossier once published."""
    text = (text or "").strip()
    author_name = (author_name or "").strip()
    if not text:
        raise DomainError(_("Write a comment."))
    if len(text) > COMMENT_MAX_LENGTH:
        raise DomainError(
            _("A comment has at most %(max)s characters.") % {"max": f"{COMMENT_MAX_LENGTH:,}"}
        )
    if not author_name:
        raise DomainError(_("Give your name."))
    today = timezone.localdate()
    if not posting.start <= today <= posting.end:
        raise DomainError(
            _("Comments are accepted from %(start)s to %(end)s only.")
            % {"start": posting.start.strftime("%d/%m/%Y"), "end": posting.end.strftime("%d/%m/%Y")}
        )
    comment = PostingComment(
        posting=posting, author_name=author_name, contact=(contact or "").strip(), text=text
    )
    return audited_save(comment, actor=None)


@transaction.atomic
def posting_comment_publish(
    *, comment: PostingComment, actor, published: bool = True
) -> PostingComment:
    require(actor, "awards.change_publicposting", comment.posting)
    comment.is_published = published
    return audited_save(comment, actor=actor)
