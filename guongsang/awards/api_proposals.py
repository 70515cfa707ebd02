"""The proposals API (tờ trình): draft, send up, the receiver's inbox, take into a round or
return. The same selectors, services and rules as the pages."""

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from guongsang.awards import selectors, services
from guongsang.awards.api_schemas_proposals import (
    AcceptIn,
    ProposalDetailOut,
    ProposalFilters,
    ProposalIn,
    ProposalOut,
    ProposalPatch,
    ReturnIn,
)
from guongsang.awards.links_proposals import proposal_document_links
from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs.models import Unit
from guongsang.orgs.selectors import units_visible_to
from guongsang.titles.models import Title

router = Router(tags=["proposals"])


def _proposal(request, pk: int):
    return get_or_404(selectors.proposals_visible_to(user=request.user), pk)


def _detail_out(request, pk: int):
    proposal = get_or_404(
        selectors.proposals_visible_to(user=request.user).select_related("round"), pk
    )
    proposal.exemplar_rows = list(selectors.proposal_exemplars(proposal=proposal))
    proposal.documents = proposal_document_links(proposal, proposal.exemplar_rows)
    return proposal


def _title(pk):
    return get_or_400(Title.objects.filter(is_active=True), pk, _("Unknown title or award."))


def _target(from_unit: Unit, pk: int | None) -> Unit:
    targets = selectors.proposal_targets(from_unit=from_unit)
    if pk is None and targets:
        return targets[0]
    target = next((unit for unit in targets if unit.pk == pk), None)
    if target is None:
        raise DomainError(_("A proposal goes to a unit above the sending unit."))
    return target


def _exemplars(from_unit: Unit, ids: list[int]) -> list:
    wanted = set(ids)
    found = list(selectors.proposable_upwards(from_unit=from_unit).filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise DomainError(_("Unknown exemplar, or not recognised in the sending unit."))
    return found


@router.get("/proposals", response=list[ProposalOut])
@paginate(Pagination)
def proposal_list(request, filters: Query[ProposalFilters]):
    """Proposals your scope sends or receives, newest first."""
    if filters.box == "inbox":
        return selectors.proposals_inbox(user=request.user, status=filters.status)
    if filters.box == "sent":
        return selectors.proposals_sent_by(user=request.user, status=filters.status)
    return selectors.proposals_visible_to(user=request.user, status=filters.status)


@router.get("/proposals/{int:proposal_id}", response={200: ProposalDetailOut, **ERRORS})
def proposal_detail(request, proposal_id: int):
    """A proposal with its exemplars and the download links of its dossier."""
    return _detail_out(request, proposal_id)


@router.post("/proposals", response={201: ProposalDetailOut, **ERRORS})
def proposal_create(request, payload: ProposalIn):
    """A draft proposal of recognised exemplars to a unit above (the nearest by default)."""
    from_unit = get_or_400(
        units_visible_to(user=request.user),
        payload.from_unit_id,
        _("Unknown sending unit, or outside your scope."),
    )
    require(request, "awards.add_proposal_for", from_unit)
    proposal = services.proposal_create(
        from_unit=from_unit,
        to_unit=_target(from_unit, payload.to_unit_id),
        exemplars=_exemplars(from_unit, payload.exemplar_ids),
        title=_title(payload.title_id),
        number=payload.number,
        date=payload.date,
        summary=payload.summary,
        actor=request.user,
    )
    return Status(201, _detail_out(request, proposal.pk))


@router.patch("/proposals/{int:proposal_id}", response={200: ProposalDetailOut, **ERRORS})
def proposal_update(request, proposal_id: int, payload: ProposalPatch):
    """Change a draft (a sent proposal never changes)."""
    proposal = _proposal(request, proposal_id)
    require(request, "awards.change_proposal", proposal)
    fields = changes(payload)
    exemplar_ids = fields.pop("exemplar_ids", None)
    exemplars = None if exemplar_ids is None else _exemplars(proposal.from_unit, exemplar_ids)
    if "to_unit_id" in fields:
        fields["to_unit"] = _target(proposal.from_unit, fields.pop("to_unit_id"))
    if "title_id" in fields:
        fields["title"] = _title(fields.pop("title_id"))
    for name in ("number", "summary"):
        if name in fields and fields[name] is None:
            fields[name] = ""
    services.proposal_update(proposal=proposal, exemplars=exemplars, actor=request.user, **fields)
    return _detail_out(request, proposal_id)


@router.post("/proposals/{int:proposal_id}/send", response={200: ProposalDetailOut, **ERRORS})
def proposal_send(request, proposal_id: int):
    """Send it up (number and date needed): its exemplars go back to "proposed"."""
    services.proposal_send(proposal=_proposal(request, proposal_id), actor=request.user)
    return _detail_out(request, proposal_id)


@router.post("/proposals/{int:proposal_id}/accept", response={200: ProposalDetailOut, **ERRORS})
def proposal_accept(request, proposal_id: int, payload: AcceptIn):
    """The receiver takes the exemplars into one of its review rounds not yet closed."""
    proposal = _proposal(request, proposal_id)
    require(request, "awards.receive_proposal", proposal)
    review_round = get_or_400(
        selectors.rounds_for_proposal(proposal=proposal, user=request.user),
        payload.round_id,
        _("Choose one of the receiving unit's review rounds that is not closed."),
    )
    services.proposal_accept(proposal=proposal, review_round=review_round, actor=request.user)
    return _detail_out(request, proposal_id)


@router.post("/proposals/{int:proposal_id}/return", response={200: ProposalDetailOut, **ERRORS})
def proposal_return(request, proposal_id: int, payload: ReturnIn):
    """Return it with a reason: its exemplars are recognised at their level again."""
    services.proposal_return(
        proposal=_proposal(request, proposal_id), reason=payload.reason, actor=request.user
    )
    return _detail_out(request, proposal_id)
