"""Propagation and event quotas on the plan dashboard, the per-unit summary page, the quota
form's `counts` and the plan file's `counts:` key."""

import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guongsang.exemplars import dashboard
from guongsang.orgs.enums import Role
from guongsang.plans.enums import QuotaPeriod
from guongsang.plans.models import Milestone, Quota, QuotaUnits
from guongsang.plans.planfile import plan_file_import, plan_to_yaml
from guongsang.propagation import services
from guongsang.propagation.selectors_figures import activity_summary
from tests import factories
from tests.exemplars.test_dashboard import exemplar_create, plan_create, rows_of
from tests.propagation.conftest import activity, event, query_count

pytestmark = pytest.mark.django_db

D = datetime.date


def _held(organiser, day, **fields):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8)))
    created = event(organiser, start=start, **fields)
    return services.event_status_set(event=created, status="held", actor=None)


# The plan dashboard -------------------------------------------------------------------------


def test_propagation_quota_counts_the_unit_subtree_by_quarter(tree, admin):
    plan = plan_create(tree["parent"], start=2024, end=2024)
    other = plan_create(tree["parent"], number="2/KH", start=2024, end=2024)
    Quota.objects.create(
        plan=plan, title="02 hoạt động tuyên truyền mỗi quý", counts="propagation", minimum=2,
        period=QuotaPeriod.QUARTER, due_offset_days=10,
    )  # fmt: skip
    activity(tree["own_child"], date=D(2024, 2, 10))  # counts for own: its subtree
    activity(tree["own"], date=D(2024, 3, 31))
    activity(tree["own"], date=D(2024, 5, 5), plan=plan)
    activity(tree["own"], date=D(2024, 5, 6), plan=other)  # another plan's: not counted
    activity(tree["sibling"], date=D(2024, 8, 1), channel="talk")
    activity(tree["outside"], date=D(2024, 2, 1))
    exemplar_create(plan, tree["sibling"], year=2024)  # exemplars do not count here

    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=D(2024, 7, 15))

    assert rows_of(figures) == {
        ("Sở Nội vụ", "2024-Q1"): (2, "met", 0),
        ("Sở Nội vụ", "2024-Q2"): (1, "behind", 1),
        ("Sở Nội vụ", "2024-Q3"): (0, "not_due", 2),
        ("Sở Nội vụ", "2024-Q4"): (0, "not_due", 2),
        ("Sở Y tế", "2024-Q1"): (0, "behind", 2),
        ("Sở Y tế", "2024-Q2"): (0, "behind", 2),
        ("Sở Y tế", "2024-Q3"): (1, "not_due", 1),
        ("Sở Y tế", "2024-Q4"): (0, "not_due", 2),
    }


def test_events_quota_counts_held_events_organised_in_the_subtree(tree, admin):
    plan = plan_create(tree["parent"], start=2024, end=2025)
    Quota.objects.create(plan=plan, title="01 hội nghị mỗi năm", counts="events")
    _held(tree["own_child"], D(2024, 11, 20))
    _held(tree["sibling"], D(2024, 3, 1), plan=plan_create(tree["parent"], number="3/KH"))
    event(tree["sibling"], start=timezone.make_aware(datetime.datetime(2024, 6, 1, 8)))  # planned
    cancelled = event(tree["sibling"], start=timezone.make_aware(datetime.datetime(2024, 7, 1)))
    services.event_status_set(event=cancelled, status="cancelled", actor=None)

    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=D(2025, 6, 1))

    assert rows_of(figures) == {
        ("Sở Nội vụ", "2024"): (1, "met", 0),
        ("Sở Nội vụ", "2025"): (0, "not_due", 1),
        ("Sở Y tế", "2024"): (0, "behind", 1),
        ("Sở Y tế", "2025"): (0, "not_due", 1),
    }


def test_each_quota_counts_its_own_kind_on_one_plan(tree, admin):
    plan = plan_create(tree["parent"], start=2024, end=2024)
    for counts in ("exemplars", "propagation", "events"):
        quota = Quota.objects.create(
            plan=plan, title=counts, counts=counts, unit_scope=QuotaUnits.LISTED,
            requires_summary=False,
        )  # fmt: skip
        quota.units.set([tree["own"]])
    exemplar_create(plan, tree["own_child"], year=2024)
    exemplar_create(plan, tree["own_child"], year=2024)
    for day in (D(2024, 1, 5), D(2024, 4, 5), D(2024, 9, 5)):
        activity(tree["own"], date=day)

    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=D(2025, 1, 1))

    assert [(q.quota.counts, q.rows[0].count, q.rows[0].state) for q in figures.quotas] == [
        ("exemplars", 2, "met"),
        ("propagation", 3, "met"),
        ("events", 0, "behind"),
    ]


def test_quota_figures_cost_the_same_queries_for_more_units_and_rows(tree, admin):
    plan = plan_create(tree["parent"], start=2024, end=2024)
    for counts in ("propagation", "events"):
        Quota.objects.create(plan=plan, title=counts, counts=counts, period="half_year")
    activity(tree["own"], date=D(2024, 1, 5))
    _held(tree["own"], D(2024, 2, 5))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            dashboard.quota_figures(plans=[plan], user=admin, today=D(2025, 1, 1))
        return len(captured)

    queries()  # the first call also reads the user's roles (kept on the user object)
    first = queries()
    for n in range(3):
        unit = factories.unit_create(f"Sở thứ {n}", parent=tree["parent"])
        activity(unit, date=D(2024, 8, n + 1))
        _held(factories.unit_create(f"Phòng {n}", parent=unit), D(2024, 9, n + 1))
    assert queries() == first


# The summary per unit and period ----------------------------------------------------------


def test_summary_per_child_and_quarter_with_reach_by_channel_and_quota(tree, admin):
    year = timezone.localdate().year - 1
    plan = plan_create(tree["parent"], start=year, end=year)
    Quota.objects.create(
        plan=plan, title="Mỗi Sở 01 hoạt động mỗi quý", counts="propagation",
        period=QuotaPeriod.QUARTER,
    )  # fmt: skip
    activity(tree["own_child"], date=D(year, 1, 10), channel="press", reach=1000)
    activity(tree["own"], date=D(year, 2, 10), channel="press", reach=500)
    activity(tree["own"], date=D(year, 2, 11), channel="radio_tv")
    activity(tree["sibling"], date=D(year, 5, 1), channel="social", reach=20)
    activity(tree["parent"], date=D(year, 5, 2), channel="portal", reach=7)
    activity(tree["own"], date=D(year - 1, 5, 2))  # another year

    summary = activity_summary(
        user=admin, unit=tree["parent"], year=year, period_kind=QuotaPeriod.QUARTER
    )

    by_row = {(row.kind, row.unit.name): row for row in summary.rows}
    assert list(by_row) == [
        ("child", "Sở Nội vụ"), ("child", "Sở Y tế"),
        ("self", "UBND tỉnh Khánh Hòa"), ("total", "UBND tỉnh Khánh Hòa"),
    ]  # fmt: skip
    own = by_row[("child", "Sở Nội vụ")].cells
    assert (own[f"{year}-Q1"].counts["press"], own[f"{year}-Q1"].reach["press"]) == (2, 1500)
    assert (own[f"{year}-Q1"].total, own[f"{year}-Q1"].total_reach) == (3, 1500)
    assert own[f"{year}-Q1"].quota_met is True and own[f"{year}-Q2"].quota_met is False
    sibling = by_row[("child", "Sở Y tế")].cells
    assert [sibling[p.key].total for p in summary.periods] == [0, 1, 0, 0]
    total = by_row[("total", "UBND tỉnh Khánh Hòa")].cells
    assert [total[p.key].total for p in summary.periods] == [3, 2, 0, 0]
    assert total[f"{year}-Q2"].quota_met is None  # the province itself has no quota


def test_summary_page_scope_and_queries(tree, client):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    client.force_login(officer)
    url = reverse("propagation:activity_summary")
    plan = plan_create(tree["parent"], start=2020, end=2035)
    Quota.objects.create(plan=plan, title="Quý", counts="propagation", period="quarter")
    activity(tree["own_child"])

    page = client.get(url, {"period": "quarter"})
    assert page.context["summary"].unit == tree["own"]
    assert [row.unit.name for row in page.context["summary"].rows] == [
        "Phòng Thi đua - Khen thưởng", "Sở Nội vụ",
    ]  # fmt: skip
    assert client.get(url, {"unit": tree["sibling"].pk}).context["form"].errors
    one = query_count(client, url, {"period": "quarter"})
    for n in range(3):
        unit = factories.unit_create(f"Tổ {n}", parent=tree["own"])
        activity(unit, channel="talk", reach=n)
    assert query_count(client, url, {"period": "quarter"}) <= one


def test_summary_page_is_refused_to_a_staff_member(tree, client):
    client.force_login(factories.user_with_role(Role.STAFF, tree["own"]))
    assert client.get(reverse("propagation:activity_summary")).status_code == 403


# The quota form -------------------------------------------------------------------------------


def test_quota_form_saves_and_shows_counts(tree, client):
    client.force_login(factories.user_with_role(Role.SYNTHESIS, tree["parent"]))
    plan = plan_create(tree["parent"])
    data = {"title": "Mỗi đơn vị 02 hội nghị", "counts": "events", "subject_kind": "any",
            "minimum": 2, "period": "year", "unit_scope": "children",
            "due_offset_days": 0}  # fmt: skip

    client.post(reverse("plans:part_add", args=[plan.pk, "chi-tieu"]), data)
    quota = Quota.objects.get(plan=plan)
    edit = reverse("plans:part_edit", args=[plan.pk, "chi-tieu", quota.pk])

    assert quota.counts == "events"
    assert client.get(edit).context["form"]["counts"].value() == "events"
    client.post(edit, {**data, "counts": "propagation"})
    quota.refresh_from_db()
    assert quota.counts == "propagation"
    client.post(edit, {**data, "counts": ""})  # left empty: exemplars, the default
    quota.refresh_from_db()
    assert quota.counts == "exemplars"


# The plan file ----------------------------------------------------------------------------------

PLAN = """
plan:
  number: 7/KH-SNV
  title: Tuyên truyền, nhân rộng gương điển hình
  issuer: Sở Nội vụ
  period: {from: 2024, to: 2025}
quotas:
  - {title: Mỗi phòng 02 hoạt động tuyên truyền mỗi quý, counts: propagation, minimum: 2, period: quarter}
  - {title: Mỗi phòng 01 hội nghị mỗi năm, counts: events}
  - {title: Mỗi phòng 01 điển hình mỗi năm}
"""  # noqa: E501


def test_plan_file_reads_and_exports_counts(tree):
    result = plan_file_import(PLAN, actor=None)

    assert result.errors == []
    plan = result.plan
    assert [q.counts for q in plan.quotas.order_by("pk")] == ["propagation", "events", "exemplars"]
    exported = plan_to_yaml(plan)
    assert re.findall(r"counts: (\w+)", exported) == ["propagation", "events"]
    again = plan_file_import(exported.replace("7/KH-SNV", "8/KH-SNV"), actor=None)
    assert again.errors == []
    assert [q.counts for q in again.plan.quotas.order_by("pk")] == [
        "propagation", "events", "exemplars",
    ]  # fmt: skip
    assert plan_to_yaml(again.plan) == exported.replace("7/KH-SNV", "8/KH-SNV")


@pytest.mark.usefixtures("english")
def test_plan_file_refuses_an_unknown_counts(tree):
    result = plan_file_import(PLAN.replace("counts: events", "counts: stories"), actor=None)
    assert any(e.startswith("quotas[2].counts: must be one of") for e in result.errors)
    assert result.plan is None


def test_the_documented_example_imports(db):
    document = (Path(__file__).parents[2] / "docs" / "plan-format.md").read_text()
    example = document.split("## Ví dụ (Example)")[1].split("```yaml")[1].split("```")[0]

    result = plan_file_import(example, actor=None)

    assert result.errors == []
    assert [q.counts for q in result.plan.quotas.order_by("pk")] == ["exemplars", "propagation"]


def test_held_event_marks_its_milestone_done_on_the_dashboard(tree, admin):
    plan = plan_create(tree["parent"], start=2024, end=2025)
    milestone = Milestone.objects.create(
        plan=plan, kind="honouring_conference", title="Hội nghị tôn vinh", due_date=D(2024, 12, 31)
    )
    _held(tree["own"], D(2024, 11, 20), milestone=milestone)

    milestone.refresh_from_db()
    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=D(2025, 1, 10))

    assert milestone.done_on == D(2024, 11, 20)
    assert milestone not in figures.overdue
