"""Writes to disciplines, inspections and complaints (ComplianceCase), which freeze proposals."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.orgs.models import subject_fields
from guongsang.plans.enums import CaseKind
from guongsang.plans.models import ComplianceCase
from guongsang.titles.services import scope_unit_for

CASE_FIELDS = {"kind", "opened_on", "closed_on", "effect_until", "reference", "note"}


@transaction.atomic
def compliance_case_create(
    *, subject, kind: str, opened_on: datetime.date, actor, **fields
) -> ComplianceCase:
    """Record a case about a person, a collective or a household, filed under its unit."""
    case = ComplianceCase(
        kind=kind,
        opened_on=opened_on,
        scope_unit=scope_unit_for(subject),
        **subject_fields(subject),
        **_only(fields),
    )
    _check(case)
    return audited_save(case, actor=actor)


@transaction.atomic
def compliance_case_update(*, case: ComplianceCase, actor, **fields) -> ComplianceCase:
    for field, value in _only(fields).items():
        setattr(case, field, value)
    _check(case)
    return audited_save(case, actor=actor)


@transaction.atomic
def compliance_case_close(
    *,
    case: ComplianceCase,
    closed_on: datetime.date,
    actor,
    effect_until: datetime.date | None = None,
) -> ComplianceCase:
    """Close the case; a discipline may stay in effect until a later date."""
    if case.closed_on is not None:
        raise DomainError(_("This case is already closed."))
    case.closed_on = closed_on
    if effect_until is not None:
        case.effect_until = effect_until
    _check(case)
    return audited_save(case, actor=actor, reason=_("Closed"))


def _check(case: ComplianceCase) -> None:
    if case.effect_until and case.kind != CaseKind.DISCIPLINE:
        raise DomainError(_("Only a discipline stays in effect after it is decided."))
    if case.effect_until and case.effect_until < case.opened_on:
        raise DomainError(_("The discipline cannot end before the case was opened."))


def _only(fields: dict) -> dict:
    unknown = set(fields) - CASE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return fields
