import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from guongsang.common.text import person_sort_key
from guongsang.exemplars import dashboard
from guongsang.exemplars.enums import Origin
from guongsang.exemplars.models import (
    Evaluation,
    Exemplar,
    NurturingPlan,
    ProgressNote,
    StatusChange,
)
from guongsang.orgs.enums import Role, UnitKind, UnitStatus
from guongsang.orgs.models import (
    EmulationGroup,
    Household,
    HouseholdMember,
    Membership,
    Person,
    RoleAssignment,
    Unit,
    UnitName,
)
from guongsang.plans.models import Plan
from guongsang.titles.models import TitleRecord
from tests import factories

NO_PROBLEMS = ([], [], [], [], [])


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_orgs_import_units_one_province_creates_communes_once(db):
    run("orgs_import_units", province="Khánh Hòa")

    province = Unit.objects.get(code="P-56")
    assert (province.name, province.kind, province.depth) == (
        "UBND tỉnh Khánh Hòa", UnitKind.PROVINCE, 1,
    )  # fmt: skip
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE)
    assert communes.count() == 65
    assert Unit.objects.get_children(province).count() == 65 == province.numchild
    assert communes.get(code="W-22333").name == "Phường Bắc Nha Trang"
    assert communes.get(code="W-22736").name == "Đặc khu Trường Sa"
    assert len(Unit.objects.get_tree()) == 66
    assert Unit.objects.find_problems() == NO_PROBLEMS
    assert communes.get(code="W-22333").search_text == "phuong bac nha trang | w-22333"

    output = run("orgs_import_units", province="56")

    assert "0 created, 1 existing" in output
    assert Unit.objects.count() == 66


def test_orgs_import_units_attaches_missing_communes_under_existing_province(db):
    province = factories.unit_create("UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE, code="P-56")
    factories.unit_create("Sở Nội vụ", parent=province)

    run("orgs_import_units", province="P-56")

    province.refresh_from_db()
    children = list(Unit.objects.get_children(province).values_list("name", flat=True))
    assert children[0] == "Sở Nội vụ" and len(children) == 66
    assert province.numchild == 66
    assert Unit.objects.filter(code="P-56").count() == 1
    assert Unit.objects.find_problems() == NO_PROBLEMS


def test_orgs_import_units_under_a_unit_places_provinces_below_it(db):
    central = factories.unit_create("Chính phủ", kind=UnitKind.CENTRAL, code="CP")

    run("orgs_import_units", province="ha noi", under="CP")

    hanoi = Unit.objects.get(code="P-01")
    assert (hanoi.name, Unit.objects.get_parent(hanoi).pk, hanoi.depth) == (
        "UBND thành phố Hà Nội",
        central.pk,
        2,
    )
    assert Unit.objects.get_children(hanoi).count() == 126
    assert Unit.objects.find_problems() == NO_PROBLEMS


def test_orgs_import_units_unknown_province_fails(db):
    with pytest.raises(CommandError):
        run("orgs_import_units", province="Atlantis")
    assert not Unit.objects.exists()


def test_demo_load_builds_history_users_and_records(db):
    output = run("demo_load")

    root = Unit.objects.get(code="P-56")
    assert root.name == "UBND tỉnh Khánh Hòa" and root.is_root()
    assert Unit.objects.find_problems() == NO_PROBLEMS
    assert Unit.objects.filter(kind=UnitKind.COMMUNE, path__startswith=root.path).count() == 65
    # The 1 March 2025 merge: the old departments are closed, linked to their successor,
    # and keep their title records.
    successor = Unit.objects.get(name="Sở Nông nghiệp và Môi trường")
    merge_date = datetime.date(2025, 3, 1)
    assert successor.valid_from == merge_date and successor.is_active
    for old_name in ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn"):
        old = Unit.objects.get(name=old_name)
        assert (old.status, old.valid_to) == (UnitStatus.MERGED, merge_date)
        assert list(old.successors.all()) == [successor]
        assert old.title_records.filter(year__lt=2025).exists()
        assert not old.title_records.filter(year=2025).exists()
    assert Unit.objects.get_children(successor).filter(name="Chi cục Bảo vệ môi trường").exists()
    noi_vu = Unit.objects.get(name="Sở Nội vụ", status=UnitStatus.ACTIVE)
    assert Unit.objects.get(name="Sở Lao động - Thương binh và Xã hội").successors.get() == noi_vu
    assert UnitName.objects.filter(name="Ban Thi đua - Khen thưởng").get().unit.name == (
        "Phòng Công tác thi đua, khen thưởng"
    )
    # One head per active unit that has people.
    heads = (
        Membership.objects.filter(end__isnull=True, unit__status=UnitStatus.ACTIVE)
        .values("unit")
        .annotate(heads=Count("pk", filter=Q(is_head=True)))
    )
    assert {row["heads"] for row in heads} == {1}
    assert 300 <= Person.objects.count() <= 700
    assert 55 <= Household.objects.count() <= 65
    assert EmulationGroup.objects.filter(name__startswith="Cụm thi đua").count() == 2
    # Users, one per role; the staff member is a person.
    roles = dict(RoleAssignment.objects.values_list("user__username", "role"))
    assert set(roles.values()) == set(Role.values)
    assert (
        roles["admin"] == Role.ADMIN and get_user_model().objects.get(username="admin").is_superuser
    )
    assert Person.objects.get(user__username="nhanvien").unit.name == "Chi cục Bảo vệ môi trường"
    assert get_user_model().objects.get(username="canbo").check_password("guongsang2026")
    assert "nhanvien" in output and "guongsang2026" in output
    # Title records over five years, with decisions and an audit trail.
    records = TitleRecord.objects.all()
    assert set(records.values_list("year", flat=True).distinct()) == set(range(2021, 2026))
    codes = set(records.values_list("title__code", flat=True).distinct())
    assert {"lao-dong-tien-tien", "htxs-nhiem-vu", "cstd-co-so", "gia-dinh-van-hoa",
            "tap-the-lao-dong-xuat-sac", "tap-the-lao-dong-tien-tien"} <= codes  # fmt: skip
    assert not records.filter(Q(decision_number="") | Q(issuer="")).exists()
    assert TitleRecord.history.filter(history_user__username="admin").count() == records.count()
    _assert_demo_lifecycle(root)
    count = Unit.objects.count()

    again = run("demo_load", if_empty=True)

    assert Unit.objects.count() == count
    assert "tonghop" in again and "guongsang2026" in again


def _assert_demo_lifecycle(root):
    """The plans of seeds 002 and 000 and the exemplars' life (guongsang/demo/lifecycle.py)."""
    province = Plan.objects.get(number="12065/KH-UBND")
    assert (province.issuer, province.status, province.movements.count()) == (root, "issued", 12)
    # The department's 2023 plan keeps its issuer as it was: merged since 1 March 2025.
    department = Plan.objects.get(issuer__name="Sở Tài nguyên và Môi trường")
    assert department.issuer.status == UnitStatus.MERGED
    assert department.quotas.filter(counts="exemplars").count() == 1
    exemplars = Exemplar.objects.all()
    assert 38 <= exemplars.count() <= 45
    assert department.exemplars.count() >= 8 and province.exemplars.count() >= 30
    assert set(exemplars.values_list("status", flat=True)) == {
        "registered", "nurturing", "proposed", "withdrawn", "not_recognised",
        "under_review", "recognised",  # reviewed by the department's council (recognition.py)
    }  # fmt: skip
    assert set(exemplars.values_list("origin", flat=True)) == set(Origin.values)
    assert exemplars.filter(person__isnull=False).exists()
    assert exemplars.filter(unit__isnull=False).exists()
    assert exemplars.filter(household__isnull=False).exists()
    assert province.exemplars.values("movement").distinct().count() >= 8
    assert not department.exemplars.filter(movement__isnull=True).exists()
    # Every step by a demo user allowed to take it, with the reasons kept.
    steps = StatusChange.objects.all()
    assert steps.filter(to_status="registered").count() == exemplars.count()
    withdrawn = steps.get(to_status="withdrawn")
    assert withdrawn.actor.username == "canbo" and withdrawn.reason
    assert steps.get(to_status="not_recognised").reason
    proposers = set(steps.filter(to_status="proposed").values_list("actor__username", flat=True))
    assert {"thutruong", "tonghop"} <= proposers
    nurtured = exemplars.exclude(status__in=["registered", "withdrawn"]).count()
    assert NurturingPlan.objects.count() == ProgressNote.objects.count() == nurtured
    assert Evaluation.objects.count() == nurtured
    # The department plan's dashboard: its quota over its former divisions, where they are now.
    canbo = get_user_model().objects.get(username="canbo")
    figures = dashboard.plan_dashboard(plan=department, user=canbo)
    rows = {(row.unit.name, row.period.key): row.state for row in figures.quotas[0].rows}
    assert rows[("Thanh tra Sở", "2023")] == "met"
    assert rows[("Chi cục Bảo vệ môi trường", "2024")] == "behind"  # no summary: not counted
    assert not any(name == "Chi cục Kiểm lâm" for name, _period in rows)
    assert [m.kind for m in figures.overdue] == ["final_review"]  # the congress: held


def test_generate_dataset_tiny_is_consistent(db):
    output = run("generate_dataset", seed=7, scale="tiny")

    assert "title records" in output
    units, people = Unit.objects.count(), Person.objects.count()
    assert 40 <= units <= 70 and people == 500
    assert Household.objects.count() == 100
    assert Membership.objects.count() == people
    assert not Person.objects.filter(unit__isnull=True).exists()
    assert not Person.objects.exclude(
        pk__in=Membership.objects.filter(end__isnull=True).values("person")
    ).exists()
    assert Unit.objects.find_problems() == NO_PROBLEMS
    assert len(Unit.objects.get_tree()) == units
    records = TitleRecord.objects.all()
    assert 1_500 <= records.count() <= 3_500
    duplicates = records.values("title", "year", "person", "unit", "household").annotate(
        n=Count("pk")
    )
    assert not duplicates.filter(n__gt=1).exists()
    assert HouseholdMember.objects.filter(relation="head").count() == 100
    person = Person.objects.order_by("pk").first()
    assert person.name_sort == person_sort_key(person.full_name)
    # Streaks exist for the eligibility engine to find.
    streaks = (
        records.filter(title__code="cstd-co-so", year__in=[2023, 2024, 2025])
        .values("person").annotate(n=Count("pk")).filter(n=3)
    )  # fmt: skip
    assert streaks.exists()
    # New rows through the services get fresh ids after the explicit ones.
    unit = factories.unit_create("Đơn vị mới", parent=Unit.objects.get_root_nodes()[0])
    assert factories.person_create(unit=unit).pk > people


def test_generate_dataset_refuses_a_database_with_data(db):
    root = factories.unit_create("UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    for i in range(11):
        factories.unit_create(f"Đơn vị {i}", parent=root)

    with pytest.raises(CommandError):
        run("generate_dataset", scale="tiny")

    run("generate_dataset", scale="tiny", force=True)
    assert Unit.objects.get_root_nodes().count() == 2
    assert Unit.objects.find_problems() == NO_PROBLEMS
