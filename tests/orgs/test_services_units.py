import datetime

import pytest

from guongsang.common.errors import DomainError
from guongsang.orgs import services
from guongsang.orgs.enums import GroupKind, Role, SuccessionKind, UnitStatus
from guongsang.orgs.models import (
    Household,
    Membership,
    Person,
    RoleAssignment,
    ScopeGrant,
    Unit,
    UnitName,
    UnitSuccession,
)
from tests import factories

pytestmark = pytest.mark.django_db

JULY = datetime.date(2025, 7, 1)


def fresh(unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


# Rename -----------------------------------------------------------------------------------


def test_unit_rename_keeps_former_name_searchable(tree):
    unit = services.unit_rename(
        unit=tree["own"], new_name="Sở Nội vụ và Lao động", actor=None, date=JULY
    )
    assert fresh(unit).name == "Sở Nội vụ và Lao động"
    former = UnitName.objects.get(unit=unit)
    assert (former.name, former.valid_to) == ("Sở Nội vụ", JULY)
    assert "so noi vu" in fresh(unit).search_text
    assert "lao dong" in fresh(unit).search_text


def test_unit_rename_refuses_empty_or_same_name(tree):
    with pytest.raises(DomainError):
        services.unit_rename(unit=tree["own"], new_name="  ", actor=None, date=JULY)
    with pytest.raises(DomainError):
        services.unit_rename(unit=tree["own"], new_name="Sở Nội vụ", actor=None, date=JULY)
    assert not UnitName.objects.exists()


def test_unit_rename_records_the_reason_in_the_history(tree):
    services.unit_rename(unit=tree["own"], new_name="Sở Mới", actor=None, date=JULY)
    assert fresh(tree["own"]).history.first().history_change_reason


# Move -------------------------------------------------------------------------------------


def test_unit_move_carries_the_subtree(tree):
    services.unit_move(unit=tree["own"], new_parent=tree["sibling"], actor=None)
    own = fresh(tree["own"])
    assert Unit.objects.get_parent(own) == tree["sibling"]
    assert fresh(tree["own_child"]).path.startswith(own.path)
    assert fresh(tree["sibling"]).numchild == 1


def test_unit_move_refuses_cycles(tree):
    with pytest.raises(DomainError) as error:
        services.unit_move(unit=tree["own"], new_parent=tree["own_child"], actor=None)
    assert "Phòng Thi đua - Khen thưởng" in error.value.message
    with pytest.raises(DomainError):
        services.unit_move(unit=tree["own"], new_parent=tree["own"], actor=None)
    assert Unit.objects.get_parent(fresh(tree["own"])) == tree["parent"]


def test_unit_move_refuses_a_closed_parent(tree):
    services.unit_dissolve(unit=tree["sibling"], date=JULY, actor=None)
    with pytest.raises(DomainError):
        services.unit_move(unit=tree["own"], new_parent=tree["sibling"], actor=None)


# Merge ------------------------------------------------------------------------------------


def test_unit_merge_closes_the_units_and_links_them_to_the_new_one(tree):
    new = services.unit_merge(
        units=[tree["own"], tree["sibling"]], name="Sở Nội vụ - Y tế", date=JULY, actor=None
    )
    assert Unit.objects.get_parent(new) == tree["parent"]
    assert new.valid_from == JULY
    for old in (tree["own"], tree["sibling"]):
        old = fresh(old)
        assert (old.status, old.valid_to) == (UnitStatus.MERGED, JULY)
        link = UnitSuccession.objects.get(predecessor=old, successor=new)
        assert (link.kind, link.date) == (SuccessionKind.MERGE, JULY)


def test_unit_merge_hands_over_people_users_households_children_grants_and_groups(tree):
    user = factories.user_with_role(Role.OFFICER, tree["own"])
    person = factories.person_create(unit=tree["own"], position="Chánh Văn phòng")
    home = factories.household_create(locality=tree["own"])
    services.scope_grant_create(grantee=tree["own"], unit=tree["outside"], actor=None)
    group = services.group_create(
        name="Cụm 1", kind=GroupKind.CLUSTER, organiser=tree["parent"], members=[tree["own"]],
        actor=None,
    )  # fmt: skip
    new = services.unit_merge(
        units=[tree["own"], tree["sibling"]], name="Sở Hợp nhất", date=JULY, actor=None
    )
    assert RoleAssignment.objects.get(user=user).unit == new
    moved = Person.objects.get(pk=person.pk)
    assert (moved.unit, moved.position) == (new, "Chánh Văn phòng")
    assert Membership.objects.get(person=person, unit=tree["own"]).end == JULY - datetime.timedelta(
        days=1
    )
    assert Household.objects.get(pk=home.pk).locality == new
    assert Unit.objects.get_parent(fresh(tree["own_child"])) == new
    assert ScopeGrant.objects.get().grantee == new
    assert list(group.members.all()) == [new]


def test_unit_merge_needs_two_active_units(tree):
    with pytest.raises(DomainError):
        services.unit_merge(units=[tree["own"]], name="X", date=JULY, actor=None)
    services.unit_dissolve(unit=tree["sibling"], date=JULY, actor=None)
    with pytest.raises(DomainError):
        services.unit_merge(
            units=[tree["own"], fresh(tree["sibling"])], name="X", date=JULY, actor=None
        )
    assert fresh(tree["own"]).status == UnitStatus.ACTIVE
    assert not Unit.objects.filter(name="X").exists()


def test_unit_merge_refuses_a_parent_inside_a_merged_unit(tree):
    with pytest.raises(DomainError):
        services.unit_merge(
            units=[tree["own"], tree["sibling"]],
            name="X",
            date=JULY,
            parent=tree["own_child"],
            actor=None,
        )
    assert fresh(tree["own"]).status == UnitStatus.ACTIVE


def test_unit_merge_twice_keeps_the_chain(tree):
    first = services.unit_merge(
        units=[tree["own"], tree["sibling"]], name="Sở A", date=JULY, actor=None
    )
    extra = factories.unit_create("Sở C", parent=fresh(tree["parent"]))
    second = services.unit_merge(
        units=[first, extra], name="Sở AC", date=datetime.date(2025, 9, 1), actor=None
    )
    assert set(second.predecessors.all()) == {fresh(first), extra}
    assert fresh(first).status == UnitStatus.MERGED


# Split ------------------------------------------------------------------------------------


def test_unit_split_creates_the_parts_under_the_same_parent(tree):
    parts = services.unit_split(
        unit=tree["own"], names=["Sở Nội vụ", " Sở Lao động ", ""], date=JULY, actor=None
    )
    assert [p.name for p in parts] == ["Sở Nội vụ", "Sở Lao động"]
    assert all(Unit.objects.get_parent(p) == tree["parent"] for p in parts)
    assert fresh(tree["own"]).status == UnitStatus.SPLIT
    assert set(fresh(tree["own"]).successors.all()) == set(parts)


def test_unit_split_hands_over_to_the_receiver(tree):
    user = factories.user_with_role(Role.SYNTHESIS, tree["own"])
    person = factories.person_create(unit=tree["own"])
    parts = services.unit_split(
        unit=tree["own"], names=["Phần A", "Phần B"], date=JULY, actor=None, receiver_index=1
    )
    assert RoleAssignment.objects.get(user=user).unit == parts[1]
    assert Person.objects.get(pk=person.pk).unit == parts[1]
    assert Unit.objects.get_parent(fresh(tree["own_child"])) == parts[1]


def test_unit_split_refuses_one_name_or_a_bad_receiver(tree):
    with pytest.raises(DomainError):
        services.unit_split(unit=tree["own"], names=["Một", " "], date=JULY, actor=None)
    with pytest.raises(DomainError):
        services.unit_split(
            unit=tree["own"], names=["Một", "Hai"], date=JULY, actor=None, receiver_index=2
        )
    assert fresh(tree["own"]).status == UnitStatus.ACTIVE
    assert not Unit.objects.filter(name="Một").exists()


def test_unit_split_refuses_a_closed_unit(tree):
    services.unit_dissolve(unit=tree["own_child"], date=JULY, actor=None)
    with pytest.raises(DomainError):
        services.unit_split(unit=fresh(tree["own_child"]), names=["A", "B"], date=JULY, actor=None)


# Dissolve ---------------------------------------------------------------------------------


def test_unit_dissolve_closes_the_unit_with_the_reason(tree):
    unit = services.unit_dissolve(
        unit=tree["own_child"], date=JULY, actor=None, reason="Sắp xếp tổ chức"
    )
    assert (unit.status, unit.valid_to) == (UnitStatus.DISSOLVED, JULY)
    assert unit.history.first().history_change_reason == "Sắp xếp tổ chức"


def test_unit_dissolve_refuses_a_unit_with_active_children(tree):
    with pytest.raises(DomainError):
        services.unit_dissolve(unit=tree["own"], date=JULY, actor=None)
    assert fresh(tree["own"]).status == UnitStatus.ACTIVE


def test_unit_dissolve_allows_a_unit_whose_children_are_closed(tree):
    services.unit_dissolve(unit=tree["own_child"], date=JULY, actor=None)
    assert services.unit_dissolve(unit=tree["own"], date=JULY, actor=None).status == "dissolved"


def test_unit_dissolve_twice_is_refused(tree):
    services.unit_dissolve(unit=tree["own_child"], date=JULY, actor=None)
    with pytest.raises(DomainError):
        services.unit_dissolve(unit=fresh(tree["own_child"]), date=JULY, actor=None)


# Create and update ------------------------------------------------------------------------


def test_unit_create_under_a_closed_parent_is_refused(tree):
    services.unit_dissolve(unit=tree["own_child"], date=JULY, actor=None)
    with pytest.raises(DomainError):
        services.unit_create(parent=fresh(tree["own_child"]), name="Tổ mới", actor=None)


def test_unit_update_refuses_end_before_start(tree):
    with pytest.raises(DomainError):
        services.unit_update(
            unit=tree["own"],
            actor=None,
            valid_from=datetime.date(2025, 1, 2),
            valid_to=datetime.date(2025, 1, 1),
        )
    assert fresh(tree["own"]).valid_to is None


def test_unit_update_refuses_fields_that_need_their_own_service(tree):
    with pytest.raises(ValueError):
        services.unit_update(unit=tree["own"], actor=None, name="Tên khác")
