"""Criteria set pages: list, detail, header form, and the builder of the criteria tree.

The builder edits the nested data of `criteria_as_data` (a criterion is addressed by its
path of 1-based positions, "2.1") and saves every change through `criteria_set_update`,
so all validation happens in the service.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import guongsang.plans.rules_criteria  # noqa: F401 — registers the permissions
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.plans import selectors_criteria as selectors
from guongsang.plans.enums import CriterionKind
from guongsang.plans.forms_criteria import CriteriaSetForm, CriterionForm, KindChoiceForm
from guongsang.plans.services import criteria as services

GROUPS = ("all_of", "any_of")


def _visible_set(request, pk: int):
    return get_object_or_404(selectors.criteria_sets_visible_to(user=request.user), pk=pk)


def _changeable_set(request, pk: int):
    criteria_set = _visible_set(request, pk)
    if not request.user.has_perm("plans.change_criteriaset", criteria_set):
        raise PermissionDenied
    return criteria_set


@login_required
def set_list(request):
    if not request.user.has_perm("plans.view_criteriaset"):
        raise PermissionDenied
    sets = selectors.criteria_sets_visible_to(
        user=request.user, subject_kind=request.GET.get("subject_kind"), query=request.GET.get("q")
    )
    context = {
        "page_obj": paginate(request, sets),
        "can_add": request.user.has_perm("plans.add_criteriaset"),
    }
    return render(request, "plans/criteria/list.html", context)


def _rows(data, prefix="", depth=0):
    """The tree flattened for display: (path, depth, item, is_first, is_last)."""
    for index, item in enumerate(data, start=1):
        path = f"{prefix}{index}"
        yield path, depth, item, index == 1, index == len(data)
        yield from _rows(item.get("children") or [], f"{path}.", depth + 1)


@login_required
def set_detail(request, pk: int):
    criteria_set = _visible_set(request, pk)
    data = services.criteria_as_data(criteria_set)
    context = {
        "criteria_set": criteria_set,
        "rows": list(_rows(data)),
        "kinds": dict(CriterionKind.choices),
        "kind_form": KindChoiceForm(),
        "can_change": request.user.has_perm("plans.change_criteriaset", criteria_set),
        "can_run": request.user.has_perm("plans.run_eligibility"),
    }
    return render(request, "plans/criteria/detail.html", context)


@login_required
def set_create(request):
    if not request.user.has_perm("plans.add_criteriaset"):
        raise PermissionDenied
    form = CriteriaSetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.get("owner")
        if owner and not request.user.has_perm("plans.change_criteriaset", form.instance):
            form.add_error("owner", _("You cannot create criteria for this unit."))
        else:
            try:
                criteria_set = services.criteria_set_create(
                    name=data.pop("name"), subject_kind=data.pop("subject_kind"), criteria=[],
                    actor=request.user, **data,
                )  # fmt: skip
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The criteria set was created; add its criteria."))
                return redirect("criteria:set_detail", pk=criteria_set.pk)
    return render(request, "plans/criteria/form.html", {"form": form, "criteria_set": None})


@login_required
def set_edit(request, pk: int):
    criteria_set = _changeable_set(request, pk)
    form = CriteriaSetForm(request.POST or None, instance=criteria_set, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "subject_kind"}
        try:
            services.criteria_set_update(criteria_set=criteria_set, actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The criteria set was saved."))
            return redirect("criteria:set_detail", pk=criteria_set.pk)
    return render(request, "plans/criteria/form.html", {"form": form, "criteria_set": criteria_set})


def _locate(data: list, path: str) -> tuple[list, int]:
    """The list holding the criterion at `path`, and its index there."""
    try:
        indexes = [int(part) - 1 for part in path.split(".")]
        siblings = data
        for index in indexes[:-1]:
            siblings = siblings[index]["children"]
        if not 0 <= indexes[-1] < len(siblings):
            raise IndexError
    except (ValueError, IndexError, KeyError) as error:
        raise Http404 from error
    return siblings, indexes[-1]


def _save(request, criteria_set, data, form=None) -> bool:
    try:
        services.criteria_set_update(criteria_set=criteria_set, actor=request.user, criteria=data)
    except DomainError as error:
        if form is None:
            messages.error(request, error.message)
        else:
            form.add_error(None, error.message)
        return False
    messages.success(request, _("The criteria were saved."))
    return True


@login_required
def criterion_add(request, pk: int):
    criteria_set = _changeable_set(request, pk)
    kind = request.GET.get("kind") or request.POST.get("kind")
    if kind not in CriterionKind.values:
        raise Http404
    parent_path = request.GET.get("parent", "")
    data = services.criteria_as_data(criteria_set)
    if parent_path:
        siblings, index = _locate(data, parent_path)
        if siblings[index]["kind"] not in GROUPS:
            raise Http404
        target = siblings[index].setdefault("children", [])
    else:
        target = data
    form = CriterionForm(
        request.POST or None, kind=kind, subject_kind=criteria_set.subject_kind,
        initial={"label": CriterionKind(kind).label},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        if kind in GROUPS:
            # A group needs a first criterion: start it with a judged one to reword.
            item = form.item([{"kind": "judged", "label": _("Criterion to define"), "params": {}}])
        else:
            item = form.item()
        target.append(item)
        if _save(request, criteria_set, data, form):
            return redirect("criteria:set_detail", pk=criteria_set.pk)
    context = {"form": form, "criteria_set": criteria_set, "kind": kind,
               "kind_label": CriterionKind(kind).label, "parent_path": parent_path}  # fmt: skip
    return render(request, "plans/criteria/criterion_form.html", context)


@login_required
def criterion_edit(request, pk: int, path: str):
    criteria_set = _changeable_set(request, pk)
    data = services.criteria_as_data(criteria_set)
    siblings, index = _locate(data, path)
    current = siblings[index]
    form = CriterionForm(
        request.POST or None, kind=current["kind"], subject_kind=criteria_set.subject_kind,
        initial=CriterionForm.initial_from(current),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        siblings[index] = form.item(current.get("children"))
        if _save(request, criteria_set, data, form):
            return redirect("criteria:set_detail", pk=criteria_set.pk)
    context = {"form": form, "criteria_set": criteria_set, "kind": current["kind"],
               "kind_label": CriterionKind(current["kind"]).label, "path": path}  # fmt: skip
    return render(request, "plans/criteria/criterion_form.html", context)


@require_POST
@login_required
def criterion_move(request, pk: int, path: str, action: str):
    """Move a criterion up or down among its siblings, or remove it (with its children)."""
    criteria_set = _changeable_set(request, pk)
    data = services.criteria_as_data(criteria_set)
    siblings, index = _locate(data, path)
    if action == "up" and index > 0:
        siblings[index - 1], siblings[index] = siblings[index], siblings[index - 1]
    elif action == "down" and index < len(siblings) - 1:
        siblings[index + 1], siblings[index] = siblings[index], siblings[index + 1]
    elif action == "remove":
        del siblings[index]
    else:
        raise Http404
    _save(request, criteria_set, data)
    return redirect("criteria:set_detail", pk=criteria_set.pk)
