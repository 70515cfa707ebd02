from django.db import models
from django.utils.translation import gettext_lazy as _


class ExemplarStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    NURTURING = "nurturing", _("Nurturing")
    PROPOSED = "proposed", _("Proposed")
    UNDER_REVIEW = "under_review", _("Under review")
    RECOGNISED = "recognised", _("Recognised")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")


class ExemplarKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive")
    ASPECTS = "aspects", _("On specific aspects")


class Origin(models.TextChoices):
    REGISTERED = "registered", _("Registered by the unit")
    SELF_REGISTERED = "self_registered", _("Self-registered")
    DISCOVERED = "discovered", _("Discovered (nominated)")


class DiscoveryKind(models.TextChoices):
    NEW_FACTOR = "new_factor", _("New factor (nhân tố mới)")
    NEW_MODEL = "new_model", _("New model (mô hình mới)")
    GOOD_DEED = "good_deed", _("Good person, good deed (người tốt, việc tốt)")
    AD_HOC = "ad_hoc", _("Ad-hoc achievement (thành tích đột xuất)")


class SupportKind(models.TextChoices):
    MATERIAL = "material", _("Material")
    MORAL = "moral", _("Moral")
    TECHNICAL = "technical", _("Technical")
    TRAINING = "training", _("Training")


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    DECISION = "decision", _("Decision or certificate")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other")
