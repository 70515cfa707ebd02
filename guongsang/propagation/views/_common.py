"""What the propagation pages share: the rule check, query parameters, and the form that a
"refresh" (a search in a picker) shows again with what was typed, saving nothing."""

from django import forms
from django.core.exceptions import PermissionDenied


def require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def ids_param(request, name: str) -> list[int]:
    return [int(value) for value in request.GET.getlist(name) if value.isdigit()]


def _typed(data, form: forms.Form) -> dict:
    """What was typed, as initial values of an unbound form (so no error shows yet)."""
    typed = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            typed[name] = data.getlist(name)
        elif isinstance(field, forms.BooleanField):
            typed[name] = name in data
        elif name in data:
            typed[name] = data.get(name)
    return typed


def form_for(request, form_class, *, initial: dict, **kwargs) -> forms.Form:
    """GET: the form with its initial values. POST with "refresh": the same page again with
    what was typed, unvalidated. Other POSTs: the bound form, to validate and save."""
    if request.method != "POST":
        return form_class(initial=initial, **kwargs)
    if "refresh" in request.POST:
        typed = _typed(request.POST, form_class(**kwargs))
        return form_class(initial={**initial, **typed}, **kwargs)
    return form_class(request.POST, request.FILES or None, **kwargs)
