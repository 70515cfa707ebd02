import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Person, Unit
from guongsang.plans.models import Plan
from guongsang.reviews.enums import (
    Channel,
    Choice,
    MemberRole,
    Outcome,
    RoundStatus,
    ThresholdBase,
)
from guongsang.titles.enums import Level
from guongsang.titles.models import Title

_PERCENT = [MinValueValidator(1), MaxValueValidator(100)]


class Council(models.Model):
    """A unit's Hội đồng Thi đua – Khen thưởng for a term."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="councils")
    name = models.CharField(_("name"), max_length=255)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["-valid_from"]

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="council_seats")
    role = models.CharField(_("role"), max_length=16, choices=MemberRole, default=MemberRole.MEMBER)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "person"], name="unique_council_member")
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class ReviewRound(models.Model):
    """A sitting of a council over a list of candidates (đợt bình xét)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("name"), max_length=500)
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="review_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=16, choices=Level)
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_rounds",
        verbose_name=_("title or award considered"),
    )
    status = models.CharField(max_length=16, choices=RoundStatus, default=RoundStatus.DRAFT)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% of members present)"), default=67, validators=_PERCENT
    )
    threshold_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=50, validators=_PERCENT
    )
    threshold_base = models.CharField(
        _("pass mark counted"),
        max_length=16,
        choices=ThresholdBase,
        default=ThresholdBase.ALL_MEMBERS,
    )
    requires_vote = models.BooleanField(_("secret ballot required"), default=True)
    exclude_conflicted = models.BooleanField(
        _("members from the candidate's unit do not vote on it"), default=False
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    final_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class ScoringCriterion(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=255)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class Candidate(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="candidates")
    exemplar = models.ForeignKey(Exemplar, on_delete=models.PROTECT, related_name="candidacies")
    # Snapshots for sorting, searching and the minutes without joins.
    name = models.CharField(_("name"), max_length=255)
    unit_name = models.CharField(_("unit"), max_length=255)
    name_sort = models.CharField(max_length=2100, default="", db_index=True)
    search_text = models.TextField(default="")
    score = models.DecimalField(
        _("weighted score"), max_digits=8, decimal_places=2, default=0, db_index=True
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome, default=Outcome.PENDING, db_index=True
    )
    outcome_reason = models.TextField(_("reason"), blank=True)
    # Filled when the round closes, reproducible from the stored ballots.
    agree = models.PositiveIntegerField(default=0, editable=False)
    disagree = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "name_sort"])

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["-score", "name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["round", "exemplar"], name="unique_candidate")
        ]
        # The ranked table's order, so a deep page is an index walk, not a sort of the round.
        indexes = [
            models.Index(fields=["round", "-score", "name_sort", "id"]),
            models.Index(fields=["round", "outcome"]),
        ]

    def __str__(self):
        return self.name


class Score(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "criterion", "member"], name="unique_score"
            )
        ]

    def __str__(self):
        return f"{self.candidate}: {self.value}"

    def clean(self):
        if self.criterion_id and self.value > self.criterion.max_score:
            raise ValidationError({"value": _("The score is above the highest score.")})


class DiscussionComment(models.Model):
    """A council-only discussion thread per candidate."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discussion comment")
        verbose_name_plural = _("discussion comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class Attendance(models.Model):
    """Who attended the sitting; absent members may send a written opinion."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="unique_attendance")
        ]

    def __str__(self):
        return f"{self.member}: {self.present}"


class WrittenOpinion(models.Model):
    """An absent member's written opinion on a candidate (not secret: it is signed)."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="written_opinions"
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("opinion"), max_length=16, choices=Choice)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("written opinion")
        verbose_name_plural = _("written opinions")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "member"], name="unique_written_opinion")
        ]

    def __str__(self):
        return f"{self.member}: {self.choice}"


class Participation(models.Model):
    """That a member voted on a candidate — never what they chose.

    Kept apart from Ballot: random keys, no timestamps, no audit history, so nothing stored
    joins a member to a choice (not ids, not times, not order).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="participations"
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "member"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"{self.member} voted on {self.candidate}"


class Ballot(models.Model):
    """One anonymous choice, chained by hashes: hash = sha256(previous hash | content | nonce)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="ballots")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=16, choices=Choice)
    channel = models.CharField(max_length=8, choices=Channel)
    position = models.PositiveIntegerField()
    nonce = models.CharField(max_length=32)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="unique_ballot_position")
        ]

    def __str__(self):
        return f"#{self.position}"
