"""Who may do what with councils and review rounds, as `rules` predicates.

A council belongs to a unit: the synthesising office (or an administrator) whose structure
scope reaches that unit sets it up, opens its rounds, adds candidates and records outcomes.
The council's members — matched through their person record's user — read the rounds of
their council whatever their own unit scope; members seated on the round's day (the meeting
date, or today before one is set) score and discuss. The discussion is for the council only:
its members and administrators read it, not other users even with scope.
"""

import datetime

import rules

from guongsang.orgs import scope
from guongsang.orgs.rules import in_structure_write_scope
from guongsang.orgs.rules import is_admin as _is_admin


def council_of(obj):
    """The council behind a council, round, candidate or criterion (None for anything else)."""
    from guongsang.reviews.models import Candidate, Council, ReviewRound, ScoringCriterion

    if isinstance(obj, Council):
        return obj
    if isinstance(obj, ReviewRound):
        return obj.council
    if isinstance(obj, Candidate | ScoringCriterion):
        return obj.round.council
    return None


def round_day(review_round) -> datetime.date:
    """The day on which seats count: the meeting date, or today before one is set."""
    return review_round.meeting_date or datetime.date.today()


def round_of(obj):
    from guongsang.reviews.models import Candidate, ReviewRound, ScoringCriterion

    if isinstance(obj, ReviewRound):
        return obj
    if isinstance(obj, Candidate | ScoringCriterion):
        return obj.round
    return None


def _manages(user, unit) -> bool:
    if unit is None:
        return False
    return scope.path_in_scope(unit.path, scope.scope_paths(user, scope.STRUCTURE_WRITE_ROLES))


@rules.predicate
def manages_council(user, obj):
    """Synthesising office in scope of the council's unit (obj: a unit or anything of a council)."""
    from guongsang.orgs.models import Unit

    if isinstance(obj, Unit):
        return _manages(user, obj)
    council = council_of(obj)
    return council is not None and _manages(user, council.unit)


@rules.predicate
def sits_on_council(user, obj):
    """Any seat, past or present, on the council (reading what the council did)."""
    council = council_of(obj)
    if council is None or not user.is_authenticated:
        return False
    return council.members.filter(person__user_id=user.pk).exists()


@rules.predicate
def seated_for_round(user, obj):
    """A seat valid on the round's day (scoring and discussing)."""
    from guongsang.reviews.selectors import seat_of

    review_round = round_of(obj)
    return review_round is not None and seat_of(user=user, review_round=review_round) is not None


@rules.predicate
def has_manage_role(user):
    return bool(scope.roles_of(user) & scope.STRUCTURE_WRITE_ROLES)


@rules.predicate
def has_any_seat(user):
    from guongsang.reviews.models import CouncilMember

    if not user.is_authenticated:
        return False
    return CouncilMember.objects.filter(person__user_id=user.pk).exists()


can_manage = _is_admin | manages_council
can_view = can_manage | sits_on_council

rules.add_perm("reviews.browse", _is_admin | has_manage_role | has_any_seat)
rules.add_perm("reviews.add_council", _is_admin | has_manage_role)  # obj: the unit, or none
rules.add_perm("reviews.view_council", can_view)
rules.add_perm("reviews.change_council", can_manage)
rules.add_perm("reviews.view_round", can_view)
rules.add_perm("reviews.manage_round", can_manage)  # open, candidates, criteria, outcomes
rules.add_perm("reviews.score", seated_for_round)
rules.add_perm("reviews.discuss", seated_for_round)
rules.add_perm("reviews.view_discussion", _is_admin | sits_on_council)
rules.add_perm("reviews.export_round", can_view)
# The exemplar's review steps (exemplars/services/lifecycle.py): obj is the exemplar.
rules.add_perm("reviews.exemplar_step", _is_admin | in_structure_write_scope)
