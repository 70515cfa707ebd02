"""Each criterion kind of the eligibility engine, with its reasons in Vietnamese.

Every `run()` also evaluates with the naive per-candidate engine and checks both agree.
"""

import datetime
from decimal import Decimal

import pytest

from guongsang.orgs.enums import UnitStatus
from guongsang.orgs.models import Membership
from guongsang.plans.engine import hooks
from guongsang.plans.enums import Verdict
from guongsang.plans.models import Judgement
from tests import factories
from tests.plans.criteria_helpers import case, criteria_set, rule, run, texts

ELIGIBLE, NOT, NEEDS = Verdict.ELIGIBLE, Verdict.NOT_ELIGIBLE, Verdict.NEEDS_JUDGEMENT


@pytest.fixture(autouse=True)
def no_providers():
    with hooks.providers_replaced():
        yield


@pytest.fixture
def people(tree):
    own = tree["own"]
    return {
        "an": factories.person_create("Nguyễn Văn An", unit=own),
        "binh": factories.person_create("Trần Thị Bình", unit=tree["own_child"]),
        "cuong": factories.person_create("Lê Văn Cường", unit=own),
    }


def test_title_streak_names_the_missing_years(tree, people):
    for year in (2022, 2023, 2024):
        factories.title_record_create(people["an"], "cstd-co-so", year)
    factories.title_record_create(people["binh"], "cstd-co-so", 2022)
    factories.title_record_create(people["binh"], "cstd-co-so", 2024)
    factories.title_record_create(people["cuong"], "cstd-co-so", 2023, nature="ad_hoc")
    cset = criteria_set("individual", rule("title_streak", titles=["cstd-co-so"], years=3))

    results = run(cset, tree["own"])

    assert results[people["an"].pk].verdict == ELIGIBLE
    assert texts(results[people["an"].pk]) == [
        "đạt danh hiệu Chiến sĩ thi đua cơ sở tất cả các năm 2022–2024"
    ]
    assert results[people["binh"].pk].verdict == NOT
    assert texts(results[people["binh"].pk]) == ["thiếu danh hiệu Chiến sĩ thi đua cơ sở năm 2023"]
    # An ad-hoc award never counts as a prerequisite.
    assert texts(results[people["cuong"].pk]) == [
        "thiếu danh hiệu Chiến sĩ thi đua cơ sở năm 2022, 2023, 2024"
    ]


def test_title_streak_ignores_achievements_until_a_discipline_ends(tree, people):
    for year in (2022, 2023, 2024):
        factories.title_record_create(people["an"], "cstd-co-so", year)
        factories.title_record_create(people["binh"], "cstd-co-so", year)
    case(people["an"], opened_on=datetime.date(2022, 3, 1), closed_on=datetime.date(2022, 5, 1),
         effect_until=datetime.date(2023, 12, 31))  # fmt: skip
    case(people["binh"], opened_on=datetime.date(2022, 3, 1), closed_on=datetime.date(2022, 5, 1),
         effect_until=datetime.date(2022, 6, 30))  # fmt: skip
    cset = criteria_set("individual", rule("title_streak", titles=["cstd-co-so"], years=3))

    results = run(cset, tree["own"])

    assert results[people["an"].pk].verdict == NOT
    assert texts(results[people["an"].pk]) == [
        "thiếu danh hiệu Chiến sĩ thi đua cơ sở năm 2022, 2023; "
        "thành tích đến hết thời hạn kỷ luật (31/12/2023) không được tính"
    ]
    # The discipline ended mid-2022: the 2022 year-end title counts.
    assert results[people["binh"].pk].verdict == ELIGIBLE


def test_rating_streak_and_any_of_titles(tree, people):
    factories.title_record_create(people["an"], "htxs-nhiem-vu", 2024)
    factories.title_record_create(people["binh"], "htt-nhiem-vu", 2024)
    cset = criteria_set("individual", rule("rating_streak", ratings=["htxs-nhiem-vu"], years=1))

    results = run(cset, tree["own"])

    assert texts(results[people["an"].pk]) == [
        "được xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2024"
    ]
    assert texts(results[people["binh"].pk]) == [
        "thiếu xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2024"
    ]


def test_title_preferred_scores_the_highest_title(tree, people):
    factories.title_record_create(people["an"], "cstd-bo-nganh-tinh", 2023)
    factories.title_record_create(people["an"], "cstd-co-so", 2024)
    factories.title_record_create(people["binh"], "lao-dong-tien-tien", 2024)
    cset = criteria_set("individual", rule("title_preferred", years=5))

    results = run(cset, tree["own"])

    assert results[people["an"].pk].score == 80
    assert texts(results[people["an"].pk]) == [
        "danh hiệu cao nhất: Chiến sĩ thi đua cấp bộ, ngành, tỉnh (2023)"
    ]
    assert results[people["binh"].pk].score == 40
    assert results[people["cuong"].pk].score == 0
    assert texts(results[people["cuong"].pk]) == ["chưa có danh hiệu nào thuộc diện ưu tiên"]
    assert {r.verdict for r in results.values()} == {ELIGIBLE}


def _head(person, unit):
    Membership.objects.filter(person=person).update(is_head=True, unit=unit)


def test_leader_rule_with_a_provider(tree, people):
    _head(people["an"], tree["own"])
    _head(people["binh"], tree["own_child"])
    cset = criteria_set("individual", rule("leader_rule"))

    with hooks.providers_replaced(lambda year: {tree["own"].pk}):
        results = run(cset, tree["own"])

    assert texts(results[people["an"].pk]) == [
        "là thủ trưởng Sở Nội vụ, tập thể điển hình tiên tiến"
    ]
    assert results[people["binh"].pk].verdict == NOT
    assert texts(results[people["binh"].pk]) == [
        "là thủ trưởng Phòng Thi đua - Khen thưởng nhưng đơn vị không phải "
        "tập thể điển hình tiên tiến năm 2024"
    ]
    assert results[people["cuong"].pk].verdict == ELIGIBLE
    assert texts(results[people["cuong"].pk]) == ["không giữ chức thủ trưởng đơn vị"]


def test_leader_rule_without_provider_uses_the_collective_set_or_asks(tree, people):
    _head(people["an"], tree["own"])
    _head(people["binh"], tree["own_child"])
    factories.title_record_create(tree["own"], "tap-the-lao-dong-xuat-sac", 2024)
    criteria_set(
        "collective",
        rule("title_streak", titles=["tap-the-lao-dong-xuat-sac"], years=1),
        code="tt-dien-hinh",
    )
    by_set = criteria_set("individual", rule("leader_rule", collective_set="tt-dien-hinh"))
    asking = criteria_set("individual", rule("leader_rule"))

    results = run(by_set, tree["own"])
    pending = run(asking, tree["own"])

    assert results[people["an"].pk].verdict == ELIGIBLE
    assert results[people["binh"].pk].verdict == NOT
    assert pending[people["an"].pk].verdict == NEEDS
    assert texts(pending[people["an"].pk]) == [
        "là thủ trưởng Sở Nội vụ: cần xác nhận đơn vị là tập thể điển hình tiên tiến"
    ]


def test_metric_rule_best_in_locality_and_bound(tree):
    commune = tree["own"]
    rich = factories.household_create("Hộ ông Giàu", locality=commune)
    poorer = factories.household_create("Hộ bà Vừa", locality=commune)
    unknown = factories.household_create("Hộ chưa khai", locality=commune)
    rich.annual_income, poorer.annual_income = Decimal(120_000_000), Decimal(85_000_000)
    rich.save(), poorer.save()
    best = criteria_set(
        "household", rule("metric_rule", metric="household.annual_income", best_in="locality")
    )
    bound = criteria_set(
        "household", rule("metric_rule", metric="household.annual_income", op=">=", value=1e8)
    )

    by_best = run(best, commune)
    by_bound = run(bound, commune)

    assert by_best[rich.pk].verdict == ELIGIBLE
    assert texts(by_best[rich.pk]) == ["thu nhập 120.000.000 đ cao nhất tại địa phương"]
    assert texts(by_best[poorer.pk]) == [
        "thu nhập 85.000.000 đ thấp hơn hộ cao nhất tại địa phương (120.000.000 đ)"
    ]
    assert by_best[unknown.pk].verdict == NEEDS
    assert texts(by_best[unknown.pk]) == ["chưa có số liệu thu nhập"]
    assert texts(by_bound[poorer.pk]) == [
        "thu nhập 85.000.000 đ không đạt yêu cầu >= 100.000.000 đ"
    ]
    assert by_bound[rich.pk].verdict == ELIGIBLE


def test_composition_of_a_collective(tree):
    team = factories.unit_create("Tổ Văn thư", parent=tree["own"])
    empty = factories.unit_create("Tổ Mới", parent=tree["own"])
    members = [factories.person_create(unit=team) for _ in range(10)]
    for person in members:
        factories.title_record_create(person, "htt-nhiem-vu", 2024)
    for person in members[:7]:
        factories.title_record_create(person, "lao-dong-tien-tien", 2024)
    cset = criteria_set(
        "collective",
        rule("composition", rules=[
            {"titles": ["htt-nhiem-vu", "htxs-nhiem-vu"], "min_share": 1},
            {"titles": ["lao-dong-tien-tien"], "min_share": 0.7},
            {"titles": ["cstd-co-so"], "min_count": 1},
        ]),
    )  # fmt: skip

    results = run(cset, tree["own"])

    assert results[team.pk].verdict == NOT
    assert texts(results[team.pk]) == [
        "10/10 thành viên (100%) đạt Hoàn thành tốt nhiệm vụ hoặc Hoàn thành xuất sắc nhiệm vụ "
        "năm 2024 (yêu cầu tối thiểu 100%); 7/10 thành viên (70%) đạt Lao động tiên tiến năm 2024 "
        "(yêu cầu tối thiểu 70%); 0 thành viên đạt Chiến sĩ thi đua cơ sở năm 2024 "
        "(yêu cầu tối thiểu 1)"
    ]
    assert texts(results[empty.pk]) == ["tập thể chưa có thành viên"]
    factories.title_record_create(members[0], "cstd-co-so", 2024)
    assert run(cset, tree["own"])[team.pk].verdict == ELIGIBLE


def test_freeze_and_dissolved_units(tree, people):
    case(
        people["an"], effect_until=datetime.date(2025, 12, 31), closed_on=datetime.date(2024, 7, 1)
    )
    case(people["binh"], kind="inspection", opened_on=datetime.date(2025, 1, 10))
    case(people["cuong"], kind="complaint", closed_on=datetime.date(2024, 9, 1))
    cset = criteria_set("individual", rule("freeze"))
    dissolved = factories.unit_create("Ban đã giải thể", parent=tree["own"])
    dissolved.status = UnitStatus.DISSOLVED
    dissolved.save()
    units = criteria_set("collective", rule("freeze"))

    results = run(cset, tree["own"])
    unit_results = run(units, tree["own"])

    assert texts(results[people["an"].pk]) == ["đang có kỷ luật đến 31/12/2025"]
    assert texts(results[people["binh"].pk]) == ["đang bị thanh tra, kiểm tra từ 10/01/2025"]
    assert results[people["cuong"].pk].verdict == ELIGIBLE
    assert texts(results[people["cuong"].pk]) == ["không có kỷ luật, thanh tra, khiếu nại đang mở"]
    assert unit_results[dissolved.pk].verdict == NOT
    assert texts(unit_results[dissolved.pk])[0] == "đơn vị đã giải thể"
    assert unit_results[tree["own"].pk].verdict == ELIGIBLE


def test_judged_criteria_and_tri_state_groups(tree, people):
    cset = criteria_set(
        "individual",
        rule("any_of", "Xuất sắc hoặc sáng kiến", children=[
            rule("rating_streak", "HTXS", ratings=["htxs-nhiem-vu"], years=1),
            rule("judged", "Có sáng kiến được công nhận"),
        ]),
    )  # fmt: skip
    judged = cset.criteria.get(kind="judged")
    factories.title_record_create(people["an"], "htxs-nhiem-vu", 2024)
    admin = factories.UserFactory()
    Judgement.objects.create(criterion=judged, year=2024, person=people["binh"], met=False,
                             evidence="Chưa có quyết định công nhận", judged_by=admin)  # fmt: skip

    results = run(cset, tree["own"])

    assert results[people["an"].pk].verdict == ELIGIBLE
    assert results[people["binh"].pk].verdict == NOT
    assert texts(results[people["binh"].pk])[2] == (
        "được đánh giá là không đạt: Chưa có quyết định công nhận"
    )
    assert results[people["cuong"].pk].verdict == NEEDS
    assert texts(results[people["cuong"].pk])[2] == "chưa được đánh giá"
    assert [r["depth"] for r in results[people["cuong"].pk].reasons] == [0, 1, 1]


def test_title_preferred_counts_only_the_years_after_a_discipline(tree, people):
    for person in (people["an"], people["binh"]):
        factories.title_record_create(person, "cstd-bo-nganh-tinh", 2022)
        factories.title_record_create(person, "cstd-co-so", 2024)
    factories.title_record_create(people["cuong"], "cstd-bo-nganh-tinh", 2022)
    for person in (people["an"], people["cuong"]):
        case(person, opened_on=datetime.date(2022, 3, 1), closed_on=datetime.date(2022, 5, 1),
             effect_until=datetime.date(2023, 6, 30))  # fmt: skip
    cset = criteria_set(
        "individual",
        rule("title_streak", titles=["cstd-co-so"], years=1),
        rule("title_preferred", years=5),
    )

    results = run(cset, tree["own"])

    assert texts(results[people["an"].pk]) == [
        "đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2024",
        "danh hiệu cao nhất: Chiến sĩ thi đua cơ sở (2024)",
    ]
    assert results[people["binh"].pk].score == 80
    assert results[people["cuong"].pk].score == 0
    assert texts(results[people["cuong"].pk])[1] == "chưa có danh hiệu nào thuộc diện ưu tiên"
