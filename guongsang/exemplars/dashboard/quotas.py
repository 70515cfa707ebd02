"""Quotas: each unit in scope presents N exemplars, logs N propagation activities or holds N
events per period; who has met it, who is behind.

Exemplar counts are loaded in one query, grouped by (scope unit path, year, subject kind,
summary present, registration quarter), and summed per tree-path prefix in Python, so a quota
unit's figure covers its whole subtree whatever the number of units or exemplars. Propagation
activities (by the activity's unit and date) and held events (by the organiser and the day
they started) are counted the same way, one query each, grouped by (path, year, quarter); an
activity or event attached to no plan counts for every plan, one attached to a plan only for
that plan.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.translation import gettext_lazy

from guongsang.exemplars.dashboard.periods import Period, plan_periods
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs import scope
from guongsang.orgs.models import Unit
from guongsang.plans.enums import QuotaCounts, SubjectKindOrAny
from guongsang.plans.models import Quota, QuotaUnits

SUBJECT_KINDS = ("collective", "individual", "household")


class QuotaState(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    BEHIND = "behind", gettext_lazy("Behind")
    NOT_DUE = "not_due", gettext_lazy("Not yet due")


def ancestor_paths(paths) -> set[str]:
    """Every ancestor-or-self path of the given tree paths."""
    step = Unit.steplen
    return {path[:end] for path in paths for end in range(step, len(path) + 1, step)}


def subject_kind_expression():
    return Case(
        When(person__isnull=False, then=Value("individual")),
        When(unit__isnull=False, then=Value("collective")),
        default=Value("household"),
    )


class Tally:
    """Exemplar counts of one plan, summed for every tree-path prefix.

    Keys: (prefix, subject kind, has summary, year) for whole years by the exemplar's year,
    and (prefix, subject kind, has summary, registration year, quarter) for the rest.
    """

    def __init__(self):
        self.counts: Counter = Counter()

    def add(self, path, kind, has_summary, year, reg_year, reg_quarter, n) -> None:
        for prefix in ancestor_paths([path]):
            self.counts[(prefix, kind, has_summary, year)] += n
            self.counts[(prefix, kind, has_summary, reg_year, reg_quarter)] += n

    def count(self, *, path: str, subject_kind: str, requires_summary: bool, period) -> int:
        kinds = SUBJECT_KINDS if subject_kind == SubjectKindOrAny.ANY else (subject_kind,)
        flags = (True,) if requires_summary else (True, False)
        total = 0
        for kind in kinds:
            for flag in flags:
                if not period.quarters:
                    total += self.counts[(path, kind, flag, period.year)]
                for quarter in period.quarters:
                    total += self.counts[(path, kind, flag, period.year, quarter)]
        return total


class PeriodTally:
    """Propagation activities or held events of one plan, summed for every tree-path prefix.

    Keys: (prefix, year) and (prefix, year, quarter), by the activity's or event's date.
    """

    def __init__(self):
        self.counts: Counter = Counter()

    def add(self, path, year, quarter, n) -> None:
        for prefix in ancestor_paths([path]):
            self.counts[(prefix, year)] += n
            self.counts[(prefix, year, quarter)] += n

    def count(self, *, path: str, period, **_exemplar_filters) -> int:
        if not period.quarters:
            return self.counts[(path, period.year)]
        return sum(self.counts[(path, period.year, quarter)] for quarter in period.quarters)


def _dated_tallies(model_name: str, unit: str, date: str, plan_ids, years, **filters):
    """One query: rows of the plans or of no plan, in the plans' years, by (plan, unit path,
    year, quarter).

    The propagation app comes after this one, so its models are named, not imported.
    """
    model = apps.get_model("propagation", model_name)
    rows = (
        model.objects.filter(Q(plan_id__in=plan_ids) | Q(plan__isnull=True), **filters)
        .filter(**{f"{date}__year__gte": years[0], f"{date}__year__lte": years[1]})
        .values_list("plan_id", f"{unit}__path")
        .annotate(year=ExtractYear(date), quarter=ExtractQuarter(date), n=Count("pk"))
        .order_by()
    )
    tallies: dict[int, PeriodTally] = defaultdict(PeriodTally)
    for plan_id, path, year, quarter, n in rows:
        for target in [plan_id] if plan_id else plan_ids:
            tallies[target].add(path, year, quarter, n)
    return tallies


def _tallies_of(counts: str, plans: list) -> dict:
    plan_ids = sorted(p.pk for p in plans)
    years = (min(p.start_year for p in plans), max(p.end_year for p in plans))
    if counts == QuotaCounts.PROPAGATION:
        return _dated_tallies("PropagationActivity", "unit", "date", plan_ids, years)
    if counts == QuotaCounts.EVENTS:  # events organised: those held (EventStatus.HELD)
        return _dated_tallies("Event", "organiser", "start", plan_ids, years, status="held")
    return _tallies(plan_ids)


def _tallies(plan_ids) -> dict[int, Tally]:
    """One query: presented exemplars (not withdrawn) of the plans, grouped for quotas."""
    rows = (
        Exemplar.objects.filter(plan_id__in=plan_ids)
        .exclude(status=ExemplarStatus.WITHDRAWN)
        .values_list("plan_id", "scope_unit__path", "year")
        .annotate(
            kind=subject_kind_expression(),
            has_summary=Case(When(summary="", then=Value(False)), default=Value(True)),
            reg_year=ExtractYear("registered_at"),
            reg_quarter=ExtractQuarter("registered_at"),
            n=Count("pk"),
        )
        .order_by()
    )
    tallies: dict[int, Tally] = defaultdict(Tally)
    for plan_id, path, year, kind, has_summary, reg_year, reg_quarter, n in rows:
        tallies[plan_id].add(path, kind, bool(has_summary), year, reg_year, reg_quarter, n)
    return tallies


# -- quotas ---------------------------------------------------------------------------------


@dataclass
class QuotaRow:
    unit: Unit
    period: Period
    due_date: datetime.date
    count: int
    minimum: int
    state: str

    @property
    def shortfall(self) -> int:
        return max(self.minimum - self.count, 0)

    @property
    def state_label(self) -> str:
        return QuotaState(self.state).label


@dataclass
class QuotaFigures:
    quota: Quota
    units: list[Unit]
    periods: list[Period]
    rows: list[QuotaRow] = field(default_factory=list)

    @property
    def behind(self) -> list[QuotaRow]:
        return [row for row in self.rows if row.state == QuotaState.BEHIND]


def _active_children(issuers: list[Unit]) -> dict[int, list[Unit]]:
    """One query: the active units directly under each active issuer."""
    query = Q(pk__in=[])
    for issuer in issuers:
        query |= Q(path__startswith=issuer.path, depth=issuer.depth + 1)
    children = list(Unit.objects.filter(query, status="active").order_by("name_sort"))
    return {
        issuer.pk: [
            c for c in children if c.path.startswith(issuer.path) and c.depth == issuer.depth + 1
        ]
        for issuer in issuers
    }


def _former_children(issuer: Unit) -> list[Unit]:
    """The units once directly under a closed issuer, where they are now: still active (moved
    to its successor), or replaced by the units they merged into. Roll-ups follow successors."""
    ids = Unit.history.filter(path__startswith=issuer.path, depth=issuer.depth + 1).values("id")
    units = list(Unit.objects.filter(pk__in=ids))
    closed = [u.pk for u in units if not u.is_active]
    successors = Unit.objects.filter(
        succession_as_successor__predecessor__in=closed, status="active"
    )
    found = {u.pk: u for u in [*units, *successors] if u.is_active}
    return sorted(found.values(), key=lambda u: u.name_sort)


def _issuer_children(plans) -> dict[int, list[Unit]]:
    """Per plan: the units directly under its issuer (a closed issuer: its former children)."""
    active = _active_children([p.issuer for p in plans if p.issuer.is_active])
    return {
        plan.pk: active[plan.issuer_id] if plan.issuer.is_active else _former_children(plan.issuer)
        for plan in plans
    }


def _quota_units(quota: Quota, children: dict[int, list[Unit]]) -> list[Unit]:
    if quota.unit_scope == QuotaUnits.CHILDREN:
        return children.get(quota.plan_id, [])
    if quota.unit_scope == QuotaUnits.GROUP:
        members = quota.group.members.all() if quota.group_id else []
        return sorted(members, key=lambda u: u.name_sort)
    return sorted(quota.units.all(), key=lambda u: u.name_sort)


def _state(count: int, minimum: int, due: datetime.date, today: datetime.date) -> str:
    if count >= minimum:
        return QuotaState.MET
    return QuotaState.BEHIND if due < today else QuotaState.NOT_DUE


def quota_figures(*, plans, user, today: datetime.date) -> dict[int, list[QuotaFigures]]:
    """Per plan, each quota's rows: the user's units in its scope × the plan's periods."""
    plans = list(plans)
    quotas = list(
        Quota.objects.filter(plan__in=plans)
        .select_related("group")
        .prefetch_related("units", "group__members")
        .order_by("plan_id", "pk")
    )
    children_of = {q.plan_id for q in quotas if q.unit_scope == QuotaUnits.CHILDREN}
    needs_children = [p for p in plans if p.pk in children_of]
    children = _issuer_children(needs_children) if needs_children else {}
    by_pk = {p.pk: p for p in plans}
    plans_counting: dict[str, dict[int, object]] = defaultdict(dict)
    for quota in quotas:
        plans_counting[quota.counts][quota.plan_id] = by_pk[quota.plan_id]
    tallies = {
        counts: _tallies_of(counts, list(counting.values()))
        for counts, counting in plans_counting.items()
    }
    paths = None if scope.is_admin(user) else scope.scope_paths(user)
    result: dict[int, list[QuotaFigures]] = {p.pk: [] for p in plans}
    for quota in quotas:
        units = [
            u
            for u in _quota_units(quota, children)
            if paths is None or scope.path_in_scope(u.path, paths)
        ]
        figures = QuotaFigures(quota, units, plan_periods(by_pk[quota.plan_id], quota.period))
        tally = tallies[quota.counts].get(quota.plan_id) or Tally()
        for quota_unit in units:
            for period in figures.periods:
                due = period.end + datetime.timedelta(days=quota.due_offset_days)
                count = tally.count(
                    path=quota_unit.path,
                    subject_kind=quota.subject_kind,
                    requires_summary=quota.requires_summary,
                    period=period,
                )
                state = _state(count, quota.minimum, due, today)
                figures.rows.append(QuotaRow(quota_unit, period, due, count, quota.minimum, state))
        result[quota.plan_id].append(figures)
    return result


def filter_rows(
    figures: list[QuotaFigures], *, unit: Unit | None = None, period: str = "", state: str = ""
) -> None:
    """Keep the rows of a unit's subtree, of one period ("2023": every period of 2023), of one
    state."""
    for quota in figures:
        quota.rows = [
            row
            for row in quota.rows
            if (unit is None or row.unit.path.startswith(unit.path))
            and (not period or row.period.key == period or str(row.period.year) == period)
            and (not state or row.state == state)
        ]


def period_choices(plan, figures: list[QuotaFigures]) -> list[tuple[str, str]]:
    """The plan's years, then the half-years and quarters its quotas count by."""
    choices = [(str(y), str(y)) for y in range(plan.start_year, plan.end_year + 1)]
    seen = set()
    for quota in figures:
        for period in quota.periods:
            if period.quarters and period.key not in seen:
                seen.add(period.key)
                choices.append((period.key, period.label))
    return choices


def quota_units(figures: list[QuotaFigures]) -> list[Unit]:
    """Every unit with rows, once, by name."""
    seen: dict[int, Unit] = {}
    for quota in figures:
        for unit in quota.units:
            seen.setdefault(unit.pk, unit)
    return sorted(seen.values(), key=lambda u: u.name_sort)
