"""Who may log propagation, events and replications, as `rules` predicates.

An activity belongs to its unit, an event to its organiser, a replication to the adopting unit
(and is readable from the exemplar's side too). Officers, synthesising offices and
administrators record within their scope; every role that reads reads within its scope.
"""

import rules

from guongsang.orgs import scope
from guongsang.orgs.rules import has_read_role, has_record_write_role, is_admin


def unit_of(obj):
    from guongsang.orgs.models import Unit
    from guongsang.propagation.models import Event, EventMaterial, PropagationActivity, Replication

    if isinstance(obj, EventMaterial):
        obj = obj.event
    if isinstance(obj, Event):
        return obj.organiser
    if isinstance(obj, PropagationActivity | Replication):
        return obj.unit
    if isinstance(obj, Unit):
        return obj
    return None


def _reaches(user, obj, roles) -> bool:
    unit = unit_of(obj)
    return unit is not None and scope.path_in_scope(unit.path, scope.scope_paths(user, roles))


@rules.predicate
def records(user, obj):
    return _reaches(user, obj, scope.RECORD_WRITE_ROLES)


@rules.predicate
def reads(user, obj):
    return _reaches(user, obj, scope.READ_ROLES)


@rules.predicate
def reads_replicated_exemplar(user, obj):
    from guongsang.propagation.models import Replication

    if not isinstance(obj, Replication):
        return False
    unit = obj.exemplar.scope_unit
    return scope.path_in_scope(unit.path, scope.scope_paths(user, scope.READ_ROLES))


can_record = is_admin | records

rules.add_perm("propagation.browse", is_admin | has_read_role)
rules.add_perm("propagation.record", is_admin | has_record_write_role)
rules.add_perm("propagation.record_for", can_record)  # obj: the unit
rules.add_perm("propagation.view", is_admin | reads | reads_replicated_exemplar)
rules.add_perm("propagation.change", can_record)
