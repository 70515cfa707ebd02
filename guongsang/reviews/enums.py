from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASS = "pass", _("Passed")
    FAIL = "fail", _("Failed")
    DEFER = "defer", _("Deferred to a later round")


class Choice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot")


class ThresholdBase(models.TextChoices):
    ALL_MEMBERS = "all_members", _("Of all council members")
    VOTES_CAST = "votes_cast", _("Of the votes cast")
