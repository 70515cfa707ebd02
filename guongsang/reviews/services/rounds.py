"""Review rounds (đợt bình xét): opening one, its candidates, and the outcome for each.

A round is prepared (draft), opened, then closed by the ballot count (services/ballots.py).
Once closed nothing about it or its candidates changes: every write here checks the round's
status afresh, under a row lock, so a write racing the close cannot slip in after it.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.exemplars.services.lifecycle import (
    exemplar_defer,
    exemplar_keep_recognition,
    exemplar_not_recognise,
    exemplar_start_review,
)
from guongsang.plans.models import Plan
from guongsang.reviews.enums import Outcome, RoundStatus
from guongsang.reviews.models import Candidate, Council, ReviewRound
from guongsang.titles.models import Title

_DECIDED = (Outcome.PASS, Outcome.FAIL, Outcome.DEFER)


def _require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def ensure_round_not_closed(review_round: ReviewRound) -> ReviewRound:
    """Lock the round and refuse when it is closed (read afresh, not from the caller's copy)."""
    status = ReviewRound.objects.select_for_update().values_list("status", flat=True)
    if status.get(pk=review_round.pk) == RoundStatus.CLOSED:
        raise DomainError(_("The review round is closed; nothing in it can change."))
    return review_round


def ensure_round_open(review_round: ReviewRound) -> ReviewRound:
    status = ReviewRound.objects.select_for_update().values_list("status", flat=True)
    current = status.get(pk=review_round.pk)
    if current == RoundStatus.CLOSED:
        raise DomainError(_("The review round is closed; nothing in it can change."))
    if current != RoundStatus.OPEN:
        raise DomainError(_("Open the review round first."))
    return review_round


@transaction.atomic
def round_create(
    *,
    council: Council,
    name: str,
    year: int,
    level: str,
    actor,
    title: Title | None = None,
    plan: Plan | None = None,
    meeting_date: datetime.date | None = None,
    **options,
) -> ReviewRound:
    """A draft round; the pass mark and the need for a vote default to the title's."""
    _require(actor, "reviews.manage_round", council)
    options = {key: value for key, value in options.items() if value is not None}
    if title is not None:
        options.setdefault("requires_vote", title.requires_vote)
        if title.vote_threshold_percent:
            options.setdefault("threshold_percent", title.vote_threshold_percent)
    review_round = ReviewRound(
        council=council,
        name=(name or "").strip(),
        year=year,
        level=level,
        title=title,
        plan=plan,
        meeting_date=meeting_date,
        created_by=actor,
        **options,
    )
    return audited_save(review_round, actor=actor, reason=_("Review round prepared"))


_EDITABLE = (
    "name", "meeting_date", "quorum_percent", "threshold_percent", "threshold_base",
    "requires_vote", "exclude_conflicted",
)  # fmt: skip


@transaction.atomic
def round_update(*, review_round: ReviewRound, actor, **fields) -> ReviewRound:
    """Change a round's settings; once a vote is cast, only its name (the rules of the count
    cannot move under the voters)."""
    from guongsang.reviews.models import Participation

    _require(actor, "reviews.manage_round", review_round)
    ensure_round_not_closed(review_round)
    voted = Participation.objects.filter(candidate__round=review_round).exists()
    for name, value in fields.items():
        if name not in _EDITABLE:
            raise DomainError(_("This field cannot be changed."))
        if voted and name != "name" and getattr(review_round, name) != value:
            raise DomainError(_("Votes have been cast: the round's voting rules cannot change."))
        setattr(review_round, name, value)
    return audited_save(review_round, actor=actor, reason=_("Review round changed"))


@transaction.atomic
def round_open(*, review_round: ReviewRound, actor) -> ReviewRound:
    _require(actor, "reviews.manage_round", review_round)
    ensure_round_not_closed(review_round)
    review_round.refresh_from_db(fields=["status"])
    if review_round.status != RoundStatus.DRAFT:
        raise DomainError(_("The review round is already open."))
    if not review_round.candidates.exists():
        raise DomainError(_("Add candidates before opening the round."))
    review_round.status = RoundStatus.OPEN
    review_round.opened_at = timezone.now()
    return audited_save(review_round, actor=actor, reason=_("Review round opened"))


@transaction.atomic
def candidates_add(
    *, review_round: ReviewRound, exemplars: list[Exemplar], actor, any_plan: bool = False
) -> list[Candidate]:
    """Put proposed exemplars of the council's subtree on the list; each goes under review.

    `any_plan`: exemplars sent up by a proposal come from the lower unit's plan, not the round's.
    """
    from guongsang.reviews.selectors import proposable_exemplars

    _require(actor, "reviews.manage_round", review_round)
    ensure_round_not_closed(review_round)
    if not exemplars:
        raise DomainError(_("Choose at least one exemplar."))
    allowed = set(
        proposable_exemplars(review_round=review_round, any_plan=any_plan)
        .filter(pk__in=[e.pk for e in exemplars])
        .values_list("pk", flat=True)
    )
    refused = [e.subject_name for e in exemplars if e.pk not in allowed]
    if refused:
        raise DomainError(
            _("Not proposed to this council's unit, or already on the list: %(names)s.")
            % {"names": ", ".join(refused)}
        )
    added = []
    reason = _("Added to the review round “%(round)s”.") % {"round": review_round.name}
    for exemplar in exemplars:
        exemplar_start_review(exemplar=exemplar, actor=actor, reason=reason)
        candidate = Candidate(
            round=review_round,
            exemplar=exemplar,
            name=exemplar.subject_name,
            unit_name=exemplar.unit_name,
            name_sort=exemplar.name_sort,
            search_text=exemplar.search_text,
        )
        added.append(audited_save(candidate, actor=actor, reason=reason))
    return added


def _outcome_apply(*, candidate: Candidate, outcome: str, reason: str, actor) -> Candidate:
    if outcome not in _DECIDED:
        raise DomainError(_("Choose pass, fail or defer."))
    reason = (reason or "").strip()
    if outcome in (Outcome.FAIL, Outcome.DEFER) and not reason:
        raise DomainError(_("Give the reason for failing or deferring a candidate."))
    if candidate.outcome == outcome:
        return candidate
    if candidate.outcome in (Outcome.FAIL, Outcome.DEFER):
        raise DomainError(
            _("“%(name)s” has already left the review (%(outcome)s).")
            % {"name": candidate.name, "outcome": Outcome(candidate.outcome).label}
        )
    exemplar = candidate.exemplar
    if outcome == Outcome.FAIL and exemplar.level:
        exemplar_keep_recognition(exemplar=exemplar, actor=actor, reason=reason)
    elif outcome == Outcome.FAIL:
        exemplar_not_recognise(exemplar=exemplar, actor=actor, reason=reason)
    elif outcome == Outcome.DEFER:
        exemplar_defer(exemplar=exemplar, actor=actor, reason=reason)
    elif exemplar.status != ExemplarStatus.UNDER_REVIEW:
        raise DomainError(_("“%(name)s” is no longer under review.") % {"name": candidate.name})
    candidate.outcome = outcome
    candidate.outcome_reason = reason
    return audited_save(candidate, actor=actor, reason=reason or Outcome(outcome).label)


@transaction.atomic
def candidate_outcome_set(*, candidate: Candidate, outcome: str, actor, reason: str = ""):
    """Pass, fail (not recognised) or defer (back to proposed) one candidate."""
    _require(actor, "reviews.manage_round", candidate.round)
    ensure_round_open(candidate.round)
    return _outcome_apply(candidate=candidate, outcome=outcome, reason=reason, actor=actor)


@transaction.atomic
def candidates_outcome_bulk(
    *, review_round: ReviewRound, candidates: list[Candidate], outcome: str, actor, reason=""
) -> list[Candidate]:
    """The same outcome for several candidates at once: all of them, or none."""
    _require(actor, "reviews.manage_round", review_round)
    ensure_round_open(review_round)
    if not candidates:
        raise DomainError(_("Choose at least one candidate."))
    if any(c.round_id != review_round.pk for c in candidates):
        raise DomainError(_("A candidate is not in this review round."))
    return [
        _outcome_apply(candidate=c, outcome=outcome, reason=reason, actor=actor) for c in candidates
    ]
