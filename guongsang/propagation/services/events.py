"""Events: honouring conferences, congresses, exchanges, study visits, review conferences.

planned ──► held        (once it has started; the plan milestone it fulfils is then done)
   └──────► cancelled
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.orgs.models import Unit
from guongsang.plans.selectors import milestones_visible_to
from guongsang.plans.services.plans import milestone_update
from guongsang.propagation.enums import EventStatus
from guongsang.propagation.models import Event
from guongsang.propagation.services.common import (
    check_exemplars,
    check_plan,
    check_units,
    require,
    save,
)

EVENT_FIELDS = {
    "kind", "title", "organiser", "start", "end", "location", "online_url", "description",
    "is_public", "participants", "participant_count", "plan", "milestone",
}  # fmt: skip
EVENT_M2M = ("participant_units", "honoured", "presenting")
NEXT_STATUSES = {EventStatus.PLANNED: {EventStatus.HELD, EventStatus.CANCELLED}}


def _check(event: Event, actor) -> None:
    if event.end and event.start and event.end < event.start:
        raise DomainError(_("The event ends before it starts."))
    if event.status == EventStatus.HELD and event.start > timezone.now():
        raise DomainError(_("A held event cannot start in the future."))
    if event.milestone_id:
        milestone = event.milestone
        visible = milestones_visible_to(user=actor) if actor is not None else None
        if visible is not None and not visible.filter(pk=milestone.pk).exists():
            raise DomainError(_("The milestone chosen is outside your scope."))
        if event.plan_id and event.plan_id != milestone.plan_id:
            raise DomainError(_("The milestone chosen belongs to another plan."))
        event.plan = milestone.plan
    event.plan = check_plan(actor, event.plan, None)


def _save(event: Event, *, actor, fields: dict, related: dict, reason: str) -> Event:
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    _check(event, actor)
    if "participant_units" in related:
        check_units(actor, related["participant_units"])
    check_exemplars(actor, [*related.get("honoured", []), *related.get("presenting", [])])
    save(event, actor=actor, reason=reason)
    for name, values in related.items():
        getattr(event, name).set(values)
    return event


def _related(**given) -> dict:
    """The many-to-many lists given (None: leave as they are)."""
    return {name: list(given[name]) for name in EVENT_M2M if given.get(name) is not None}


@transaction.atomic
def event_create(
    *,
    organiser: Unit,
    kind: str,
    title: str,
    start,
    actor,
    participant_units=(),
    honoured=(),
    presenting=(),
    **fields,
) -> Event:
    require(actor, "propagation.record_for", organiser)
    if not organiser.is_active:
        raise DomainError(_("A closed unit organises no new events."))
    event = Event(created_by=actor if actor is not None and actor.is_authenticated else None)
    fields.update(organiser=organiser, kind=kind, title=title, start=start)
    related = _related(
        participant_units=participant_units, honoured=honoured, presenting=presenting
    )
    return _save(event, actor=actor, fields=fields, related=related, reason=_("Planned"))


@transaction.atomic
def event_update(
    *,
    event: Event,
    actor,
    participant_units=None,
    honoured=None,
    presenting=None,
    **fields,
) -> Event:
    """Change an event (in any status: a held event gets its participants and materials after
    it took place); the many-to-many lists left None stay as they are."""
    require(actor, "propagation.change", event)
    organiser = fields.get("organiser")
    if organiser is not None and organiser.pk != event.organiser_id:
        require(actor, "propagation.record_for", organiser)
    related = _related(
        participant_units=participant_units, honoured=honoured, presenting=presenting
    )
    return _save(event, actor=actor, fields=fields, related=related, reason="")


@transaction.atomic
def event_status_set(*, event: Event, status: str, actor, reason: str = "") -> Event:
    """Hold or cancel a planned event. Holding it marks the plan milestone it fulfils as done
    on the day it started, unless the milestone was done already."""
    require(actor, "propagation.change", event)
    event = (
        Event.objects.select_for_update(of=("self",)).select_related("milestone").get(pk=event.pk)
    )
    if status not in NEXT_STATUSES.get(event.status, set()):
        raise DomainError(
            _("This event is “%(status)s”; it cannot become “%(next)s”.")
            % {
                "status": EventStatus(event.status).label,
                "next": EventStatus(status).label if status in EventStatus.values else status,
            }
        )
    if status == EventStatus.HELD and event.start > timezone.now():
        raise DomainError(_("An event can be marked held only once it has started."))
    event.status = status
    save(event, actor=actor, reason=reason or EventStatus(status).label)
    milestone = event.milestone
    if status == EventStatus.HELD and milestone is not None and milestone.done_on is None:
        milestone_update(milestone=milestone, actor=actor, done_on=timezone.localdate(event.start))
    return event
