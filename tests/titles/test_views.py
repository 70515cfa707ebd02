import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.orgs.enums import Role
from guongsang.titles.enums import TitleKind
from guongsang.titles.models import Title, TitleRecord
from tests import factories
from tests.titles.conftest import login


@pytest.fixture
def records(tree):
    """One record in the officer's unit, one under it, one in a sibling unit."""
    own = factories.person_create("Trần Thị Bình", unit=tree["own"], id_number="001190000001")
    child = factories.person_create("Lê Văn Cường", unit=tree["own_child"])
    sibling = factories.person_create("Đỗ Văn Sinh", unit=tree["sibling"])
    return {
        "own": factories.title_record_create(
            own,
            "lao-dong-tien-tien",
            2024,
            decision_number="12/QĐ",
            decision_date=datetime.date(2025, 1, 15),
        ),
        "child": factories.title_record_create(child, "cstd-co-so", 2023),
        "sibling": factories.title_record_create(sibling, "lao-dong-tien-tien", 2024),
    }


# The title catalogue


def test_title_list_groups_the_catalogue_by_kind(client, tree):
    login(client, factories.user_with_role(Role.STAFF, tree["own"]))

    response = client.get(reverse("titles:title_list"))

    html = response.content.decode()
    assert "Chiến sĩ thi đua cơ sở" in html and "Gia đình văn hóa" in html
    labels = [label for label, titles in response.context["groups"]]
    assert labels == [label for _kind, label in TitleKind.choices]
    assert html.count("<h2") == 3
    assert "06/2022/QH15" in html and "×" in html
    assert reverse("titles:title_create") not in html


def test_title_detail_shows_the_audit_history(client, tree):
    admin = factories.user_with_role(Role.ADMIN, tree["parent"])
    title = Title.objects.get(code="cstd-co-so")
    login(client, admin)

    client.post(
        reverse("titles:title_edit", args=[title.pk]),
        {
            "code": "cstd-co-so",
            "name": "Chiến sĩ thi đua cơ sở",
            "kind": "title",
            "subject_kind": "individual",
            "level": "unit",
            "rank": 61,
            "money_multiple": "1.2",
            "requires_vote": "on",
            "vote_threshold_percent": 80,
            "is_active": "on",
        },
    )
    response = client.get(reverse("titles:title_detail", args=[title.pk]))

    title.refresh_from_db()
    assert (title.rank, str(title.money_multiple)) == (61, "1.20")
    entries = response.context["title_obj"].history.order_by("-history_date")
    assert entries[0].history_user == admin
    assert "history-heading" in response.content.decode()


def test_title_create_is_for_administrators_only(client, tree):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    login(client, officer)
    data = {
        "code": "giay-khen-so",
        "name": "Giấy khen của Giám đốc Sở",
        "kind": "award_form",
        "subject_kind": "individual",
        "level": "sector",
        "rank": 35,
    }

    assert client.post(reverse("titles:title_create"), data).status_code == 403
    assert client.get(reverse("titles:title_edit", args=[1])).status_code == 403
    login(client, factories.user_with_role(Role.ADMIN, tree["parent"]))
    response = client.post(reverse("titles:title_create"), data)

    title = Title.objects.get(code="giay-khen-so")
    assert response.url == reverse("titles:title_detail", args=[title.pk])
    assert title.name_sort and title.search_text == "giay khen cua giam doc so | giay-khen-so"


def test_title_create_keeps_the_input_on_error(client, tree):
    login(client, factories.user_with_role(Role.ADMIN, tree["parent"]))
    data = {
        "code": "cstd-co-so",
        "name": "Trùng mã",
        "kind": "title",
        "subject_kind": "individual",
        "level": "unit",
        "rank": 1,
        "requires_vote": "on",
    }

    response = client.post(reverse("titles:title_create"), data)

    form = response.context["form"]
    assert set(form.errors) == {"code", "vote_threshold_percent"}
    assert 'value="Trùng mã"' in response.content.decode()


# Title records


def test_record_list_shows_only_the_scope(client, tree, records):
    login(client, factories.user_with_role(Role.OFFICER, tree["own"]))

    response = client.get(reverse("titles:record_list"))

    shown = list(response.context["page_obj"])
    assert shown == [records["own"], records["child"]]
    html = response.content.decode()
    assert "Trần Thị Bình" in html and "Đỗ Văn Sinh" not in html
    assert "15/01/2025" in html


def test_record_list_filters_and_searches_without_diacritics(client, tree, records):
    login(client, factories.user_with_role(Role.SYNTHESIS, tree["parent"]))
    url = reverse("titles:record_list")
    title = Title.objects.get(code="lao-dong-tien-tien")

    def shown(**params):
        return list(client.get(url, params).context["page_obj"])

    assert shown(q="tran thi binh") == [records["own"]]
    assert shown(year=2023) == [records["child"]]
    assert shown(title=title.pk) == [records["own"], records["sibling"]]
    assert shown(unit=tree["sibling"].pk) == [records["sibling"]]
    assert shown(subject_kind="collective") == []
    assert shown(unit=tree["own"].pk, year=2024) == [records["own"]]


def test_staff_member_sees_only_their_own_records(client, tree, records):
    staff = factories.user_with_role(Role.STAFF, tree["own"])
    person = records["child"].person
    person.user = staff
    person.save()
    login(client, staff)

    response = client.get(reverse("titles:record_list"))

    assert list(response.context["page_obj"]) == [records["child"]]
    assert (
        client.get(reverse("titles:record_detail", args=[records["child"].pk])).status_code == 200
    )
    assert client.get(reverse("titles:record_detail", args=[records["own"].pk])).status_code == 404
    assert client.get(reverse("titles:record_create")).status_code == 403


def test_record_detail_outside_scope_is_not_found(client, tree, records):
    login(client, factories.user_with_role(Role.OFFICER, tree["own"]))

    assert (
        client.get(reverse("titles:record_detail", args=[records["sibling"].pk])).status_code == 404
    )
    assert (
        client.get(reverse("titles:record_edit", args=[records["sibling"].pk])).status_code == 404
    )
    response = client.get(reverse("titles:record_detail", args=[records["own"].pk]))
    html = response.content.decode()
    assert "12/QĐ" in html and "15/01/2025" in html and "history-heading" in html
    assert reverse("titles:record_edit", args=[records["own"].pk]) in html


def test_record_edit_needs_write_scope(client, tree, records):
    login(client, factories.user_with_role(Role.HEAD, tree["own"]))

    assert client.get(reverse("titles:record_detail", args=[records["own"].pk])).status_code == 200
    assert client.get(reverse("titles:record_edit", args=[records["own"].pk])).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_record_list_query_count_does_not_grow(client, tree, count, django_assert_num_queries):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    for _ in range(count):
        person = factories.person_create(unit=tree["own_child"])
        factories.household_create(locality=tree["own"])
        factories.title_record_create(person, "lao-dong-tien-tien", 2024)
        factories.title_record_create(tree["own_child"], "tap-the-lao-dong-tien-tien", 2020 + _)
    for household in factories.Household.objects.all():
        factories.title_record_create(household, "gia-dinh-van-hoa", 2024)
    login(client, officer)

    with django_assert_num_queries(7):
        response = client.get(reverse("titles:record_list"), {"q": "", "year": ""})

    assert len(response.context["page_obj"]) == 3 * count


def test_record_create_grants_through_the_service(client, tree):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    person = factories.person_create(
        "Trần Thị Bình", unit=tree["own_child"], id_number="001190000001"
    )
    login(client, officer)
    title = Title.objects.get(code="lao-dong-tien-tien")

    response = client.post(
        reverse("titles:record_create"),
        {
            "subject_kind": "individual",
            "person": "001190000001",
            "title": title.pk,
            "year": 2024,
            "nature": "regular",
            "decision_number": "5/QĐ",
            "decision_date": "20/01/2025",
            "issuer": "Sở Nội vụ",
        },
    )

    record = TitleRecord.objects.get()
    assert response.url == reverse("titles:record_detail", args=[record.pk])
    assert (record.person, record.scope_unit, record.decision_date) == (
        person,
        tree["own_child"],
        datetime.date(2025, 1, 15).replace(day=20),
    )
    assert record.history.get().history_user == officer


def test_record_create_shows_the_domain_error_and_keeps_input(client, tree):
    login(client, factories.user_with_role(Role.OFFICER, tree["own"]))
    person = factories.person_create("Trần Thị Bình", unit=tree["own"])
    factories.title_record_create(person, "lao-dong-tien-tien", 2024)
    title = Title.objects.get(code="lao-dong-tien-tien")

    response = client.post(
        reverse("titles:record_create"),
        {
            "subject_kind": "individual",
            "person": str(person.pk),
            "title": title.pk,
            "year": 2024,
            "nature": "regular",
            "decision_number": "99/QĐ",
        },
    )

    assert response.status_code == 200
    assert "Trần Thị Bình" in response.context["form"].non_field_errors()[0]
    assert 'value="99/QĐ"' in response.content.decode()
    assert TitleRecord.objects.count() == 1


def test_record_create_refuses_subjects_outside_scope_and_wrong_titles(client, tree):
    login(client, factories.user_with_role(Role.OFFICER, tree["own"]))
    outsider = factories.person_create(unit=tree["sibling"])
    collective_title = Title.objects.get(code="tap-the-lao-dong-xuat-sac")

    response = client.post(
        reverse("titles:record_create"),
        {
            "subject_kind": "individual",
            "person": str(outsider.pk),
            "unit": str(tree["own"].pk),
            "title": collective_title.pk,
            "year": 2024,
            "nature": "regular",
        },
    )

    assert set(response.context["form"].errors) == {"person"}
    response = client.post(
        reverse("titles:record_create"),
        {
            "subject_kind": "collective",
            "unit": str(tree["own"].pk),
            "title": Title.objects.get(code="cstd-co-so").pk,
            "year": 2024,
            "nature": "regular",
        },
    )
    assert set(response.context["form"].errors) == {"title"}
    assert not TitleRecord.objects.exists()


def test_record_edit_updates_through_the_service(client, tree, records):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    login(client, officer)
    record = records["own"]

    response = client.post(
        reverse("titles:record_edit", args=[record.pk]),
        {
            "title": record.title_id,
            "year": 2024,
            "nature": "thematic",
            "decision_number": "13/QĐ",
            "decision_date": "16/01/2025",
            "issuer": "UBND tỉnh",
        },
    )

    record.refresh_from_db()
    assert response.url == reverse("titles:record_detail", args=[record.pk])
    assert (record.nature, record.decision_number, record.issuer) == (
        "thematic",
        "13/QĐ",
        "UBND tỉnh",
    )
    assert record.history.order_by("-history_date")[0].history_user == officer


def test_record_export_has_the_filtered_scope(client, tree, records):
    login(client, factories.user_with_role(Role.OFFICER, tree["own"]))

    response = client.get(reverse("titles:record_export"), {"year": 2024})

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Loại đối tượng", "Mã đối tượng", "Tên đối tượng")
    assert [row[:6] for row in rows[1:]] == [
        (
            "Cá nhân",
            "001190000001",
            "Trần Thị Bình",
            "lao-dong-tien-tien",
            "Lao động tiên tiến",
            2024,
        )
    ]
    assert rows[1][-1] == "Sở Nội vụ"
