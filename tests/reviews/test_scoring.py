"""Scoring criteria and scores: the weighted score, bounds, who may score and discuss."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.common.errors import DomainError
from guongsang.reviews import services
from guongsang.reviews.models import DiscussionComment, Score
from tests.reviews.conftest import member_user, opened_round, person_in, proposed


@pytest.fixture
def scored(tree, plan, council, synthesis):
    exemplars = [proposed(person_in(tree["own"]), plan, synthesis) for _ in range(2)]
    review_round = opened_round(council, synthesis, exemplars)
    achievements = services.criterion_add(
        review_round=review_round, name="Thành tích", weight=2, max_score=10, actor=synthesis
    )
    influence = services.criterion_add(
        review_round=review_round, name="Sức lan tỏa", weight=1, max_score=20, actor=synthesis
    )
    members = [member_user(council, synthesis)[0] for _ in range(2)]
    candidates = list(review_round.candidates.order_by("pk"))
    return review_round, candidates, (achievements, influence), members


def test_weighted_score_is_recomputed(scored, synthesis):
    review_round, (first, second), (achievements, influence), (one, two) = scored
    services.scores_set(candidate=first, values={achievements.pk: 8, influence.pk: 14}, actor=one)
    first.refresh_from_db()
    assert first.score == Decimal("10.00")  # (2·8 + 1·14) / 3
    services.scores_set(candidate=first, values={achievements.pk: 6, influence.pk: 20}, actor=two)
    first.refresh_from_db()
    assert first.score == Decimal("10.33")  # averages 7 and 17: (2·7 + 17) / 3
    # A member changes their mind: the score is replaced, not added.
    services.scores_set(candidate=first, values={achievements.pk: 10}, actor=two)
    first.refresh_from_db()
    assert first.score == Decimal("11.67")  # averages 9 and 17: (18 + 17) / 3
    assert Score.objects.filter(candidate=first).count() == 4
    # A new weight changes every score.
    services.criterion_update(criterion=influence, weight=2, actor=synthesis)
    first.refresh_from_db()
    assert first.score == Decimal("13.00")  # (2·9 + 2·17) / 4
    second.refresh_from_db()
    assert second.score == Decimal("0.00")


def test_score_above_highest_refused(scored, english):
    review_round, (first, _), (achievements, _), (one, _) = scored
    with pytest.raises(DomainError, match="“Thành tích” is scored from 0 to 10."):
        services.scores_set(candidate=first, values={achievements.pk: 11}, actor=one)
    assert not Score.objects.exists()


def test_score_unknown_criterion_refused(scored, english):
    review_round, (first, _), _, (one, _) = scored
    with pytest.raises(DomainError, match="Unknown scoring criterion"):
        services.scores_set(candidate=first, values={999999: 1}, actor=one)


def test_criterion_bad_weight_refused(scored, synthesis, english):
    review_round = scored[0]
    with pytest.raises(DomainError, match="The weight must be greater than zero"):
        services.criterion_add(review_round=review_round, name="X", weight=0, actor=synthesis)


def test_score_by_non_member_or_expired_seat_refused(scored, council, synthesis):
    review_round, (first, _), (achievements, _), _ = scored
    former, seat = member_user(
        council, synthesis, valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2021, 1, 1)
    )
    for actor in (synthesis, former):
        with pytest.raises(PermissionDenied):
            services.scores_set(candidate=first, values={achievements.pk: 5}, actor=actor)
    assert not Score.objects.exists()


def test_seat_counts_on_the_meeting_date(scored, council, synthesis):
    review_round, (first, _), (achievements, _), _ = scored
    later, _ = member_user(council, synthesis, valid_from=datetime.date(2030, 1, 1))
    with pytest.raises(PermissionDenied):
        services.scores_set(candidate=first, values={achievements.pk: 5}, actor=later)
    services.round_update(
        review_round=review_round, meeting_date=datetime.date(2030, 6, 1), actor=synthesis
    )
    first.round.refresh_from_db()
    services.scores_set(candidate=first, values={achievements.pk: 5}, actor=later)
    assert Score.objects.get().value == 5


def test_comment_by_member_only(scored, synthesis, english):
    review_round, (first, _), _, (one, _) = scored
    comment = services.comment_add(candidate=first, text=" Hồ sơ đầy đủ ", actor=one)
    assert (comment.text, comment.author) == ("Hồ sơ đầy đủ", one)
    with pytest.raises(PermissionDenied):
        services.comment_add(candidate=first, text="Tôi cũng muốn nói", actor=synthesis)
    with pytest.raises(DomainError, match="Write the comment"):
        services.comment_add(candidate=first, text="  ", actor=one)
    assert DiscussionComment.objects.count() == 1
