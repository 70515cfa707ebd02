"""Proposals upwards (tờ trình): compose and send, the receiver's inbox, take into a round or
return. Pages parse a form, check the rule, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.awards import selectors, services
from guongsang.awards.enums import ProposalStatus
from guongsang.awards.forms_proposals import (
    AcceptForm,
    ProposalCreateForm,
    ProposalForm,
    ReturnForm,
)
from guongsang.awards.links_proposals import proposal_document_links
from guongsang.common.audit import history_entries
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Unit
from guongsang.orgs.selectors import search_filter

# The compose page lists at most this many exemplars found by the search (plus those ticked).
EXEMPLARS_SHOWN = 100
_HEADER_FIELDS = ("to_unit", "title", "number", "date", "summary")


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _proposal(request, pk):
    proposal = (
        selectors.proposals_visible_to(user=request.user)
        .select_related("round", "created_by")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def _status(value):
    return value if value in ProposalStatus.values else None


@login_required
@require_GET
def proposal_list(request):
    """Proposals the user's scope sends or receives."""
    _require(request, "awards.browse")
    status = _status(request.GET.get("status"))
    proposals = selectors.proposals_visible_to(user=request.user, status=status)
    context = {
        "page_obj": paginate(request, proposals),
        "statuses": ProposalStatus.choices,
        "status": status,
        "inbox": False,
        "can_add": selectors.proposal_senders(user=request.user).exists(),
    }
    return render(request, "awards/proposal/list.html", context)


@login_required
@require_GET
def proposal_inbox(request):
    """Proposals sent to the units whose synthesising office the user is: "sent" ones first."""
    _require(request, "awards.browse")
    status = _status(request.GET.get("status", ProposalStatus.SENT))
    proposals = selectors.proposals_inbox(user=request.user, status=status)
    context = {
        "page_obj": paginate(request, proposals),
        "statuses": [c for c in ProposalStatus.choices if c[0] != ProposalStatus.DRAFT],
        "status": status,
        "inbox": True,
        "can_add": False,
    }
    return render(request, "awards/proposal/list.html", context)


# Composing -----------------------------------------------------------------------------------


def _ids(data, key) -> list[int]:
    return [int(value) for value in data.getlist(key) if value.isdigit()]


def _sending_unit(request, senders):
    """The unit chosen on the form; else the one holding a pre-ticked exemplar; else the first."""
    data = request.POST if request.method == "POST" else request.GET
    chosen = data.get("from_unit", "")
    if chosen.isdigit() and (unit := senders.filter(pk=chosen).first()):
        return unit
    picked = _ids(request.GET, "exemplar")[:1]
    paths = Exemplar.objects.filter(pk__in=picked).values_list("scope_unit__path", flat=True)
    if picked and (path := paths.first()):
        above = [path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)]
        if unit := senders.filter(path__in=above).first():
            return unit
    return senders.first()


def _form(request, form_class, initial, kwargs):
    """The form and the exemplars ticked. A "refresh" (search, or another sending unit) only
    shows the page again with what was typed, and saves nothing."""
    if request.method != "POST":
        return form_class(initial=initial, **kwargs), set(initial["exemplars"])
    ticked = _ids(request.POST, "exemplars")
    if "refresh" not in request.POST:
        return form_class(request.POST, **kwargs), set(ticked)
    typed = {name: request.POST.get(name, "") for name in _HEADER_FIELDS}
    if typed["to_unit"] not in {str(unit.pk) for unit in kwargs["targets"]}:
        typed["to_unit"] = initial["to_unit"]
    return form_class(initial={**initial, **typed, "exemplars": ticked}, **kwargs), set(ticked)


def _choices(exemplars, query: str, ticked: set[int]) -> tuple[list, bool]:
    """The exemplars the search finds (at most EXEMPLARS_SHOWN), with every ticked one kept."""
    found = list(exemplars.filter(search_filter(query))[: EXEMPLARS_SHOWN + 1])
    more = len(found) > EXEMPLARS_SHOWN
    found = found[:EXEMPLARS_SHOWN]
    missing = ticked - {exemplar.pk for exemplar in found}
    kept = list(exemplars.filter(pk__in=missing)) if missing else []
    return kept + found, more


def _render_form(request, form, exemplars, ticked, **context):
    query = (request.POST if request.method == "POST" else request.GET).get("q", "").strip()
    shown, more = _choices(exemplars, query, ticked)
    context.update({"form": form, "choices": shown, "more": more, "ticked": ticked, "query": query})
    return render(request, "awards/proposal/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request):
    """Sending unit, the unit above, the cover's fields, and the recognised exemplars ticked."""
    senders = selectors.proposal_senders(user=request.user)
    from_unit = _sending_unit(request, senders)
    if from_unit is None:
        raise PermissionDenied
    _require(request, "awards.add_proposal_for", from_unit)
    targets = selectors.proposal_targets(from_unit=from_unit)
    exemplars = selectors.proposable_upwards(from_unit=from_unit)
    initial = {
        "from_unit": from_unit.pk,
        "to_unit": targets[0].pk if targets else None,
        "exemplars": _ids(request.GET, "exemplar"),
    }
    kwargs = {"senders": senders, "targets": targets, "exemplars": exemplars}
    form, ticked = _form(request, ProposalCreateForm, initial, kwargs)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            proposal = services.proposal_create(
                from_unit=data.pop("from_unit"),
                to_unit=data.pop("to_unit"),
                exemplars=list(data.pop("exemplars")),
                actor=request.user,
                **data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft proposal is saved: check it, then send it."))
            return redirect("awards:proposal_detail", pk=proposal.pk)
    return _render_form(
        request, form, exemplars, ticked, heading=_("New proposal"), from_unit=from_unit
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = _proposal(request, pk)
    _require(request, "awards.change_proposal", proposal)
    if proposal.status != ProposalStatus.DRAFT:
        messages.error(request, _("A sent proposal cannot be changed."))
        return redirect("awards:proposal_detail", pk=proposal.pk)
    targets = selectors.proposal_targets(from_unit=proposal.from_unit)
    exemplars = selectors.proposable_upwards(from_unit=proposal.from_unit)
    initial = {name: getattr(proposal, name) for name in ("title", "number", "date", "summary")}
    initial.update(
        to_unit=proposal.to_unit_id,
        exemplars=list(proposal.exemplars.values_list("pk", flat=True)),
    )
    kwargs = {"targets": targets, "exemplars": exemplars}
    form, ticked = _form(request, ProposalForm, initial, kwargs)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.proposal_update(
                proposal=proposal,
                exemplars=list(data.pop("exemplars")),
                actor=request.user,
                **data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The proposal is saved."))
            return redirect("awards:proposal_detail", pk=proposal.pk)
    return _render_form(
        request,
        form,
        exemplars,
        ticked,
        heading=_("Change the draft proposal"),
        proposal=proposal,
        from_unit=proposal.from_unit,
    )


# Reading and answering ------------------------------------------------------------------------


def _detail_context(request, proposal, *, accept_form=None, return_form=None) -> dict:
    user = request.user
    exemplars = list(selectors.proposal_exemplars(proposal=proposal))
    draft = proposal.status == ProposalStatus.DRAFT
    can_receive = proposal.status == ProposalStatus.SENT and user.has_perm(
        "awards.receive_proposal", proposal
    )
    if can_receive and accept_form is None:
        rounds = selectors.rounds_for_proposal(proposal=proposal, user=user)
        accept_form = AcceptForm(rounds=rounds)
    return {
        "proposal": proposal,
        "exemplars": exemplars,
        "can_change": draft and user.has_perm("awards.change_proposal", proposal),
        "can_send": draft and user.has_perm("awards.send_proposal", proposal),
        "can_receive": can_receive,
        "sees_round": proposal.round_id is not None
        and user.has_perm("reviews.view_round", proposal.round),
        "accept_form": accept_form,
        "return_form": return_form or (ReturnForm() if can_receive else None),
        "documents": proposal_document_links(proposal, exemplars),
        "history": history_entries(proposal),
    }


@login_required
@require_GET
def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    return render(request, "awards/proposal/detail.html", _detail_context(request, proposal))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_send(request, pk):
    """GET: what will be sent, to confirm; POST: send it."""
    proposal = _proposal(request, pk)
    _require(request, "awards.send_proposal", proposal)
    if request.method == "POST":
        try:
            services.proposal_send(proposal=proposal, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The proposal is sent to %(unit)s.") % {"unit": proposal.to_unit.name}
            )
        return redirect("awards:proposal_detail", pk=proposal.pk)
    if proposal.status != ProposalStatus.DRAFT:
        messages.error(request, _("This proposal has already been sent."))
        return redirect("awards:proposal_detail", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "exemplars": list(selectors.proposal_exemplars(proposal=proposal)),
        "incomplete": not proposal.number.strip() or proposal.date is None,
    }
    return render(request, "awards/proposal/send_confirm.html", context)


@login_required
@require_POST
def proposal_accept(request, pk):
    """Take the exemplars into one of the receiving unit's review rounds."""
    proposal = _proposal(request, pk)
    _require(request, "awards.receive_proposal", proposal)
    rounds = selectors.rounds_for_proposal(proposal=proposal, user=request.user)
    form = AcceptForm(request.POST, rounds=rounds)
    if form.is_valid():
        review_round = form.cleaned_data["round"]
        try:
            services.proposal_accept(
                proposal=proposal, review_round=review_round, actor=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The exemplars are candidates of “%(round)s”.") % {"round": review_round.name},
            )
            return redirect("awards:proposal_detail", pk=proposal.pk)
    context = _detail_context(request, proposal, accept_form=form)
    return render(request, "awards/proposal/detail.html", context)


@login_required
@require_POST
def proposal_return(request, pk):
    """Send it back with a reason: its exemplars are recognised at their level again."""
    proposal = _proposal(request, pk)
    _require(request, "awards.receive_proposal", proposal)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_return(
                proposal=proposal, reason=form.cleaned_data["reason"], actor=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The proposal is returned to %(unit)s.")
                             % {"unit": proposal.from_unit.name})  # fmt: skip
            return redirect("awards:proposal_detail", pk=proposal.pk)
    context = _detail_context(request, proposal, return_form=form)
    return render(request, "awards/proposal/detail.html", context)
