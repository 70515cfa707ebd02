"""The secret-ballot API: vote, paper count-in, attendance, written opinions, close, status,
chain verification. Same services, same rules as the pages; no counts while a round is open."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from guongsang.common.api import ERRORS, get_or_400, require
from guongsang.reviews import rules_ballots
from guongsang.reviews.minutes import ballot_status
from guongsang.reviews.models import ReviewRound
from guongsang.reviews.services import ballots as services
from guongsang.reviews.services.closing import round_close
from guongsang.reviews.tally import round_members, verify_chain

router = Router(tags=["reviews"])


class VoteIn(Schema):
    candidate_id: int
    choice: str


class PaperIn(Schema):
    candidate_id: int
    member_ids: list[int]
    agree: int
    disagree: int


class AttendanceIn(Schema):
    member_id: int
    present: bool
    note: str = ""


class WrittenOpinionIn(Schema):
    candidate_id: int
    member_id: int
    choice: str
    note: str = ""


class CandidateStatusOut(Schema):
    id: int
    name: str
    unit_name: str
    voted: int
    written: int
    i_voted: bool
    conflicted: bool
    may_vote: bool
    agree: int | None
    disagree: int | None
    base: int | None
    percent: float | None
    passed: bool | None
    suggested_outcome: str | None


class BallotStatusOut(Schema):
    status: str
    members: int
    present: int
    quorum_required: int
    quorum_met: bool
    exclude_conflicted: bool
    candidates: list[CandidateStatusOut]
    final_hash: str
    closed_at: datetime.datetime | None = None


class ChainOut(Schema):
    ok: bool
    ballots: int
    last_hash: str
    broken_at: int | None
    message: str


def _round(request, round_id: int) -> ReviewRound:
    """The round if the caller sits on its council or runs its ballot; otherwise a 404."""
    review_round = ReviewRound.objects.select_related("council__unit").filter(pk=round_id).first()
    if review_round is None or not request.user.has_perm("ballots.view", review_round):
        raise Http404
    return review_round


def _candidate(review_round, candidate_id: int):
    return get_or_400(
        review_round.candidates.all(), candidate_id, _("The candidate is not in this round.")
    )


def _member(review_round, member_id: int):
    return get_or_400(
        round_members(review_round), member_id, _("The member is not on the council.")
    )


def _status(request, review_round):
    seat = rules_ballots.seat_of(request.user, review_round)
    data = ballot_status(review_round, seat=seat)
    return {**data, "closed_at": review_round.closed_at}


@router.get("/ballots/rounds/{int:round_id}", response={200: BallotStatusOut, **ERRORS})
def ballot_status_get(request, round_id: int):
    """Who-voted counts while open; agree/disagree, base and pass mark only once closed."""
    return _status(request, _round(request, round_id))


@router.post("/ballots/rounds/{int:round_id}/votes", response={204: None, **ERRORS})
def ballot_vote(request, round_id: int, payload: VoteIn):
    """The caller's own secret vote on one candidate."""
    review_round = _round(request, round_id)
    require(request, "ballots.vote", review_round)
    candidate = _candidate(review_round, payload.candidate_id)
    services.ballot_cast(candidate=candidate, choice=payload.choice, actor=request.user)
    return Status(204, None)


@router.post("/ballots/rounds/{int:round_id}/paper", response={204: None, **ERRORS})
def ballot_paper(request, round_id: int, payload: PaperIn):
    """The secretary counts in paper ballots on one candidate."""
    review_round = _round(request, round_id)
    require(request, "ballots.run", review_round)
    services.ballots_count_in(
        candidate=_candidate(review_round, payload.candidate_id),
        members=[_member(review_round, pk) for pk in payload.member_ids],
        agree=payload.agree,
        disagree=payload.disagree,
        actor=request.user,
    )
    return Status(204, None)


@router.put("/ballots/rounds/{int:round_id}/attendance", response={204: None, **ERRORS})
def ballot_attendance(request, round_id: int, payload: AttendanceIn):
    review_round = _round(request, round_id)
    require(request, "ballots.run", review_round)
    services.attendance_set(
        review_round=review_round,
        member=_member(review_round, payload.member_id),
        present=payload.present,
        note=payload.note,
        actor=request.user,
    )
    return Status(204, None)


@router.put("/ballots/rounds/{int:round_id}/written-opinions", response={204: None, **ERRORS})
def ballot_written_opinion(request, round_id: int, payload: WrittenOpinionIn):
    """An absent member's written opinion, entered by the secretary."""
    review_round = _round(request, round_id)
    require(request, "ballots.run", review_round)
    services.written_opinion_record(
        candidate=_candidate(review_round, payload.candidate_id),
        member=_member(review_round, payload.member_id),
        choice=payload.choice,
        note=payload.note,
        actor=request.user,
    )
    return Status(204, None)


@router.post("/ballots/rounds/{int:round_id}/close", response={200: BallotStatusOut, **ERRORS})
def ballot_close(request, round_id: int):
    review_round = _round(request, round_id)
    require(request, "ballots.run", review_round)
    closed = round_close(round=review_round, actor=request.user)
    return _status(request, closed)


@router.get("/ballots/rounds/{int:round_id}/chain", response={200: ChainOut, **ERRORS})
def ballot_chain(request, round_id: int):
    """Recompute the hash chain of the round's ballots."""
    review_round = _round(request, round_id)
    require(request, "ballots.run", review_round)
    return verify_chain(review_round)
