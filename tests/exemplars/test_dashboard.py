"""The plan dashboard: targets against counts, quotas per unit × period, milestones, scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guongsang.exemplars import dashboard
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs import services as org_services
from guongsang.orgs.enums import GroupKind, Role
from guongsang.orgs.models import Person
from guongsang.plans.enums import MilestoneKind, PlanStatus, QuotaPeriod
from guongsang.plans.models import Milestone, Movement, Plan, Quota, QuotaUnits, Target
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)
S = ExemplarStatus


def plan_create(issuer, *, start=2024, end=2025, **fields) -> Plan:
    return Plan.objects.create(
        number=fields.pop("number", f"{issuer.pk}/KH"),
        title=fields.pop("title", "Kế hoạch điển hình tiên tiến"),
        issuer=issuer,
        start_year=start,
        end_year=end,
        status=PlanStatus.ISSUED,
        **fields,
    )


def exemplar_create(plan, scope_unit, *, kind="individual", status=S.REGISTERED, year=2024,
                    summary="Trích ngang thành tích", movement=None, registered_at=None,
                    user=None) -> Exemplar:  # fmt: skip
    subject = {
        "individual": lambda: {"person": factories.person_create(unit=scope_unit)},
        "collective": lambda: {"unit": scope_unit},
        "household": lambda: {"household": factories.household_create(locality=scope_unit)},
    }[kind]()
    exemplar = Exemplar.objects.create(
        plan=plan,
        movement=movement,
        year=year,
        status=status,
        summary=summary,
        scope_unit=scope_unit,
        unit_name=scope_unit.name,
        subject_name=str(next(iter(subject.values()))),
        registered_by=user or factories.UserFactory(),
        **subject,
    )
    if registered_at:
        moment = timezone.make_aware(datetime.datetime.combine(registered_at, datetime.time(9)))
        Exemplar.objects.filter(pk=exemplar.pk).update(registered_at=moment)
    return exemplar


def counts(registered, nurturing, proposed, recognised) -> dict:
    return {
        "registered": registered,
        "nurturing": nurturing,
        "proposed": proposed,
        "recognised": recognised,
    }


def rows_of(figures) -> dict:
    """{(unit name, period key): (count, state, shortfall)} over every quota."""
    return {
        (row.unit.name, row.period.key): (row.count, row.state, row.shortfall)
        for quota in figures.quotas
        for row in quota.rows
    }


@pytest.fixture
def admin(tree):
    return factories.user_with_role(Role.ADMIN, tree["parent"])


# Movements and targets


def test_targets_count_current_status_by_subject_kind(tree, admin):
    plan = plan_create(tree["parent"])
    movement = Movement.objects.create(plan=plan, name="Dân vận khéo", lead_unit=tree["own"])
    Target.objects.create(movement=movement, subject_kind="collective", minimum=2)
    Target.objects.create(movement=movement, subject_kind="individual", minimum=3)
    for kind, status in [
        ("collective", S.RECOGNISED), ("collective", S.PROPOSED),
        ("individual", S.REGISTERED), ("individual", S.NURTURING), ("individual", S.UNDER_REVIEW),
        ("individual", S.RECOGNISED), ("individual", S.WITHDRAWN), ("individual", S.NOT_RECOGNISED),
        ("household", S.REGISTERED),
    ]:  # fmt: skip
        exemplar_create(plan, tree["own_child"], kind=kind, status=status, movement=movement)
    exemplar_create(plan, tree["own"], kind="collective", status=S.RECOGNISED)  # no movement

    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=TODAY)

    first, loose = figures.movements
    assert first.movement == movement and loose.movement is None
    by_kind = {k.subject_kind: (k.target, k.counts, k.shortfall, k.percent) for k in first.kinds}
    assert by_kind == {
        "collective": (2, counts(0, 0, 1, 1), 1, 50),
        "individual": (3, counts(1, 1, 1, 1), 2, 33),
        "household": (None, counts(1, 0, 0, 0), 0, 0),
    }
    assert [(k.subject_kind, k.recognised) for k in loose.kinds] == [("collective", 1)]


# Quotas


def test_yearly_quota_children_met_behind_and_not_due(tree, admin):
    plan = plan_create(tree["parent"])
    Quota.objects.create(plan=plan, title="Mỗi Sở 01 điển hình/năm", due_offset_days=15)
    exemplar_create(plan, tree["own_child"], year=2024)  # counts for own (its subtree)
    exemplar_create(plan, tree["sibling"], year=2024, summary="")  # no summary: not counted
    exemplar_create(plan, tree["sibling"], year=2024, status=S.WITHDRAWN)
    exemplar_create(plan, tree["sibling"], year=2025, status=S.NOT_RECOGNISED)  # still presented
    exemplar_create(plan, tree["outside"], year=2024)

    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=TODAY)

    (quota,) = figures.quotas
    assert [u.name for u in quota.units] == ["Sở Nội vụ", "Sở Y tế"]
    assert rows_of(figures) == {
        ("Sở Nội vụ", "2024"): (1, "met", 0),
        ("Sở Nội vụ", "2025"): (0, "not_due", 1),
        ("Sở Y tế", "2024"): (0, "behind", 1),
        ("Sở Y tế", "2025"): (1, "met", 0),
    }
    assert quota.rows[0].due_date == datetime.date(2025, 1, 15)


@pytest.mark.usefixtures("english")
def test_quarter_and_half_year_quotas_count_by_registration_date(tree, admin):
    plan = plan_create(tree["parent"], start=2024, end=2024)
    quarterly = Quota.objects.create(
        plan=plan, title="Quý", minimum=2, period=QuotaPeriod.QUARTER,
        unit_scope=QuotaUnits.LISTED, requires_summary=False, due_offset_days=10,
    )  # fmt: skip
    quarterly.units.set([tree["own"]])
    half = Quota.objects.create(
        plan=plan, title="Sáu tháng", minimum=3, period=QuotaPeriod.HALF_YEAR,
        unit_scope=QuotaUnits.LISTED, subject_kind="collective",
    )  # fmt: skip
    half.units.set([tree["own"]])
    for day, kind in [((2024, 2, 10), "individual"), ((2024, 3, 31), "collective"),
                      ((2024, 5, 5), "collective"), ((2024, 8, 1), "individual")]:  # fmt: skip
        exemplar_create(plan, tree["own_child"], kind=kind, registered_at=datetime.date(*day))

    figures = dashboard.plan_dashboard(
        plan=plan, user=admin, today=datetime.date(2024, 7, 15), period="2024"
    )

    quarters, halves = figures.quotas
    assert [(r.period.key, r.count, r.state, r.due_date) for r in quarters.rows] == [
        ("2024-Q1", 2, "met", datetime.date(2024, 4, 10)),
        ("2024-Q2", 1, "behind", datetime.date(2024, 7, 10)),
        ("2024-Q3", 1, "not_due", datetime.date(2024, 10, 10)),
        ("2024-Q4", 0, "not_due", datetime.date(2025, 1, 10)),
    ]
    assert [(r.period.label, r.count, r.state) for r in halves.rows] == [
        ("H1/2024", 2, "behind"),
        ("H2/2024", 0, "not_due"),
    ]
    assert ("2024-Q2", "Q2/2024") in figures.periods and ("2024-H1", "H1/2024") in figures.periods


def test_group_quota_counts_members_and_filters_narrow_rows(tree, admin):
    plan = plan_create(tree["parent"])
    group = org_services.group_create(
        name="Khối các Sở", kind=GroupKind.BLOCK, organiser=tree["parent"], actor=None,
        members=[tree["sibling"], tree["own_child"]],
    )  # fmt: skip
    Quota.objects.create(
        plan=plan, title="Khối", unit_scope=QuotaUnits.GROUP, group=group,
        subject_kind="individual",
    )  # fmt: skip
    exemplar_create(plan, tree["own_child"], kind="collective", year=2024)  # wrong kind
    exemplar_create(plan, tree["sibling"], kind="individual", year=2024)

    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=TODAY)
    assert rows_of(figures) == {
        ("Phòng Thi đua - Khen thưởng", "2024"): (0, "behind", 1),
        ("Phòng Thi đua - Khen thưởng", "2025"): (0, "not_due", 1),
        ("Sở Y tế", "2024"): (1, "met", 0),
        ("Sở Y tế", "2025"): (0, "not_due", 1),
    }

    behind = dashboard.plan_dashboard(plan=plan, user=admin, today=TODAY, state="behind")
    assert list(rows_of(behind)) == [("Phòng Thi đua - Khen thưởng", "2024")]
    sibling = dashboard.plan_dashboard(
        plan=plan, user=admin, today=TODAY, unit_id=tree["sibling"].pk, period="2025"
    )
    assert list(rows_of(sibling)) == [("Sở Y tế", "2025")]
    assert sibling.unit == tree["sibling"]
    unknown = dashboard.plan_dashboard(plan=plan, user=admin, today=TODAY, unit_id=tree["own"].pk)
    assert rows_of(unknown) == {}


def test_quota_of_a_merged_issuer_covers_its_former_children_where_they_are_now(tree, admin):
    old = factories.unit_create("Sở Tài nguyên và Môi trường", parent=tree["parent"])
    office = factories.unit_create("Văn phòng Sở", parent=old)
    other = factories.unit_create("Sở Nông nghiệp và Phát triển nông thôn", parent=tree["parent"])
    factories.unit_create("Chi cục Kiểm lâm", parent=other)  # never under the issuer
    plan = plan_create(old, start=2023, end=2023)
    Quota.objects.create(plan=plan, title="Mỗi phòng 01 điển hình", requires_summary=False)
    new = org_services.unit_merge(
        units=[old, other], name="Sở Nông nghiệp và Môi trường",
        date=datetime.date(2025, 3, 1), actor=None,
    )  # fmt: skip
    exemplar_create(plan, factories.Unit.objects.get(pk=office.pk), year=2023)
    synthesis = factories.user_with_role(Role.SYNTHESIS, tree["parent"])

    plan = dashboard.dashboard_plans(user=synthesis).get(pk=plan.pk)

    figures = dashboard.plan_dashboard(plan=plan, user=synthesis, today=TODAY)

    assert new.is_active and not factories.Unit.objects.get(pk=old.pk).is_active
    assert rows_of(figures) == {("Văn phòng Sở", "2023"): (1, "met", 0)}


# Milestones


def test_milestones_upcoming_and_overdue_relative_to_today(tree, admin):
    plan = plan_create(tree["parent"])
    own = tree["own"]

    def milestone(title, days, done=False):
        item = Milestone.objects.create(
            plan=plan, kind=MilestoneKind.REPORT_DUE, title=title,
            due_date=TODAY + datetime.timedelta(days=days), done_on=TODAY if done else None,
        )  # fmt: skip
        item.responsible_units.set([own])
        return item

    late = milestone("Báo cáo sơ kết", -1)
    milestone("Đã xong", -10, done=True)
    today = milestone("Hôm nay", 0)
    last = milestone("Sau 60 ngày", 60)
    milestone("Sau 61 ngày", 61)

    figures = dashboard.plan_dashboard(plan=plan, user=admin, today=TODAY)

    assert figures.overdue == [late]
    assert figures.upcoming == [today, last]
    assert [u.name for u in figures.upcoming[0].responsible_units.all()] == ["Sở Nội vụ"]


# Who sees what

PLACES = ("parent", "own", "own_child", "sibling", "outside")
VISIBLE = {
    Role.ADMIN: set(PLACES),
    Role.OFFICER: {"parent", "own", "own_child"},
    Role.HEAD: {"parent", "own", "own_child"},
    Role.SYNTHESIS: {"parent", "own", "own_child"},
    Role.COUNCIL: {"parent", "own", "own_child"},
    Role.STAFF: {"parent", "own"},  # ancestors-or-self of their own unit
}


@pytest.fixture
def plans(tree):
    """A plan issued by every place, each with a quota over the issuer's children."""
    result = {}
    for place in PLACES:
        plan = plan_create(tree[place], title=f"Kế hoạch {place}")
        Quota.objects.create(plan=plan, title=f"Chỉ tiêu {place}")
        result[place] = plan
    return result


@pytest.mark.parametrize("role", list(VISIBLE))
def test_plans_visible_by_role_and_place(client, tree, plans, role):
    user = factories.user_with_role(role, tree["own"])
    person = factories.person_create("Nguyễn Thị Nhân", unit=tree["own"])
    Person.objects.filter(pk=person.pk).update(user=user)
    client.force_login(user)

    visible = {
        place for place, plan in plans.items() if plan in dashboard.dashboard_plans(user=user)
    }
    assert visible == VISIBLE[role]
    for place, plan in plans.items():
        response = client.get(reverse("dashboard:plan_dashboard", args=[plan.pk]))
        assert response.status_code == (200 if place in VISIBLE[role] else 404), place
    home = client.get(reverse("dashboard:dashboard_home")).content.decode()
    assert {place for place in PLACES if f"Kế hoạch {place}<" in home} == VISIBLE[role]


@pytest.mark.parametrize(
    ("role", "unit", "expected"),
    [
        (Role.ADMIN, "own", {"Sở Nội vụ", "Sở Y tế"}),
        (Role.SYNTHESIS, "parent", {"Sở Nội vụ", "Sở Y tế"}),
        (Role.OFFICER, "own", {"Sở Nội vụ"}),
        (Role.HEAD, "sibling", {"Sở Y tế"}),
        (Role.OFFICER, "own_child", set()),
        (Role.STAFF, "own", set()),
    ],
)
def test_quota_rows_only_for_units_in_scope(client, tree, plans, role, unit, expected):
    user = factories.user_with_role(role, tree[unit])
    person = factories.person_create("Trần Văn Xem", unit=tree[unit])
    Person.objects.filter(pk=person.pk).update(user=user)
    client.force_login(user)

    response = client.get(reverse("dashboard:plan_dashboard", args=[plans["parent"].pk]))

    figures = response.context["figures"]
    assert {row.unit.name for q in figures.quotas for row in q.rows} == expected
    assert {u.name for u in figures.units} == expected
    html = response.content.decode()
    for name in {"Sở Nội vụ", "Sở Y tế"} - expected:
        assert f"<td>{name}</td>" not in html


def test_page_shows_badges_progress_and_dates(client, tree, admin):
    plan = plan_create(tree["parent"])
    movement = Movement.objects.create(plan=plan, name="Chung sức xây dựng nông thôn mới")
    Target.objects.create(movement=movement, subject_kind="collective", minimum=10)
    exemplar_create(plan, tree["own"], kind="collective", status=S.RECOGNISED, movement=movement)
    Quota.objects.create(plan=plan, title="Mỗi Sở 02 điển hình", minimum=2, due_offset_days=15)
    exemplar_create(plan, tree["sibling"], year=2024)
    exemplar_create(plan, tree["sibling"], year=2024)
    client.force_login(admin)

    response = client.get(reverse("dashboard:plan_dashboard", args=[plan.pk]), {"on": "01/06/2025"})

    html = response.content.decode()
    assert response.context["figures"].today == TODAY
    assert '<progress max="10" value="1"' in html
    assert 'class="badge badge-active"' in html and 'class="badge errors"' in html
    assert "15/01/2025" in html and "01/06/2025" in html
    states = [row.state for q in response.context["figures"].quotas for row in q.rows]
    assert states == ["behind", "not_due", "met", "not_due"]


# Bounded queries


# Selector: movements, targets, stage counts, quotas + their units, groups and members, the
# issuer's children, the exemplar tally, milestones + responsible units, the scope.
# The page adds the session, the user and the plan; the home page sums over all plans.
MAX_QUERIES = {"selector": 13, "page": 17, "home": 16}


def _world(tree, n: int) -> Plan:
    plan = plan_create(tree["parent"])
    movement = Movement.objects.create(plan=plan, name="Phong trào")
    Target.objects.create(movement=movement, subject_kind="individual", minimum=5)
    group = org_services.group_create(
        name="Cụm", kind=GroupKind.CLUSTER, organiser=tree["parent"], actor=None
    )
    listed = Quota.objects.create(plan=plan, title="Liệt kê", unit_scope=QuotaUnits.LISTED)
    Quota.objects.create(plan=plan, title="Cụm", unit_scope=QuotaUnits.GROUP, group=group)
    Quota.objects.create(plan=plan, title="Con", period=QuotaPeriod.QUARTER)
    milestone = Milestone.objects.create(
        plan=plan, kind=MilestoneKind.OTHER, title="Mốc", due_date=TODAY
    )
    for i in range(n):
        unit = factories.unit_create(f"Sở số {i}", parent=tree["parent"])
        listed.units.add(unit)
        group.members.add(unit)
        milestone.responsible_units.add(unit)
        exemplar_create(plan, unit, movement=movement, year=2024)
    return plan


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


@pytest.mark.parametrize("surface", ["selector", "page", "home"])
def test_query_count_does_not_grow_with_units_and_exemplars(client, tree, surface):
    counts = []
    for n in (1, 5):
        Exemplar.objects.all().delete()
        Plan.objects.all().delete()
        user = factories.user_with_role(Role.SYNTHESIS, tree["parent"])
        client.force_login(user)
        plan = _world(tree, n)
        calls = {
            "selector": lambda plan=plan, user=user: dashboard.plan_dashboard(
                plan=plan, user=user, today=TODAY
            ),
            "page": lambda plan=plan: client.get(
                reverse("dashboard:plan_dashboard", args=[plan.pk])
            ),
            "home": lambda: client.get(reverse("dashboard:dashboard_home")),
        }
        counts.append(_queries(calls[surface]))
    assert counts[0] == counts[1] <= MAX_QUERIES[surface]


def test_home_summarises_each_plan_for_the_users_units(client, tree):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    plan = plan_create(tree["parent"], title="Kế hoạch tỉnh")
    movement = Movement.objects.create(plan=plan, name="Phong trào")
    Target.objects.create(movement=movement, subject_kind="collective", minimum=2)
    exemplar_create(plan, tree["own"], kind="collective", status=S.RECOGNISED, movement=movement)
    exemplar_create(plan, tree["sibling"], status=S.REGISTERED)
    Quota.objects.create(plan=plan, title="Mỗi Sở 01 điển hình/năm")
    late = Milestone.objects.create(
        plan=plan, kind=MilestoneKind.INTERIM_REVIEW, title="Sơ kết",
        due_date=datetime.date(2025, 5, 10),
    )  # fmt: skip
    plan_create(tree["sibling"], title="Kế hoạch Sở Y tế")  # not the officer's

    (item,) = dashboard.plans_summary(user=officer, today=TODAY)

    assert item.plan == plan
    assert (item.counts, item.total, item.target_total) == (counts(1, 0, 0, 1), 2, 2)
    assert (item.rows_due, item.rows_behind) == (1, 0)  # Sở Nội vụ 2024 met; 2025 not due
    assert (item.overdue, item.upcoming) == ([late], [])
    client.force_login(officer)
    html = client.get(reverse("dashboard:dashboard_home")).content.decode()
    assert "Kế hoạch tỉnh" in html and "Kế hoạch Sở Y tế" not in html
    assert reverse("dashboard:plan_dashboard", args=[plan.pk]) in html
