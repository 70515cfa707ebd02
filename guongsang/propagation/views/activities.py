"""Propagation activities: the list with its filters, one activity, logging and changing one,
and the summary per unit and period with the propagation quotas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.common.audit import history_entries
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.selectors import unit_roots_visible_to, units_visible_to
from guongsang.orgs.views.units import unit_filter_from_request
from guongsang.plans.enums import QuotaPeriod
from guongsang.propagation import selectors, services
from guongsang.propagation.forms import ActivityFilterForm, ActivityForm, SummaryForm
from guongsang.propagation.selectors_figures import activity_summary
from guongsang.propagation.views._common import form_for, ids_param, int_param, require
from guongsang.propagation.views._picker import picker


def _activity(request, pk: int):
    activity = selectors.activity_detail(user=request.user, pk=pk)
    if activity is None:
        raise Http404
    return activity


def _exemplar_filter(request) -> Exemplar | None:
    pk = int_param(request, "exemplar")
    if pk is None:
        return None
    return get_object_or_404(selectors.pickable_exemplars(user=request.user), pk=pk)


@login_required
@require_GET
def activity_list(request):
    require(request, "propagation.browse")
    form = ActivityFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    unit, exemplar = unit_filter_from_request(request), _exemplar_filter(request)
    activities = selectors.activities_visible_to(
        user=request.user,
        unit=unit,
        exemplar=exemplar,
        channel=data.get("channel"),
        year=data.get("year"),
        quarter=data.get("quarter"),
        query=data.get("q"),
    )
    context = {
        "filter_form": form,
        "filter_unit": unit,
        "filter_exemplar": exemplar,
        "page_obj": paginate(request, activities.prefetch_related("exemplars")),
        "can_add": request.user.has_perm("propagation.record"),
    }
    return render(request, "propagation/activity/list.html", context)


@login_required
@require_GET
def activity_detail(request, pk):
    activity = _activity(request, pk)
    context = {
        "activity": activity,
        "exemplars": list(activity.exemplars.all()),
        "can_change": request.user.has_perm("propagation.change", activity),
        "history": history_entries(activity),
    }
    return render(request, "propagation/activity/detail.html", context)


def _form_page(request, form, *, heading, activity=None):
    exemplars = picker(
        request,
        form,
        name="exemplars",
        legend=_("Exemplars featured"),
        kind="exemplar",
        queryset=form.fields["exemplars"].queryset,
        columns=[("exemplars", _("Featured"))],
        help=_("Exemplars you can see; tick those the activity presents."),
    )
    context = {
        "form": form,
        "pickers": [exemplars],
        "heading": heading,
        "list_url": reverse("propagation:activity_list"),
        "list_label": _("Propagation activities"),
        "object": activity,
        "object_url": activity and reverse("propagation:activity_detail", args=[activity.pk]),
        "form_id": "activity-form",
    }
    return render(request, "propagation/form.html", context)


def _form_kwargs(request, featured=()) -> dict:
    return {
        "user": request.user,
        "units": selectors.recordable_units(user=request.user),
        "exemplars": selectors.pickable_exemplars(user=request.user, keep=featured),
    }


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    require(request, "propagation.record")
    kwargs = _form_kwargs(request)
    initial = {
        "unit": int_param(request, "unit") or kwargs["units"].values_list("pk", flat=True).first(),
        "date": timezone.localdate(),
        "exemplars": ids_param(request, "exemplar"),
    }
    form = form_for(request, ActivityForm, initial=initial, **kwargs)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            activity = services.activity_create(
                actor=request.user, exemplars=list(data.pop("exemplars")), **data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The activity is logged."))
            return redirect("propagation:activity_detail", pk=activity.pk)
    return _form_page(request, form, heading=_("Log a propagation activity"))


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = _activity(request, pk)
    require(request, "propagation.change", activity)
    names = ("unit", "date", "channel", "title", "outlet", "url", "reach", "plan", "movement")
    initial = {name: getattr(activity, name) for name in (*names, "notes")}
    initial["exemplars"] = [exemplar.pk for exemplar in activity.exemplars.all()]
    kwargs = _form_kwargs(request, featured=initial["exemplars"])
    form = form_for(request, ActivityForm, initial=initial, **kwargs)
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.activity_update(
                activity=activity,
                actor=request.user,
                exemplars=list(data.pop("exemplars")),
                **data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("propagation:activity_detail", pk=activity.pk)
    return _form_page(request, form, heading=_("Change the activity"), activity=activity)


@login_required
@require_GET
def activity_summary_page(request):
    """Per unit directly under the chosen one and per period: activities and reach by channel,
    and whether its propagation quota is met."""
    require(request, "propagation.browse")
    roots = list(unit_roots_visible_to(user=request.user)[:50])
    # The roots of the scope, and units with units under them (each of those gets a row).
    units = units_visible_to(user=request.user).filter(
        Q(status="active", numchild__gt=0) | Q(pk__in=[root.pk for root in roots])
    )
    units = units.order_by("depth", "name_sort")
    shown = {
        "unit": roots[0].pk if roots else "",
        "year": timezone.localdate().year,
        "period": QuotaPeriod.YEAR,
        **request.GET.dict(),
    }
    form = SummaryForm(shown, units=units)
    summary = None
    if form.is_valid() and (unit := form.cleaned_data["unit"] or (roots[0] if roots else None)):
        summary = activity_summary(
            user=request.user,
            unit=unit,
            year=form.cleaned_data["year"] or timezone.localdate().year,
            period_kind=form.cleaned_data["period"] or QuotaPeriod.YEAR,
        )
    context = {"form": form, "summary": summary, "roots": roots}
    return render(request, "propagation/activity/summary.html", context)
