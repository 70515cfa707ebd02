"""Disciplines, inspections and complaints: list, create, edit, close — within scope."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import guongsang.plans.rules_criteria  # noqa: F401 — registers the permissions
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.plans import selectors_criteria as selectors
from guongsang.plans.forms_criteria import CaseCreateForm, CaseEditForm, CaseFilterForm
from guongsang.plans.services import compliance as services


@login_required
def case_list(request):
    if not request.user.has_perm("plans.browse_compliancecase"):
        raise PermissionDenied
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.compliance_cases_visible_to(
        user=request.user, kind=filters.get("kind") or None,
        open_only=bool(filters.get("open_only")), query=filters.get("q"),
    )  # fmt: skip
    context = {
        "form": form,
        "page_obj": paginate(request, cases),
        "can_add": request.user.has_perm("plans.add_compliancecase"),
    }
    return render(request, "plans/compliance/list.html", context)


@login_required
def case_create(request):
    if not request.user.has_perm("plans.add_compliancecase"):
        raise PermissionDenied
    form = CaseCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.compliance_case_create(
                subject=data["subject"], kind=data["kind"], opened_on=data["opened_on"],
                actor=request.user, **form.case_fields(),
            )  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The case was recorded."))
            return redirect("criteria:case_list")
    return render(request, "plans/compliance/form.html", {"form": form, "case": None})


def _changeable_case(request, pk: int):
    case = get_object_or_404(selectors.compliance_cases_visible_to(user=request.user), pk=pk)
    if not request.user.has_perm("plans.change_compliancecase", case):
        raise PermissionDenied
    return case


@login_required
def case_edit(request, pk: int):
    case = _changeable_case(request, pk)
    form = CaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.compliance_case_update(case=case, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The case was saved."))
            return redirect("criteria:case_list")
    return render(request, "plans/compliance/form.html", {"form": form, "case": case})


@require_POST
@login_required
def case_close(request, pk: int):
    case = _changeable_case(request, pk)
    try:
        services.compliance_case_close(case=case, closed_on=datetime.date.today(),
                                       actor=request.user)  # fmt: skip
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The case was closed."))
    return redirect("criteria:case_list")
