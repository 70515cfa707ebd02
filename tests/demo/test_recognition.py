"""The demo's recognition work (guongsang/demo/recognition.py): council, rounds, decision,
fund and proposal, as the demo users see them."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from guongsang.awards.enums import DecisionStatus, ProposalStatus
from guongsang.awards.models import Decision, EmulationFund, Proposal
from guongsang.awards.money import fund_state
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.orgs.models import Membership, Unit
from guongsang.reviews.enums import Channel, Choice, MemberRole, Outcome, RoundStatus
from guongsang.reviews.models import (
    Attendance,
    Ballot,
    Council,
    Participation,
    ReviewRound,
    Score,
    WrittenOpinion,
)
from guongsang.reviews.tally import quorum, recount, verify_chain
from guongsang.titles.models import TitleRecord

DEPARTMENT = "Sở Nông nghiệp và Môi trường"


@pytest.fixture
def demo(db):
    call_command("demo_load", stdout=StringIO(), stderr=StringIO())
    users = get_user_model().objects.filter(username__in=["admin", "hoidong", "thutruong"])
    return {user.username: user for user in users}


def test_demo_recognition_council_rounds_decision_and_proposal(demo, client):
    department = Unit.objects.get(name=DEPARTMENT, status="active")
    council = Council.objects.get(unit=department)
    _assert_council(council, department, demo)
    closed = ReviewRound.objects.get(council=council, status=RoundStatus.CLOSED)
    passed = _assert_closed_round(closed)
    _assert_decision_and_fund(closed, department, passed)
    _assert_proposal(department, passed)
    opened = ReviewRound.objects.get(council=council, status=RoundStatus.OPEN)
    _assert_open_round(opened, demo)
    _assert_pages(client, demo, closed, opened)

    out = StringIO()
    call_command("demo_load", if_empty=True, stdout=out, stderr=StringIO())

    assert ReviewRound.objects.count() == 2 and Decision.objects.count() == 1
    assert "hoidong" in out.getvalue()


def _assert_council(council, department, demo):
    assert council.name == "Hội đồng Thi đua - Khen thưởng Sở Nông nghiệp và Môi trường"
    assert council.valid_from.isoformat() == "2025-01-01"
    seats = list(council.members.select_related("person__user", "person__unit"))
    roles = [seat.role for seat in seats]
    assert roles.count(MemberRole.CHAIR) == roles.count(MemberRole.SECRETARY) == 1
    assert roles.count(MemberRole.VICE_CHAIR) == 1 and roles.count(MemberRole.MEMBER) == 5
    chair = next(seat for seat in seats if seat.role == MemberRole.CHAIR)
    head = Membership.objects.get(unit=department, is_head=True, end__isnull=True)
    assert chair.person == head.person and chair.person.user == demo["thutruong"]
    hoidong = next(seat for seat in seats if seat.person.user == demo["hoidong"])
    assert hoidong.role == MemberRole.MEMBER
    assert demo["hoidong"].first_name == hoidong.person.full_name
    secretary = next(seat for seat in seats if seat.role == MemberRole.SECRETARY)
    assert secretary.person.user.username == "canbo"
    assert all(seat.person.unit.path.startswith(department.path) for seat in seats)
    assert council.history.get().history_user == demo["admin"]


def _assert_closed_round(review_round) -> list:
    assert review_round.name == "Bình xét danh hiệu Chiến sĩ thi đua cơ sở năm 2025"
    assert (review_round.title.code, review_round.level, review_round.year) == (
        "cstd-co-so", "unit", 2025,
    )  # fmt: skip
    assert review_round.threshold_percent == 80 and review_round.final_hash
    criteria = list(review_round.criteria.values_list("weight", flat=True))
    assert criteria == [Decimal("0.60"), Decimal("0.40")]
    candidates = list(review_round.candidates.select_related("exemplar"))
    assert len(candidates) >= 3
    assert all(c.exemplar.person_id for c in candidates)
    # Scores from three members (those with accounts) on both criteria, for every candidate.
    assert Score.objects.filter(candidate__round=review_round).count() == 3 * 2 * len(candidates)
    assert all(c.score > 0 for c in candidates)
    # Seven present, one absent who wrote in; online and paper ballots; the chain holds.
    sitting = quorum(review_round)
    assert (sitting.members, sitting.present, sitting.met) == (8, 7, True)
    absent = Attendance.objects.get(round=review_round, present=False)
    opinions = WrittenOpinion.objects.filter(candidate__round=review_round)
    assert set(opinions.values_list("member", flat=True)) == {absent.member_id}
    assert opinions.count() == len(candidates)
    channels = set(Ballot.objects.filter(round=review_round).values_list("channel", flat=True))
    assert channels == {Channel.ONLINE, Channel.PAPER}
    assert Participation.objects.filter(candidate__round=review_round).count() == 7 * len(
        candidates
    )
    assert verify_chain(review_round).ok
    tallies = recount(review_round)
    for candidate in candidates:
        tally = tallies[candidate.pk]
        assert (tally.agree, tally.disagree) == (candidate.agree, candidate.disagree)
        assert tally.passed == (candidate.outcome == Outcome.PASS)
    outcomes = [c.outcome for c in candidates]
    assert outcomes.count(Outcome.PASS) >= 2 and Outcome.PENDING not in outcomes
    deferred = [c for c in candidates if c.outcome == Outcome.DEFER]
    assert all(c.outcome_reason and c.exemplar.status == "proposed" for c in deferred)
    assert all(c.comments.exists() for c in deferred)
    return [c for c in candidates if c.outcome == Outcome.PASS]


def _assert_decision_and_fund(review_round, department, passed):
    decision = Decision.objects.get()
    assert (decision.number, decision.date.isoformat(), decision.status) == (
        "125/QĐ-SNNMT", "2025-12-22", DecisionStatus.ISSUED,
    )  # fmt: skip
    assert decision.round == review_round and decision.authority == department
    assert decision.signer_name and decision.signer_title == "Giám đốc"
    recipients = decision.recipients.all()
    assert {r.exemplar_id for r in recipients} == {c.exemplar_id for c in passed}
    assert decision.total_amount == Decimal("2340000") * len(passed)
    records = TitleRecord.objects.filter(decision_number="125/QĐ-SNNMT", title__code="cstd-co-so")
    assert records.count() == len(passed)
    fund = EmulationFund.objects.get(unit=department, year=2025)
    assert (fund.opening_balance, fund.propagation_share_percent) == (Decimal("500000000"), 20)
    assert fund.entries.count() >= 3
    assert fund.entries.get(decision=decision).amount == -decision.total_amount
    state = fund_state(fund)
    assert state.reserved > 0 and state.available > 0


def _assert_proposal(department, passed):
    proposal = Proposal.objects.get()
    assert (proposal.number, proposal.status) == ("86/TTr-SNNMT", ProposalStatus.SENT)
    assert proposal.from_unit == department and proposal.to_unit.code == "P-56"
    sent = list(proposal.exemplars.all())
    assert 1 <= len(sent) <= 2 and {e.pk for e in sent} <= {c.exemplar_id for c in passed}
    # Sent up: proposed again, at the level the decision gave them; the others stay recognised.
    assert {(e.status, e.level) for e in sent} == {(ExemplarStatus.PROPOSED, "unit")}
    kept = [c.exemplar for c in passed if c.exemplar_id not in {e.pk for e in sent}]
    kept = [type(e).objects.get(pk=e.pk) for e in kept]
    assert all((e.status, e.level) == (ExemplarStatus.RECOGNISED, "unit") for e in kept)


def _assert_open_round(review_round, demo):
    assert review_round.title.code == "tap-the-lao-dong-xuat-sac" and review_round.requires_vote
    candidates = list(review_round.candidates.select_related("exemplar"))
    assert len(candidates) >= 2 and all(c.exemplar.unit_id for c in candidates)
    assert all(c.exemplar.status == ExemplarStatus.UNDER_REVIEW for c in candidates)
    voted = Participation.objects.filter(candidate__round=review_round)
    assert voted.count() == 2 * len(candidates)
    assert not voted.filter(member__person__user=demo["hoidong"]).exists()
    assert set(Ballot.objects.filter(round=review_round).values_list("choice", flat=True)) == {
        Choice.AGREE
    }


def _assert_pages(client, demo, closed, opened):
    client.force_login(demo["hoidong"])
    vote = client.get(reverse("ballots:vote", args=[opened.pk]))
    assert vote.status_code == 200
    assert vote.content.decode().count('data-testid="agree"') == opened.candidates.count()
    minutes = client.get(reverse("ballots:minutes", args=[closed.pk]))
    assert minutes.status_code == 200 and closed.final_hash in minutes.content.decode()
    rounds = client.get(reverse("reviews:round_list"))
    assert closed.name in rounds.content.decode() and opened.name in rounds.content.decode()
    client.force_login(demo["admin"])
    inbox = client.get(reverse("awards:proposal_inbox"))
    assert inbox.status_code == 200 and "86/TTr-SNNMT" in inbox.content.decode()
