"""The criteria API: sets with nested criteria, compliance cases, eligibility runs."""

import pytest

from guongsang.orgs.enums import Role
from guongsang.plans.engine import hooks
from guongsang.plans.models import CriteriaSet
from tests import factories
from tests.api.conftest import token_client
from tests.plans.criteria_helpers import criteria_set, rule


@pytest.fixture(autouse=True)
def no_providers():
    with hooks.providers_replaced():
        yield


def test_criteria_set_create_and_refusal(tree):
    api = token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    body = {"name": "Hộ kinh tế giỏi", "subject_kind": "household", "criteria": [
        rule("title_streak", titles=["gia-dinh-van-hoa"], years=3),
        rule("metric_rule", metric="household.annual_income", best_in="locality"),
    ]}  # fmt: skip

    created = api.post("/api/criteria-sets", body, content_type="application/json")
    bad = api.post("/api/criteria-sets", {**body, "criteria": [rule("title_streak", years=3)]},
                   content_type="application/json")  # fmt: skip
    wrong_kind = api.post("/api/criteria-sets", {**body, "subject_kind": "individual"},
                          content_type="application/json")  # fmt: skip

    assert created.status_code == 201
    assert [c["kind"] for c in created.json()["criteria"]] == ["title_streak", "metric_rule"]
    assert bad.status_code == 400 and "“titles”" in bad.json()["detail"]
    assert wrong_kind.status_code == 400 and "2" in wrong_kind.json()["detail"]


def test_builtin_sets_cannot_be_changed_but_by_an_administrator(tree):
    builtin = CriteriaSet.objects.get(code="cstd-co-so")
    synthesis = token_client(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    admin = token_client(factories.user_with_role(Role.ADMIN, tree["parent"]))
    url = f"/api/criteria-sets/{builtin.pk}"

    refused = synthesis.patch(url, {"name": "Khác"}, content_type="application/json")
    allowed = admin.patch(url, {"legal_reference": "Điều 24"}, content_type="application/json")

    assert refused.status_code == 403
    assert allowed.status_code == 200 and allowed.json()["legal_reference"] == "Điều 24"


def test_run_start_status_and_results(tree, django_capture_on_commit_callbacks):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    api = token_client(officer)
    for name in ("Trần Văn Bảo", "Lê Thị An"):
        person = factories.person_create(name, unit=tree["own"])
    factories.title_record_create(person, "cstd-co-so", 2024)
    cset = criteria_set("individual", rule("title_streak", titles=["cstd-co-so"], years=1))

    with django_capture_on_commit_callbacks(execute=True):
        started = api.post("/api/eligibility-runs", {"criteria_set_id": cset.pk, "year": 2024,
                           "unit_id": tree["own"].pk}, content_type="application/json")  # fmt: skip
    outside = api.post("/api/eligibility-runs", {"criteria_set_id": cset.pk, "year": 2024,
                       "unit_id": tree["sibling"].pk}, content_type="application/json")  # fmt: skip
    run_id = started.json()["id"]
    status = api.get(f"/api/eligibility-runs/{run_id}").json()
    eligible = api.get(f"/api/eligibility-runs/{run_id}/results?verdict=eligible").json()
    by_name = api.get(f"/api/eligibility-runs/{run_id}/results?sort=name").json()

    assert started.status_code == 202 and outside.status_code == 400
    assert (status["status"], status["candidates"], status["eligible"]) == ("done", 2, 1)
    assert [r["subject_name"] for r in eligible["items"]] == ["Lê Thị An"]
    assert eligible["items"][0]["reasons"][0]["text"] == (
        "đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2024"
    )
    assert [r["subject_name"] for r in by_name["items"]] == ["Lê Thị An", "Trần Văn Bảo"]


def test_compliance_cases_in_scope_only(tree):
    officer = token_client(factories.user_with_role(Role.OFFICER, tree["own"]))
    mine = factories.person_create(unit=tree["own_child"])
    theirs = factories.person_create(unit=tree["sibling"])

    created = officer.post("/api/compliance-cases", {"kind": "discipline", "person_id": mine.pk,
                           "opened_on": "2024-05-01", "effect_until": "2025-04-30"},
                           content_type="application/json")  # fmt: skip
    refused = officer.post("/api/compliance-cases", {"kind": "complaint", "person_id": theirs.pk,
                           "opened_on": "2024-05-01"}, content_type="application/json")  # fmt: skip
    url = f"/api/compliance-cases/{created.json()['id']}"
    closed = officer.patch(url, {"closed_on": "2024-06-01"}, content_type="application/json")

    assert created.status_code == 201 and created.json()["scope_unit_id"] == tree["own_child"].pk
    assert refused.status_code == 400
    assert closed.json()["closed_on"] == "2024-06-01"
    assert len(officer.get("/api/compliance-cases").json()["items"]) == 1
