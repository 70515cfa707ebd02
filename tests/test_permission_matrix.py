"""Each role × own scope / sibling / parent / outside, on every page of the foundation.

A role is bound to the unit `own`; objects sit in `own_child` (inside the scope), `sibling`,
`parent` and `outside`. Out-of-scope objects are 404 (the page fetches through the same
selector as the list), in-scope objects the role may not change are 403.
"""

import pytest
from django.urls import reverse

from guongsang.orgs.enums import GroupKind, Role
from guongsang.orgs.services import group_create
from tests import factories

pytestmark = pytest.mark.django_db

PLACES = ("own_child", "sibling", "parent", "outside")
READ_ROLES = {Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR}
RECORD_WRITERS = {Role.OFFICER, Role.SYNTHESIS}
STRUCTURE_WRITERS = {Role.SYNTHESIS}
ALL_ROLES = [Role.STAFF, *sorted(READ_ROLES), Role.ADMIN]


@pytest.fixture
def world(tree):
    """One object of every kind in every place, named after the place."""
    objects = {}
    for place in PLACES:
        unit = tree[place]
        person = factories.person_create(f"Cán Bộ {place}", unit=unit)
        household = factories.household_create(f"Hộ {place}", locality=unit, head=person)
        group = group_create(
            name=f"Cụm {place}", kind=GroupKind.CLUSTER, organiser=unit, actor=None, members=[unit]
        )
        record = factories.title_record_create(person, "lao-dong-tien-tien", 2024)
        objects[place] = {
            "unit": unit,
            "person": person,
            "household": household,
            "group": group,
            "record": record,
        }
    return objects


def _expected_view(role, place, kind) -> int:
    if role == Role.ADMIN:
        return 200
    if role == Role.STAFF:
        return 404
    return 200 if place == "own_child" else 404


def _expected_change(role, place, kind) -> int:
    if role == Role.ADMIN:
        return 200
    if role == Role.STAFF or place != "own_child":
        return 404
    writers = STRUCTURE_WRITERS if kind in ("unit", "group") else RECORD_WRITERS
    return 200 if role in writers else 403


VIEW_PAGES = {
    "unit": "orgs:unit_detail",
    "group": "orgs:group_detail",
    "person": "orgs:person_detail",
    "household": "orgs:household_detail",
    "record": "titles:record_detail",
}
CHANGE_PAGES = {
    "unit": ["orgs:unit_edit", "orgs:unit_move", "orgs:unit_rename", "orgs:unit_split",
             "orgs:unit_dissolve"],
    "group": ["orgs:group_edit"],
    "person": ["orgs:person_edit", "orgs:person_move"],
    "household": ["orgs:household_edit"],
    "record": ["titles:record_edit"],
}  # fmt: skip


@pytest.mark.parametrize("role", ALL_ROLES)
def test_detail_pages_follow_scope(client, tree, world, role):
    client.force_login(factories.user_with_role(role, tree["own"]))
    got, expected = {}, {}
    for place in PLACES:
        for kind, url_name in VIEW_PAGES.items():
            url = reverse(url_name, args=[world[place][kind].pk])
            got[(place, kind)] = client.get(url).status_code
            expected[(place, kind)] = _expected_view(role, place, kind)
    assert got == expected


@pytest.mark.parametrize("role", ALL_ROLES)
def test_change_pages_follow_role_and_scope(client, tree, world, role):
    client.force_login(factories.user_with_role(role, tree["own"]))
    got, expected = {}, {}
    for place in PLACES:
        for kind, url_names in CHANGE_PAGES.items():
            for url_name in url_names:
                url = reverse(url_name, args=[world[place][kind].pk])
                got[(place, url_name)] = client.get(url).status_code
                expected[(place, url_name)] = _expected_change(role, place, kind)
    assert got == expected


LIST_PAGES = {
    "orgs:person_list": lambda place: f"Cán Bộ {place}",
    "orgs:household_list": lambda place: f"Hộ {place}",
    "orgs:group_list": lambda place: f"Cụm {place}",
    "titles:record_list": lambda place: f"Cán Bộ {place}",
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_lists_show_only_what_is_in_scope(client, tree, world, role):
    client.force_login(factories.user_with_role(role, tree["own"]))
    for url_name in ("orgs:person_list", "orgs:household_list", "orgs:group_list",
                     "titles:record_list"):  # fmt: skip
        response = client.get(reverse(url_name))
        content = response.content.decode()
        for place in PLACES:
            visible = LIST_PAGES[url_name](place) in content
            should = role == Role.ADMIN or (role in READ_ROLES and place == "own_child")
            assert (url_name, place, visible) == (url_name, place, should)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_exports_hold_only_what_is_in_scope(client, tree, world, role):
    import io

    from openpyxl import load_workbook

    client.force_login(factories.user_with_role(role, tree["own"]))
    for url_name in ("orgs:person_export", "orgs:household_export", "titles:record_export"):
        response = client.get(reverse(url_name))
        if response.status_code == 403:
            assert role == Role.STAFF and url_name != "titles:record_export"
            continue
        sheet = load_workbook(io.BytesIO(response.content)).active
        text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        for place in PLACES:
            should = role == Role.ADMIN or (role in READ_ROLES and place == "own_child")
            marker = "Hộ " + place if url_name == "orgs:household_export" else "Cán Bộ " + place
            assert (url_name, place, marker in text) == (url_name, place, should)


def test_anonymous_visitor_is_sent_to_sign_in(client, world):
    for url_name, obj in [("orgs:unit_detail", world["own_child"]["unit"]),
                          ("orgs:person_detail", world["own_child"]["person"]),
                          ("titles:record_detail", world["own_child"]["record"])]:  # fmt: skip
        response = client.get(reverse(url_name, args=[obj.pk]))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
