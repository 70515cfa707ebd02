"""API endpoints for units: the tree, renames, moves, merges, splits."""

import datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.orgs import selectors, services
from guongsang.orgs.api._shared import unknown_unit, visible_unit  # noqa: F401
from guongsang.orgs.api.router import router
from guongsang.orgs.enums import UnitKind, UnitStatus
from guongsang.orgs.models import Unit

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
    require(
        request,
        "orgs.add_unit",
        parent if parent is not None else Unit.objects.get_parent(units[0]),
    )
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
    require(request, "orgs.add_unit", Unit.objects.get_parent(unit))
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
