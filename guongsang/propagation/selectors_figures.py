"""Figures of propagation and replication, each computed in a fixed number of queries.

- `activity_summary`: for each unit directly under a chosen unit (its whole subtree) and each
  period of a year, activities and reach by channel, and the unit's propagation quotas;
- `replication_regions`: the units that replicated an exemplar, by top-level unit (province,
  ministry) and by the level below it;
- `replication_ranking`: the most replicated models.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractQuarter
from django.utils import timezone

from guongsang.exemplars.dashboard import QuotaRow, plan_periods, quota_figures
from guongsang.exemplars.dashboard.periods import Period
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Unit
from guongsang.orgs.selectors import unit_children
from guongsang.plans.enums import QuotaCounts, QuotaPeriod
from guongsang.plans.models import Field, Quota
from guongsang.plans.selectors import plans_visible_to
from guongsang.propagation.enums import Channel, ReplicationStatus
from guongsang.propagation.models import PropagationActivity
from guongsang.propagation.selectors import replications_visible_to

RANKING_SIZE = 50

# -- activities per unit and period ------------------------------------------------------------


@dataclass
class Cell:
    """One unit in one period: activities and reach by channel, and its propagation quotas."""

    counts: Counter = field(default_factory=Counter)
    reach: Counter = field(default_factory=Counter)
    quotas: list[tuple[Quota, QuotaRow]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def total_reach(self) -> int:
        return sum(self.reach.values())

    def by_channel(self) -> list[tuple[str, int, int]]:
        return [(value, self.counts[value], self.reach[value]) for value in Channel.values]

    @property
    def quota_met(self) -> bool | None:
        """None without a propagation quota; else whether every quota row is met."""
        if not self.quotas:
            return None
        return all(row.state == "met" for _quota, row in self.quotas)


@dataclass
class SummaryRow:
    unit: Unit
    # "child": a unit directly under the chosen one, with its subtree; "self": logged by the
    # chosen unit itself (or under a unit since closed); "total": the chosen unit's subtree.
    kind: str
    cells: dict[str, Cell]


@dataclass
class ActivitySummary:
    unit: Unit
    year: int
    period_kind: str
    periods: list[Period]
    rows: list[SummaryRow]
    channels: list[tuple[str, str]]

    def tables(self) -> list[tuple[Period, list[tuple[SummaryRow, Cell]]]]:
        """Per period: each row with its cell."""
        return [(p, [(row, row.cells[p.key]) for row in self.rows]) for p in self.periods]


@dataclass(frozen=True)
class _OneYear:
    """What `plan_periods` reads of a plan: the span of years."""

    start_year: int
    end_year: int


def summary_periods(year: int, kind: str) -> list[Period]:
    return plan_periods(_OneYear(year, year), kind)


def _period_of(periods: list[Period], quarter: int) -> Period:
    return next(p for p in periods if not p.quarters or quarter in p.quarters)


def activity_summary(
    *, user, unit: Unit, year: int, period_kind: str = QuotaPeriod.YEAR, today=None
) -> ActivitySummary:
    """The unit must be one the user sees (its whole subtree is then in scope)."""
    periods = summary_periods(year, period_kind)
    children = list(unit_children(unit=unit))
    own = SummaryRow(unit, "self", {p.key: Cell() for p in periods})
    total = SummaryRow(unit, "total", {p.key: Cell() for p in periods})
    by_path = {c.path: SummaryRow(c, "child", {p.key: Cell() for p in periods}) for c in children}
    child_length = len(unit.path) + Unit.steplen
    rows = (
        PropagationActivity.objects.filter(unit__path__startswith=unit.path, date__year=year)
        .values_list("unit__path", "channel")
        .annotate(quarter=ExtractQuarter("date"), n=Count("pk"), reach=Coalesce(Sum("reach"), 0))
        .order_by()
    )
    for path, channel, quarter, n, reach in rows:
        key = _period_of(periods, quarter).key
        for row in (total, by_path.get(path[:child_length], own)):
            row.cells[key].counts[channel] += n
            row.cells[key].reach[channel] += reach
    _attach_quotas(user, year, periods, [total, *by_path.values()], today)
    result = list(by_path.values())
    if any(cell.total for cell in own.cells.values()):
        result.append(own)
    result.append(total)
    return ActivitySummary(unit, year, period_kind, periods, result, list(Channel.choices))


def _attach_quotas(user, year, periods, rows: list[SummaryRow], today) -> None:
    """Each row's unit's propagation quota rows overlapping each period (a quota counting by
    year shows in each quarter, with the year's figures)."""
    counting = Quota.objects.filter(
        counts=QuotaCounts.PROPAGATION, plan__start_year__lte=year, plan__end_year__gte=year
    )
    plans = plans_visible_to(user=user).filter(pk__in=counting.values("plan_id"))
    figures = quota_figures(plans=plans, user=user, today=today or timezone.localdate())
    quota_rows: dict[int, list[tuple[Quota, QuotaRow]]] = defaultdict(list)
    for per_plan in figures.values():
        for quota in per_plan:
            if quota.quota.counts != QuotaCounts.PROPAGATION:
                continue
            for row in quota.rows:
                if row.period.year == year:
                    quota_rows[row.unit.pk].append((quota.quota, row))
    for row in rows:
        for period in periods:
            row.cells[period.key].quotas = [
                (quota, q)
                for quota, q in quota_rows.get(row.unit.pk, [])
                if q.period.start <= period.end and q.period.end >= period.start
            ]


# -- replications by region --------------------------------------------------------------------


@dataclass
class Region:
    unit: Unit | None  # None when the unit is no longer in the tree's index (should not happen)
    name: str
    units: set[int] = field(default_factory=set)
    sustained: set[int] = field(default_factory=set)
    beneficiaries: int = 0
    adopters: list[str] = field(default_factory=list)
    parts: dict[str, "Region"] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.units)

    @property
    def sustained_count(self) -> int:
        return len(self.sustained)

    def sorted_parts(self) -> list["Region"]:
        return sorted(self.parts.values(), key=_largest_first)


def replication_regions(*, replications) -> list["Region"]:
    """Adopting units grouped by their top-level unit and the level below it (two queries)."""
    rows = list(
        replications.order_by().values_list(
            "unit_id", "unit__path", "unit__name", "status", "beneficiaries"
        )
    )
    step = Unit.steplen
    wanted = {path[:step] for _, path, *_ in rows} | {path[: 2 * step] for _, path, *_ in rows}
    units = {u.path: u for u in Unit.objects.filter(path__in=wanted)}
    regions: dict[str, Region] = {}
    for unit_id, path, name, status, beneficiaries in rows:
        top, second = path[:step], path[: 2 * step]
        region = regions.setdefault(top, _region(units.get(top)))
        part = region.parts.setdefault(second, _region(units.get(second)))
        for group in (region, part):
            if unit_id not in group.units:
                group.adopters.append(name)
            group.units.add(unit_id)
            if status == ReplicationStatus.SUSTAINED:
                group.sustained.add(unit_id)
            group.beneficiaries += beneficiaries or 0
    return sorted(regions.values(), key=_largest_first)


def _largest_first(region: Region):
    return (-region.count, region.unit.name_sort if region.unit else "")


def _region(unit: Unit | None) -> Region:
    return Region(unit=unit, name=unit.name if unit else "—")


# -- ranking of the most replicated models -----------------------------------------------------


@dataclass
class RankRow:
    exemplar: Exemplar
    units: int
    sustained: int
    beneficiaries: int
    replications: int


def replication_ranking(
    *, user, year: int | None = None, field: Field | None = None, limit: int = RANKING_SIZE
) -> list[RankRow]:
    """Exemplars by the number of units that adopted their model (replications the user sees),
    then by units that sustain it and by people reached. Two queries."""
    replications = replications_visible_to(user=user, year=year).order_by()
    if field is not None:
        replications = replications.filter(exemplar__fields=field)
    sustained = Q(status=ReplicationStatus.SUSTAINED)
    rows = list(
        replications.values("exemplar_id")
        .annotate(
            units=Count("unit", distinct=True),
            sustained=Count("unit", filter=sustained, distinct=True),
            beneficiaries=Coalesce(Sum("beneficiaries"), 0),
            replications=Count("pk"),
        )
        .order_by("-units", "-sustained", "-beneficiaries", "exemplar_id")[:limit]
    )
    exemplars = Exemplar.objects.select_related("scope_unit").in_bulk(
        [row["exemplar_id"] for row in rows]
    )
    return [
        RankRow(
            exemplar=exemplars[row["exemplar_id"]],
            units=row["units"],
            sustained=row["sustained"],
            beneficiaries=row["beneficiaries"],
            replications=row["replications"],
        )
        for row in rows
    ]
