"""Plans: list, detail, issue a new plan, change it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.plans import forms, selectors
from guongsang.plans.services import plans as services


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def visible_plan(request, pk):
    return get_object_or_404(selectors.plans_visible_to(user=request.user), pk=pk)


def changeable_plan(request, pk):
    plan = visible_plan(request, pk)
    require_perm(request, "plans.change_plan", plan)
    return plan


@login_required
@require_GET
def plan_list(request):
    require_perm(request, "plans.browse_plan")
    form = forms.PlanSearchForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    plans = selectors.plans_search(
        user=request.user,
        query=data.get("q"),
        year=data.get("year"),
        status=data.get("status") or None,
    )
    context = {
        "search_form": form,
        "page_obj": paginate(request, plans),
        "can_add": request.user.has_perm("plans.add_plan"),
        "can_import": request.user.has_perm("plans.import_plan"),
    }
    return render(request, "plans/plan/list.html", context)


@login_required
@require_GET
def plan_detail(request, pk):
    plan = visible_plan(request, pk)
    context = {
        "plan": plan,
        "bases": [line for line in plan.bases.splitlines() if line.strip()],
        "can_change": request.user.has_perm("plans.change_plan", plan),
        **selectors.plan_parts(plan=plan),
    }
    return render(request, "plans/plan/detail.html", context)


def _plan_fields(form) -> dict:
    return dict(form.cleaned_data)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    require_perm(request, "plans.add_plan")
    form = forms.PlanForm(request.POST or None, user=request.user, initial={"status": "draft"})
    if form.is_valid():
        data = _plan_fields(form)
        require_perm(request, "plans.add_plan", data["issuer"])
        try:
            plan = services.plan_create(actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The plan was created."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan/form.html", {"form": form})


def _initial(plan) -> dict:
    names = ["number", "title", "issued_on", "start_year", "end_year", "bases", "status",
             "purpose", "signer_name", "signer_title", "allows_self_registration"]  # fmt: skip
    initial = {name: getattr(plan, name) for name in names}
    initial["issuer"] = plan.issuer_id
    initial["replaces"] = plan.replaces_id
    initial["implements"] = list(plan.implements.values_list("pk", flat=True))
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = changeable_plan(request, pk)
    form = forms.PlanForm(
        request.POST or None, user=request.user, plan=plan, initial=_initial(plan)
    )
    if form.is_valid():
        data = _plan_fields(form)
        if data["issuer"] != plan.issuer:
            require_perm(request, "plans.add_plan", data["issuer"])
        try:
            services.plan_update(plan=plan, actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/plan/form.html", {"form": form, "plan": plan})


@login_required
@require_POST
def plan_issue(request, pk):
    plan = changeable_plan(request, pk)
    try:
        services.plan_issue(plan=plan, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The plan is issued."))
    return redirect("plans:plan_detail", pk=plan.pk)
