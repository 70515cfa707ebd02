"""Who may do what with exemplars, as `rules` predicates.

The exemplar's scope unit (its subject's unit, the collective itself, or the household's
locality) decides: officers, synthesising offices and administrators register, nurture,
start nurturing and withdraw within their record-write scope; the unit head (or a
synthesising office, or an administrator) sends an exemplar up and may refuse it. Anyone who
registered or nominated an exemplar, and the person it is about, may follow it.
"""

import rules

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.rules import (
    has_record_write_role,
    in_read_scope,
    in_record_write_scope,
    scope_unit_of,
)
from guongsang.orgs.rules import is_admin as _is_admin

# Who may send an exemplar up, or refuse it: "the unit head approves what the unit sends up".
APPROVE_ROLES = frozenset({Role.HEAD, Role.SYNTHESIS, Role.ADMIN})
# Anyone with a role may nominate (discover) within their reach; staff within their own unit.
NOMINATE_ROLES = scope.READ_ROLES | {Role.STAFF}


def _reaches(user, obj, roles) -> bool:
    """Whether the scope unit of an exemplar (or of a subject) lies in these roles' reach."""
    unit = scope_unit_of(obj)
    if unit is None:
        return False
    return scope.path_in_scope(unit.path, scope.scope_paths(user, roles))


@rules.predicate
def in_approve_scope(user, obj):
    return _reaches(user, obj, APPROVE_ROLES)


@rules.predicate
def in_nominate_scope(user, obj):
    return _reaches(user, obj, NOMINATE_ROLES)


@rules.predicate
def has_any_role(user):
    return bool(scope.roles_of(user))


@rules.predicate
def is_registrant(user, exemplar):
    return exemplar is not None and user.is_authenticated and exemplar.registered_by_id == user.pk


@rules.predicate
def is_subject_self(user, exemplar):
    if exemplar is None or not user.is_authenticated or not exemplar.person_id:
        return False
    return exemplar.person.user_id == user.pk


can_write = _is_admin | in_record_write_scope
can_approve = _is_admin | in_approve_scope
can_view = _is_admin | in_read_scope | is_registrant | is_subject_self

rules.add_perm("exemplars.view_exemplar", can_view)
# Without an object: may open the registration list at all; with one: the subject's scope unit.
rules.add_perm("exemplars.register", _is_admin | has_record_write_role)
rules.add_perm("exemplars.register_subject", can_write)  # obj: the person, unit or household
rules.add_perm("exemplars.nominate", _is_admin | has_any_role)
rules.add_perm("exemplars.nominate_subject", _is_admin | in_nominate_scope)
rules.add_perm("exemplars.change_exemplar", can_write)
rules.add_perm("exemplars.nurture", can_write)
rules.add_perm("exemplars.start_nurturing", can_write)
rules.add_perm("exemplars.withdraw", can_write)
rules.add_perm("exemplars.propose", can_approve)
rules.add_perm("exemplars.not_recognise", can_approve)
