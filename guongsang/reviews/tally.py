"""Counting the secret ballot: the hash chain, quorum, the pass mark and the recount.

No function here gives a count while the round is open — not to administrators either:
`recount` and `candidate_tally` raise `TallyNotAvailable` until the round is closed; only
participation ("N of M voted") may be shown before.

The chain: hash_i = sha256(previous_hash | round id | candidate id | choice | channel |
position | nonce), the first previous_hash being sha256("guongsang:" + round id).
"""

import hashlib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.reviews.enums import Outcome, ThresholdBase
from guongsang.reviews.models import (
    Attendance,
    Ballot,
    Candidate,
    CouncilMember,
    Participation,
    ReviewRound,
    WrittenOpinion,
)
from guongsang.reviews.rules_ballots import seated_today


class TallyNotAvailable(DomainError):
    """Asked for a count while the round is open."""


def genesis_hash(round_id) -> str:
    return hashlib.sha256(f"guongsang:{round_id}".encode()).hexdigest()


def ballot_hash(*, previous_hash, round_id, candidate_id, choice, channel, position, nonce) -> str:
    parts = (previous_hash, round_id, candidate_id, choice, channel, position, nonce)
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def round_members(review_round: ReviewRound):
    """The council's seats on the meeting day (today if none is set): "all members"."""
    day = review_round.meeting_date or timezone.localdate()
    seats = CouncilMember.objects.filter(council_id=review_round.council_id)
    return seated_today(seats, day).select_related("person__unit")


def is_conflicted(member: CouncilMember, candidate: Candidate) -> bool:
    """The member belongs to the candidate's own unit (its scope unit's subtree)."""
    unit = member.person.unit
    return unit is not None and unit.path.startswith(candidate.exemplar.scope_unit.path)


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    required: int

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present >= self.required


def quorum(review_round: ReviewRound) -> Quorum:
    members = list(round_members(review_round).values_list("pk", flat=True))
    present = Attendance.objects.filter(
        round=review_round, present=True, member_id__in=members
    ).count()
    required = -(-len(members) * review_round.quorum_percent // 100)  # ceiling, in integers
    return Quorum(members=len(members), present=present, required=required)


@dataclass(frozen=True)
class Tally:
    ballots_agree: int
    ballots_disagree: int
    written_agree: int
    written_disagree: int
    base: int
    threshold_percent: int

    @property
    def agree(self) -> int:
        return self.ballots_agree + self.written_agree

    @property
    def disagree(self) -> int:
        return self.ballots_disagree + self.written_disagree

    @property
    def percent(self) -> float:
        return round(100 * self.agree / self.base, 2) if self.base else 0.0

    @property
    def passed(self) -> bool:
        return self.base > 0 and self.agree * 100 >= self.threshold_percent * self.base


def _require_closed(review_round: ReviewRound) -> None:
    if not review_round.is_closed:
        raise TallyNotAvailable(_("The vote counts are only shown after the round is closed."))


def count(review_round: ReviewRound) -> dict[int, Tally]:
    """Counts per candidate id from the stored ballots and written opinions (no status check:
    for the closing service only — everyone else calls `recount`)."""
    candidates = list(review_round.candidates.select_related("exemplar__scope_unit"))
    counts = {
        c.pk: {"b_agree": 0, "b_disagree": 0, "w_agree": 0, "w_disagree": 0} for c in candidates
    }
    for candidate_id, choice in Ballot.objects.filter(round=review_round).values_list(
        "candidate_id", "choice"
    ):
        counts[candidate_id]["b_" + choice] += 1
    for candidate_id, choice in WrittenOpinion.objects.filter(
        candidate__round=review_round
    ).values_list("candidate_id", "choice"):
        counts[candidate_id]["w_" + choice] += 1
    members = list(round_members(review_round))
    result = {}
    for candidate in candidates:
        c = counts[candidate.pk]
        result[candidate.pk] = Tally(
            ballots_agree=c["b_agree"],
            ballots_disagree=c["b_disagree"],
            written_agree=c["w_agree"],
            written_disagree=c["w_disagree"],
            base=_base(review_round, candidate, members, sum(c.values())),
            threshold_percent=review_round.threshold_percent,
        )
    return result


def _base(review_round, candidate, members, votes_cast: int) -> int:
    if review_round.threshold_base == ThresholdBase.VOTES_CAST:
        return votes_cast
    if review_round.exclude_conflicted:
        return sum(1 for m in members if not is_conflicted(m, candidate))
    return len(members)


def recount(review_round: ReviewRound) -> dict[int, Tally]:
    """The counts again from the stored ballots; only once the round is closed."""
    _require_closed(review_round)
    return count(review_round)


def candidate_tally(candidate: Candidate) -> Tally:
    return recount(candidate.round)[candidate.pk]


def suggested_outcome(candidate: Candidate, members: list | None = None) -> str | None:
    """PASS or FAIL from the stored counts and the pass mark; None while the round is open.

    A suggestion for the outcome page: the outcome itself is never overwritten here. Pass the
    round's members when asking for many candidates, so they are read once.
    """
    review_round = candidate.round
    if not review_round.is_closed:
        return None
    if members is None:
        members = list(round_members(review_round))
    base = _base(review_round, candidate, members, candidate.agree + candidate.disagree)
    passed = base > 0 and candidate.agree * 100 >= review_round.threshold_percent * base
    return Outcome.PASS if passed else Outcome.FAIL


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    ballots: int
    last_hash: str
    broken_at: int | None = None
    message: str = ""


def verify_chain(review_round: ReviewRound) -> ChainReport:
    """Recompute every ballot's hash in order; name the first position that does not hold."""
    previous = genesis_hash(review_round.pk)
    ballots = Ballot.objects.filter(round=review_round).order_by("position")
    n = 0
    for n, ballot in enumerate(ballots.iterator(), start=1):
        expected = ballot_hash(
            previous_hash=previous,
            round_id=review_round.pk,
            candidate_id=ballot.candidate_id,
            choice=ballot.choice,
            channel=ballot.channel,
            position=ballot.position,
            nonce=ballot.nonce,
        )
        if ballot.position != n or ballot.previous_hash != previous or ballot.hash != expected:
            return _broken(
                n, previous, _("The ballot at position %(n)s has been altered.") % {"n": n}
            )
        previous = ballot.hash
    if review_round.final_hash and review_round.final_hash != previous:
        return _broken(n + 1, previous, _("Ballots after position %(n)s are missing.") % {"n": n})
    voted = Participation.objects.filter(candidate__round=review_round).count()
    if voted != n:
        return ChainReport(
            ok=False,
            ballots=n,
            last_hash=previous,
            message=_("%(voted)s members voted but %(n)s ballots are stored.")
            % {"voted": voted, "n": n},
        )
    return ChainReport(ok=True, ballots=n, last_hash=previous)


def _broken(position, last_hash, message) -> ChainReport:
    return ChainReport(
        ok=False, ballots=position - 1, last_hash=last_hash, broken_at=position, message=message
    )
