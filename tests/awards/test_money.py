import datetime
from decimal import Decimal

import pytest

from guongsang.awards import money
from guongsang.awards.models import BaseSalary, EmulationFund, FundEntry
from guongsang.common.errors import DomainError
from tests import factories
from tests.awards.conftest import base_salary

pytestmark = pytest.mark.django_db


def test_base_salary_migration_loads_decree_73():
    salary = BaseSalary.objects.get(valid_from=datetime.date(2024, 7, 1))
    assert salary.amount == Decimal("2340000")
    assert "73/2024/NĐ-CP" in salary.legal_reference


def test_base_salary_on_picks_the_one_in_force_on_the_date():
    base_salary("1800000", datetime.date(2023, 7, 1))
    assert money.base_salary_on(datetime.date(2024, 6, 30)).amount == Decimal("1800000")
    assert money.base_salary_on(datetime.date(2024, 7, 1)).amount == Decimal("2340000")


def test_base_salary_on_refuses_a_date_before_any_salary(english):
    with pytest.raises(DomainError, match="No base salary is in force on 01/01/2000"):
        money.base_salary_on(datetime.date(2000, 1, 1))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("cstd-co-so", "2340000"),  # 1.0×
        ("lao-dong-tien-tien", "702000"),  # 0.3× = 702,000
        ("tap-the-lao-dong-xuat-sac", "3510000"),  # 1.5×
        ("giay-khen-ca-nhan", "702000"),
        ("giay-khen-ho-gia-dinh", "1053000"),  # household: 1.5× the individual's 702,000
        ("htxs-nhiem-vu", "0"),  # a rating carries no money
    ],
)
def test_award_amount_is_the_multiple_of_the_base_salary(code, expected):
    amount = money.award_amount(title=factories.title(code), base_salary=Decimal("2340000"))
    assert amount == Decimal(expected)


def test_household_amount_is_one_and_a_half_times_the_individual():
    base = Decimal("2340000")
    for individual, household in [
        ("giay-khen-ca-nhan", "giay-khen-ho-gia-dinh"),
        ("bang-khen-tinh-ca-nhan", "bang-khen-tinh-ho-gia-dinh"),
    ]:
        single = money.award_amount(title=factories.title(individual), base_salary=base)
        family = money.award_amount(title=factories.title(household), base_salary=base)
        assert family == money.round_vnd(single * Decimal("1.5"))


def test_household_title_without_its_own_multiple_takes_one_and_a_half(db):
    title = factories.title("giay-khen-ho-gia-dinh")
    title.money_multiple = None
    title.save()
    amount = money.award_amount(title=title, base_salary=Decimal("2340000"))
    assert amount == Decimal("1053000")


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [("1234499", "1234000"), ("1234500", "1235000"), ("999", "1000"), ("0", "0")],
)
def test_round_vnd_rounds_to_thousands(raw, rounded):
    assert money.round_vnd(Decimal(raw)) == Decimal(rounded)


def test_fund_state_keeps_the_propagation_share(tree):
    fund = EmulationFund.objects.create(unit=tree["own"], year=2025, opening_balance=10_000_000)
    FundEntry.objects.create(
        fund=fund, date=datetime.date(2025, 2, 1), amount=2_000_000, description="Bổ sung"
    )
    FundEntry.objects.create(
        fund=fund,
        date=datetime.date(2025, 2, 2),
        amount=-1_000_000,
        description="Tuyên truyền",
        is_propagation=True,
    )
    state = money.fund_state(fund)
    assert state.income == 12_000_000
    assert state.balance == 11_000_000
    assert state.reserved_total == 2_400_000
    assert state.reserved == 1_400_000  # 20% of the income less what propagation has spent
    assert state.available == 9_600_000
