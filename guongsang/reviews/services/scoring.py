"""Scoring criteria, the members' scores, the weighted score, and the council's discussion.

The candidate's score is the weighted average over the criteria of each criterion's average
score (over the members who scored it): Σ wᵢ·avgᵢ / Σ wᵢ over the criteria scored so far. It
is recomputed here whenever a score or a weight changes, never in save() or a signal.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.reviews.models import (
    Candidate,
    DiscussionComment,
    ReviewRound,
    Score,
    ScoringCriterion,
)
from guongsang.reviews.services.rounds import ensure_round_not_closed, ensure_round_open

_CENT = Decimal("0.01")


def _require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def _check_criterion(weight, max_score) -> None:
    if weight is not None and Decimal(weight) <= 0:
        raise DomainError(_("The weight must be greater than zero."))
    if max_score is not None and int(max_score) < 1:
        raise DomainError(_("The highest score must be at least 1."))


@transaction.atomic
def criterion_add(
    *,
    review_round: ReviewRound,
    name: str,
    actor,
    weight: Decimal | int = 1,
    max_score: int = 10,
    order: int | None = None,
) -> ScoringCriterion:
    _require(actor, "reviews.manage_round", review_round)
    ensure_round_not_closed(review_round)
    _check_criterion(weight, max_score)
    if order is None:
        order = ScoringCriterion.objects.filter(round=review_round).count() + 1
    criterion = ScoringCriterion(
        round=review_round, name=(name or "").strip(), weight=weight, max_score=max_score,
        order=order,
    )  # fmt: skip
    audited_save(criterion, actor=actor)
    return criterion


@transaction.atomic
def criterion_update(*, criterion: ScoringCriterion, actor, **fields) -> ScoringCriterion:
    """Rename or reweigh a criterion; every candidate's score follows the new weight."""
    review_round = criterion.round
    _require(actor, "reviews.manage_round", review_round)
    ensure_round_not_closed(review_round)
    _check_criterion(fields.get("weight"), fields.get("max_score"))
    for name in ("name", "weight", "max_score", "order"):
        if name in fields:
            setattr(criterion, name, fields[name])
    if Score.objects.filter(criterion=criterion, value__gt=criterion.max_score).exists():
        raise DomainError(_("Some scores are above the new highest score."))
    audited_save(criterion, actor=actor)
    for candidate in Candidate.objects.filter(round=review_round):
        candidate_score_recompute(candidate=candidate, actor=actor)
    return criterion


@transaction.atomic
def scores_set(*, candidate: Candidate, values: dict, actor) -> Candidate:
    """The acting member's scores for one candidate: {criterion (or its id): value}."""
    from guongsang.reviews.selectors import seat_of

    review_round = candidate.round
    ensure_round_open(review_round)
    member = seat_of(user=actor, review_round=review_round)
    if member is None:
        raise PermissionDenied
    criteria = {c.pk: c for c in ScoringCriterion.objects.filter(round=review_round)}
    if not values:
        raise DomainError(_("Give at least one score."))
    for key, value in values.items():
        criterion = criteria.get(getattr(key, "pk", key))
        if criterion is None:
            raise DomainError(_("Unknown scoring criterion."))
        if value is None or not 0 <= int(value) <= criterion.max_score:
            raise DomainError(
                _("“%(criterion)s” is scored from 0 to %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score}
            )
        Score.objects.update_or_create(
            candidate=candidate, criterion=criterion, member=member,
            defaults={"value": int(value)},
        )  # fmt: skip
    return candidate_score_recompute(candidate=candidate, actor=actor)


def candidate_score_recompute(*, candidate: Candidate, actor=None) -> Candidate:
    rows = (
        Score.objects.filter(candidate=candidate)
        .values("criterion_id", "criterion__weight")
        .annotate(avg=Avg("value"))
        .order_by()
    )
    total_weight = sum((row["criterion__weight"] for row in rows), Decimal(0))
    if total_weight:
        weighted = sum(
            (row["criterion__weight"] * Decimal(str(row["avg"])) for row in rows), Decimal(0)
        )
        score = (weighted / total_weight).quantize(_CENT, rounding=ROUND_HALF_UP)
    else:
        score = Decimal(0)
    if candidate.score != score:
        candidate.score = score
        audited_save(candidate, actor=actor, reason=_("Score recomputed"), validate=False)
    return candidate


@transaction.atomic
def comment_add(*, candidate: Candidate, text: str, actor) -> DiscussionComment:
    """A message in the council's thread on a candidate (members seated for the round)."""
    _require(actor, "reviews.discuss", candidate.round)
    ensure_round_not_closed(candidate.round)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the comment."))
    comment = DiscussionComment(candidate=candidate, author=actor, text=text)
    comment.full_clean()
    comment.save()
    return comment
