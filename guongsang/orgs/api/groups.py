"""API endpoints for emulation groups (Cụm/Khối thi đua)."""

from django.db.models import QuerySet
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs import selectors, services
from guongsang.orgs.api._shared import unknown_unit, visible_unit  # noqa: F401
from guongsang.orgs.api.router import router
from guongsang.orgs.enums import GroupKind
from guongsang.orgs.models import EmulationGroup

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
