"""The proposals API: same scope, rules and services as the pages."""

import pytest

from guongsang.awards.enums import ProposalStatus
from guongsang.awards.models import Proposal
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.orgs.enums import Role
from tests import factories
from tests.awards.proposal_support import TODAY, draft, parent_round, recognised, sent
from tests.exemplars.conftest import plan_create

pytestmark = pytest.mark.django_db
JSON = "application/json"


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


def _body(tree, exemplars, **extra):
    return {
        "from_unit_id": tree["own"].pk,
        "exemplar_ids": [e.pk for e in exemplars],
        "title_id": factories.title("cstd-bo-nganh-tinh").pk,
        "number": "40/TTr-SNV",
        "date": TODAY.isoformat(),
        "summary": "Đề nghị xét tặng",
        **extra,
    }


def test_api_draft_send_inbox_accept(client, tree, sender, receiver, two):
    client.force_login(sender)
    response = client.post("/api/proposals", _body(tree, two), content_type=JSON)
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["status"], created["to_unit_id"], created["exemplar_count"]) == (
        "draft",
        tree["parent"].pk,  # the nearest unit above, by default
        2,
    )
    assert [e["subject_name"] for e in created["exemplars"]] == ["Nguyễn Văn An", "Trần Thị Bích"]
    assert {e["subject_kind"] for e in created["exemplars"]} == {"individual"}
    assert {d["format"] for d in created["documents"]} == {"docx", "pdf", "zip"}
    url = f"/api/proposals/{created['id']}"
    response = client.post(f"{url}/send", content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "sent"
    assert {e["status"] for e in response.json()["exemplars"]} == {"proposed"}

    review_round = parent_round(tree, receiver)
    client.force_login(receiver)
    inbox = client.get("/api/proposals", {"box": "inbox", "status": "sent"}).json()
    assert inbox["count"] == 1 and inbox["items"][0]["id"] == created["id"]
    assert inbox["items"][0]["from_unit_name"] == "Sở Nội vụ"
    response = client.post(f"{url}/accept", {"round_id": review_round.pk}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["round_id"]) == ("accepted", review_round.pk)
    assert {c.exemplar_id for c in review_round.candidates.all()} == {e.pk for e in two}


def test_api_return_needs_a_reason(client, tree, sender, receiver, two, english):
    proposal = sent(tree, sender, list(two))
    client.force_login(receiver)
    url = f"/api/proposals/{proposal.pk}/return"
    response = client.post(url, {"reason": "  "}, content_type=JSON)
    assert response.status_code == 400
    assert "Give the reason for returning" in response.json()["detail"]
    response = client.post(url, {"reason": "Thiếu biên bản"}, content_type=JSON)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["return_reason"]) == (
        "returned",
        "Thiếu biên bản",
    )
    assert {e["status"] for e in response.json()["exemplars"]} == {ExemplarStatus.RECOGNISED}


def test_api_bad_drafts_are_refused(client, tree, plan, sender, two, english):
    client.force_login(sender)
    none = client.post("/api/proposals", _body(tree, []), content_type=JSON)
    assert none.status_code == 400 and "at least one" in none.json()["detail"]
    below = client.post(
        "/api/proposals", _body(tree, two, to_unit_id=tree["own_child"].pk), content_type=JSON
    )
    assert below.status_code == 400 and "unit above" in below.json()["detail"]
    stranger = recognised(tree, plan, sender, "Lê Văn Cường", unit="own")[0]
    elsewhere = client.post(
        "/api/proposals",
        _body(tree, [stranger], from_unit_id=tree["own_child"].pk),
        content_type=JSON,
    )
    assert elsewhere.status_code == 400 and "not recognised" in elsewhere.json()["detail"]
    outside = client.post(
        "/api/proposals", _body(tree, two, from_unit_id=tree["outside"].pk), content_type=JSON
    )
    assert outside.status_code == 400
    assert not Proposal.objects.exists()


def test_api_send_needs_number_then_never_changes(client, tree, sender, two, english):
    proposal = draft(tree, sender, list(two), number="")
    client.force_login(sender)
    url = f"/api/proposals/{proposal.pk}"
    response = client.post(f"{url}/send", content_type=JSON)
    assert response.status_code == 400 and "number and date" in response.json()["detail"]
    patched = client.patch(
        url, {"number": "41/TTr-SNV", "exemplar_ids": [two[0].pk]}, content_type=JSON
    )
    assert patched.status_code == 200, patched.content
    assert (patched.json()["number"], patched.json()["exemplar_count"]) == ("41/TTr-SNV", 1)
    assert client.post(f"{url}/send", content_type=JSON).status_code == 200
    again = client.patch(url, {"summary": "đổi"}, content_type=JSON)
    assert again.status_code == 400
    proposal.refresh_from_db()
    assert proposal.summary == "" and proposal.status == ProposalStatus.SENT


def test_api_accept_checks_round_and_receiver(client, tree, sender, receiver, two, english):
    proposal = sent(tree, sender, list(two))
    url = f"/api/proposals/{proposal.pk}/accept"
    own_round = parent_round(tree, receiver, name="Đợt 1")
    client.force_login(sender)
    assert client.post(url, {"round_id": own_round.pk}, content_type=JSON).status_code == 403
    client.force_login(receiver)
    wrong = client.post(url, {"round_id": 999999}, content_type=JSON)
    assert wrong.status_code == 400 and "review rounds" in wrong.json()["detail"]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT


@pytest.mark.parametrize("unit", ["sibling", "outside"])
def test_api_other_units_see_nothing(client, tree, sender, two, unit):
    proposal = sent(tree, sender, list(two))
    client.force_login(factories.user_with_role(Role.SYNTHESIS, tree[unit]))
    assert client.get("/api/proposals").json()["count"] == 0
    assert client.get(f"/api/proposals/{proposal.pk}").status_code == 404
    body = {"reason": "Không"}
    assert (
        client.post(f"/api/proposals/{proposal.pk}/return", body, content_type=JSON).status_code
        == 404
    )


def test_api_list_boxes_and_status(client, tree, sender, receiver, two):
    sent(tree, sender, [two[0]], number="1/TTr")
    draft(tree, sender, [two[1]], number="2/TTr")
    client.force_login(sender)
    assert client.get("/api/proposals", {"box": "sent"}).json()["count"] == 2
    assert client.get("/api/proposals", {"box": "inbox"}).json()["count"] == 0
    drafts = client.get("/api/proposals", {"status": "draft"}).json()
    assert [p["number"] for p in drafts["items"]] == ["2/TTr"]
    client.force_login(receiver)
    assert client.get("/api/proposals", {"box": "inbox"}).json()["count"] == 1  # no drafts
    assert client.get("/api/proposals", {"box": "wrong"}).status_code == 422
