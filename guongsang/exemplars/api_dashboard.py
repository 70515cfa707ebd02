"""The plan dashboard through the API: the same figures as the page, dates in ISO 8601."""

import datetime

from ninja import Query, Router, Schema

from guongsang.common.api import ERRORS, get_or_404
from guongsang.exemplars import dashboard

router = Router(tags=["dashboard"])


class DashboardFilters(Schema):
    on: datetime.date | None = None
    unit: int | None = None
    period: str = ""
    state: dashboard.QuotaState | None = None


class StageCounts(Schema):
    registered: int
    nurturing: int
    proposed: int
    recognised: int


class KindOut(Schema):
    subject_kind: str
    target: int | None
    counts: StageCounts
    shortfall: int


class MovementOut(Schema):
    id: int | None
    name: str | None
    lead_unit_id: int | None
    lead_unit: str | None
    targets: list[KindOut]


class QuotaRowOut(Schema):
    unit_id: int
    unit: str
    period: str
    period_label: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date
    count: int
    minimum: int
    state: dashboard.QuotaState
    shortfall: int


class QuotaOut(Schema):
    id: int
    title: str
    subject_kind: str
    minimum: int
    period: str
    requires_summary: bool
    unit_scope: str
    recipient_id: int | None
    rows: list[QuotaRowOut]


class MilestoneOut(Schema):
    id: int
    kind: str
    title: str
    due_date: datetime.date
    responsible_units: list[str]


class MilestonesOut(Schema):
    upcoming: list[MilestoneOut]
    overdue: list[MilestoneOut]


class PlanRef(Schema):
    id: int
    number: str
    title: str
    issuer_id: int
    start_year: int
    end_year: int


class DashboardOut(Schema):
    plan: PlanRef
    today: datetime.date
    movements: list[MovementOut]
    quotas: list[QuotaOut]
    milestones: MilestonesOut


def _movement(item) -> dict:
    movement = item.movement
    lead = movement.lead_unit if movement else None
    return {
        "id": movement.pk if movement else None,
        "name": movement.name if movement else None,
        "lead_unit_id": lead.pk if lead else None,
        "lead_unit": lead.name if lead else None,
        "targets": [
            {
                "subject_kind": kind.subject_kind,
                "target": kind.target,
                "counts": kind.counts,
                "shortfall": kind.shortfall,
            }
            for kind in item.kinds
        ],
    }


def _quota(item) -> dict:
    quota = item.quota
    return {
        "id": quota.pk,
        "title": quota.title,
        "subject_kind": quota.subject_kind,
        "minimum": quota.minimum,
        "period": quota.period,
        "requires_summary": quota.requires_summary,
        "unit_scope": quota.unit_scope,
        "recipient_id": quota.recipient_id,
        "rows": [
            {
                "unit_id": row.unit.pk,
                "unit": row.unit.name,
                "period": row.period.key,
                "period_label": row.period.label,
                "period_start": row.period.start,
                "period_end": row.period.end,
                "due_date": row.due_date,
                "count": row.count,
                "minimum": row.minimum,
                "state": row.state,
                "shortfall": row.shortfall,
            }
            for row in item.rows
        ],
    }


def _milestone(milestone) -> dict:
    return {
        "id": milestone.pk,
        "kind": milestone.kind,
        "title": milestone.title,
        "due_date": milestone.due_date,
        "responsible_units": [unit.name for unit in milestone.responsible_units.all()],
    }


@router.get("/plans/{plan_id}/dashboard", response={200: DashboardOut, **ERRORS})
def plan_dashboard(request, plan_id: int, filters: Query[DashboardFilters]):
    """Targets against exemplar counts per movement, quota rows per unit × period (the
    caller's units only), and milestones overdue or due within 60 days."""
    plan = get_or_404(dashboard.dashboard_plans(user=request.user), plan_id)
    figures = dashboard.plan_dashboard(
        plan=plan,
        user=request.user,
        today=filters.on,
        unit_id=filters.unit,
        period=filters.period,
        state=filters.state or "",
    )
    return {
        "plan": plan,
        "today": figures.today,
        "movements": [_movement(item) for item in figures.movements],
        "quotas": [_quota(item) for item in figures.quotas],
        "milestones": {
            "upcoming": [_milestone(m) for m in figures.upcoming],
            "overdue": [_milestone(m) for m in figures.overdue],
        },
    }
