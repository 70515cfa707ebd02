"""GET /api/plans/{id}/dashboard: the page's figures, in the caller's scope, ISO dates."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guongsang.exemplars.enums import ExemplarStatus
from guongsang.orgs.enums import Role
from guongsang.plans.enums import MilestoneKind, QuotaPeriod
from guongsang.plans.models import Milestone, Movement, Quota, QuotaUnits, Target
from tests import factories
from tests.api.conftest import session_client, token_client
from tests.exemplars.test_dashboard import TODAY, exemplar_create, plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tree):
    """A province plan: a movement with targets, a yearly quota over the departments, a
    quarterly one over a listed unit, and milestones overdue, upcoming and far away."""
    plan = plan_create(tree["parent"], number="12065/KH-UBND")
    movement = Movement.objects.create(plan=plan, name="Học tập và làm theo", lead_unit=tree["own"])
    Target.objects.create(movement=movement, subject_kind="collective", minimum=2)
    Target.objects.create(movement=movement, subject_kind="individual", minimum=4)
    Quota.objects.create(plan=plan, title="Mỗi Sở 01 điển hình/năm", due_offset_days=15)
    quarterly = Quota.objects.create(
        plan=plan, title="Hằng quý", period=QuotaPeriod.QUARTER, unit_scope=QuotaUnits.LISTED,
        requires_summary=False,
    )  # fmt: skip
    quarterly.units.set([tree["own_child"], tree["sibling"]])
    for days, title in ((-20, "Báo cáo sơ kết"), (30, "Hội nghị biểu dương"), (200, "Tổng kết")):
        milestone = Milestone.objects.create(
            plan=plan, kind=MilestoneKind.REPORT_DUE, title=title,
            due_date=TODAY + datetime.timedelta(days=days),
        )  # fmt: skip
        milestone.responsible_units.set([tree["own"], tree["sibling"]])
    for unit, kind, status, year, day in [
        ("own_child", "collective", ExemplarStatus.RECOGNISED, 2024, (2024, 2, 1)),
        ("own_child", "individual", ExemplarStatus.NURTURING, 2024, (2024, 5, 1)),
        ("sibling", "individual", ExemplarStatus.PROPOSED, 2025, (2025, 1, 5)),
        ("sibling", "individual", ExemplarStatus.WITHDRAWN, 2024, (2024, 3, 1)),
    ]:
        exemplar_create(
            plan, tree[unit], kind=kind, status=status, year=year, movement=movement,
            registered_at=datetime.date(*day),
        )  # fmt: skip
    return plan


def _page_as_api(figures) -> dict:
    """The page's context figures in the API's shape."""
    return {
        "today": figures.today.isoformat(),
        "movements": [
            [(k.subject_kind, k.target, k.counts, k.shortfall) for k in item.kinds]
            for item in figures.movements
        ],
        "quotas": [
            [
                (r.unit.pk, r.period.key, r.due_date.isoformat(), r.count, r.state, r.shortfall)
                for r in quota.rows
            ]
            for quota in figures.quotas
        ],
        "milestones": {
            key: [m.title for m in getattr(figures, key)] for key in ("upcoming", "overdue")
        },
    }


def _api_summary(data) -> dict:
    return {
        "today": data["today"],
        "movements": [
            [(k["subject_kind"], k["target"], k["counts"], k["shortfall"]) for k in m["targets"]]
            for m in data["movements"]
        ],
        "quotas": [
            [
                (r["unit_id"], r["period"], r["due_date"], r["count"], r["state"], r["shortfall"])
                for r in quota["rows"]
            ]
            for quota in data["quotas"]
        ],
        "milestones": {
            key: [m["title"] for m in data["milestones"][key]] for key in ("upcoming", "overdue")
        },
    }


@pytest.mark.parametrize(("role", "unit"), [(Role.SYNTHESIS, "parent"), (Role.OFFICER, "own")])
def test_api_equals_page_figures(client, tree, plan, role, unit):
    user = factories.user_with_role(role, tree[unit])
    client.force_login(user)

    page = client.get(reverse("dashboard:plan_dashboard", args=[plan.pk]), {"on": "01/06/2025"})
    response = token_client(user).get(f"/api/plans/{plan.pk}/dashboard", {"on": "2025-06-01"})

    assert response.status_code == 200
    data = response.json()
    assert _api_summary(data) == _page_as_api(page.context["figures"])
    assert data["plan"]["number"] == "12065/KH-UBND"
    assert data["milestones"]["overdue"][0]["due_date"] == "2025-05-12"
    assert data["milestones"]["overdue"][0]["responsible_units"] == ["Sở Nội vụ", "Sở Y tế"]
    movement = data["movements"][0]
    assert movement["lead_unit"] == "Sở Nội vụ"
    assert movement["targets"][1]["counts"] == {
        "registered": 0, "nurturing": 1, "proposed": 1, "recognised": 0,
    }  # fmt: skip


def test_api_quota_rows_are_scoped_and_filterable(tree, plan):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    client = token_client(officer)

    data = client.get(f"/api/plans/{plan.pk}/dashboard", {"on": "2025-06-01"}).json()

    yearly, quarterly = data["quotas"]
    assert {row["unit"] for row in yearly["rows"]} == {"Sở Nội vụ"}
    assert {row["unit"] for row in quarterly["rows"]} == {"Phòng Thi đua - Khen thưởng"}
    assert [(r["period"], r["count"], r["state"]) for r in yearly["rows"]] == [
        ("2024", 2, "met"),
        ("2025", 0, "not_due"),
    ]
    assert yearly["rows"][0]["due_date"] == "2025-01-15"

    behind = client.get(
        f"/api/plans/{plan.pk}/dashboard", {"on": "2025-06-01", "state": "behind", "period": "2024"}
    ).json()
    assert [(r["period"], r["shortfall"]) for r in behind["quotas"][1]["rows"]] == [
        ("2024-Q3", 1),
        ("2024-Q4", 1),
    ]
    assert behind["quotas"][0]["rows"] == []


def test_api_plan_out_of_sight_is_404(tree):
    hidden = plan_create(tree["sibling"])
    officer = factories.user_with_role(Role.OFFICER, tree["own"])

    response = token_client(officer).get(f"/api/plans/{hidden.pk}/dashboard")

    assert response.status_code == 404
    assert (
        session_client(factories.UserFactory()).get(f"/api/plans/{hidden.pk}/dashboard").status_code
        == 404
    )


def test_api_query_count_does_not_grow(tree):
    counts = []
    user = factories.user_with_role(Role.SYNTHESIS, tree["parent"])
    client = token_client(user)
    for n in (1, 5):
        plan = plan_create(tree["parent"], number=f"{n}/KH")
        listed = Quota.objects.create(plan=plan, title="Liệt kê", unit_scope=QuotaUnits.LISTED)
        Quota.objects.create(plan=plan, title="Các Sở")
        Milestone.objects.create(plan=plan, kind="other", title="Mốc", due_date=TODAY)
        for i in range(n):
            unit = factories.unit_create(f"Đơn vị {n}-{i}", parent=tree["parent"])
            listed.units.add(unit)
            exemplar_create(plan, unit, year=2024)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/plans/{plan.pk}/dashboard")
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_openapi_schema_with_the_dashboard_is_valid(db):
    from openapi_spec_validator import validate

    schema = session_client(factories.UserFactory()).get("/api/openapi.json").json()

    assert "get" in schema["paths"]["/api/plans/{plan_id}/dashboard"]
    validate(schema)
