"""The periods of a plan's span that quotas count by: years, half-years, quarters."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from guongsang.plans.enums import QuotaPeriod
from guongsang.plans.models import Plan


@dataclass(frozen=True)
class Period:
    key: str  # "2023", "2023-H1", "2023-Q4"
    label: str
    year: int
    quarters: tuple[int, ...]  # empty for a whole year (counted by the exemplar's year)
    start: datetime.date
    end: datetime.date


def _quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def plan_periods(plan: Plan, kind: str) -> list[Period]:
    periods = []
    for year in range(plan.start_year, plan.end_year + 1):
        if kind == QuotaPeriod.YEAR:
            start = datetime.date(year, 1, 1)
            periods.append(Period(str(year), str(year), year, (), start, _quarter_end(year, 4)))
        elif kind == QuotaPeriod.HALF_YEAR:
            for half in (1, 2):
                label = _("H%(half)s/%(year)s") % {"half": half, "year": year}
                quarters = (2 * half - 1, 2 * half)
                start = datetime.date(year, 6 * half - 5, 1)
                end = _quarter_end(year, 2 * half)
                periods.append(Period(f"{year}-H{half}", label, year, quarters, start, end))
        else:
            for quarter in (1, 2, 3, 4):
                label = _("Q%(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
                start = datetime.date(year, 3 * quarter - 2, 1)
                end = _quarter_end(year, quarter)
                periods.append(Period(f"{year}-Q{quarter}", label, year, (quarter,), start, end))
    return periods
