from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guongsang.common.text import fold, sort_key
from guongsang.orgs.models import EmulationGroup, SubjectModel, Unit, one_subject_constraint
from guongsang.plans.enums import (
    CaseKind,
    CriteriaScope,
    CriterionKind,
    MilestoneKind,
    MovementKind,
    PlanStatus,
    QuotaCounts,
    QuotaPeriod,
    SubjectKindOrAny,
    Verdict,
)
from guongsang.titles.enums import SubjectKind
from guongsang.titles.models import Title


class Field(models.Model):
    """An area of work (lĩnh vực); configurable."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["name_sort"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_sort = sort_key(self.name)
        super().save(*args, **kwargs)


class Plan(models.Model):
    """An issued plan (kế hoạch): number, issuer, period, what it implements and replaces."""

    number = models.CharField(_("number"), max_length=64, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="issued_plans", verbose_name=_("issuer")
    )
    issuer_name = models.CharField(_("issuer's name on the day"), max_length=255, blank=True)
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    bases = models.TextField(
        _("legal bases (căn cứ)"), blank=True, help_text=_("Other documents, one per line.")
    )
    implements = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="implemented_by",
        verbose_name=_("implements"),
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    allows_self_registration = models.BooleanField(
        _("staff may register themselves"), default=False
    )
    purpose = models.TextField(_("purpose and requirements"), blank=True)
    signer_name = models.CharField(_("signed by"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year", "-issued_on", "-pk"]

    def __str__(self):
        return f"{self.number} — {self.title}" if self.number else self.title

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year is before the start year.")})

    def refresh_search_fields(self):
        self.search_text = " | ".join(fold(p) for p in (self.number, self.title) if p)


class Stage(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=255)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["start"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})


class Milestone(models.Model):
    """A dated obligation of a plan: registration list, reviews, conferences, reports."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=32, choices=MilestoneKind)
    title = models.CharField(_("title"), max_length=500)
    due_date = models.DateField(_("due date"), db_index=True)
    responsible_units = models.ManyToManyField(
        Unit, blank=True, related_name="milestones", verbose_name=_("responsible units")
    )
    description = models.TextField(_("description"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[responsible_units])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date"]

    def __str__(self):
        return self.title


class Movement(models.Model):
    """An emulation movement or campaign under a plan, with its lead and cooperating units."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="movements")
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=16, choices=MovementKind, default=MovementKind.MOVEMENT
    )
    lead_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_movements",
        verbose_name=_("lead unit (chủ trì)"),
    )
    cooperating_units = models.ManyToManyField(
        Unit, blank=True, related_name="cooperating_movements", verbose_name=_("cooperating units")
    )
    fields = models.ManyToManyField(Field, blank=True, related_name="movements")
    criteria_sets = models.ManyToManyField(
        "CriteriaSet", blank=True, related_name="movements", verbose_name=_("criteria sets")
    )
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(m2m_fields=[cooperating_units, fields])

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Target(models.Model):
    """ "At least N subjects of a kind over the movement's period"."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    subject_kind = models.CharField(_("subject kind"), max_length=16, choices=SubjectKind)
    minimum = models.PositiveIntegerField(_("at least"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["movement", "subject_kind"], name="unique_target_kind")
        ]

    def __str__(self):
        return f"≥{self.minimum} {self.get_subject_kind_display()}"


class QuotaUnits(models.TextChoices):
    CHILDREN = "children", _("Each unit directly under the issuer")
    GROUP = "group", _("Each member of an emulation group")
    LISTED = "listed", _("Each listed unit")


class Quota(models.Model):
    """Each unit in scope presents at least N exemplars of a kind per period, by a date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="quotas")
    title = models.CharField(_("title"), max_length=500)
    counts = models.CharField(
        _("counts"), max_length=16, choices=QuotaCounts, default=QuotaCounts.EXEMPLARS
    )
    subject_kind = models.CharField(
        _("subject kind"), max_length=16, choices=SubjectKindOrAny, default=SubjectKindOrAny.ANY
    )
    minimum = models.PositiveIntegerField(_("at least"), default=1)
    period = models.CharField(
        _("every"), max_length=16, choices=QuotaPeriod, default=QuotaPeriod.YEAR
    )
    requires_summary = models.BooleanField(_("with an achievement summary"), default=True)
    unit_scope = models.CharField(
        _("which units"), max_length=16, choices=QuotaUnits, default=QuotaUnits.CHILDREN
    )
    group = models.ForeignKey(
        EmulationGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotas",
        verbose_name=_("emulation group"),
    )
    units = models.ManyToManyField(
        Unit, blank=True, related_name="quotas", verbose_name=_("listed units")
    )
    recipient = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_quotas",
        verbose_name=_("sent to"),
    )
    due_offset_days = models.IntegerField(
        _("due, days after the period ends"),
        default=0,
        help_text=_("Negative: before the period ends (e.g. -15 for mid-December)."),
    )
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.unit_scope == QuotaUnits.GROUP and self.group_id is None:
            raise ValidationError({"group": _("Choose the emulation group.")})


class CriteriaSet(models.Model):
    """Criteria that a candidate must meet: general, per field, subject kind or unit."""

    name = models.CharField(_("name"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    scope = models.CharField(
        _("applies"), max_length=16, choices=CriteriaScope, default=CriteriaScope.GENERAL
    )
    subject_kind = models.CharField(_("subject kind"), max_length=16, choices=SubjectKind)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, null=True, blank=True, related_name="criteria_sets"
    )
    owner = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria_sets",
        verbose_name=_("unit"),
    )
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prerequisite_sets",
        verbose_name=_("qualifies for title"),
    )
    legal_reference = models.CharField(_("legal reference"), max_length=255, blank=True)
    is_builtin = models.BooleanField(_("shipped with the system"), default=False)
    code = models.SlugField(_("code"), max_length=64, blank=True, db_index=True)
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["name_sort"])

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["name_sort"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_sort = sort_key(self.name)
        super().save(*args, **kwargs)


class Criterion(models.Model):
    """One criterion: judged by a person, or a rule the engine checks (see plans/engine/)."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=CriterionKind)
    label = models.CharField(_("wording"), max_length=500)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    legal_reference = models.CharField(_("legal reference"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label


class ComplianceCase(SubjectModel):
    """A discipline, inspection or complaint: open cases freeze proposals (the engine reads it)."""

    kind = models.CharField(_("kind"), max_length=16, choices=CaseKind)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    effect_until = models.DateField(
        _("discipline in effect until"),
        null=True,
        blank=True,
        help_text=_("Only achievements after this date count."),
    )
    reference = models.CharField(_("decision or file number"), max_length=128, blank=True)
    note = models.TextField(_("note"), blank=True)
    scope_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline, inspection or complaint")
        verbose_name_plural = _("disciplines, inspections and complaints")
        ordering = ["-opened_on"]
        constraints = [one_subject_constraint("compliance_case_one_subject")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.subject}"

    def clean(self):
        if self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("The closing date is before the opening date.")})


class Judgement(SubjectModel):
    """A person's ruling on a judged criterion for a subject and year, with evidence."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="judgements")
    year = models.PositiveSmallIntegerField(_("year"))
    met = models.BooleanField(_("met"))
    evidence = models.TextField(_("evidence"), blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    judged_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("judgement")
        verbose_name_plural = _("judgements")
        constraints = [
            one_subject_constraint("judgement_one_subject"),
            *[
                models.UniqueConstraint(
                    fields=["criterion", "year", kind],
                    condition=models.Q(**{f"{kind}__isnull": False}),
                    name=f"unique_judgement_{kind}",
                )
                for kind in ("person", "unit", "household")
            ],
        ]

    def __str__(self):
        return f"{self.criterion} — {self.subject}"


class EligibilityRun(models.Model):
    """One run of the engine over a set of candidates; its results are kept for lists/exports."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="runs")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("candidates under unit"),
    )
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    candidates = models.PositiveIntegerField(default=0)
    eligible = models.PositiveIntegerField(default=0)
    not_eligible = models.PositiveIntegerField(default=0)
    needs_judgement = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("eligibility run")
        verbose_name_plural = _("eligibility runs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.criteria_set} — {self.year}"


class EligibilityResult(SubjectModel):
    run = models.ForeignKey(EligibilityRun, on_delete=models.CASCADE, related_name="results")
    verdict = models.CharField(max_length=16, choices=Verdict, db_index=True)
    score = models.IntegerField(default=0, help_text=_("Highest title rank held, for ranking."))
    reasons = models.JSONField(default=list)
    subject_name = models.CharField(max_length=255, default="")
    unit_name = models.CharField(max_length=255, default="")
    name_sort = models.CharField(max_length=2100, default="", db_index=True)

    class Meta:
        verbose_name = _("eligibility result")
        verbose_name_plural = _("eligibility results")
        indexes = [models.Index(fields=["run", "verdict", "-score"])]

    def __str__(self):
        return f"{self.subject}: {self.get_verdict_display()}"
