"""Opening a round, its candidates, outcomes, the exemplar's steps, and nothing after close."""

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import StatusChange
from guongsang.exemplars.services import lifecycle
from guongsang.orgs.enums import Role
from guongsang.reviews import services
from guongsang.reviews.enums import Outcome, RoundStatus
from guongsang.reviews.models import Candidate, ReviewRound
from tests import factories
from tests.reviews.conftest import close, member_user, opened_round, person_in, proposed, round_of


@pytest.mark.parametrize(
    ("code", "threshold"),
    [("cstd-co-so", 80), ("cstd-bo-nganh-tinh", 90), ("cstd-toan-quoc", 90),
     ("co-thi-dua-bo-nganh-tinh", 80)],
)  # fmt: skip
def test_round_create_takes_pass_mark_from_title(council, synthesis, code, threshold):
    review_round = round_of(council, synthesis, title=factories.title(code))
    assert (review_round.threshold_percent, review_round.requires_vote) == (threshold, True)
    assert (review_round.status, review_round.created_by) == (RoundStatus.DRAFT, synthesis)


def test_round_create_title_without_vote_keeps_defaults(council, synthesis):
    review_round = round_of(council, synthesis, title=factories.title("lao-dong-tien-tien"))
    assert (review_round.threshold_percent, review_round.requires_vote) == (50, False)


def test_round_create_explicit_pass_mark_wins(council, synthesis):
    title = factories.title("cstd-co-so")
    review_round = round_of(council, synthesis, title=title, threshold_percent=75)
    assert review_round.threshold_percent == 75


def test_round_create_by_member_or_sibling_refused(tree, council, synthesis):
    member, _ = member_user(council, synthesis)
    stranger = factories.user_with_role(Role.SYNTHESIS, tree["sibling"])
    for actor in (member, stranger):
        with pytest.raises(PermissionDenied):
            round_of(council, actor)
    assert not ReviewRound.objects.exists()


def test_candidates_add_snapshots_and_starts_review(tree, plan, council, synthesis):
    exemplar = proposed(person_in(tree["own_child"], "Lê Thị Ánh"), plan, synthesis)
    review_round = round_of(council, synthesis)
    [candidate] = services.candidates_add(
        review_round=review_round, exemplars=[exemplar], actor=synthesis
    )
    exemplar.refresh_from_db()
    assert exemplar.status == ExemplarStatus.UNDER_REVIEW
    assert (candidate.name, candidate.unit_name) == ("Lê Thị Ánh", exemplar.unit_name)
    assert (candidate.name_sort, candidate.search_text) == (
        exemplar.name_sort, exemplar.search_text,
    )  # fmt: skip
    change = StatusChange.objects.filter(exemplar=exemplar).last()
    assert (change.from_status, change.to_status, change.actor) == (
        "proposed", "under_review", synthesis,
    )  # fmt: skip


def test_candidates_add_refuses_outside_subtree_and_not_proposed(
    tree, plan, council, synthesis, english
):
    admin = factories.user_with_role(Role.ADMIN, tree["parent"])
    elsewhere = proposed(person_in(tree["sibling"], "Phạm Văn Xa"), plan, admin)
    registered = factories.person_create(unit=tree["own"])
    from tests.exemplars.conftest import exemplar_register

    only_registered = exemplar_register(registered, plan, synthesis)
    review_round = round_of(council, synthesis)
    for exemplar in (elsewhere, only_registered):
        with pytest.raises(DomainError, match="Not proposed to this council's unit"):
            services.candidates_add(
                review_round=review_round, exemplars=[exemplar], actor=synthesis
            )
    assert not Candidate.objects.exists()
    elsewhere.refresh_from_db()
    assert elsewhere.status == ExemplarStatus.PROPOSED


def test_round_open_needs_candidates(council, synthesis, english):
    review_round = round_of(council, synthesis)
    with pytest.raises(DomainError, match="Add candidates before opening"):
        services.round_open(review_round=review_round, actor=synthesis)


def _two(tree, plan, council, synthesis):
    exemplars = [proposed(person_in(tree["own"]), plan, synthesis) for _ in range(2)]
    review_round = opened_round(council, synthesis, exemplars)
    return review_round, list(review_round.candidates.order_by("pk"))


def test_outcomes_move_exemplars(tree, plan, council, synthesis):
    review_round, (first, second) = _two(tree, plan, council, synthesis)
    services.candidate_outcome_set(candidate=first, outcome="pass", actor=synthesis)
    services.candidate_outcome_set(
        candidate=second, outcome="defer", reason="Chưa đủ hồ sơ", actor=synthesis
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.outcome, second.outcome, second.outcome_reason) == (
        Outcome.PASS, Outcome.DEFER, "Chưa đủ hồ sơ",
    )  # fmt: skip
    assert first.exemplar.status == ExemplarStatus.UNDER_REVIEW
    assert second.exemplar.status == ExemplarStatus.PROPOSED


def test_outcome_fail_marks_not_recognised(tree, plan, council, synthesis):
    review_round, (first, _) = _two(tree, plan, council, synthesis)
    services.candidate_outcome_set(
        candidate=first, outcome="fail", reason="Không đạt tiêu chuẩn", actor=synthesis
    )
    first.exemplar.refresh_from_db()
    assert first.exemplar.status == ExemplarStatus.NOT_RECOGNISED
    # Once it has left the review, its outcome cannot be turned back.
    with pytest.raises(DomainError):
        services.candidate_outcome_set(candidate=first, outcome="pass", actor=synthesis)


def test_outcome_fail_or_defer_needs_reason(tree, plan, council, synthesis, english):
    review_round, (first, _) = _two(tree, plan, council, synthesis)
    for outcome in ("fail", "defer"):
        with pytest.raises(DomainError, match="Give the reason"):
            services.candidate_outcome_set(candidate=first, outcome=outcome, actor=synthesis)
    with pytest.raises(DomainError, match="Choose pass, fail or defer"):
        services.candidate_outcome_set(candidate=first, outcome="pending", actor=synthesis)
    first.refresh_from_db()
    assert first.outcome == Outcome.PENDING


def test_outcome_before_open_refused(tree, plan, council, synthesis, english):
    review_round = round_of(council, synthesis)
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    [candidate] = services.candidates_add(
        review_round=review_round, exemplars=[exemplar], actor=synthesis
    )
    with pytest.raises(DomainError, match="Open the review round first"):
        services.candidate_outcome_set(candidate=candidate, outcome="pass", actor=synthesis)


def test_outcome_bulk_is_all_or_nothing(tree, plan, council, synthesis, english):
    review_round, candidates = _two(tree, plan, council, synthesis)
    services.candidates_outcome_bulk(
        review_round=review_round, candidates=candidates, outcome="pass", actor=synthesis
    )
    assert set(Candidate.objects.values_list("outcome", flat=True)) == {"pass"}
    with pytest.raises(DomainError, match="Give the reason"):
        services.candidates_outcome_bulk(
            review_round=review_round, candidates=candidates, outcome="fail", actor=synthesis
        )
    assert set(Candidate.objects.values_list("outcome", flat=True)) == {"pass"}


def test_outcome_by_member_refused(tree, plan, council, synthesis):
    review_round, (first, _) = _two(tree, plan, council, synthesis)
    member, _ = member_user(council, synthesis)
    with pytest.raises(PermissionDenied):
        services.candidate_outcome_set(candidate=first, outcome="pass", actor=member)


def test_closed_round_refuses_every_change(tree, plan, council, synthesis, english):
    review_round, (first, second) = _two(tree, plan, council, synthesis)
    criterion = services.criterion_add(
        review_round=review_round, name="Thành tích", actor=synthesis
    )
    member, _ = member_user(council, synthesis)
    close(review_round)
    extra = proposed(person_in(tree["own"]), plan, synthesis)
    message = "The review round is closed"
    calls = [
        lambda: services.candidate_outcome_set(candidate=first, outcome="pass", actor=synthesis),
        lambda: services.candidates_outcome_bulk(
            review_round=review_round, candidates=[first], outcome="pass", actor=synthesis
        ),
        lambda: services.candidates_add(
            review_round=review_round, exemplars=[extra], actor=synthesis
        ),
        lambda: services.round_update(review_round=review_round, name="Khác", actor=synthesis),
        lambda: services.round_open(review_round=review_round, actor=synthesis),
        lambda: services.criterion_add(review_round=review_round, name="X", actor=synthesis),
        lambda: services.criterion_update(criterion=criterion, weight=2, actor=synthesis),
        lambda: services.scores_set(candidate=first, values={criterion.pk: 5}, actor=member),
        lambda: services.comment_add(candidate=first, text="Ý kiến", actor=member),
    ]
    for call in calls:
        with pytest.raises(DomainError, match=message):
            call()
    first.refresh_from_db()
    assert (first.outcome, first.score) == (Outcome.PENDING, 0)
    assert review_round.candidates.count() == 2


def test_exemplar_recognise_sets_level(tree, plan, council, synthesis, english):
    review_round, (first, _) = _two(tree, plan, council, synthesis)
    exemplar = first.exemplar
    lifecycle.exemplar_recognise(exemplar=exemplar, level="province", actor=synthesis)
    exemplar.refresh_from_db()
    assert (exemplar.status, exemplar.level) == (ExemplarStatus.RECOGNISED, "province")
    with pytest.raises(DomainError, match="cannot be moved"):
        lifecycle.exemplar_recognise(exemplar=exemplar, level="province", actor=synthesis)


def test_exemplar_recognise_unknown_level_refused(tree, plan, council, synthesis, english):
    _, (first, _) = _two(tree, plan, council, synthesis)
    with pytest.raises(DomainError, match="Unknown level"):
        lifecycle.exemplar_recognise(exemplar=first.exemplar, level="galaxy", actor=synthesis)


def test_exemplar_review_steps_need_structure_scope(tree, plan, council, synthesis):
    _, (first, _) = _two(tree, plan, council, synthesis)
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    with pytest.raises(PermissionDenied):
        lifecycle.exemplar_defer(exemplar=first.exemplar, reason="Hoãn", actor=officer)
