"""Import a plan file: read, resolve and check everything first, then write it all in one
transaction through the services, or nothing at all."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.orgs.models import Unit
from guongsang.orgs.services import unit_create
from guongsang.plans.enums import PlanStatus
from guongsang.plans.models import Plan
from guongsang.plans.planfile.reader import read
from guongsang.plans.planfile.resolve import NewUnit, resolve
from guongsang.plans.services import plans as services
from guongsang.plans.services.criteria import criteria_set_create


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    plan: Plan | None = None
    created_units: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


def plan_file_import(
    text: str, *, actor, issuer: Unit | None = None, dry_run: bool = False
) -> ImportResult:
    """Import the plan file `text`. With an `actor`, their permissions are checked."""
    result = ImportResult(dry_run=dry_run)
    spec, problems = read(text)
    if spec is None:
        result.errors = problems
        return result
    resolved, resolver = resolve(spec, issuer_override=issuer)
    result.errors = problems + resolver.problems.items
    if result.errors:
        return result
    if actor is not None and not _may_import(actor, resolver.issuer):
        raise PermissionDenied(_("You may not issue plans for this unit."))
    try:
        with transaction.atomic():
            _write(resolved, resolver, actor, result)
            if dry_run:
                raise _Rollback
    except _Rollback:
        result.plan = None
    except DomainError as error:
        result.errors = [str(error.message)]
        result.plan = None
        result.created_units = []
    return result


def _may_import(actor, issuer) -> bool:
    while isinstance(issuer, NewUnit):
        issuer = issuer.parent
    return actor.has_perm("plans.add_plan", issuer)


def _unit(value, actor, result):
    if not isinstance(value, NewUnit):
        return value
    if value.unit is None:
        parent = _unit(value.parent, actor, result)
        value.unit = unit_create(
            parent=parent, name=value.name, code=value.code, kind=value.kind, actor=actor
        )
        result.created_units.append(value.name)
    return value.unit


def _units(values, actor, result) -> list[Unit]:
    return [_unit(value, actor, result) for value in values]


def _write(spec: dict, resolver, actor, result: ImportResult) -> None:
    for new in resolver.new_units:
        _unit(new, actor, result)
    issuer = _unit(resolver.issuer, actor, result)
    sets = _criteria_sets(spec["criteria_sets"], issuer, actor)
    plan = _plan(spec["plan"], issuer, actor)
    for stage in spec["stages"]:
        services.stage_create(plan=plan, actor=actor, **stage)
    for milestone in spec["milestones"]:
        units = _units(milestone["responsible_units"], actor, result)
        services.milestone_create(
            plan=plan, actor=actor, **dict(milestone, responsible_units=units)
        )
    for movement in spec["movements"]:
        _movement(plan, movement, sets, actor, result)
    for quota in spec["quotas"]:
        fields = dict(quota, units=_units(quota["units"], actor, result))
        fields["recipient"] = _unit(quota["recipient"], actor, result)
        services.quota_create(plan=plan, actor=actor, **fields)
    result.plan = plan
    result.counts = {
        "stages": len(spec["stages"]),
        "milestones": len(spec["milestones"]),
        "movements": len(spec["movements"]),
        "quotas": len(spec["quotas"]),
        "criteria_sets": len(sets),
    }


def _criteria_sets(definitions: dict, issuer: Unit, actor) -> dict:
    created = {}
    for code, item in definitions.items():
        created[code] = criteria_set_create(
            name=item["name"],
            subject_kind=item["subject_kind"],
            criteria=item["criteria"],
            actor=actor,
            code=code,
            scope=item["scope"],
            field=item["field"],
            title=item["title"],
            owner=issuer,
            legal_reference=item["legal_reference"],
            description=item["description"],
        )
    return created


def _plan(spec: dict, issuer: Unit, actor) -> Plan:
    fields = {k: v for k, v in spec.items() if k not in ("issuer", "create_missing_units")}
    fields["bases"] = "\n".join(spec["bases"])
    status = fields.pop("status")
    plan = services.plan_create(actor=actor, issuer=issuer, status=PlanStatus.DRAFT, **fields)
    if status == PlanStatus.ISSUED:
        services.plan_issue(plan=plan, actor=actor)
    elif status != PlanStatus.DRAFT:
        services.plan_update(plan=plan, actor=actor, status=status)
    return plan


def _movement(plan: Plan, spec: dict, sets: dict, actor, result) -> None:
    criteria_sets = [
        sets.get(s["code"]) if isinstance(s, dict) else s for s in spec["criteria_sets"]
    ]
    services.movement_create(
        plan=plan,
        actor=actor,
        **dict(
            spec,
            lead_unit=_unit(spec["lead_unit"], actor, result),
            cooperating_units=_units(spec["cooperating_units"], actor, result),
            criteria_sets=criteria_sets,
        ),
    )
