"""Who may see and change plans, their stages, milestones, movements, targets and quotas.

Issuing or changing a plan (and its parts) needs a synthesising office's or an
administrator's structure-write scope over the issuing unit. Reading follows
`selectors.plans_visible_to`: the plans that apply to the user's units.
"""

import rules

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.rules import has_read_role, has_structure_write_role, is_admin


def plan_of(obj):
    """The plan that `obj` belongs to (a plan is its own)."""
    from guongsang.plans.models import Movement, Plan, Target

    if obj is None or isinstance(obj, Plan):
        return obj
    if isinstance(obj, Target):
        return obj.movement.plan
    if isinstance(obj, Movement) or hasattr(obj, "plan"):
        return obj.plan
    return None


@rules.predicate
def may_issue_for(user, unit):
    """With a unit: it lies in the user's structure-write scope; without: any such scope."""
    if unit is None:
        return bool(scope.roles_of(user) & scope.STRUCTURE_WRITE_ROLES)
    paths = scope.scope_paths(user, scope.STRUCTURE_WRITE_ROLES)
    return scope.path_in_scope(unit.path, paths)


@rules.predicate
def may_change_plan(user, obj):
    plan = plan_of(obj)
    if plan is None or plan.issuer_id is None:
        return False
    paths = scope.scope_paths(user, scope.STRUCTURE_WRITE_ROLES)
    return scope.path_in_scope(plan.issuer.path, paths)


@rules.predicate
def may_view_plan(user, obj):
    from guongsang.plans.selectors import plans_visible_to

    plan = plan_of(obj)
    if plan is None:
        return False
    return plans_visible_to(user=user).filter(pk=plan.pk).exists()


@rules.predicate
def is_staff_member(user):
    return Role.STAFF in scope.roles_of(user)


can_browse_plans = is_admin | has_read_role | is_staff_member

rules.add_perm("plans.browse_plan", can_browse_plans)
rules.add_perm("plans.view_plan", is_admin | may_view_plan)
rules.add_perm("plans.add_plan", is_admin | may_issue_for)  # obj: the issuing unit, or None
rules.add_perm("plans.change_plan", is_admin | may_change_plan)  # obj: plan or one of its parts
rules.add_perm("plans.import_plan", is_admin | has_structure_write_role)
rules.add_perm("plans.view_field", rules.is_authenticated)
