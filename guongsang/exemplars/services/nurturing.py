"""Nurturing (bồi dưỡng): the plan of support, its checkpoints, follow-up notes, evaluations."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import SupportKind
from guongsang.exemplars.models import (
    Checkpoint,
    Evaluation,
    Exemplar,
    NurturingPlan,
    ProgressNote,
)
from guongsang.exemplars.services.dossier import require_change
from guongsang.orgs.models import Person

PLAN_FIELDS = {"support_kinds", "support_detail", "weaknesses", "mentor", "start", "end"}
SCORES = ("effect", "efficiency", "potential", "influence")


def _check_mentor(mentor: Person | None, actor) -> None:
    if mentor is not None and not actor.has_perm("orgs.view_person", mentor):
        raise DomainError(_("The mentor must be a person within your scope."))


@transaction.atomic
def nurturing_plan_save(*, exemplar: Exemplar, actor, **fields) -> NurturingPlan:
    """Create or change the exemplar's nurturing plan."""
    require_change(exemplar, actor, "exemplars.nurture")
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    kinds = fields.get("support_kinds")
    if kinds is not None:
        if set(kinds) - set(SupportKind.values):
            raise DomainError(_("Unknown kind of support."))
        fields["support_kinds"] = [k for k in SupportKind.values if k in set(kinds)]
    _check_mentor(fields.get("mentor"), actor)
    plan = NurturingPlan.objects.filter(exemplar=exemplar).first()
    if plan is None:
        plan = NurturingPlan(exemplar=exemplar, start=datetime.date.today())
    for name, value in fields.items():
        if name == "start" and value is None:
            continue
        setattr(plan, name, value)
    if plan.end and plan.end < plan.start:
        raise DomainError(_("The end date is before the start date."))
    return audited_save(plan, actor=actor)


def _plan_of(exemplar: Exemplar, actor) -> NurturingPlan:
    plan = NurturingPlan.objects.filter(exemplar=exemplar).first()
    return plan or nurturing_plan_save(exemplar=exemplar, actor=actor)


@transaction.atomic
def checkpoint_add(
    *, exemplar: Exemplar, description: str, due_date: datetime.date, actor
) -> Checkpoint:
    require_change(exemplar, actor, "exemplars.nurture")
    checkpoint = Checkpoint(
        nurturing_plan=_plan_of(exemplar, actor), description=description, due_date=due_date
    )
    return audited_save(checkpoint, actor=actor)


@transaction.atomic
def checkpoint_done(*, checkpoint: Checkpoint, actor, done_on: datetime.date | None = None):
    require_change(checkpoint.nurturing_plan.exemplar, actor, "exemplars.nurture")
    checkpoint.done_on = done_on or datetime.date.today()
    return audited_save(checkpoint, actor=actor)


@transaction.atomic
def progress_note_add(
    *, exemplar: Exemplar, text: str, actor, date: datetime.date | None = None
) -> ProgressNote:
    require_change(exemplar, actor, "exemplars.nurture")
    if not (text or "").strip():
        raise DomainError(_("Write the note."))
    note = ProgressNote(
        exemplar=exemplar, text=text.strip(), date=date or datetime.date.today(), author=actor
    )
    return audited_save(note, actor=actor)


@transaction.atomic
def evaluation_add(
    *,
    exemplar: Exemplar,
    actor,
    effect: int,
    efficiency: int,
    potential: int,
    influence: int,
    comment: str = "",
    date: datetime.date | None = None,
) -> Evaluation:
    """A periodic assessment: effect, efficiency, potential and influence, 1 to 5 each."""
    require_change(exemplar, actor, "exemplars.nurture")
    evaluation = Evaluation(
        exemplar=exemplar,
        date=date or datetime.date.today(),
        effect=effect,
        efficiency=efficiency,
        potential=potential,
        influence=influence,
        comment=comment,
        evaluator=actor,
    )
    return audited_save(evaluation, actor=actor)
