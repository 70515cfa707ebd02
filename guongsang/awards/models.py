from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guongsang.awards.enums import DecisionKind, DecisionStatus, ProposalStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import SubjectModel, Unit, one_subject_constraint
from guongsang.reviews.models import ReviewRound
from guongsang.titles.enums import Level
from guongsang.titles.models import Title

_MONEY = {"max_digits": 15, "decimal_places": 0}


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) in force from a date; awards are multiples of it."""

    amount = models.DecimalField(_("amount (VND)"), **_MONEY)
    valid_from = models.DateField(_("in force from"), unique=True)
    legal_reference = models.CharField(_("legal reference"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount} ({self.valid_from})"


class EmulationFund(models.Model):
    """A unit's emulation and commendation fund for a year."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="funds")
    year = models.PositiveSmallIntegerField(_("year"))
    opening_balance = models.DecimalField(_("opening balance (VND)"), **_MONEY, default=0)
    propagation_share_percent = models.PositiveSmallIntegerField(
        _("share for movements and propagation (%)"), default=20
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation fund")
        verbose_name_plural = _("emulation funds")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unique_fund_year")]

    def __str__(self):
        return f"{self.unit} {self.year}"


class FundEntry(models.Model):
    fund = models.ForeignKey(EmulationFund, on_delete=models.PROTECT, related_name="entries")
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (VND)"), **_MONEY, help_text=_("Negative: spending."))
    description = models.CharField(_("description"), max_length=500)
    is_propagation = models.BooleanField(_("for movements and propagation"), default=False)
    decision = models.ForeignKey(
        "Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="fund_entries"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["date", "pk"]

    def __str__(self):
        return self.description


class Decision(models.Model):
    """A numbered, dated, signed act; immutable once issued (corrections are new decisions)."""

    number = models.CharField(_("number"), max_length=64, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind)
    status = models.CharField(max_length=16, choices=DecisionStatus, default=DecisionStatus.DRAFT)
    authority = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("authority")
    )
    authority_name = models.CharField(_("authority (on the day)"), max_length=255, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    title = models.ForeignKey(
        Title, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("title or award")
    )
    level = models.CharField(_("level"), max_length=16, choices=Level)
    year = models.PositiveSmallIntegerField(_("year of the achievement"))
    summary = models.TextField(_("grounds and content"), blank=True)
    round = models.ForeignKey(
        ReviewRound, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    fund = models.ForeignKey(
        EmulationFund, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    base_salary = models.DecimalField(_("base salary applied (VND)"), **_MONEY, null=True)
    total_amount = models.DecimalField(_("total (VND)"), **_MONEY, default=0)
    issued_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.number or str(_("Draft decision"))

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED


class DecisionRecipient(SubjectModel):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="recipients")
    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    name = models.CharField(_("name (on the day)"), max_length=255)
    unit_name = models.CharField(_("unit (on the day)"), max_length=255, blank=True)
    amount = models.DecimalField(_("amount (VND)"), **_MONEY, default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["pk"]
        constraints = [one_subject_constraint("decision_recipient_one_subject")]

    def __str__(self):
        return self.name


class Proposal(models.Model):
    """A cover proposal (tờ trình) sending recognised exemplars up to the parent unit."""

    number = models.CharField(_("number"), max_length=64, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="proposals_sent")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="proposals_received")
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("title or award proposed"),
    )
    status = models.CharField(max_length=16, choices=ProposalStatus, default=ProposalStatus.DRAFT)
    summary = models.TextField(_("content"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    round = models.ForeignKey(
        ReviewRound, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    exemplars = models.ManyToManyField(Exemplar, related_name="proposals", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[exemplars])

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.number or str(_("Draft proposal"))


class PublicPosting(models.Model):
    """Candidates for the highest awards, posted publicly for comment before the council meets."""

    candidate_exemplar = models.ForeignKey(
        Exemplar, on_delete=models.PROTECT, related_name="postings"
    )
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("posted from"))
    end = models.DateField(_("posted until"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public posting")
        verbose_name_plural = _("public postings")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.candidate_exemplar} ({self.start}–{self.end})"


class PostingComment(models.Model):
    posting = models.ForeignKey(PublicPosting, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("name"), max_length=255)
    contact = models.CharField(_("e-mail or phone"), max_length=255, blank=True)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    is_published = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("comment on a posting")
        verbose_name_plural = _("comments on postings")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:50]
