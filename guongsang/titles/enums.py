from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleKind(models.TextChoices):
    TITLE = "title", _("Emulation title")
    RATING = "rating", _("Rating")
    AWARD_FORM = "award_form", _("Award form")


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")


class Level(models.TextChoices):
    UNIT = "unit", _("Grassroots (unit)")
    SECTOR = "sector", _("Sector / department")
    PROVINCE = "province", _("Province / ministry")
    NATIONAL = "national", _("National")


class AwardNature(models.TextChoices):
    """How the title record came about; ad-hoc and thematic awards never count as prerequisites."""

    REGULAR = "regular", _("Regular (year-end)")
    AD_HOC = "ad_hoc", _("Ad-hoc (đột xuất)")
    THEMATIC = "thematic", _("Thematic (chuyên đề)")
