"""Proposal pages: compose, send, the receiver's inbox, accept or return; scope, bad input,
query counts."""

import pytest
from django.urls import reverse

from guongsang.awards.enums import ProposalStatus
from guongsang.awards.models import Proposal
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.orgs.enums import Role
from tests import factories
from tests.awards.proposal_support import TODAY, draft, parent_round, recognised, sent
from tests.exemplars.conftest import plan_create, query_count

pytestmark = pytest.mark.django_db


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
def two(tree, plan, sender):
    return recognised(tree, plan, sender, "Nguyễn Văn An", "Trần Thị Bích")


def _compose(tree, exemplars, **extra):
    return {
        "from_unit": tree["own"].pk,
        "to_unit": tree["parent"].pk,
        "title": factories.title("cstd-bo-nganh-tinh").pk,
        "number": "21/TTr-SNV",
        "date": TODAY.strftime("%d/%m/%Y"),
        "summary": "Đề nghị công nhận Chiến sĩ thi đua cấp tỉnh",
        "exemplars": [e.pk for e in exemplars],
        **extra,
    }


def test_compose_send_inbox_accept_through_pages(client, tree, sender, receiver, two, english):
    an, bich = two
    client.force_login(sender)
    page = client.get(reverse("awards:proposal_create"), {"exemplar": an.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert f'value="{an.pk}" id="id_exemplar_{an.pk}" checked' in html
    assert f'value="{bich.pk}" id="id_exemplar_{bich.pk}" data' in html  # listed, not ticked
    assert page.context["form"].initial["to_unit"] == tree["parent"].pk  # nearest parent

    response = client.post(reverse("awards:proposal_create"), _compose(tree, [an, bich]))
    proposal = Proposal.objects.get(number="21/TTr-SNV")
    assert response.url == reverse("awards:proposal_detail", args=[proposal.pk])
    assert proposal.status == ProposalStatus.DRAFT and proposal.created_by == sender
    assert set(proposal.exemplars.all()) == {an, bich}

    detail = client.get(response.url).content.decode()
    assert 'data-testid="proposal-send"' in detail and 'data-testid="accept-form"' not in detail
    assert reverse("awards:proposal_dossier", args=[proposal.pk]) in detail
    assert reverse("awards:proposal_document", args=[proposal.pk, "pdf"]) in detail
    assert reverse("awards:achievement_report", args=[an.pk, "docx"]) in detail

    confirm = client.get(reverse("awards:proposal_send", args=[proposal.pk]))
    assert confirm.status_code == 200 and "Nguyễn Văn An" in confirm.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT  # the GET only asks
    client.post(reverse("awards:proposal_send", args=[proposal.pk]))
    proposal.refresh_from_db()
    an.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT and an.status == ExemplarStatus.PROPOSED

    review_round = parent_round(tree, receiver)
    client.force_login(receiver)
    inbox = client.get(reverse("awards:proposal_inbox"))
    assert [p.pk for p in inbox.context["page_obj"]] == [proposal.pk]
    detail = client.get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()
    assert 'data-testid="accept-form"' in detail and 'data-testid="proposal-send"' not in detail
    assert review_round.name in detail
    response = client.post(
        reverse("awards:proposal_accept", args=[proposal.pk]), {"round": review_round.pk}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.round == review_round
    assert {c.exemplar_id for c in review_round.candidates.all()} == {an.pk, bich.pk}
    detail = client.get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()
    assert reverse("reviews:round_detail", args=[review_round.pk]) in detail
    client.force_login(sender)  # sees which round took them, not the round itself
    detail = client.get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()
    assert review_round.name in detail
    assert reverse("reviews:round_detail", args=[review_round.pk]) not in detail
    client.force_login(receiver)
    assert client.get(reverse("awards:proposal_inbox")).context["page_obj"].paginator.count == 0
    accepted = client.get(reverse("awards:proposal_inbox"), {"status": "accepted"})
    assert [p.pk for p in accepted.context["page_obj"]] == [proposal.pk]


def test_return_with_reason_recognises_them_again(client, tree, sender, receiver, two):
    proposal = sent(tree, sender, list(two))
    client.force_login(receiver)
    url = reverse("awards:proposal_return", args=[proposal.pk])
    assert client.post(url, {"reason": "Thiếu biên bản họp"}).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.return_reason) == (
        ProposalStatus.RETURNED,
        "Thiếu biên bản họp",
    )
    assert {e.status for e in proposal.exemplars.all()} == {ExemplarStatus.RECOGNISED}
    detail = client.get(reverse("awards:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Thiếu biên bản họp" in detail and 'data-testid="return-form"' not in detail


def test_return_without_reason_says_so_and_changes_nothing(client, tree, sender, receiver, two):
    proposal = sent(tree, sender, list(two))
    client.force_login(receiver)
    response = client.post(reverse("awards:proposal_return", args=[proposal.pk]), {"reason": " "})
    assert response.status_code == 200
    assert response.context["return_form"].errors["reason"]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT


def test_compose_without_exemplars_keeps_what_was_typed(client, tree, sender, two, english):
    client.force_login(sender)
    data = _compose(tree, [], summary="Nội dung đã gõ")
    response = client.post(reverse("awards:proposal_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tick at least one recognised exemplar." in html
    assert "Nội dung đã gõ" in html and 'value="21/TTr-SNV"' in html
    assert not Proposal.objects.exists()


def test_compose_search_ignores_diacritics_and_keeps_ticks(client, tree, sender, two, english):
    an, bich = two
    client.force_login(sender)
    data = _compose(tree, [bich], q="nguyen van an", refresh="1")
    response = client.post(reverse("awards:proposal_create"), data)
    html = response.content.decode()
    shown = [e.pk for e in response.context["choices"]]
    assert shown == [bich.pk, an.pk]  # ticked first, then what the search found
    assert f'value="{bich.pk}" id="id_exemplar_{bich.pk}" checked' in html
    assert f'value="{an.pk}" id="id_exemplar_{an.pk}" data' in html
    assert 'value="21/TTr-SNV"' in html and not response.context["form"].is_bound  # no errors
    assert not Proposal.objects.exists()
    nothing = client.post(
        reverse("awards:proposal_create"), _compose(tree, [], q="xyz", refresh="1")
    )
    assert nothing.context["choices"] == [] and "Nothing matches." in nothing.content.decode()


def test_compose_for_another_unit_lists_its_exemplars(client, tree, plan, receiver, two):
    client.force_login(receiver)  # the province's office may draft for any unit below it
    sibling_one = recognised(tree, plan, receiver, "Lê Văn Cường", unit="own")[0]
    page = client.get(reverse("awards:proposal_create"), {"exemplar": two[0].pk})
    assert page.context["from_unit"] == tree["own"]
    assert {e.pk for e in page.context["choices"]} == {two[0].pk, two[1].pk, sibling_one.pk}
    refreshed = client.post(
        reverse("awards:proposal_create"), {"from_unit": tree["sibling"].pk, "refresh": "1"}
    )
    assert refreshed.context["from_unit"] == tree["sibling"] and refreshed.context["choices"] == []


def test_edit_a_draft_then_not_after_sending(client, tree, sender, two, english):
    an, bich = two
    proposal = draft(tree, sender, [an], number="")
    client.force_login(sender)
    url = reverse("awards:proposal_edit", args=[proposal.pk])
    data = _compose(tree, [an, bich], number="30/TTr-SNV")
    del data["from_unit"]
    assert client.post(url, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.number == "30/TTr-SNV" and proposal.exemplars.count() == 2
    client.post(reverse("awards:proposal_send", args=[proposal.pk]))
    response = client.get(url, follow=True)
    assert "A sent proposal cannot be changed." in response.content.decode()


def test_send_without_number_says_so_and_stays_draft(client, tree, sender, two, english):
    proposal = draft(tree, sender, list(two), number="")
    client.force_login(sender)
    url = reverse("awards:proposal_send", args=[proposal.pk])
    assert 'data-testid="incomplete"' in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Give the proposal&#x27;s number and date before sending it." in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    assert {e.status for e in proposal.exemplars.all()} == {ExemplarStatus.RECOGNISED}


def test_accept_into_a_wrong_round_is_refused(client, tree, sender, receiver, two, english):
    from guongsang.reviews import services as review_services
    from tests.reviews.conftest import round_of

    proposal = sent(tree, sender, list(two))
    other_office = factories.user_with_role(Role.SYNTHESIS, tree["sibling"])
    council = review_services.council_create(
        unit=tree["sibling"], name="Hội đồng Sở Y tế", valid_from=TODAY, actor=other_office
    )
    wrong = round_of(council, other_office)
    client.force_login(receiver)
    url = reverse("awards:proposal_accept", args=[proposal.pk])
    response = client.post(url, {"round": wrong.pk})
    assert response.status_code == 200
    assert "Choose one of the review rounds listed." in response.content.decode()
    missing = client.post(url, {})
    assert "Choose the review round that takes the exemplars." in missing.content.decode()
    assert 'data-testid="no-rounds"' in missing.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT and not wrong.candidates.exists()


@pytest.mark.parametrize(
    ("role", "unit", "sees", "drafts", "sends", "receives"),
    [
        (Role.SYNTHESIS, "own", True, True, True, False),
        (Role.HEAD, "own", True, False, True, False),
        (Role.OFFICER, "own", True, False, False, False),
        (Role.SYNTHESIS, "parent", True, True, True, True),
        (Role.OFFICER, "parent", True, False, False, False),
        (Role.SYNTHESIS, "sibling", False, False, False, False),
        (Role.SYNTHESIS, "outside", False, False, False, False),
    ],
)
def test_each_role_within_its_scope(
    client, tree, sender, two, role, unit, sees, drafts, sends, receives
):
    to_send = draft(tree, sender, [two[0]])
    to_answer = sent(tree, sender, [two[1]], number="13/TTr-SNV")
    client.force_login(factories.user_with_role(role, tree[unit]))
    listed = {p.pk for p in client.get(reverse("awards:proposal_list")).context["page_obj"]}
    assert listed == ({to_send.pk, to_answer.pk} if sees else set())
    detail = client.get(reverse("awards:proposal_detail", args=[to_send.pk]))
    assert detail.status_code == (200 if sees else 404)
    compose = client.get(reverse("awards:proposal_create"), {"from_unit": tree["own"].pk})
    assert compose.status_code == (200 if role == Role.SYNTHESIS and unit != "outside" else 403)
    assert drafts == (compose.status_code == 200 and compose.context["from_unit"] == tree["own"])
    send = client.post(reverse("awards:proposal_send", args=[to_send.pk]))
    assert send.status_code == (302 if sends else 403 if sees else 404)
    to_send.refresh_from_db()
    assert to_send.status == (ProposalStatus.SENT if sends else ProposalStatus.DRAFT)
    inbox = client.get(reverse("awards:proposal_inbox")).context["page_obj"]
    assert {p.pk for p in inbox} >= ({to_answer.pk} if receives else set())
    assert receives or not list(inbox)
    give_back = client.post(
        reverse("awards:proposal_return", args=[to_answer.pk]), {"reason": "Thiếu hồ sơ"}
    )
    assert give_back.status_code == (302 if receives else 403 if sees else 404)
    to_answer.refresh_from_db()
    assert to_answer.status == (ProposalStatus.RETURNED if receives else ProposalStatus.SENT)


def test_list_and_inbox_queries_do_not_grow(client, tree, plan, sender, receiver):
    exemplars = recognised(tree, plan, sender, *[f"Người {i}" for i in range(5)])
    sent(tree, sender, exemplars[:1], number="1/TTr")
    client.force_login(receiver)
    urls = [reverse("awards:proposal_list"), reverse("awards:proposal_inbox")]
    one = [query_count(client, url) for url in urls]
    for i, exemplar in enumerate(exemplars[1:], start=2):
        sent(tree, sender, [exemplar], number=f"{i}/TTr")
    assert Proposal.objects.count() == 5
    assert [query_count(client, url) for url in urls] == one
    assert client.get(urls[1]).context["page_obj"].paginator.count == 5


def test_a_recognised_exemplars_page_offers_to_propose_it_up(client, tree, sender, two):
    exemplar = two[0]
    client.force_login(sender)
    html = client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).content.decode()
    assert f"{reverse('awards:proposal_create')}?exemplar={exemplar.pk}" in html
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    client.force_login(officer)
    html = client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).content.decode()
    assert 'data-testid="propose-up"' not in html
