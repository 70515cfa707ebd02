"""Setting up a council (Hội đồng Thi đua – Khen thưởng): its term and its members."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.orgs.models import Person, Unit
from guongsang.reviews.enums import MemberRole
from guongsang.reviews.models import Council, CouncilMember


def _require(actor, perm: str, obj) -> None:
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied


@transaction.atomic
def council_create(
    *,
    unit: Unit,
    name: str,
    valid_from: datetime.date,
    actor,
    valid_to: datetime.date | None = None,
) -> Council:
    _require(actor, "reviews.change_council", unit)
    name = (name or "").strip()
    council = Council(unit=unit, name=name, valid_from=valid_from, valid_to=valid_to)
    _check_dates(valid_from, valid_to)
    return audited_save(council, actor=actor, reason=_("Council set up"))


@transaction.atomic
def council_update(*, council: Council, actor, **fields) -> Council:
    _require(actor, "reviews.change_council", council)
    for name in ("name", "valid_from", "valid_to"):
        if name in fields:
            setattr(council, name, fields[name])
    _check_dates(council.valid_from, council.valid_to)
    return audited_save(council, actor=actor, reason=_("Council changed"))


def _check_dates(valid_from, valid_to) -> None:
    if valid_to is not None and valid_from is not None and valid_to < valid_from:
        raise DomainError(_("The end date comes before the start date."))


@transaction.atomic
def council_member_add(
    *,
    council: Council,
    person: Person,
    role: str,
    actor,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> CouncilMember:
    _require(actor, "reviews.change_council", council)
    if role not in MemberRole.values:
        raise DomainError(_("Unknown council role."))
    if CouncilMember.objects.filter(council=council, person=person).exists():
        raise DomainError(_("This person already sits on the council."))
    valid_from = valid_from or council.valid_from
    _check_dates(valid_from, valid_to)
    _check_single_seat(council=council, role=role, valid_from=valid_from, exclude=None)
    member = CouncilMember(
        council=council, person=person, role=role, valid_from=valid_from, valid_to=valid_to
    )
    return audited_save(member, actor=actor, reason=_("Member added"))


@transaction.atomic
def council_member_update(*, member: CouncilMember, actor, **fields) -> CouncilMember:
    """Change a member's role or seat dates; a member leaves by an end date, never deleted."""
    _require(actor, "reviews.change_council", member.council)
    for name in ("role", "valid_from", "valid_to"):
        if name in fields:
            setattr(member, name, fields[name])
    if member.role not in MemberRole.values:
        raise DomainError(_("Unknown council role."))
    _check_dates(member.valid_from, member.valid_to)
    _check_single_seat(
        council=member.council, role=member.role, valid_from=member.valid_from, exclude=member.pk
    )
    return audited_save(member, actor=actor, reason=_("Member changed"))


def _check_single_seat(*, council, role, valid_from, exclude) -> None:
    """One chair and one secretary at a time (vice chairs and members are many)."""
    if role not in (MemberRole.CHAIR, MemberRole.SECRETARY):
        return
    others = CouncilMember.objects.filter(council=council, role=role).exclude(pk=exclude)
    others = others.exclude(valid_to__lt=valid_from)
    if others.exists():
        raise DomainError(
            _("The council already has a “%(role)s”; end that seat first.")
            % {"role": MemberRole(role).label}
        )
