"""The councils and rounds API: same rules and services as the pages; out of reach is 404."""

import pytest

from guongsang.orgs.enums import Role
from guongsang.reviews.models import Candidate, Council, CouncilMember, ReviewRound
from tests import factories
from tests.reviews.conftest import DAY, close, member_user, opened_round, person_in, proposed

JSON = "application/json"


def test_api_council_and_members(client, tree, synthesis):
    client.force_login(synthesis)
    body = {"unit_id": tree["own"].pk, "name": "Hội đồng TĐKT", "valid_from": "2024-01-01"}
    response = client.post("/api/councils", body, content_type=JSON)
    assert response.status_code == 201
    council_id = response.json()["id"]
    assert response.json()["unit_name"] == "Sở Nội vụ"
    person = factories.person_create("Đỗ Văn Chủ", unit=tree["own"])
    member = {"person_id": person.pk, "role": "chair"}
    response = client.post(f"/api/councils/{council_id}/members", member, content_type=JSON)
    assert response.status_code == 201
    assert response.json()["role"] == "chair"
    listed = client.get(f"/api/councils/{council_id}/members").json()
    assert [(m["full_name"], m["valid_from"]) for m in listed] == [("Đỗ Văn Chủ", "2024-01-01")]
    body["unit_id"] = tree["sibling"].pk
    assert client.post("/api/councils", body, content_type=JSON).status_code == 400
    assert Council.objects.count() == 1
    assert CouncilMember.objects.count() == 1


def test_api_round_flow(client, tree, plan, council, synthesis):
    exemplars = [proposed(person_in(tree["own"]), plan, synthesis) for _ in range(2)]
    client.force_login(synthesis)
    title = factories.title("cstd-co-so")
    body = {"council_id": council.pk, "name": "Đợt 2024", "year": 2024, "level": "unit",
            "title_id": title.pk}  # fmt: skip
    response = client.post("/api/review-rounds", body, content_type=JSON)
    assert response.status_code == 201
    created = response.json()
    assert (created["threshold_percent"], created["requires_vote"], created["status"]) == (
        80, True, "draft",
    )  # fmt: skip
    rid = created["id"]
    ids = {"exemplar_ids": [e.pk for e in exemplars]}
    response = client.post(f"/api/review-rounds/{rid}/candidates", ids, content_type=JSON)
    assert response.status_code == 201
    assert len(response.json()) == 2
    assert client.post(f"/api/review-rounds/{rid}/open").json()["status"] == "open"
    crit = client.post(
        f"/api/review-rounds/{rid}/criteria", {"name": "Thành tích", "weight": "2"},
        content_type=JSON,
    ).json()  # fmt: skip
    assert (crit["max_score"], float(crit["weight"])) == (10, 2.0)
    member, _ = member_user(council, synthesis)
    cid = Candidate.objects.filter(round_id=rid).order_by("pk").first().pk
    client.force_login(member)
    scores = {"scores": [{"criterion_id": crit["id"], "value": 8}]}
    url = f"/api/review-rounds/{rid}/candidates/{cid}"
    response = client.put(f"{url}/scores", scores, content_type=JSON)
    assert (response.status_code, float(response.json()["score"])) == (200, 8.0)
    bad = {"scores": [{"criterion_id": crit["id"], "value": 11}]}
    assert client.put(f"{url}/scores", bad, content_type=JSON).status_code == 400
    assert client.post(f"{url}/comments", {"text": "Đồng ý"}, content_type=JSON).status_code == 201
    assert [c["text"] for c in client.get(f"{url}/comments").json()] == ["Đồng ý"]
    ranked = client.get(f"/api/review-rounds/{rid}/candidates").json()["items"]
    assert ranked[0]["id"] == cid
    assert client.post(f"{url}/outcome", {"outcome": "pass"}, content_type=JSON).status_code == 403
    client.force_login(synthesis)
    assert client.get(f"{url}/comments").status_code == 403
    response = client.post(f"{url}/outcome", {"outcome": "fail"}, content_type=JSON)
    assert response.status_code == 400
    body = {"candidate_ids": [cid], "outcome": "fail", "reason": "Chưa đạt"}
    response = client.post(f"/api/review-rounds/{rid}/outcomes", body, content_type=JSON)
    assert response.json()[0]["outcome"] == "fail"
    export = client.get(f"/api/review-rounds/{rid}/export")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    close(ReviewRound.objects.get(pk=rid))
    patch = client.patch(f"/api/review-rounds/{rid}", {"name": "Khác"}, content_type=JSON)
    assert patch.status_code == 400
    assert ReviewRound.objects.get(pk=rid).name == "Đợt 2024"


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.COUNCIL, Role.EDITOR])
def test_api_round_hidden_from_others(client, tree, plan, council, synthesis, role):
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    review_round = opened_round(council, synthesis, [exemplar])
    candidate = review_round.candidates.get()
    client.force_login(factories.user_with_role(role, tree["own"]))
    assert client.get("/api/review-rounds").json()["items"] == []
    assert client.get("/api/councils").json()["items"] == []
    base = f"/api/review-rounds/{review_round.pk}"
    for url in (base, f"{base}/candidates", f"{base}/candidates/{candidate.pk}/comments"):
        assert client.get(url).status_code == 404, url


def test_api_member_sees_their_council_only(client, tree, plan, council, synthesis):
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    review_round = opened_round(council, synthesis, [exemplar])
    other = factories.user_with_role(Role.SYNTHESIS, tree["sibling"])
    other_council = Council.objects.create(unit=tree["sibling"], name="HĐ khác", valid_from=DAY)
    ReviewRound.objects.create(
        council=other_council, name="Đợt khác", year=2024, level="unit", created_by=other
    )
    member, _ = member_user(council, synthesis, unit=tree["outside"])
    client.force_login(member)
    assert [r["name"] for r in client.get("/api/review-rounds").json()["items"]] == [
        review_round.name
    ]
