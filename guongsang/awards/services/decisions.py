"""Drafting decisions: the act itself, its recipients (by hand or from a round), corrections.

A draft may change freely; an issued decision never does (lock_draft refuses), and a
correction is a new decision (kind CORRECTION) that names the one it corrects.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.awards.enums import DecisionKind, DecisionStatus
from guongsang.awards.models import Decision, DecisionRecipient
from guongsang.awards.money import award_amount, base_salary_on
from guongsang.awards.selectors import unit_name_on
from guongsang.awards.services.common import lock_draft, require, save_decision
from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.orgs.models import Household, Person, Unit, subject_fields
from guongsang.reviews.enums import Outcome
from guongsang.titles.enums import SubjectKind

DECISION_FIELDS = {
    "number", "date", "kind", "signer_name", "signer_title", "title", "level", "year",
    "summary", "round",
}  # fmt: skip
_KIND_OF = {
    Person: SubjectKind.INDIVIDUAL,
    Unit: SubjectKind.COLLECTIVE,
    Household: SubjectKind.HOUSEHOLD,
}


@transaction.atomic
def decision_create(*, authority: Unit, kind: str, title, year: int, actor, **fields) -> Decision:
    require(actor, "awards.add_decision_for", authority)
    _only(fields, DECISION_FIELDS | {"corrects"})
    if not authority.is_active:
        raise DomainError(_("A closed unit issues no decisions."))
    if kind in (DecisionKind.AD_HOC, DecisionKind.THEMATIC) and not fields.get("summary"):
        raise DomainError(_("Give the reason for an ad-hoc or thematic commendation."))
    decision = Decision(
        authority=authority,
        kind=kind,
        title=title,
        year=year,
        level=fields.pop("level", None) or title.level,
        created_by=actor,
        **fields,
    )
    decision.authority_name = unit_name_on(authority, decision.date)
    return save_decision(decision, actor=actor)


@transaction.atomic
def decision_update(*, decision: Decision, actor, **fields) -> Decision:
    require(actor, "awards.change_decision", decision)
    fresh = lock_draft(decision)
    for field, value in _only(fields, DECISION_FIELDS).items():
        setattr(fresh, field, value)
    fresh.authority_name = unit_name_on(fresh.authority, fresh.date)
    save_decision(fresh, actor=actor)
    if "title" in fields and fresh.recipients.exclude(**_kind_filter(fresh.title)).exists():
        raise DomainError(_("Some recipients do not match this title or award."))
    reprice(fresh, actor=actor)
    decision.refresh_from_db()
    return decision


def _kind_filter(title) -> dict:
    field = {"individual": "person", "collective": "unit", "household": "household"}
    return {f"{field[title.subject_kind]}__isnull": False}


@transaction.atomic
def decision_recipient_add(
    *, decision: Decision, subject, actor, exemplar=None
) -> DecisionRecipient:
    require(actor, "awards.change_decision", decision)
    decision = lock_draft(decision)
    _check_subject(decision, subject)
    recipient = DecisionRecipient(decision=decision, exemplar=exemplar, **subject_fields(subject))
    snapshot(recipient, decision.date)
    recipient.amount = _amount(decision)
    return audited_save(recipient, actor=actor)


@transaction.atomic
def decision_recipient_remove(*, recipient: DecisionRecipient, actor) -> None:
    require(actor, "awards.change_decision", recipient.decision)
    lock_draft(recipient.decision)
    recipient._history_user = actor
    recipient.delete()


@transaction.atomic
def decision_recipients_from_round(*, decision: Decision, round, actor) -> list:
    """Every passed candidate of a closed round, in one step (those already listed are kept)."""
    require(actor, "awards.change_decision", decision)
    decision = lock_draft(decision)
    if not round.is_closed:
        raise DomainError(_("Only a closed round's results can be taken into a decision."))
    listed = set(decision.recipients.exclude(exemplar=None).values_list("exemplar_id", flat=True))
    added = []
    candidates = round.candidates.filter(outcome=Outcome.PASS).select_related(
        "exemplar__person", "exemplar__unit", "exemplar__household"
    )
    for candidate in candidates:
        if candidate.exemplar_id in listed:
            continue
        added.append(
            decision_recipient_add(
                decision=decision,
                subject=candidate.exemplar.subject,
                exemplar=candidate.exemplar,
                actor=actor,
            )
        )
    if decision.round_id is None:
        decision.round = round
        save_decision(decision, actor=actor, reason=_("Results of a review round"))
    return added


@transaction.atomic
def decision_correct(*, decision: Decision, actor, reason: str) -> Decision:
    """A new draft correcting an issued decision, with the same recipients to amend."""
    require(actor, "awards.change_decision", decision)
    decision = Decision.objects.get(pk=decision.pk)
    if decision.status != DecisionStatus.ISSUED:
        raise DomainError(_("Only an issued decision can be corrected; change the draft instead."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason."))
    correction = decision_create(
        authority=decision.authority,
        kind=DecisionKind.CORRECTION,
        title=decision.title,
        level=decision.level,
        year=decision.year,
        corrects=decision,
        signer_title=decision.signer_title,
        summary=reason,
        actor=actor,
    )
    for old in decision.recipients.select_related("person", "unit", "household", "exemplar"):
        recipient = DecisionRecipient(decision=correction, exemplar=old.exemplar)
        recipient.person, recipient.unit, recipient.household = old.person, old.unit, old.household
        recipient.name, recipient.unit_name, recipient.amount = old.name, old.unit_name, old.amount
        audited_save(recipient, actor=actor, reason=reason)
    return correction


def _check_subject(decision: Decision, subject) -> None:
    kind = _KIND_OF[type(subject)]
    if kind != decision.title.subject_kind:
        raise DomainError(
            _("“%(title)s” is for another kind of subject than %(subject)s.")
            % {"title": decision.title.name, "subject": subject}
        )
    if isinstance(subject, Unit) and subject.status == "dissolved":
        raise DomainError(
            _("A dissolved unit cannot receive an award: %(unit)s.") % {"unit": subject}
        )
    if isinstance(subject, Unit) and not subject.is_active:
        raise DomainError(
            _("%(unit)s is closed (merged or split): choose its successor.") % {"unit": subject}
        )
    if decision.recipients.filter(**subject_fields(subject)).exists():
        raise DomainError(_("%(subject)s is already in this decision.") % {"subject": subject})


def snapshot(recipient: DecisionRecipient, date: datetime.date | None) -> None:
    """The recipient's name and unit name as they are on the decision's day."""
    subject = recipient.subject
    if isinstance(subject, Person):
        recipient.name = subject.full_name
        recipient.unit_name = unit_name_on(subject.unit, date)
    elif isinstance(subject, Unit):
        recipient.name = unit_name_on(subject, date)
        recipient.unit_name = unit_name_on(Unit.objects.get_parent(subject), date)
    else:
        recipient.name = subject.name
        recipient.unit_name = unit_name_on(subject.locality, date)


def _amount(decision: Decision):
    if decision.date is None:
        return 0
    salary = base_salary_on(decision.date)
    return award_amount(title=decision.title, base_salary=salary.amount)


def reprice(decision: Decision, *, actor) -> None:
    """Refresh the draft's snapshots and amounts after its date or title changed."""
    amount = _amount(decision)
    for recipient in decision.recipients.select_related("person__unit", "unit", "household"):
        snapshot(recipient, decision.date)
        recipient.amount = amount
        audited_save(recipient, actor=actor)


def _only(fields: dict, allowed: set) -> dict:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return fields
