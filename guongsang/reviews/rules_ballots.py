"""Who may vote, and who runs the ballot, as `rules` predicates.

Voting: a member of the round's council (their person record is the user's) whose seat is
valid today. Running the ballot (attendance, paper count-in, written opinions, closing):
the council's secretary or chair, or a synthesising office or administrator whose scope
holds the council's unit. Imported by the ballot services, views and API, which registers
the permissions below.
"""

import rules
from django.db.models import Q
from django.utils import timezone

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.rules import is_admin
from guongsang.reviews.enums import MemberRole

RUN_ROLES = frozenset({Role.SYNTHESIS, Role.ADMIN})
RUNNING_SEATS = frozenset({MemberRole.SECRETARY, MemberRole.CHAIR})


def seated_today(queryset, day=None):
    """Council seats valid on `day` (today by default)."""
    day = day or timezone.localdate()
    return queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


def seat_of(user, review_round):
    """The user's seat on the round's council, valid today, or None."""
    from guongsang.reviews.models import CouncilMember

    if review_round is None or not user or not user.is_authenticated:
        return None
    seats = CouncilMember.objects.filter(council_id=review_round.council_id, person__user=user)
    return seated_today(seats).select_related("person__unit").first()


@rules.predicate
def is_round_member(user, review_round):
    return seat_of(user, review_round) is not None


@rules.predicate
def is_round_secretary(user, review_round):
    seat = seat_of(user, review_round)
    return seat is not None and seat.role in RUNNING_SEATS


@rules.predicate
def in_council_unit_scope(user, review_round):
    if review_round is None:
        return False
    unit = review_round.council.unit
    return scope.path_in_scope(unit.path, scope.scope_paths(user, RUN_ROLES))


can_run = is_admin | is_round_secretary | in_council_unit_scope

rules.add_perm("ballots.vote", is_round_member)
rules.add_perm("ballots.run", can_run)
rules.add_perm("ballots.view", is_round_member | can_run)
