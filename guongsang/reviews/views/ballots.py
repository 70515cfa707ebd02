"""The secret-ballot pages: the member's phone page, the secretary's desk, the minutes.

No page shows a count while the round is open; the tallies come from `minutes`/`tally`,
which refuse until it is closed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.reviews import rules_ballots
from guongsang.reviews.forms_ballots import (
    AttendanceForm,
    PaperCountForm,
    VoteForm,
    WrittenOpinionForm,
)
from guongsang.reviews.minutes import ballot_status, minutes_data
from guongsang.reviews.models import Attendance, ReviewRound
from guongsang.reviews.services import ballots as services
from guongsang.reviews.services.closing import round_close
from guongsang.reviews.tally import round_members, verify_chain


def _round(request, pk: int, perm: str) -> ReviewRound:
    """The round if the user may see its ballot (else 404) and holds `perm` (else 403)."""
    review_round = ReviewRound.objects.select_related("council__unit").filter(pk=pk).first()
    if review_round is None or not request.user.has_perm("ballots.view", review_round):
        raise Http404
    if not request.user.has_perm(perm, review_round):
        raise PermissionDenied
    return review_round


def _vote_context(request, review_round) -> dict:
    seat = rules_ballots.seat_of(request.user, review_round)
    return {"data": ballot_status(review_round, seat=seat), "seat": seat}


@login_required
@require_GET
def vote_page(request, pk):
    review_round = _round(request, pk, "ballots.vote")
    return render(request, "reviews/ballot/vote.html", _vote_context(request, review_round))


@login_required
@require_POST
def vote_cast(request, pk, candidate_pk):
    review_round = _round(request, pk, "ballots.vote")
    candidate = get_object_or_404(review_round.candidates, pk=candidate_pk)
    form = VoteForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose “agree” or “disagree”.")
    else:
        try:
            services.ballot_cast(
                candidate=candidate, choice=form.cleaned_data["choice"], actor=request.user
            )
        except DomainError as failure:
            error = failure.message
    if request.htmx:
        context = _vote_context(request, review_round)
        row = next(c for c in context["data"]["candidates"] if c["id"] == candidate.pk)
        context.update({"candidate": row, "error": error})
        return render(request, "reviews/ballot/_candidate.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your vote on %(name)s is recorded.") % {"name": candidate})
    return redirect("ballots:vote", pk=review_round.pk)


def _desk_context(review_round, **forms) -> dict:
    members = round_members(review_round)
    present = set(
        Attendance.objects.filter(round=review_round, present=True).values_list(
            "member_id", flat=True
        )
    )
    absent = set(
        Attendance.objects.filter(round=review_round, present=False).values_list(
            "member_id", flat=True
        )
    )
    seats = [
        {"seat": seat, "present": seat.pk in present, "absent": seat.pk in absent}
        for seat in members
    ]
    opinion_form = forms.get("opinion_form") or WrittenOpinionForm(
        candidates=review_round.candidates.all(), members=members.filter(pk__in=absent)
    )
    return {
        "data": ballot_status(review_round),
        "seats": seats,
        "opinion_form": opinion_form,
        "chain": verify_chain(review_round) if review_round.is_closed else None,
    }


@login_required
@require_GET
def desk(request, pk):
    """The secretary's page: attendance, paper ballots, written opinions, closing."""
    review_round = _round(request, pk, "ballots.run")
    return render(request, "reviews/ballot/desk.html", _desk_context(review_round))


def _run(request, review_round, call, success: str):
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("ballots:desk", pk=review_round.pk)


@login_required
@require_POST
def attendance(request, pk):
    review_round = _round(request, pk, "ballots.run")
    form = AttendanceForm(request.POST, members=round_members(review_round))
    if not form.is_valid():
        messages.error(request, _("Choose a member and whether they are present."))
        return redirect("ballots:desk", pk=review_round.pk)
    return _run(
        request,
        review_round,
        lambda: services.attendance_set(
            review_round=review_round, actor=request.user, **form.cleaned_data
        ),
        _("Attendance recorded."),
    )


@login_required
@require_POST
def written_opinion(request, pk):
    review_round = _round(request, pk, "ballots.run")
    form = WrittenOpinionForm(
        request.POST, candidates=review_round.candidates.all(), members=round_members(review_round)
    )
    if not form.is_valid():
        return render(
            request, "reviews/ballot/desk.html", _desk_context(review_round, opinion_form=form)
        )
    return _run(
        request,
        review_round,
        lambda: services.written_opinion_record(actor=request.user, **form.cleaned_data),
        _("Written opinion recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def paper(request, pk, candidate_pk):
    """Paper ballots on one candidate: who voted on paper, and the counts."""
    review_round = _round(request, pk, "ballots.run")
    candidate = get_object_or_404(review_round.candidates, pk=candidate_pk)
    present = Attendance.objects.filter(round=review_round, present=True).values("member_id")
    voters = (
        round_members(review_round)
        .filter(pk__in=present)
        .exclude(pk__in=candidate.participations.values("member_id"))
    )
    form = PaperCountForm(request.POST or None, members=voters)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballots_count_in(
                candidate=candidate,
                members=list(form.cleaned_data["members"]),
                agree=form.cleaned_data["agree"],
                disagree=form.cleaned_data["disagree"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Paper ballots counted in."))
            return redirect("ballots:desk", pk=review_round.pk)
    context = {"round": review_round, "candidate": candidate, "form": form}
    return render(request, "reviews/ballot/paper.html", context)


@login_required
@require_POST
def close(request, pk):
    review_round = _round(request, pk, "ballots.run")
    try:
        round_close(round=review_round, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("ballots:desk", pk=review_round.pk)
    messages.success(request, _("The vote is closed and counted."))
    return redirect("ballots:minutes", pk=review_round.pk)


@login_required
@require_GET
def minutes(request, pk):
    """The minutes of the sitting, printable; only once the round is closed."""
    review_round = _round(request, pk, "ballots.view")
    if not review_round.is_closed:
        messages.error(request, _("The minutes are available once the vote is closed."))
        return redirect(
            "ballots:vote"
            if request.user.has_perm("ballots.vote", review_round)
            else "ballots:desk",
            pk=pk,
        )
    return render(request, "reviews/ballot/minutes.html", {"m": minutes_data(review_round)})
