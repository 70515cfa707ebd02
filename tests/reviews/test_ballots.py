"""Secret ballot: casting, one vote each, anonymity, quorum, pass marks, closing, the chain."""

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.common.errors import DomainError
from guongsang.orgs.enums import Role
from guongsang.reviews.enums import Choice, Outcome, RoundStatus, ThresholdBase
from guongsang.reviews.models import Attendance, Ballot, Candidate, Participation, WrittenOpinion
from guongsang.reviews.services.ballots import (
    attendance_set,
    ballot_cast,
    ballots_count_in,
    written_opinion_record,
)
from guongsang.reviews.services.closing import round_close
from guongsang.reviews.tally import (
    TallyNotAvailable,
    candidate_tally,
    recount,
    suggested_outcome,
    verify_chain,
)
from tests import factories
from tests.reviews.test_ballots_support import all_present, round_create, seat_create, user_of

AGREE, DISAGREE = Choice.AGREE, Choice.DISAGREE


def cast_all(candidate, seats, choices):
    for seat, choice in zip(seats, choices, strict=False):
        ballot_cast(candidate=candidate, choice=choice, actor=user_of(seat))


def close(review_round, seats):
    return round_close(round=review_round, actor=user_of(seats[-1]))


def test_ballot_cast_stores_participation_and_anonymous_ballot(tree):
    review_round, seats, (candidate, _) = round_create(tree)
    ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[1]))
    participation = Participation.objects.get()
    ballot = Ballot.objects.get()
    assert (participation.member, participation.candidate) == (seats[1], candidate)
    assert (ballot.candidate, ballot.choice, ballot.position) == (candidate, AGREE, 1)
    assert verify_chain(review_round).ok


def test_ballot_cast_twice_refused(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[1]))
    with pytest.raises(DomainError, match="has already voted on"):
        ballot_cast(candidate=candidate, choice=DISAGREE, actor=user_of(seats[1]))
    assert Ballot.objects.count() == Participation.objects.count() == 1


def test_ballot_cast_bad_choice_refused(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    with pytest.raises(DomainError, match="Choose “agree” or “disagree”"):
        ballot_cast(candidate=candidate, choice="abstain", actor=user_of(seats[1]))


def test_ballot_cast_by_non_member_refused(tree):
    review_round, seats, (candidate, _) = round_create(tree)
    admin = factories.UserFactory(is_superuser=True)
    with pytest.raises(PermissionDenied):
        ballot_cast(candidate=candidate, choice=AGREE, actor=admin)
    assert not Ballot.objects.exists()


def test_ballot_cast_expired_seat_refused(tree):
    review_round, seats, (candidate, _) = round_create(tree)
    seats[1].valid_to = seats[1].valid_from
    seats[1].save()
    with pytest.raises(PermissionDenied):
        ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[1]))


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_ballot_cast_round_not_open_refused(tree, status):
    review_round, seats, (candidate, _) = round_create(tree, status=status)
    with pytest.raises(DomainError):
        ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[1]))


def test_ballot_cast_absent_member_refused(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    attendance_set(
        review_round=review_round, member=seats[1], present=False, actor=user_of(seats[-1])
    )
    with pytest.raises(DomainError, match="recorded as absent"):
        ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[1]))


def test_ballot_anonymity_no_column_joins_participation_and_ballot():
    participation = {f.name for f in Participation._meta.get_fields()}
    ballot = {f.name for f in Ballot._meta.get_fields()}
    # Only the candidate is shared: many members, many ballots per candidate.
    assert participation & ballot == {"id", "candidate", "channel"}
    assert not {"member", "created_at", "updated_at", "voted_at"} & ballot
    assert not {"position", "hash", "nonce", "previous_hash", "created_at"} & participation
    for model in (Participation, Ballot):
        assert not hasattr(model, "history")
        assert all(f.name != "history" for f in model._meta.get_fields())
        pk = model._meta.pk
        assert pk.get_internal_type() == "UUIDField"


def test_ballot_paper_count_in_creates_anonymous_ballots(tree):
    review_round, seats, (candidate, _) = round_create(tree)
    all_present(review_round, seats)
    ballots_count_in(
        candidate=candidate, members=seats[:3], agree=2, disagree=1, actor=user_of(seats[-1])
    )
    assert Participation.objects.filter(channel="paper").count() == 3
    assert sorted(Ballot.objects.values_list("choice", flat=True)) == [AGREE, AGREE, DISAGREE]
    assert verify_chain(review_round).ok


def test_ballot_paper_counts_must_equal_voters(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    all_present(review_round, seats)
    with pytest.raises(DomainError, match=r"counts \(4\) must equal .* \(3\)"):
        ballots_count_in(
            candidate=candidate, members=seats[:3], agree=3, disagree=1, actor=user_of(seats[-1])
        )
    assert not Ballot.objects.exists() and not Participation.objects.exists()


def test_ballot_paper_absent_or_already_voted_refused(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    with pytest.raises(DomainError, match="not recorded as present"):
        ballots_count_in(
            candidate=candidate, members=seats[:1], agree=1, disagree=0, actor=user_of(seats[-1])
        )
    all_present(review_round, seats)
    ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[0]))
    with pytest.raises(DomainError, match="already voted"):
        ballots_count_in(
            candidate=candidate, members=seats[:2], agree=1, disagree=1, actor=user_of(seats[-1])
        )
    assert Ballot.objects.count() == 1


def test_ballot_paper_by_plain_member_refused(tree):
    review_round, seats, (candidate, _) = round_create(tree)
    all_present(review_round, seats)
    with pytest.raises(PermissionDenied):
        ballots_count_in(
            candidate=candidate, members=seats[:1], agree=1, disagree=0, actor=user_of(seats[1])
        )


@pytest.mark.parametrize("role", [Role.SYNTHESIS, Role.ADMIN])
def test_ballot_run_by_council_unit_office(tree, role):
    review_round, seats, (candidate, _) = round_create(tree)
    office = factories.user_with_role(role, tree["parent"])
    attendance_set(review_round=review_round, member=seats[0], present=True, actor=office)
    assert Attendance.objects.get().present


def test_ballot_run_outside_scope_refused(tree):
    review_round, seats, (candidate, _) = round_create(tree)
    office = factories.user_with_role(Role.SYNTHESIS, tree["outside"])
    with pytest.raises(PermissionDenied):
        attendance_set(review_round=review_round, member=seats[0], present=True, actor=office)


def test_ballot_no_tally_while_open_even_for_admin(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[0]))
    with pytest.raises(TallyNotAvailable, match="only shown after the round is closed"):
        recount(review_round)
    with pytest.raises(TallyNotAvailable):
        candidate_tally(candidate)
    assert suggested_outcome(candidate) is None
    candidate.refresh_from_db()
    assert (candidate.agree, candidate.disagree) == (0, 0)


def test_ballot_close_counts_and_recount_matches(tree):
    review_round, seats, (first, second) = round_create(tree, threshold_percent=80)
    all_present(review_round, seats)
    cast_all(first, seats, [AGREE] * 4 + [DISAGREE])
    cast_all(second, seats, [AGREE] * 3 + [DISAGREE] * 2)
    closed = close(review_round, seats)
    assert closed.status == RoundStatus.CLOSED and closed.closed_at
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.agree, first.disagree, second.agree, second.disagree) == (4, 1, 3, 2)
    tallies = recount(closed)
    assert (tallies[first.pk].agree, tallies[second.pk].disagree) == (4, 2)
    assert tallies[first.pk].passed and not tallies[second.pk].passed
    assert suggested_outcome(first) == Outcome.PASS
    assert suggested_outcome(second) == Outcome.FAIL
    assert first.outcome == Outcome.PENDING  # suggested only, never overwritten
    assert closed.final_hash == Ballot.objects.get(position=10).hash


def test_ballot_threshold_all_members_counts_non_voters(tree):
    # 10 members, 8 present and all agree: 80% of all members, so below a 90% mark.
    review_round, seats, (candidate,) = round_create(
        tree, members=10, candidates=1, threshold_percent=90
    )
    all_present(review_round, seats[:8])
    cast_all(candidate, seats[:8], [AGREE] * 8)
    close(review_round, seats)
    tally = candidate_tally(candidate)
    assert (tally.agree, tally.base, tally.percent, tally.passed) == (8, 10, 80.0, False)


def test_ballot_threshold_votes_cast(tree):
    review_round, seats, (candidate,) = round_create(
        tree,
        members=10,
        candidates=1,
        threshold_percent=90,
        threshold_base=ThresholdBase.VOTES_CAST,
    )
    all_present(review_round, seats[:8])
    cast_all(candidate, seats[:8], [AGREE] * 8)
    close(review_round, seats)
    tally = candidate_tally(candidate)
    assert (tally.agree, tally.base, tally.percent, tally.passed) == (8, 8, 100.0, True)


def test_ballot_threshold_boundary_is_inclusive(tree):
    review_round, seats, (candidate,) = round_create(
        tree, members=5, candidates=1, threshold_percent=80
    )
    all_present(review_round, seats)
    cast_all(candidate, seats, [AGREE] * 4 + [DISAGREE])
    close(review_round, seats)
    assert candidate_tally(candidate).passed  # 4/5 = 80% ≥ 80%


def test_ballot_close_without_quorum_refused(tree, english):
    review_round, seats, _ = round_create(tree, members=6, quorum_percent=50)
    all_present(review_round, seats[:2])
    with pytest.raises(DomainError, match="No quorum: 2 of 6 members are present, 3 are needed"):
        close(review_round, seats)
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.OPEN


def test_ballot_close_by_plain_member_refused(tree):
    review_round, seats, _ = round_create(tree)
    all_present(review_round, seats)
    with pytest.raises(PermissionDenied):
        round_close(round=review_round, actor=user_of(seats[1]))


def test_ballot_written_opinions_counted_separately(tree):
    review_round, seats, (candidate,) = round_create(
        tree, members=5, candidates=1, threshold_percent=80
    )
    secretary = user_of(seats[-1])
    all_present(review_round, seats[:4] + seats[-1:])
    attendance_set(review_round=review_round, member=seats[3], present=False, actor=secretary)
    written_opinion_record(candidate=candidate, member=seats[3], choice=AGREE, actor=secretary)
    cast_all(candidate, seats[:3] + seats[-1:], [AGREE, AGREE, AGREE, DISAGREE])
    close(review_round, seats)
    tally = candidate_tally(candidate)
    assert (tally.ballots_agree, tally.written_agree, tally.agree, tally.disagree) == (3, 1, 4, 1)
    assert tally.passed


def test_ballot_written_opinion_from_present_member_refused(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    all_present(review_round, seats)
    with pytest.raises(DomainError, match="Only absent members send written opinions"):
        written_opinion_record(
            candidate=candidate, member=seats[0], choice=AGREE, actor=user_of(seats[-1])
        )


def test_ballot_conflicted_member_flagged_and_refused(tree, english):
    review_round, seats, (candidate,) = round_create(
        tree, members=5, candidates=1, exclude_conflicted=True
    )
    conflicted = seat_create(review_round.council, tree["own_child"])
    all_present(review_round, seats + [conflicted])
    with pytest.raises(DomainError, match="belongs to the unit of"):
        ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(conflicted))
    cast_all(candidate, seats, [AGREE] * 5)
    close(review_round, seats)
    tally = candidate_tally(candidate)
    assert (tally.agree, tally.base, tally.passed) == (5, 5, True)  # base excludes the conflicted


def test_ballot_conflicted_member_votes_when_not_excluded(tree):
    review_round, seats, (candidate,) = round_create(tree, members=2, candidates=1)
    conflicted = seat_create(review_round.council, tree["own"])
    ballot_cast(candidate=candidate, choice=DISAGREE, actor=user_of(conflicted))
    assert Ballot.objects.count() == 1


def test_ballot_nothing_accepted_after_close(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    all_present(review_round, seats)
    ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[0]))
    close(review_round, seats)
    secretary = user_of(seats[-1])
    for call in (
        lambda: ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[1])),
        lambda: ballots_count_in(
            candidate=candidate, members=seats[1:2], agree=1, disagree=0, actor=secretary
        ),
        lambda: attendance_set(
            review_round=review_round, member=seats[1], present=False, actor=secretary
        ),
        lambda: written_opinion_record(
            candidate=candidate, member=seats[1], choice=AGREE, actor=secretary
        ),
        lambda: close(review_round, seats),
    ):
        with pytest.raises(DomainError, match="The round is closed"):
            call()
    assert Ballot.objects.count() == 1
    assert not WrittenOpinion.objects.exists()


def test_ballot_chain_detects_edited_ballot(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    all_present(review_round, seats)
    cast_all(candidate, seats, [AGREE, DISAGREE, AGREE, AGREE, DISAGREE])
    close(review_round, seats)
    assert verify_chain(review_round).ok
    tampered = Ballot.objects.filter(choice=DISAGREE).order_by("position").first()
    Ballot.objects.filter(pk=tampered.pk).update(choice=AGREE)
    report = verify_chain(review_round)
    assert not report.ok and report.broken_at == tampered.position
    assert f"position {tampered.position} has been altered" in report.message


def test_ballot_chain_detects_removed_last_ballot(tree, english):
    review_round, seats, (candidate, _) = round_create(tree)
    all_present(review_round, seats)
    cast_all(candidate, seats, [AGREE] * 5)
    close(review_round, seats)
    Ballot.objects.filter(position=5).delete()
    report = verify_chain(review_round)
    assert not report.ok and "missing" in report.message


def test_ballot_round_history_not_touched_by_votes(tree):
    review_round, seats, (candidate, _) = round_create(tree)
    before = review_round.history.count()
    cast_all(candidate, seats, [AGREE] * 5)
    assert review_round.history.count() == before
    assert Candidate.history.filter(id=candidate.pk).count() == candidate.history.count()


def test_ballot_anonymity_simple_history_tracks_neither():
    from simple_history.models import registered_models

    tracked = set(registered_models.values())
    assert Candidate in tracked  # the registry is the right one
    assert Participation not in tracked and Ballot not in tracked


def test_round_voting_rules_are_fixed_once_a_vote_is_cast(tree, english):
    from guongsang.reviews.services.rounds import round_update

    review_round, seats, (candidate, _) = round_create(tree)
    office = factories.user_with_role(Role.SYNTHESIS, review_round.council.unit)
    round_update(review_round=review_round, quorum_percent=60, actor=office)
    ballot_cast(candidate=candidate, choice=AGREE, actor=user_of(seats[1]))
    with pytest.raises(DomainError, match="voting rules cannot change"):
        round_update(review_round=review_round, threshold_percent=95, actor=office)
    round_update(review_round=review_round, name="Phiên họp cuối năm", actor=office)
    review_round.refresh_from_db()
    assert (review_round.quorum_percent, review_round.name) == (60, "Phiên họp cuối năm")
