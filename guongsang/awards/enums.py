from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    RECOGNITION = "recognition", _("Recognition (công nhận)")
    COMMENDATION = "commendation", _("Commendation (khen thưởng)")
    AD_HOC = "ad_hoc", _("Ad-hoc commendation (đột xuất)")
    THEMATIC = "thematic", _("Thematic commendation (chuyên đề)")
    CORRECTION = "correction", _("Correction of an earlier decision")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Taken into a round")
    RETURNED = "returned", _("Returned")
