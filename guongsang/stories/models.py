"""What the portal publishes: sections, stories about exemplars, exemplars' public profiles,
their images, and what the public sends back (comments, reactions, error reports)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Unit
from guongsang.plans.models import Field, Movement
from guongsang.stories.enums import (
    CommentStatus,
    ProfileStatus,
    ReactionKind,
    ReportStatus,
    StoryStatus,
)


def _one_target(name):
    return models.CheckConstraint(
        condition=models.Q(story__isnull=False, profile__isnull=True)
        | models.Q(story__isnull=True, profile__isnull=False),
        name=name,
    )


class Section(models.Model):
    """A portal section (chuyên trang, chuyên mục), optionally tied to a field or movement."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("field"),
    )  # fmt: skip
    movement = models.ForeignKey(
        Movement, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("movement"),
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("shown"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ExemplarProfile(models.Model):
    """An exemplar's public page: what the editor publishes about it, with the consent."""

    exemplar = models.OneToOneField(Exemplar, on_delete=models.PROTECT, related_name="profile")
    status = models.CharField(
        _("status"), max_length=16, choices=ProfileStatus, default=ProfileStatus.DRAFT
    )
    headline = models.CharField(_("headline"), max_length=500, blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    video_urls = models.TextField(_("video links"), blank=True, help_text=_("One link per line."))
    consent_given = models.BooleanField(_("consent to publish personal data"), default=False)
    consent_note = models.CharField(_("how consent was given"), max_length=500, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    view_count = models.PositiveBigIntegerField(default=0, editable=False)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exemplar profile")
        verbose_name_plural = _("exemplar profiles")
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return str(self.exemplar)


class Story(models.Model):
    """A public article about exemplars (bài viết tuyên truyền), through an editorial workflow."""

    title = models.CharField(pgettext_lazy("heading", "title"), max_length=500)
    slug = models.SlugField(_("address"), max_length=200)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Sanitised HTML."))
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="stories",
        verbose_name=_("section"),
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="stories", verbose_name=_("unit")
    )
    exemplars = models.ManyToManyField(
        Exemplar, blank=True, related_name="stories", verbose_name=_("exemplars")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=StoryStatus, default=StoryStatus.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True, help_text=_("Empty: as soon as it is approved.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("author"),
    )  # fmt: skip
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    view_count = models.PositiveBigIntegerField(default=0, editable=False)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(m2m_fields=[exemplars])

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # A section's public stories, newest first, and their (capped) count.
            models.Index(fields=["section", "status", "published_at"]),
        ]

    def __str__(self):
        return self.title


class Image(models.Model):
    """A photo of a story or a profile, resized with its metadata stripped when uploaded."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="images"
    )
    profile = models.ForeignKey(
        ExemplarProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="images"
    )
    image = models.ImageField(_("image"), upload_to="images/%Y/%m/")
    thumbnail = models.ImageField(upload_to="images/%Y/%m/thumbs/", editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    alt = models.CharField(_("description for screen readers"), max_length=255)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]
        constraints = [_one_target("image_of_story_or_profile")]

    def __str__(self):
        return self.alt


class Comment(models.Model):
    """A public comment on a story or profile; shown only once a moderator publishes it."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    profile = models.ForeignKey(
        ExemplarProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author_name = models.CharField(_("name"), max_length=255)
    contact = models.CharField(_("e-mail or phone"), max_length=255, blank=True)
    text = models.TextField(_("comment"))
    status = models.CharField(max_length=16, choices=CommentStatus, default=CommentStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    # A keyed hash of the sender's address, for rate limits; the address itself is not kept.
    client_key = models.CharField(max_length=64, editable=False, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at"]
        constraints = [_one_target("comment_on_story_or_profile")]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.author_name}: {self.text[:40]}"


class ErrorReport(models.Model):
    """A public report of an error or exaggeration (phản ánh), answered by an editor."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="error_reports"
    )
    profile = models.ForeignKey(
        ExemplarProfile, on_delete=models.CASCADE, null=True, blank=True,
        related_name="error_reports",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=255)
    contact = models.CharField(_("e-mail or phone"), max_length=255)
    text = models.TextField(_("what is wrong"))
    status = models.CharField(max_length=16, choices=ReportStatus, default=ReportStatus.NEW)
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    client_key = models.CharField(max_length=64, editable=False, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at"]
        constraints = [_one_target("report_on_story_or_profile")]

    def __str__(self):
        return self.text[:60]


class ReactionTally(models.Model):
    """How many times the public reacted to a story in one way (counts, not people)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=16, choices=ReactionKind)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "kind"], name="one_tally_per_story_kind")
        ]

    def __str__(self):
        return f"{self.story_id} {self.kind}: {self.count}"
