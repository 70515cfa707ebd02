"""Award money: a multiple of the base salary in force on the decision date, and the fund.

Defaults from the law (Decree 152/2025/NĐ-CP): amount = the title's multiple × the base
salary, rounded to 1,000 VND; a household receives 1.5× an individual's amount — the
catalogue's household entries already carry that factor (e.g. Giấy khen 0.3 → 0.45), so a
household title without its own multiple falls back to 1.5× its individual counterpart's.
At least the fund's propagation share (≥20%) is kept for movements and propagation.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from guongsang.awards.models import BaseSalary, EmulationFund
from guongsang.common.errors import DomainError
from guongsang.titles.models import Title

HOUSEHOLD_FACTOR = Decimal("1.5")
ROUNDING = Decimal("1000")


def round_vnd(amount: Decimal) -> Decimal:
    """To the nearest 1,000 VND (half up)."""
    return (Decimal(amount) / ROUNDING).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * ROUNDING


def base_salary_on(date: datetime.date) -> BaseSalary:
    salary = BaseSalary.objects.filter(valid_from__lte=date).order_by("-valid_from").first()
    if salary is None:
        raise DomainError(
            _("No base salary is in force on %(date)s: add one first.")
            % {"date": date.strftime("%d/%m/%Y")}
        )
    return salary


def multiple_for(title: Title) -> Decimal:
    """The title's multiple; a household title without one: 1.5× the individual counterpart."""
    if title.money_multiple is not None:
        return title.money_multiple
    if title.subject_kind == "household":
        counterpart = (
            Title.objects.filter(
                kind=title.kind, level=title.level, subject_kind="individual", rank=title.rank
            )
            .exclude(money_multiple=None)
            .first()
        )
        if counterpart is not None:
            return counterpart.money_multiple * HOUSEHOLD_FACTOR
    return Decimal(0)


def award_amount(*, title: Title, base_salary: Decimal) -> Decimal:
    return round_vnd(multiple_for(title) * Decimal(base_salary))


@dataclass(frozen=True)
class FundState:
    fund: EmulationFund
    income: Decimal  # opening balance and money received
    spent: Decimal  # all spending (a positive number)
    balance: Decimal
    reserved: Decimal  # what is still kept for movements and propagation
    available: Decimal  # what awards may spend

    @property
    def reserved_total(self) -> Decimal:
        return round_vnd(self.income * self.fund.propagation_share_percent / 100)


FUND_SUMS = {
    "income": Sum("entries__amount", filter=Q(entries__amount__gt=0)),
    "spent": Sum("entries__amount", filter=Q(entries__amount__lt=0)),
    "propagation": Sum(
        "entries__amount", filter=Q(entries__amount__lt=0, entries__is_propagation=True)
    ),
}


def fund_state(fund: EmulationFund) -> FundState:
    """Balance, reserve and what is available; uses FUND_SUMS annotations when present."""
    if hasattr(fund, "spent"):
        sums = {name: getattr(fund, name) for name in FUND_SUMS}
    else:
        sums = EmulationFund.objects.filter(pk=fund.pk).aggregate(**FUND_SUMS)
    income = fund.opening_balance + (sums["income"] or 0)
    spent = -(sums["spent"] or 0)
    balance = income - spent
    share = round_vnd(income * fund.propagation_share_percent / 100)
    reserved = max(Decimal(0), share + (sums["propagation"] or 0))
    reserved = min(reserved, max(balance, Decimal(0)))
    return FundState(
        fund=fund,
        income=income,
        spent=spent,
        balance=balance,
        reserved=reserved,
        available=balance - reserved,
    )


def fund_for(unit, year: int) -> EmulationFund | None:
    return EmulationFund.objects.filter(unit=unit, year=year).first()
