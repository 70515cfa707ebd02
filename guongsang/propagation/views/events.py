"""Events on the staff side: the list, a month calendar, one event with its materials, planning
and changing one, holding or cancelling it."""

import calendar
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.audit import history_entries
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.orgs.views.units import unit_filter_from_request
from guongsang.propagation import selectors, services
from guongsang.propagation.enums import EventStatus
from guongsang.propagation.forms_events import (
    EventFilterForm,
    EventForm,
    EventStatusForm,
    MaterialForm,
)
from guongsang.propagation.views._common import form_for, ids_param, int_param, require
from guongsang.propagation.views._picker import picker

EVENT_FIELDS = (
    "kind", "title", "organiser", "start", "end", "location", "online_url", "description",
    "is_public", "participants", "participant_count", "plan", "milestone",
)  # fmt: skip


def visible_event(request, pk: int):
    event = selectors.event_detail(user=request.user, pk=pk)
    if event is None:
        raise Http404
    return event


@login_required
@require_GET
def event_list(request):
    require(request, "propagation.browse")
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    unit = unit_filter_from_request(request)
    events = selectors.events_visible_to(
        user=request.user,
        unit=unit,
        kind=data.get("kind"),
        status=data.get("status"),
        year=data.get("year"),
        query=data.get("q"),
    )
    context = {
        "filter_form": form,
        "filter_unit": unit,
        "page_obj": paginate(request, events),
        "can_add": request.user.has_perm("propagation.record"),
    }
    return render(request, "propagation/event/list.html", context)


def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    year, month = int_param(request, "year") or today.year, int_param(request, "month")
    if not 1900 <= year <= 2200 or month is None or not 1 <= month <= 12:
        return today.year, today.month
    return year, month


@login_required
@require_GET
def event_month(request):
    """A month's calendar of the events the user sees (weeks from Monday)."""
    require(request, "propagation.browse")
    year, month = _month(request)
    events = selectors.events_of_month(user=request.user, year=year, month=month)
    by_day: dict[datetime.date, list] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
    weeks = [
        [(day, day.month == month, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    context = {
        "first": first,
        "weeks": weeks,
        "events": events,
        "previous": previous.replace(day=1),
        "following": following.replace(day=1),
        "today": timezone.localdate(),
        "can_add": request.user.has_perm("propagation.record"),
    }
    return render(request, "propagation/event/month.html", context)


def event_detail_context(request, event, *, material_form=None) -> dict:
    can_change = request.user.has_perm("propagation.change", event)
    return {
        "event": event,
        "materials": list(event.materials.all()),
        "can_change": can_change,
        "status_form": EventStatusForm() if can_change else None,
        "can_set_status": can_change and event.status == EventStatus.PLANNED,
        "material_form": material_form or (MaterialForm() if can_change else None),
        "history": history_entries(event),
    }


@login_required
@require_GET
def event_detail(request, pk):
    event = visible_event(request, pk)
    return render(request, "propagation/event/detail.html", event_detail_context(request, event))


def _form_kwargs(request, featured=()) -> dict:
    user = request.user
    return {
        "user": user,
        "organisers": selectors.recordable_units(user=user),
        "units": selectors.readable_units(user=user),
        "exemplars": selectors.pickable_exemplars(user=user, keep=featured),
        "milestones": selectors.event_milestones(user=user),
    }


def _form_page(request, form, *, heading, event=None):
    units = picker(
        request,
        form,
        name="units",
        legend=_("Participating units"),
        kind="unit",
        queryset=form.fields["participant_units"].queryset,
        columns=[("participant_units", _("Participates"))],
    )
    exemplars = picker(
        request,
        form,
        name="exemplars",
        legend=_("Exemplars honoured or presenting"),
        kind="exemplar",
        queryset=form.fields["honoured"].queryset,
        columns=[("honoured", _("Honoured")), ("presenting", _("Presenting"))],
        help=_("Exemplars you can see; tick those the event honours and those who present."),
    )
    context = {
        "form": form,
        "pickers": [units, exemplars],
        "heading": heading,
        "list_url": reverse("propagation:event_list"),
        "list_label": _("Events"),
        "object": event,
        "object_url": event and reverse("propagation:event_detail", args=[event.pk]),
        "form_id": "event-form",
    }
    return render(request, "propagation/form.html", context)


def _split(data: dict) -> tuple[dict, dict]:
    related = {name: list(data.pop(name)) for name in EventForm.picker_fields}
    return data, related


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    require(request, "propagation.record")
    kwargs = _form_kwargs(request)
    initial = {
        "organiser": kwargs["organisers"].values_list("pk", flat=True).first(),
        "is_public": True,
        "honoured": ids_param(request, "exemplar"),
        "milestone": int_param(request, "milestone"),
    }
    form = form_for(request, EventForm, initial=initial, **kwargs)
    if form.is_bound and form.is_valid():
        data, related = _split(dict(form.cleaned_data))
        try:
            event = services.event_create(actor=request.user, **data, **related)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event is planned."))
            return redirect("propagation:event_detail", pk=event.pk)
    return _form_page(request, form, heading=_("Plan an event"))


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = visible_event(request, pk)
    require(request, "propagation.change", event)
    initial = {name: getattr(event, name) for name in EVENT_FIELDS}
    for name in EventForm.picker_fields:
        initial[name] = [obj.pk for obj in getattr(event, name).all()]
    featured = [*initial["honoured"], *initial["presenting"]]
    form = form_for(request, EventForm, initial=initial, **_form_kwargs(request, featured))
    if form.is_bound and form.is_valid():
        data, related = _split(dict(form.cleaned_data))
        try:
            services.event_update(event=event, actor=request.user, **data, **related)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("propagation:event_detail", pk=event.pk)
    return _form_page(request, form, heading=_("Change the event"), event=event)


@login_required
@require_POST
def event_status(request, pk):
    event = visible_event(request, pk)
    require(request, "propagation.change", event)
    form = EventStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the event was held or cancelled."))
        return redirect("propagation:event_detail", pk=event.pk)
    try:
        event = services.event_status_set(
            event=event,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The event is now “%(status)s”.") % {"status": event.get_status_display()}
        )
    return redirect("propagation:event_detail", pk=event.pk)
