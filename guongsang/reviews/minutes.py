"""What the council's minutes ("biên bản họp Hội đồng") say, as plain data.

`minutes_data(round)` is rendered by the HTML minutes page here and by the awards app into
DOCX/PDF. It holds counts, so it is only available once the round is closed.
"""

from django.db.models import Count
from django.utils.translation import gettext as _

from guongsang.reviews.enums import Choice, Outcome, RoundStatus, ThresholdBase
from guongsang.reviews.models import Attendance, Participation, ReviewRound, WrittenOpinion
from guongsang.reviews.tally import (
    is_conflicted,
    quorum,
    recount,
    round_members,
    suggested_outcome,
    verify_chain,
)


def minutes_data(review_round: ReviewRound) -> dict:
    """Council, sitting, members present/absent, written opinions, per-candidate results."""
    tallies = recount(review_round)  # raises TallyNotAvailable while open
    review_round = ReviewRound.objects.select_related("council__unit", "title").get(
        pk=review_round.pk
    )
    attendance = {a.member_id: a for a in Attendance.objects.filter(round=review_round)}
    seats = list(round_members(review_round))
    members = [
        {
            "name": seat.person.full_name,
            "role": seat.role,
            "role_label": str(seat.get_role_display()),
            "present": bool(attendance.get(seat.pk) and attendance[seat.pk].present),
            "note": attendance[seat.pk].note if seat.pk in attendance else "",
        }
        for seat in seats
    ]
    opinions = [
        {
            "member": o.member.person.full_name,
            "candidate": o.candidate.name,
            "choice": o.choice,
            "choice_label": str(Choice(o.choice).label),
            "note": o.note,
        }
        for o in WrittenOpinion.objects.filter(candidate__round=review_round)
        .select_related("member__person", "candidate")
        .order_by("member__person__name_sort", "candidate__name_sort")
    ]
    candidates = []
    for candidate in review_round.candidates.select_related("exemplar__scope_unit").order_by(
        "name_sort"
    ):
        tally = tallies[candidate.pk]
        suggested = suggested_outcome(candidate, seats)
        candidates.append(
            {
                "id": candidate.pk,
                "name": candidate.name,
                "unit_name": candidate.unit_name,
                "agree": tally.agree,
                "disagree": tally.disagree,
                "ballots_agree": tally.ballots_agree,
                "ballots_disagree": tally.ballots_disagree,
                "written_agree": tally.written_agree,
                "written_disagree": tally.written_disagree,
                "base": tally.base,
                "percent": tally.percent,
                "passed": tally.passed,
                "suggested_outcome": suggested,
                "outcome": candidate.outcome,
                "outcome_label": str(Outcome(candidate.outcome).label),
                "outcome_reason": candidate.outcome_reason,
            }
        )
    sitting = quorum(review_round)
    chain = verify_chain(review_round)
    return {
        "round": review_round,
        "round_name": review_round.name,
        "year": review_round.year,
        "title": str(review_round.title) if review_round.title_id else "",
        "council": review_round.council.name,
        "unit": review_round.council.unit.name,
        "meeting_date": review_round.meeting_date,
        "closed_at": review_round.closed_at,
        "members": members,
        "members_count": sitting.members,
        "present_count": sitting.present,
        "absent_count": sitting.members - sitting.present,
        "quorum_percent": review_round.quorum_percent,
        "quorum_required": sitting.required,
        "quorum_met": sitting.met,
        "threshold_percent": review_round.threshold_percent,
        "threshold_base": review_round.threshold_base,
        "threshold_base_label": str(ThresholdBase(review_round.threshold_base).label),
        "written_opinions": opinions,
        "candidates": candidates,
        "final_hash": review_round.final_hash,
        "chain_ok": chain.ok,
        "chain_message": chain.message or _("The ballot chain is intact."),
        "ballots_count": chain.ballots,
    }


def ballot_status(review_round: ReviewRound, *, seat=None) -> dict:
    """What may be shown about a round's ballot: while open, only who-voted counts ("N of M
    voted") and, for the member `seat`, whether they voted and may vote; counts once closed."""
    members = list(round_members(review_round))
    voted = dict(
        Participation.objects.filter(candidate__round=review_round)
        .values("candidate_id")
        .annotate(n=Count("id"))
        .values_list("candidate_id", "n")
    )
    written = dict(
        WrittenOpinion.objects.filter(candidate__round=review_round)
        .values("candidate_id")
        .annotate(n=Count("id"))
        .values_list("candidate_id", "n")
    )
    mine = set()
    if seat is not None:
        mine = set(
            Participation.objects.filter(candidate__round=review_round, member=seat).values_list(
                "candidate_id", flat=True
            )
        )
    tallies = recount(review_round) if review_round.is_closed else {}
    candidates = []
    for candidate in review_round.candidates.select_related("exemplar__scope_unit").order_by(
        "name_sort"
    ):
        tally = tallies.get(candidate.pk)
        conflicted = seat is not None and is_conflicted(seat, candidate)
        candidates.append(
            {
                "id": candidate.pk,
                "name": candidate.name,
                "unit_name": candidate.unit_name,
                "voted": voted.get(candidate.pk, 0),
                "written": written.get(candidate.pk, 0),
                "i_voted": candidate.pk in mine,
                "conflicted": conflicted,
                "may_vote": seat is not None
                and review_round.status == RoundStatus.OPEN
                and candidate.pk not in mine
                and not (conflicted and review_round.exclude_conflicted),
                "agree": tally.agree if tally else None,
                "disagree": tally.disagree if tally else None,
                "base": tally.base if tally else None,
                "percent": tally.percent if tally else None,
                "passed": tally.passed if tally else None,
                "suggested_outcome": suggested_outcome(candidate, members) if tally else None,
            }
        )
    sitting = quorum(review_round)
    return {
        "round": review_round,
        "status": review_round.status,
        "members": len(members),
        "present": sitting.present,
        "quorum_required": sitting.required,
        "quorum_met": sitting.met,
        "exclude_conflicted": review_round.exclude_conflicted,
        "candidates": candidates,
        "final_hash": review_round.final_hash,
    }
