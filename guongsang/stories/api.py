"""The editorial API: stories through their workflow, exemplars' public profiles and consent,
comment moderation and error reports.

Endpoints call the same selectors and services as the editors' pages, and the same rules.
The public's side (reading published content, sending comments) is not here.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs.forms import units_in_scope
from guongsang.orgs.models import Unit
from guongsang.stories import selectors_editor as selectors
from guongsang.stories import services
from guongsang.stories.api_schemas import (
    CommentFilters,
    CommentOut,
    ConsentIn,
    FeatureIn,
    ImageOut,
    OptionalReasonIn,
    ProfileDetailOut,
    ProfileFilters,
    ProfileIn,
    ProfileOut,
    ProfilePatch,
    ReasonIn,
    ReportAnswerIn,
    ReportFilters,
    ReportOut,
    ScheduleIn,
    SectionOut,
    StoryDetailOut,
    StoryFilters,
    StoryIn,
    StoryOut,
    StoryPatch,
)
from guongsang.stories.models import Section
from guongsang.stories.rules import EDITOR_ROLES

router = Router(tags=["stories"])


def _story(request, pk: int):
    return get_or_404(selectors.stories_visible_to(user=request.user), pk)


def _story_out(request, pk: int):
    story = selectors.story_detail(user=request.user, pk=pk)
    if story is None:
        raise Http404
    return story


def _story_fields(request, fields: dict) -> dict:
    """Ids in the request body turned into objects the caller may use."""
    if "unit_id" in fields:
        unit_id = fields.pop("unit_id")
        if unit_id is not None:
            fields["unit"] = get_or_400(
                units_in_scope(request.user, EDITOR_ROLES),
                unit_id,
                _("Unknown unit, or outside your scope."),
            )
    if "section_id" in fields:
        fields["section"] = get_or_400(
            Section.objects.all(), fields.pop("section_id"), _("Unknown section.")
        )
    if "exemplar_ids" in fields:
        ids = set(fields.pop("exemplar_ids") or [])
        exemplars = list(selectors.exemplar_choices(user=request.user).filter(pk__in=ids))
        if len(exemplars) != len(ids):
            raise DomainError(
                _("Unknown exemplar, outside your scope, or one that may not be presented.")
            )
        fields["exemplars"] = exemplars
    if "video_url" in fields and fields["video_url"] is None:
        fields["video_url"] = ""
    return fields


@router.get("/stories", response=list[StoryOut])
@paginate(Pagination)
def story_list(request, filters: Query[StoryFilters]):
    require(request, "stories.browse")
    section = Section.objects.filter(pk=filters.section).first() if filters.section else None
    unit = (
        get_or_400(Unit.objects.all(), filters.unit, _("Unknown unit.")) if filters.unit else None
    )
    return selectors.stories_visible_to(
        user=request.user, status=filters.status, section=section, unit=unit, query=filters.q
    )


@router.get("/stories/{int:story_id}", response={200: StoryDetailOut, **ERRORS})
def story_detail(request, story_id: int):
    return _story_out(request, story_id)


@router.post("/stories", response={201: StoryDetailOut, **ERRORS})
def story_create(request, payload: StoryIn):
    """A draft story; the body is sanitised (see the editors' help for the tags kept)."""
    require(request, "stories.add_story")
    fields = _story_fields(request, payload.dict())
    story = services.story_create(actor=request.user, **fields)
    return Status(201, _story_out(request, story.pk))


@router.patch("/stories/{int:story_id}", response={200: StoryDetailOut, **ERRORS})
def story_update(request, story_id: int, payload: StoryPatch):
    """Change a draft (only drafts change)."""
    story = _story(request, story_id)
    fields = changes(payload)
    for name in ("title", "lead", "body", "unit_id"):
        if fields.get(name, "") is None:
            fields.pop(name)
    services.story_update(story=story, actor=request.user, **_story_fields(request, fields))
    return _story_out(request, story_id)


@router.post("/stories/{int:story_id}/submit", response={200: StoryDetailOut, **ERRORS})
def story_submit(request, story_id: int):
    services.story_submit(story=_story(request, story_id), actor=request.user)
    return _story_out(request, story_id)


@router.post("/stories/{int:story_id}/approve", response={200: StoryDetailOut, **ERRORS})
def story_approve(request, story_id: int):
    """Publish now, or at `publish_at` if it is still ahead; refused without consent."""
    services.story_approve(story=_story(request, story_id), actor=request.user)
    return _story_out(request, story_id)


@router.post("/stories/{int:story_id}/return", response={200: StoryDetailOut, **ERRORS})
def story_return(request, story_id: int, payload: ReasonIn):
    """Back to draft with the reason (from review, or a published story to correct)."""
    services.story_return(
        story=_story(request, story_id), actor=request.user, reason=payload.reason
    )
    return _story_out(request, story_id)


@router.post("/stories/{int:story_id}/archive", response={200: StoryDetailOut, **ERRORS})
def story_archive(request, story_id: int, payload: OptionalReasonIn):
    """Body `{}` or `{"reason": "…"}`."""
    services.story_archive(
        story=_story(request, story_id), actor=request.user, reason=payload.reason
    )
    return _story_out(request, story_id)


@router.post("/stories/{int:story_id}/schedule", response={200: StoryDetailOut, **ERRORS})
def story_schedule(request, story_id: int, payload: ScheduleIn):
    services.story_schedule(
        story=_story(request, story_id), publish_at=payload.publish_at, actor=request.user
    )
    return _story_out(request, story_id)


@router.post("/stories/{int:story_id}/images", response={201: ImageOut, **ERRORS})
def story_image_add(
    request,
    story_id: int,
    file: File[UploadedFile],
    alt: Form[str],
    caption: Form[str] = "",
    position: Form[int | None] = None,
):
    """Multipart upload: JPEG, PNG or WebP, at most 10 MB and 40 megapixels; metadata removed."""
    image = services.image_add(
        story=_story(request, story_id),
        upload=file,
        alt=alt,
        caption=caption,
        position=position,
        actor=request.user,
    )
    return Status(201, image)


# Profiles ----------------------------------------------------------------------------------


def _profile(request, pk: int):
    return get_or_404(selectors.profiles_visible_to(user=request.user), pk)


def _profile_out(request, pk: int):
    profiles = selectors.profiles_visible_to(user=request.user).prefetch_related("images")
    return get_or_404(profiles, pk)


def _video_urls(fields: dict) -> dict:
    if fields.get("video_urls") is not None:
        fields["video_urls"] = "\n".join(fields["video_urls"])
    return {k: v for k, v in fields.items() if v is not None}


@router.get("/profiles", response=list[ProfileOut])
@paginate(Pagination)
def profile_list(request, filters: Query[ProfileFilters]):
    require(request, "stories.browse")
    return selectors.profiles_visible_to(user=request.user, status=filters.status, query=filters.q)


@router.get("/profiles/{int:profile_id}", response={200: ProfileDetailOut, **ERRORS})
def profile_detail(request, profile_id: int):
    return _profile_out(request, profile_id)


@router.post("/profiles", response={200: ProfileDetailOut, **ERRORS})
def profile_save(request, payload: ProfileIn):
    """Create the exemplar's profile (a draft) or update it."""
    exemplar = selectors.profile_exemplar(user=request.user, pk=payload.exemplar_id)
    if exemplar is None:
        raise DomainError(_("Unknown exemplar, or outside your scope."))
    fields = _video_urls(payload.dict(exclude={"exemplar_id"}))
    profile = services.profile_create_or_update(exemplar=exemplar, actor=request.user, **fields)
    return _profile_out(request, profile.pk)


@router.patch("/profiles/{int:profile_id}", response={200: ProfileDetailOut, **ERRORS})
def profile_update(request, profile_id: int, payload: ProfilePatch):
    profile = _profile(request, profile_id)
    fields = _video_urls(changes(payload))
    services.profile_create_or_update(exemplar=profile.exemplar, actor=request.user, **fields)
    return _profile_out(request, profile_id)


@router.post("/profiles/{int:profile_id}/consent", response={200: ProfileDetailOut, **ERRORS})
def profile_consent(request, profile_id: int, payload: ConsentIn):
    """Record consent (how it was given) or its withdrawal (which unpublishes the person)."""
    services.consent_record(
        profile=_profile(request, profile_id),
        given=payload.given,
        note=payload.note,
        actor=request.user,
    )
    return _profile_out(request, profile_id)


@router.post("/profiles/{int:profile_id}/publish", response={200: ProfileDetailOut, **ERRORS})
def profile_publish(request, profile_id: int):
    """Refused for a person or household without recorded consent."""
    services.profile_publish(profile=_profile(request, profile_id), actor=request.user)
    return _profile_out(request, profile_id)


@router.post("/profiles/{int:profile_id}/withdraw", response={200: ProfileDetailOut, **ERRORS})
def profile_withdraw(request, profile_id: int, payload: OptionalReasonIn):
    """Body `{}` or `{"reason": "…"}`."""
    services.profile_withdraw(
        profile=_profile(request, profile_id), actor=request.user, reason=payload.reason
    )
    return _profile_out(request, profile_id)


@router.post("/profiles/{int:profile_id}/feature", response={200: ProfileDetailOut, **ERRORS})
def profile_feature(request, profile_id: int, payload: FeatureIn):
    services.profile_feature(
        profile=_profile(request, profile_id), featured=payload.featured, actor=request.user
    )
    return _profile_out(request, profile_id)


# Moderation --------------------------------------------------------------------------------


@router.get("/comments", response=list[CommentOut])
@paginate(Pagination)
def comment_list(request, filters: Query[CommentFilters]):
    """Comments in the caller's editing scope; by default those awaiting moderation."""
    require(request, "stories.moderate_any")
    return selectors.comments_to_moderate(user=request.user, status=filters.status)


def _comment(request, pk: int):
    require(request, "stories.moderate_any")
    return get_or_404(selectors.comments_to_moderate(user=request.user, status=None), pk)


@router.post("/comments/{int:comment_id}/publish", response={200: CommentOut, **ERRORS})
def comment_publish(request, comment_id: int):
    return services.comment_publish(comment=_comment(request, comment_id), actor=request.user)


@router.post("/comments/{int:comment_id}/reject", response={200: CommentOut, **ERRORS})
def comment_reject(request, comment_id: int):
    return services.comment_reject(comment=_comment(request, comment_id), actor=request.user)


@router.get("/error-reports", response=list[ReportOut])
@paginate(Pagination)
def report_list(request, filters: Query[ReportFilters]):
    require(request, "stories.moderate_any")
    return selectors.reports_for(user=request.user, status=filters.status)


@router.post("/error-reports/{int:report_id}/answer", response={200: ReportOut, **ERRORS})
def report_answer(request, report_id: int, payload: ReportAnswerIn):
    """Close a report as corrected or dismissed, with the answer to the sender."""
    require(request, "stories.moderate_any")
    report = get_or_404(selectors.reports_for(user=request.user), report_id)
    return services.report_answer(
        report=report, status=payload.status, answer=payload.answer, actor=request.user
    )


@router.get("/sections", response=list[SectionOut])
def section_list(request):
    require(request, "stories.browse")
    return list(selectors.sections_all())
