"""Every non-trivial read of councils and review rounds, with the user's reach applied.

A user reaches a council (and its rounds) as the synthesising office or administrator of its
unit's subtree, or by holding a seat on it. Lists and detail pages use the same selectors.
"""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Evaluation, Exemplar, ProgressNote
from guongsang.orgs import scope
from guongsang.orgs.selectors import search_filter
from guongsang.reviews.models import (
    Candidate,
    Council,
    CouncilMember,
    DiscussionComment,
    ReviewRound,
    Score,
    ScoringCriterion,
)
from guongsang.reviews.rules import round_day
from guongsang.titles.enums import Level, SubjectKind


def _council_reach(user, prefix: str = "") -> Q:
    """Councils the user manages (by unit scope) or sits on."""
    paths = scope.scope_paths(user, scope.STRUCTURE_WRITE_ROLES)
    managed = scope.paths_q(paths, f"{prefix}unit__path")
    seated = Q(**{f"{prefix}members__person__user_id": user.pk})
    return managed | seated


def councils_visible_to(*, user, query: str | None = None) -> QuerySet[Council]:
    councils = Council.objects.select_related("unit")
    if not user.is_authenticated:
        return councils.none()
    if not scope.is_admin(user):
        ids = Council.objects.filter(_council_reach(user)).values("pk")
        councils = councils.filter(pk__in=ids)
    if query:
        councils = councils.filter(
            search_filter(query, "unit__search_text") | Q(name__icontains=query)
        )
    return councils.annotate(member_count=Count("members")).order_by("-valid_from", "pk")


def members_of(*, council: Council) -> QuerySet[CouncilMember]:
    """Members in Vietnamese order of their names, chair first."""
    return (
        CouncilMember.objects.filter(council=council)
        .select_related("person", "person__unit")
        .order_by("role", "person__name_sort", "pk")
    )


def seat_of(*, user, review_round: ReviewRound) -> CouncilMember | None:
    """The user's seat on the round's council, valid on the round's day."""
    if not user.is_authenticated:
        return None
    day = round_day(review_round)
    return (
        CouncilMember.objects.filter(
            council_id=review_round.council_id, person__user_id=user.pk, valid_from__lte=day
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .first()
    )


def rounds_visible_to(
    *,
    user,
    council: Council | None = None,
    year: int | None = None,
    status: str | None = None,
    with_counts: bool = True,
) -> QuerySet[ReviewRound]:
    """Rounds of councils the user manages or sits on; `with_counts` adds candidate_count
    (lists show it; a single round's pages do not need it)."""
    rounds = ReviewRound.objects.select_related("council", "council__unit", "title", "plan")
    if not user.is_authenticated:
        return rounds.none()
    if not scope.is_admin(user):
        ids = Council.objects.filter(_council_reach(user)).values("pk")
        rounds = rounds.filter(council_id__in=ids)
    if council is not None:
        rounds = rounds.filter(council=council)
    if year:
        rounds = rounds.filter(year=year)
    if status:
        rounds = rounds.filter(status=status)
    if not with_counts:
        return rounds.order_by("-year", "-pk")
    # A correlated count on the candidates' round index, not a JOIN + GROUP BY over the
    # round's (and its council's, unit's, plan's, title's) columns for every candidate.
    counts = (
        Candidate.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return rounds.annotate(candidate_count=Coalesce(Subquery(counts), 0)).order_by("-year", "-pk")


def criteria_of(*, review_round: ReviewRound) -> list[ScoringCriterion]:
    return list(ScoringCriterion.objects.filter(round=review_round).order_by("order", "pk"))


def candidates_ranked(
    *, review_round: ReviewRound, query: str | None = None, outcome: str | None = None
) -> QuerySet[Candidate]:
    """The ranked table: highest score first, then Vietnamese name order."""
    candidates = Candidate.objects.filter(round=review_round).select_related("exemplar")
    if outcome:
        candidates = candidates.filter(outcome=outcome)
    return candidates.filter(search_filter(query)).order_by("-score", "name_sort", "pk")


def proposable_exemplars(*, review_round: ReviewRound, any_plan=False) -> QuerySet[Exemplar]:
    """Exemplars proposed to the council's unit (its subtree) and not yet in this round.

    One already recognised at the round's level or above is not a candidate again here: it
    rises only through a proposal to a higher council.
    """
    unit = review_round.council.unit
    below = Level.values[: Level.values.index(review_round.level)]
    exemplars = (
        Exemplar.objects.filter(
            status=ExemplarStatus.PROPOSED, scope_unit__path__startswith=unit.path
        )
        .filter(Q(level="") | Q(level__in=below))
        .exclude(candidacies__round=review_round)
    )
    if review_round.plan_id and not any_plan:
        exemplars = exemplars.filter(plan_id=review_round.plan_id)
    return exemplars.select_related("scope_unit").order_by("name_sort", "pk")


_SUBJECTS = {
    SubjectKind.INDIVIDUAL: "exemplar__person",
    SubjectKind.COLLECTIVE: "exemplar__unit",
    SubjectKind.HOUSEHOLD: "exemplar__household",
}


def candidate_in_round(*, review_round: ReviewRound, pk: int) -> Candidate | None:
    # Join only the kind of subject the round's title is for, when it has a title: with all
    # three, PostgreSQL takes ~9 ms to plan this 10-table query (0.3 ms to run it). A candidate
    # of another kind still gets its subject, with one query more.
    kind = review_round.title.subject_kind if review_round.title_id else None
    subjects = [_SUBJECTS[kind]] if kind in _SUBJECTS else list(_SUBJECTS.values())
    return (
        Candidate.objects.filter(round=review_round, pk=pk)
        .select_related(
            "exemplar",
            "exemplar__scope_unit",  # the posting permission reads its path
            *subjects,
            "exemplar__plan",
            "exemplar__nurturing_plan__mentor",
        )
        .prefetch_related(
            "exemplar__evidence",
            "exemplar__initiatives",
            Prefetch(
                "exemplar__progress_notes", queryset=ProgressNote.objects.select_related("author")
            ),
            Prefetch(
                "exemplar__evaluations", queryset=Evaluation.objects.select_related("evaluator")
            ),
        )
        .first()
    )


def scores_of(*, candidate: Candidate) -> QuerySet[Score]:
    return Score.objects.filter(candidate=candidate).select_related("criterion", "member__person")


def my_scores(*, candidate: Candidate, member: CouncilMember | None) -> dict[int, int]:
    """{criterion id: value} the member gave this candidate."""
    if member is None:
        return {}
    rows = Score.objects.filter(candidate=candidate, member=member)
    return dict(rows.values_list("criterion_id", "value"))


def comments_of(*, candidate: Candidate) -> QuerySet[DiscussionComment]:
    return DiscussionComment.objects.filter(candidate=candidate).select_related("author")


def criterion_averages(*, review_round: ReviewRound) -> dict[tuple[int, int], float]:
    """{(candidate id, criterion id): average value over the members who scored it}."""
    from django.db.models import Avg

    rows = (
        Score.objects.filter(candidate__round=review_round)
        .values("candidate_id", "criterion_id")
        .annotate(avg=Avg("value"))
        .order_by()
    )
    return {(row["candidate_id"], row["criterion_id"]): row["avg"] for row in rows}


def eligibility_of(*, candidate: Candidate):
    """The engine's verdict on the candidate for the round's title and year, or None.

    Uses the title's prerequisite criteria set (CriteriaSet.title) for the candidate's
    subject kind; one subject, so a single evaluation is cheap.
    """
    from guongsang.plans.engine import evaluate
    from guongsang.plans.models import CriteriaSet

    review_round = candidate.round
    exemplar = candidate.exemplar
    if review_round.title_id is None:
        return None
    criteria_set = (
        CriteriaSet.objects.filter(
            title_id=review_round.title_id, subject_kind=exemplar.subject_kind
        )
        .order_by("-is_builtin", "pk")  # the legal prerequisite first
        .first()
    )
    if criteria_set is None:
        return None
    results = evaluate(
        criteria_set=criteria_set, year=review_round.year, subject_ids=[exemplar.subject.pk]
    )
    return {"criteria_set": criteria_set, "result": results[0] if results else None}
