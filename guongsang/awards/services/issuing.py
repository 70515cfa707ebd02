"""Issuing a decision: money from the fund, title records, exemplars recognised — at once.

After this the decision and its recipients never change; a correction is a new decision.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.awards.enums import DecisionKind, DecisionStatus
from guongsang.awards.models import Decision, FundEntry
from guongsang.awards.money import award_amount, base_salary_on, fund_for, fund_state
from guongsang.awards.selectors import unit_name_on
from guongsang.awards.services.common import lock_draft, require, save_decision
from guongsang.awards.services.decisions import snapshot
from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.services.lifecycle import exemplar_recognise
from guongsang.orgs.models import subject_fields
from guongsang.titles.enums import AwardNature
from guongsang.titles.models import TitleRecord
from guongsang.titles.services import title_record_grant, title_record_update

NATURE = {
    DecisionKind.RECOGNITION: AwardNature.REGULAR,
    DecisionKind.COMMENDATION: AwardNature.REGULAR,
    DecisionKind.AD_HOC: AwardNature.AD_HOC,
    DecisionKind.THEMATIC: AwardNature.THEMATIC,
}


def _vnd(amount) -> str:
    return f"{int(amount):,}".replace(",", ".")


@transaction.atomic
def decision_issue(*, decision: Decision, actor) -> Decision:
    require(actor, "awards.issue_decision", decision)
    _issue(lock_draft(decision), actor=actor)
    decision.refresh_from_db()
    return decision


def _issue(decision: Decision, *, actor) -> None:
    _check_complete(decision)
    salary = base_salary_on(decision.date)
    amount = award_amount(title=decision.title, base_salary=salary.amount)
    recipients = list(
        decision.recipients.select_related("person__unit", "unit", "household", "exemplar")
    )
    for recipient in recipients:
        snapshot(recipient, decision.date)
        recipient.amount = amount
        audited_save(recipient, actor=actor)
    decision.authority_name = unit_name_on(decision.authority, decision.date)
    decision.base_salary = salary.amount
    decision.total_amount = amount * len(recipients)
    spend = decision.total_amount - _already_paid(decision)
    decision.fund = _charge_fund(decision, spend)
    decision.status = DecisionStatus.ISSUED
    decision.issued_at = timezone.now()
    save_decision(decision, actor=actor, reason=_("Issued"))
    if spend:
        FundEntry.objects.create(
            fund=decision.fund,
            date=decision.date,
            amount=-spend,
            description=f"Khen thưởng theo Quyết định số {decision.number}",
            decision=decision,
        )
    reason = f"Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y}"
    for recipient in recipients:
        _grant_title(decision, recipient, actor=actor, note=reason)
        exemplar = recipient.exemplar
        if exemplar is not None and exemplar.status == ExemplarStatus.UNDER_REVIEW:
            exemplar_recognise(exemplar=exemplar, level=decision.level, actor=actor, reason=reason)


def _check_complete(decision: Decision) -> None:
    missing = [
        label
        for label, value in (
            (_("number"), decision.number),
            (_("date"), decision.date),
            (_("signed by"), decision.signer_name),
        )
        if not value
    ]
    if missing:
        raise DomainError(
            _("Fill in before issuing: %(fields)s.") % {"fields": ", ".join(map(str, missing))}
        )
    if not decision.recipients.exists():
        raise DomainError(_("A decision needs at least one recipient."))
    taken = Decision.objects.filter(
        authority=decision.authority, number=decision.number, status=DecisionStatus.ISSUED
    )
    if taken.exists():
        raise DomainError(
            _("This authority has already issued a decision numbered %(number)s.")
            % {"number": decision.number}
        )


def _already_paid(decision: Decision) -> Decimal:
    """A correction pays only the difference from the decision it corrects."""
    if decision.corrects_id is None:
        return Decimal(0)
    return decision.corrects.total_amount


def _charge_fund(decision: Decision, spend: Decimal):
    fund = fund_for(decision.authority, decision.date.year)
    if spend <= 0:
        return fund
    if fund is None:
        raise DomainError(
            _("%(unit)s has no emulation fund for %(year)s: open it before issuing awards.")
            % {"unit": decision.authority.name, "year": decision.date.year}
        )
    state = fund_state(fund)
    if spend > state.available:
        raise DomainError(
            _(
                "The fund cannot pay %(spend)s VND: only %(available)s VND is available, and "
                "%(reserved)s VND is reserved for movements and propagation."
            )
            % {
                "spend": _vnd(spend),
                "available": _vnd(max(state.available, 0)),
                "reserved": _vnd(state.reserved),
            }
        )
    return fund


def _grant_title(decision: Decision, recipient, *, actor, note: str) -> None:
    fields = {
        "decision_number": decision.number,
        "decision_date": decision.date,
        "issuer": decision.authority_name,
    }
    if decision.corrects_id is not None:
        earlier = TitleRecord.objects.filter(
            title=decision.title,
            year=decision.year,
            decision_number=decision.corrects.number,
            **subject_fields(recipient.subject),
        ).first()
        if earlier is not None:
            title_record_update(record=earlier, actor=actor, note=note[:255], **fields)
            return
    title_record_grant(
        subject=recipient.subject,
        title=decision.title,
        year=decision.year,
        actor=actor,
        nature=NATURE.get(_root_kind(decision), AwardNature.REGULAR),
        **fields,
    )


def _root_kind(decision: Decision) -> str:
    while decision.kind == DecisionKind.CORRECTION and decision.corrects_id:
        decision = decision.corrects
    return decision.kind
