"""The plans API: same scope and rules as the pages."""

import datetime
import json

import pytest

from guongsang.orgs.enums import Role
from guongsang.plans.models import Plan
from guongsang.plans.services import plans as services
from tests import factories
from tests.api.conftest import session_client, token_client
from tests.plans.conftest import PLACES, plan_create, staff_user
from tests.plans.test_plans_views import ROLES, _expected_change, _expected_view

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _client(role, tree):
    user = staff_user(tree["own"]) if role == Role.STAFF else None
    return token_client(user or factories.user_with_role(role, tree["own"]))


def _patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
def test_api_plans_permission_matrix(tree, plans, role):
    client = _client(role, tree)
    listed = {row["number"] for row in client.get("/api/plans").json()["items"]}
    assert listed == {p.number for place, p in plans.items() if _expected_view(role, place) == 200}
    for place in PLACES:
        plan = plans[place]
        assert client.get(f"/api/plans/{plan.pk}").status_code == _expected_view(role, place)
        response = _patch(client, f"/api/plans/{plan.pk}", {"title": "Đã sửa"})
        assert response.status_code == _expected_change(role, place), (role, place)
        stage = {"name": "GĐ", "start": "2021-01-01", "end": "2021-12-31"}
        response = _post(client, f"/api/plans/{plan.pk}/stages", stage)
        expected = _expected_change(role, place)
        assert response.status_code == (201 if expected == 200 else expected), (role, place)


def test_api_plan_create_filters_and_detail(tree):
    client = token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    province = plan_create(tree["parent"], number="12065/KH-UBND")
    response = _post(
        client,
        "/api/plans",
        {"number": "3/KH-SNV", "title": "Kế hoạch Sở", "issuer_id": tree["own"].pk,
         "issued_on": "2023-04-05", "start_year": 2023, "end_year": 2025,
         "implements_ids": [province.pk], "bases": ["Chỉ thị 34-CT/TW"]},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["implements_ids"] == [province.pk] and body["bases"] == ["Chỉ thị 34-CT/TW"]
    assert body["issued_on"] == "2023-04-05"
    by_year = client.get("/api/plans", {"year": 2022}).json()["items"]
    assert [row["number"] for row in by_year] == ["12065/KH-UBND"]
    by_issuer = client.get("/api/plans", {"issuer_id": tree["own"].pk}).json()["items"]
    assert [row["number"] for row in by_issuer] == ["3/KH-SNV"]
    applying = client.get("/api/plans", {"applies_to": tree["own_child"].pk}).json()["items"]
    assert {row["number"] for row in applying} == {"3/KH-SNV", "12065/KH-UBND"}
    searched = client.get("/api/plans", {"q": "ke hoach so"}).json()["items"]
    assert [row["number"] for row in searched] == ["3/KH-SNV"]


def test_api_plan_create_outside_scope_is_refused(tree):
    client = token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    response = _post(
        client,
        "/api/plans",
        {"title": "X", "issuer_id": tree["sibling"].pk, "start_year": 2021, "end_year": 2025},
    )
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_api_duplicate_number_is_a_400(tree, plans):
    client = token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    response = _post(
        client,
        "/api/plans",
        {"number": "1/KH-own_child", "title": "Trùng", "issuer_id": tree["own_child"].pk,
         "start_year": 2021, "end_year": 2025},
    )  # fmt: skip
    assert response.status_code == 400
    assert "đã có kế hoạch số 1/KH-own_child" in response.json()["detail"]  # the API speaks vi


def test_api_movement_with_targets_and_quota(tree, plans):
    client = token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    plan = plans["own_child"]
    response = _post(
        client,
        f"/api/plans/{plan.pk}/movements",
        {"name": "Phong trào NTM", "lead_unit_id": tree["own_child"].pk,
         "field_codes": ["nong-thon-moi"],
         "targets": [{"subject_kind": "collective", "minimum": 10},
                     {"subject_kind": "individual", "minimum": 10}]},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    movement = response.json()
    assert {t["subject_kind"]: t["minimum"] for t in movement["targets"]} == {
        "collective": 10,
        "individual": 10,
    }
    response = _patch(
        client,
        f"/api/movements/{movement['id']}",
        {"targets": [{"subject_kind": "household", "minimum": 20}]},
    )
    assert response.json()["targets"] == [{"subject_kind": "household", "minimum": 20, "note": ""}]
    response = _post(
        client,
        f"/api/plans/{plan.pk}/quotas",
        {"title": "Mỗi năm 2", "minimum": 2, "unit_scope": "listed",
         "unit_ids": [tree["own_child"].pk], "recipient_id": tree["own"].pk},
    )  # fmt: skip
    assert response.status_code == 201 and response.json()["unit_ids"] == [tree["own_child"].pk]
    assert response.json()["counts"] == "exemplars"
    response = _post(
        client,
        f"/api/plans/{plan.pk}/quotas",
        {"title": "Mỗi quý 1 tin bài", "minimum": 1, "period": "quarter", "counts": "propagation"},
    )
    assert response.status_code == 201 and response.json()["counts"] == "propagation"
    bad = _post(client, f"/api/plans/{plan.pk}/quotas", {"title": "X", "minimum": 0})
    assert bad.status_code == 422


def test_api_milestones_upcoming_and_overdue(tree, plans):
    plan = plans["own_child"]
    today = datetime.date.today()
    for days, title in ((-3, "quá hạn"), (10, "sắp tới"), (400, "xa")):
        services.milestone_create(
            plan=plan, actor=None, kind="report_due", title=title,
            due_date=today + datetime.timedelta(days=days),
        )  # fmt: skip
    services.milestone_create(
        plan=plans["sibling"], actor=None, kind="report_due", title="không thấy", due_date=today
    )
    client = token_client(factories.user_with_role(Role.OFFICER, tree["own"]))
    titles = lambda **q: [r["title"] for r in client.get("/api/milestones", q).json()["items"]]  # noqa: E731
    assert titles(when="overdue") == ["quá hạn"]
    assert titles(when="upcoming") == ["sắp tới", "xa"]
    assert titles(when="upcoming", days=30) == ["sắp tới"]


def test_api_import_and_export(tree):
    client = token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    bad = _post(client, "/api/plans/import", {"text": "plan: [", "issuer_id": tree["own"].pk})
    assert bad.status_code == 400
    assert bad.json()["errors"][0].startswith("Lỗi cú pháp YAML tại dòng")
    text = (
        "plan:\n  number: 8/KH\n  title: Qua API\n  period: {from: 2023, to: 2025}\n"
        "milestones:\n  - {kind: final_review, title: Tổng kết, due: 31/05/2025}\n"
    )
    dry = _post(
        client, "/api/plans/import", {"text": text, "issuer_id": tree["own"].pk, "dry_run": True}
    )  # noqa: E501
    assert dry.status_code == 200 and not Plan.objects.exists()
    created = _post(client, "/api/plans/import", {"text": text, "issuer_id": tree["own"].pk})
    assert created.status_code == 201
    plan_id = created.json()["plan"]["id"]
    exported = client.get(f"/api/plans/{plan_id}/export")
    assert exported["Content-Type"].startswith("application/yaml")
    assert "due: 2025-05-31" in exported.content.decode()


def test_api_import_needs_a_synthesising_office(tree):
    client = token_client(factories.user_with_role(Role.OFFICER, tree["own"]))
    response = _post(client, "/api/plans/import", {"text": "plan: {}", "issuer_id": tree["own"].pk})
    assert response.status_code == 403


def test_api_fields_are_readable(tree):
    client = session_client(factories.user_with_role(Role.STAFF, tree["own"]))
    codes = [row["code"] for row in client.get("/api/fields").json()]
    assert "nong-thon-moi" in codes and "y-te" in codes
