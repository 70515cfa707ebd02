"""What the editors' pages share: scope-checked lookups, the permission check, the link to the
public page, and the one-form-one-service page."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from guongsang.common.errors import DomainError
from guongsang.stories import selectors_editor as selectors
from guongsang.stories.models import Image, Story


def require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def visible_story(request, pk: int) -> Story:
    """The story if the user may see it; otherwise, for them, it does not exist."""
    story = selectors.story_detail(user=request.user, pk=pk)
    if story is None:
        raise Http404
    return story


def visible_exemplar(request, pk: int):
    exemplar = selectors.profile_exemplar(user=request.user, pk=pk)
    if exemplar is None:
        raise Http404
    return exemplar


def visible_image(request, pk: int) -> Image:
    image = Image.objects.select_related("story", "profile__exemplar").filter(pk=pk).first()
    if image is None:
        raise Http404
    if image.story_id:
        visible_story(request, image.story_id)
    else:
        visible_exemplar(request, image.profile.exemplar_id)
    return image


def public_url(kind: str, pk: int) -> str | None:
    """The portal's page (portal:story_detail or portal:profile_detail), once it exists."""
    try:
        return reverse(f"portal:{kind}_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


def form_page(
    request,
    *,
    form,
    call: Callable,
    success: str,
    next_url: str,
    heading: str,
    cancel_url: str,
    context: dict | None = None,
    template: str = "stories/form.html",
):
    """GET shows the form; POST validates it, calls one service and goes to `next_url`."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return redirect(next_url)
    page = {"form": form, "heading": heading, "cancel_url": cancel_url, **(context or {})}
    return render(request, template, page)


def action(request, *, call: Callable, success: str, next_url: str):
    """A button: call one service, say what happened (or why not), go back."""
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(next_url)
