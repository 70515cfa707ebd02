"""People: their unit and position over time, and their households."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.orgs import exporters, forms, selectors, services
from guongsang.orgs.views.units import require_perm, unit_filter_from_request

PERSON_FIELDS = ["full_name", "gender", "birth_date", "id_number", "email", "phone"]


def _filtered_people(request):
    form = forms.PeopleSearchForm(request.GET)
    form.is_valid()
    unit = unit_filter_from_request(request)
    people = selectors.people_visible_to(
        user=request.user, query=form.cleaned_data.get("q"), unit=unit
    )
    return form, unit, people


def _visible_person(request, pk):
    return get_object_or_404(selectors.people_visible_to(user=request.user), pk=pk)


@login_required
@require_GET
def person_list(request):
    form, unit, people = _filtered_people(request)
    context = {
        "search_form": form,
        "filter_unit": unit,
        "page_obj": paginate(request, people),
        "can_add": request.user.has_perm("orgs.add_person"),
    }
    template = "orgs/person/_results.html" if request.htmx else "orgs/person/list.html"
    return render(request, template, context)


@login_required
@require_GET
def person_export(request):
    _, _unit, people = _filtered_people(request)
    return exporters.people_xlsx(people)


@login_required
@require_GET
def person_detail(request, pk):
    person = _visible_person(request, pk)
    context = {
        "person": person,
        "memberships": person.memberships.select_related("unit").order_by("-start", "-pk"),
        "households": person.households.select_related("locality", "head").order_by("name_sort"),
    }
    return render(request, "orgs/person/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    require_perm(request, "orgs.add_person")
    form = forms.PersonCreateForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The person “%(name)s” was added.") % {"name": person.full_name}
            )
            return redirect("orgs:person_detail", pk=person.pk)
    return render(request, "orgs/person/form.html", {"form": form})


def _changeable_person(request, pk):
    person = _visible_person(request, pk)
    require_perm(request, "orgs.change_person", person)
    return person


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = _changeable_person(request, pk)
    initial = {field: getattr(person, field) for field in PERSON_FIELDS}
    form = forms.PersonForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.person_update(person=person, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The person was saved."))
            return redirect("orgs:person_detail", pk=person.pk)
    return render(request, "orgs/person/form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_move(request, pk):
    person = _changeable_person(request, pk)
    form = forms.PersonMoveForm(
        request.POST or None, user=request.user, initial={"position": person.position}
    )
    if form.is_valid():
        try:
            services.person_move(person=person, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(person)s now works in “%(unit)s”.")
                % {"person": person.full_name, "unit": form.cleaned_data["unit"].name},
            )
            return redirect("orgs:person_detail", pk=person.pk)
    return render(request, "orgs/person/move.html", {"form": form, "person": person})
