"""Editors' pages for stories: list, write, preview, the workflow buttons, photos, schedule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.stories import forms, services
from guongsang.stories import selectors_editor as selectors
from guongsang.stories.enums import StoryStatus
from guongsang.stories.html import clean_html
from guongsang.stories.views_common import (
    action,
    form_page,
    public_url,
    require,
    visible_exemplar,
    visible_image,
    visible_story,
)

STORY_FIELDS = ("title", "lead", "body", "section", "unit", "publish_at", "video_url")


def _detail_url(story) -> str:
    return reverse("stories:story_detail", args=[story.pk])


@login_required
@require_GET
def story_list(request):
    require(request, "stories.browse")
    form = forms.StoryFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    stories = selectors.stories_visible_to(
        user=request.user,
        status=filters.get("status") or None,
        section=filters.get("section"),
        unit=filters.get("unit"),
        query=filters.get("q"),
    )
    context = {
        "form": form,
        "page_obj": paginate(request, stories),
        "can_add": request.user.has_perm("stories.add_story"),
    }
    return render(request, "stories/story/list.html", context)


def _story_form_page(request, *, form, story=None):
    """Save, or (without saving) find exemplars or preview the cleaned body."""
    preview = None
    if request.method == "POST" and "find" not in request.POST and form.is_valid():
        if "preview" in request.POST:
            preview = clean_html(form.cleaned_data["body"])
        else:
            try:
                if story is None:
                    story = services.story_create(actor=request.user, **form.service_fields())
                else:
                    services.story_update(story=story, actor=request.user, **form.service_fields())
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The story is saved."))
                return redirect("stories:story_detail", pk=story.pk)
    context = {
        "form": form,
        "story": story,
        "preview": preview,
        "heading": _("Change the story") if story else _("New story"),
    }
    return render(request, "stories/story/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def story_create(request):
    require(request, "stories.add_story")
    form = forms.StoryForm(request.POST or None, user=request.user)
    return _story_form_page(request, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request, pk):
    story = visible_story(request, pk)
    require(request, "stories.change_story", story)
    if story.status != StoryStatus.DRAFT:
        messages.error(request, _("Only a draft can be changed: return the story to draft first."))
        return redirect("stories:story_detail", pk=story.pk)
    initial = {name: getattr(story, name) for name in STORY_FIELDS}
    initial["exemplars"] = list(story.exemplars.all())
    form = forms.StoryForm(request.POST or None, user=request.user, initial=initial)
    return _story_form_page(request, form=form, story=story)


@login_required
@require_GET
def story_detail(request, pk):
    story = visible_story(request, pk)
    user = request.user
    draft = story.status == StoryStatus.DRAFT
    can_change = user.has_perm("stories.change_story", story)
    can_publish = user.has_perm("stories.publish_story", story)
    scheduled = services.story_is_scheduled(story)
    public = story.status == StoryStatus.PUBLISHED and not scheduled
    context = {
        "story": story,
        "body": clean_html(story.body),
        "exemplars": list(story.exemplars.all()),
        "images": list(story.images.all()),
        "consent_missing": services.consent_missing(story) if not public else [],
        "can_change": can_change and draft,
        "can_submit": can_change and draft,
        "can_review": can_publish and story.status == StoryStatus.IN_REVIEW,
        "can_archive": can_publish and story.status == StoryStatus.PUBLISHED,
        "can_return": can_publish and story.status in (StoryStatus.PUBLISHED, StoryStatus.ARCHIVED),
        "can_schedule": (can_change and draft)
        or (can_publish and (story.status == StoryStatus.IN_REVIEW or scheduled)),
        "scheduled": scheduled,
        "public_url": public_url("story", story.pk) if public else None,
    }
    return render(request, "stories/story/detail.html", context)


@login_required
@require_POST
def story_submit(request, pk):
    story = visible_story(request, pk)
    return action(
        request,
        call=lambda: services.story_submit(story=story, actor=request.user),
        success=_("The story is sent for review."),
        next_url=_detail_url(story),
    )


@login_required
@require_POST
def story_approve(request, pk):
    story = visible_story(request, pk)
    return action(
        request,
        call=lambda: services.story_approve(story=story, actor=request.user),
        success=_("The story is approved: it is published at its time."),
        next_url=_detail_url(story),
    )


@login_required
@require_POST
def story_archive(request, pk):
    story = visible_story(request, pk)
    form = forms.ArchiveForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return action(
        request,
        call=lambda: services.story_archive(story=story, actor=request.user, reason=reason),
        success=_("The story is archived: it is no longer on the portal."),
        next_url=_detail_url(story),
    )


@login_required
@require_http_methods(["GET", "POST"])
def story_return(request, pk):
    story = visible_story(request, pk)
    require(request, "stories.publish_story", story)
    return form_page(
        request,
        form=forms.ReturnForm(request.POST or None),
        call=lambda data: services.story_return(
            story=story, actor=request.user, reason=data["reason"]
        ),
        success=_("The story is back in draft; its author is told."),
        next_url=_detail_url(story),
        heading=_("Return to draft: %(title)s") % {"title": story.title},
        cancel_url=_detail_url(story),
        context={"story": story},
    )


@login_required
@require_http_methods(["GET", "POST"])
def story_schedule(request, pk):
    story = visible_story(request, pk)
    perm = "stories.change_story" if story.status == StoryStatus.DRAFT else "stories.publish_story"
    require(request, perm, story)
    initial = {"publish_at": story.published_at if story.status == StoryStatus.PUBLISHED
               else story.publish_at}  # fmt: skip
    return form_page(
        request,
        form=forms.ScheduleForm(request.POST or None, initial=initial),
        call=lambda data: services.story_schedule(
            story=story, publish_at=data["publish_at"], actor=request.user
        ),
        success=_("The publication time is saved."),
        next_url=_detail_url(story),
        heading=_("Publication time: %(title)s") % {"title": story.title},
        cancel_url=_detail_url(story),
        context={"story": story},
    )


# Photos of stories and profiles ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def story_image_add(request, pk):
    story = visible_story(request, pk)
    require(request, "stories.change_story", story)
    return _image_add_page(request, story=story, back=_detail_url(story), title=story.title)


@login_required
@require_http_methods(["GET", "POST"])
def profile_image_add(request, exemplar_pk):
    exemplar = visible_exemplar(request, exemplar_pk)
    profile = getattr(exemplar, "profile", None)
    require(request, "stories.change_exemplarprofile", exemplar)
    back = reverse("stories:profile_detail", args=[exemplar.pk])
    if profile is None:
        messages.error(request, _("Save the profile before adding photos."))
        return redirect(back)
    return _image_add_page(request, profile=profile, back=back, title=exemplar.subject_name)


def _image_add_page(request, *, back: str, title: str, story=None, profile=None):
    posted = request.method == "POST"
    form = forms.ImageForm(request.POST if posted else None, request.FILES if posted else None)
    return form_page(
        request,
        form=form,
        call=lambda data: services.image_add(
            story=story,
            profile=profile,
            upload=data["image"],
            alt=data["alt"],
            caption=data["caption"],
            position=data["position"],
            actor=request.user,
        ),
        success=_("The photo is added."),
        next_url=back,
        heading=_("Add a photo: %(title)s") % {"title": title},
        cancel_url=back,
        context={"multipart": True},
    )


def _image_back(image) -> str:
    if image.story_id:
        return _detail_url(image.story)
    return reverse("stories:profile_detail", args=[image.profile.exemplar_id])


@login_required
@require_http_methods(["GET", "POST"])
def image_edit(request, pk):
    image = visible_image(request, pk)
    back = _image_back(image)
    initial = {"alt": image.alt, "caption": image.caption, "position": image.position}
    return form_page(
        request,
        form=forms.ImageEditForm(request.POST or None, initial=initial),
        call=lambda data: services.image_update(image=image, actor=request.user, **data),
        success=_("The photo is saved."),
        next_url=back,
        heading=_("Change the photo"),
        cancel_url=back,
        context={"image": image},
    )


@login_required
@require_POST
def image_delete(request, pk):
    image = visible_image(request, pk)
    return action(
        request,
        call=lambda: services.image_delete(image=image, actor=request.user),
        success=_("The photo is deleted."),
        next_url=_image_back(image),
    )
