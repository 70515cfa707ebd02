"""Casting the secret ballot: online from a phone, or paper ballots counted in by the secretary.

Two separate records, written in the same transaction with nothing that joins them:
Participation says THAT a member voted on a candidate, Ballot says WHAT was chosen. Both
have random keys, no timestamps and no history; choices are never logged. Casting is
serialised per round by locking the round row, since each ballot chains the previous hash.
The round row is locked but never saved here, so its history does not record vote times.
"""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.reviews.enums import Channel, Choice, RoundStatus
from guongsang.reviews.models import (
    Attendance,
    Ballot,
    Candidate,
    CouncilMember,
    Participation,
    ReviewRound,
    WrittenOpinion,
)
from guongsang.reviews.postings import check_posting_over
from guongsang.reviews.rules_ballots import seat_of
from guongsang.reviews.tally import ballot_hash, genesis_hash, is_conflicted, round_members

_random = secrets.SystemRandom()


def lock_round(review_round: ReviewRound, *, allow_draft: bool = False) -> ReviewRound:
    """The round, locked for this transaction; refused once closed (or before it opens)."""
    locked = (
        ReviewRound.objects.select_for_update()
        .select_related("council__unit")
        .get(pk=review_round.pk)
    )
    if locked.status == RoundStatus.CLOSED:
        raise DomainError(_("The round is closed: nothing more can be recorded."))
    if locked.status != RoundStatus.OPEN and not allow_draft:
        raise DomainError(_("The round is not open for voting yet."))
    return locked


def _candidate_in(review_round: ReviewRound, candidate: Candidate) -> Candidate:
    found = (
        Candidate.objects.filter(round=review_round, pk=candidate.pk)
        .select_related("exemplar__scope_unit")
        .first()
    )
    if found is None:
        raise DomainError(_("The candidate is not in this round."))
    return found


def _check_may_vote(review_round, candidate, member: CouncilMember) -> None:
    name = {"member": member.person.full_name, "candidate": candidate.name}
    if review_round.exclude_conflicted and is_conflicted(member, candidate):
        raise DomainError(
            _("%(member)s belongs to the unit of %(candidate)s and does not vote on it.") % name
        )
    if Attendance.objects.filter(round=review_round, member=member, present=False).exists():
        raise DomainError(
            _("%(member)s is recorded as absent: an absent member sends a written opinion.") % name
        )
    if Participation.objects.filter(candidate=candidate, member=member).exists():
        raise DomainError(_("%(member)s has already voted on %(candidate)s.") % name)
    if WrittenOpinion.objects.filter(candidate=candidate, member=member).exists():
        raise DomainError(
            _("%(member)s has already given a written opinion on %(candidate)s.") % name
        )


def _participate(candidate, member, channel) -> None:
    try:
        with transaction.atomic():
            Participation.objects.create(candidate=candidate, member=member, channel=channel)
    except IntegrityError as error:
        raise DomainError(
            _("%(member)s has already voted on %(candidate)s.")
            % {"member": member.person.full_name, "candidate": candidate.name}
        ) from error


def _append_ballots(review_round, candidate, choices: list[str], channel: str) -> None:
    """Add ballots at the end of the round's chain (the caller holds the round's lock)."""
    last = (
        Ballot.objects.filter(round=review_round)
        .order_by("-position")
        .values_list("position", "hash")
        .first()
    )
    position, previous = last or (0, genesis_hash(review_round.pk))
    ballots = []
    for choice in choices:
        position += 1
        nonce = secrets.token_hex(16)
        digest = ballot_hash(
            previous_hash=previous,
            round_id=review_round.pk,
            candidate_id=candidate.pk,
            choice=choice,
            channel=channel,
            position=position,
            nonce=nonce,
        )
        ballots.append(
            Ballot(
                round=review_round,
                candidate=candidate,
                choice=choice,
                channel=channel,
                position=position,
                nonce=nonce,
                previous_hash=previous,
                hash=digest,
            )
        )
        previous = digest
    Ballot.objects.bulk_create(ballots)


def _check_choice(choice: str) -> None:
    if choice not in Choice.values:
        raise DomainError(_("Choose “agree” or “disagree”."))


@transaction.atomic
def ballot_cast(*, candidate: Candidate, choice: str, actor) -> None:
    """The signed-in member's own secret vote on one candidate, online."""
    _check_choice(choice)
    review_round = lock_round(candidate.round)
    seat = seat_of(actor, review_round)
    if seat is None:
        raise PermissionDenied(_("Only members of the council vote."))
    candidate = _candidate_in(review_round, candidate)
    check_posting_over(review_round, candidate)
    _check_may_vote(review_round, candidate, seat)
    _participate(candidate, seat, Channel.ONLINE)
    _append_ballots(review_round, candidate, [choice], Channel.ONLINE)


@transaction.atomic
def ballots_count_in(
    *, candidate: Candidate, members: list[CouncilMember], agree: int, disagree: int, actor
) -> None:
    """Paper ballots on one candidate: who voted on paper, and how many agreed/disagreed."""
    review_round = lock_round(candidate.round)
    if not actor.has_perm("ballots.run", review_round):
        raise PermissionDenied
    candidate = _candidate_in(review_round, candidate)
    check_posting_over(review_round, candidate)
    if agree < 0 or disagree < 0:
        raise DomainError(_("The counts cannot be negative."))
    if not members:
        raise DomainError(_("Mark the members who voted on paper."))
    if len({m.pk for m in members}) != len(members):
        raise DomainError(_("A member is marked twice."))
    if agree + disagree != len(members):
        raise DomainError(
            _(
                "The counts (%(counted)s) must equal the number of members who voted on "
                "paper (%(voters)s)."
            )
            % {"counted": agree + disagree, "voters": len(members)}
        )
    seats = {m.pk: m for m in round_members(review_round)}
    present = set(
        Attendance.objects.filter(round=review_round, present=True).values_list(
            "member_id", flat=True
        )
    )
    for member in members:
        if member.pk not in seats:
            raise DomainError(_("%(member)s is not on the council.") % {"member": member})
        if member.pk not in present:
            raise DomainError(
                _("%(member)s is not recorded as present.") % {"member": member.person.full_name}
            )
        _check_may_vote(review_round, candidate, seats[member.pk])
    voters = [seats[m.pk] for m in members]
    _random.shuffle(voters)
    for member in voters:
        _participate(candidate, member, Channel.PAPER)
    choices = [Choice.AGREE] * agree + [Choice.DISAGREE] * disagree
    _random.shuffle(choices)
    _append_ballots(review_round, candidate, [str(c) for c in choices], Channel.PAPER)


def _seat(review_round, member: CouncilMember) -> CouncilMember:
    seat = round_members(review_round).filter(pk=member.pk).first()
    if seat is None:
        raise DomainError(_("%(member)s is not on the council.") % {"member": member})
    return seat


@transaction.atomic
def attendance_set(
    *, review_round: ReviewRound, member: CouncilMember, present: bool, note: str = "", actor
) -> Attendance:
    """Record a member present or absent at the sitting."""
    review_round = lock_round(review_round, allow_draft=True)
    if not actor.has_perm("ballots.run", review_round):
        raise PermissionDenied
    seat = _seat(review_round, member)
    name = {"member": seat.person.full_name}
    if (
        not present
        and Participation.objects.filter(candidate__round=review_round, member=seat).exists()
    ):
        raise DomainError(_("%(member)s has voted and cannot be recorded as absent.") % name)
    if (
        present
        and WrittenOpinion.objects.filter(candidate__round=review_round, member=seat).exists()
    ):
        raise DomainError(
            _("%(member)s has sent written opinions and cannot be recorded as present.") % name
        )
    attendance, _created = Attendance.objects.update_or_create(
        round=review_round, member=seat, defaults={"present": present, "note": note.strip()}
    )
    return attendance


@transaction.atomic
def written_opinion_record(
    *, candidate: Candidate, member: CouncilMember, choice: str, note: str = "", actor
) -> WrittenOpinion:
    """An absent member's signed written opinion, entered by the secretary."""
    _check_choice(choice)
    review_round = lock_round(candidate.round, allow_draft=True)
    if not actor.has_perm("ballots.run", review_round):
        raise PermissionDenied
    candidate = _candidate_in(review_round, candidate)
    seat = _seat(review_round, member)
    name = {"member": seat.person.full_name, "candidate": candidate.name}
    if not Attendance.objects.filter(round=review_round, member=seat, present=False).exists():
        raise DomainError(
            _("Only absent members send written opinions: record %(member)s as absent first.")
            % name
        )
    if review_round.exclude_conflicted and is_conflicted(seat, candidate):
        raise DomainError(
            _("%(member)s belongs to the unit of %(candidate)s and does not vote on it.") % name
        )
    opinion, _created = WrittenOpinion.objects.update_or_create(
        candidate=candidate, member=seat, defaults={"choice": choice, "note": note.strip()}
    )
    return opinion
