"""Proposals upwards: draft, send, take into the parent's round or return, and what the
exemplars go through on the way."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.awards import services
from guongsang.awards.enums import ProposalStatus
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.services.lifecycle import exemplar_recognise
from guongsang.orgs.enums import Role
from guongsang.reviews import services as review_services
from guongsang.reviews.enums import Outcome
from tests import factories
from tests.exemplars.conftest import plan_create
from tests.reviews.conftest import opened_round, person_in, proposed, round_of

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def plan(tree):
    return plan_create(tree["parent"])


@pytest.fixture
def sender(tree):
    return factories.user_with_role(Role.SYNTHESIS, tree["own"])


@pytest.fixture
def receiver(tree):
    return factories.user_with_role(Role.SYNTHESIS, tree["parent"])


@pytest.fixture
def recognised(tree, plan, sender):
    """An exemplar of `own_child`, reviewed by the council of `own` and recognised there."""
    exemplar = proposed(person_in(tree["own_child"]), plan, sender)
    council = review_services.council_create(
        unit=tree["own"], name="Hội đồng cơ sở", valid_from=TODAY, actor=sender
    )
    review_round = opened_round(council, sender, [exemplar])
    candidate = review_round.candidates.get()
    review_services.candidate_outcome_set(candidate=candidate, outcome=Outcome.PASS, actor=sender)
    exemplar.refresh_from_db()
    exemplar_recognise(exemplar=exemplar, level="unit", actor=sender)
    exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def parent_round(tree, receiver):
    council = review_services.council_create(
        unit=tree["parent"], name="Hội đồng tỉnh", valid_from=TODAY, actor=receiver
    )
    return round_of(council, receiver, level="province", name="Bình xét cấp tỉnh")


def draft(tree, sender, exemplars, **fields):
    fields = {"number": "12/TTr-SNV", "date": TODAY, **fields}
    return services.proposal_create(
        from_unit=tree["own"], to_unit=tree["parent"], exemplars=exemplars, actor=sender, **fields
    )


def test_sending_puts_the_exemplars_back_to_proposed_with_their_level(tree, sender, recognised):
    proposal = services.proposal_send(proposal=draft(tree, sender, [recognised]), actor=sender)
    recognised.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT and proposal.sent_at
    assert recognised.status == ExemplarStatus.PROPOSED
    assert recognised.level == "unit"


def test_the_receiver_takes_them_into_its_round(tree, sender, receiver, recognised, parent_round):
    proposal = services.proposal_send(proposal=draft(tree, sender, [recognised]), actor=sender)
    services.proposal_accept(proposal=proposal, review_round=parent_round, actor=receiver)
    proposal.refresh_from_db()
    recognised.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.round == parent_round
    assert recognised.status == ExemplarStatus.UNDER_REVIEW
    assert parent_round.candidates.get().exemplar == recognised


def test_failing_the_higher_review_keeps_the_earlier_recognition(
    tree, sender, receiver, recognised, parent_round
):
    proposal = services.proposal_send(proposal=draft(tree, sender, [recognised]), actor=sender)
    services.proposal_accept(proposal=proposal, review_round=parent_round, actor=receiver)
    review_services.round_open(review_round=parent_round, actor=receiver)
    candidate = parent_round.candidates.get()
    review_services.candidate_outcome_set(
        candidate=candidate, outcome=Outcome.FAIL, reason="Chưa đủ thành tích", actor=receiver
    )
    recognised.refresh_from_db()
    assert recognised.status == ExemplarStatus.RECOGNISED and recognised.level == "unit"


def test_returning_needs_a_reason_and_restores_recognised(tree, sender, receiver, recognised):
    proposal = services.proposal_send(proposal=draft(tree, sender, [recognised]), actor=sender)
    with pytest.raises(DomainError):
        services.proposal_return(proposal=proposal, reason="  ", actor=receiver)
    services.proposal_return(proposal=proposal, reason="Thiếu biên bản", actor=receiver)
    proposal.refresh_from_db()
    recognised.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED
    assert proposal.return_reason == "Thiếu biên bản"
    assert recognised.status == ExemplarStatus.RECOGNISED


def test_only_recognised_exemplars_of_the_sender_go_up(tree, plan, sender, recognised):
    still_proposed = proposed(person_in(tree["own"]), plan, sender)
    with pytest.raises(DomainError, match=still_proposed.subject_name):
        draft(tree, sender, [recognised, still_proposed])
    with pytest.raises(DomainError):
        draft(tree, sender, [])


def test_a_proposal_goes_to_a_unit_above(tree, sender, recognised):
    with pytest.raises(DomainError):
        services.proposal_create(
            from_unit=tree["own"], to_unit=tree["own_child"], exemplars=[recognised], actor=sender
        )


def test_sending_needs_number_and_date_and_happens_once(tree, sender, recognised):
    proposal = draft(tree, sender, [recognised], number="", date=None)
    with pytest.raises(DomainError):
        services.proposal_send(proposal=proposal, actor=sender)
    services.proposal_update(proposal=proposal, number="3/TTr", date=TODAY, actor=sender)
    services.proposal_send(proposal=proposal, actor=sender)
    with pytest.raises(DomainError):
        services.proposal_send(proposal=proposal, actor=sender)
    with pytest.raises(DomainError):
        services.proposal_update(proposal=proposal, summary="đổi", actor=sender)


def test_the_unit_head_sends_but_does_not_draft(tree, sender, recognised):
    head = factories.user_with_role(Role.HEAD, tree["own"])
    with pytest.raises(PermissionDenied):
        draft(tree, head, [recognised])
    proposal = draft(tree, sender, [recognised])
    services.proposal_send(proposal=proposal, actor=head)


def test_only_the_receiver_answers(tree, sender, recognised, parent_round):
    proposal = services.proposal_send(proposal=draft(tree, sender, [recognised]), actor=sender)
    with pytest.raises(PermissionDenied):
        services.proposal_return(proposal=proposal, reason="Không", actor=sender)
    with pytest.raises(PermissionDenied):
        services.proposal_accept(proposal=proposal, review_round=parent_round, actor=sender)


def test_a_recognised_exemplar_is_not_a_candidate_again_at_its_own_level(tree, sender, recognised):
    from guongsang.reviews.selectors import proposable_exemplars

    proposal = services.proposal_send(proposal=draft(tree, sender, [recognised]), actor=sender)
    assert proposal.status == ProposalStatus.SENT
    council = recognised.candidacies.get().round.council
    same_level = round_of(council, sender, name="Đợt 2")
    assert recognised not in proposable_exemplars(review_round=same_level)


def test_the_history_names_the_exemplars_added(tree, plan, sender, recognised):
    from guongsang.common.audit import history_entries
    from guongsang.exemplars.models import Exemplar

    second = proposed(person_in(tree["own"], "Phạm Thị Hai"), plan, sender)
    Exemplar.objects.filter(pk=second.pk).update(status=ExemplarStatus.RECOGNISED, level="unit")
    second.refresh_from_db()
    proposal = draft(tree, sender, [recognised])
    services.proposal_update(proposal=proposal, exemplars=[recognised, second], actor=sender)
    shown = [c["new"] for e in history_entries(proposal) for c in e["changes"]]
    assert any(isinstance(new, str) and "Phạm Thị Hai" in new for new in shown), shown
