"""Putting subjects forward: the unit's registration list, self-registration and discovery."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from guongsang.common.errors import DomainError
from guongsang.exemplars import forms, selectors, services
from guongsang.exemplars.rules import NOMINATE_ROLES
from guongsang.exemplars.views._common import require_perm
from guongsang.orgs import scope

CANDIDATES_SHOWN = 50


def _candidates(request, roles, selected: set[str]) -> dict:
    """The subjects a search found, a bounded number of each kind, for the picking table."""
    query = request.GET.get("q", "")
    found = selectors.subjects_in_scope(user=request.user, roles=roles, query=query)
    groups = [
        (_("Individuals"), "person", found["people"], _person_label),
        (_("Collectives"), "unit", found["units"], lambda u: u.name),
        (_("Households"), "household", found["households"], _household_label),
    ]
    candidates = []
    for label, prefix, rows, describe in groups:
        shown = [
            {"token": f"{prefix}:{row.pk}", "label": describe(row)}
            for row in rows[:CANDIDATES_SHOWN]
        ]
        for row in shown:
            row["checked"] = row["token"] in selected
        candidates.append({"label": label, "rows": shown})
    return {
        "query": query,
        "candidates": candidates,
        "candidates_found": any(group["rows"] for group in candidates),
    }


def _person_label(person) -> str:
    return f"{person.full_name} — {person.unit.name}" if person.unit_id else person.full_name


def _household_label(household) -> str:
    return f"{household.name} — {household.locality.name}"


def _duplicate_warning(form, error: services.DuplicateExemplar) -> list:
    form.add_error(None, error.message)
    form.add_error(
        "confirm_duplicate", _("Tick this box to register anyway, or leave the subject out.")
    )
    return error.others


@login_required
@require_http_methods(["GET", "POST"])
def register_list(request):
    require_perm(request, "exemplars.register")
    form = forms.RegisterListForm(request.POST or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.exemplar_register_bulk(
                subjects=data["subjects"],
                plan=data["plan"],
                year=data["year"],
                actor=request.user,
                confirm_duplicate=data["confirm_duplicate"],
                **form.options(),
            )
        except services.DuplicateExemplar as error:
            duplicates = _duplicate_warning(form, error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d exemplar was registered.",
                    "%(count)d exemplars were registered.",
                    len(created),
                )
                % {"count": len(created)},
            )
            if len(created) == 1:
                return redirect("exemplars:exemplar_detail", pk=created[0].pk)
            return redirect("exemplars:my_exemplars")
    selected = set(request.POST.getlist("subjects"))
    context = {
        "form": form,
        "duplicates": duplicates,
        "multiple": True,
        **_candidates(request, scope.RECORD_WRITE_ROLES, selected),
    }
    return render(request, "exemplars/registration/register_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request):
    require_perm(request, "exemplars.nominate")
    form = forms.NominateForm(request.POST or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exemplar = services.exemplar_nominate(
                subject=data["subject"],
                plan=data["plan"],
                year=data["year"],
                discovery_kind=data["discovery_kind"],
                summary=data["summary"],
                key_achievements=data["key_achievements"],
                confirm_duplicate=data["confirm_duplicate"],
                actor=request.user,
                **form.options(),
            )
        except services.DuplicateExemplar as error:
            duplicates = _duplicate_warning(form, error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you: the nomination was recorded."))
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    selected = {request.POST.get("subject", "")}
    context = {
        "form": form,
        "duplicates": duplicates,
        "multiple": False,
        **_candidates(request, NOMINATE_ROLES, selected),
    }
    return render(request, "exemplars/registration/nominate.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def self_register(request):
    form = forms.SelfRegisterForm(request.POST or None, user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            exemplar = services.exemplar_self_register(
                plan=data["plan"],
                year=data["year"],
                summary=data["summary"],
                key_achievements=data["key_achievements"],
                confirm_duplicate=data["confirm_duplicate"],
                actor=request.user,
                **form.options(),
            )
        except services.DuplicateExemplar as error:
            duplicates = _duplicate_warning(form, error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("You are registered; your unit will follow it up."))
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    context = {"form": form, "duplicates": duplicates}
    return render(request, "exemplars/registration/self_register.html", context)
