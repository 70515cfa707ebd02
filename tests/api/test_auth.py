import pytest
from django.test import Client

from guongsang.orgs import services
from guongsang.orgs.enums import Role
from guongsang.orgs.models import ApiToken
from tests import factories
from tests.api.conftest import session_client, token_client


@pytest.fixture
def officer(tree):
    return factories.user_with_role(Role.OFFICER, tree["own"])


def test_api_without_credentials_is_401(tree):
    response = Client().get("/api/units")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_api_write_without_credentials_is_401_not_csrf(tree):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/api/units", {"name": "X"}, content_type="application/json")

    assert response.status_code == 401


def test_api_unknown_token_is_401(tree):
    client = Client(headers={"Authorization": "Bearer gs_not-a-token"})

    assert client.get("/api/units").status_code == 401


def test_api_token_authenticates_and_records_last_use(officer, tree):
    token, raw = services.api_token_create(user=officer, name="script")
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    response = client.get("/api/units")

    assert response.status_code == 200
    assert {row["name"] for row in response.json()["items"]} == {
        "Sở Nội vụ",
        "Phòng Thi đua - Khen thưởng",
    }
    token.refresh_from_db()
    assert token.last_used is not None
    assert raw.startswith("gs_") and token.prefix == raw[:8]
    assert raw not in {token.digest, token.prefix}


def test_api_revoked_token_is_401(officer):
    token, raw = services.api_token_create(user=officer, name="script")
    services.api_token_revoke(token=token)
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    assert client.get("/api/units").status_code == 401
    assert not ApiToken.objects.exists()


def test_api_token_of_inactive_user_is_401(officer):
    client = token_client(officer)
    officer.is_active = False
    officer.save()

    assert client.get("/api/units").status_code == 401


def test_api_session_auth_reads(officer):
    client = session_client(officer)

    response = client.get("/api/units", {"q": "noi vu"})

    assert response.status_code == 200
    assert [row["name"] for row in response.json()["items"]] == ["Sở Nội vụ"]


def test_api_session_write_needs_csrf_token(tree):
    user = factories.user_with_role(Role.SYNTHESIS, tree["own"])
    client = session_client(user, enforce_csrf_checks=True)
    payload = {"parent_id": tree["own"].pk, "name": "Phòng Tổ chức"}

    response = client.post("/api/units", payload, content_type="application/json")

    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check Failed"}


def test_api_token_write_needs_no_csrf_token(tree):
    user = factories.user_with_role(Role.SYNTHESIS, tree["own"])
    client = token_client(user, enforce_csrf_checks=True)
    payload = {"parent_id": tree["own"].pk, "name": "Phòng Tổ chức"}

    response = client.post("/api/units", payload, content_type="application/json")

    assert response.status_code == 201
    assert response.json()["parent_id"] == tree["own"].pk
