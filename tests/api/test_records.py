"""Emulation groups, people, households and title records through the API."""

import pytest

from guongsang.orgs.enums import Role, UnitStatus
from guongsang.orgs.models import Household, Person, Unit
from tests import factories
from tests.api.conftest import token_client

JSON = "application/json"


@pytest.fixture
def officer(tree):
    return token_client(factories.user_with_role(Role.OFFICER, tree["own"]))


@pytest.fixture
def synthesis(tree):
    return token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))


# Emulation groups ---------------------------------------------------------------------------


def test_group_create_with_members(synthesis, tree):
    payload = {
        "name": "Cụm thi đua số 1",
        "kind": "block",
        "organiser_id": tree["own"].pk,
        "member_ids": [tree["own"].pk, tree["own_child"].pk],
        "year": 2025,
    }

    response = synthesis.post("/api/groups", payload, content_type=JSON)

    assert response.status_code == 201
    data = response.json()
    assert (data["organiser_name"], data["kind"], data["year"]) == ("Sở Nội vụ", "block", 2025)
    assert sorted(data["member_ids"]) == sorted(payload["member_ids"])


def test_group_create_with_member_outside_scope_is_400(synthesis, tree):
    payload = {"name": "Cụm", "organiser_id": tree["own"].pk, "member_ids": [tree["outside"].pk]}

    assert synthesis.post("/api/groups", payload, content_type=JSON).status_code == 400


def test_group_update_members_and_filters(synthesis, tree):
    group = synthesis.post(
        "/api/groups", {"name": "Khối Sở", "organiser_id": tree["own"].pk}, content_type=JSON
    ).json()

    response = synthesis.patch(
        f"/api/groups/{group['id']}", {"member_ids": [tree["own_child"].pk]}, content_type=JSON
    )

    assert response.json()["member_ids"] == [tree["own_child"].pk]
    assert [g["name"] for g in synthesis.get("/api/groups", {"q": "khoi so"}).json()["items"]] == [
        "Khối Sở"
    ]
    assert synthesis.get("/api/groups", {"kind": "block"}).json()["count"] == 0


# People ------------------------------------------------------------------------------------


def test_person_create_with_membership(officer, tree):
    payload = {
        "full_name": "Trần Thị Hòa",
        "unit_id": tree["own_child"].pk,
        "gender": "female",
        "birth_date": "1990-05-17",
        "position": "Chuyên viên",
        "start": "2024-01-01",
    }

    response = officer.post("/api/people", payload, content_type=JSON)

    assert response.status_code == 201
    data = response.json()
    assert data["birth_date"] == "1990-05-17"
    assert (data["unit_id"], data["unit_name"], data["position"]) == (
        tree["own_child"].pk,
        "Phòng Thi đua - Khen thưởng",
        "Chuyên viên",
    )
    assert Person.objects.get(pk=data["id"]).memberships.get().start.isoformat() == "2024-01-01"


def test_person_create_without_unit_is_400_for_officer(officer):
    response = officer.post("/api/people", {"full_name": "Lê Văn Dân"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_person_create_invalid_date_is_422(officer, tree):
    payload = {"full_name": "Lê Văn Dân", "unit_id": tree["own"].pk, "birth_date": "2024-02-30"}

    response = officer.post("/api/people", payload, content_type=JSON)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "birth_date"


def test_person_update_and_search(officer, tree):
    person = factories.person_create("Nguyễn Văn An", unit=tree["own"])

    officer.patch(
        f"/api/people/{person.pk}", {"full_name": "Nguyễn Thị Khánh Hòa"}, content_type=JSON
    )

    found = officer.get("/api/people", {"q": "khanh hoa"}).json()["items"]
    assert [p["full_name"] for p in found] == ["Nguyễn Thị Khánh Hòa"]


def test_person_list_in_vietnamese_order_by_given_name(officer, tree):
    for name in ["Trần Văn Đức", "Lê Thị Dung", "Nguyễn Văn Bình", "Phạm Thị Ánh"]:
        factories.person_create(name, unit=tree["own_child"])

    found = officer.get("/api/people", {"unit": tree["own_child"].pk}).json()["items"]

    assert [p["full_name"] for p in found] == [
        "Phạm Thị Ánh",
        "Nguyễn Văn Bình",
        "Lê Thị Dung",
        "Trần Văn Đức",
    ]


def test_person_move_to_another_unit(officer, tree):
    person = factories.person_create("Nguyễn Văn An", unit=tree["own"])
    payload = {
        "unit_id": tree["own_child"].pk,
        "position": "Trưởng phòng",
        "is_head": True,
        "start": "2025-03-01",
    }

    response = officer.post(f"/api/people/{person.pk}/move", payload, content_type=JSON)

    assert response.status_code == 200
    assert (response.json()["unit_id"], response.json()["position"]) == (
        tree["own_child"].pk,
        "Trưởng phòng",
    )


def test_person_move_out_of_scope_is_400(officer, tree):
    person = factories.person_create("Nguyễn Văn An", unit=tree["own"])

    response = officer.post(
        f"/api/people/{person.pk}/move", {"unit_id": tree["sibling"].pk}, content_type=JSON
    )

    assert response.status_code == 400
    assert Person.objects.get(pk=person.pk).unit == tree["own"]


def test_person_move_before_current_membership_is_400(officer, tree):
    person = factories.person_create("Nguyễn Văn An", unit=tree["own"], start=None)
    payload = {"unit_id": tree["own_child"].pk, "start": "2000-01-01"}

    response = officer.post(f"/api/people/{person.pk}/move", payload, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"]


# Households --------------------------------------------------------------------------------


def test_household_create_with_new_head(officer, tree):
    payload = {
        "name": "Hộ ông Nguyễn Văn Tư",
        "head_full_name": "Nguyễn Văn Tư",
        "locality_id": tree["own_child"].pk,
        "annual_income": 120000000,
    }

    response = officer.post("/api/households", payload, content_type=JSON)

    assert response.status_code == 201
    data = response.json()
    assert (data["head_name"], data["locality_name"], data["annual_income"]) == (
        "Nguyễn Văn Tư",
        "Phòng Thi đua - Khen thưởng",
        120000000,
    )
    assert Household.objects.get(pk=data["id"]).memberships.get().person_id == data["head_id"]


def test_household_create_in_closed_locality_keeps_no_new_head(officer, tree):
    Unit.objects.filter(pk=tree["own_child"].pk).update(status=UnitStatus.DISSOLVED)
    payload = {
        "name": "Hộ bà Năm",
        "head_full_name": "Võ Thị Năm",
        "locality_id": tree["own_child"].pk,
    }

    response = officer.post("/api/households", payload, content_type=JSON)

    assert response.status_code == 400
    assert "Phòng Thi đua - Khen thưởng" in response.json()["detail"]
    assert not Person.objects.filter(full_name="Võ Thị Năm").exists()


def test_household_create_needs_exactly_one_head(officer, tree):
    person = factories.person_create(unit=tree["own"])
    both = {
        "name": "Hộ",
        "locality_id": tree["own"].pk,
        "head_id": person.pk,
        "head_full_name": "A",
    }
    neither = {"name": "Hộ", "locality_id": tree["own"].pk}

    assert officer.post("/api/households", both, content_type=JSON).status_code == 400
    assert officer.post("/api/households", neither, content_type=JSON).status_code == 400


def test_household_update_head_and_locality(officer, tree):
    head = factories.person_create("Lê Văn Cả", unit=tree["own"])
    household = factories.household_create("Hộ ông Cả", locality=tree["own"], head=head)
    new_head = factories.person_create("Lê Thị Hai", unit=tree["own"])

    response = officer.patch(
        f"/api/households/{household.pk}",
        {"head_id": new_head.pk, "locality_id": tree["own_child"].pk},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert (response.json()["head_name"], response.json()["locality_id"]) == (
        "Lê Thị Hai",
        tree["own_child"].pk,
    )


def test_household_move_out_of_scope_is_400(officer, tree):
    household = factories.household_create("Hộ ông Cả", locality=tree["own"])

    response = officer.patch(
        f"/api/households/{household.pk}", {"locality_id": tree["outside"].pk}, content_type=JSON
    )

    assert response.status_code == 400


# Titles and title records ------------------------------------------------------------------


def test_title_catalogue_filters(officer):
    response = officer.get("/api/titles", {"subject_kind": "household", "limit": 500})

    codes = {t["code"] for t in response.json()["items"]}
    assert "gia-dinh-van-hoa" in codes
    assert "lao-dong-tien-tien" not in codes
    found = officer.get("/api/titles", {"q": "lao dong tien tien"}).json()["items"]
    assert "lao-dong-tien-tien" in {t["code"] for t in found}


def test_title_record_create_and_update(officer, tree):
    person = factories.person_create("Nguyễn Văn An", unit=tree["own_child"])
    payload = {
        "title": "cstd-co-so",
        "year": 2024,
        "person_id": person.pk,
        "decision_number": "123/QĐ-UBND",
        "decision_date": "2025-01-15",
    }

    created = officer.post("/api/title-records", payload, content_type=JSON)

    assert created.status_code == 201
    data = created.json()
    assert (data["subject_kind"], data["subject_name"], data["decision_date"]) == (
        "individual",
        "Nguyễn Văn An",
        "2025-01-15",
    )
    assert data["scope_unit_id"] == tree["own_child"].pk

    updated = officer.patch(
        f"/api/title-records/{data['id']}",
        {"title": "lao-dong-tien-tien", "decision_date": None},
        content_type=JSON,
    )
    assert (updated.json()["title"], updated.json()["decision_date"]) == (
        "lao-dong-tien-tien",
        None,
    )


def test_title_record_duplicate_is_400_with_message(officer, tree):
    person = factories.person_create("Nguyễn Văn An", unit=tree["own"])
    factories.title_record_create(person, "cstd-co-so", 2024)
    payload = {"title": "cstd-co-so", "year": 2024, "person_id": person.pk}

    response = officer.post("/api/title-records", payload, content_type=JSON)

    assert response.status_code == 400
    assert "Nguyễn Văn An" in response.json()["detail"]


def test_title_record_wrong_subject_kind_is_400(officer, tree):
    payload = {"title": "cstd-co-so", "year": 2024, "unit_id": tree["own_child"].pk}

    assert officer.post("/api/title-records", payload, content_type=JSON).status_code == 400


def test_title_record_needs_one_subject(officer, tree):
    person = factories.person_create(unit=tree["own"])
    two = {"title": "cstd-co-so", "year": 2024, "person_id": person.pk, "unit_id": tree["own"].pk}
    none = {"title": "cstd-co-so", "year": 2024}

    assert officer.post("/api/title-records", two, content_type=JSON).status_code == 400
    assert officer.post("/api/title-records", none, content_type=JSON).status_code == 400


def test_title_record_unknown_title_is_400(officer, tree):
    person = factories.person_create(unit=tree["own"])
    payload = {"title": "no-such-title", "year": 2024, "person_id": person.pk}

    response = officer.post("/api/title-records", payload, content_type=JSON)

    assert response.status_code == 400
    assert "no-such-title" in response.json()["detail"]
    assert officer.get("/api/title-records", {"title": "no-such-title"}).status_code == 400


def test_title_record_filters(officer, world):
    own_person = world["people"]["own"]
    factories.title_record_create(own_person, "cstd-co-so", 2023)

    def ids(**params):
        return sorted(r["id"] for r in officer.get("/api/title-records", params).json()["items"])

    records = world["records"]
    assert ids(year=2023) == [own_person.title_records.get(year=2023).pk]
    assert ids(title="gia-dinh-van-hoa") == sorted(
        [records["own"][2].pk, records["own_child"][2].pk]
    )
    assert ids(subject_kind="collective") == sorted(
        [records["own"][0].pk, records["own_child"][0].pk]
    )
    assert ids(unit=world["units"]["own_child"].pk) == sorted(r.pk for r in records["own_child"])
    assert ids(q="nguyen van own_child", year=2024) == [records["own_child"][1].pk]
    assert ids(q="ho own_child") == [records["own_child"][2].pk]
