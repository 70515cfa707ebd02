"""The organisation tree: browse, search, see a unit, and change the tree through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.orgs import exporters, forms, scope, selectors, services
from guongsang.orgs.enums import UnitStatus
from guongsang.orgs.models import Household, Person, Unit, UnitSuccession

UNIT_PEOPLE_SHOWN = 20


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _visible_unit(request, pk) -> Unit:
    return get_object_or_404(selectors.units_visible_to(user=request.user), pk=pk)


def _show_closed(request) -> bool:
    return request.GET.get("closed") == "1"


@login_required
@require_GET
def unit_tree(request):
    require_perm(request, "orgs.browse")
    show_closed = _show_closed(request)
    roots = selectors.unit_roots_visible_to(user=request.user)
    if not show_closed:
        roots = roots.filter(status=UnitStatus.ACTIVE)
    context = {
        "units": roots,
        "show_closed": show_closed,
        "search_form": forms.UnitSearchForm(),
        "can_add_root": scope.is_admin(request.user),
        "can_merge": _can_restructure(request.user),
    }
    return render(request, "orgs/unit/tree.html", context)


@login_required
@require_GET
def unit_children(request, pk):
    unit = _visible_unit(request, pk)
    show_closed = _show_closed(request)
    children = selectors.unit_children(unit=unit, include_closed=show_closed)
    context = {"units": children, "show_closed": show_closed, "parent": unit}
    return render(request, "orgs/unit/_children.html", context)


def _search(request):
    form = forms.UnitSearchForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    units = selectors.units_search(
        user=request.user, query=data.get("q"), kind=data.get("kind") or None
    )
    return form, units


@login_required
@require_GET
def unit_search(request):
    require_perm(request, "orgs.browse")
    form, units = _search(request)
    context = {"search_form": form, "page_obj": paginate(request, units), "searched": True}
    template = "orgs/unit/_search_results.html" if request.htmx else "orgs/unit/search.html"
    return render(request, template, context)


@login_required
@require_GET
def unit_export(request):
    require_perm(request, "orgs.browse")
    _, units = _search(request)
    return exporters.units_xlsx(units.prefetch_related("former_names"))


@login_required
@require_GET
def unit_detail(request, pk):
    unit = _visible_unit(request, pk)
    user = request.user
    ancestors = [(a, user.has_perm("orgs.view_unit", a)) for a in Unit.objects.get_ancestors(unit)]
    people = selectors.people_visible_to(user=user, unit=unit)
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": selectors.unit_children(unit=unit, include_closed=True),
        "former_names": unit.former_names.all(),
        "predecessors": UnitSuccession.objects.filter(successor=unit)
        .select_related("predecessor")
        .order_by("-date", "predecessor__name_sort"),
        "successors": UnitSuccession.objects.filter(predecessor=unit)
        .select_related("successor")
        .order_by("-date", "successor__name_sort"),
        "current_successors": []
        if unit.is_active
        else selectors.unit_current_successors(unit=unit),
        "people": people[:UNIT_PEOPLE_SHOWN],
        "people_count": Person.objects.filter(
            selectors.unit_rollup_q(unit=unit, field="unit__path")
        ).count(),
        "household_count": Household.objects.filter(
            selectors.unit_rollup_q(unit=unit, field="locality__path")
        ).count(),
        "can_add_child": user.has_perm("orgs.add_unit", unit) and unit.is_active,
    }
    return render(request, "orgs/unit/detail.html", context)


def _form_page(request, template, form, **context):
    return render(request, template, {"form": form, **context})


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    parent = None
    if request.GET.get("parent"):
        parent = _visible_unit(request, request.GET["parent"])
        require_perm(request, "orgs.add_unit", parent)
    elif not scope.is_admin(request.user):
        raise PermissionDenied
    form = forms.UnitCreateForm(request.POST or None)
    if form.is_valid():
        try:
            unit = services.unit_create(parent=parent, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The unit “%(name)s” was created.") % {"name": unit.name})
            return redirect("orgs:unit_detail", pk=unit.pk)
    return _form_page(request, "orgs/unit/create.html", form, parent=parent)


def _changeable_unit(request, pk) -> Unit:
    unit = _visible_unit(request, pk)
    require_perm(request, "orgs.change_unit", unit)
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk):
    unit = _changeable_unit(request, pk)
    initial = {f: getattr(unit, f) for f in forms.UnitEditForm.base_fields}
    form = forms.UnitEditForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.unit_update(unit=unit, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("orgs:unit_detail", pk=unit.pk)
    return _form_page(request, "orgs/unit/edit.html", form, unit=unit)


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk):
    unit = _changeable_unit(request, pk)
    form = forms.UnitMoveForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            services.unit_move(
                unit=unit, new_parent=form.cleaned_data["new_parent"], actor=request.user
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The unit was moved."))
            return redirect("orgs:unit_detail", pk=unit.pk)
    return _form_page(request, "orgs/unit/move.html", form, unit=unit)


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk):
    unit = _changeable_unit(request, pk)
    form = forms.UnitRenameForm(request.POST or None, initial={"new_name": unit.name})
    if form.is_valid():
        try:
            services.unit_rename(unit=unit, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The unit was renamed; the former name is kept."))
            return redirect("orgs:unit_detail", pk=unit.pk)
    return _form_page(request, "orgs/unit/rename.html", form, unit=unit)


def _can_restructure(user) -> bool:
    return scope.is_admin(user) or bool(scope.scope_paths(user, scope.STRUCTURE_WRITE_ROLES))


@login_required
@require_http_methods(["GET", "POST"])
def unit_merge(request):
    if not _can_restructure(request.user):
        raise PermissionDenied
    initial = {}
    if request.GET.get("unit", "").isdigit():
        initial["units"] = [int(request.GET["unit"])]
    form = forms.UnitMergeForm(request.POST or None, user=request.user, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        units = list(data["units"])
        parent = data["parent"] or Unit.objects.get_parent(units[0])
        if not request.user.has_perm("orgs.add_unit", parent):
            form.add_error("parent", _("You may not create a unit under that parent."))
        else:
            try:
                new = services.unit_merge(
                    units=units, name=data["name"], date=data["date"], parent=parent,
                    actor=request.user,
                )  # fmt: skip
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The units were merged into “%(name)s”.") % {"name": new.name}
                )
                return redirect("orgs:unit_detail", pk=new.pk)
    return _form_page(request, "orgs/unit/merge.html", form)


@login_required
@require_http_methods(["GET", "POST"])
def unit_split(request, pk):
    unit = _changeable_unit(request, pk)
    form = forms.UnitSplitForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        parent = Unit.objects.get_parent(unit)
        if not request.user.has_perm("orgs.add_unit", parent):
            form.add_error(None, _("You may not create units under the parent of this unit."))
        else:
            try:
                parts = services.unit_split(
                    unit=unit, names=data["names"], date=data["date"],
                    receiver_index=data["receiver"] - 1, actor=request.user,
                )  # fmt: skip
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("The unit was split into %(count)d units.") % {"count": len(parts)},
                )
                return redirect("orgs:unit_detail", pk=unit.pk)
    return _form_page(request, "orgs/unit/split.html", form, unit=unit)


@login_required
@require_http_methods(["GET", "POST"])
def unit_dissolve(request, pk):
    unit = _changeable_unit(request, pk)
    form = forms.UnitDissolveForm(request.POST or None)
    if form.is_valid():
        try:
            services.unit_dissolve(unit=unit, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The unit was dissolved."))
            return redirect("orgs:unit_detail", pk=unit.pk)
    return _form_page(request, "orgs/unit/dissolve.html", form, unit=unit)


def unit_filter_from_request(request) -> Unit | None:
    """The ?unit= filter of the people and household lists, fetched within the user's scope."""
    value = request.GET.get("unit", "")
    if not value.isdigit():
        return None
    return get_object_or_404(selectors.units_visible_to(user=request.user), pk=value)
