"""Every write to plans and their parts: stages, milestones, movements, targets, quotas.

Keyword-only, atomic, audited (audited_save); a refusal is a DomainError whose message the
views and the API show as is. Many-to-many fields are passed as lists of objects.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.plans.enums import PlanStatus
from guongsang.plans.models import Milestone, Movement, Plan, Quota, Stage, Target

PLAN_FIELDS = {
    "number", "title", "issuer", "issued_on", "start_year", "end_year", "bases", "replaces",
    "status", "purpose", "signer_name", "signer_title", "allows_self_registration",
}  # fmt: skip
PLAN_M2M = {"implements"}
STAGE_FIELDS = {"name", "start", "end", "description"}
MILESTONE_FIELDS = {"kind", "title", "due_date", "description", "done_on"}
MILESTONE_M2M = {"responsible_units"}
MOVEMENT_FIELDS = {"name", "kind", "lead_unit", "start_year", "end_year", "description"}
MOVEMENT_M2M = {"cooperating_units", "fields", "criteria_sets"}
QUOTA_FIELDS = {
    "title", "counts", "subject_kind", "minimum", "period", "requires_summary", "unit_scope",
    "group", "recipient", "due_offset_days",
}  # fmt: skip
QUOTA_M2M = {"units"}


def _split(fields: dict, plain: set, m2m: set) -> tuple[dict, dict]:
    unknown = set(fields) - plain - m2m
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return (
        {k: v for k, v in fields.items() if k in plain},
        {k: v for k, v in fields.items() if k in m2m},
    )


def _save(obj, *, actor, plain: dict, m2m: dict, reason: str = ""):
    for field, value in plain.items():
        setattr(obj, field, value.strip() if isinstance(value, str) else value)
    audited_save(obj, actor=actor, reason=reason)
    for field, values in m2m.items():
        getattr(obj, field).set(list(values or []))
    return obj


def _delete(obj, *, actor) -> None:
    obj._history_user = actor if actor is not None and actor.is_authenticated else None
    obj.delete()


# Plans -------------------------------------------------------------------------------------


def _check_plan(plan: Plan, implements) -> None:
    if plan.number:
        twins = Plan.objects.filter(issuer_id=plan.issuer_id, number=plan.number)
        if twins.exclude(pk=plan.pk).exists():
            raise DomainError(
                _("“%(issuer)s” already has a plan numbered %(number)s.")
                % {"issuer": plan.issuer.name, "number": plan.number}
            )
    related = [*(implements or []), *([plan.replaces] if plan.replaces_id else [])]
    if plan.pk and any(other.pk == plan.pk for other in related):
        raise DomainError(_("A plan cannot implement or replace itself."))


@transaction.atomic
def plan_create(*, actor, issuer, title: str, start_year: int, end_year: int, **fields) -> Plan:
    plain, m2m = _split(fields, PLAN_FIELDS, PLAN_M2M)
    plan = Plan(issuer=issuer, title=title, start_year=start_year, end_year=end_year)
    plan.created_by = actor if actor is not None and actor.is_authenticated else None
    return _plan_save(plan, actor=actor, plain=plain, m2m=m2m)


@transaction.atomic
def plan_update(*, plan: Plan, actor, **fields) -> Plan:
    plain, m2m = _split(fields, PLAN_FIELDS, PLAN_M2M)
    return _plan_save(plan, actor=actor, plain=plain, m2m=m2m)


def _plan_save(plan: Plan, *, actor, plain: dict, m2m: dict) -> Plan:
    for field, value in plain.items():
        setattr(plan, field, value.strip() if isinstance(value, str) else value)
    if "issuer" in plain or not plan.issuer_name:
        plan.issuer_name = plan.issuer.name
    _check_plan(plan, m2m.get("implements"))
    plan.refresh_search_fields()
    return _save(plan, actor=actor, plain={}, m2m=m2m)


@transaction.atomic
def plan_issue(*, plan: Plan, actor) -> Plan:
    """Mark the plan issued; the plan it replaces is marked replaced."""
    if plan.status == PlanStatus.ISSUED:
        raise DomainError(_("The plan is already issued."))
    plan.status = PlanStatus.ISSUED
    audited_save(plan, actor=actor, reason=_("Issued"))
    if plan.replaces_id:
        replaced = plan.replaces
        replaced.status = PlanStatus.REPLACED
        audited_save(replaced, actor=actor, reason=_("Replaced by %(plan)s") % {"plan": plan})
    return plan


# Stages and milestones ---------------------------------------------------------------------


@transaction.atomic
def stage_create(*, plan: Plan, actor, **fields) -> Stage:
    plain, _m2m = _split(fields, STAGE_FIELDS, set())
    return _save(Stage(plan=plan), actor=actor, plain=plain, m2m={})


@transaction.atomic
def stage_update(*, stage: Stage, actor, **fields) -> Stage:
    plain, _m2m = _split(fields, STAGE_FIELDS, set())
    return _save(stage, actor=actor, plain=plain, m2m={})


@transaction.atomic
def stage_delete(*, stage: Stage, actor) -> None:
    _delete(stage, actor=actor)


@transaction.atomic
def milestone_create(*, plan: Plan, actor, **fields) -> Milestone:
    plain, m2m = _split(fields, MILESTONE_FIELDS, MILESTONE_M2M)
    return _save(Milestone(plan=plan), actor=actor, plain=plain, m2m=m2m)


@transaction.atomic
def milestone_update(*, milestone: Milestone, actor, **fields) -> Milestone:
    plain, m2m = _split(fields, MILESTONE_FIELDS, MILESTONE_M2M)
    return _save(milestone, actor=actor, plain=plain, m2m=m2m)


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor) -> None:
    _delete(milestone, actor=actor)


# Movements and targets ---------------------------------------------------------------------


def _check_movement(movement: Movement) -> None:
    first, last = movement.start_year, movement.end_year
    if first and last and last < first:
        raise DomainError(_("The end year is before the start year."))


@transaction.atomic
def movement_create(*, plan: Plan, actor, targets: list[dict] | None = None, **fields):
    """A movement, with its targets given as [{subject_kind, minimum, note?}, …]."""
    plain, m2m = _split(fields, MOVEMENT_FIELDS, MOVEMENT_M2M)
    movement = Movement(plan=plan)
    for field, value in plain.items():
        setattr(movement, field, value)
    _check_movement(movement)
    _save(movement, actor=actor, plain=plain, m2m=m2m)
    for target in targets or []:
        target_set(movement=movement, actor=actor, **target)
    return movement


@transaction.atomic
def movement_update(*, movement: Movement, actor, targets: list[dict] | None = None, **fields):
    """Change the movement; given `targets`, they replace the movement's targets."""
    plain, m2m = _split(fields, MOVEMENT_FIELDS, MOVEMENT_M2M)
    for field, value in plain.items():
        setattr(movement, field, value)
    _check_movement(movement)
    _save(movement, actor=actor, plain=plain, m2m=m2m)
    if targets is not None:
        kept = {target["subject_kind"] for target in targets}
        for old in movement.targets.exclude(subject_kind__in=kept):
            target_delete(target=old, actor=actor)
        for target in targets:
            target_set(movement=movement, actor=actor, **target)
    return movement


@transaction.atomic
def movement_delete(*, movement: Movement, actor) -> None:
    if movement.exemplars.exists():
        raise DomainError(_("Exemplars are registered under this movement; it cannot be removed."))
    _delete(movement, actor=actor)


@transaction.atomic
def target_set(
    *, movement: Movement, actor, subject_kind: str, minimum: int, note: str = ""
) -> Target:
    """Create or change the movement's target for a subject kind."""
    if not isinstance(minimum, int) or minimum < 1:
        raise DomainError(_("The target must be a whole number of at least 1."))
    target = movement.targets.filter(subject_kind=subject_kind).first()
    target = target or Target(movement=movement, subject_kind=subject_kind)
    return _save(target, actor=actor, plain={"minimum": minimum, "note": note}, m2m={})


@transaction.atomic
def target_delete(*, target: Target, actor) -> None:
    _delete(target, actor=actor)


# Quotas ------------------------------------------------------------------------------------


@transaction.atomic
def quota_create(*, plan: Plan, actor, **fields) -> Quota:
    plain, m2m = _split(fields, QUOTA_FIELDS, QUOTA_M2M)
    quota = _save(Quota(plan=plan), actor=actor, plain=plain, m2m=m2m)
    _check_quota(quota)
    return quota


@transaction.atomic
def quota_update(*, quota: Quota, actor, **fields) -> Quota:
    plain, m2m = _split(fields, QUOTA_FIELDS, QUOTA_M2M)
    _save(quota, actor=actor, plain=plain, m2m=m2m)
    _check_quota(quota)
    return quota


def _check_quota(quota: Quota) -> None:
    if quota.unit_scope == "listed" and not quota.units.exists():
        raise DomainError(_("List the units the quota applies to."))
    if quota.minimum < 1:
        raise DomainError(_("The quota must be a whole number of at least 1."))


@transaction.atomic
def quota_delete(*, quota: Quota, actor) -> None:
    _delete(quota, actor=actor)
