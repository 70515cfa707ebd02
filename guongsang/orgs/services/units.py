import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from treebeard.exceptions import InvalidMoveToDescendant

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.orgs.enums import SuccessionKind, UnitKind, UnitStatus
from guongsang.orgs.models import (
    EmulationGroup,
    Household,
    Person,
    RoleAssignment,
    ScopeGrant,
    Unit,
    UnitName,
    UnitSuccession,
)
from guongsang.orgs.services.people import person_move

_TREE_FIELDS = ["path", "depth", "numchild"]


def _validate_new_unit(unit: Unit) -> None:
    from django.core.exceptions import ValidationError

    from guongsang.common.audit import validation_message

    try:
        unit.full_clean(exclude=_TREE_FIELDS)
    except ValidationError as error:
        raise DomainError(validation_message(error)) from error


def _refresh_search(unit: Unit) -> None:
    unit.refresh_search_fields(unit.former_names.values_list("name", flat=True) if unit.pk else ())


def _require_active(unit: Unit) -> None:
    """Checked against the database: the caller's copy of the unit may be stale."""
    unit.status = Unit.objects.values_list("status", flat=True).get(pk=unit.pk)
    if not unit.is_active:
        raise DomainError(
            _("The unit “%(name)s” is no longer active (%(status)s).")
            % {"name": unit.name, "status": unit.get_status_display()}
        )


@transaction.atomic
def unit_create(
    *,
    parent: Unit | None,
    name: str,
    actor,
    kind: str = UnitKind.OTHER,
    short_name: str = "",
    code: str = "",
    address: str = "",
    valid_from: datetime.date | None = None,
) -> Unit:
    unit = Unit(
        name=name.strip(),
        kind=kind,
        short_name=short_name,
        code=code,
        address=address,
        valid_from=valid_from,
    )
    _refresh_search(unit)
    _validate_new_unit(unit)
    if parent is not None:
        _require_active(parent)
        parent = Unit.objects.get(pk=parent.pk)  # fresh numchild for treebeard
    unit._history_user = actor
    if parent is not None:
        unit = Unit.objects.add_child(parent, instance=unit)
    else:
        unit = Unit.objects.add_root(instance=unit)
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, actor, **fields) -> Unit:
    editable = {"kind", "short_name", "code", "address", "valid_from", "valid_to"}
    unknown = set(fields) - editable
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for field, value in fields.items():
        setattr(unit, field, value)
    _refresh_search(unit)
    return audited_save(unit, actor=actor)


@transaction.atomic
def unit_rename(*, unit: Unit, new_name: str, actor, date: datetime.date | None = None) -> Unit:
    new_name = new_name.strip()
    if not new_name:
        raise DomainError(_("The new name is required."))
    if new_name == unit.name:
        raise DomainError(_("The new name is the same as the current one."))
    UnitName.objects.create(unit=unit, name=unit.name, valid_to=date or datetime.date.today())
    unit.name = new_name
    _refresh_search(unit)
    return audited_save(unit, actor=actor, reason=_("Renamed"))


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, actor) -> Unit:
    unit = Unit.objects.get(pk=unit.pk)
    new_parent = Unit.objects.get(pk=new_parent.pk)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise DomainError(
            _(
                "“%(unit)s” cannot be placed under “%(parent)s”: "
                "that would make a cycle in the tree."
            )
            % {"unit": unit.name, "parent": new_parent.name}
        )
    _require_active(new_parent)
    try:
        Unit.objects.move(unit, new_parent, pos="last-child")
    except InvalidMoveToDescendant as error:  # pragma: no cover - checked above
        raise DomainError(_("That move would make a cycle in the tree.")) from error
    unit = Unit.objects.get(pk=unit.pk)
    reason = _("Moved under “%(parent)s”") % {"parent": new_parent.name}
    return audited_save(unit, actor=actor, reason=reason, validate=False)


def _close(unit: Unit, *, status: str, date: datetime.date, actor, reason: str) -> None:
    unit = Unit.objects.get(pk=unit.pk)
    unit.status = status
    unit.valid_to = date
    audited_save(unit, actor=actor, reason=reason, validate=False)


def _hand_over(old: Unit, new: Unit, *, date: datetime.date, actor) -> None:
    """Users, people, households, grants, groups and active sub-units move to the successor."""
    for child in Unit.objects.filter(
        path__startswith=old.path, depth=old.depth + 1, status="active"
    ):
        unit_move(unit=child, new_parent=new, actor=actor)
    RoleAssignment.objects.filter(unit=old).exclude(
        user__in=RoleAssignment.objects.filter(unit=new).values("user")
    ).update(unit=new)
    RoleAssignment.objects.filter(unit=old).delete()
    for person in Person.objects.filter(unit=old):
        person_move(person=person, unit=new, start=date, actor=actor, keep_position=True)
    for household in Household.objects.filter(locality=old):
        household.locality = new
        audited_save(household, actor=actor, reason=_("Locality merged or split"), validate=False)
    ScopeGrant.objects.filter(grantee=old).update(grantee=new)
    ScopeGrant.objects.filter(unit=old).update(unit=new)
    for group in EmulationGroup.objects.filter(members=old):
        group.members.remove(old)
        group.members.add(new)


def _link(old: Unit, new: Unit, *, kind: str, date: datetime.date, actor) -> None:
    audited_save(UnitSuccession(predecessor=old, successor=new, kind=kind, date=date), actor=actor)


@transaction.atomic
def unit_merge(
    *,
    units: list[Unit],
    name: str,
    date: datetime.date,
    actor,
    parent: Unit | None = None,
    kind: str | None = None,
) -> Unit:
    """Merge units into a new successor unit; the old ones stay, closed, with their records."""
    if len(units) < 2:
        raise DomainError(_("Choose at least two units to merge."))
    for unit in units:
        _require_active(unit)
    parent = parent if parent is not None else Unit.objects.get_parent(units[0])
    if parent is not None and any(parent.path.startswith(u.path) for u in units):
        raise DomainError(_("The merged unit cannot be placed under one of the units merged."))
    new = unit_create(
        parent=parent, name=name, kind=kind or units[0].kind, valid_from=date, actor=actor
    )
    for old in units:
        _link(old, new, kind=SuccessionKind.MERGE, date=date, actor=actor)
        _hand_over(old, new, date=date, actor=actor)
        reason = _("Merged into “%(name)s”") % {"name": new.name}
        _close(old, status=UnitStatus.MERGED, date=date, actor=actor, reason=reason)
    return Unit.objects.get(pk=new.pk)


@transaction.atomic
def unit_split(
    *, unit: Unit, names: list[str], date: datetime.date, actor, receiver_index: int = 0
) -> list[Unit]:
    """Split a unit into new units; `names[receiver_index]` takes over its users and open work."""
    _require_active(unit)
    names = [n.strip() for n in names if n and n.strip()]
    if len(names) < 2:
        raise DomainError(_("A split needs the names of at least two new units."))
    if not 0 <= receiver_index < len(names):
        raise DomainError(_("Choose which new unit takes over the users and open work."))
    parent = Unit.objects.get_parent(unit)
    parts = [
        unit_create(parent=parent, name=n, kind=unit.kind, valid_from=date, actor=actor)
        for n in names
    ]
    for part in parts:
        _link(unit, part, kind=SuccessionKind.SPLIT, date=date, actor=actor)
    _hand_over(unit, parts[receiver_index], date=date, actor=actor)
    reason = _("Split into %(names)s") % {"names": ", ".join(names)}
    _close(unit, status=UnitStatus.SPLIT, date=date, actor=actor, reason=reason)
    return [Unit.objects.get(pk=p.pk) for p in parts]


@transaction.atomic
def unit_dissolve(*, unit: Unit, date: datetime.date, actor, reason: str = "") -> Unit:
    _require_active(unit)
    if Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1, status="active"):
        raise DomainError(
            _("The unit still has active sub-units: move, merge or dissolve them first.")
        )
    _close(
        unit, status=UnitStatus.DISSOLVED, date=date, actor=actor, reason=reason or _("Dissolved")
    )
    return Unit.objects.get(pk=unit.pk)


@transaction.atomic
def group_create(
    *, name: str, kind: str, organiser: Unit, actor, members=(), year=None, note=""
) -> EmulationGroup:
    group = EmulationGroup(name=name.strip(), kind=kind, organiser=organiser, year=year, note=note)
    group.refresh_search_fields()
    audited_save(group, actor=actor)
    _set_members(group, members)
    return group


@transaction.atomic
def group_update(*, group: EmulationGroup, actor, members=None, **fields) -> EmulationGroup:
    for field, value in fields.items():
        setattr(group, field, value)
    group.refresh_search_fields()
    audited_save(group, actor=actor)
    if members is not None:
        _set_members(group, members)
    return group


def _set_members(group: EmulationGroup, members) -> None:
    closed = [u.name for u in members if not u.is_active]
    if closed:
        raise DomainError(
            _("These units are no longer active: %(names)s") % {"names": ", ".join(closed)}
        )
    group.members.set(members)
