from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guongsang.common.text import fold, sort_key
from guongsang.orgs.models import Household, Person, Unit
from guongsang.titles.enums import AwardNature, Level, SubjectKind, TitleKind


class Title(models.Model):
    """An entry of the catalogue: an emulation title, a rating or an award form."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=TitleKind)
    subject_kind = models.CharField(_("for"), max_length=16, choices=SubjectKind)
    level = models.CharField(_("level"), max_length=16, choices=Level, default=Level.UNIT)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher ranks are preferred when ranking candidates.")
    )
    legal_reference = models.CharField(_("legal reference"), max_length=255, blank=True)
    money_multiple = models.DecimalField(
        _("multiple of the base salary"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    requires_vote = models.BooleanField(_("requires a council vote"), default=False)
    vote_threshold_percent = models.PositiveSmallIntegerField(
        _("pass mark (% of all council members)"), null=True, blank=True
    )
    is_active = models.BooleanField(_("in use"), default=True)
    description = models.TextField(_("description"), blank=True)
    search_text = models.TextField(editable=False, default="")
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text", "name_sort"])

    class Meta:
        verbose_name = _("title")
        verbose_name_plural = _("title catalogue")
        ordering = ["kind", "-rank", "name_sort"]

    def __str__(self):
        return self.name

    def refresh_search_fields(self):
        self.name_sort = sort_key(self.name)
        self.search_text = " | ".join(fold(p) for p in (self.name, self.code) if p)


class TitleRecord(models.Model):
    """A title, rating or award a subject held in a year, with the decision that granted it."""

    title = models.ForeignKey(
        Title, on_delete=models.PROTECT, related_name="records", verbose_name=_("title")
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="title_records",
        verbose_name=_("individual"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="title_records",
        verbose_name=_("collective"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="title_records",
        verbose_name=_("household"),
    )
    # The unit whose scope the record belongs to, as it was when recorded: the collective
    # itself, the person's unit, or the household's locality.
    scope_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="scoped_title_records", editable=False
    )
    nature = models.CharField(
        _("nature"), max_length=16, choices=AwardNature, default=AwardNature.REGULAR
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("title record")
        verbose_name_plural = _("title records")
        ordering = ["-year", "title__rank"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, unit__isnull=True, household__isnull=True)
                    | Q(person__isnull=True, unit__isnull=False, household__isnull=True)
                    | Q(person__isnull=True, unit__isnull=True, household__isnull=False)
                ),
                name="title_record_one_subject",
            ),
            models.UniqueConstraint(
                fields=["title", "year", "person"],
                condition=Q(person__isnull=False),
                name="unique_title_record_person",
            ),
            models.UniqueConstraint(
                fields=["title", "year", "unit"],
                condition=Q(unit__isnull=False),
                name="unique_title_record_unit",
            ),
            models.UniqueConstraint(
                fields=["title", "year", "household"],
                condition=Q(household__isnull=False),
                name="unique_title_record_household",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "year"]),
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["household", "year"]),
            models.Index(fields=["scope_unit", "year"]),
        ]

    def __str__(self):
        return f"{self.title} {self.year} — {self.subject}"

    @property
    def subject(self):
        return self.person or self.unit or self.household

    @property
    def subject_kind(self) -> str:
        if self.person_id:
            return SubjectKind.INDIVIDUAL
        if self.unit_id:
            return SubjectKind.COLLECTIVE
        return SubjectKind.HOUSEHOLD

    def clean(self):
        subjects = [s for s in (self.person_id, self.unit_id, self.household_id) if s]
        if len(subjects) != 1:
            raise ValidationError(_("A title record has exactly one subject."))
        if self.title_id and self.title.subject_kind != self.subject_kind:
            raise ValidationError(
                {"title": _("This title is not awarded to this kind of subject.")}
            )
        if self.decision_date and self.decision_date.year < self.year:
            raise ValidationError(
                {"decision_date": _("The decision date is before the year of the title.")}
            )
