"""Who may issue decisions, see the emulation funds and send proposals, as `rules` predicates.

A decision belongs to its authority (the issuing unit): a synthesising office or an
administrator whose structure-write scope holds the authority drafts, changes and issues it;
anyone whose read scope holds the authority reads it. Funds follow their unit the same way.

A proposal (tờ trình) belongs to the unit that sends it: its synthesising office drafts it,
and the office or the unit head sends it. The receiving unit's synthesising office answers
it (takes it into a round, or returns it). Either side reads it.
"""

import rules

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.rules import has_read_role, has_structure_write_role, is_admin


def _unit_of(obj):
    from guongsang.awards.models import (
        Decision,
        EmulationFund,
        PostingComment,
        Proposal,
        PublicPosting,
    )
    from guongsang.exemplars.models import Exemplar

    if isinstance(obj, PostingComment):
        obj = obj.posting
    if isinstance(obj, PublicPosting):
        obj = obj.candidate_exemplar
    if isinstance(obj, Exemplar):
        return obj.scope_unit
    if isinstance(obj, Decision):
        return obj.authority
    if isinstance(obj, EmulationFund):
        return obj.unit
    if isinstance(obj, Proposal):
        return obj.from_unit
    return obj  # a Unit: may this user issue on its behalf?


def _reaches(user, obj, roles) -> bool:
    unit = _unit_of(obj)
    if unit is None:
        return False
    return scope.path_in_scope(unit.path, scope.scope_paths(user, roles))


@rules.predicate
def in_authority_read_scope(user, obj):
    return _reaches(user, obj, scope.READ_ROLES)


@rules.predicate
def in_authority_write_scope(user, obj):
    return _reaches(user, obj, scope.STRUCTURE_WRITE_ROLES)


@rules.predicate
def heads_unit(user, obj):
    return _reaches(user, obj, {Role.HEAD})


def _receiving(user, obj, roles) -> bool:
    from guongsang.awards.models import Proposal

    if not isinstance(obj, Proposal):
        return _reaches(user, obj, roles)
    return scope.path_in_scope(obj.to_unit.path, scope.scope_paths(user, roles))


@rules.predicate
def receives(user, obj):
    """Synthesising office of the receiving unit (obj: a proposal, or the exemplar returned)."""
    return _receiving(user, obj, scope.STRUCTURE_WRITE_ROLES)


@rules.predicate
def reads_as_receiver(user, obj):
    return _receiving(user, obj, scope.READ_ROLES)


can_issue = is_admin | in_authority_write_scope
can_view = is_admin | in_authority_read_scope

rules.add_perm("awards.browse", is_admin | has_read_role)
rules.add_perm("awards.add_decision", is_admin | has_structure_write_role)
rules.add_perm("awards.add_decision_for", can_issue)  # obj: the authority unit
rules.add_perm("awards.view_decision", can_view)
rules.add_perm("awards.change_decision", can_issue)
rules.add_perm("awards.issue_decision", can_issue)
rules.add_perm("awards.add_emulationfund", is_admin | has_structure_write_role)
rules.add_perm("awards.view_emulationfund", can_view)
rules.add_perm("awards.change_emulationfund", can_issue)
rules.add_perm("awards.view_proposal", can_view | reads_as_receiver)
rules.add_perm("awards.add_proposal_for", can_issue)  # obj: the sending unit
rules.add_perm("awards.change_proposal", can_issue)
rules.add_perm("awards.send_proposal", can_issue | heads_unit)  # obj: proposal or exemplar
rules.add_perm("awards.receive_proposal", is_admin | receives)  # obj: proposal or exemplar
rules.add_perm("awards.change_publicposting", can_issue)  # obj: the exemplar or its posting
