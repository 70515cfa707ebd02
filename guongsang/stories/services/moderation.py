"""What editors do with what the public sent: publish or reject comments, answer error reports."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.stories.enums import CommentStatus, ReportStatus
from guongsang.stories.html import plain_text
from guongsang.stories.models import Comment, ErrorReport
from guongsang.stories.services.common import require

ANSWERED = (ReportStatus.CORRECTED, ReportStatus.DISMISSED)


def _moderate(comment: Comment, *, status: str, actor) -> Comment:
    require(actor, "stories.moderate", comment)
    fresh = Comment.objects.select_for_update().get(pk=comment.pk)
    if fresh.status == status:
        return fresh
    fresh.status = status
    fresh.moderated_by = actor
    fresh.moderated_at = timezone.now()
    return audited_save(fresh, actor=actor)


@transaction.atomic
def comment_publish(*, comment: Comment, actor) -> Comment:
    """Show a comment under its story or profile (also one rejected before)."""
    return _moderate(comment, status=CommentStatus.PUBLISHED, actor=actor)


@transaction.atomic
def comment_reject(*, comment: Comment, actor) -> Comment:
    """Keep a comment off the portal (also one published before: it is hidden again)."""
    return _moderate(comment, status=CommentStatus.REJECTED, actor=actor)


@transaction.atomic
def comments_moderate(*, comments, publish: bool, actor) -> int:
    """Publish or reject several comments at once: all of them, or none if one is refused."""
    status = CommentStatus.PUBLISHED if publish else CommentStatus.REJECTED
    count = 0
    for comment in comments:
        _moderate(comment, status=status, actor=actor)
        count += 1
    return count


@transaction.atomic
def report_answer(*, report: ErrorReport, status: str, answer: str, actor) -> ErrorReport:
    """Close an error report: the content was corrected, or the report is dismissed — with
    the answer given to the sender either way."""
    require(actor, "stories.moderate", report)
    if status not in ANSWERED:
        raise DomainError(_("Choose whether the content was corrected or the report dismissed."))
    answer = plain_text(answer)
    if not answer:
        raise DomainError(_("Write the answer to the sender."))
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    report.status = status
    report.answer = answer
    report.handled_by = actor
    report.handled_at = timezone.now()
    return audited_save(report, actor=actor)
