import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.orgs.enums import HouseholdRelation
from guongsang.orgs.models import Household, HouseholdMember, Membership, Person, Unit

PERSON_FIELDS = {"full_name", "gender", "birth_date", "id_number", "email", "phone"}
HOUSEHOLD_FIELDS = {"name", "address", "annual_income", "locality"}


def _require_active_unit(unit: Unit) -> None:
    """Checked against the database: the caller's copy of the unit may be stale."""
    unit.status = Unit.objects.values_list("status", flat=True).get(pk=unit.pk)
    if not unit.is_active:
        raise DomainError(_("The unit “%(name)s” is no longer active.") % {"name": unit.name})


@transaction.atomic
def person_create(
    *,
    full_name: str,
    actor,
    unit: Unit | None = None,
    position: str = "",
    is_head: bool = False,
    start: datetime.date | None = None,
    **fields,
) -> Person:
    person = Person(full_name=full_name.strip(), **_only(fields, PERSON_FIELDS))
    person.refresh_search_fields()
    audited_save(person, actor=actor)
    if unit is not None:
        person_move(
            person=person, unit=unit, position=position, is_head=is_head, start=start, actor=actor
        )
    return person


@transaction.atomic
def person_update(*, person: Person, actor, **fields) -> Person:
    for field, value in _only(fields, PERSON_FIELDS).items():
        setattr(person, field, value)
    person.refresh_search_fields()
    return audited_save(person, actor=actor)


@transaction.atomic
def person_move(
    *,
    person: Person,
    unit: Unit,
    actor,
    position: str = "",
    is_head: bool = False,
    start: datetime.date | None = None,
    keep_position: bool = False,
) -> Membership:
    """End the person's open memberships and start one in `unit` (their current unit)."""
    _require_active_unit(unit)
    start = start or datetime.date.today()
    open_memberships = list(person.memberships.filter(end__isnull=True))
    if keep_position and open_memberships:
        position, is_head = open_memberships[0].position, open_memberships[0].is_head
    for membership in open_memberships:
        if membership.start > start:
            raise DomainError(_("The new membership starts before the current one."))
        membership.end = max(start - datetime.timedelta(days=1), membership.start)
        audited_save(membership, actor=actor)
    membership = audited_save(
        Membership(person=person, unit=unit, position=position, is_head=is_head, start=start),
        actor=actor,
    )
    person.unit, person.position = unit, position
    audited_save(person, actor=actor, validate=False)
    return membership


@transaction.atomic
def household_create(
    *, name: str, head: Person, locality: Unit, actor, address: str = "", annual_income=None
) -> Household:
    _require_active_unit(locality)
    household = Household(
        name=name.strip(),
        head=head,
        locality=locality,
        address=address,
        annual_income=annual_income,
    )
    household.refresh_search_fields()
    audited_save(household, actor=actor)
    household_member_add(
        household=household, person=head, relation=HouseholdRelation.HEAD, actor=actor
    )
    return household


@transaction.atomic
def household_update(*, household: Household, actor, head: Person | None = None, **fields):
    for field, value in _only(fields, HOUSEHOLD_FIELDS).items():
        setattr(household, field, value)
    if head is not None and head.pk != household.head_id:
        household.head = head
        if not household.memberships.filter(person=head).exists():
            household_member_add(
                household=household, person=head, relation=HouseholdRelation.HEAD, actor=actor
            )
    household.refresh_search_fields()
    return audited_save(household, actor=actor)


@transaction.atomic
def household_member_add(*, household: Household, person: Person, relation: str, actor):
    if household.memberships.filter(person=person).exists():
        raise DomainError(
            _("%(person)s is already a member of this household.") % {"person": person}
        )
    return audited_save(
        HouseholdMember(household=household, person=person, relation=relation), actor=actor
    )


@transaction.atomic
def household_member_remove(*, household: Household, person: Person, actor) -> None:
    if household.head_id == person.pk:
        raise DomainError(_("Choose another head before removing the head of the household."))
    member = household.memberships.filter(person=person).first()
    if member is None:
        raise DomainError(_("This person is not a member of the household."))
    member._history_user = actor
    member.delete()


def _only(fields: dict, allowed: set) -> dict:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return fields
