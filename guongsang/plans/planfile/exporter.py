"""Write a plan back as a plan file (the format of docs/plan-format.md)."""

import yaml
from django.db.models import Count

from guongsang.orgs.models import Unit
from guongsang.plans.enums import QuotaCounts
from guongsang.plans.models import Plan
from guongsang.plans.selectors import plan_parts
from guongsang.plans.services.criteria import criteria_as_data

FORMAT = "guongsang-plan/1"


def _unit(unit: Unit | None, ambiguous: set[str]):
    """The unit's code; or its name, with its parent when another unit has the same name."""
    if unit is None:
        return None
    if unit.code:
        return unit.code
    if unit.name in ambiguous:
        parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()
        if parent is not None:
            return {"name": unit.name, "under": _unit(parent, ambiguous)}
    return unit.name


def _compact(data: dict) -> dict:
    """Drop empty values so the file shows what the plan says."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def plan_to_data(plan: Plan) -> dict:
    parts = plan_parts(plan=plan)
    names = _names(plan, parts)
    shared = Unit.objects.filter(name__in=names).values("name").annotate(n=Count("pk"))
    ambiguous = {row["name"] for row in shared.filter(n__gt=1)}

    def unit(u):
        return _unit(u, ambiguous)

    sets = {s.pk: s for m in parts["movements"] for s in m.criteria_sets.all()}
    return _compact(
        {
            "format": FORMAT,
            "plan": _plan(plan, parts, unit),
            "stages": [_stage(s) for s in parts["stages"]],
            "milestones": [_milestone(m, unit) for m in parts["milestones"]],
            "criteria_sets": [_criteria_set(s) for s in sets.values()],
            "movements": [_movement(m, unit) for m in parts["movements"]],
            "quotas": [_quota(q, unit) for q in parts["quotas"]],
        }
    )


def plan_to_yaml(plan: Plan) -> str:
    return yaml.safe_dump(
        plan_to_data(plan), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def _names(plan, parts) -> set[str]:
    units = [plan.issuer]
    for milestone in parts["milestones"]:
        units += milestone.responsible_units.all()
    for movement in parts["movements"]:
        units += [movement.lead_unit, *movement.cooperating_units.all()]
    for quota in parts["quotas"]:
        units += [quota.recipient, *quota.units.all()]
    return {u.name for u in units if u is not None}


def set_code(criteria_set) -> str:
    return criteria_set.code or f"bo-tieu-chi-{criteria_set.pk}"


def _plan(plan: Plan, parts: dict, unit) -> dict:
    return _compact(
        {
            "number": plan.number,
            "title": plan.title,
            "issuer": unit(plan.issuer),
            "issued_on": plan.issued_on,
            "period": {"from": plan.start_year, "to": plan.end_year},
            "status": str(plan.status),
            "bases": [line.strip() for line in plan.bases.splitlines() if line.strip()],
            "implements": [p.number for p in parts["implements"] if p.number],
            "replaces": plan.replaces.number if plan.replaces_id else None,
            "purpose": plan.purpose,
            "signer": _compact({"name": plan.signer_name, "title": plan.signer_title}),
            "allows_self_registration": plan.allows_self_registration or None,
        }
    )


def _stage(stage) -> dict:
    return _compact(
        {
            "name": stage.name,
            "from": stage.start,
            "until": stage.end,
            "description": stage.description,
        }
    )


def _milestone(milestone, unit) -> dict:
    return _compact(
        {
            "kind": str(milestone.kind),
            "title": milestone.title,
            "due": milestone.due_date,
            "responsible": [unit(u) for u in milestone.responsible_units.all()],
            "description": milestone.description,
            "done_on": milestone.done_on,
        }
    )


def _criteria_set(criteria_set) -> dict:
    return _compact(
        {
            "code": set_code(criteria_set),
            "name": criteria_set.name,
            "subject_kind": str(criteria_set.subject_kind),
            "scope": str(criteria_set.scope),
            "field": criteria_set.field.code if criteria_set.field_id else None,
            "title": criteria_set.title.code if criteria_set.title_id else None,
            "legal_reference": criteria_set.legal_reference,
            "description": criteria_set.description,
            "criteria": criteria_as_data(criteria_set),
        }
    )


def _movement(movement, unit) -> dict:
    period = _compact({"from": movement.start_year, "to": movement.end_year})
    return _compact(
        {
            "name": movement.name,
            "kind": str(movement.kind),
            "lead": unit(movement.lead_unit),
            "cooperating": [unit(u) for u in movement.cooperating_units.all()],
            "fields": [f.code for f in movement.fields.all()],
            "period": period,
            "description": movement.description,
            "criteria_sets": [set_code(s) for s in movement.criteria_sets.all()],
            "targets": [
                _compact(
                    {"subject_kind": str(t.subject_kind), "minimum": t.minimum, "note": t.note}
                )
                for t in movement.targets.all()
            ],
        }
    )


def _quota(quota, unit) -> dict:
    return _compact(
        {
            "title": quota.title,
            # Exemplars are the default: files of such quotas stay as they were.
            "counts": None if quota.counts == QuotaCounts.EXEMPLARS else str(quota.counts),
            "subject_kind": str(quota.subject_kind),
            "minimum": quota.minimum,
            "period": str(quota.period),
            "requires_summary": quota.requires_summary,
            "applies_to": str(quota.unit_scope),
            "group": quota.group.name if quota.group_id else None,
            "units": [unit(u) for u in quota.units.all()],
            "recipient": unit(quota.recipient),
            "due_offset_days": quota.due_offset_days or None,
        }
    )
