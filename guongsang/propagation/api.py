"""The propagation API: activities, the summary per unit and period, events, replications and
the ranking of the most replicated models. The same selectors, services and rules as the pages."""

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs.selectors import unit_roots_visible_to, units_visible_to
from guongsang.plans.models import Field, Movement
from guongsang.plans.selectors import plans_visible_to
from guongsang.propagation import selectors, services
from guongsang.propagation.api_schemas import (
    ActivityFilters,
    ActivityIn,
    ActivityOut,
    ActivityPatch,
    EventDetailOut,
    EventFilters,
    EventIn,
    EventOut,
    EventPatch,
    EventStatusIn,
    RankingFilters,
    RankingOut,
    RegionOut,
    ReplicationFilters,
    ReplicationIn,
    ReplicationOut,
    ReplicationPatch,
    SummaryFilters,
    SummaryOut,
)
from guongsang.propagation.selectors_figures import (
    activity_summary,
    replication_ranking,
    replication_regions,
)

router = Router(tags=["propagation"])

_TEXTS = {"title", "outlet", "url", "notes", "location", "online_url", "description",
          "participants", "outcome", "metric_name"}  # fmt: skip


def _texts(fields: dict) -> dict:
    """An explicit null for a text field empties it."""
    return {k: ("" if k in _TEXTS and v is None else v) for k, v in fields.items()}


def _unit_filter(request, pk):
    message = _("Unknown unit, or outside your scope.")
    return get_or_400(units_visible_to(user=request.user), pk, message)


def _recordable(request, pk):
    return get_or_400(
        selectors.recordable_units(user=request.user),
        pk,
        _("Unknown unit, or not one you may record for."),
    )


def _many(queryset, ids: list[int], message: str) -> list:
    wanted = set(ids)
    found = list(queryset.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise DomainError(message)
    return found


def _exemplars(request, ids):
    message = _("Unknown exemplar, or outside your scope.")
    return _many(selectors.pickable_exemplars(user=request.user), ids, message)


def _plan_and_movement(request, fields: dict) -> dict:
    if "plan_id" in fields:
        fields["plan"] = get_or_400(
            plans_visible_to(user=request.user), fields.pop("plan_id"), _("Unknown plan.")
        )
    if "movement_id" in fields:
        fields["movement"] = get_or_400(
            Movement.objects.all(), fields.pop("movement_id"), _("Unknown movement.")
        )
    return fields


# Activities ---------------------------------------------------------------------------------


def _activity(request, pk):
    activities = selectors.activities_visible_to(user=request.user)
    return get_or_404(activities.prefetch_related("exemplars"), pk)


@router.get("/propagation/activities", response=list[ActivityOut])
@paginate(Pagination)
def activity_list(request, filters: Query[ActivityFilters]):
    """Propagation activities of your scope, newest first."""
    require(request, "propagation.browse")
    exemplar = get_or_400(
        selectors.pickable_exemplars(user=request.user), filters.exemplar_id, _("Unknown exemplar.")
    )
    return selectors.activities_visible_to(
        user=request.user,
        unit=_unit_filter(request, filters.unit_id),
        channel=filters.channel,
        year=filters.year,
        quarter=filters.quarter if filters.year else None,
        exemplar=exemplar,
        query=filters.q,
    ).prefetch_related("exemplars")


@router.get("/propagation/activities/{int:activity_id}", response={200: ActivityOut, **ERRORS})
def activity_detail(request, activity_id: int):
    return _activity(request, activity_id)


@router.post("/propagation/activities", response={201: ActivityOut, **ERRORS})
def activity_create(request, payload: ActivityIn):
    """Log an activity that has taken place, for a unit you may record for."""
    require(request, "propagation.record")
    fields = _texts(payload.model_dump())
    unit = _recordable(request, fields.pop("unit_id"))
    exemplars = _exemplars(request, fields.pop("exemplar_ids"))
    activity = services.activity_create(
        unit=unit, exemplars=exemplars, actor=request.user, **_plan_and_movement(request, fields)
    )
    return Status(201, _activity(request, activity.pk))


@router.patch("/propagation/activities/{int:activity_id}", response={200: ActivityOut, **ERRORS})
def activity_update(request, activity_id: int, payload: ActivityPatch):
    activity = _activity(request, activity_id)
    require(request, "propagation.change", activity)
    fields = _texts(changes(payload))
    if "unit_id" in fields:
        fields["unit"] = _recordable(request, fields.pop("unit_id"))
    ids = fields.pop("exemplar_ids", None)
    exemplars = None if ids is None else _exemplars(request, ids)
    services.activity_update(
        activity=activity,
        exemplars=exemplars,
        actor=request.user,
        **_plan_and_movement(request, fields),
    )
    return _activity(request, activity_id)


@router.get("/propagation/summary", response={200: SummaryOut, **ERRORS})
def summary(request, filters: Query[SummaryFilters]):
    """For each unit directly under the chosen one (with its subtree) and each period of the
    year: activities and reach by channel, and its propagation quotas."""
    require(request, "propagation.browse")
    unit = _unit_filter(request, filters.unit_id)
    unit = unit or unit_roots_visible_to(user=request.user).first()
    if unit is None:
        raise DomainError(_("No unit in your scope."))
    figures = activity_summary(
        user=request.user,
        unit=unit,
        year=filters.year or timezone.localdate().year,
        period_kind=filters.period,
    )
    return {
        "unit_id": unit.pk,
        "year": figures.year,
        "period": figures.period_kind,
        "rows": [_summary_row(row, figures.periods) for row in figures.rows],
    }


def _summary_row(row, periods) -> dict:
    cells = []
    for period in periods:
        cell = row.cells[period.key]
        cells.append(
            {
                "period": period.key,
                "activities": cell.total,
                "reach": cell.total_reach,
                "channels": [
                    {"channel": c, "activities": n, "reach": r} for c, n, r in cell.by_channel()
                ],
                "quota_met": cell.quota_met,
                "quotas": [
                    {
                        "quota_id": quota.pk,
                        "title": quota.title,
                        "period": q.period.key,
                        "count": q.count,
                        "minimum": q.minimum,
                        "state": q.state,
                    }
                    for quota, q in cell.quotas
                ],
            }
        )
    return {"unit_id": row.unit.pk, "unit_name": row.unit.name, "kind": row.kind, "periods": cells}


# Events -------------------------------------------------------------------------------------


def _event(request, pk):
    return get_or_404(
        selectors.events_visible_to(user=request.user).prefetch_related(
            "participant_units", "honoured", "presenting", "materials"
        ),
        pk,
    )


def _event_fields(request, fields: dict) -> dict:
    fields = _texts(fields)
    if "organiser_id" in fields:
        fields["organiser"] = _recordable(request, fields.pop("organiser_id"))
    if "plan_id" in fields:
        fields["plan"] = get_or_400(
            plans_visible_to(user=request.user), fields.pop("plan_id"), _("Unknown plan.")
        )
    if "milestone_id" in fields:
        fields["milestone"] = get_or_400(
            selectors.event_milestones(user=request.user),
            fields.pop("milestone_id"),
            _("Unknown milestone, or of a plan you do not see."),
        )
    lists = {
        "participant_unit_ids": ("participant_units", selectors.readable_units(user=request.user)),
        "honoured_ids": ("honoured", selectors.pickable_exemplars(user=request.user)),
        "presenting_ids": ("presenting", selectors.pickable_exemplars(user=request.user)),
    }
    for key, (name, queryset) in lists.items():
        if key in fields:
            ids = fields.pop(key)
            fields[name] = (
                None
                if ids is None
                else _many(queryset, ids, _("Unknown unit or exemplar, or outside your scope."))
            )
    return fields


@router.get("/propagation/events", response=list[EventOut])
@paginate(Pagination)
def event_list(request, filters: Query[EventFilters]):
    """Events organised in your scope or attended by a unit of it, latest first."""
    require(request, "propagation.browse")
    return selectors.events_visible_to(
        user=request.user,
        unit=_unit_filter(request, filters.unit_id),
        kind=filters.kind,
        status=filters.status,
        year=filters.year,
        query=filters.q,
    )


@router.get("/propagation/events/{int:event_id}", response={200: EventDetailOut, **ERRORS})
def event_detail(request, event_id: int):
    return _event(request, event_id)


@router.post("/propagation/events", response={201: EventDetailOut, **ERRORS})
def event_create(request, payload: EventIn):
    """Plan an event organised by a unit you may record for."""
    require(request, "propagation.record")
    fields = _event_fields(request, payload.model_dump())
    event = services.event_create(actor=request.user, **fields)
    return Status(201, _event(request, event.pk))


@router.patch("/propagation/events/{int:event_id}", response={200: EventDetailOut, **ERRORS})
def event_update(request, event_id: int, payload: EventPatch):
    event = _event(request, event_id)
    require(request, "propagation.change", event)
    services.event_update(
        event=event, actor=request.user, **_event_fields(request, changes(payload))
    )
    return _event(request, event_id)


@router.post("/propagation/events/{int:event_id}/status", response={200: EventDetailOut, **ERRORS})
def event_status(request, event_id: int, payload: EventStatusIn):
    """Hold (once started) or cancel a planned event; holding it marks its milestone done."""
    services.event_status_set(
        event=_event(request, event_id),
        status=payload.status,
        reason=payload.reason,
        actor=request.user,
    )
    return _event(request, event_id)


# Replications -------------------------------------------------------------------------------


def _replication(request, pk):
    return get_or_404(selectors.replications_visible_to(user=request.user), pk)


@router.get("/propagation/replications", response=list[ReplicationOut])
@paginate(Pagination)
def replication_list(request, filters: Query[ReplicationFilters]):
    """Replications by units of your scope, or of exemplars of your scope."""
    require(request, "propagation.browse")
    exemplar = None
    if filters.exemplar_id is not None:
        exemplar = selectors.replication_exemplar(user=request.user, pk=filters.exemplar_id)
        if exemplar is None:
            raise DomainError(_("Unknown exemplar."))
    return selectors.replications_visible_to(
        user=request.user,
        exemplar=exemplar,
        unit=_unit_filter(request, filters.unit_id),
        status=filters.status,
        year=filters.year,
        query=filters.q,
    )


@router.get(
    "/propagation/replications/{int:replication_id}", response={200: ReplicationOut, **ERRORS}
)
def replication_detail(request, replication_id: int):
    return _replication(request, replication_id)


@router.post("/propagation/replications", response={201: ReplicationOut, **ERRORS})
def replication_create(request, payload: ReplicationIn):
    """Record that a unit you may record for adopts a recognised exemplar's model."""
    require(request, "propagation.record")
    fields = _texts(payload.model_dump())
    unit = _recordable(request, fields.pop("unit_id"))
    exemplar = get_or_400(
        selectors.replicable_exemplars(user=request.user),
        fields.pop("exemplar_id"),
        _("Unknown exemplar, not recognised, or outside your scope."),
    )
    replication = services.replication_create(
        exemplar=exemplar, unit=unit, actor=request.user, **fields
    )
    return Status(201, _replication(request, replication.pk))


@router.patch(
    "/propagation/replications/{int:replication_id}", response={200: ReplicationOut, **ERRORS}
)
def replication_update(request, replication_id: int, payload: ReplicationPatch):
    """Update its status, outcome and figures; every change is kept in its history."""
    replication = _replication(request, replication_id)
    require(request, "propagation.change", replication)
    services.replication_update(
        replication=replication, actor=request.user, **_texts(changes(payload))
    )
    return _replication(request, replication_id)


@router.get("/propagation/ranking", response=list[RankingOut])
def ranking(request, filters: Query[RankingFilters]):
    """The most replicated models: adopting units, those sustaining it, people reached."""
    require(request, "propagation.browse")
    field = get_or_400(Field.objects.all(), filters.field_id, _("Unknown field."))
    return replication_ranking(
        user=request.user, year=filters.year, field=field, limit=filters.limit
    )


@router.get(
    "/propagation/exemplars/{int:exemplar_id}/regions", response={200: list[RegionOut], **ERRORS}
)
def exemplar_regions(request, exemplar_id: int):
    """The units that replicated an exemplar, by top-level unit and the level below it."""
    require(request, "propagation.browse")
    exemplar = selectors.replication_exemplar(user=request.user, pk=exemplar_id)
    if exemplar is None:
        return Status(404, {"detail": _("Not found.")})
    replications = selectors.replications_visible_to(user=request.user, exemplar=exemplar)
    return [_region(region) for region in replication_regions(replications=replications)]


def _region(region) -> dict:
    return {
        "unit_id": region.unit.pk if region.unit else None,
        "name": region.name,
        "units": region.count,
        "sustained": region.sustained_count,
        "beneficiaries": region.beneficiaries,
        "parts": [_region(part) for part in region.sorted_parts()],
    }
