"""Permissions of criteria sets, eligibility runs and compliance cases (`rules` predicates).

Import this module where the permissions are used (views_*, api_criteria): `rules` only
autodiscovers modules named rules.py. Criteria sets: synthesising offices and administrators
change them (a set owned by a unit: within their scope); shipped sets only administrators.
Runs: officers, unit heads, synthesising offices and administrators, over a unit in their
scope. Compliance cases: officers, synthesising offices and administrators in their record
scope. Reading: any role but "staff member", within scope.
"""

import rules

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.rules import (
    can_view,
    has_read_role,
    has_record_write_role,
    has_structure_write_role,
    in_record_write_scope,
    is_admin,
)

RUN_ROLES = frozenset({Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.ADMIN})


@rules.predicate
def is_builtin(user, criteria_set):
    return criteria_set is not None and criteria_set.is_builtin


@rules.predicate
def set_owner_in_read_scope(user, criteria_set):
    owner = getattr(criteria_set, "owner", None)
    return owner is None or scope.path_in_scope(owner.path, scope.scope_paths(user))


@rules.predicate
def set_owner_in_write_scope(user, criteria_set):
    owner = getattr(criteria_set, "owner", None)
    paths = scope.scope_paths(user, scope.STRUCTURE_WRITE_ROLES)
    return owner is None or scope.path_in_scope(owner.path, paths)


@rules.predicate
def has_run_role(user):
    return bool(scope.roles_of(user) & RUN_ROLES)


@rules.predicate
def unit_in_run_scope(user, unit):
    """`unit`: the unit whose subtree the run covers (or a run, or a result's run)."""
    unit = getattr(unit, "unit", unit) if not hasattr(unit, "path") else unit
    if unit is None:
        return has_run_role(user)
    return scope.path_in_scope(unit.path, scope.scope_paths(user, RUN_ROLES))


can_view_set = is_admin | (has_read_role & set_owner_in_read_scope)
can_change_set = is_admin | (
    has_structure_write_role & ~is_builtin & set_owner_in_write_scope
)  # fmt: skip
can_run = is_admin | (has_run_role & unit_in_run_scope)
can_change_case = is_admin | in_record_write_scope

rules.add_perm("plans.view_criteriaset", can_view_set)
rules.add_perm("plans.add_criteriaset", is_admin | has_structure_write_role)
rules.add_perm("plans.change_criteriaset", can_change_set)
rules.add_perm("plans.run_eligibility", can_run)
rules.add_perm("plans.view_eligibilityrun", can_view)  # obj: the run's unit
rules.add_perm("plans.view_compliancecase", can_view)
rules.add_perm("plans.add_compliancecase", is_admin | has_record_write_role)
rules.add_perm("plans.change_compliancecase", can_change_case)
rules.add_perm("plans.browse_compliancecase", is_admin | has_read_role)
