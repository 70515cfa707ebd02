"""An exemplar's public page and a story's page (read side; the forms post to
views_interaction.py, which renders these pages again when a form has errors)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guongsang.portal import selectors_pages
from guongsang.portal.forms_public import CommentForm, ReportForm
from guongsang.portal.page_cache import cached_public_page
from guongsang.portal.sharing import PageMeta, plain_excerpt, short_path, slug_of
from guongsang.portal.views import capped_page
from guongsang.stories.enums import ReactionKind
from guongsang.stories.models import ExemplarProfile, Story
from guongsang.stories.services.public import view_record

REACTIONS_COOKIE = "gs_reactions"
REACTIONS_SALT = "guongsang.portal.reactions"


def profile_slug(profile) -> str:
    return slug_of(profile.exemplar.subject_name)


def story_slug(story) -> str:
    return story.slug or slug_of(story.title)


def public_profile_or_404(pk):
    profile = selectors_pages.profile(pk)
    if profile is None:
        raise Http404
    return profile


def public_story_or_404(pk):
    story = selectors_pages.story(pk)
    if story is None:
        raise Http404
    return story


def _image_path(obj) -> str:
    images = obj.images.all()
    return images[0].image.url if images else ""


def render_profile(request, profile, *, comment_form=None, report_form=None, status=200):
    exemplar = profile.exemplar
    slug = profile_slug(profile)
    path = reverse("portal:profile_detail", kwargs={"pk": profile.pk, "slug": slug})
    meta = PageMeta(
        title=exemplar.subject_name,
        description=plain_excerpt(profile.headline or profile.public_summary),
        path=path,
        image_path=_image_path(profile),
        short=short_path("profile", profile.pk),
    )
    context = {
        "profile": profile,
        "exemplar": exemplar,
        "page": selectors_pages.profile_page(profile),
        "comment_form": comment_form or CommentForm(prefix="comment"),
        "report_form": report_form or ReportForm(prefix="report"),
        # The fragment brings the reader back to the form when it has errors.
        "comment_action": reverse("portal:profile_comment", kwargs={"pk": profile.pk})
        + "#comments",
        "report_action": reverse("portal:profile_report", kwargs={"pk": profile.pk}) + "#report",
        "meta": meta,
    }
    return render(request, "portal/profile_detail.html", context, status=status)


@require_safe
@cached_public_page(count_view=ExemplarProfile)
def profile_detail(request, pk, slug=None):
    profile = public_profile_or_404(pk)
    if slug is not None and slug != profile_slug(profile):
        return redirect("portal:profile_detail", pk=pk, slug=profile_slug(profile), permanent=True)
    view_record(target=profile)
    return render_profile(request, profile)


@require_safe
@cached_public_page
def profile_stories(request, pk):
    """Every public story about an exemplar, newest first (its page shows the newest few)."""
    profile = public_profile_or_404(pk)
    page = capped_page(request, selectors_pages.profile_stories(profile))
    name = profile.exemplar.subject_name
    meta = PageMeta(
        title=_("Stories about %(name)s") % {"name": name},
        description=plain_excerpt(profile.headline or profile.public_summary),
        path=reverse("portal:profile_stories", kwargs={"pk": profile.pk}),
    )
    context = {"profile": profile, "page_obj": page, "meta": meta, "slug": profile_slug(profile)}
    return render(request, "portal/profile_stories.html", context)


def reacted_kinds(request, story) -> set[str]:
    """The reactions this browser already gave the story (from its signed cookie)."""
    entries = reacted_entries(request)
    prefix = f"{story.pk}:"
    return {entry[len(prefix) :] for entry in entries if entry.startswith(prefix)}


def reacted_entries(request) -> list[str]:
    value = request.get_signed_cookie(REACTIONS_COOKIE, default="", salt=REACTIONS_SALT)
    return [entry for entry in value.split(",") if entry]


def render_story(request, story, *, comment_form=None, report_form=None, status=200):
    page = selectors_pages.story_page(story)
    given = reacted_kinds(request, story)
    reactions = [
        {"kind": kind, "label": label, "count": page.reactions.get(kind, 0), "given": kind in given}
        for kind, label in ReactionKind.choices
    ]
    path = reverse("portal:story_detail", kwargs={"pk": story.pk, "slug": story_slug(story)})
    meta = PageMeta(
        title=story.title,
        description=plain_excerpt(story.lead or story.body),
        path=path,
        image_path=_image_path(story),
        short=short_path("story", story.pk),
        kind="article",
    )
    context = {
        "story": story,
        "page": page,
        "reactions": reactions,
        "comment_form": comment_form or CommentForm(prefix="comment"),
        "report_form": report_form or ReportForm(prefix="report"),
        "comment_action": reverse("portal:story_comment", kwargs={"pk": story.pk}) + "#comments",
        "report_action": reverse("portal:story_report", kwargs={"pk": story.pk}) + "#report",
        "meta": meta,
    }
    return render(request, "portal/story_detail.html", context, status=status)


@require_safe
@cached_public_page(count_view=Story)
def story_detail(request, pk, slug=None):
    story = public_story_or_404(pk)
    if slug is not None and slug != story_slug(story):
        return redirect("portal:story_detail", pk=pk, slug=story_slug(story), permanent=True)
    view_record(target=story)
    return render_story(request, story)
