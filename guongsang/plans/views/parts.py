"""The parts of a plan on its page: stages, milestones, movements (with targets), quotas.

One set of views serves the four kinds of part; `PARTS` names each kind's form, services
and the initial values of its edit form.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from guongsang.common.errors import DomainError
from guongsang.plans import forms
from guongsang.plans.services import plans as services
from guongsang.plans.views.plans import changeable_plan


@dataclass(frozen=True)
class Part:
    name: Any
    related: str
    form: type
    create: Any
    update: Any
    delete: Any
    argument: str
    initial: Any


def _movement_initial(movement) -> dict:
    initial = {
        "name": movement.name,
        "kind": movement.kind,
        "lead_unit": movement.lead_unit_id,
        "cooperating_units": [u.pk for u in movement.cooperating_units.all()],
        "fields_": [f.pk for f in movement.fields.all()],
        "criteria_sets": [s.pk for s in movement.criteria_sets.all()],
        "start_year": movement.start_year,
        "end_year": movement.end_year,
        "description": movement.description,
    }
    for target in movement.targets.all():
        initial[f"target_{target.subject_kind}"] = target.minimum
    return initial


def _plain(*names, m2m=()):
    def initial(obj) -> dict:
        values = {name: getattr(obj, name) for name in names}
        for name in m2m:
            values[name] = [o.pk for o in getattr(obj, name).all()]
        return values

    return initial


PARTS = {
    "giai-doan": Part(
        gettext_lazy("stage"), "stages", forms.StageForm, services.stage_create,
        services.stage_update, services.stage_delete, "stage",
        _plain("name", "start", "end", "description"),
    ),
    "moc": Part(
        gettext_lazy("milestone"), "milestones", forms.MilestoneForm, services.milestone_create,
        services.milestone_update, services.milestone_delete, "milestone",
        _plain("kind", "title", "due_date", "description", "done_on", m2m=["responsible_units"]),
    ),
    "phong-trao": Part(
        gettext_lazy("movement"), "movements", forms.MovementForm, services.movement_create,
        services.movement_update, services.movement_delete, "movement", _movement_initial,
    ),
    "chi-tieu": Part(
        gettext_lazy("quota"), "quotas", forms.QuotaForm, services.quota_create,
        services.quota_update, services.quota_delete, "quota",
        _plain("title", "counts", "subject_kind", "minimum", "period", "requires_summary",
               "unit_scope", "group_id", "recipient_id", "due_offset_days", m2m=["units"]),
    ),
}  # fmt: skip


def _part(part: str) -> Part:
    if part not in PARTS:
        raise Http404
    return PARTS[part]


def _fields(form) -> dict:
    if hasattr(form, "service_fields"):
        return form.service_fields()
    return dict(form.cleaned_data)


def _render(request, plan, part, form, obj=None):
    context = {"plan": plan, "part": part, "kind": _part(part), "form": form, "object": obj}
    return render(request, "plans/plan/part_form.html", context)


def _initial(kind: Part, obj) -> dict:
    initial = kind.initial(obj)
    for key in ("group_id", "recipient_id"):
        if key in initial:
            initial[key.removesuffix("_id")] = initial.pop(key)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def part_add(request, plan_pk, part):
    plan, kind = changeable_plan(request, plan_pk), _part(part)
    form = kind.form(request.POST or None, user=request.user, plan=plan)
    if form.is_valid():
        try:
            kind.create(plan=plan, actor=request.user, **_fields(form))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Added."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return _render(request, plan, part, form)


@login_required
@require_http_methods(["GET", "POST"])
def part_edit(request, plan_pk, part, pk):
    plan, kind = changeable_plan(request, plan_pk), _part(part)
    obj = get_object_or_404(getattr(plan, kind.related), pk=pk)
    form = kind.form(
        request.POST or None, user=request.user, plan=plan, initial=_initial(kind, obj)
    )
    if form.is_valid():
        try:
            kind.update(actor=request.user, **{kind.argument: obj}, **_fields(form))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return _render(request, plan, part, form, obj)


@login_required
@require_http_methods(["GET", "POST"])
def part_delete(request, plan_pk, part, pk):
    plan, kind = changeable_plan(request, plan_pk), _part(part)
    obj = get_object_or_404(getattr(plan, kind.related), pk=pk)
    if request.method == "POST":
        try:
            kind.delete(actor=request.user, **{kind.argument: obj})
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Removed."))
        return redirect("plans:plan_detail", pk=plan.pk)
    context = {"plan": plan, "part": part, "kind": kind, "object": obj}
    return render(request, "plans/plan/part_delete.html", context)
