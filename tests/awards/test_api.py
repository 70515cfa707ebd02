"""The awards API: same scope, rules and services as the pages."""

import pytest

from guongsang.awards.models import Decision
from guongsang.orgs.enums import Role
from tests import factories
from tests.awards.conftest import DAY, draft

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _create_body(tree, **extra):
    return {
        "authority_id": tree["own"].pk,
        "kind": "commendation",
        "title_id": factories.title("giay-khen-ca-nhan").pk,
        "year": 2024,
        "number": "30/QĐ-SNV",
        "date": DAY.isoformat(),
        "signer_name": "Trần Văn Ký",
        "signer_title": "Giám đốc",
        **extra,
    }


def test_api_draft_add_issue_then_immutable(client, tree, synthesis, fund, english):
    client.force_login(synthesis)
    response = client.post("/api/decisions", _create_body(tree), content_type=JSON)
    assert response.status_code == 201, response.content
    decision = response.json()
    assert (decision["status"], decision["authority_name"]) == ("draft", "Sở Nội vụ")
    person = factories.person_create("Vũ Thị Mai", unit=tree["own_child"])
    url = f"/api/decisions/{decision['id']}"
    body = {"subject_kind": "individual", "subject_id": person.pk}
    response = client.post(f"{url}/recipients", body, content_type=JSON)
    assert response.status_code == 201, response.content
    assert [(r["name"], r["amount"]) for r in response.json()["recipients"]] == [
        ("Vũ Thị Mai", "702000")
    ]
    response = client.post(f"{url}/issue", content_type=JSON)
    assert response.status_code == 200, response.content
    issued = response.json()
    assert issued["status"] == "issued" and issued["total_amount"] == "702000"
    assert issued["fund_state"]["balance"] == "99298000"
    assert issued["fund_state"]["reserved"] == "20000000"
    assert issued["fund_state"]["available"] == "79298000"
    assert {d["format"] for d in issued["documents"]} == {"docx", "pdf", "xlsx"}

    other = factories.person_create(unit=tree["own"])
    response = client.post(
        f"{url}/recipients",
        {"subject_kind": "individual", "subject_id": other.pk},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "is issued and cannot be changed" in response.json()["detail"]
    response = client.patch(url, {"number": "31/QĐ-SNV"}, content_type=JSON)
    assert response.status_code == 400
    recipient_id = issued["recipients"][0]["id"]
    assert client.delete(f"{url}/recipients/{recipient_id}").status_code == 400
    assert Decision.objects.get(pk=decision["id"]).number == "30/QĐ-SNV"

    response = client.post(f"{url}/correct", {"reason": "Sai tên"}, content_type=JSON)
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["corrects_id"]) == (
        "correction",
        decision["id"],
    )


def test_api_ad_hoc_needs_a_reason(client, tree, synthesis, english):
    client.force_login(synthesis)
    response = client.post("/api/decisions", _create_body(tree, kind="ad_hoc"), content_type=JSON)
    assert response.status_code == 400
    assert "Give the reason" in response.json()["detail"]
    body = _create_body(tree, kind="ad_hoc", summary="Cứu người đuối nước")
    assert client.post("/api/decisions", body, content_type=JSON).status_code == 201


def test_api_outside_authority_is_400_and_hidden(client, tree, synthesis):
    hidden = draft(tree["sibling"], factories.user_with_role(Role.SYNTHESIS, tree["sibling"]))
    client.force_login(synthesis)
    body = _create_body(tree, authority_id=tree["sibling"].pk)
    assert client.post("/api/decisions", body, content_type=JSON).status_code == 400
    assert client.get(f"/api/decisions/{hidden.pk}").status_code == 404
    assert client.get("/api/decisions").json()["items"] == []


def test_api_officer_cannot_draft(client, tree):
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    assert client.post("/api/decisions", _create_body(tree), content_type=JSON).status_code == 403


def test_api_funds_show_balance(client, tree, synthesis, fund):
    client.force_login(synthesis)
    items = client.get("/api/funds").json()["items"]
    assert [(f["unit_name"], f["balance"], f["available"]) for f in items] == [
        ("Sở Nội vụ", "100000000", "80000000")
    ]
    assert client.get(f"/api/funds/{fund.pk}").json()["reserved"] == "20000000"


def test_api_document_download(client, tree, synthesis, fund):
    client.force_login(synthesis)
    decision = draft(tree["own"], synthesis)
    response = client.get(f"/api/decisions/{decision.pk}/documents/quyet-dinh.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
