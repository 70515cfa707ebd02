import datetime

import pytest

from guongsang.orgs.enums import Role, UnitKind, UnitStatus
from guongsang.orgs.models import Unit
from tests import factories
from tests.api.conftest import token_client

JSON = "application/json"


@pytest.fixture
def synthesis(tree):
    return token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))


@pytest.fixture
def admin(tree):
    return token_client(factories.user_with_role(Role.ADMIN, tree["outside"]))


def test_unit_detail_json_uses_iso_dates(synthesis, tree):
    unit = factories.unit_create(
        "Phòng Hành chính", parent=tree["own"], valid_from=datetime.date(2025, 7, 1)
    )

    data = synthesis.get(f"/api/units/{unit.pk}").json()

    assert data["valid_from"] == "2025-07-01"
    assert data["parent_id"] == tree["own"].pk
    assert data["kind"] == "department"
    assert data["status"] == "active"


def test_unit_create_under_parent(synthesis, tree):
    payload = {
        "parent_id": tree["own"].pk,
        "name": " Phòng Tổ chức ",
        "kind": "division",
        "valid_from": "2025-01-01",
    }

    response = synthesis.post("/api/units", payload, content_type=JSON)

    assert response.status_code == 201
    data = response.json()
    assert (data["name"], data["kind"], data["depth"]) == ("Phòng Tổ chức", "division", 3)
    unit = Unit.objects.get(pk=data["id"])
    assert Unit.objects.get_parent(unit) == tree["own"]
    assert unit.history.latest().history_user is not None


def test_unit_create_without_parent_needs_admin(synthesis, admin):
    assert synthesis.post("/api/units", {"name": "Bộ mới"}, content_type=JSON).status_code == 403
    response = admin.post("/api/units", {"name": "Bộ mới"}, content_type=JSON)
    assert response.status_code == 201
    assert response.json()["parent_id"] is None


def test_unit_create_unknown_parent_is_400(synthesis):
    response = synthesis.post("/api/units", {"parent_id": 999999, "name": "X"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_unit_create_missing_name_is_422(synthesis, tree):
    response = synthesis.post("/api/units", {"parent_id": tree["own"].pk}, content_type=JSON)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "name"


def test_unit_update_changes_fields(synthesis, tree):
    url = f"/api/units/{tree['own_child'].pk}"

    response = synthesis.patch(url, {"code": "TĐKT", "valid_to": None}, content_type=JSON)

    assert response.status_code == 200
    assert response.json()["code"] == "TĐKT"
    assert response.json()["name"] == "Phòng Thi đua - Khen thưởng"


def test_unit_update_end_before_start_is_400(synthesis, tree):
    payload = {"valid_from": "2025-01-01", "valid_to": "2024-01-01"}

    response = synthesis.patch(f"/api/units/{tree['own_child'].pk}", payload, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_unit_children_lists_active_children(synthesis, tree):
    closed = factories.unit_create("Phòng cũ", parent=tree["own"])
    Unit.objects.filter(pk=closed.pk).update(status=UnitStatus.DISSOLVED)

    active = synthesis.get(f"/api/units/{tree['own'].pk}/children").json()
    every = synthesis.get(f"/api/units/{tree['own'].pk}/children?include_closed=1").json()

    assert [u["name"] for u in active["items"]] == ["Phòng Thi đua - Khen thưởng"]
    assert [u["name"] for u in every["items"]] == ["Phòng cũ", "Phòng Thi đua - Khen thưởng"]


def test_unit_move_under_another_unit(synthesis, tree):
    target = factories.unit_create("Phòng Tổ chức", parent=tree["own"])

    response = synthesis.post(
        f"/api/units/{tree['own_child'].pk}/move", {"parent_id": target.pk}, content_type=JSON
    )

    assert response.status_code == 200
    assert response.json()["parent_id"] == target.pk
    assert response.json()["depth"] == 4


def test_unit_move_into_own_subtree_is_400_with_message(admin, tree):
    url = f"/api/units/{tree['own'].pk}/move"

    response = admin.post(url, {"parent_id": tree["own_child"].pk}, content_type=JSON)

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "Sở Nội vụ" in detail and "Phòng Thi đua - Khen thưởng" in detail
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree["own"].pk)) == tree["parent"]


def test_unit_move_out_of_scope_is_400(synthesis, tree):
    url = f"/api/units/{tree['own_child'].pk}/move"

    response = synthesis.post(url, {"parent_id": tree["sibling"].pk}, content_type=JSON)

    assert response.status_code == 400
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree["own_child"].pk)) == tree["own"]


def test_unit_rename_keeps_former_name_searchable(synthesis, tree):
    url = f"/api/units/{tree['own_child'].pk}/rename"

    response = synthesis.post(
        url, {"name": "Phòng Thi đua", "date": "2025-06-30"}, content_type=JSON
    )

    assert response.json()["name"] == "Phòng Thi đua"
    found = synthesis.get("/api/units", {"q": "khen thuong"}).json()["items"]
    assert [u["name"] for u in found] == ["Phòng Thi đua"]


def test_unit_rename_same_name_is_400(synthesis, tree):
    url = f"/api/units/{tree['own_child'].pk}/rename"

    response = synthesis.post(url, {"name": "Phòng Thi đua - Khen thưởng"}, content_type=JSON)

    assert response.status_code == 400


def test_unit_merge_creates_successor(synthesis, tree):
    second = factories.unit_create("Phòng Tổ chức", parent=tree["own"], kind=UnitKind.DIVISION)
    payload = {
        "unit_ids": [tree["own_child"].pk, second.pk],
        "name": "Phòng Tổ chức - Thi đua",
        "date": "2025-07-01",
    }

    response = synthesis.post("/api/units/merge", payload, content_type=JSON)

    assert response.status_code == 201
    assert response.json()["parent_id"] == tree["own"].pk
    assert set(
        Unit.objects.filter(pk__in=payload["unit_ids"]).values_list("status", flat=True)
    ) == {UnitStatus.MERGED}


def test_unit_merge_of_one_unit_is_422(synthesis, tree):
    payload = {"unit_ids": [tree["own_child"].pk], "name": "X", "date": "2025-07-01"}

    assert synthesis.post("/api/units/merge", payload, content_type=JSON).status_code == 422


def test_unit_merge_outside_scope_is_400(synthesis, tree):
    payload = {
        "unit_ids": [tree["own_child"].pk, tree["sibling"].pk],
        "name": "X",
        "date": "2025-07-01",
    }

    assert synthesis.post("/api/units/merge", payload, content_type=JSON).status_code == 400
    assert Unit.objects.get(pk=tree["own_child"].pk).status == UnitStatus.ACTIVE


def test_unit_split_into_new_units(synthesis, tree):
    payload = {
        "names": ["Phòng Thi đua", "Phòng Khen thưởng"],
        "date": "2025-07-01",
        "receiver_index": 1,
    }

    response = synthesis.post(
        f"/api/units/{tree['own_child'].pk}/split", payload, content_type=JSON
    )

    assert response.status_code == 201
    assert sorted(u["name"] for u in response.json()) == ["Phòng Khen thưởng", "Phòng Thi đua"]
    assert Unit.objects.get(pk=tree["own_child"].pk).status == UnitStatus.SPLIT


def test_unit_split_own_unit_needs_rights_on_parent(synthesis, tree):
    payload = {"names": ["A", "B"], "date": "2025-07-01"}

    response = synthesis.post(f"/api/units/{tree['own'].pk}/split", payload, content_type=JSON)

    assert response.status_code == 403


def test_unit_dissolve_with_invalid_date_is_422(synthesis, tree):
    url = f"/api/units/{tree['own_child'].pk}/dissolve"

    response = synthesis.post(url, {"date": "31/12/2025"}, content_type=JSON)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "date"


def test_unit_dissolve_with_active_children_is_400(synthesis, tree):
    url = f"/api/units/{tree['own'].pk}/dissolve"

    response = synthesis.post(url, {"date": "2025-12-31"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_unit_dissolve(synthesis, tree):
    url = f"/api/units/{tree['own_child'].pk}/dissolve"

    response = synthesis.post(url, {"date": "2025-12-31", "reason": "Sắp xếp"}, content_type=JSON)

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["valid_to"]) == ("dissolved", "2025-12-31")


# Lists: order, filters, pagination ----------------------------------------------------------


def test_unit_list_in_vietnamese_order(synthesis, tree):
    for name in ["Đội B", "Dân A", "Ấp C", "An D", "Bình E"]:
        factories.unit_create(name, parent=tree["own_child"])

    response = synthesis.get("/api/units", {"unit": tree["own_child"].pk})

    names = [u["name"] for u in response.json()["items"]]
    assert names == ["An D", "Ấp C", "Bình E", "Dân A", "Đội B", "Phòng Thi đua - Khen thưởng"]


def test_unit_list_search_is_diacritic_insensitive(admin, tree):
    response = admin.get("/api/units", {"q": "khanh hoa"})

    assert [u["name"] for u in response.json()["items"]] == ["UBND tỉnh Khánh Hòa"]


def test_unit_list_filters_kind_and_status(synthesis, tree):
    closed = factories.unit_create("Phòng cũ", parent=tree["own"], kind=UnitKind.DIVISION)
    Unit.objects.filter(pk=closed.pk).update(status=UnitStatus.DISSOLVED)

    divisions = synthesis.get("/api/units", {"kind": "division"}).json()["items"]
    dissolved = synthesis.get("/api/units", {"status": "dissolved"}).json()["items"]

    assert [u["name"] for u in divisions] == ["Phòng cũ", "Phòng Thi đua - Khen thưởng"]
    assert [u["name"] for u in dissolved] == ["Phòng cũ"]
    assert synthesis.get("/api/units", {"kind": "planet"}).status_code == 422


def test_unit_list_filter_by_unit_outside_scope_is_400(synthesis, tree):
    assert synthesis.get("/api/units", {"unit": tree["sibling"].pk}).status_code == 400


def test_unit_list_pagination(synthesis, tree):
    for i in range(5):
        factories.unit_create(f"Tổ {i}", parent=tree["own_child"])

    page = synthesis.get("/api/units", {"unit": tree["own_child"].pk, "limit": 2, "offset": 2})

    assert page.json()["count"] == 6
    assert [u["name"] for u in page.json()["items"]] == ["Tổ 1", "Tổ 2"]


def test_unit_list_page_size_at_most_500(synthesis):
    assert synthesis.get("/api/units", {"limit": 500}).status_code == 200
    assert synthesis.get("/api/units", {"limit": 501}).status_code == 422
    assert synthesis.get("/api/units", {"limit": 0}).status_code == 422
