"""Upload a plan file, and download a plan as one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.plans import forms
from guongsang.plans.planfile import plan_file_import, plan_to_yaml
from guongsang.plans.views.plans import require_perm, visible_plan


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request):
    require_perm(request, "plans.import_plan")
    form = forms.PlanFileForm(request.POST or None, request.FILES or None, user=request.user)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        result = plan_file_import(
            data["text"], actor=request.user, issuer=data.get("issuer"), dry_run=data["dry_run"]
        )
        if result.ok and result.plan is not None:
            messages.success(
                request, _("The plan “%(plan)s” was imported.") % {"plan": result.plan}
            )
            return redirect("plans:plan_detail", pk=result.plan.pk)
    return render(request, "plans/plan/import.html", {"form": form, "result": result})


@login_required
@require_GET
def plan_export(request, pk):
    plan = visible_plan(request, pk)
    response = HttpResponse(plan_to_yaml(plan), content_type="application/yaml; charset=utf-8")
    name = slugify(f"{plan.number or 'ke-hoach'}-{plan.start_year}-{plan.end_year}") or "ke-hoach"
    response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
    return response
