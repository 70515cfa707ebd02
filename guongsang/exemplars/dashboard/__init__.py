"""The plan dashboard's figures: movement targets, quotas per unit and period, milestones.

Every figure is computed set-based, with a fixed number of queries whatever the number of
units or exemplars (see `quotas` for how exemplars are counted per unit subtree).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from guongsang.exemplars.dashboard.periods import Period, plan_periods
from guongsang.exemplars.dashboard.quotas import (
    SUBJECT_KINDS,
    QuotaFigures,
    QuotaRow,
    QuotaState,
    filter_rows,
    period_choices,
    quota_figures,
    quota_units,
    subject_kind_expression,
)
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Unit
from guongsang.plans.enums import SubjectKindOrAny
from guongsang.plans.models import Milestone, Movement, Plan, Target
from guongsang.plans.selectors import plans_visible_to

__all__ = [
    "Period",
    "QuotaFigures",
    "QuotaRow",
    "QuotaState",
    "dashboard_plans",
    "milestones_due",
    "movement_figures",
    "plan_dashboard",
    "plan_periods",
    "plans_summary",
    "quota_figures",
]

UPCOMING_DAYS = 60
# The columns of a target: each current status counts in one of them; under review counts as
# proposed, and withdrawn or not recognised in none.
STAGES = ("registered", "nurturing", "proposed", "recognised")
STAGE_OF_STATUS = {
    ExemplarStatus.REGISTERED: "registered",
    ExemplarStatus.NURTURING: "nurturing",
    ExemplarStatus.PROPOSED: "proposed",
    ExemplarStatus.UNDER_REVIEW: "proposed",
    ExemplarStatus.RECOGNISED: "recognised",
}


# -- which plans ----------------------------------------------------------------------------


def dashboard_plans(*, user) -> QuerySet[Plan]:
    """The plans whose dashboard the user may open: exactly the plans they may see."""
    return plans_visible_to(user=user).order_by("-start_year", "-pk")


# -- movements and targets ------------------------------------------------------------------


@dataclass
class KindFigures:
    subject_kind: str
    target: int | None
    counts: dict[str, int]

    @property
    def label(self) -> str:
        return SubjectKindOrAny(self.subject_kind).label

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def recognised(self) -> int:
        return self.counts["recognised"]

    @property
    def shortfall(self) -> int:
        return max((self.target or 0) - self.recognised, 0)

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, round(100 * self.recognised / self.target))


@dataclass
class MovementFigures:
    movement: Movement | None  # None: exemplars attached to no movement
    kinds: list[KindFigures]


def _stage_counts(plan_ids) -> dict[tuple, Counter]:
    """One query: {(plan id, movement id, subject kind): Counter(stage → n)}, current status."""
    rows = (
        Exemplar.objects.filter(plan_id__in=plan_ids)
        .values_list("plan_id", "movement_id", "status")
        .annotate(kind=subject_kind_expression(), n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for plan_id, movement_id, status, kind, n in rows:
        stage = STAGE_OF_STATUS.get(status)
        if stage:
            counts[(plan_id, movement_id, kind)][stage] += n
    return counts


def movement_figures(*, plan: Plan) -> list[MovementFigures]:
    movements = list(plan.movements.select_related("lead_unit").order_by("pk"))
    targets = defaultdict(dict)
    for target in Target.objects.filter(movement__plan=plan):
        targets[target.movement_id][target.subject_kind] = target.minimum
    counts = _stage_counts([plan.pk])
    result = []
    for movement in [*movements, None]:
        movement_id = movement.pk if movement else None
        kinds = []
        for kind in SUBJECT_KINDS:
            tally = counts.get((plan.pk, movement_id, kind), Counter())
            target = targets[movement_id].get(kind)
            if target is not None or tally:
                kinds.append(KindFigures(kind, target, {s: tally[s] for s in STAGES}))
        if movement is not None or kinds:
            result.append(MovementFigures(movement, kinds))
    return result


# -- milestones -----------------------------------------------------------------------------


def milestones_due(*, plans, today: datetime.date) -> dict[int, dict[str, list[Milestone]]]:
    """Per plan: milestones not done that are overdue, or due within the next 60 days."""
    horizon = today + datetime.timedelta(days=UPCOMING_DAYS)
    result = {p.pk: {"upcoming": [], "overdue": []} for p in plans}
    milestones = (
        Milestone.objects.filter(plan__in=plans, done_on__isnull=True, due_date__lte=horizon)
        .prefetch_related("responsible_units")
        .order_by("due_date", "pk")
    )
    for milestone in milestones:
        key = "overdue" if milestone.due_date < today else "upcoming"
        result[milestone.plan_id][key].append(milestone)
    return result


# -- the dashboards -------------------------------------------------------------------------


@dataclass
class PlanDashboard:
    plan: Plan
    today: datetime.date
    movements: list[MovementFigures]
    quotas: list[QuotaFigures]
    upcoming: list[Milestone]
    overdue: list[Milestone]
    units: list[Unit]  # the quota units in the user's scope (for the unit filter)
    periods: list[tuple[str, str]]  # (key, label) for the period filter
    unit: Unit | None = None


def plan_dashboard(
    *,
    plan: Plan,
    user,
    today: datetime.date | None = None,
    unit_id: int | None = None,
    period: str = "",
    state: str = "",
) -> PlanDashboard:
    """Every figure of one plan's dashboard (the plan must be visible to the user).

    `today` decides what is due, overdue and upcoming; quota rows may be narrowed to a unit's
    subtree (one of the quota units the user can see), a period or a year, and a state.
    """
    today = today or timezone.localdate()
    quotas = quota_figures(plans=[plan], user=user, today=today)[plan.pk]
    units = quota_units(quotas)
    unit = next((u for u in units if u.pk == unit_id), None)
    filter_rows(quotas, unit=unit, period=period, state=state)
    if unit_id and unit is None:  # not a quota unit the user can see: no rows
        for figures in quotas:
            figures.rows = []
    milestones = milestones_due(plans=[plan], today=today)[plan.pk]
    return PlanDashboard(
        plan=plan,
        today=today,
        movements=movement_figures(plan=plan),
        quotas=quotas,
        upcoming=milestones["upcoming"],
        overdue=milestones["overdue"],
        units=units,
        periods=period_choices(plan, quotas),
        unit=unit,
    )


@dataclass
class PlanSummary:
    plan: Plan
    counts: dict[str, int]
    target_total: int
    rows_due: int
    rows_behind: int
    upcoming: list[Milestone]
    overdue: list[Milestone]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def plans_summary(*, user, today: datetime.date | None = None) -> list[PlanSummary]:
    """The plans the user follows, each with its headline figures (a fixed number of queries)."""
    today = today or timezone.localdate()
    plans = list(dashboard_plans(user=user))
    if not plans:
        return []
    counts = _stage_counts([p.pk for p in plans])
    targets = Counter()
    for plan_id, minimum in Target.objects.filter(movement__plan__in=plans).values_list(
        "movement__plan_id", "minimum"
    ):
        targets[plan_id] += minimum
    quotas = quota_figures(plans=plans, user=user, today=today)
    milestones = milestones_due(plans=plans, today=today)
    result = []
    for plan in plans:
        stages = Counter()
        for (plan_id, _movement, _kind), tally in counts.items():
            if plan_id == plan.pk:
                stages.update(tally)
        rows = [row for figures in quotas[plan.pk] for row in figures.rows]
        result.append(
            PlanSummary(
                plan=plan,
                counts={s: stages[s] for s in STAGES},
                target_total=targets[plan.pk],
                rows_due=sum(1 for row in rows if row.state != QuotaState.NOT_DUE),
                rows_behind=sum(1 for row in rows if row.state == QuotaState.BEHIND),
                upcoming=milestones[plan.pk]["upcoming"],
                overdue=milestones[plan.pk]["overdue"],
            )
        )
    return result
