"""Replications (nhân rộng): the list, one replication with its history, recording and updating
one, the units that replicated an exemplar by region, and the ranking of the models."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.common.audit import history_entries
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.orgs.views.units import unit_filter_from_request
from guongsang.propagation import selectors, services
from guongsang.propagation.charts import bar_chart
from guongsang.propagation.forms_replications import (
    RankingFilterForm,
    ReplicationFilterForm,
    ReplicationForm,
)
from guongsang.propagation.selectors_figures import replication_ranking, replication_regions
from guongsang.propagation.views._common import form_for, int_param, require
from guongsang.propagation.views._picker import picker

REPLICATION_FIELDS = (
    "exemplar", "unit", "start", "status", "outcome", "beneficiaries", "metric_name",
    "metric_before", "metric_after", "notes",
)  # fmt: skip


def _replication(request, pk: int):
    replication = selectors.replication_detail(user=request.user, pk=pk)
    if replication is None:
        raise Http404
    return replication


@login_required
@require_GET
def replication_list(request):
    require(request, "propagation.browse")
    form = ReplicationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    replications = selectors.replications_visible_to(
        user=request.user,
        unit=unit_filter_from_request(request),
        status=data.get("status"),
        year=data.get("year"),
        query=data.get("q"),
    )
    context = {
        "filter_form": form,
        "page_obj": paginate(request, replications),
        "can_add": request.user.has_perm("propagation.record"),
    }
    return render(request, "propagation/replication/list.html", context)


@login_required
@require_GET
def replication_detail(request, pk):
    replication = _replication(request, pk)
    context = {
        "replication": replication,
        "can_change": request.user.has_perm("propagation.change", replication),
        "history": history_entries(replication),
    }
    return render(request, "propagation/replication/detail.html", context)


def _form_page(request, form, *, heading, replication=None):
    exemplar = picker(
        request,
        form,
        name="exemplar",
        legend=_("Exemplar whose model is adopted"),
        kind="exemplar",
        queryset=form.fields["exemplar"].queryset,
        columns=[("exemplar", _("Adopted"))],
        multiple=False,
        required=True,
        help=_(
            "Recognised exemplars of your scope, and those recognised at province or national "
            "level anywhere."
        ),
    )
    context = {
        "form": form,
        "pickers": [exemplar],
        "heading": heading,
        "list_url": reverse("propagation:replication_list"),
        "list_label": _("Replications"),
        "object": replication,
        "object_url": replication
        and reverse("propagation:replication_detail", args=[replication.pk]),
        "form_id": "replication-form",
    }
    return render(request, "propagation/form.html", context)


def _form_kwargs(request, editing: bool = False) -> dict:
    return {
        "units": selectors.recordable_units(user=request.user),
        "exemplars": selectors.replicable_exemplars(user=request.user),
        "editing": editing,
    }


@login_required
@require_http_methods(["GET", "POST"])
def replication_create(request):
    require(request, "propagation.record")
    kwargs = _form_kwargs(request)
    initial = {
        "unit": int_param(request, "unit") or kwargs["units"].values_list("pk", flat=True).first(),
        "exemplar": int_param(request, "exemplar"),
        "status": "in_progress",
    }
    form = form_for(request, ReplicationForm, initial=initial, **kwargs)
    if form.is_bound and form.is_valid():
        try:
            replication = services.replication_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The replication is recorded."))
            return redirect("propagation:replication_detail", pk=replication.pk)
    return _form_page(request, form, heading=_("Record a replication"))


@login_required
@require_http_methods(["GET", "POST"])
def replication_edit(request, pk):
    replication = _replication(request, pk)
    require(request, "propagation.change", replication)
    initial = {name: getattr(replication, name) for name in REPLICATION_FIELDS}
    initial["exemplar"] = replication.exemplar_id
    kwargs = _form_kwargs(request, editing=True)
    kwargs["exemplars"] = selectors.replicable_exemplars(
        user=request.user, keep=replication.exemplar_id
    )
    form = form_for(request, ReplicationForm, initial=initial, **kwargs)
    if form.is_bound and form.is_valid():
        try:
            services.replication_update(
                replication=replication, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The replication is saved."))
            return redirect("propagation:replication_detail", pk=replication.pk)
    return _form_page(request, form, heading=_("Update the replication"), replication=replication)


@login_required
@require_GET
def exemplar_replications(request, exemplar_pk):
    """The units that adopted an exemplar's model, by province/ministry and the level below:
    a bar chart drawn on the server and the same figures as a table."""
    require(request, "propagation.browse")
    exemplar = selectors.replication_exemplar(user=request.user, pk=exemplar_pk)
    if exemplar is None:
        raise Http404
    replications = selectors.replications_visible_to(user=request.user, exemplar=exemplar)
    regions = replication_regions(replications=replications)
    rows = []
    for region in regions:
        rows.append((region.name, region.count, 0))
        rows.extend((part.name, part.count, 1) for part in region.sorted_parts())
    context = {
        "exemplar": exemplar,
        "regions": regions,
        "chart": bar_chart(rows) if rows else None,
        "replications": list(replications[:200]),
        "can_add": request.user.has_perm("propagation.record"),
    }
    return render(request, "propagation/replication/exemplar.html", context)


@login_required
@require_GET
def replication_ranking_page(request):
    require(request, "propagation.browse")
    form = RankingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    ranking = replication_ranking(user=request.user, year=data.get("year"), field=data.get("field"))
    context = {"filter_form": form, "ranking": ranking}
    return render(request, "propagation/replication/ranking.html", context)
