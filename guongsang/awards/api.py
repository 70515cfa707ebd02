"""The awards API: decisions (draft → issued → corrected), funds and document downloads.

Endpoints call the same selectors and services as the pages, and the same rules.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from guongsang.awards import exporters, selectors, services
from guongsang.awards.api_schemas import (
    CorrectIn,
    DecisionDetailOut,
    DecisionFilters,
    DecisionIn,
    DecisionOut,
    DecisionPatch,
    FromRoundIn,
    FundOut,
    RecipientIn,
)
from guongsang.awards.money import fund_for, fund_state
from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.reviews.selectors import rounds_visible_to
from guongsang.titles.models import Title

router = Router(tags=["awards"])


def _fund_out(fund) -> dict | None:
    if fund is None:
        return None
    state = fund_state(fund)
    return {
        **{f: getattr(fund, f) for f in ("id", "unit_id", "year", "opening_balance")},
        "unit_name": fund.unit.name,
        "propagation_share_percent": fund.propagation_share_percent,
        **{f: getattr(state, f) for f in ("income", "spent", "balance", "reserved", "available")},
    }


def _detail(request, pk: int):
    decision = selectors.decision_detail(user=request.user, pk=pk)
    if decision is None:
        raise Http404
    fund = decision.fund or (
        fund_for(decision.authority, decision.date.year) if decision.date else None
    )
    decision.fund_state = _fund_out(fund)
    decision.documents = exporters.document_links(decision)
    return decision


def _detail_out(request, pk: int):
    return _detail(request, pk)


def _title(pk):
    return get_or_400(Title.objects.filter(is_active=True), pk, _("Unknown title or award."))


@router.get("/decisions", response=list[DecisionOut])
@paginate(Pagination)
def decision_list(request, filters: Query[DecisionFilters]):
    return selectors.decisions_visible_to(
        user=request.user, status=filters.status, kind=filters.kind, year=filters.year
    )


@router.get("/decisions/{int:decision_id}", response={200: DecisionDetailOut, **ERRORS})
def decision_detail(request, decision_id: int):
    """A decision with its recipients, the fund's balance and reserve, and document links."""
    return _detail_out(request, decision_id)


@router.post("/decisions", response={201: DecisionDetailOut, **ERRORS})
def decision_create(request, payload: DecisionIn):
    """A draft decision; kinds `ad_hoc` and `thematic` are the fast paths (a reason needed)."""
    require(request, "awards.add_decision")
    authority = get_or_400(
        selectors.authorities_for(user=request.user),
        payload.authority_id,
        _("Unknown authority, or outside your scope."),
    )
    fields = payload.dict(exclude={"authority_id", "title_id", "kind", "year"})
    decision = services.decision_create(
        authority=authority,
        kind=payload.kind,
        title=_title(payload.title_id),
        year=payload.year,
        actor=request.user,
        **fields,
    )
    return Status(201, _detail_out(request, decision.pk))


@router.patch("/decisions/{int:decision_id}", response={200: DecisionDetailOut, **ERRORS})
def decision_update(request, decision_id: int, payload: DecisionPatch):
    decision = _detail(request, decision_id)
    fields = {k: v for k, v in changes(payload).items() if v is not None or k == "date"}
    if "title_id" in fields:
        fields["title"] = _title(fields.pop("title_id"))
    services.decision_update(decision=decision, actor=request.user, **fields)
    return _detail_out(request, decision_id)


@router.post("/decisions/{int:decision_id}/recipients", response={201: DecisionDetailOut, **ERRORS})
def recipient_add(request, decision_id: int, payload: RecipientIn):
    """Add a person, collective or household by hand."""
    decision = _detail(request, decision_id)
    subject = selectors.recipient_subject(
        user=request.user, subject_kind=payload.subject_kind, pk=payload.subject_id
    )
    if subject is None:
        raise DomainError(_("Unknown subject, or outside your scope."))
    services.decision_recipient_add(decision=decision, subject=subject, actor=request.user)
    return Status(201, _detail_out(request, decision_id))


@router.post(
    "/decisions/{int:decision_id}/recipients/from-round",
    response={201: DecisionDetailOut, **ERRORS},
)
def recipients_from_round(request, decision_id: int, payload: FromRoundIn):
    """Every passed candidate of a closed review round, in one step."""
    decision = _detail(request, decision_id)
    review_round = get_or_400(
        rounds_visible_to(user=request.user), payload.round_id, _("Unknown review round.")
    )
    services.decision_recipients_from_round(
        decision=decision, round=review_round, actor=request.user
    )
    return Status(201, _detail_out(request, decision_id))


@router.delete(
    "/decisions/{int:decision_id}/recipients/{int:recipient_id}",
    response={200: DecisionDetailOut, **ERRORS},
)
def recipient_remove(request, decision_id: int, recipient_id: int):
    decision = _detail(request, decision_id)
    recipient = get_or_404(decision.recipients.all(), recipient_id)
    services.decision_recipient_remove(recipient=recipient, actor=request.user)
    return _detail_out(request, decision_id)


@router.post("/decisions/{int:decision_id}/issue", response={200: DecisionDetailOut, **ERRORS})
def decision_issue(request, decision_id: int):
    """Issue: money from the fund, title records granted, exemplars recognised; then immutable."""
    services.decision_issue(decision=_detail(request, decision_id), actor=request.user)
    return _detail_out(request, decision_id)


@router.post("/decisions/{int:decision_id}/correct", response={201: DecisionDetailOut, **ERRORS})
def decision_correct(request, decision_id: int, payload: CorrectIn):
    """A new draft decision (kind `correction`) correcting an issued one."""
    correction = services.decision_correct(
        decision=_detail(request, decision_id), actor=request.user, reason=payload.reason
    )
    return Status(201, _detail_out(request, correction.pk))


@router.get("/decisions/{int:decision_id}/documents/{doc}.{fmt}", response={200: None, **ERRORS})
def decision_document(request, decision_id: int, doc: str, fmt: str):
    """`quyet-dinh` (the decision with its annex) or `danh-sach` (the annex), as docx or pdf."""
    return exporters.decision_document(_detail(request, decision_id), doc, fmt)


@router.get("/funds", response=list[FundOut])
@paginate(Pagination)
def fund_list(request, year: int | None = None):
    """Emulation funds with balance, reserve for movements and propagation, and what is left."""
    return [_fund_out(f) for f in selectors.funds_visible_to(user=request.user, year=year)]


@router.get("/funds/{int:fund_id}", response={200: FundOut, **ERRORS})
def fund_detail(request, fund_id: int):
    return _fund_out(get_or_404(selectors.funds_visible_to(user=request.user), fund_id))
