"""Scope of the lists and detail pages; query counts that do not grow with the rows."""

import pytest
from django.urls import reverse

from guongsang.exemplars import services
from guongsang.orgs.enums import Role
from tests import factories
from tests.exemplars.conftest import exemplar_register, query_count


@pytest.fixture
def admin(tree):
    return factories.user_with_role(Role.ADMIN, tree["outside"])


def test_list_shows_scope_only_and_detail_404_outside(client, tree, plan, admin):
    own = exemplar_register(
        factories.person_create("Nguyễn Thị Lan", unit=tree["own"]), plan, admin
    )
    other = exemplar_register(
        factories.person_create("Trần Văn Ngoài", unit=tree["sibling"]), plan, admin
    )
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    response = client.get(reverse("exemplars:exemplar_list"))
    assert [e.pk for e in response.context["page_obj"]] == [own.pk]
    assert client.get(reverse("exemplars:exemplar_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("exemplars:exemplar_detail", args=[other.pk])).status_code == 404
    url = reverse("exemplars:exemplar_edit", args=[other.pk])
    assert client.get(url).status_code == 404


def test_list_search_ignores_diacritics_and_filters(client, tree, plan, admin):
    lan = exemplar_register(
        factories.person_create("Nguyễn Thị Lan", unit=tree["own"]), plan, admin
    )
    exemplar_register(tree["own_child"], plan, admin)
    client.force_login(admin)
    response = client.get(reverse("exemplars:exemplar_list"), {"q": "nguyen thi lan"})
    assert [e.pk for e in response.context["page_obj"]] == [lan.pk]
    response = client.get(reverse("exemplars:exemplar_list"), {"subject_kind": "collective"})
    assert [e.subject_name for e in response.context["page_obj"]] == ["Phòng Thi đua - Khen thưởng"]
    services.exemplar_start_nurturing(exemplar=lan, actor=admin)
    response = client.get(reverse("exemplars:exemplar_list"), {"status": "nurturing"})
    assert [e.pk for e in response.context["page_obj"]] == [lan.pk]


def test_staff_sees_only_own_records(client, tree, plan, admin):
    user = factories.user_with_role(Role.STAFF, tree["own"])
    person = factories.person_create("Lê Văn Tâm", unit=tree["own"])
    person.user = user
    person.save()
    mine = exemplar_register(person, plan, admin)
    exemplar_register(factories.person_create(unit=tree["own"]), plan, admin)
    client.force_login(user)
    response = client.get(reverse("exemplars:exemplar_list"))
    assert [e.pk for e in response.context["page_obj"]] == [mine.pk]
    response = client.get(reverse("exemplars:my_exemplars"))
    assert [e.pk for e in response.context["page_obj"]] == [mine.pk]


def _rows(tree, plan, officer, n):
    """n exemplars the officer registered, each moved on by someone else (a notification)."""
    synthesis = factories.user_with_role(Role.SYNTHESIS, tree["parent"])
    for _ in range(n):
        exemplar = exemplar_register(factories.person_create(unit=tree["own"]), plan, officer)
        services.exemplar_start_nurturing(exemplar=exemplar, actor=synthesis)


@pytest.mark.parametrize(
    "name", ["exemplar_list", "my_exemplars", "notification_list", "register_list", "nominate"]
)
def test_list_query_count_does_not_grow(client, tree, plan, officer, name):
    client.force_login(officer)
    _rows(tree, plan, officer, 1)
    one = query_count(client, reverse(f"exemplars:{name}"))
    _rows(tree, plan, officer, 2)
    assert query_count(client, reverse(f"exemplars:{name}")) == one


def test_api_list_query_count_does_not_grow(client, tree, plan, officer):
    client.force_login(officer)
    _rows(tree, plan, officer, 1)
    one = query_count(client, "/api/exemplars")
    _rows(tree, plan, officer, 2)
    assert query_count(client, "/api/exemplars") == one
    assert client.get("/api/exemplars").json()["count"] == 3
