"""Every role bound to `own`: what each endpoint lists, shows and lets the caller change.

A role other than "staff member" reads `own`'s subtree (own, own_child), never the parent,
the sibling or the other province; an administrator's scope is the whole deployment
(DOMAIN.md "Who does what"); a staff member sees only their own records.
"""

import pytest

from guongsang.orgs.enums import Role
from tests import factories
from tests.api.conftest import UNIT_KEYS, token_client

READERS = {Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR}
STRUCTURE_WRITERS = {Role.SYNTHESIS, Role.ADMIN}
RECORD_WRITERS = {Role.OFFICER, Role.SYNTHESIS, Role.ADMIN}
IN_SCOPE = {"own", "own_child"}


def visible_keys(role) -> set[str]:
    if role == Role.ADMIN:
        return set(UNIT_KEYS)
    if role in READERS:
        return IN_SCOPE
    return set()


# What each list returns, and which unit of the tree each row belongs to.
LISTS = {
    "/api/units": "id",
    "/api/groups": "organiser_id",
    "/api/people": "unit_id",
    "/api/households": "locality_id",
    "/api/title-records": "scope_unit_id",
}


def _key_of(world, unit_id) -> str:
    return next(key for key, unit in world["units"].items() if unit.pk == unit_id)


@pytest.mark.parametrize("role", list(Role))
def test_list_shows_only_rows_in_scope(world, role):
    client = token_client(factories.user_with_role(role, world["units"]["own"]))

    for url, field in LISTS.items():
        response = client.get(url, {"limit": 500})

        assert response.status_code == 200, url
        rows = response.json()["items"]
        assert {_key_of(world, row[field]) for row in rows} == visible_keys(role), url
        per_unit = 3 if url == "/api/title-records" else 1
        assert response.json()["count"] == len(rows) == per_unit * len(visible_keys(role)), url


def _detail_urls(world, key) -> list[str]:
    return [
        f"/api/units/{world['units'][key].pk}",
        f"/api/units/{world['units'][key].pk}/children",
        f"/api/groups/{world['groups'][key].pk}",
        f"/api/people/{world['people'][key].pk}",
        f"/api/households/{world['households'][key].pk}",
        *[f"/api/title-records/{record.pk}" for record in world["records"][key]],
    ]


@pytest.mark.parametrize("role", list(Role))
def test_detail_is_404_outside_scope(world, role):
    client = token_client(factories.user_with_role(role, world["units"]["own"]))

    for key in UNIT_KEYS:
        expected = 200 if key in visible_keys(role) else 404
        statuses = {url: client.get(url).status_code for url in _detail_urls(world, key)}

        assert statuses == dict.fromkeys(statuses, expected), key


def test_staff_member_sees_own_person_and_records(world):
    user = factories.user_with_role(Role.STAFF, world["units"]["own"])
    person = world["people"]["own"]
    person.user = user
    person.save()
    client = token_client(user)

    people = client.get("/api/people").json()["items"]
    records = client.get("/api/title-records").json()["items"]

    assert [row["id"] for row in people] == [person.pk]
    assert [row["title"] for row in records] == ["lao-dong-tien-tien"]
    assert client.get(f"/api/people/{person.pk}").json()["full_name"] == "Nguyễn Văn own"
    assert (
        client.patch(f"/api/people/{person.pk}", {"phone": "1"}, "application/json").status_code
        == 403
    )


# Writes -------------------------------------------------------------------------------------


def _expected_write(role, writers, key) -> int:
    if role == Role.ADMIN:
        return 200
    if key not in visible_keys(role):
        return 404
    return 200 if role in writers else 403


PATCHES = {
    "units": (lambda w, k: f"/api/units/{w['units'][k].pk}", {"address": "1 Lê Lợi"}),
    "groups": (lambda w, k: f"/api/groups/{w['groups'][k].pk}", {"note": "Ghi chú"}),
    "people": (lambda w, k: f"/api/people/{w['people'][k].pk}", {"phone": "0912345678"}),
    "households": (lambda w, k: f"/api/households/{w['households'][k].pk}", {"address": "Thôn 3"}),
    "title-records": (
        lambda w, k: f"/api/title-records/{w['records'][k][1].pk}",
        {"note": "Ghi chú"},
    ),
}
WRITERS = {
    "units": STRUCTURE_WRITERS,
    "groups": STRUCTURE_WRITERS,
    "people": RECORD_WRITERS,
    "households": RECORD_WRITERS,
    "title-records": RECORD_WRITERS,
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("resource", list(PATCHES))
def test_patch_allowed_for_writers_in_scope(world, role, resource):
    client = token_client(factories.user_with_role(role, world["units"]["own"]))
    url_of, payload = PATCHES[resource]

    for key in ["own_child", "sibling", "parent"]:
        response = client.patch(url_of(world, key), payload, content_type="application/json")

        assert response.status_code == _expected_write(role, WRITERS[resource], key), key
        if response.status_code == 200:
            field, value = next(iter(payload.items()))
            assert response.json()[field] == value
        else:
            assert response.json()["detail"]


def _create_payloads(world, key) -> dict:
    unit = world["units"][key]
    return {
        "units": ("/api/units", {"parent_id": unit.pk, "name": "Phòng mới"}),
        "groups": ("/api/groups", {"organiser_id": unit.pk, "name": "Khối mới"}),
        "people": ("/api/people", {"unit_id": unit.pk, "full_name": "Trần Thị Mới"}),
        "households": (
            "/api/households",
            {"locality_id": unit.pk, "name": "Hộ bà Mới", "head_full_name": "Lê Thị Mới"},
        ),
        "title-records": (
            "/api/title-records",
            {"title": "cstd-co-so", "year": 2024, "person_id": world["people"][key].pk},
        ),
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("resource", list(PATCHES))
def test_create_allowed_for_writers_in_scope(world, role, resource):
    client = token_client(factories.user_with_role(role, world["units"]["own"]))
    url, payload = _create_payloads(world, "own_child")[resource]

    response = client.post(url, payload, content_type="application/json")

    if role in WRITERS[resource]:
        assert response.status_code == 201, response.json()
        assert response.json()["id"]
    elif resource == "units" and role == Role.STAFF:
        # A staff member cannot even see the parent unit named in the body.
        assert response.status_code == 400
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", sorted((STRUCTURE_WRITERS | RECORD_WRITERS) - {Role.ADMIN}))
@pytest.mark.parametrize("resource", list(PATCHES))
def test_create_outside_scope_is_refused(world, role, resource):
    client = token_client(factories.user_with_role(role, world["units"]["own"]))
    url, payload = _create_payloads(world, "sibling")[resource]

    response = client.post(url, payload, content_type="application/json")

    # The sibling is unknown to the caller (bad input), unless the caller may not add any such
    # thing at all; a unit's permission depends on its parent, so that check comes first.
    writer = role in WRITERS[resource] or resource == "units"
    assert response.status_code == (400 if writer else 403)
    assert response.json()["detail"]
