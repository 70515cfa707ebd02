"""Public postings as the review round sees them: the vote gate and the dossier's comments.

Postings belong to `awards`, which comes after `reviews` in the one-way order of the apps
(common ← … ← reviews ← awards), so reviews may not import awards. The model is looked up
by name through the app registry instead, and the "which titles are posted" rule is repeated
here (awards.services.postings.posting_required states the same rule).
"""

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError

POSTED_LEVELS = ("province", "national")


def _posting_model():
    return apps.get_model("awards", "PublicPosting")


def _requires_posting(title) -> bool:
    return title is not None and title.level in POSTED_LEVELS and bool(title.requires_vote)


def check_posting_over(review_round, candidate) -> None:
    """Refuse a vote on a candidate whose public posting is missing or not yet over."""
    if not _requires_posting(review_round.title):
        return
    ends = list(
        _posting_model()
        .objects.filter(candidate_exemplar_id=candidate.exemplar_id, title=review_round.title)
        .values_list("end", flat=True)
    )
    if not ends:
        raise DomainError(
            _("%(candidate)s has not been posted publicly yet: the vote must wait.")
            % {"candidate": candidate.name}
        )
    end = max(ends)  # a posting made again runs to its own end
    if end > timezone.localdate():
        raise DomainError(
            _("The candidate is being posted publicly until %(end)s; the vote cannot start yet.")
            % {"end": end.strftime("%d/%m/%Y")}
        )


def postings_of(*, candidate) -> list:
    """The candidate's public postings with their published comments, for the dossier."""
    PostingComment = apps.get_model("awards", "PostingComment")
    return list(
        _posting_model()
        .objects.filter(candidate_exemplar_id=candidate.exemplar_id)
        .select_related("title")
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=PostingComment.objects.filter(is_published=True),
                to_attr="published_comments",
            )
        )
        .order_by("-start")
    )
