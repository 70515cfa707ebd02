"""One candidate's dossier: summary, evidence, titles, eligibility, nurturing; scores, thread."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guongsang.common.errors import DomainError
from guongsang.reviews import forms, selectors, services
from guongsang.reviews.enums import RoundStatus
from guongsang.reviews.postings import postings_of
from guongsang.reviews.views._common import require_perm, visible_round
from guongsang.titles.selectors import title_history_of


def _candidate(request, pk, cpk):
    review_round = visible_round(request, pk)
    candidate = selectors.candidate_in_round(review_round=review_round, pk=cpk)
    if candidate is None:
        raise Http404
    candidate.round = review_round
    return review_round, candidate


@login_required
@require_GET
def candidate_detail(request, pk, cpk):
    review_round, candidate = _candidate(request, pk, cpk)
    user = request.user
    seat = selectors.seat_of(user=user, review_round=review_round)
    is_open = review_round.status == RoundStatus.OPEN
    # The criteria only make the score form (a seat, an open round).
    criteria = selectors.criteria_of(review_round=review_round) if seat and is_open else []
    # A seat on the round's day is a seat on the council: no second query for the rule.
    can_view_thread = seat is not None or user.has_perm("reviews.view_discussion", review_round)
    context = {
        "round": review_round,
        "candidate": candidate,
        "exemplar": candidate.exemplar,
        "nurturing_plan": getattr(candidate.exemplar, "nurturing_plan", None),
        "titles": title_history_of(subject=candidate.exemplar.subject)[:50],
        "criteria": criteria,
        "scores": selectors.scores_of(candidate=candidate) if can_view_thread else [],
        "score_form": forms.ScoreForm(
            criteria=criteria,
            initial_scores=selectors.my_scores(candidate=candidate, member=seat),
        )
        if seat and is_open and criteria
        else None,
        "comments": selectors.comments_of(candidate=candidate) if can_view_thread else None,
        "comment_form": forms.CommentForm() if seat and not review_round.is_closed else None,
        "postings": postings_of(candidate=candidate),
        "can_post": user.has_perm("awards.change_publicposting", candidate.exemplar),
        "outcome_form": forms.OutcomeForm()
        if is_open and user.has_perm("reviews.manage_round", review_round)
        else None,
    }
    return render(request, "reviews/candidate/detail.html", context)


@login_required
@require_GET
def candidate_eligibility(request, pk, cpk):
    """The engine's verdict for the dossier, fetched after the page (it runs the engine)."""
    review_round = visible_round(request, pk)
    candidate = review_round.candidates.filter(pk=cpk).select_related("exemplar").first()
    if candidate is None:
        raise Http404
    candidate.round = review_round
    context = {
        "round": review_round,
        "candidate": candidate,
        "eligibility": selectors.eligibility_of(candidate=candidate),
    }
    template = (
        "reviews/candidate/_eligibility.html"
        if request.htmx
        else "reviews/candidate/eligibility.html"
    )
    return render(request, template, context)


def _back(pk, cpk):
    return redirect("reviews:candidate_detail", pk=pk, cpk=cpk)


def _call(request, call, success):
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


@login_required
@require_POST
def candidate_score(request, pk, cpk):
    review_round, candidate = _candidate(request, pk, cpk)
    require_perm(request, "reviews.score", review_round)
    form = forms.ScoreForm(request.POST, criteria=selectors.criteria_of(review_round=review_round))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(pk, cpk)
    _call(
        request,
        lambda: services.scores_set(candidate=candidate, values=form.values(), actor=request.user),
        _("Your scores are saved."),
    )
    return _back(pk, cpk)


@login_required
@require_POST
def candidate_comment(request, pk, cpk):
    review_round, candidate = _candidate(request, pk, cpk)
    require_perm(request, "reviews.discuss", review_round)
    form = forms.CommentForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    _call(
        request,
        lambda: services.comment_add(candidate=candidate, text=text, actor=request.user),
        _("Your comment is posted."),
    )
    return _back(pk, cpk)


@login_required
@require_POST
def candidate_outcome(request, pk, cpk):
    review_round, candidate = _candidate(request, pk, cpk)
    require_perm(request, "reviews.manage_round", review_round)
    form = forms.OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose pass, fail or defer."))
        return _back(pk, cpk)
    _call(
        request,
        lambda: services.candidate_outcome_set(
            candidate=candidate, actor=request.user, **form.cleaned_data
        ),
        _("The outcome is recorded."),
    )
    return _back(pk, cpk)
