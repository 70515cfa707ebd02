from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guongsang.exemplars.enums import (
    DiscoveryKind,
    EvidenceKind,
    ExemplarKind,
    ExemplarStatus,
    Origin,
)
from guongsang.orgs.models import Person, SubjectModel, Unit, one_subject_constraint
from guongsang.plans.models import Field, Movement, Plan
from guongsang.titles.enums import Level


class Exemplar(SubjectModel):
    """The central record: a subject put forward as an exemplar under a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="exemplars")
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemplars",
        verbose_name=_("movement"),
    )
    fields = models.ManyToManyField(Field, blank=True, related_name="exemplars")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ExemplarKind, default=ExemplarKind.COMPREHENSIVE
    )
    aspects = models.CharField(_("aspects"), max_length=500, blank=True)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin, default=Origin.REGISTERED)
    discovery_kind = models.CharField(
        _("discovered as"), max_length=16, choices=DiscoveryKind, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ExemplarStatus,
        default=ExemplarStatus.REGISTERED,
        db_index=True,
    )
    level = models.CharField(_("recognised level"), max_length=16, choices=Level, blank=True)
    # The unit whose scope the exemplar belongs to, and its name, as on the day it was made.
    scope_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="scoped_exemplars", editable=False
    )
    unit_name = models.CharField(_("unit (on the day)"), max_length=255, editable=False)
    subject_name = models.CharField(_("name"), max_length=255, editable=False)
    search_text = models.TextField(editable=False, default="")
    name_sort = models.CharField(max_length=2100, editable=False, default="", db_index=True)
    summary = models.TextField(_("achievement summary"), blank=True)
    key_achievements = models.JSONField(_("key achievements"), default=list, blank=True)
    titles_held = models.JSONField(_("titles held"), default=list, blank=True, editable=False)
    story_draft = models.TextField(_("story draft"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registered_exemplars"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text", "name_sort"])

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["name_sort"]
        constraints = [one_subject_constraint("exemplar_one_subject")]
        indexes = [
            models.Index(fields=["plan", "status"]),
            models.Index(fields=["scope_unit", "year"]),
        ]

    def __str__(self):
        return self.subject_name


class StatusChange(models.Model):
    """One step of the exemplar's life: who, when, from what to what, and why."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=ExemplarStatus, blank=True)
    to_status = models.CharField(max_length=16, choices=ExemplarStatus)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.exemplar}: {self.from_status} → {self.to_status}"


class Initiative(models.Model):
    """An innovation (sáng kiến, giải pháp) credited to the exemplar's subject."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    effect_level = models.CharField(
        _("scope of effect"), max_length=16, choices=Level, default=Level.UNIT
    )
    recognition = models.CharField(_("recognised by (decision)"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "pk"]

    def __str__(self):
        return self.title


class Evidence(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=16, choices=EvidenceKind)
    description = models.CharField(_("description"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name


class NurturingPlan(models.Model):
    """The support given to an exemplar and the weaknesses it must overcome."""

    exemplar = models.OneToOneField(
        Exemplar, on_delete=models.CASCADE, related_name="nurturing_plan"
    )
    support_kinds = models.JSONField(_("support"), default=list, blank=True)
    support_detail = models.TextField(_("support given"), blank=True)
    weaknesses = models.TextField(_("weaknesses to overcome"), blank=True)
    mentor = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentored_plans",
        verbose_name=_("mentor"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nurturing plan")
        verbose_name_plural = _("nurturing plans")

    def __str__(self):
        return str(self.exemplar)


class Checkpoint(models.Model):
    nurturing_plan = models.ForeignKey(
        NurturingPlan, on_delete=models.CASCADE, related_name="checkpoints"
    )
    due_date = models.DateField(_("due date"))
    description = models.CharField(_("description"), max_length=500)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["due_date"]

    def __str__(self):
        return self.description


class ProgressNote(models.Model):
    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="progress_notes")
    date = models.DateField(_("date"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.exemplar} — {self.date}"


def _score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Evaluation(models.Model):
    """A periodic assessment (1–5) of an exemplar's effect, efficiency, potential, influence."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="evaluations")
    date = models.DateField(_("date"))
    effect = _score_field(_("effect"))
    efficiency = _score_field(_("efficiency"))
    potential = _score_field(_("potential"))
    influence = _score_field(_("influence"))
    comment = models.TextField(_("comment"), blank=True)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.exemplar} — {self.date}"


class Notification(models.Model):
    """An in-app notice to a user (also e-mailed) that something they follow changed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message
