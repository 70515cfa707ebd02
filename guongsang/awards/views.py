"""Decisions and the emulation fund: pages that parse a form, check the rule, call one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.awards import exporters, forms, selectors, services
from guongsang.awards.enums import DecisionKind, DecisionStatus
from guongsang.awards.money import fund_for, fund_state
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.reviews.selectors import rounds_visible_to


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _decision(request, pk):
    decision = selectors.decision_detail(user=request.user, pk=pk)
    if decision is None:
        raise Http404
    return decision


@login_required
@require_GET
def decision_list(request):
    _require(request, "awards.browse")
    status = request.GET.get("status") if request.GET.get("status") in DecisionStatus else None
    kind = request.GET.get("kind") if request.GET.get("kind") in DecisionKind else None
    decisions = selectors.decisions_visible_to(user=request.user, status=status, kind=kind)
    context = {
        "page_obj": paginate(request, decisions),
        "statuses": DecisionStatus.choices,
        "kinds": DecisionKind.choices,
        "status": status,
        "kind": kind,
        "can_add": request.user.has_perm("awards.add_decision"),
    }
    return render(request, "awards/decision/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request):
    _require(request, "awards.add_decision")
    initial = {"kind": request.GET.get("kind", DecisionKind.RECOGNITION)}
    form = forms.DecisionCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            decision = services.decision_create(
                authority=data.pop("authority"),
                kind=data.pop("kind"),
                title=data.pop("title"),
                year=data.pop("year"),
                actor=request.user,
                **data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The draft decision is saved: now add its recipients."))
            return redirect("awards:decision_detail", pk=decision.pk)
    heading = DecisionKind(initial["kind"]).label if initial["kind"] in DecisionKind else ""
    context = {"form": form, "heading": _("New decision"), "kind_label": heading}
    return render(request, "awards/decision/form.html", context)


@login_required
@require_GET
def decision_detail(request, pk):
    decision = _decision(request, pk)
    fund = decision.fund or (fund_for(decision.authority, decision.date.year)
                             if decision.date else None)  # fmt: skip
    can_change = request.user.has_perm("awards.change_decision", decision)
    draft = not decision.is_issued
    query = request.GET.get("q", "").strip()
    context = {
        "decision": decision,
        "recipients": list(decision.recipients.all()),
        "fund_state": fund_state(fund) if fund else None,
        "can_change": can_change and draft,
        "can_correct": can_change and decision.is_issued,
        "query": query,
        "choices": (
            selectors.recipient_choices(
                user=request.user, subject_kind=decision.title.subject_kind, query=query
            )
            if can_change and draft and query
            else []
        ),
        "documents": exporters.document_links(decision),
    }
    return render(request, "awards/decision/detail.html", context)


def _draft_action(request, pk, call, success):
    decision = _decision(request, pk)
    _require(request, "awards.change_decision", decision)
    try:
        call(decision)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("awards:decision_detail", pk=decision.pk)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk):
    decision = _decision(request, pk)
    _require(request, "awards.change_decision", decision)
    if decision.is_issued:
        messages.error(request, _("An issued decision cannot be changed: issue a correction."))
        return redirect("awards:decision_detail", pk=decision.pk)
    fields = ("title", "level", "year", "number", "date", "signer_name", "signer_title", "summary")
    initial = {name: getattr(decision, name) for name in fields}
    form = forms.DecisionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(decision=decision, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision is saved."))
            return redirect("awards:decision_detail", pk=decision.pk)
    context = {"form": form, "decision": decision, "heading": _("Change the draft decision")}
    return render(request, "awards/decision/form.html", context)


@login_required
@require_POST
def recipient_add(request, pk):
    kind = request.POST.get("subject_kind", "")
    subject_id = request.POST.get("subject_id", "")
    subject = selectors.recipient_subject(
        user=request.user, subject_kind=kind, pk=int(subject_id) if subject_id.isdigit() else 0
    )
    if subject is None:
        raise Http404

    def call(decision):
        services.decision_recipient_add(decision=decision, subject=subject, actor=request.user)

    return _draft_action(request, pk, call, _("“%(name)s” is added.") % {"name": subject})


@login_required
@require_POST
def recipient_remove(request, pk, recipient_pk):
    def call(decision):
        recipient = get_object_or_404(decision.recipients, pk=recipient_pk)
        services.decision_recipient_remove(recipient=recipient, actor=request.user)

    return _draft_action(request, pk, call, _("The recipient is removed."))


@login_required
@require_http_methods(["GET", "POST"])
def recipients_from_round(request, pk):
    decision = _decision(request, pk)
    _require(request, "awards.change_decision", decision)
    rounds = selectors.closed_rounds_for(decision=decision).filter(
        pk__in=rounds_visible_to(user=request.user).values("pk")
    )
    form = forms.FromRoundForm(request.POST or None, rounds=rounds)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.decision_recipients_from_round(
                decision=decision, round=form.cleaned_data["round"], actor=request.user
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(count)s recipients added.") % {"count": len(added)})
            return redirect("awards:decision_detail", pk=decision.pk)
    context = {"form": form, "decision": decision, "heading": _("Recipients from a review round")}
    return render(request, "awards/decision/form.html", context)


@login_required
@require_POST
def decision_issue(request, pk):
    def call(decision):
        services.decision_issue(decision=decision, actor=request.user)

    return _draft_action(request, pk, call, _("The decision is issued."))


@login_required
@require_http_methods(["GET", "POST"])
def decision_correct(request, pk):
    decision = _decision(request, pk)
    _require(request, "awards.change_decision", decision)
    form = forms.CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.decision_correct(
                decision=decision, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("A correcting decision is drafted."))
            return redirect("awards:decision_detail", pk=correction.pk)
    context = {"form": form, "decision": decision, "heading": _("Correct this decision")}
    return render(request, "awards/decision/form.html", context)


@login_required
@require_GET
def decision_document(request, pk, doc, fmt):
    decision = _decision(request, pk)
    try:
        return exporters.decision_document(decision, doc, fmt)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("awards:decision_detail", pk=decision.pk)


@login_required
@require_GET
def decision_annex_xlsx(request, pk):
    return exporters.annex_xlsx(_decision(request, pk))


@login_required
@require_GET
def minutes_document(request, round_pk, fmt):
    review_round = rounds_visible_to(user=request.user).filter(pk=round_pk).first()
    if review_round is None:
        raise Http404
    try:
        return exporters.minutes_document(review_round, fmt)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("awards:decision_list")


@login_required
@require_GET
def proposal_document(request, pk, fmt):
    proposal = selectors.proposals_visible_to(user=request.user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    try:
        return exporters.proposal_document(proposal, fmt)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("awards:decision_list")


@login_required
@require_GET
def fund_list(request):
    _require(request, "awards.browse")
    funds = paginate(request, selectors.funds_visible_to(user=request.user))
    rows = [(fund, fund_state(fund)) for fund in funds]
    return render(request, "awards/fund/list.html", {"page_obj": funds, "rows": rows})
