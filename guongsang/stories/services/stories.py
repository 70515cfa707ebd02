"""Stories through the editorial workflow: draft → in review → published → archived.

Only a draft is edited; review returns it to draft with a reason (also a published or
archived story, to correct it: it leaves the portal until approved again). Approval publishes
at once or at the scheduled time, and never a person or household without recorded consent.
"""

import datetime
import functools

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.common.text import fold
from guongsang.exemplars.models import Exemplar, Notification
from guongsang.portal.sharing import slug_of
from guongsang.stories.enums import StoryStatus
from guongsang.stories.html import body_text, clean_html, plain_text
from guongsang.stories.models import ExemplarProfile, Story
from guongsang.stories.selectors import needs_consent
from guongsang.stories.services.common import check_may_be_public, require

EDITABLE_FIELDS = frozenset(
    {"title", "lead", "body", "section", "unit", "exemplars", "publish_at", "video_url"}
)
RETURNABLE = frozenset({StoryStatus.IN_REVIEW, StoryStatus.PUBLISHED, StoryStatus.ARCHIVED})


def _lock(story: Story, *statuses: str) -> Story:
    """The story read afresh under a lock, refused unless it is in one of `statuses`."""
    fresh = Story.objects.select_for_update().select_related("unit").get(pk=story.pk)
    if fresh.status not in statuses:
        raise DomainError(
            _("The story is “%(status)s”: this step is not possible now.")
            % {"status": fresh.get_status_display()}
        )
    return fresh


def _prepare(story: Story) -> None:
    """Clean what the editor wrote and derive the address and the search text from it."""
    story.title = plain_text(story.title)
    story.lead = plain_text(story.lead)
    story.body = clean_html(story.body)
    story.slug = slug_of(story.title)
    story.search_text = fold(" ".join((story.title, story.lead, body_text(story.body))))


def _check_exemplars(exemplars, actor) -> list[Exemplar]:
    from guongsang.exemplars.selectors import exemplars_visible_to

    exemplars = list(exemplars or [])
    if actor is not None and exemplars:
        visible = set(
            exemplars_visible_to(user=actor)
            .filter(pk__in=[e.pk for e in exemplars])
            .values_list("pk", flat=True)
        )
        if any(e.pk not in visible for e in exemplars):
            raise DomainError(_("An exemplar of this story lies outside your scope."))
    for exemplar in exemplars:
        check_may_be_public(exemplar)
    return exemplars


def _check_future(publish_at: datetime.datetime | None) -> None:
    if publish_at is not None and publish_at <= timezone.now():
        raise DomainError(
            _("Choose a publication time in the future, or leave it empty to publish on approval.")
        )


def _notify(users, *, story: Story, message: str) -> None:
    """In-app notices (and e-mails once the transaction commits) about a story."""
    from guongsang.exemplars import tasks

    url = reverse("stories:story_detail", args=[story.pk])
    for user in users:
        if user is None or not user.is_active:
            continue
        notification = Notification.objects.create(user=user, message=message[:500], url=url)
        if user.email:
            transaction.on_commit(
                functools.partial(tasks.notification_email_send.enqueue, notification.pk)
            )


@transaction.atomic
def story_create(*, unit, title: str, actor, author=None, exemplars=(), **fields) -> Story:
    """A draft story of `unit`, written by `author` (the actor by default)."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    require(actor, "stories.add_story")
    require(actor, "stories.add_story_for", unit)
    _check_future(fields.get("publish_at"))
    exemplars = _check_exemplars(exemplars, actor)
    story = Story(unit=unit, title=title, author=author or actor, status=StoryStatus.DRAFT,
                  **fields)  # fmt: skip
    _prepare(story)
    audited_save(story, actor=actor, reason=_("Draft created"))
    if exemplars:
        story.exemplars.set(exemplars)
    return story


@transaction.atomic
def story_update(*, story: Story, actor, **changes) -> Story:
    """Change a draft (a story returned by review is a draft again)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    require(actor, "stories.change_story", story)
    story = _lock(story, StoryStatus.DRAFT)
    if "unit" in changes and changes["unit"].pk != story.unit_id:
        require(actor, "stories.add_story_for", changes["unit"])
    if "publish_at" in changes and changes["publish_at"] != story.publish_at:
        _check_future(changes["publish_at"])
    exemplars = changes.pop("exemplars", None)
    if exemplars is not None:
        exemplars = _check_exemplars(exemplars, actor)
    for name, value in changes.items():
        setattr(story, name, value)
    _prepare(story)
    audited_save(story, actor=actor)
    if exemplars is not None:
        story.exemplars.set(exemplars)
    return story


@transaction.atomic
def story_submit(*, story: Story, actor) -> Story:
    """Send a draft for review; the unit's other editors are told."""
    require(actor, "stories.change_story", story)
    story = _lock(story, StoryStatus.DRAFT)
    if not story.title or not body_text(story.body):
        raise DomainError(_("Write the title and the body before sending the story for review."))
    story.status = StoryStatus.IN_REVIEW
    audited_save(story, actor=actor, reason=_("Submitted for review"))
    from guongsang.stories.notifications import editors_of

    with translation.override("vi"):  # stored notices are Vietnamese, whoever acts
        message = _("The story “%(title)s” awaits review.") % {"title": story.title}
    reviewers = [user for user in editors_of(story.unit) if user.pk != getattr(actor, "pk", None)]
    _notify(reviewers, story=story, message=message)
    return story


def consent_missing(story: Story) -> list[Exemplar]:
    """The people and households of the story whose consent to publish is not recorded."""
    exemplars = [e for e in story.exemplars.all() if needs_consent(e.subject_kind)]
    consented = set(
        ExemplarProfile.objects.filter(exemplar__in=exemplars, consent_given=True).values_list(
            "exemplar_id", flat=True
        )
    )
    return [e for e in exemplars if e.pk not in consented]


@transaction.atomic
def story_approve(*, story: Story, actor) -> Story:
    """Publish a story under review: now, or at its scheduled time if that is still ahead."""
    require(actor, "stories.publish_story", story)
    story = _lock(story, StoryStatus.IN_REVIEW)
    for exemplar in story.exemplars.all():
        check_may_be_public(exemplar)
    missing = consent_missing(story)
    if missing:
        raise DomainError(
            _(
                "No consent to publish personal data is recorded for %(names)s: record it on "
                "their public profile first."
            )
            % {"names": ", ".join(e.subject_name for e in missing)}
        )
    now = timezone.now()
    story.status = StoryStatus.PUBLISHED
    story.published_at = story.publish_at if story.publish_at and story.publish_at > now else now
    story.reviewed_by = actor
    audited_save(story, actor=actor, reason=_("Approved and published"))
    if story.author_id != getattr(actor, "pk", None):
        with translation.override("vi"):
            message = _("The story “%(title)s” is approved.") % {"title": story.title}
        _notify([story.author], story=story, message=message)
    return story


@transaction.atomic
def story_return(*, story: Story, actor, reason: str) -> Story:
    """Back to draft with the reason: from review, or to correct a published story."""
    require(actor, "stories.publish_story", story)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the story goes back to its author."))
    story = _lock(story, *RETURNABLE)
    story.status = StoryStatus.DRAFT
    story.published_at = None
    story.reviewed_by = actor
    audited_save(story, actor=actor, reason=reason)
    if story.author_id != getattr(actor, "pk", None):
        with translation.override("vi"):
            message = _("The story “%(title)s” was returned to draft. Reason: %(reason)s") % {
                "title": story.title,
                "reason": reason,
            }
        _notify([story.author], story=story, message=message)
    return story


@transaction.atomic
def story_archive(*, story: Story, actor, reason: str = "") -> Story:
    """Take a published story off the portal (kept, with its history)."""
    require(actor, "stories.publish_story", story)
    story = _lock(story, StoryStatus.PUBLISHED)
    story.status = StoryStatus.ARCHIVED
    audited_save(story, actor=actor, reason=(reason or "").strip() or _("Archived"))
    return story


@transaction.atomic
def story_schedule(*, story: Story, publish_at: datetime.datetime | None, actor) -> Story:
    """Set (or clear) the publication time of a story not yet visible to the public."""
    story = _lock(story, StoryStatus.DRAFT, StoryStatus.IN_REVIEW, StoryStatus.PUBLISHED)
    now = timezone.now()
    if story.status == StoryStatus.DRAFT:
        require(actor, "stories.change_story", story)
    else:
        require(actor, "stories.publish_story", story)
    if story.status == StoryStatus.PUBLISHED and story.published_at <= now:
        raise DomainError(_("The story is already public: archive it to take it off the portal."))
    _check_future(publish_at)
    story.publish_at = publish_at
    if story.status == StoryStatus.PUBLISHED:
        story.published_at = publish_at or now
    audited_save(story, actor=actor, reason=_("Publication time changed"))
    return story


def story_is_scheduled(story: Story) -> bool:
    return (
        story.status == StoryStatus.PUBLISHED
        and story.published_at is not None
        and story.published_at > timezone.now()
    )


def story_consent_withdrawn(*, exemplar: Exemplar, actor, reason: str) -> int:
    """Archive the published stories about a person whose consent was withdrawn."""
    stories = Story.objects.select_for_update().filter(
        exemplars=exemplar, status=StoryStatus.PUBLISHED
    )
    count = 0
    for story in stories:
        story.status = StoryStatus.ARCHIVED
        audited_save(story, actor=actor, reason=reason, validate=False)
        count += 1
    return count
