"""Households: head, members, locality and income."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.orgs import exporters, forms, selectors, services
from guongsang.orgs.models import Person
from guongsang.orgs.views.units import require_perm, unit_filter_from_request


def _filtered_households(request):
    form = forms.PeopleSearchForm(request.GET)
    form.is_valid()
    unit = unit_filter_from_request(request)
    households = selectors.households_visible_to(
        user=request.user, query=form.cleaned_data.get("q"), unit=unit
    )
    return form, unit, households


def _visible_household(request, pk):
    return get_object_or_404(selectors.households_visible_to(user=request.user), pk=pk)


def _person_query(request) -> str:
    """The person search of a form; without JavaScript it comes with the posted form."""
    return request.GET.get("person_q") or request.POST.get("person_q") or ""


def _changeable_household(request, pk):
    household = _visible_household(request, pk)
    require_perm(request, "orgs.change_household", household)
    return household


@login_required
@require_GET
def household_list(request):
    form, unit, households = _filtered_households(request)
    context = {
        "search_form": form,
        "filter_unit": unit,
        "page_obj": paginate(request, households),
        "can_add": request.user.has_perm("orgs.add_household"),
    }
    template = "orgs/household/_results.html" if request.htmx else "orgs/household/list.html"
    return render(request, template, context)


@login_required
@require_GET
def household_export(request):
    _, _unit, households = _filtered_households(request)
    return exporters.households_xlsx(households)


@login_required
@require_GET
def household_detail(request, pk):
    household = _visible_household(request, pk)
    members = household.memberships.select_related("person", "person__unit").order_by(
        "person__name_sort"
    )
    context = {
        "household": household,
        "members": members,
        "can_change": request.user.has_perm("orgs.change_household", household),
    }
    return render(request, "orgs/household/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request):
    require_perm(request, "orgs.add_household")
    person_q = _person_query(request)
    form = forms.HouseholdCreateForm(request.POST or None, user=request.user, person_query=person_q)
    if form.is_valid():
        try:
            household = services.household_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The household “%(name)s” was created.") % {"name": household.name}
            )
            return redirect("orgs:household_detail", pk=household.pk)
    context = {"form": form, "person_q": person_q}
    return render(request, "orgs/household/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request, pk):
    household = _changeable_household(request, pk)
    initial = {
        "name": household.name,
        "locality": household.locality_id,
        "address": household.address,
        "annual_income": household.annual_income,
        "head": household.head_id,
    }
    form = forms.HouseholdEditForm(
        request.POST or None, user=request.user, household=household, initial=initial
    )
    if form.is_valid():
        try:
            services.household_update(household=household, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The household was saved."))
            return redirect("orgs:household_detail", pk=household.pk)
    return render(request, "orgs/household/form.html", {"form": form, "household": household})


@login_required
@require_http_methods(["GET", "POST"])
def household_member_add(request, pk):
    household = _changeable_household(request, pk)
    person_q = _person_query(request)
    form = forms.HouseholdMemberAddForm(
        request.POST or None, user=request.user, person_query=person_q
    )
    if form.is_valid():
        try:
            services.household_member_add(
                household=household, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(person)s was added to the household.")
                % {"person": form.cleaned_data["person"].full_name},
            )
            return redirect("orgs:household_detail", pk=household.pk)
    context = {"form": form, "household": household, "person_q": person_q}
    return render(request, "orgs/household/member_add.html", context)


@login_required
@require_POST
def household_member_remove(request, pk, person_pk):
    household = _changeable_household(request, pk)
    person = get_object_or_404(Person, pk=person_pk, households=household)
    try:
        services.household_member_remove(household=household, person=person, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(person)s was removed from the household.") % {"person": person.full_name}
        )
    return redirect("orgs:household_detail", pk=household.pk)
