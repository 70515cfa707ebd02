"""Closing the vote: check the quorum, freeze the round, store the counts and the final hash."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.reviews.enums import RoundStatus
from guongsang.reviews.models import Candidate, ReviewRound
from guongsang.reviews.services.ballots import lock_round
from guongsang.reviews.tally import count, quorum, verify_chain


@transaction.atomic
def round_close(*, round: ReviewRound, actor) -> ReviewRound:  # noqa: A002 (the domain's word)
    """Close an open round; the counts come from the stored ballots and written opinions."""
    review_round = lock_round(round)
    if not actor.has_perm("ballots.run", review_round):
        raise PermissionDenied
    attendance = quorum(review_round)
    if not attendance.met:
        raise DomainError(
            _("No quorum: %(present)s of %(members)s members are present, %(required)s are needed.")
            % {
                "present": attendance.present,
                "members": attendance.members,
                "required": attendance.required,
            }
        )
    chain = verify_chain(review_round)
    if not chain.ok:
        raise DomainError(chain.message)
    for candidate_id, tally in count(review_round).items():
        candidate = Candidate.objects.get(pk=candidate_id)
        candidate.agree = tally.agree
        candidate.disagree = tally.disagree
        audited_save(candidate, actor=actor, reason=_("Vote counted"), validate=False)
    review_round.status = RoundStatus.CLOSED
    review_round.closed_at = timezone.now()
    review_round.final_hash = chain.last_hash
    audited_save(review_round, actor=actor, reason=_("Vote closed"))
    round.refresh_from_db()
    return review_round
