"""API endpoints for people and households."""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs import selectors, services
from guongsang.orgs.api._shared import unknown_unit, visible_unit  # noqa: F401
from guongsang.orgs.api.router import router
from guongsang.orgs.enums import Gender
from guongsang.orgs.models import Household, Person

# People ---------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    full_name: str
    gender: Gender | None
    birth_date: datetime.date | None
    id_number: str
    email: str
    phone: str
    unit_id: int | None
    unit_name: str | None
    position: str

    @staticmethod
    def resolve_gender(obj):
        return obj.gender or None

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name if obj.unit_id else None


class PlaceFilters(Schema):
    q: str | None = None
    unit: int | None = Field(None, description="Only this unit's subtree")


class PersonIn(Schema):
    full_name: str = Field(min_length=1, max_length=255)
    unit_id: int | None = None
    position: str = ""
    is_head: bool = False
    start: datetime.date | None = None
    gender: Gender | None = None
    birth_date: datetime.date | None = None
    id_number: str = ""
    email: str = ""
    phone: str = ""


class PersonPatch(Schema):
    full_name: str | None = Field(None, min_length=1, max_length=255)
    gender: Gender | None = None
    birth_date: datetime.date | None = None
    id_number: str | None = None
    email: str | None = None
    phone: str | None = None


class PersonMoveIn(Schema):
    unit_id: int
    position: str = ""
    is_head: bool = False
    start: datetime.date | None = None


def _people(request) -> QuerySet[Person]:
    return selectors.people_visible_to(user=request.user)


def _person_fields(fields: dict) -> dict:
    for key in ("gender", "email", "phone", "id_number"):
        if key in fields and fields[key] is None:
            fields[key] = ""
    if fields.get("full_name") is None:
        fields.pop("full_name", None)
    return fields


@router.get("/people", response=list[PersonOut])
@paginate(Pagination)
def person_list(request, filters: Query[PlaceFilters]):
    unit = visible_unit(request, filters.unit)
    return selectors.people_visible_to(user=request.user, query=filters.q, unit=unit)


@router.post("/people", response={201: PersonOut, **ERRORS})
def person_create(request, payload: PersonIn):
    require(request, "orgs.add_person")
    fields = _person_fields(payload.model_dump())
    unit = visible_unit(request, fields.pop("unit_id"))
    if unit is None and not request.user.has_perm("orgs.change_person", Person()):
        raise DomainError(_("Choose the unit the person belongs to."))
    if unit is not None:
        require(request, "orgs.change_person", Person(unit=unit))
    person = services.person_create(unit=unit, actor=request.user, **fields)
    return Status(201, Person.objects.select_related("unit").get(pk=person.pk))


@router.get("/people/{int:person_id}", response={200: PersonOut, **ERRORS})
def person_detail(request, person_id: int):
    return get_or_404(_people(request), person_id)


@router.patch("/people/{int:person_id}", response={200: PersonOut, **ERRORS})
def person_update(request, person_id: int, payload: PersonPatch):
    person = get_or_404(_people(request), person_id)
    require(request, "orgs.change_person", person)
    services.person_update(person=person, actor=request.user, **_person_fields(changes(payload)))
    return Person.objects.select_related("unit").get(pk=person.pk)


@router.post("/people/{int:person_id}/move", response={200: PersonOut, **ERRORS})
def person_move(request, person_id: int, payload: PersonMoveIn):
    person = get_or_404(_people(request), person_id)
    require(request, "orgs.change_person", person)
    unit = visible_unit(request, payload.unit_id)
    require(request, "orgs.change_person", Person(unit=unit))
    fields = payload.model_dump(exclude={"unit_id"})
    services.person_move(person=person, unit=unit, actor=request.user, **fields)
    return Person.objects.select_related("unit").get(pk=person.pk)


# Households -----------------------------------------------------------------------------


class HouseholdOut(Schema):
    id: int
    name: str
    head_id: int
    head_name: str
    locality_id: int
    locality_name: str
    address: str
    annual_income: int | None

    @staticmethod
    def resolve_head_name(obj) -> str:
        return obj.head.full_name

    @staticmethod
    def resolve_locality_name(obj) -> str:
        return obj.locality.name


class HouseholdIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    head_id: int | None = Field(None, description="An existing person heads the household…")
    head_full_name: str | None = Field(None, description="…or a new person (a citizen)")
    locality_id: int
    address: str = ""
    annual_income: int | None = Field(None, ge=0)


class HouseholdPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    head_id: int | None = None
    locality_id: int | None = None
    address: str | None = None
    annual_income: int | None = Field(None, ge=0)


def _households(request) -> QuerySet[Household]:
    return selectors.households_visible_to(user=request.user)


def _household_head(request, household: Household | None, pk: int | None) -> Person | None:
    """A person the caller can see, or one already a member of the household being changed."""
    if pk is None:
        return None
    people = _people(request)
    if household is not None:
        people = people | Person.objects.filter(households=household)
    return get_or_400(people.distinct(), pk, _("Unknown person, or outside your scope."))


@router.get("/households", response=list[HouseholdOut])
@paginate(Pagination)
def household_list(request, filters: Query[PlaceFilters]):
    unit = visible_unit(request, filters.unit)
    return selectors.households_visible_to(user=request.user, query=filters.q, unit=unit)


@router.post("/households", response={201: HouseholdOut, **ERRORS})
def household_create(request, payload: HouseholdIn):
    require(request, "orgs.add_household")
    locality = visible_unit(request, payload.locality_id)
    require(request, "orgs.change_household", Household(locality=locality))
    if (payload.head_id is None) == (not payload.head_full_name):
        raise DomainError(_("Give either an existing head of household or a new one's name."))
    with transaction.atomic():  # a new head is not kept if the household is refused
        head = _household_head(request, None, payload.head_id) or services.person_create(
            full_name=payload.head_full_name, actor=request.user
        )
        household = services.household_create(
            name=payload.name,
            head=head,
            locality=locality,
            address=payload.address,
            annual_income=payload.annual_income,
            actor=request.user,
        )
    return Status(201, Household.objects.select_related("head", "locality").get(pk=household.pk))


@router.get("/households/{int:household_id}", response={200: HouseholdOut, **ERRORS})
def household_detail(request, household_id: int):
    return get_or_404(_households(request), household_id)


@router.patch("/households/{int:household_id}", response={200: HouseholdOut, **ERRORS})
def household_update(request, household_id: int, payload: HouseholdPatch):
    household = get_or_404(_households(request), household_id)
    require(request, "orgs.change_household", household)
    fields = changes(payload)
    if "locality_id" in fields:
        locality = visible_unit(request, fields.pop("locality_id"))
        if locality is None:
            raise DomainError(unknown_unit())
        require(request, "orgs.change_household", Household(locality=locality))
        fields["locality"] = locality
    head = _household_head(request, household, fields.pop("head_id", None))
    for key in ("name", "address"):
        if key in fields and fields[key] is None:
            fields.pop(key)
    services.household_update(household=household, head=head, actor=request.user, **fields)
    return Household.objects.select_related("head", "locality").get(pk=household.pk)
