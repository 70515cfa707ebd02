from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    REPLACED = "replaced", _("Replaced")


class MilestoneKind(models.TextChoices):
    REGISTRATION_DUE = "registration_due", _("Registration list due")
    INTERIM_REVIEW = "interim_review", _("Interim review (sơ kết)")
    FINAL_REVIEW = "final_review", _("Final review (tổng kết)")
    HONOURING_CONFERENCE = "honouring_conference", _("Honouring conference")
    CONGRESS = "congress", _("Exemplar congress (Đại hội)")
    REPORT_DUE = "report_due", _("Report due")
    OTHER = "other", _("Other")


class MovementKind(models.TextChoices):
    MOVEMENT = "movement", _("Emulation movement (phong trào thi đua)")
    CAMPAIGN = "campaign", _("Campaign (cuộc vận động)")


class SubjectKindOrAny(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")
    ANY = "any", _("Any")


class QuotaPeriod(models.TextChoices):
    YEAR = "year", _("Year")
    HALF_YEAR = "half_year", _("Half-year")
    QUARTER = "quarter", _("Quarter")


class QuotaCounts(models.TextChoices):
    """What a quota counts: exemplars presented, or propagation work done by the unit."""

    EXEMPLARS = "exemplars", _("Exemplars presented")
    PROPAGATION = "propagation", _("Propagation activities")
    EVENTS = "events", _("Honouring or exchange events organised")


class CriteriaScope(models.TextChoices):
    GENERAL = "general", _("General")
    FIELD = "field", _("Per field")
    SUBJECT_KIND = "subject_kind", _("Per subject kind")
    UNIT = "unit", _("Per unit")
    LEGAL = "legal", _("Legal prerequisite")


class CriterionKind(models.TextChoices):
    JUDGED = "judged", _("Judged by a person")
    TITLE_STREAK = "title_streak", _("Title streak")
    TITLE_PREFERRED = "title_preferred", _("Higher title preferred")
    RATING_STREAK = "rating_streak", _("Rating streak")
    LEADER_RULE = "leader_rule", _("Leader rule")
    METRIC_RULE = "metric_rule", _("Metric rule")
    COMPOSITION = "composition", _("Collective composition")
    FREEZE = "freeze", _("Freeze (discipline, inspection, complaint)")
    ALL_OF = "all_of", _("All of")
    ANY_OF = "any_of", _("Any of")


class CaseKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Discipline")
    INSPECTION = "inspection", _("Inspection")
    COMPLAINT = "complaint", _("Complaint")


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    NEEDS_JUDGEMENT = "needs_judgement", _("Needs judgement")
