import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from guongsang.orgs import selectors, services
from guongsang.orgs.enums import GroupKind, Role
from guongsang.orgs.models import Person, Unit
from tests import factories

pytestmark = pytest.mark.django_db

JULY = datetime.date(2025, 7, 1)


def user(role, unit):
    created = factories.user_with_role(role, unit)
    return get_user_model().objects.get(pk=created.pk)


def names(queryset):
    return [obj.name for obj in queryset]


def test_units_visible_to_is_the_subtree_of_the_role_unit(tree):
    officer = user(Role.OFFICER, tree["own"])
    assert set(selectors.units_visible_to(user=officer)) == {tree["own"], tree["own_child"]}


def test_units_visible_to_adds_scope_grants(tree):
    services.scope_grant_create(grantee=tree["own"], unit=tree["outside"], actor=None)
    officer = user(Role.OFFICER, tree["own"])
    assert tree["outside"] in selectors.units_visible_to(user=officer)
    assert tree["sibling"] not in selectors.units_visible_to(user=officer)


def test_units_visible_to_staff_and_anonymous_see_nothing(tree):
    assert not selectors.units_visible_to(user=user(Role.STAFF, tree["own"])).exists()
    assert not selectors.units_visible_to(user=AnonymousUser()).exists()


def test_units_visible_to_admin_sees_everything(tree):
    admin = user(Role.ADMIN, tree["own_child"])
    assert selectors.units_visible_to(user=admin).count() == Unit.objects.count()


def test_unit_roots_visible_to_are_the_scope_roots(tree):
    assert list(selectors.unit_roots_visible_to(user=user(Role.OFFICER, tree["own"]))) == [
        tree["own"]
    ]
    admin = user(Role.ADMIN, tree["own"])
    assert names(selectors.unit_roots_visible_to(user=admin)) == [
        "UBND tỉnh Khánh Hòa",
        "UBND tỉnh Lâm Đồng",
    ]


def test_unit_roots_visible_to_nested_roles_give_one_root(tree):
    person = user(Role.OFFICER, tree["own"])
    services.role_assign(user=person, role=Role.HEAD, unit=tree["own_child"], actor=None)
    person = get_user_model().objects.get(pk=person.pk)
    assert list(selectors.unit_roots_visible_to(user=person)) == [tree["own"]]


def test_unit_children_excludes_closed_unless_asked(tree):
    services.unit_dissolve(unit=tree["sibling"], date=JULY, actor=None)
    assert list(selectors.unit_children(unit=tree["parent"])) == [tree["own"]]
    children = selectors.unit_children(unit=tree["parent"], include_closed=True)
    assert set(children) == {tree["own"], tree["sibling"]}


def test_units_search_folds_diacritics_and_orders_in_vietnamese(tree):
    admin = user(Role.ADMIN, tree["own"])
    assert names(selectors.units_search(user=admin, query="khanh hoa")) == ["UBND tỉnh Khánh Hòa"]
    assert names(selectors.units_search(user=admin, query="UBND TINH")) == [
        "UBND tỉnh Khánh Hòa",
        "UBND tỉnh Lâm Đồng",
    ]


def test_units_search_matches_former_names(tree):
    services.unit_rename(unit=tree["sibling"], new_name="Sở Sức khỏe", actor=None, date=JULY)
    admin = user(Role.ADMIN, tree["own"])
    assert names(selectors.units_search(user=admin, query="so y te")) == ["Sở Sức khỏe"]


def test_units_search_filters_kind_and_scope(tree):
    officer = user(Role.OFFICER, tree["own"])
    assert names(selectors.units_search(user=officer, query="", kind="division")) == [
        "Phòng Thi đua - Khen thưởng"
    ]
    assert names(selectors.units_search(user=officer, query="y te")) == []


def test_unit_lineage_and_rollup_follow_predecessors(tree):
    # A closed sub-unit stays under its old parent, so only the roll-up reaches it.
    old_child = factories.unit_create("Phòng cũ", parent=tree["sibling"])
    services.unit_dissolve(unit=old_child, date=JULY, actor=None)
    merged = services.unit_merge(
        units=[tree["own"], Unit.objects.get(pk=tree["sibling"].pk)],
        name="Sở Mới",
        date=JULY,
        actor=None,
    )
    lineage = selectors.unit_lineage(unit=merged)
    assert {u.pk for u in lineage} == {merged.pk, tree["own"].pk, tree["sibling"].pk}
    rolled_up = Unit.objects.filter(selectors.unit_rollup_q(unit=merged))
    assert rolled_up.filter(pk=old_child.pk).exists()
    assert not rolled_up.filter(pk=tree["outside"].pk).exists()


def test_unit_current_successors_follow_chains_of_merges(tree):
    first = services.unit_merge(
        units=[tree["own"], tree["sibling"]], name="Sở A", date=JULY, actor=None
    )
    other = factories.unit_create("Sở C", parent=Unit.objects.get(pk=tree["parent"].pk))
    final = services.unit_merge(units=[first, other], name="Sở AC", date=JULY, actor=None)
    assert selectors.unit_current_successors(unit=tree["own"]) == [final]
    assert selectors.unit_current_successors(unit=final) == []


def test_groups_visible_to_follow_the_organiser_scope(tree):
    mine = services.group_create(
        name="Cụm A", kind=GroupKind.CLUSTER, organiser=tree["own"], actor=None
    )
    services.group_create(
        name="Cụm B", kind=GroupKind.CLUSTER, organiser=tree["parent"], actor=None
    )
    assert list(selectors.groups_visible_to(user=user(Role.OFFICER, tree["own"]))) == [mine]


def test_people_visible_to_scope_unit_filter_query_and_self(tree):
    officer = user(Role.OFFICER, tree["own"])
    an = factories.person_create("Nguyễn Văn An", unit=tree["own_child"])
    binh = factories.person_create("Trần Thị Bình", unit=tree["own"])
    factories.person_create("Lê Văn Cường", unit=tree["sibling"])
    assert list(selectors.people_visible_to(user=officer)) == [an, binh]
    assert list(selectors.people_visible_to(user=officer, unit=tree["own_child"])) == [an]
    assert list(selectors.people_visible_to(user=officer, query="tran binh")) == [binh]
    staff = user(Role.STAFF, tree["own"])
    Person.objects.filter(pk=binh.pk).update(user=staff)
    assert list(selectors.people_visible_to(user=staff)) == [binh]


def test_households_visible_to_scope_and_membership(tree):
    officer = user(Role.OFFICER, tree["own"])
    mine = factories.household_create("Hộ A", locality=tree["own"])
    theirs = factories.household_create("Hộ B", locality=tree["sibling"])
    assert list(selectors.households_visible_to(user=officer)) == [mine]
    staff = user(Role.STAFF, tree["own"])
    Person.objects.filter(pk=theirs.head_id).update(user=staff)
    assert list(selectors.households_visible_to(user=staff)) == [theirs]
