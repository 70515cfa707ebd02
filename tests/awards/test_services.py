import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.awards import services
from guongsang.awards.enums import DecisionKind, DecisionStatus
from guongsang.awards.models import Decision, FundEntry
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.orgs import services as org_services
from guongsang.orgs.enums import Role
from guongsang.reviews.models import Candidate, Council, ReviewRound
from guongsang.titles.models import TitleRecord
from tests import factories
from tests.awards.conftest import DAY, draft
from tests.exemplars.conftest import exemplar_register, plan_create

pytestmark = pytest.mark.django_db


def _exemplar_under_review(tree, actor, person):
    exemplar = exemplar_register(person, plan_create(tree["parent"]), actor)
    exemplar.status = ExemplarStatus.UNDER_REVIEW
    exemplar.save()
    return exemplar


def _closed_round(tree, actor, exemplars_outcomes):
    council = Council.objects.create(
        unit=tree["own"], name="Hội đồng TĐKT Sở Nội vụ", valid_from=DAY.replace(year=2024)
    )
    review_round = ReviewRound.objects.create(
        council=council,
        name="Bình xét năm 2024",
        year=2024,
        level="unit",
        status="closed",
        meeting_date=DAY,
        created_by=actor,
    )
    for exemplar, outcome in exemplars_outcomes:
        Candidate.objects.create(
            round=review_round,
            exemplar=exemplar,
            name=exemplar.subject_name,
            unit_name="Sở Nội vụ",
            outcome=outcome,
        )
    return review_round


def test_issue_from_a_round_grants_titles_recognises_and_spends(tree, synthesis, fund):
    people = [factories.person_create(unit=tree["own_child"]) for _ in range(3)]
    exemplars = [_exemplar_under_review(tree, synthesis, p) for p in people]
    review_round = _closed_round(
        tree, synthesis, [(exemplars[0], "pass"), (exemplars[1], "pass"), (exemplars[2], "fail")]
    )
    decision = draft(tree["own"], synthesis, code="cstd-co-so", kind=DecisionKind.RECOGNITION)
    added = services.decision_recipients_from_round(
        decision=decision, round=review_round, actor=synthesis
    )
    assert [r.person for r in added] == people[:2]

    services.decision_issue(decision=decision, actor=synthesis)

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED and decision.issued_at is not None
    assert decision.base_salary == Decimal("2340000")
    assert decision.total_amount == Decimal("4680000")
    assert decision.authority_name == "Sở Nội vụ"
    entry = FundEntry.objects.get(decision=decision)
    assert entry.amount == Decimal("-4680000") and entry.fund == fund
    records = TitleRecord.objects.filter(decision_number="15/QĐ-SNV").order_by("person_id")
    assert [(r.person, r.nature, r.decision_date, r.issuer) for r in records] == [
        (p, "regular", DAY, "Sở Nội vụ") for p in people[:2]
    ]
    statuses = [
        e.status
        for e in type(exemplars[0]).objects.filter(pk__in=[e.pk for e in exemplars]).order_by("pk")
    ]
    assert statuses == ["recognised", "recognised", "under_review"]
    assert type(exemplars[0]).objects.get(pk=exemplars[0].pk).level == "unit"


def test_snapshots_keep_names_as_on_the_day(tree, synthesis, fund):
    person = factories.person_create("Lê Thị Hoa", unit=tree["own_child"])
    decision = draft(tree["own"], synthesis)
    services.decision_recipient_add(decision=decision, subject=person, actor=synthesis)
    services.decision_issue(decision=decision, actor=synthesis)
    org_services.unit_rename(
        unit=tree["own_child"], new_name="Phòng Tổ chức", actor=None, date=DAY.replace(year=2026)
    )
    recipient = decision.recipients.get()
    assert (recipient.name, recipient.unit_name) == ("Lê Thị Hoa", "Phòng Thi đua - Khen thưởng")
    assert recipient.amount == Decimal("702000")


def test_ad_hoc_decision_by_hand_grants_ad_hoc_records(tree, synthesis, fund):
    household = factories.household_create(locality=tree["own_child"])
    decision = draft(
        tree["own"],
        synthesis,
        code="giay-khen-ho-gia-dinh",
        kind=DecisionKind.AD_HOC,
        summary="Dũng cảm cứu người trong lũ",
    )
    services.decision_recipient_add(decision=decision, subject=household, actor=synthesis)
    services.decision_issue(decision=decision, actor=synthesis)
    record = TitleRecord.objects.get(household=household)
    assert record.nature == "ad_hoc"
    assert decision.recipients.get().amount == Decimal("1053000")


def test_thematic_decision_grants_thematic_records(tree, synthesis, fund):
    unit = tree["own_child"]
    decision = draft(
        tree["own"],
        synthesis,
        code="giay-khen-tap-the",
        kind=DecisionKind.THEMATIC,
        summary="Chuyển đổi số",
    )
    services.decision_recipient_add(decision=decision, subject=unit, actor=synthesis)
    services.decision_issue(decision=decision, actor=synthesis)
    assert TitleRecord.objects.get(unit=unit).nature == "thematic"


def test_issued_decision_is_immutable(tree, synthesis, fund, english):
    decision = draft(tree["own"], synthesis)
    recipient = services.decision_recipient_add(
        decision=decision, subject=factories.person_create(unit=tree["own"]), actor=synthesis
    )
    services.decision_issue(decision=decision, actor=synthesis)
    message = "is issued and cannot be changed"
    with pytest.raises(DomainError, match=message):
        services.decision_update(decision=decision, actor=synthesis, number="16/QĐ-SNV")
    with pytest.raises(DomainError, match=message):
        services.decision_recipient_add(
            decision=decision, actor=synthesis, subject=factories.person_create(unit=tree["own"])
        )
    with pytest.raises(DomainError, match=message):
        services.decision_recipient_remove(recipient=recipient, actor=synthesis)
    with pytest.raises(DomainError, match=message):
        services.decision_issue(decision=decision, actor=synthesis)
    assert Decision.objects.get(pk=decision.pk).number == "15/QĐ-SNV"
    assert decision.recipients.count() == 1


def test_correction_is_a_new_decision_that_updates_the_records(tree, synthesis, fund):
    person = factories.person_create(unit=tree["own"])
    decision = draft(tree["own"], synthesis)
    services.decision_recipient_add(decision=decision, subject=person, actor=synthesis)
    services.decision_issue(decision=decision, actor=synthesis)
    correction = services.decision_correct(decision=decision, actor=synthesis, reason="Sai ngày ký")
    assert (correction.kind, correction.corrects, correction.status) == (
        DecisionKind.CORRECTION,
        decision,
        DecisionStatus.DRAFT,
    )
    assert list(correction.recipients.values_list("person", flat=True)) == [person.pk]
    services.decision_update(
        decision=correction,
        actor=synthesis,
        number="20/QĐ-SNV",
        date=DAY,
        signer_name="Trần Văn Ký",
    )
    services.decision_issue(decision=correction, actor=synthesis)
    record = TitleRecord.objects.get(person=person)
    assert record.decision_number == "20/QĐ-SNV"
    assert not FundEntry.objects.filter(decision=correction).exists()  # nothing more to pay
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.ISSUED


def test_correction_of_a_draft_is_refused(tree, synthesis, english):
    with pytest.raises(DomainError, match="Only an issued decision can be corrected"):
        services.decision_correct(
            decision=draft(tree["own"], synthesis), actor=synthesis, reason="x"
        )


def test_dissolved_unit_is_refused(tree, synthesis, english):
    org_services.unit_dissolve(unit=tree["own_child"], date=DAY, actor=None)
    decision = draft(tree["own"], synthesis, code="giay-khen-tap-the")
    with pytest.raises(DomainError, match="A dissolved unit cannot receive an award"):
        services.decision_recipient_add(
            decision=decision,
            subject=factories.Unit.objects.get(pk=tree["own_child"].pk),
            actor=synthesis,
        )


def test_subject_of_the_wrong_kind_is_refused(tree, synthesis, english):
    decision = draft(tree["own"], synthesis, code="giay-khen-tap-the")
    with pytest.raises(DomainError, match="is for another kind of subject"):
        services.decision_recipient_add(
            decision=decision, actor=synthesis, subject=factories.person_create(unit=tree["own"])
        )


def test_spending_into_the_reserved_share_is_refused(tree, synthesis, english):
    services.fund_create(
        unit=tree["own"], year=DAY.year, opening_balance=Decimal("3000000"), actor=synthesis
    )
    decision = draft(tree["own"], synthesis, code="cstd-co-so")
    for _ in range(2):  # 2 × 2,340,000 > 3,000,000 − 20% reserved (600,000)
        services.decision_recipient_add(
            decision=decision, actor=synthesis, subject=factories.person_create(unit=tree["own"])
        )
    with pytest.raises(DomainError, match="only 2.400.000 VND is available, and 600.000 VND is re"):
        services.decision_issue(decision=decision, actor=synthesis)
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT
    assert not TitleRecord.objects.exists()


def test_issue_without_a_fund_is_refused(tree, synthesis, english):
    decision = draft(tree["own"], synthesis)
    services.decision_recipient_add(
        decision=decision, actor=synthesis, subject=factories.person_create(unit=tree["own"])
    )
    with pytest.raises(DomainError, match="has no emulation fund for 2025"):
        services.decision_issue(decision=decision, actor=synthesis)


def test_issue_needs_number_date_signer_and_recipients(tree, synthesis, english):
    decision = draft(tree["own"], synthesis, number="", signer_name="")
    with pytest.raises(DomainError, match="Fill in before issuing: number, signed by"):
        services.decision_issue(decision=decision, actor=synthesis)
    services.decision_update(decision=decision, actor=synthesis, number="1/QĐ", signer_name="A")
    with pytest.raises(DomainError, match="at least one recipient"):
        services.decision_issue(decision=decision, actor=synthesis)


@pytest.mark.parametrize(
    ("role", "where", "allowed"),
    [
        (Role.SYNTHESIS, "own", True),
        (Role.SYNTHESIS, "parent", True),
        (Role.SYNTHESIS, "sibling", False),
        (Role.SYNTHESIS, "outside", False),
        (Role.ADMIN, "outside", True),
        (Role.OFFICER, "own", False),
        (Role.HEAD, "own", False),
    ],
)
def test_who_may_draft_a_decision(tree, role, where, allowed):
    user = factories.user_with_role(role, tree[where])
    if allowed:
        assert draft(tree["own"], user).authority == tree["own"]
    else:
        with pytest.raises(PermissionDenied):
            draft(tree["own"], user)


def test_a_fund_entry_is_dated_in_the_funds_year(fund, synthesis, english):
    with pytest.raises(DomainError, match="dated in 2025"):
        services.fund_entry_add(
            fund=fund,
            date=datetime.date(2024, 12, 31),
            amount=Decimal("1000000"),
            description="Chi khen thưởng",
            actor=synthesis,
        )
    assert not fund.entries.exists()
