import pytest

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.selectors import people_visible_to, units_visible_to
from guongsang.orgs.services import scope_grant_create
from tests import factories

pytestmark = pytest.mark.django_db


def _names(queryset):
    return {unit.name for unit in queryset}


def test_scope_paths_cover_the_subtree_only(tree):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    visible = _names(units_visible_to(user=officer))
    assert visible == {tree["own"].name, tree["own_child"].name}


def test_scope_paths_are_minimal_when_roles_nest(tree):
    user = factories.user_with_role(Role.OFFICER, tree["parent"])
    from guongsang.orgs.services import role_assign

    role_assign(user=user, role=Role.HEAD, unit=tree["own"], actor=None)
    assert scope.scope_paths(user) == [tree["parent"].path]


def test_scope_grant_adds_the_granted_subtree(tree):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    scope_grant_create(grantee=tree["own"], unit=tree["outside"], actor=None, reason="chuyên môn")
    scope.forget(officer)
    assert tree["outside"].name in _names(units_visible_to(user=officer))
    assert tree["sibling"].name not in _names(units_visible_to(user=officer))


def test_staff_member_sees_no_units_but_their_own_person(tree):
    staff = factories.user_with_role(Role.STAFF, tree["own"])
    me = factories.person_create("Lê Thị Mình", unit=tree["own"])
    me.user = staff
    me.save()
    factories.person_create("Người Khác", unit=tree["own"])
    assert not units_visible_to(user=staff).exists()
    assert [p.full_name for p in people_visible_to(user=staff)] == ["Lê Thị Mình"]


def test_admin_sees_everything(tree):
    admin = factories.user_with_role(Role.ADMIN, tree["own"])
    assert _names(units_visible_to(user=admin)) == {u.name for u in tree.values()}


@pytest.mark.parametrize(
    ("role", "can_change_structure", "can_change_records"),
    [
        (Role.STAFF, False, False),
        (Role.OFFICER, False, True),
        (Role.HEAD, False, False),
        (Role.SYNTHESIS, True, True),
        (Role.COUNCIL, False, False),
        (Role.EDITOR, False, False),
        (Role.ADMIN, True, True),
    ],
)
def test_write_permissions_follow_role_and_scope(
    tree, role, can_change_structure, can_change_records
):
    user = factories.user_with_role(role, tree["own"])
    person_inside = factories.person_create(unit=tree["own_child"])
    person_sibling = factories.person_create(unit=tree["sibling"])
    assert user.has_perm("orgs.change_unit", tree["own_child"]) is can_change_structure
    assert user.has_perm("orgs.change_person", person_inside) is can_change_records
    admin = role == Role.ADMIN
    assert user.has_perm("orgs.change_unit", tree["sibling"]) is admin
    assert user.has_perm("orgs.change_person", person_sibling) is admin
    assert user.has_perm("orgs.view_unit", tree["parent"]) is admin


def test_anonymous_user_has_no_scope(tree):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not units_visible_to(user=anonymous).exists()
    assert not anonymous.has_perm("orgs.view_unit", tree["own"])
