"""The four seed plans, as plan files, import on an empty database and say what the texts say."""

import datetime
from pathlib import Path

import pytest

from guongsang.orgs.models import Unit
from guongsang.plans.models import Milestone, Plan
from guongsang.plans.planfile import plan_file_import, plan_to_yaml

pytestmark = pytest.mark.django_db
PLANS = Path(__file__).resolve().parents[2] / "docs" / "plans"
SEEDS = {
    "000": "000-stnmt-khanh-hoa-2023-2025.yaml",
    "001": "001-btnmt-2021-2025.yaml",
    "002": "002-ubnd-khanh-hoa-12065-2021-2025.yaml",
    "003": "003-skhdt-lang-son-101-2023.yaml",
}


def _import(seed: str) -> Plan:
    result = plan_file_import((PLANS / SEEDS[seed]).read_text(), actor=None)
    assert result.errors == []
    return result.plan


def _children(unit):
    return Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)


def _parent(unit):
    return Unit.objects.get(path=unit.path[: -Unit.steplen])


def _targets(plan) -> dict:
    return {
        m.lead_unit.name: {t.subject_kind: t.minimum for t in m.targets.all()}
        for m in plan.movements.select_related("lead_unit").prefetch_related("targets")
    }


def test_seed_002_movements_with_lead_units_and_targets():
    plan = _import("002")
    assert (plan.number, plan.issuer.name, plan.issued_on) == (
        "12065/KH-UBND",
        "UBND tỉnh Khánh Hòa",
        datetime.date(2021, 11, 26),
    )
    targets = _targets(plan)
    assert targets["Sở Nông nghiệp và Phát triển nông thôn"] == {"collective": 10, "individual": 10}
    assert targets["Hội Nông dân tỉnh"] == {"household": 20}
    for lead in ("Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"):
        assert targets[lead] == {"collective": 10, "individual": 10}
    assert targets["Sở Giáo dục và Đào tạo"] == {"collective": 20, "individual": 30}
    assert targets["Sở Y tế"] == {"collective": 20, "individual": 30}
    assert len(targets) == 12
    # One "Sở Nội vụ", created under the province, however the file names it.
    assert _children(plan.issuer).filter(name="Sở Nội vụ").count() == 1


def test_seed_002_household_criteria_are_machine_rules():
    plan = _import("002")
    movement = plan.movements.get(lead_unit__name="Hội Nông dân tỉnh")
    criteria = {c.kind: c.params for c in movement.criteria_sets.get().criteria.all()}
    assert criteria["metric_rule"] == {"metric": "household.annual_income", "best_in": "locality"}
    assert criteria["title_streak"]["titles"] == ["gia-dinh-van-hoa"]


def test_seed_001_machine_criteria_and_registration_deadline():
    plan = _import("001")
    due = plan.milestones.get(kind="registration_due").due_date
    assert due == datetime.date(2021, 9, 15)
    sets = {s.subject_kind: s for m in plan.movements.all() for s in m.criteria_sets.all()}
    collective = {c.kind: c.params for c in sets["collective"].criteria.all()}
    assert collective["title_streak"]["titles"] == ["tap-the-lao-dong-xuat-sac"]
    individual = {c.kind: c.params for c in sets["individual"].criteria.all()}
    assert "leader_rule" in individual and "title_preferred" in individual
    streaks = sets["individual"].criteria.filter(kind__in=["title_streak", "rating_streak"])
    assert sorted(c.params.get("titles", c.params.get("ratings"))[0] for c in streaks) == [
        "cstd-co-so",
        "htxs-nhiem-vu",
    ]
    congress = plan.milestones.get(kind="congress")
    assert congress.due_date == datetime.date(2025, 9, 30)


def test_seed_000_deadlines_and_yearly_quota():
    plan = _import("000")
    dates = dict(plan.milestones.values_list("kind", "due_date"))
    assert dates["interim_review"] == datetime.date(2023, 5, 10)
    assert dates["final_review"] == datetime.date(2025, 5, 31)
    assert dates["honouring_conference"].year == 2023
    assert dates["congress"].year == 2025
    quota = plan.quotas.get()
    assert (quota.minimum, quota.period, quota.unit_scope, quota.requires_summary) == (
        1,
        "year",
        "children",
        True,
    )


def test_seed_003_quotas_to_department_of_home_affairs():
    plan = _import("003")
    quotas = plan.quotas.select_related("recipient").prefetch_related("units")
    assert {(q.subject_kind, q.minimum) for q in quotas} == {("collective", 1), ("individual", 1)}
    for quota in quotas:
        assert quota.recipient.name == "Sở Nội vụ"
        assert _parent(quota.recipient).name == "UBND tỉnh Lạng Sơn"
        assert [u.name for u in quota.units.all()] == ["Văn phòng Sở"]


def test_seeds_import_together_and_cascade():
    """000 names the province of 002 as the department's parent: one tree, not two."""
    province_plan = _import("002")
    department_plan = _import("000")
    assert _parent(department_plan.issuer) == province_plan.issuer
    _import("001")
    lang_son = _import("003")
    assert Plan.objects.count() == 4
    # "Văn phòng Sở" of Lạng Sơn is its own unit, not the one of Khánh Hòa.
    office = lang_son.quotas.first().units.get()
    assert _parent(office) == lang_son.issuer
    assert Unit.objects.filter(name="Văn phòng Sở").count() == 2
    assert Milestone.objects.filter(plan=department_plan).count() >= 4


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_round_trips_through_export(seed):
    plan = _import(seed)
    first = plan_to_yaml(plan)
    renumbered = first.replace(f"number: {plan.number}", "number: 9999/KH-TEST", 1)
    if not plan.number:
        renumbered = renumbered.replace("plan:\n", "plan:\n  number: 9999/KH-TEST\n", 1)
    again = plan_file_import(renumbered, actor=None)
    assert again.errors == []
    assert plan_to_yaml(again.plan) == renumbered
