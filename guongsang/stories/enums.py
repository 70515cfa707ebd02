from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    CORRECTED = "corrected", _("Corrected")
    DISMISSED = "dismissed", _("Dismissed")


class ReactionKind(models.TextChoices):
    LIKE = "like", _("Like")
    INSPIRED = "inspired", _("Inspiring")
    THANKS = "thanks", _("Thank you")
