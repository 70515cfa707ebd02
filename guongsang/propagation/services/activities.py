"""Propagation activities (hoạt động tuyên truyền): logged by a unit once they have taken place."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.orgs.models import Unit
from guongsang.propagation.models import PropagationActivity
from guongsang.propagation.services.common import check_exemplars, check_plan, require, save

ACTIVITY_FIELDS = {
    "unit", "date", "channel", "title", "outlet", "url", "reach", "plan", "movement", "notes",
}  # fmt: skip


def _check(activity: PropagationActivity, actor) -> None:
    if activity.date and activity.date > timezone.localdate():
        raise DomainError(_("The date is in the future: log an activity once it has taken place."))
    if activity.reach is not None and activity.reach < 0:
        raise DomainError(_("The reach cannot be negative."))
    activity.plan = check_plan(actor, activity.plan, activity.movement)


def _save(activity: PropagationActivity, *, actor, fields: dict, exemplars, reason: str):
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    _check(activity, actor)
    if exemplars is not None:
        check_exemplars(actor, exemplars)
    save(activity, actor=actor, reason=reason)
    if exemplars is not None:
        activity.exemplars.set(exemplars)
    return activity


@transaction.atomic
def activity_create(
    *, unit: Unit, date, channel: str, title: str, actor, exemplars=(), **fields
) -> PropagationActivity:
    require(actor, "propagation.record_for", unit)
    if not unit.is_active:
        raise DomainError(_("A closed unit logs no new activities."))
    activity = PropagationActivity(
        created_by=actor if actor is not None and actor.is_authenticated else None
    )
    fields.update(unit=unit, date=date, channel=channel, title=title)
    return _save(
        activity, actor=actor, fields=fields, exemplars=list(exemplars), reason=_("Logged")
    )


@transaction.atomic
def activity_update(
    *, activity: PropagationActivity, actor, exemplars=None, **fields
) -> PropagationActivity:
    """Change an activity; `exemplars=None` leaves the exemplars featured as they are."""
    require(actor, "propagation.change", activity)
    unit = fields.get("unit")
    if unit is not None and unit.pk != activity.unit_id:
        require(actor, "propagation.record_for", unit)
    exemplars = None if exemplars is None else list(exemplars)
    return _save(activity, actor=actor, fields=fields, exemplars=exemplars, reason="")
