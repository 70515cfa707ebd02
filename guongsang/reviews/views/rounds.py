"""Review rounds: the list, opening one, its candidates (added in bulk), criteria, outcomes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.exemplars.selectors import plans_open_to
from guongsang.reviews import exporters, forms, selectors, services
from guongsang.reviews.enums import Outcome, RoundStatus
from guongsang.reviews.views._common import require_perm, visible_round


@login_required
@require_GET
def round_list(request):
    require_perm(request, "reviews.browse")
    rounds = selectors.rounds_visible_to(user=request.user, status=request.GET.get("status"))
    context = {
        "page_obj": paginate(request, rounds),
        "can_add": request.user.has_perm("reviews.add_council"),
        "statuses": RoundStatus.choices,
    }
    return render(request, "reviews/round/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    require_perm(request, "reviews.add_council")
    plans = plans_open_to(user=request.user)
    form = forms.RoundForm(request.POST or None, user=request.user, plans=plans)
    if request.method == "POST" and form.is_valid():
        try:
            review_round = services.round_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The review round is prepared."))
            return redirect("reviews:round_detail", pk=review_round.pk)
    context = {"form": form, "heading": _("Open a review round")}
    return render(request, "reviews/round/form.html", context)


@login_required
@require_GET
def round_detail(request, pk):
    review_round = visible_round(request, pk)
    form = forms.CandidateFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    candidates = selectors.candidates_ranked(
        review_round=review_round, query=data.get("q"), outcome=data.get("outcome")
    ).select_related(None)  # the table shows the candidate's own columns: no join to skip pages
    can_manage = request.user.has_perm("reviews.manage_round", review_round)
    context = {
        "round": review_round,
        "filter_form": form,
        "page_obj": paginate(request, candidates),
        "criteria": selectors.criteria_of(review_round=review_round),
        "can_manage": can_manage and not review_round.is_closed,
        "is_open": review_round.status == RoundStatus.OPEN,
        "criterion_form": forms.CriterionForm() if can_manage else None,
        **_ballot_links(request.user, review_round),
    }
    return render(request, "reviews/round/detail.html", context)


def _ballot_links(user, review_round) -> dict:
    """Which of the ballot pages (vote, secretary's desk, minutes) this user can open."""
    if not review_round.requires_vote or review_round.status == RoundStatus.DRAFT:
        return {}
    return {
        "can_vote": review_round.status == RoundStatus.OPEN
        and user.has_perm("ballots.vote", review_round),
        "can_run_ballot": user.has_perm("ballots.run", review_round),
        "has_minutes": review_round.is_closed and user.has_perm("ballots.view", review_round),
    }


def _managed_round(request, pk):
    review_round = visible_round(request, pk)
    require_perm(request, "reviews.manage_round", review_round)
    return review_round


def _done_or_error(request, call, success: str) -> bool:
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def round_open(request, pk):
    review_round = _managed_round(request, pk)
    _done_or_error(
        request,
        lambda: services.round_open(review_round=review_round, actor=request.user),
        _("The review round is open."),
    )
    return redirect("reviews:round_detail", pk=pk)


@login_required
@require_POST
def criterion_add(request, pk):
    review_round = _managed_round(request, pk)
    form = forms.CriterionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the criterion's name, weight and highest score."))
    else:
        _done_or_error(
            request,
            lambda: services.criterion_add(
                review_round=review_round, actor=request.user, **form.cleaned_data
            ),
            _("The criterion is added."),
        )
    return redirect("reviews:round_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def candidates_add(request, pk):
    """Choose proposed exemplars, then confirm on a second page that lists them."""
    review_round = _managed_round(request, pk)
    proposable = selectors.proposable_exemplars(review_round=review_round)
    form = forms.AddCandidatesForm(request.POST or None, exemplars=proposable)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["exemplars"])
        if form.cleaned_data["confirm"]:
            added = _done_or_error(
                request,
                lambda: services.candidates_add(
                    review_round=review_round, exemplars=chosen, actor=request.user
                ),
                _("%(count)s candidates are added.") % {"count": len(chosen)},
            )
            if added:
                return redirect("reviews:round_detail", pk=pk)
        else:
            context = {"round": review_round, "chosen": chosen}
            return render(request, "reviews/round/candidates_confirm.html", context)
    context = {"round": review_round, "form": form, "exemplars": proposable}
    return render(request, "reviews/round/candidates_add.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def outcomes_bulk(request, pk):
    """One outcome for several candidates; a second page lists what will change."""
    review_round = _managed_round(request, pk)
    candidates = selectors.candidates_ranked(review_round=review_round)
    form = forms.BulkOutcomeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(data["candidates"])
        if data["confirm"]:
            call = lambda: services.candidates_outcome_bulk(  # noqa: E731
                review_round=review_round,
                candidates=chosen,
                outcome=data["outcome"],
                reason=data["reason"],
                actor=request.user,
            )
            if _done_or_error(request, call, _("The outcomes are recorded.")):
                return redirect("reviews:round_detail", pk=pk)
        else:
            context = {
                "round": review_round,
                "chosen": chosen,
                "data": data,
                "outcome_label": Outcome(data["outcome"]).label,
            }
            return render(request, "reviews/round/outcomes_confirm.html", context)
    context = {"round": review_round, "form": form}
    return render(request, "reviews/round/outcomes_bulk.html", context)


@login_required
@require_GET
def round_export(request, pk):
    review_round = visible_round(request, pk)
    require_perm(request, "reviews.export_round", review_round)
    return exporters.round_xlsx_response(review_round=review_round)


def _editable_round(request, pk):
    """The managed round, or None (with the reason shown) once it is closed."""
    review_round = _managed_round(request, pk)
    if review_round.is_closed:
        messages.error(request, _("The review round is closed; nothing in it can change."))
        return None
    return review_round


def _edit_or_render(request, form, call, success: str, context: dict):
    """Save through the service and go back to the round, or show the form with the reason."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return redirect("reviews:round_detail", pk=context["round"].pk)
    return render(request, "reviews/round/edit.html", {"form": form, **context})


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk):
    review_round = _editable_round(request, pk)
    if review_round is None:
        return redirect("reviews:round_detail", pk=pk)
    initial = {name: getattr(review_round, name) for name in forms.RoundEditForm.base_fields}
    form = forms.RoundEditForm(request.POST or None, initial=initial)
    return _edit_or_render(
        request,
        form,
        lambda data: services.round_update(review_round=review_round, actor=request.user, **data),
        _("The review round is saved."),
        {"round": review_round, "heading": _("Change the review round")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk, criterion_pk):
    review_round = _editable_round(request, pk)
    if review_round is None:
        return redirect("reviews:round_detail", pk=pk)
    criterion = review_round.criteria.filter(pk=criterion_pk).first()
    if criterion is None:
        raise Http404
    initial = {name: getattr(criterion, name) for name in forms.CriterionEditForm.base_fields}
    form = forms.CriterionEditForm(request.POST or None, initial=initial)
    heading = _("Change the criterion “%(name)s”") % {"name": criterion.name}
    return _edit_or_render(
        request,
        form,
        lambda data: services.criterion_update(criterion=criterion, actor=request.user, **data),
        _("The criterion is saved; the candidates' scores follow it."),
        {"round": review_round, "heading": heading},
    )
