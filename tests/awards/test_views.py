"""Decision and fund pages: scope, rules, one service per action, query counts."""

import pytest
from django.urls import reverse

from guongsang.awards import services
from guongsang.awards.models import Decision, EmulationFund
from guongsang.orgs.enums import Role
from tests import factories
from tests.awards.conftest import DAY, draft
from tests.exemplars.conftest import query_count

pytestmark = pytest.mark.django_db


def _with_recipient(tree, actor, **fields):
    decision = draft(tree["own"], actor, **fields)
    services.decision_recipient_add(
        decision=decision,
        subject=factories.person_create("Lê Thị Hoa", unit=tree["own"]),
        actor=actor,
    )
    return decision


def test_create_then_issue_through_pages(client, tree, synthesis, fund, english):
    client.force_login(synthesis)
    data = {
        "authority": tree["own"].pk,
        "kind": "commendation",
        "title": factories.title("giay-khen-ca-nhan").pk,
        "year": 2024,
        "number": "40/QĐ-SNV",
        "date": "10/03/2025",
        "signer_name": "Trần Văn Ký",
        "signer_title": "Giám đốc",
    }
    response = client.post(reverse("awards:decision_create"), data)
    decision = Decision.objects.get(number="40/QĐ-SNV")
    assert response.url == reverse("awards:decision_detail", args=[decision.pk])
    assert decision.date == DAY
    person = factories.person_create("Hoàng Văn Nam", unit=tree["own_child"])
    page = client.get(reverse("awards:decision_detail", args=[decision.pk]), {"q": "hoang nam"})
    assert "Hoàng Văn Nam" in page.content.decode()
    client.post(
        reverse("awards:recipient_add", args=[decision.pk]),
        {"subject_kind": "individual", "subject_id": person.pk},
    )
    client.post(reverse("awards:decision_issue", args=[decision.pk]))
    decision.refresh_from_db()
    assert decision.is_issued and decision.total_amount == 702000
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert "Hoàng Văn Nam" in page and "10/03/2025" in page
    assert "Reserved for movements and propagation (20%)" in page
    assert 'data-testid="fund-available">79' in page
    assert 'data-testid="decision-issue"' not in page and 'data-testid="decision-correct"' in page


def test_edit_page_refuses_an_issued_decision(client, tree, synthesis, fund, english):
    decision = _with_recipient(tree, synthesis)
    services.decision_issue(decision=decision, actor=synthesis)
    client.force_login(synthesis)
    response = client.post(
        reverse("awards:decision_edit", args=[decision.pk]),
        {"title": decision.title_id, "year": 2024, "number": "X"},
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).number == "15/QĐ-SNV"


def test_issue_refused_shows_the_reserve_message(client, tree, synthesis, english):
    services.fund_create(unit=tree["own"], year=2025, opening_balance=800000, actor=synthesis)
    decision = _with_recipient(tree, synthesis)
    client.force_login(synthesis)
    response = client.post(reverse("awards:decision_issue", args=[decision.pk]), follow=True)
    assert "reserved for movements and propagation" in response.content.decode()
    assert not Decision.objects.get(pk=decision.pk).is_issued


@pytest.mark.parametrize(
    ("role", "where", "sees", "changes"),
    [
        (Role.SYNTHESIS, "own", True, True),
        (Role.SYNTHESIS, "parent", True, True),
        (Role.SYNTHESIS, "sibling", False, False),
        (Role.SYNTHESIS, "outside", False, False),
        (Role.OFFICER, "own", True, False),
        (Role.OFFICER, "own_child", False, False),
        (Role.ADMIN, "outside", True, True),
    ],
)
def test_decision_scope(client, tree, synthesis, role, where, sees, changes):
    decision = draft(tree["own"], synthesis)
    client.force_login(factories.user_with_role(role, tree[where]))
    detail = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    assert detail.status_code == (200 if sees else 404)
    listed = client.get(reverse("awards:decision_list"))
    if listed.status_code == 200:
        assert (f"decision-row-{decision.pk}" in listed.content.decode()) == sees
    edit = client.get(reverse("awards:decision_edit", args=[decision.pk]))
    assert edit.status_code == (200 if changes else 403 if sees else 404)


def test_decision_list_queries_do_not_grow(client, tree, synthesis, django_assert_max_num_queries):
    client.force_login(synthesis)
    draft(tree["own"], synthesis)
    one = query_count(client, reverse("awards:decision_list"))
    for i in range(2):
        draft(tree["own"], synthesis, number=f"{i}/QĐ")
    assert query_count(client, reverse("awards:decision_list")) == one


def test_fund_list_queries_do_not_grow(client, tree, synthesis):
    client.force_login(synthesis)
    services.fund_create(unit=tree["own"], year=2023, actor=synthesis)
    one = query_count(client, reverse("awards:fund_list"))
    services.fund_create(unit=tree["own"], year=2024, actor=synthesis)
    services.fund_create(unit=tree["own_child"], year=2024, actor=synthesis)
    assert query_count(client, reverse("awards:fund_list")) == one
    assert EmulationFund.objects.count() == 3


def test_decision_documents_download(client, tree, synthesis, fund):
    decision = _with_recipient(tree, synthesis)
    client.force_login(synthesis)
    response = client.get(
        reverse("awards:decision_document", args=[decision.pk, "danh-sach", "docx"])
    )
    assert response.status_code == 200 and response.content[:2] == b"PK"
    response = client.get(reverse("awards:decision_annex_xlsx", args=[decision.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    missing = client.get(reverse("awards:decision_document", args=[decision.pk, "khac", "docx"]))
    assert missing.status_code == 404


def test_decision_documents_hidden_outside_scope(client, tree, synthesis):
    decision = draft(tree["own"], synthesis)
    client.force_login(factories.user_with_role(Role.SYNTHESIS, tree["sibling"]))
    url = reverse("awards:decision_document", args=[decision.pk, "quyet-dinh", "docx"])
    assert client.get(url).status_code == 404


def test_minutes_and_proposal_documents_download(client, tree, synthesis):
    from tests.awards.test_documents import _closed_round, _proposal

    review_round = _closed_round(tree, synthesis)
    proposal = _proposal(tree, synthesis)
    client.force_login(factories.user_with_role(Role.ADMIN, tree["parent"]))
    response = client.get(reverse("awards:minutes_document", args=[review_round.pk, "docx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    response = client.get(reverse("awards:proposal_document", args=[proposal.pk, "docx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_recipients_from_round_page(client, tree, synthesis):
    from tests.awards.test_documents import _closed_round

    review_round = _closed_round(tree, synthesis)
    decision = draft(tree["own"], synthesis, code="cstd-co-so")
    client.force_login(synthesis)
    url = reverse("awards:recipients_from_round", args=[decision.pk])
    assert "Bình xét năm 2024" in client.get(url).content.decode()
    response = client.post(url, {"round": review_round.pk})
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).round == review_round
