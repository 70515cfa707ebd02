"""Compliance cases: services, pages and the role × place permission matrix."""

import datetime

import pytest
from django.urls import reverse

from guongsang.common.errors import DomainError
from guongsang.orgs.enums import Role
from guongsang.plans.engine import hooks
from guongsang.plans.models import ComplianceCase, CriteriaSet, EligibilityRun
from guongsang.plans.services.compliance import compliance_case_close
from tests import factories
from tests.plans.criteria_helpers import case, criteria_set, rule

PLACES = ("own_child", "sibling", "parent", "outside")
READ_ROLES = {Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR}
CASE_WRITERS = {Role.OFFICER, Role.SYNTHESIS}
RUNNERS = {Role.OFFICER, Role.HEAD, Role.SYNTHESIS}
ALL_ROLES = [Role.STAFF, *sorted(READ_ROLES), Role.ADMIN]


@pytest.fixture(autouse=True)
def no_providers():
    with hooks.providers_replaced():
        yield


def test_close_keeps_the_discipline_in_effect(tree):
    person = factories.person_create(unit=tree["own"])
    discipline = case(person)
    compliance_case_close(case=discipline, closed_on=datetime.date(2024, 7, 1), actor=None,
                          effect_until=datetime.date(2025, 6, 30))  # fmt: skip
    discipline.refresh_from_db()
    assert (discipline.closed_on, discipline.effect_until) == (
        datetime.date(2024, 7, 1),
        datetime.date(2025, 6, 30),
    )
    assert discipline.scope_unit == tree["own"]
    with pytest.raises(DomainError):
        compliance_case_close(case=discipline, closed_on=datetime.date(2024, 8, 1), actor=None)
    with pytest.raises(DomainError):
        case(person, kind="complaint", effect_until=datetime.date(2025, 1, 1))


def test_case_list_queries_do_not_grow(client, tree, django_assert_max_num_queries):
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    url = reverse("criteria:case_list")
    case(factories.person_create(unit=tree["own"]))
    client.get(url)
    with django_assert_max_num_queries(15) as one:
        client.get(url)
    for _ in range(2):
        case(factories.household_create(locality=tree["own_child"]), kind="complaint")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 3


def test_case_create_page_files_the_case_under_the_subject(client, tree):
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    person = factories.person_create(unit=tree["own_child"], id_number="001190000009")

    response = client.post(reverse("criteria:case_create"), {
        "kind": "inspection", "subject_kind": "individual", "person": "001190000009",
        "opened_on": "05/02/2025",
    })  # fmt: skip

    assert response.status_code == 302
    created = ComplianceCase.objects.get()
    assert (created.person, created.opened_on, created.scope_unit) == (
        person, datetime.date(2025, 2, 5), tree["own_child"],
    )  # fmt: skip


@pytest.fixture
def world(tree):
    objects = {}
    for place in PLACES:
        person = factories.person_create(f"Cán Bộ {place}", unit=tree[place])
        objects[place] = {"case": case(person), "unit": tree[place]}
    return objects


def _expected_case_edit(role, place) -> int:
    if role == Role.ADMIN:
        return 200
    if role == Role.STAFF or place != "own_child":
        return 404
    return 200 if role in CASE_WRITERS else 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_permission_matrix(client, tree, world, role, django_capture_on_commit_callbacks):
    unit = tree["parent"] if role == Role.ADMIN else tree["own"]
    user = factories.user_with_role(role, unit)
    client.force_login(user)
    cset = criteria_set("individual", rule("freeze"))
    builtin = CriteriaSet.objects.get(code="cstd-co-so")
    listed = client.get(reverse("criteria:case_list"))
    for place in PLACES:
        edit = client.get(reverse("criteria:case_edit", args=[world[place]["case"].pk]))
        assert edit.status_code == _expected_case_edit(role, place), (role, place)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("criteria:run_create"),
                {"criteria_set": cset.pk, "year": 2024, "unit": tree[place].pk},
            )
        ran = EligibilityRun.objects.filter(unit=tree[place], created_by=user).exists()
        in_scope = role == Role.ADMIN or place == "own_child"
        assert ran == (in_scope and role in RUNNERS | {Role.ADMIN}), (role, place)
    if role == Role.STAFF:
        assert listed.status_code == 403
    else:
        shown = {c.person.full_name for c in listed.context["page_obj"]}
        expected = {f"Cán Bộ {p}" for p in PLACES} if role == Role.ADMIN else {"Cán Bộ own_child"}
        assert shown == expected
    change_set = client.get(reverse("criteria:set_edit", args=[cset.pk])).status_code
    change_builtin = client.get(reverse("criteria:set_edit", args=[builtin.pk])).status_code
    view_set = client.get(reverse("criteria:set_detail", args=[cset.pk])).status_code
    assert change_set == (200 if role in (Role.SYNTHESIS, Role.ADMIN) else
                          404 if role == Role.STAFF else 403)  # fmt: skip
    assert change_builtin == (200 if role == Role.ADMIN else 404 if role == Role.STAFF else 403)
    assert view_set == (404 if role == Role.STAFF else 200)
