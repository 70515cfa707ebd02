import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.orgs import services
from guongsang.orgs.enums import Gender, Role
from guongsang.orgs.models import Membership, Person, Unit
from tests import factories

pytestmark = pytest.mark.django_db

READ_ROLES = [Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR]
RECORD_WRITERS = [Role.OFFICER, Role.SYNTHESIS, Role.ADMIN]
NOT_RECORD_WRITERS = [Role.HEAD, Role.COUNCIL, Role.EDITOR]


def login(client, role, unit):
    user = factories.user_with_role(role, unit)
    user = get_user_model().objects.get(pk=user.pk)
    client.force_login(user)
    return user


def query_count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


# List -------------------------------------------------------------------------------------


def test_person_list_anonymous_redirects_to_login(client, tree):
    response = client.get(reverse("orgs:person_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", READ_ROLES)
def test_person_list_shows_people_in_scope_only(client, tree, role):
    login(client, role, tree["own"])
    mine = factories.person_create("Nguyễn Văn An", unit=tree["own_child"])
    factories.person_create("Lê Thị Sibling", unit=tree["sibling"])
    factories.person_create("Phạm Văn Parent", unit=tree["parent"])
    factories.person_create("Hoàng Văn Outside", unit=tree["outside"])
    content = client.get(reverse("orgs:person_list")).content.decode()
    assert f'data-testid="person-row-{mine.pk}"' in content
    for name in ("Lê Thị Sibling", "Phạm Văn Parent", "Hoàng Văn Outside"):
        assert name not in content


def test_person_list_staff_member_sees_only_self(client, tree):
    user = login(client, Role.STAFF, tree["own"])
    me = factories.person_create("Nguyễn Văn Tôi", unit=tree["own"])
    Person.objects.filter(pk=me.pk).update(user=user)
    factories.person_create("Trần Văn Đồng Nghiệp", unit=tree["own"])
    content = client.get(reverse("orgs:person_list")).content.decode()
    assert "Nguyễn Văn Tôi" in content
    assert "Trần Văn Đồng Nghiệp" not in content


def test_person_list_search_ignores_diacritics(client, tree):
    login(client, Role.OFFICER, tree["own"])
    factories.person_create("Đặng Thị Hồng", unit=tree["own"])
    factories.person_create("Nguyễn Văn Bình", unit=tree["own"])
    content = client.get(reverse("orgs:person_list"), {"q": "dang hong"}).content.decode()
    assert "Đặng Thị Hồng" in content
    assert "Nguyễn Văn Bình" not in content


def test_person_list_htmx_returns_results_partial(client, tree):
    login(client, Role.OFFICER, tree["own"])
    factories.person_create("Đặng Thị Hồng", unit=tree["own"])
    response = client.get(reverse("orgs:person_list"), {"q": "hong"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content
    assert "Đặng Thị Hồng" in content


def test_person_list_sorted_by_given_name(client, tree):
    login(client, Role.OFFICER, tree["own"])
    for name in ("Trần Văn Cường", "Nguyễn Thị Ánh", "Lê Văn Bình"):
        factories.person_create(name, unit=tree["own"])
    content = client.get(reverse("orgs:person_list")).content.decode()
    positions = [content.index(n) for n in ("Nguyễn Thị Ánh", "Lê Văn Bình", "Trần Văn Cường")]
    assert positions == sorted(positions)


def test_person_list_filters_by_unit_subtree(client, tree):
    login(client, Role.SYNTHESIS, tree["parent"])
    factories.person_create("Người Ở Phòng", unit=tree["own_child"])
    factories.person_create("Người Ở Sở", unit=tree["own"])
    factories.person_create("Người Ở Y Tế", unit=tree["sibling"])
    response = client.get(reverse("orgs:person_list"), {"unit": tree["own"].pk})
    content = response.content.decode()
    assert "Người Ở Phòng" in content and "Người Ở Sở" in content
    assert "Người Ở Y Tế" not in content
    assert 'data-testid="unit-filter"' in content


def test_person_list_filter_by_unit_outside_scope_gives_404(client, tree):
    login(client, Role.OFFICER, tree["own"])
    factories.person_create(unit=tree["sibling"])
    response = client.get(reverse("orgs:person_list"), {"unit": tree["sibling"].pk})
    assert response.status_code == 404


def test_person_list_pages_hold_fifty_people(client, tree):
    login(client, Role.OFFICER, tree["own"])
    for i in range(51):
        factories.person_create(f"Nguyễn Văn Số{i:02d}", unit=tree["own"])
    response = client.get(reverse("orgs:person_list"))
    assert len(response.context["page_obj"].object_list) == 50
    second = client.get(reverse("orgs:person_list"), {"page": 2})
    assert len(second.context["page_obj"].object_list) == 1


def test_person_list_query_count_does_not_grow_with_rows(client, tree):
    login(client, Role.OFFICER, tree["own"])
    factories.person_create(unit=tree["own"])
    one = query_count(client, reverse("orgs:person_list"))
    factories.person_create(unit=tree["own_child"])
    factories.person_create(unit=tree["own"])
    assert query_count(client, reverse("orgs:person_list")) == one


def test_person_export_has_every_row_in_scope_with_dates(client, tree):
    login(client, Role.OFFICER, tree["own"])
    for i in range(55):
        factories.person_create(f"Nguyễn Văn Số{i:02d}", unit=tree["own"])
    factories.person_create(
        "Trần Thị Ngày", unit=tree["own_child"], birth_date=datetime.date(1990, 5, 17)
    )
    factories.person_create("Người Ngoài", unit=tree["sibling"])
    response = client.get(reverse("orgs:person_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [row[0] for row in rows[1:]]
    assert len(names) == 56
    assert "Người Ngoài" not in names
    row = rows[1 + names.index("Trần Thị Ngày")]
    assert row[2].date() == datetime.date(1990, 5, 17)
    assert row[4] == "Phòng Thi đua - Khen thưởng"


def test_person_export_follows_the_search(client, tree):
    login(client, Role.OFFICER, tree["own"])
    factories.person_create("Đặng Thị Hồng", unit=tree["own"])
    factories.person_create("Nguyễn Văn Bình", unit=tree["own"])
    response = client.get(reverse("orgs:person_export"), {"q": "hong"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Đặng Thị Hồng"]


# Detail -----------------------------------------------------------------------------------


def test_person_detail_shows_membership_history_and_households(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create(
        "Nguyễn Văn An",
        unit=tree["own_child"],
        position="Chuyên viên",
        start=datetime.date(2020, 1, 1),
    )
    services.person_move(
        person=person,
        unit=tree["own"],
        position="Trưởng phòng",
        is_head=True,
        start=datetime.date(2024, 3, 1),
        actor=None,
    )
    factories.household_create("Hộ ông An", locality=tree["own"], head=person)
    response = client.get(reverse("orgs:person_detail", args=[person.pk]))
    content = response.content.decode()
    assert "Trưởng phòng" in content and "Chuyên viên" in content
    assert "29/02/2024" in content  # the old membership ended the day before
    assert "01/03/2024" in content
    assert "badge-head" in content
    assert "Hộ ông An" in content
    assert 'class="history"' in content


@pytest.mark.parametrize("unit", ["sibling", "parent", "outside"])
def test_person_detail_outside_scope_gives_404(client, tree, unit):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create(unit=tree[unit])
    assert client.get(reverse("orgs:person_detail", args=[person.pk])).status_code == 404


def test_person_detail_staff_member_sees_own_record_without_change_buttons(client, tree):
    user = login(client, Role.STAFF, tree["own"])
    me = factories.person_create("Nguyễn Văn Tôi", unit=tree["own"])
    Person.objects.filter(pk=me.pk).update(user=user)
    response = client.get(reverse("orgs:person_detail", args=[me.pk]))
    assert "Nguyễn Văn Tôi" in response.content.decode()
    assert 'data-testid="person-actions"' not in response.content.decode()


def test_person_detail_query_count_does_not_grow_with_memberships(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create(unit=tree["own"], start=datetime.date(2020, 1, 1))
    url = reverse("orgs:person_detail", args=[person.pk])
    one = query_count(client, url)
    services.person_move(
        person=person, unit=tree["own_child"], start=datetime.date(2021, 1, 1), actor=None
    )
    services.person_move(
        person=person, unit=tree["own"], start=datetime.date(2022, 1, 1), actor=None
    )
    assert query_count(client, url) <= one + 2  # a longer audit history, not one query per row


# Create, edit, move -----------------------------------------------------------------------


@pytest.mark.parametrize("role", RECORD_WRITERS)
def test_person_create_with_first_membership(client, tree, role):
    user = login(client, role, tree["own"])
    response = client.post(
        reverse("orgs:person_create"),
        {
            "full_name": "Võ Thị Sáu",
            "gender": Gender.FEMALE,
            "birth_date": "15/03/1985",
            "id_number": "001085000123",
            "unit": tree["own_child"].pk,
            "position": "Chuyên viên",
            "is_head": "on",
            "start": "01/01/2025",
        },
    )
    person = Person.objects.get(full_name="Võ Thị Sáu")
    assert response["Location"] == reverse("orgs:person_detail", args=[person.pk])
    assert person.unit == tree["own_child"]
    assert person.birth_date == datetime.date(1985, 3, 15)
    membership = Membership.objects.get(person=person)
    assert (membership.is_head, membership.start) == (True, datetime.date(2025, 1, 1))
    assert person.history.first().history_user == user


def test_person_create_refuses_unit_outside_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    response = client.post(
        reverse("orgs:person_create"),
        {"full_name": "Võ Thị Sáu", "unit": tree["sibling"].pk, "start": "01/01/2025"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert 'value="Võ Thị Sáu"' in response.content.decode()
    assert not Person.objects.filter(full_name="Võ Thị Sáu").exists()


def test_person_create_validates_dates_and_id_number(client, tree):
    login(client, Role.OFFICER, tree["own"])
    response = client.post(
        reverse("orgs:person_create"),
        {
            "full_name": "Võ Thị Sáu",
            "unit": tree["own"].pk,
            "start": "32/01/2025",
            "id_number": "00A",
            "email": "khong-phai-email",
        },
    )
    errors = response.context["form"].errors
    assert {"start", "id_number", "email"} <= set(errors)
    assert not Person.objects.exists()


@pytest.mark.parametrize("role", NOT_RECORD_WRITERS + [Role.STAFF])
def test_person_create_forbidden_without_record_write_role(client, tree, role):
    login(client, role, tree["own"])
    response = client.post(
        reverse("orgs:person_create"),
        {"full_name": "Võ Thị Sáu", "unit": tree["own"].pk, "start": "01/01/2025"},
    )
    assert response.status_code == 403
    assert not Person.objects.exists()


def test_person_edit_saves_the_fields(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create("Nguyen Van A", unit=tree["own"])
    url = reverse("orgs:person_edit", args=[person.pk])
    assert 'value="Nguyen Van A"' in client.get(url).content.decode()
    response = client.post(url, {"full_name": "Nguyễn Văn A", "phone": "0912345678"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.phone) == ("Nguyễn Văn A", "0912345678")
    assert person.unit == tree["own"]


@pytest.mark.parametrize("role", NOT_RECORD_WRITERS)
def test_person_edit_forbidden_to_readers(client, tree, role):
    login(client, role, tree["own"])
    person = factories.person_create("Nguyễn Văn A", unit=tree["own"])
    url = reverse("orgs:person_edit", args=[person.pk])
    assert client.post(url, {"full_name": "Đổi Tên"}).status_code == 403
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn A"
    assert url not in client.get(reverse("orgs:person_detail", args=[person.pk])).content.decode()


def test_person_edit_outside_scope_gives_404(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create("Nguyễn Văn A", unit=tree["sibling"])
    response = client.post(reverse("orgs:person_edit", args=[person.pk]), {"full_name": "X"})
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Văn A"


def test_person_move_ends_the_old_membership(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create(unit=tree["own"], start=datetime.date(2020, 1, 1))
    response = client.post(
        reverse("orgs:person_move", args=[person.pk]),
        {"unit": tree["own_child"].pk, "position": "Phó phòng", "start": "01/07/2025"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.unit, person.position) == (tree["own_child"], "Phó phòng")
    old = Membership.objects.get(person=person, unit=tree["own"])
    assert old.end == datetime.date(2025, 6, 30)


def test_person_move_before_the_current_membership_shows_the_error(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create(unit=tree["own"], start=datetime.date(2020, 1, 1))
    response = client.post(
        reverse("orgs:person_move", args=[person.pk]),
        {"unit": tree["own_child"].pk, "start": "01/07/2019"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    person.refresh_from_db()
    assert person.unit == tree["own"]


def test_person_move_refuses_unit_outside_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create(unit=tree["own"])
    response = client.post(
        reverse("orgs:person_move", args=[person.pk]),
        {"unit": tree["sibling"].pk, "start": "01/07/2025"},
    )
    assert response.context["form"].errors["unit"]
    person.refresh_from_db()
    assert person.unit == tree["own"]


def test_person_move_to_a_closed_unit_is_not_offered(client, tree):
    login(client, Role.OFFICER, tree["own"])
    person = factories.person_create(unit=tree["own"])
    services.unit_dissolve(unit=tree["own_child"], date=datetime.date(2025, 1, 1), actor=None)
    response = client.get(reverse("orgs:person_move", args=[person.pk]))
    assert (
        Unit.objects.get(pk=tree["own_child"].pk)
        not in response.context["form"].fields["unit"].queryset
    )


def test_person_create_form_offers_units_in_record_write_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    response = client.get(reverse("orgs:person_create"))
    assert set(response.context["form"].fields["unit"].queryset) == {tree["own"], tree["own_child"]}
    assert 'placeholder="dd/mm/yyyy"' in response.content.decode()
