"""What the exemplar views share: scope-checked lookups and the one-form-one-service page."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from guongsang.common.errors import DomainError
from guongsang.exemplars import selectors
from guongsang.exemplars.models import Exemplar


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def visible_exemplar(request, pk: int) -> Exemplar:
    """The exemplar if the user may see it; otherwise, for them, it does not exist."""
    exemplar = selectors.exemplars_visible_to(user=request.user).filter(pk=pk).first()
    if exemplar is None:
        raise Http404
    return exemplar


def exemplar_form_page(
    request,
    pk: int,
    *,
    form_class,
    perm: str,
    call: Callable,
    heading: str,
    success: str,
    form_kwargs: dict | None = None,
    multipart: bool = False,
    testid: str = "exemplar-form",
):
    """GET shows the form; POST validates it, calls one service and goes back to the record."""
    exemplar = visible_exemplar(request, pk)
    require_perm(request, perm, exemplar)
    posted = request.method == "POST"
    form = form_class(
        request.POST if posted else None, request.FILES if posted else None, **(form_kwargs or {})
    )
    if request.method == "POST" and form.is_valid():
        try:
            call(exemplar, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    context = {
        "form": form,
        "exemplar": exemplar,
        "heading": heading,
        "multipart": multipart,
        "testid": testid,
    }
    return render(request, "exemplars/exemplar/form.html", context)
