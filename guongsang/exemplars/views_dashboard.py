"""The plan dashboards: the plans a user follows, and one plan's figures.

Thin: parse the filters, fetch the plan through the visibility selector (a plan the user may
not see does not exist for them), compute the figures with the dashboard selectors, render.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from guongsang.exemplars import dashboard


class DashboardFilterForm(forms.Form):
    on = forms.DateField(label=_("As of"), required=False)
    period = forms.CharField(label=_("Period"), required=False, max_length=16)
    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    state = forms.ChoiceField(
        label=_("Quota"), required=False, choices=[("", "—"), *dashboard.QuotaState.choices]
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "today": data.get("on"),
            "unit_id": data.get("unit"),
            "period": data.get("period") or "",
            "state": data.get("state") or "",
        }


@login_required
def dashboard_home(request):
    summaries = dashboard.plans_summary(user=request.user)
    return render(request, "exemplars/dashboard/home.html", {"summaries": summaries})


@login_required
def plan_dashboard(request, pk: int):
    plan = get_object_or_404(dashboard.dashboard_plans(user=request.user), pk=pk)
    form = DashboardFilterForm(request.GET or None)
    figures = dashboard.plan_dashboard(plan=plan, user=request.user, **form.filters())
    context = {"plan": plan, "figures": figures, "form": form, "states": dashboard.QuotaState}
    return render(request, "exemplars/dashboard/plan.html", context)
