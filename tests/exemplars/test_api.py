"""The exemplars API: same scope, rules and services as the pages."""

from django.core.files.uploadedfile import SimpleUploadedFile

from guongsang.exemplars.models import Evidence, Exemplar
from guongsang.orgs.enums import Role
from tests import factories
from tests.exemplars.conftest import exemplar_register


def _body(plan, **extra):
    return {"plan_id": plan.pk, "year": 2024, **extra}


def test_api_register_then_duplicate_409_then_confirm(client, tree, plan, officer):
    client.force_login(officer)
    person = factories.person_create("Nguyễn Thị Lan", unit=tree["own"])
    body = _body(plan, subject_kind="individual", subject_id=person.pk, summary="Tốt")
    response = client.post("/api/exemplars", body, content_type="application/json")
    assert response.status_code == 201
    first = response.json()
    assert (first["subject_name"], first["origin"], first["status"]) == (
        "Nguyễn Thị Lan",
        "registered",
        "registered",
    )
    response = client.post("/api/exemplars", body, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["duplicates"] == [first["id"]]
    body["confirm_duplicate"] = True
    assert client.post("/api/exemplars", body, content_type="application/json").status_code == 201


def test_api_register_outside_scope_is_400(client, tree, plan, officer):
    client.force_login(officer)
    stranger = factories.person_create(unit=tree["sibling"])
    body = _body(plan, subject_kind="individual", subject_id=stranger.pk)
    assert client.post("/api/exemplars", body, content_type="application/json").status_code == 400
    assert not Exemplar.objects.exists()


def test_api_bulk_and_nominate(client, tree, plan, officer):
    client.force_login(officer)
    people = [factories.person_create(unit=tree["own"]) for _ in range(2)]
    subjects = [{"subject_kind": "individual", "subject_id": p.pk} for p in people]
    response = client.post(
        "/api/exemplars/bulk", _body(plan, subjects=subjects), content_type="application/json"
    )
    assert response.status_code == 201
    assert len(response.json()) == 2
    body = _body(
        plan, subject_kind="collective", subject_id=tree["own_child"].pk, discovery_kind="new_model"
    )
    response = client.post("/api/exemplars/nominate", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["discovery_kind"] == "new_model"


def test_api_transitions_follow_rules(client, tree, plan, officer, head):
    exemplar = exemplar_register(tree["own"], plan, officer)
    client.force_login(officer)
    url = f"/api/exemplars/{exemplar.pk}/transitions"
    assert (
        client.post(f"{url}/start_nurturing", {}, content_type="application/json").json()["status"]
        == "nurturing"
    )
    assert client.post(f"{url}/propose", {}, content_type="application/json").status_code == 403
    response = client.post(f"{url}/start_nurturing", {}, content_type="application/json")
    assert response.status_code == 400
    client.force_login(head)
    response = client.post(f"{url}/propose", {}, content_type="application/json")
    assert response.json()["status"] == "proposed"
    assert [c["to_status"] for c in response.json()["status_changes"]] == [
        "registered",
        "nurturing",
        "proposed",
    ]


def test_api_detail_out_of_scope_404(client, tree, plan, officer):
    exemplar = exemplar_register(tree["own"], plan, officer)
    client.force_login(factories.user_with_role(Role.OFFICER, tree["sibling"]))
    assert client.get(f"/api/exemplars/{exemplar.pk}").status_code == 404
    assert client.get("/api/exemplars").json()["count"] == 0


def test_api_summary_nurturing_and_evidence(client, tree, plan, officer):
    exemplar = exemplar_register(tree["own"], plan, officer)
    mentor = factories.person_create(unit=tree["own"])
    client.force_login(officer)
    base = f"/api/exemplars/{exemplar.pk}"
    response = client.patch(
        f"{base}/summary",
        {"summary": "Dẫn đầu", "key_achievements": [{"year": 2023, "text": "Cờ thi đua"}]},
        content_type="application/json",
    )
    assert response.json()["key_achievements"] == [{"year": 2023, "text": "Cờ thi đua"}]
    response = client.put(
        f"{base}/nurturing-plan",
        {"support_kinds": ["training", "moral"], "mentor_id": mentor.pk, "weaknesses": "Ít"},
        content_type="application/json",
    )
    assert response.json()["support_kinds"] == ["moral", "training"]
    response = client.post(
        f"{base}/checkpoints",
        {"description": "Sơ kết", "due_date": "2024-06-30"},
        content_type="application/json",
    )
    assert response.status_code == 201
    note = client.post(f"{base}/notes", {"text": "Tiến bộ"}, content_type="application/json")
    assert note.status_code == 201
    bad = {"effect": 6, "efficiency": 3, "potential": 3, "influence": 3}
    assert (
        client.post(f"{base}/evaluations", bad, content_type="application/json").status_code == 422
    )
    good = {**bad, "effect": 5, "comment": "Lan tỏa"}
    assert (
        client.post(f"{base}/evaluations", good, content_type="application/json").status_code == 201
    )
    fake = SimpleUploadedFile("anh.png", b"not a png")
    response = client.post(f"{base}/evidence", {"file": fake, "kind": "photo"})
    assert response.status_code == 400
    assert not Evidence.objects.exists()
    real = SimpleUploadedFile("qd.pdf", b"%PDF-1.4 test")
    response = client.post(f"{base}/evidence", {"file": real, "kind": "decision"})
    assert response.status_code == 201
    assert response.json()["original_name"] == "qd.pdf"


def test_api_my_exemplars_and_notifications(client, tree, plan, officer, head):
    from guongsang.exemplars import services

    exemplar = exemplar_register(tree["own"], plan, officer)
    services.exemplar_start_nurturing(exemplar=exemplar, actor=officer)
    services.exemplar_propose(exemplar=exemplar, actor=head)
    client.force_login(officer)
    assert [e["id"] for e in client.get("/api/exemplars/mine").json()["items"]] == [exemplar.pk]
    items = client.get("/api/notifications?unread=true").json()["items"]
    assert len(items) == 1
    response = client.post(f"/api/notifications/{items[0]['id']}/read")
    assert response.json()["read_at"] is not None
    assert client.get("/api/notifications?unread=true").json()["count"] == 0
