"""A searchable picker of exemplars or units, drawn by the page itself (templates
propagation/_picker.html): the search finds at most PICKER_SHOWN rows, and every row ticked is
kept on the page even when the search no longer finds it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from guongsang.orgs.selectors import search_filter

PICKER_SHOWN = 100


@dataclass
class PickerRow:
    obj: Any
    choices: list[tuple[str, bool]]  # (form field, ticked), one per column


@dataclass
class Picker:
    name: str  # the id of the picker and, with "_q", the name of its search box
    legend: str
    kind: str  # "exemplar" or "unit": which columns the rows show
    columns: list[tuple[str, str]]  # (form field, column header): a checkbox (radio) each
    multiple: bool
    rows: list[PickerRow]
    query: str
    more: bool
    errors: list[str]
    help: str = ""
    required: bool = False


def _pks(values) -> set[int]:
    result = set()
    for value in values or []:
        pk = getattr(value, "pk", value)
        if str(pk).isdigit():
            result.add(int(pk))
    return result


def _ticked(form, field: str, multiple: bool) -> set[int]:
    if form.is_bound:
        values = form.data.getlist(field) if multiple else [form.data.get(field)]
    else:
        value = form.initial.get(field)
        values = value if multiple else [value]
    return _pks(values)


def picker(
    request,
    form,
    *,
    name: str,
    legend: str,
    kind: str,
    queryset: QuerySet,
    columns: list[tuple[str, str]],
    multiple: bool = True,
    help: str = "",
    required: bool = False,
) -> Picker:
    data = request.POST if request.method == "POST" else request.GET
    query = data.get(f"{name}_q", "").strip()
    ticked = {field: _ticked(form, field, multiple) for field, _ in columns}
    found = list(queryset.filter(search_filter(query))[: PICKER_SHOWN + 1])
    more = len(found) > PICKER_SHOWN
    found = found[:PICKER_SHOWN]
    missing = set().union(*ticked.values()) - {row.pk for row in found}
    kept = list(queryset.filter(pk__in=missing)) if missing else []
    errors = []
    if form.is_bound:
        errors = [str(e) for field, _ in columns for e in form.errors.get(field, [])]
    return Picker(
        name=name,
        legend=legend,
        kind=kind,
        columns=columns,
        multiple=multiple,
        rows=[
            PickerRow(obj, [(field, obj.pk in ticked[field]) for field, _ in columns])
            for obj in kept + found
        ],
        query=query,
        more=more,
        errors=errors,
        help=help,
        required=required,
    )
