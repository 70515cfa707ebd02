"""The API for units, emulation groups, people and households.

Every endpoint reads through the same selectors as the pages (so an object outside the
caller's scope is a 404) and writes through the same services after the same rules (so an
object in scope that the caller may not change is a 403).
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from guongsang.common.errors import DomainError
from guongsang.orgs import selectors, services
from guongsang.orgs.enums import Gender, GroupKind, UnitKind, UnitStatus
from guongsang.orgs.models import EmulationGroup, Household, Person, Unit

router = Router(tags=["organisation"])

MAX_PAGE_SIZE = 500


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`: at most 500 rows a page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0)


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 403: Error, 404: Error}


# Helpers shared with titles/api.py -----------------------------------------------------


def get_or_404(queryset: QuerySet, pk: int):
    """The object if the caller's selector holds it; otherwise it does not exist for them."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def get_or_400(queryset: QuerySet, pk: int | None, message: str):
    """An object named in the request body or a filter: unknown or out of scope is bad input."""
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise DomainError(message)
    return obj


def require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def unknown_unit() -> str:
    return _("Unknown unit, or outside your scope.")


def visible_unit(request, pk: int | None) -> Unit | None:
    return get_or_400(selectors.units_visible_to(user=request.user), pk, unknown_unit())


def changes(payload: Schema) -> dict:
    return payload.model_dump(exclude_unset=True)


# Units ------------------------------------------------------------------------------------


def _with_parent(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Each unit's parent id in the same query (the parent's path is the path minus a step)."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Unit.steplen)
    parents = Unit.objects.filter(path=parent_path).values("pk")[:1]
    return units.annotate(parent_id=Subquery(parents))


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    kind: UnitKind
    status: UnitStatus
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    address: str
    depth: int
    parent_id: int | None
    child_count: int

    @staticmethod
    def resolve_child_count(obj) -> int:
        return obj.numchild


class UnitFilters(Schema):
    q: str | None = Field(None, description="Words of the name, former names or code")
    kind: UnitKind | None = None
    status: UnitStatus | None = None
    unit: int | None = Field(None, description="Only this unit's subtree")


class UnitIn(Schema):
    parent_id: int | None = None
    name: str = Field(min_length=1, max_length=255)
    kind: UnitKind = UnitKind.OTHER
    short_name: str = ""
    code: str = ""
    address: str = ""
    valid_from: datetime.date | None = None


class UnitPatch(Schema):
    kind: UnitKind | None = None
    short_name: str | None = None
    code: str | None = None
    address: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class UnitMoveIn(Schema):
    parent_id: int


class UnitRenameIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    date: datetime.date | None = None


class UnitMergeIn(Schema):
    unit_ids: list[int] = Field(min_length=2)
    name: str = Field(min_length=1, max_length=255)
    date: datetime.date
    parent_id: int | None = None
    kind: UnitKind | None = None


class UnitSplitIn(Schema):
    names: list[str] = Field(min_length=2)
    date: datetime.date
    receiver_index: int = 0


class UnitDissolveIn(Schema):
    date: datetime.date
    reason: str = ""


def _unit_out(pk: int) -> Unit:
    return _with_parent(Unit.objects.filter(pk=pk)).get()


def _visible_unit_or_404(request, pk: int) -> Unit:
    return get_or_404(selectors.units_visible_to(user=request.user), pk)


@router.get("/units", response=list[UnitOut])
@paginate(Pagination)
def unit_list(request, filters: Query[UnitFilters]):
    units = selectors.units_search(user=request.user, query=filters.q, kind=filters.kind)
    if filters.status:
        units = units.filter(status=filters.status)
    if filters.unit is not None:
        units = units.filter(path__startswith=visible_unit(request, filters.unit).path)
    return _with_parent(units)


@router.post("/units", response={201: UnitOut, **ERRORS})
def unit_create(request, payload: UnitIn):
    parent = visible_unit(request, payload.parent_id)
    require(request, "orgs.add_unit", parent)
    fields = payload.model_dump(exclude={"parent_id"})
    unit = services.unit_create(parent=parent, actor=request.user, **fields)
    return Status(201, _unit_out(unit.pk))


@router.get("/units/{int:unit_id}", response={200: UnitOut, **ERRORS})
def unit_detail(request, unit_id: int):
    return get_or_404(_with_parent(selectors.units_visible_to(user=request.user)), unit_id)


@router.patch("/units/{int:unit_id}", response={200: UnitOut, **ERRORS})
def unit_update(request, unit_id: int, payload: UnitPatch):
    unit = _visible_unit_or_404(request, unit_id)
    require(request, "orgs.change_unit", unit)
    services.unit_update(unit=unit, actor=request.user, **changes(payload))
    return _unit_out(unit.pk)


@router.get("/units/{int:unit_id}/children", response=list[UnitOut])
@paginate(Pagination)
def unit_children(request, unit_id: int, include_closed: bool = False):
    unit = _visible_unit_or_404(request, unit_id)
    return _with_parent(selectors.unit_children(unit=unit, include_closed=include_closed))


@router.post("/units/merge", response={201: UnitOut, **ERRORS})
def unit_merge(request, payload: UnitMergeIn):
    visible = selectors.units_visible_to(user=request.user)
    units = [get_or_400(visible, pk, unknown_unit()) for pk in dict.fromkeys(payload.unit_ids)]
    for unit in units:
        require(request, "orgs.change_unit", unit)
    parent = visible_unit(request, payload.parent_id)
    require(request, "orgs.add_unit", parent if parent is not None else units[0].get_parent())
    new = services.unit_merge(
        units=units,
        name=payload.name,
        date=payload.date,
        parent=parent,
        kind=payload.kind,
        actor=request.user,
    )
    return Status(201, _unit_out(new.pk))


@router.post("/units/{int:unit_id}/move", response={200: UnitOut, **ERRORS})
def unit_move(request, unit_id: int, payload: UnitMoveIn):
    unit = _visible_unit_or_404(request, unit_id)
    require(request, "orgs.change_unit", unit)
    new_parent = visible_unit(request, payload.parent_id)
    require(request, "orgs.add_unit", new_parent)
    services.unit_move(unit=unit, new_parent=new_parent, actor=request.user)
    return _unit_out(unit.pk)


@router.post("/units/{int:unit_id}/rename", response={200: UnitOut, **ERRORS})
def unit_rename(request, unit_id: int, payload: UnitRenameIn):
    unit = _visible_unit_or_404(request, unit_id)
    require(request, "orgs.change_unit", unit)
    services.unit_rename(unit=unit, new_name=payload.name, date=payload.date, actor=request.user)
    return _unit_out(unit.pk)


@router.post("/units/{int:unit_id}/split", response={201: list[UnitOut], **ERRORS})
def unit_split(request, unit_id: int, payload: UnitSplitIn):
    unit = _visible_unit_or_404(request, unit_id)
    require(request, "orgs.change_unit", unit)
    require(request, "orgs.add_unit", unit.get_parent())
    parts = services.unit_split(
        unit=unit,
        names=payload.names,
        date=payload.date,
        receiver_index=payload.receiver_index,
        actor=request.user,
    )
    return Status(201, list(_with_parent(Unit.objects.filter(pk__in=[p.pk for p in parts]))))


@router.post("/units/{int:unit_id}/dissolve", response={200: UnitOut, **ERRORS})
def unit_dissolve(request, unit_id: int, payload: UnitDissolveIn):
    unit = _visible_unit_or_404(request, unit_id)
    require(request, "orgs.change_unit", unit)
    services.unit_dissolve(unit=unit, date=payload.date, reason=payload.reason, actor=request.user)
    return _unit_out(unit.pk)


# Emulation groups -----------------------------------------------------------------------


class GroupOut(Schema):
    id: int
    name: str
    kind: GroupKind
    organiser_id: int
    organiser_name: str
    year: int | None
    note: str
    member_ids: list[int]

    @staticmethod
    def resolve_organiser_name(obj) -> str:
        return obj.organiser.name

    @staticmethod
    def resolve_member_ids(obj) -> list[int]:
        return [member.pk for member in obj.members.all()]


class GroupFilters(Schema):
    q: str | None = None
    kind: GroupKind | None = None
    year: int | None = None


class GroupIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    kind: GroupKind = GroupKind.CLUSTER
    organiser_id: int
    member_ids: list[int] = []
    year: int | None = None
    note: str = ""


class GroupPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    kind: GroupKind | None = None
    organiser_id: int | None = None
    member_ids: list[int] | None = None
    year: int | None = None
    note: str | None = None


def _groups(request) -> QuerySet[EmulationGroup]:
    return selectors.groups_visible_to(user=request.user).prefetch_related("members")


def _group_fields(request, fields: dict) -> dict:
    """Turn the ids of the payload into units the caller can see, and the organiser into one
    they may organise groups for."""
    if "organiser_id" in fields:
        organiser = visible_unit(request, fields.pop("organiser_id"))
        if organiser is None:
            raise DomainError(unknown_unit())
        require(request, "orgs.change_emulationgroup", EmulationGroup(organiser=organiser))
        fields["organiser"] = organiser
    if "member_ids" in fields:
        ids = list(dict.fromkeys(fields.pop("member_ids") or []))
        members = list(selectors.units_visible_to(user=request.user).filter(pk__in=ids))
        if len(members) != len(ids):
            raise DomainError(unknown_unit())
        fields["members"] = members
    return fields


@router.get("/groups", response=list[GroupOut])
@paginate(Pagination)
def group_list(request, filters: Query[GroupFilters]):
    groups = selectors.groups_visible_to(user=request.user, query=filters.q)
    if filters.kind:
        groups = groups.filter(kind=filters.kind)
    if filters.year:
        groups = groups.filter(year=filters.year)
    return groups.prefetch_related("members")


@router.post("/groups", response={201: GroupOut, **ERRORS})
def group_create(request, payload: GroupIn):
    require(request, "orgs.add_emulationgroup")
    fields = _group_fields(request, payload.model_dump())
    group = services.group_create(actor=request.user, **fields)
    return Status(201, _groups(request).get(pk=group.pk))


@router.get("/groups/{int:group_id}", response={200: GroupOut, **ERRORS})
def group_detail(request, group_id: int):
    return get_or_404(_groups(request), group_id)


@router.patch("/groups/{int:group_id}", response={200: GroupOut, **ERRORS})
def group_update(request, group_id: int, payload: GroupPatch):
    group = get_or_404(_groups(request), group_id)
    require(request, "orgs.change_emulationgroup", group)
    fields = _group_fields(request, changes(payload))
    services.group_update(group=group, actor=request.user, **fields)
    return _groups(request).get(pk=group.pk)


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
