"""Setting up a council: who may, its members, one chair at a time, dates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.common.errors import DomainError
from guongsang.orgs.enums import Role
from guongsang.reviews import services
from guongsang.reviews.enums import MemberRole
from guongsang.reviews.models import Council, CouncilMember
from tests import factories
from tests.reviews.conftest import DAY, member_user


def test_council_create_records_unit_and_term(tree, synthesis):
    council = services.council_create(
        unit=tree["own_child"], name=" Hội đồng TĐKT ", valid_from=DAY, actor=synthesis
    )
    council.refresh_from_db()
    assert (council.unit, council.name, council.valid_from, council.valid_to) == (
        tree["own_child"], "Hội đồng TĐKT", DAY, None,
    )  # fmt: skip
    assert council.history.first().history_user == synthesis


@pytest.mark.parametrize("unit_key", ["sibling", "parent", "outside"])
def test_council_create_outside_structure_scope_refused(tree, synthesis, unit_key):
    with pytest.raises(PermissionDenied):
        services.council_create(
            unit=tree[unit_key], name="Hội đồng", valid_from=DAY, actor=synthesis
        )
    assert not Council.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.COUNCIL, Role.EDITOR])
def test_council_create_other_roles_refused(tree, role):
    user = factories.user_with_role(role, tree["own"])
    with pytest.raises(PermissionDenied):
        services.council_create(unit=tree["own"], name="Hội đồng", valid_from=DAY, actor=user)


def test_council_bad_dates_refused(tree, synthesis, english):
    with pytest.raises(DomainError, match="The end date comes before the start date."):
        services.council_create(
            unit=tree["own"],
            name="Hội đồng",
            valid_from=DAY,
            valid_to=datetime.date(2023, 1, 1),
            actor=synthesis,
        )


def test_members_with_roles_and_single_chair(council, synthesis, english):
    chair, chair_seat = member_user(council, synthesis, MemberRole.CHAIR)
    member_user(council, synthesis, MemberRole.VICE_CHAIR)
    member_user(council, synthesis, MemberRole.VICE_CHAIR)
    member_user(council, synthesis, MemberRole.SECRETARY)
    assert chair_seat.valid_from == council.valid_from
    with pytest.raises(DomainError, match="already has a “Chair”"):
        member_user(council, synthesis, MemberRole.CHAIR)
    roles = sorted(CouncilMember.objects.values_list("role", flat=True))
    assert roles == ["chair", "secretary", "vice_chair", "vice_chair"]
    # The chair leaves; a new chair may then be seated.
    services.council_member_update(
        member=chair_seat, valid_to=datetime.date(2024, 6, 30), actor=synthesis
    )
    _, new_chair = member_user(
        council, synthesis, MemberRole.CHAIR, valid_from=datetime.date(2024, 7, 1)
    )
    assert new_chair.role == MemberRole.CHAIR


def test_member_twice_refused(council, synthesis, english):
    _, seat = member_user(council, synthesis)
    with pytest.raises(DomainError, match="already sits on the council"):
        services.council_member_add(
            council=council, person=seat.person, role=MemberRole.MEMBER, actor=synthesis
        )


def test_member_add_by_sibling_synthesis_refused(tree, council):
    stranger = factories.user_with_role(Role.SYNTHESIS, tree["sibling"])
    person = factories.person_create(unit=tree["sibling"])
    with pytest.raises(PermissionDenied):
        services.council_member_add(
            council=council, person=person, role=MemberRole.MEMBER, actor=stranger
        )
