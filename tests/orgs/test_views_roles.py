import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guongsang.orgs import services
from guongsang.orgs.enums import Role
from guongsang.orgs.models import ApiToken, RoleAssignment, ScopeGrant
from guongsang.orgs.services.roles import api_token_user
from tests import factories

pytestmark = pytest.mark.django_db


def login(client, user):
    user = get_user_model().objects.get(pk=user.pk)
    client.force_login(user)
    return user


@pytest.fixture
def admin(client, tree):
    return login(client, factories.user_with_role(Role.ADMIN, tree["parent"]))


# API tokens --------------------------------------------------------------------------------


def test_token_list_anonymous_redirects_to_login(client):
    response = client.get(reverse("orgs:token_list"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_token_list_shows_only_own_tokens(client, tree):
    user = login(client, factories.UserFactory())
    services.api_token_create(user=user, name="Báo cáo tháng")
    services.api_token_create(user=factories.UserFactory(), name="Token của người khác")

    response = client.get(reverse("orgs:token_list"))

    assert response.status_code == 200
    assert [t.name for t in response.context["tokens"]] == ["Báo cáo tháng"]
    assert "Token của người khác" not in response.content.decode()
    assert response.context["raw_token"] is None


def test_token_create_shows_raw_token_once(client):
    user = login(client, factories.UserFactory())

    response = client.post(reverse("orgs:token_list"), {"name": "Đồng bộ dữ liệu"})

    assert response.status_code == 200
    raw = response.context["raw_token"]
    assert raw.startswith("gs_") and raw in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.prefix) == ("Đồng bộ dữ liệu", raw[:8])
    assert api_token_user(raw) == user
    again = client.get(reverse("orgs:token_list"))
    assert raw not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_token_create_needs_a_name(client):
    login(client, factories.UserFactory())

    response = client.post(reverse("orgs:token_list"), {"name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_token_revoke_own_token(client):
    user = login(client, factories.UserFactory())
    token, raw = services.api_token_create(user=user, name="Cũ")

    response = client.post(reverse("orgs:token_revoke", args=[token.pk]))

    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api_token_user(raw) is None


def test_token_revoke_of_another_users_token_is_404(client):
    login(client, factories.UserFactory())
    token, _raw = services.api_token_create(user=factories.UserFactory(), name="Khác")

    response = client.post(reverse("orgs:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_token_revoke_needs_post(client):
    user = login(client, factories.UserFactory())
    token, _raw = services.api_token_create(user=user, name="Cũ")

    assert client.get(reverse("orgs:token_revoke", args=[token.pk])).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


# Role assignments and scope grants ---------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.STAFF, Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR]
)
def test_role_list_is_for_administrators_only(client, tree, role):
    login(client, factories.user_with_role(role, tree["own"]))
    assignment = RoleAssignment.objects.get()

    assert client.get(reverse("orgs:role_list")).status_code == 403
    assert client.post(reverse("orgs:role_revoke", args=[assignment.pk])).status_code == 403
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_role_list_shows_assignments_and_grants(client, admin, tree):
    officer = factories.user_with_role(Role.OFFICER, tree["own"], username="canbo.thidua")
    services.scope_grant_create(
        grantee=tree["own"], unit=tree["sibling"], reason="Theo dõi chuyên môn", actor=None
    )

    response = client.get(reverse("orgs:role_list"))

    assert response.status_code == 200
    rows = [(a.user.username, a.role, a.unit.name) for a in response.context["page_obj"]]
    assert ("canbo.thidua", Role.OFFICER, "Sở Nội vụ") in rows
    assert (admin.username, Role.ADMIN, "UBND tỉnh Khánh Hòa") in rows
    content = response.content.decode()
    assert officer.username in content and "Theo dõi chuyên môn" in content


def test_role_list_search_by_username(client, admin, tree):
    factories.user_with_role(Role.OFFICER, tree["own"], username="nguyen.an")
    factories.user_with_role(Role.HEAD, tree["own"], username="tran.binh")

    response = client.get(reverse("orgs:role_list"), {"q": "NGUYEN"})

    assert [a.user.username for a in response.context["page_obj"]] == ["nguyen.an"]


def test_role_list_queries_do_not_grow(client, admin, tree):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("orgs:role_list")).status_code == 200
        return len(captured)

    factories.user_with_role(Role.OFFICER, tree["own"])
    one = count()
    for _ in range(3):
        factories.user_with_role(Role.OFFICER, tree["own_child"])
    services.scope_grant_create(grantee=tree["own"], unit=tree["sibling"], actor=None)
    services.scope_grant_create(grantee=tree["own"], unit=tree["outside"], actor=None)

    assert count() == one


def test_role_assign(client, admin, tree):
    user = factories.UserFactory(username="moi.vao")

    response = client.post(
        reverse("orgs:role_list"),
        {"action": "assign", "username": "moi.vao", "role": Role.EDITOR, "unit": tree["own"].pk},
    )

    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.unit) == (Role.EDITOR, tree["own"])
    assert assignment.history.latest().history_user == admin


def test_role_assign_twice_shows_error(client, admin, tree):
    user = factories.user_with_role(Role.EDITOR, tree["own"], username="moi.vao")
    data = {"action": "assign", "username": "moi.vao", "role": Role.EDITOR, "unit": tree["own"].pk}

    response = client.post(reverse("orgs:role_list"), data)

    assert response.status_code == 200
    assert response.context["assign_form"].non_field_errors()
    assert RoleAssignment.objects.filter(user=user).count() == 1


def test_role_assign_unknown_user_shows_error(client, admin, tree):
    data = {"action": "assign", "username": "khong.co", "role": Role.EDITOR, "unit": tree["own"].pk}

    response = client.post(reverse("orgs:role_list"), data)

    assert response.status_code == 200
    assert response.context["assign_form"].errors["username"]


def test_role_revoke(client, admin, tree):
    user = factories.user_with_role(Role.OFFICER, tree["own"])
    assignment = RoleAssignment.objects.get(user=user)

    response = client.post(reverse("orgs:role_revoke", args=[assignment.pk]))

    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_role_revoke_needs_post(client, admin, tree):
    user = factories.user_with_role(Role.OFFICER, tree["own"])
    assignment = RoleAssignment.objects.get(user=user)

    assert client.get(reverse("orgs:role_revoke", args=[assignment.pk])).status_code == 405


def test_scope_grant_create(client, admin, tree):
    data = {
        "action": "grant",
        "grantee": tree["own"].pk,
        "unit": tree["sibling"].pk,
        "reason": "Báo cáo chuyên môn",
    }

    response = client.post(reverse("orgs:role_list"), data)

    assert response.status_code == 302
    grant = ScopeGrant.objects.get()
    assert (grant.grantee, grant.unit, grant.reason) == (
        tree["own"],
        tree["sibling"],
        "Báo cáo chuyên môn",
    )


def test_scope_grant_inside_own_subtree_shows_error(client, admin, tree):
    data = {"action": "grant", "grantee": tree["own"].pk, "unit": tree["own_child"].pk}

    response = client.post(reverse("orgs:role_list"), data)

    assert response.status_code == 200
    assert response.context["grant_form"].non_field_errors()
    assert not ScopeGrant.objects.exists()
