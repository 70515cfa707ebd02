"""A list call costs the same number of queries for 1 row as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guongsang.orgs import services
from guongsang.orgs.enums import GroupKind, Role
from tests import factories
from tests.api.conftest import token_client

# Token lookup and last-use update, the caller's roles and grants, the count and the rows
# (plus one for the members of emulation groups).
MAX_QUERIES = 7


def _unit(tree, n):
    factories.unit_create(f"Tổ {n}", parent=tree["own_child"])


def _group(tree, n):
    services.group_create(
        name=f"Cụm {n}",
        kind=GroupKind.CLUSTER,
        organiser=tree["own"],
        members=[tree["own"], tree["own_child"]],
        actor=None,
    )


def _person(tree, n):
    factories.person_create(f"Nguyễn Văn {n}", unit=tree["own_child"])


def _household(tree, n):
    head = factories.person_create(f"Lê Văn {n}", unit=tree["own_child"])
    factories.household_create(f"Hộ {n}", locality=tree["own_child"], head=head)


def _record(tree, n):
    person = factories.person_create(f"Trần Văn {n}", unit=tree["own_child"])
    factories.title_record_create(person, "lao-dong-tien-tien", 2024)


BUILDERS = {
    "/api/units": _unit,
    "/api/groups": _group,
    "/api/people": _person,
    "/api/households": _household,
    "/api/title-records": _record,
    "children": _unit,
}


def _count_queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"limit": 500})
    assert response.status_code == 200
    return len(captured), len(response.json()["items"])


@pytest.mark.parametrize("url", list(BUILDERS))
def test_list_queries_do_not_grow_with_rows(tree, url, django_assert_max_num_queries):
    client = token_client(factories.user_with_role(Role.OFFICER, tree["own"]))
    build = BUILDERS[url]
    if url == "children":
        url = f"/api/units/{tree['own_child'].pk}/children"
    build(tree, 0)
    one, rows_before = _count_queries(client, url)

    for n in range(1, 30):
        build(tree, n)
    with django_assert_max_num_queries(MAX_QUERIES):
        many, rows_after = _count_queries(client, url)

    assert rows_after == rows_before + 29
    assert many == one


def test_title_catalogue_queries(tree, django_assert_max_num_queries):
    client = token_client(factories.user_with_role(Role.OFFICER, tree["own"]))

    with django_assert_max_num_queries(4):
        response = client.get("/api/titles", {"limit": 500})

    assert response.json()["count"] == len(response.json()["items"]) > 20
