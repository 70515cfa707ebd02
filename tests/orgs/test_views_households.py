import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.orgs import services
from guongsang.orgs.enums import HouseholdRelation, Role
from guongsang.orgs.models import Household, HouseholdMember, Person
from tests import factories

pytestmark = pytest.mark.django_db

READ_ROLES = [Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR]
NOT_RECORD_WRITERS = [Role.HEAD, Role.COUNCIL, Role.EDITOR]


def login(client, role, unit):
    user = factories.user_with_role(role, unit)
    user = get_user_model().objects.get(pk=user.pk)
    client.force_login(user)
    return user


def household(name, locality, head_name=None):
    head = factories.person_create(head_name or f"Chủ {name}", unit=locality)
    return factories.household_create(name, locality=locality, head=head)


def query_count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


# List -------------------------------------------------------------------------------------


def test_household_list_anonymous_redirects_to_login(client, tree):
    response = client.get(reverse("orgs:household_list"))
    assert response.status_code == 302


@pytest.mark.parametrize("role", READ_ROLES)
def test_household_list_shows_households_in_scope_only(client, tree, role):
    login(client, role, tree["own"])
    mine = household("Hộ ông An", tree["own_child"])
    household("Hộ bà Sibling", tree["sibling"])
    household("Hộ ông Outside", tree["outside"])
    content = client.get(reverse("orgs:household_list")).content.decode()
    assert f'data-testid="household-row-{mine.pk}"' in content
    assert "Hộ bà Sibling" not in content
    assert "Hộ ông Outside" not in content


def test_household_list_search_and_unit_filter(client, tree):
    login(client, Role.SYNTHESIS, tree["parent"])
    household("Hộ ông Đặng Văn Lâm", tree["own_child"])
    household("Hộ bà Lê Thị Hoa", tree["sibling"])
    content = client.get(reverse("orgs:household_list"), {"q": "dang lam"}).content.decode()
    assert "Hộ ông Đặng Văn Lâm" in content and "Hộ bà Lê Thị Hoa" not in content
    content = client.get(reverse("orgs:household_list"), {"unit": tree["sibling"].pk}).content
    assert "Hộ bà Lê Thị Hoa" in content.decode()
    assert "Hộ ông Đặng Văn Lâm" not in content.decode()


def test_household_list_staff_member_sees_own_household_only(client, tree):
    user = login(client, Role.STAFF, tree["own"])
    mine = household("Hộ của tôi", tree["own"])
    Person.objects.filter(pk=mine.head_id).update(user=user)
    household("Hộ hàng xóm", tree["own"])
    content = client.get(reverse("orgs:household_list")).content.decode()
    assert "Hộ của tôi" in content
    assert "Hộ hàng xóm" not in content


def test_household_list_query_count_does_not_grow_with_rows(client, tree):
    login(client, Role.OFFICER, tree["own"])
    household("Hộ 1", tree["own"])
    one = query_count(client, reverse("orgs:household_list"))
    household("Hộ 2", tree["own_child"])
    household("Hộ 3", tree["own"])
    assert query_count(client, reverse("orgs:household_list")) == one


def test_household_export_has_rows_in_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    mine = household("Hộ ông An", tree["own"], head_name="Nguyễn Văn An")
    Household.objects.filter(pk=mine.pk).update(annual_income=Decimal("120000000"))
    household("Hộ bà Sibling", tree["sibling"])
    response = client.get(reverse("orgs:household_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1:] == [("Hộ ông An", "Nguyễn Văn An", "Sở Nội vụ", None, 120000000)]


# Detail -----------------------------------------------------------------------------------


def test_household_detail_shows_head_members_locality_and_income(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"], head_name="Nguyễn Văn An")
    Household.objects.filter(pk=home.pk).update(annual_income=Decimal("85000000"))
    child = factories.person_create("Nguyễn Thị Con", unit=tree["own_child"])
    services.household_member_add(
        household=home, person=child, relation=HouseholdRelation.CHILD, actor=None
    )
    content = client.get(reverse("orgs:household_detail", args=[home.pk])).content.decode()
    head = content[content.index('data-testid="household-head"') :]
    assert head.index("Nguyễn Văn An") < 200
    assert "Nguyễn Thị Con" in content
    assert "Sở Nội vụ" in content
    assert "85.000.000" in content or "85,000,000" in content
    assert 'class="history"' in content


def test_household_detail_outside_scope_gives_404(client, tree):
    login(client, Role.OFFICER, tree["own"])
    other = household("Hộ bà Sibling", tree["sibling"])
    assert client.get(reverse("orgs:household_detail", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("role", NOT_RECORD_WRITERS)
def test_household_detail_hides_change_buttons_from_readers(client, tree, role):
    login(client, role, tree["own"])
    home = household("Hộ ông An", tree["own"])
    content = client.get(reverse("orgs:household_detail", args=[home.pk])).content.decode()
    assert 'data-testid="household-actions"' not in content


# Create, edit, members --------------------------------------------------------------------


def test_household_create_with_head_in_scope(client, tree):
    user = login(client, Role.OFFICER, tree["own"])
    head = factories.person_create("Trần Văn Chủ", unit=tree["own_child"])
    response = client.post(
        reverse("orgs:household_create"),
        {
            "name": "Hộ ông Trần Văn Chủ",
            "locality": tree["own_child"].pk,
            "head": head.pk,
            "annual_income": "95000000",
        },
    )
    home = Household.objects.get(name="Hộ ông Trần Văn Chủ")
    assert response["Location"] == reverse("orgs:household_detail", args=[home.pk])
    assert home.head == head
    assert home.annual_income == Decimal("95000000")
    assert HouseholdMember.objects.get(household=home).relation == HouseholdRelation.HEAD
    assert home.history.first().history_user == user


def test_household_create_refuses_head_outside_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    stranger = factories.person_create("Người Ngoài", unit=tree["sibling"])
    response = client.post(
        reverse("orgs:household_create"),
        {"name": "Hộ lén", "locality": tree["own"].pk, "head": stranger.pk},
    )
    assert response.context["form"].errors["head"]
    assert "Người Ngoài" not in response.content.decode()
    assert not Household.objects.exists()


def test_household_create_person_search_narrows_the_choices(client, tree):
    login(client, Role.OFFICER, tree["own"])
    factories.person_create("Đặng Văn Lâm", unit=tree["own"])
    factories.person_create("Lê Thị Hoa", unit=tree["own"])
    response = client.get(reverse("orgs:household_create"), {"person_q": "dang"})
    content = response.content.decode()
    assert "Đặng Văn Lâm" in content
    assert "Lê Thị Hoa" not in content


def test_household_create_rejects_negative_income(client, tree):
    login(client, Role.OFFICER, tree["own"])
    head = factories.person_create(unit=tree["own"])
    response = client.post(
        reverse("orgs:household_create"),
        {"name": "Hộ X", "locality": tree["own"].pk, "head": head.pk, "annual_income": "-5"},
    )
    assert response.context["form"].errors["annual_income"]
    assert not Household.objects.exists()


@pytest.mark.parametrize("role", NOT_RECORD_WRITERS + [Role.STAFF])
def test_household_create_forbidden_without_record_write_role(client, tree, role):
    login(client, role, tree["own"])
    head = factories.person_create(unit=tree["own"])
    response = client.post(
        reverse("orgs:household_create"),
        {"name": "Hộ X", "locality": tree["own"].pk, "head": head.pk},
    )
    assert response.status_code == 403
    assert not Household.objects.exists()


def test_household_edit_changes_head_among_members(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"])
    spouse = factories.person_create("Trần Thị Vợ", unit=tree["own"])
    services.household_member_add(
        household=home, person=spouse, relation=HouseholdRelation.SPOUSE, actor=None
    )
    response = client.post(
        reverse("orgs:household_edit", args=[home.pk]),
        {
            "name": "Hộ bà Vợ",
            "locality": tree["own_child"].pk,
            "head": spouse.pk,
            "address": "Thôn 1",
        },
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert (home.name, home.head, home.locality, home.address) == (
        "Hộ bà Vợ",
        spouse,
        tree["own_child"],
        "Thôn 1",
    )


def test_household_edit_refuses_head_who_is_not_a_member(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"])
    other = factories.person_create(unit=tree["own"])
    response = client.post(
        reverse("orgs:household_edit", args=[home.pk]),
        {"name": "Hộ ông An", "locality": tree["own"].pk, "head": other.pk},
    )
    assert response.context["form"].errors["head"]
    home.refresh_from_db()
    assert home.head_id != other.pk


@pytest.mark.parametrize("role", NOT_RECORD_WRITERS)
def test_household_edit_forbidden_to_readers(client, tree, role):
    login(client, role, tree["own"])
    home = household("Hộ ông An", tree["own"])
    response = client.post(
        reverse("orgs:household_edit", args=[home.pk]),
        {"name": "Đổi", "locality": tree["own"].pk, "head": home.head_id},
    )
    assert response.status_code == 403
    home.refresh_from_db()
    assert home.name == "Hộ ông An"


def test_household_edit_outside_scope_gives_404(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ Sibling", tree["sibling"])
    assert client.get(reverse("orgs:household_edit", args=[home.pk])).status_code == 404


def test_household_member_add_and_remove(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"])
    child = factories.person_create("Nguyễn Thị Con", unit=tree["own"])
    response = client.post(
        reverse("orgs:household_member_add", args=[home.pk]),
        {"person": child.pk, "relation": HouseholdRelation.CHILD},
    )
    assert response.status_code == 302
    assert HouseholdMember.objects.get(household=home, person=child).relation == "child"
    detail = client.get(reverse("orgs:household_detail", args=[home.pk])).content.decode()
    assert f'data-testid="remove-member-{child.pk}"' in detail
    assert f'data-testid="remove-member-{home.head_id}"' not in detail
    response = client.post(reverse("orgs:household_member_remove", args=[home.pk, child.pk]))
    assert response.status_code == 302
    assert not HouseholdMember.objects.filter(household=home, person=child).exists()


def test_household_member_add_twice_shows_the_error(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"])
    response = client.post(
        reverse("orgs:household_member_add", args=[home.pk]),
        {"person": home.head_id, "relation": HouseholdRelation.OTHER},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert HouseholdMember.objects.filter(household=home).count() == 1


def test_household_member_add_refuses_person_outside_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"])
    stranger = factories.person_create(unit=tree["sibling"])
    response = client.post(
        reverse("orgs:household_member_add", args=[home.pk]),
        {"person": stranger.pk, "relation": HouseholdRelation.OTHER},
    )
    assert response.context["form"].errors["person"]
    assert not HouseholdMember.objects.filter(person=stranger).exists()


def test_household_member_remove_head_shows_message(client, tree):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"])
    response = client.post(
        reverse("orgs:household_member_remove", args=[home.pk, home.head_id]), follow=True
    )
    assert list(response.context["messages"])[0].level_tag == "error"
    assert HouseholdMember.objects.filter(household=home, person_id=home.head_id).exists()


def test_household_member_remove_needs_post_and_permission(client, tree):
    login(client, Role.HEAD, tree["own"])
    home = household("Hộ ông An", tree["own"])
    child = factories.person_create(unit=tree["own"])
    services.household_member_add(
        household=home, person=child, relation=HouseholdRelation.CHILD, actor=None
    )
    url = reverse("orgs:household_member_remove", args=[home.pk, child.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert HouseholdMember.objects.filter(household=home, person=child).exists()


@pytest.mark.parametrize("name", ["household_edit", "household_member_add"])
def test_household_forms_render(client, tree, name):
    login(client, Role.OFFICER, tree["own"])
    home = household("Hộ ông An", tree["own"])
    response = client.get(reverse(f"orgs:{name}", args=[home.pk]))
    assert response.status_code == 200
    assert "Hộ ông An" in response.content.decode()
