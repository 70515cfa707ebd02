"""Emulation groups (Cụm thi đua, Khối thi đua)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.orgs import forms, selectors, services
from guongsang.orgs.views.units import require_perm


def _visible_group(request, pk):
    return get_object_or_404(selectors.groups_visible_to(user=request.user), pk=pk)


@login_required
@require_GET
def group_list(request):
    require_perm(request, "orgs.browse")
    form = forms.PeopleSearchForm(request.GET)
    form.is_valid()
    groups = selectors.groups_visible_to(user=request.user, query=form.cleaned_data.get("q"))
    context = {
        "search_form": form,
        "page_obj": paginate(request, groups),
        "can_add": request.user.has_perm("orgs.add_emulationgroup"),
    }
    return render(request, "orgs/group/list.html", context)


@login_required
@require_GET
def group_detail(request, pk):
    group = _visible_group(request, pk)
    context = {"group": group, "members": group.members.order_by("name_sort")}
    return render(request, "orgs/group/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    require_perm(request, "orgs.add_emulationgroup")
    form = forms.GroupForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            group = services.group_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The group “%(name)s” was created.") % {"name": group.name})
            return redirect("orgs:group_detail", pk=group.pk)
    return render(request, "orgs/group/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = _visible_group(request, pk)
    require_perm(request, "orgs.change_emulationgroup", group)
    initial = {
        "name": group.name,
        "kind": group.kind,
        "organiser": group.organiser_id,
        "members": list(group.members.values_list("pk", flat=True)),
        "year": group.year,
        "note": group.note,
    }
    form = forms.GroupForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        try:
            services.group_update(group=group, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("orgs:group_detail", pk=group.pk)
    return render(request, "orgs/group/form.html", {"form": form, "group": group})
