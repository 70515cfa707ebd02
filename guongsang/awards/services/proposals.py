"""Proposals upwards (tờ trình): a unit sends its recognised exemplars to a unit above it.

draft ──send──► sent ──accept (into a round of the receiver)──► accepted
                  └────return (with a reason)─────────────────► returned

Sending puts each exemplar back to "proposed" (its recognised level kept), so the receiver's
council can take it; returning puts it back to "recognised". A sent proposal's content never
changes: the receiver answers it as it was sent.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.enums import ProposalStatus
from guongsang.awards.models import Proposal
from guongsang.awards.services.common import require
from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.exemplars.services.lifecycle import exemplar_propose_up, exemplar_return_down
from guongsang.orgs.models import Unit
from guongsang.reviews.models import ReviewRound

_EDITABLE = {"number", "date", "title", "summary", "to_unit"}


def _lock(proposal: Proposal, *, expected: str) -> Proposal:
    fresh = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if fresh.status != expected:
        raise DomainError(
            _("This proposal is “%(status)s”; that step is no longer possible.")
            % {"status": ProposalStatus(fresh.status).label}
        )
    return fresh


def _check_target(from_unit: Unit, to_unit: Unit) -> None:
    if to_unit is None or not from_unit.path.startswith(to_unit.path) or to_unit == from_unit:
        raise DomainError(_("A proposal goes to a unit above the sending unit."))
    if not to_unit.is_active:
        raise DomainError(_("The receiving unit no longer exists; send to its successor."))


def _check_exemplars(from_unit: Unit, exemplars) -> None:
    if not exemplars:
        raise DomainError(_("Choose at least one recognised exemplar."))
    refused = [
        e.subject_name
        for e in exemplars
        if e.status != ExemplarStatus.RECOGNISED or not e.scope_unit.path.startswith(from_unit.path)
    ]
    if refused:
        raise DomainError(
            _("Only exemplars recognised in the sending unit can be proposed: %(names)s.")
            % {"names": ", ".join(refused)}
        )


@transaction.atomic
def proposal_create(
    *, from_unit: Unit, to_unit: Unit, exemplars: list[Exemplar], actor, **fields
) -> Proposal:
    require(actor, "awards.add_proposal_for", from_unit)
    if not from_unit.is_active:
        raise DomainError(_("A closed unit sends no proposals."))
    _check_target(from_unit, to_unit)
    _check_exemplars(from_unit, exemplars)
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise DomainError(_("This field cannot be changed."))
    proposal = Proposal(from_unit=from_unit, to_unit=to_unit, created_by=actor, **fields)
    audited_save(proposal, actor=actor, reason=_("Proposal drafted"))
    proposal.exemplars.set(exemplars)
    return proposal


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, actor, exemplars: list[Exemplar] | None = None, **fields
) -> Proposal:
    require(actor, "awards.change_proposal", proposal)
    fresh = _lock(proposal, expected=ProposalStatus.DRAFT)
    if set(fields) - _EDITABLE:
        raise DomainError(_("This field cannot be changed."))
    for name, value in fields.items():
        setattr(fresh, name, value)
    _check_target(fresh.from_unit, fresh.to_unit)
    if exemplars is not None:
        _check_exemplars(fresh.from_unit, exemplars)
        fresh.exemplars.set(exemplars)
    return audited_save(fresh, actor=actor, reason=_("Proposal changed"))


@transaction.atomic
def proposal_send(*, proposal: Proposal, actor) -> Proposal:
    """Send it up: number and date are required; the exemplars go back to "proposed"."""
    require(actor, "awards.send_proposal", proposal)
    fresh = _lock(proposal, expected=ProposalStatus.DRAFT)
    if not fresh.number.strip() or fresh.date is None:
        raise DomainError(_("Give the proposal's number and date before sending it."))
    if fresh.date > datetime.date.today():
        raise DomainError(_("The proposal's date cannot be in the future."))
    _check_target(fresh.from_unit, fresh.to_unit)
    exemplars = list(fresh.exemplars.select_for_update().select_related("scope_unit"))
    _check_exemplars(fresh.from_unit, exemplars)
    reason = _("Proposed to %(unit)s by proposal %(number)s.") % {
        "unit": fresh.to_unit.name,
        "number": fresh.number,
    }
    for exemplar in exemplars:
        exemplar_propose_up(exemplar=exemplar, actor=actor, reason=reason)
    fresh.status = ProposalStatus.SENT
    fresh.sent_at = timezone.now()
    return audited_save(fresh, actor=actor, reason=_("Proposal sent"))


@transaction.atomic
def proposal_accept(*, proposal: Proposal, review_round: ReviewRound, actor) -> Proposal:
    """The receiver takes the exemplars into one of its review rounds (at its unit or above)."""
    from guongsang.reviews.services.rounds import candidates_add

    require(actor, "awards.receive_proposal", proposal)
    fresh = _lock(proposal, expected=ProposalStatus.SENT)
    if not fresh.to_unit.path.startswith(review_round.council.unit.path):
        raise DomainError(_("Choose a review round of the receiving unit."))
    candidates_add(
        review_round=review_round,
        exemplars=list(fresh.exemplars.all()),
        actor=actor,
        any_plan=True,
    )
    fresh.status = ProposalStatus.ACCEPTED
    fresh.round = review_round
    fresh.answered_at = timezone.now()
    return audited_save(fresh, actor=actor, reason=_("Taken into a review round"))


@transaction.atomic
def proposal_return(*, proposal: Proposal, reason: str, actor) -> Proposal:
    """Send it back with a reason; its exemplars are recognised at their level again."""
    require(actor, "awards.receive_proposal", proposal)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for returning the proposal."))
    fresh = _lock(proposal, expected=ProposalStatus.SENT)
    note = _("Returned by %(unit)s: %(reason)s") % {"unit": fresh.to_unit.name, "reason": reason}
    for exemplar in fresh.exemplars.select_for_update():
        if exemplar.status == ExemplarStatus.PROPOSED:
            exemplar_return_down(exemplar=exemplar, actor=actor, reason=note)
    fresh.status = ProposalStatus.RETURNED
    fresh.return_reason = reason
    fresh.answered_at = timezone.now()
    return audited_save(fresh, actor=actor, reason=_("Proposal returned"))
