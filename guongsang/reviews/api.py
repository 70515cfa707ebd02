"""Councils and review rounds API: the pages' selectors, services and rules (else a 404)."""

import datetime
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs import scope
from guongsang.orgs.forms import people_in_scope, units_in_scope
from guongsang.plans.models import Plan
from guongsang.reviews import exporters, selectors, services
from guongsang.reviews.enums import MemberRole, Outcome, RoundStatus, ThresholdBase
from guongsang.titles.enums import Level
from guongsang.titles.models import Title

router = Router(tags=["reviews"])


class CouncilIn(Schema):
    unit_id: int
    name: str = Field(..., min_length=1, max_length=255)
    valid_from: datetime.date
    valid_to: datetime.date | None = None


class CouncilPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class CouncilOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    name: str
    valid_from: datetime.date
    valid_to: datetime.date | None


class MemberIn(Schema):
    person_id: int
    role: MemberRole = MemberRole.MEMBER
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class MemberOut(Schema):
    id: int
    person_id: int
    full_name: str = Field(..., alias="person.full_name")
    user_id: int | None = Field(None, alias="person.user_id")
    role: MemberRole
    valid_from: datetime.date
    valid_to: datetime.date | None


class RoundIn(Schema):
    council_id: int
    name: str = Field(..., min_length=1, max_length=500)
    year: int = Field(..., ge=2000, le=2100)
    level: Level
    title_id: int | None = None
    plan_id: int | None = None
    meeting_date: datetime.date | None = None
    threshold_percent: int | None = Field(None, ge=1, le=100)
    requires_vote: bool | None = None
    quorum_percent: int | None = Field(None, ge=1, le=100)
    threshold_base: ThresholdBase | None = None


class RoundPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=500)
    meeting_date: datetime.date | None = None
    threshold_percent: int | None = Field(None, ge=1, le=100)
    requires_vote: bool | None = None
    quorum_percent: int | None = Field(None, ge=1, le=100)
    threshold_base: ThresholdBase | None = None
    exclude_conflicted: bool | None = None


class RoundOut(Schema):
    id: int
    council_id: int
    name: str
    plan_id: int | None
    year: int
    level: Level
    title_id: int | None
    status: RoundStatus
    meeting_date: datetime.date | None
    quorum_percent: int
    threshold_percent: int
    threshold_base: ThresholdBase
    requires_vote: bool
    exclude_conflicted: bool


class CriterionIn(Schema):
    name: str = Field(..., min_length=1, max_length=255)
    weight: Decimal = Field(Decimal(1), gt=0, max_digits=5, decimal_places=2)
    max_score: int = Field(10, ge=1, le=1000)


class CriterionOut(Schema):
    id: int
    name: str
    weight: Decimal
    max_score: int
    order: int


class CandidateFilters(Schema):
    q: str | None = Field(None, description="Name or unit, with or without diacritics")
    outcome: Outcome | None = None


class CandidateOut(Schema):
    id: int
    exemplar_id: int
    name: str
    unit_name: str
    score: Decimal
    outcome: Outcome
    outcome_reason: str
    agree: int
    disagree: int


class CandidatesIn(Schema):
    exemplar_ids: list[int] = Field(..., min_length=1)


class ScoreItem(Schema):
    criterion_id: int
    value: int = Field(..., ge=0)


class ScoresIn(Schema):
    scores: list[ScoreItem] = Field(..., min_length=1)


class ScoreOut(Schema):
    criterion_id: int
    member_id: int
    value: int


class CommentIn(Schema):
    text: str = Field(..., min_length=1)


class CommentOut(Schema):
    id: int
    author_id: int
    text: str
    created_at: datetime.datetime


class OutcomeIn(Schema):
    outcome: Outcome
    reason: str = ""


class OutcomesIn(OutcomeIn):
    candidate_ids: list[int] = Field(..., min_length=1)


def _council(request, pk: int):
    return get_or_404(selectors.councils_visible_to(user=request.user), pk)


def _round(request, pk: int):
    return get_or_404(selectors.rounds_visible_to(user=request.user), pk)


def _candidate(request, pk: int, cpk: int):
    review_round = _round(request, pk)
    candidate = selectors.candidate_in_round(review_round=review_round, pk=cpk)
    if candidate is None:
        raise Http404
    candidate.round = review_round
    return candidate


@router.get("/councils", response=list[CouncilOut])
@paginate(Pagination)
def council_list(request, q: str | None = None):
    return selectors.councils_visible_to(user=request.user, query=q)


@router.post("/councils", response={201: CouncilOut, **ERRORS})
def council_create(request, payload: CouncilIn):
    require(request, "reviews.add_council")
    units = units_in_scope(request.user, scope.STRUCTURE_WRITE_ROLES)
    unit = get_or_400(units, payload.unit_id, _("Unknown unit, or outside your scope."))
    data = payload.model_dump(exclude={"unit_id"})
    return Status(201, services.council_create(unit=unit, actor=request.user, **data))


@router.get("/councils/{int:council_id}", response={200: CouncilOut, **ERRORS})
def council_detail(request, council_id: int):
    return _council(request, council_id)


@router.patch("/councils/{int:council_id}", response={200: CouncilOut, **ERRORS})
def council_update(request, council_id: int, payload: CouncilPatch):
    council = _council(request, council_id)
    require(request, "reviews.change_council", council)
    return services.council_update(council=council, actor=request.user, **changes(payload))


@router.get("/councils/{int:council_id}/members", response={200: list[MemberOut], **ERRORS})
def member_list(request, council_id: int):
    return list(selectors.members_of(council=_council(request, council_id)))


@router.post("/councils/{int:council_id}/members", response={201: MemberOut, **ERRORS})
def member_add(request, council_id: int, payload: MemberIn):
    council = _council(request, council_id)
    require(request, "reviews.change_council", council)
    people = people_in_scope(request.user)
    person = get_or_400(people, payload.person_id, _("Unknown person, or outside your scope."))
    data = payload.model_dump(exclude={"person_id"})
    member = services.council_member_add(council=council, person=person, actor=request.user, **data)
    return Status(201, member)


@router.get("/review-rounds", response=list[RoundOut])
@paginate(Pagination)
def round_list(request, year: int | None = None, status: RoundStatus | None = None):
    return selectors.rounds_visible_to(user=request.user, year=year, status=status)


@router.post("/review-rounds", response={201: RoundOut, **ERRORS})
def round_create(request, payload: RoundIn):
    council = get_or_400(
        selectors.councils_visible_to(user=request.user), payload.council_id, _("Unknown council.")
    )
    require(request, "reviews.manage_round", council)
    title = get_or_400(Title.objects.all(), payload.title_id, _("Unknown title."))
    plan = get_or_400(Plan.objects.all(), payload.plan_id, _("Unknown plan."))
    data = payload.model_dump(exclude={"council_id", "title_id", "plan_id"})
    review_round = services.round_create(
        council=council, title=title, plan=plan, actor=request.user, **data
    )
    return Status(201, review_round)


@router.get("/review-rounds/{int:round_id}", response={200: RoundOut, **ERRORS})
def round_detail(request, round_id: int):
    return _round(request, round_id)


@router.patch("/review-rounds/{int:round_id}", response={200: RoundOut, **ERRORS})
def round_update(request, round_id: int, payload: RoundPatch):
    review_round = _round(request, round_id)
    require(request, "reviews.manage_round", review_round)
    return services.round_update(review_round=review_round, actor=request.user, **changes(payload))


@router.post("/review-rounds/{int:round_id}/open", response={200: RoundOut, **ERRORS})
def round_open(request, round_id: int):
    review_round = _round(request, round_id)
    require(request, "reviews.manage_round", review_round)
    return services.round_open(review_round=review_round, actor=request.user)


@router.get("/review-rounds/{int:round_id}/criteria", response={200: list[CriterionOut], **ERRORS})
def criterion_list(request, round_id: int):
    return selectors.criteria_of(review_round=_round(request, round_id))


@router.post("/review-rounds/{int:round_id}/criteria", response={201: CriterionOut, **ERRORS})
def criterion_add(request, round_id: int, payload: CriterionIn):
    review_round = _round(request, round_id)
    require(request, "reviews.manage_round", review_round)
    criterion = services.criterion_add(
        review_round=review_round, actor=request.user, **payload.model_dump()
    )
    return Status(201, criterion)


@router.get("/review-rounds/{int:round_id}/candidates", response=list[CandidateOut])
@paginate(Pagination)
def candidate_list(request, round_id: int, filters: Query[CandidateFilters]):
    review_round = _round(request, round_id)
    return selectors.candidates_ranked(
        review_round=review_round, query=filters.q, outcome=filters.outcome
    )


@router.post(
    "/review-rounds/{int:round_id}/candidates", response={201: list[CandidateOut], **ERRORS}
)
def candidates_add(request, round_id: int, payload: CandidatesIn):
    review_round = _round(request, round_id)
    require(request, "reviews.manage_round", review_round)
    # Only what may be added is looked up, so the answer never names an exemplar out of reach.
    proposable = selectors.proposable_exemplars(review_round=review_round)
    found = proposable.in_bulk(payload.exemplar_ids)
    if len(found) != len(set(payload.exemplar_ids)):
        raise DomainError(_("Not proposed to this council's unit, or already on the list."))
    exemplars = [found[pk] for pk in dict.fromkeys(payload.exemplar_ids)]
    added = services.candidates_add(
        review_round=review_round, exemplars=exemplars, actor=request.user
    )
    return Status(201, added)


@router.get(
    "/review-rounds/{int:round_id}/candidates/{int:candidate_id}",
    response={200: CandidateOut, **ERRORS},
)
def candidate_detail(request, round_id: int, candidate_id: int):
    return _candidate(request, round_id, candidate_id)


@router.get(
    "/review-rounds/{int:round_id}/candidates/{int:candidate_id}/scores",
    response={200: list[ScoreOut], **ERRORS},
)
def score_list(request, round_id: int, candidate_id: int):
    candidate = _candidate(request, round_id, candidate_id)
    require(request, "reviews.view_discussion", candidate.round)
    return list(selectors.scores_of(candidate=candidate))


@router.put(
    "/review-rounds/{int:round_id}/candidates/{int:candidate_id}/scores",
    response={200: CandidateOut, **ERRORS},
)
def scores_set(request, round_id: int, candidate_id: int, payload: ScoresIn):
    candidate = _candidate(request, round_id, candidate_id)
    require(request, "reviews.score", candidate.round)
    values = {item.criterion_id: item.value for item in payload.scores}
    return services.scores_set(candidate=candidate, values=values, actor=request.user)


@router.get(
    "/review-rounds/{int:round_id}/candidates/{int:candidate_id}/comments",
    response={200: list[CommentOut], **ERRORS},
)
def comment_list(request, round_id: int, candidate_id: int):
    candidate = _candidate(request, round_id, candidate_id)
    require(request, "reviews.view_discussion", candidate.round)
    return list(selectors.comments_of(candidate=candidate))


@router.post(
    "/review-rounds/{int:round_id}/candidates/{int:candidate_id}/comments",
    response={201: CommentOut, **ERRORS},
)
def comment_add(request, round_id: int, candidate_id: int, payload: CommentIn):
    candidate = _candidate(request, round_id, candidate_id)
    require(request, "reviews.discuss", candidate.round)
    comment = services.comment_add(candidate=candidate, text=payload.text, actor=request.user)
    return Status(201, comment)


@router.post(
    "/review-rounds/{int:round_id}/candidates/{int:candidate_id}/outcome",
    response={200: CandidateOut, **ERRORS},
)
def outcome_set(request, round_id: int, candidate_id: int, payload: OutcomeIn):
    candidate = _candidate(request, round_id, candidate_id)
    require(request, "reviews.manage_round", candidate.round)
    return services.candidate_outcome_set(
        candidate=candidate, outcome=payload.outcome, reason=payload.reason, actor=request.user
    )


@router.post("/review-rounds/{int:round_id}/outcomes", response={200: list[CandidateOut], **ERRORS})
def outcomes_bulk(request, round_id: int, payload: OutcomesIn):
    review_round = _round(request, round_id)
    require(request, "reviews.manage_round", review_round)
    candidates = list(
        selectors.candidates_ranked(review_round=review_round).filter(pk__in=payload.candidate_ids)
    )
    if len(candidates) != len(set(payload.candidate_ids)):
        raise Http404
    return services.candidates_outcome_bulk(
        review_round=review_round,
        candidates=candidates,
        outcome=payload.outcome,
        reason=payload.reason,
        actor=request.user,
    )


@router.get("/review-rounds/{int:round_id}/export", response={200: None, **ERRORS})
def round_export(request, round_id: int):
    """The round as an XLSX sheet: candidates, scores per criterion, tallies, outcomes."""
    review_round = _round(request, round_id)
    require(request, "reviews.export_round", review_round)
    return exporters.round_xlsx_response(review_round=review_round)
