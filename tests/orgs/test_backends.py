"""The session user is loaded with their roles and grants in one query."""

from guongsang.orgs import scope
from guongsang.orgs.backends import PasswordBackend
from guongsang.orgs.enums import Role
from guongsang.orgs.models import ScopeGrant
from tests import factories


def test_user_and_scope_in_one_query(tree, django_assert_num_queries):
    user = factories.user_with_role(Role.OFFICER, tree["own"])
    ScopeGrant.objects.create(grantee=tree["own"], unit=tree["outside"])
    with django_assert_num_queries(1):
        loaded = PasswordBackend().get_user(user.pk)
        paths = scope.scope_paths(loaded)
    assert loaded == user
    assert sorted(paths) == sorted([tree["own"].path, tree["outside"].path])


def test_user_without_roles_and_inactive_user(tree):
    plain = factories.UserFactory()
    assert PasswordBackend().get_user(plain.pk) == plain
    inactive = factories.user_with_role(Role.OFFICER, tree["own"])
    inactive.is_active = False
    inactive.save()
    assert PasswordBackend().get_user(inactive.pk) is None
