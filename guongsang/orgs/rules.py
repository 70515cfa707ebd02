"""Every permission of the organisation and title records, as `rules` predicates.

Reading follows the scope of any role but "staff member"; changing people, households and
title records needs an officer's, a synthesising office's or an administrator's scope;
changing the tree and emulation groups needs a synthesising office's or an administrator's.
A staff member sees their own person record and its title records. Objects name their scope
unit through `scope_unit_of`.
"""

import rules

from guongsang.orgs import scope
from guongsang.orgs.enums import Role


def scope_unit_of(obj):
    """The unit whose subtree decides who may see or change `obj`."""
    from guongsang.orgs.models import EmulationGroup, Household, Person, Unit

    if obj is None:
        return None
    if isinstance(obj, Unit):
        return obj
    if isinstance(obj, Person):
        return obj.unit
    if isinstance(obj, Household):
        return obj.locality
    if isinstance(obj, EmulationGroup):
        return obj.organiser
    return getattr(obj, "scope_unit", None)


def _in_scope(user, obj, roles) -> bool:
    unit = scope_unit_of(obj)
    if unit is None:
        return False
    return scope.path_in_scope(unit.path, scope.scope_paths(user, roles))


def _is_self(user, obj) -> bool:
    from guongsang.orgs.models import Household, Person

    if not user.is_authenticated:
        return False
    if isinstance(obj, Person):
        return obj.user_id == user.pk
    if isinstance(obj, Household):
        return obj.memberships.filter(person__user_id=user.pk).exists()
    person = getattr(obj, "person", None)
    return person is not None and person.user_id == user.pk


@rules.predicate
def is_admin(user):
    return scope.is_admin(user)


@rules.predicate
def has_read_role(user):
    return bool(scope.roles_of(user) & scope.READ_ROLES)


@rules.predicate
def has_record_write_role(user):
    return bool(scope.roles_of(user) & scope.RECORD_WRITE_ROLES)


@rules.predicate
def has_structure_write_role(user):
    return bool(scope.roles_of(user) & scope.STRUCTURE_WRITE_ROLES)


@rules.predicate
def is_staff_member(user):
    return Role.STAFF in scope.roles_of(user)


@rules.predicate
def in_read_scope(user, obj):
    return _in_scope(user, obj, scope.READ_ROLES)


@rules.predicate
def in_record_write_scope(user, obj):
    return _in_scope(user, obj, scope.RECORD_WRITE_ROLES)


@rules.predicate
def in_structure_write_scope(user, obj):
    return _in_scope(user, obj, scope.STRUCTURE_WRITE_ROLES)


@rules.predicate
def is_self(user, obj):
    return _is_self(user, obj)


can_browse = is_admin | has_read_role
can_view = is_admin | in_read_scope
can_view_own = can_view | is_self

rules.add_perm("orgs.browse", can_browse)
rules.add_perm("orgs.view_unit", can_view)
rules.add_perm("orgs.add_unit", is_admin | in_structure_write_scope)  # obj: the parent
rules.add_perm("orgs.change_unit", is_admin | in_structure_write_scope)
rules.add_perm("orgs.view_emulationgroup", can_view)
rules.add_perm("orgs.add_emulationgroup", is_admin | has_structure_write_role)
rules.add_perm("orgs.change_emulationgroup", is_admin | in_structure_write_scope)
rules.add_perm("orgs.view_person", can_view_own)
rules.add_perm("orgs.add_person", is_admin | has_record_write_role)
rules.add_perm("orgs.change_person", is_admin | in_record_write_scope)
rules.add_perm("orgs.view_household", can_view_own)
rules.add_perm("orgs.add_household", is_admin | has_record_write_role)
rules.add_perm("orgs.change_household", is_admin | in_record_write_scope)
rules.add_perm("orgs.manage_roles", is_admin)
rules.add_perm("orgs.import", is_admin | has_record_write_role)

rules.add_perm("titles.browse", can_browse | is_staff_member)
rules.add_perm("titles.view_titlerecord", can_view_own)
rules.add_perm("titles.add_titlerecord", is_admin | has_record_write_role)
rules.add_perm("titles.change_titlerecord", is_admin | in_record_write_scope)
rules.add_perm("titles.change_title", is_admin)
