"""The propagation API: the same scope, rules and refusals as the pages."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guongsang.orgs.enums import Role
from guongsang.plans.models import Milestone, Quota
from guongsang.propagation.models import Event, PropagationActivity, Replication
from tests import factories
from tests.api.conftest import token_client
from tests.propagation.conftest import TODAY, activity, event, exemplar_in, plan_for, replication

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def api(officer):
    return token_client(officer)


# Activities ---------------------------------------------------------------------------------


def test_activity_create_list_and_update(tree, api):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    created = _post(api, "/api/propagation/activities", {
        "unit_id": tree["own_child"].pk, "date": TODAY.isoformat(), "channel": "radio_tv",
        "title": "Phóng sự về chị Hoa", "reach": 50000, "exemplar_ids": [hoa.pk],
    })  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["unit_name"], body["reach"]) == ("Phòng Thi đua - Khen thưởng", 50000)
    assert [e["subject_name"] for e in body["exemplars"]] == ["Nguyễn Thị Hoa"]

    activity(tree["sibling"], "Của Sở Y tế")
    listed = api.get("/api/propagation/activities", {"q": "phong su ve chi hoa"}).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert api.get("/api/propagation/activities").json()["count"] == 1

    changed = _patch(
        api, f"/api/propagation/activities/{body['id']}", {"reach": None, "outlet": "VTV1"}
    )
    assert changed.status_code == 200
    assert (changed.json()["reach"], changed.json()["outlet"]) == (None, "VTV1")
    assert [e["id"] for e in changed.json()["exemplars"]] == [hoa.pk]


def test_activity_refusals(tree, api, settings):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    future = (TODAY + datetime.timedelta(days=2)).isoformat()
    base = {
        "unit_id": tree["own"].pk,
        "date": TODAY.isoformat(),
        "channel": "press",
        "title": "Bài",
    }

    assert _post(api, "/api/propagation/activities", {**base, "date": future}).json() == {
        "detail": "The date is in the future: log an activity once it has taken place."
    }
    sibling = _post(api, "/api/propagation/activities", {**base, "unit_id": tree["sibling"].pk})
    assert sibling.status_code == 400
    negative = _post(api, "/api/propagation/activities", {**base, "reach": -1})
    assert negative.status_code == 422
    elsewhere = exemplar_in(tree["outside"])
    foreign = _post(api, "/api/propagation/activities", {**base, "exemplar_ids": [elsewhere.pk]})
    assert foreign.status_code == 400
    assert not PropagationActivity.objects.exists()
    hidden = activity(tree["sibling"])
    assert api.get(f"/api/propagation/activities/{hidden.pk}").status_code == 404
    assert (
        _patch(api, f"/api/propagation/activities/{hidden.pk}", {"title": "x"}).status_code == 404
    )


def test_roles_on_the_api(tree):
    mine = activity(tree["own"])
    head = token_client(factories.user_with_role(Role.HEAD, tree["own"]))
    assert head.get(f"/api/propagation/activities/{mine.pk}").status_code == 200
    assert _patch(head, f"/api/propagation/activities/{mine.pk}", {"title": "x"}).status_code == 403
    staff = token_client(factories.user_with_role(Role.STAFF, tree["own"]))
    assert staff.get("/api/propagation/activities").status_code == 403
    created = _post(staff, "/api/propagation/activities", {
        "unit_id": tree["own"].pk, "date": TODAY.isoformat(), "channel": "press", "title": "x",
    })  # fmt: skip
    assert created.status_code == 403


def test_activity_list_query_count(tree, api):
    activity(tree["own"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/propagation/activities").status_code == 200
        return len(queries)

    one = count()
    hoa = exemplar_in(tree["own_child"])
    for n in range(3):
        activity(tree["own_child"], f"Bài {n}", exemplars=[hoa])
    assert count() <= one


def test_summary(tree, api):
    year = TODAY.year - 1
    plan = plan_for(tree["parent"])
    Quota.objects.create(plan=plan, title="Mỗi Sở 01 hoạt động/năm", counts="propagation")
    activity(tree["own_child"], date=datetime.date(year, 3, 1), channel="talk", reach=80)

    body = api.get("/api/propagation/summary", {"year": year, "period": "half_year"}).json()

    assert (body["unit_id"], body["year"], body["period"]) == (tree["own"].pk, year, "half_year")
    child, total = body["rows"]
    assert (child["kind"], total["kind"]) == ("child", "total")
    first_half = child["periods"][0]
    assert (first_half["period"], first_half["activities"], first_half["reach"]) == (
        f"{year}-H1", 1, 80,
    )  # fmt: skip
    assert {c["channel"]: c["activities"] for c in first_half["channels"]}["talk"] == 1
    own = total["periods"]
    assert [p["quota_met"] for p in own] == [True, True]  # the yearly quota, met in H1
    assert own[0]["quotas"][0]["state"] == "met"
    assert api.get("/api/propagation/summary", {"unit_id": tree["sibling"].pk}).status_code == 400


# Events -------------------------------------------------------------------------------------


def test_event_create_detail_update_and_status(tree, api):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    milestone = Milestone.objects.create(
        plan=plan_for(tree["parent"]), kind="congress", title="Đại hội điển hình",
        due_date=TODAY + datetime.timedelta(days=20),
    )  # fmt: skip
    started = timezone.now() - datetime.timedelta(hours=2)
    start = started.isoformat()
    created = _post(api, "/api/propagation/events", {
        "kind": "congress", "title": "Đại hội thi đua yêu nước", "organiser_id": tree["own"].pk,
        "start": start, "milestone_id": milestone.pk, "honoured_ids": [hoa.pk],
        "participant_unit_ids": [tree["own_child"].pk],
    })  # fmt: skip
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]
    detail = api.get(f"/api/propagation/events/{event_id}").json()
    assert [e["id"] for e in detail["honoured"]] == [hoa.pk]
    assert detail["plan_id"] == milestone.plan_id and detail["milestone_done_on"] is None

    changed = _patch(api, f"/api/propagation/events/{event_id}", {"participant_count": 150})
    assert changed.json()["participant_count"] == 150
    assert [u["id"] for u in changed.json()["participant_units"]] == [tree["own_child"].pk]

    held = _post(api, f"/api/propagation/events/{event_id}/status", {"status": "held"})
    assert held.json()["status"] == "held"
    assert held.json()["milestone_done_on"] == timezone.localdate(started).isoformat()
    again = _post(api, f"/api/propagation/events/{event_id}/status", {"status": "cancelled"})
    assert again.status_code == 400
    assert api.get("/api/propagation/events", {"status": "held"}).json()["count"] == 1


def test_event_scope_on_the_api(tree, api):
    hidden = event(tree["sibling"])
    assert api.get(f"/api/propagation/events/{hidden.pk}").status_code == 404
    assert api.get("/api/propagation/events").json()["count"] == 0
    refused = _post(api, "/api/propagation/events", {
        "kind": "study_visit", "title": "Tham quan", "organiser_id": tree["sibling"].pk,
        "start": timezone.now().isoformat(),
    })  # fmt: skip
    assert refused.status_code == 400 and not Event.objects.filter(title="Tham quan").exists()


# Replications -------------------------------------------------------------------------------


def test_replication_create_update_ranking_and_regions(tree, api):
    model = exemplar_in(tree["own_child"], "Mô hình Dân vận khéo")
    created = _post(api, "/api/propagation/replications", {
        "exemplar_id": model.pk, "unit_id": tree["own"].pk, "start": "2025-01-15",
        "beneficiaries": 250,
    })  # fmt: skip
    assert created.status_code == 201, created.content
    replication_id = created.json()["id"]
    changed = _patch(api, f"/api/propagation/replications/{replication_id}", {
        "status": "sustained", "reason": "Tổng kết năm",
    })  # fmt: skip
    assert changed.json()["status"] == "sustained"
    assert Replication.objects.get().history.first().history_change_reason == "Tổng kết năm"

    listed = api.get("/api/propagation/replications", {"exemplar_id": model.pk}).json()
    assert [item["id"] for item in listed["items"]] == [replication_id]
    ranking = api.get("/api/propagation/ranking").json()
    assert [
        (r["exemplar"]["id"], r["units"], r["sustained"], r["beneficiaries"]) for r in ranking
    ] == [
        (model.pk, 1, 1, 250),
    ]
    regions = api.get(f"/api/propagation/exemplars/{model.pk}/regions").json()
    assert [(r["name"], r["units"], [p["name"] for p in r["parts"]]) for r in regions] == [
        ("UBND tỉnh Khánh Hòa", 1, ["Sở Nội vụ"]),
    ]


def test_replication_refusals_on_the_api(tree, api):
    nurturing = exemplar_in(tree["own_child"], status="nurturing")
    refused = _post(api, "/api/propagation/replications", {
        "exemplar_id": nurturing.pk, "unit_id": tree["own"].pk, "start": "2025-01-15",
    })  # fmt: skip
    assert refused.status_code == 400
    model = exemplar_in(tree["own_child"])
    outside = replication(exemplar_in(tree["outside"], level="province"), tree["outside"])
    assert api.get(f"/api/propagation/replications/{outside.pk}").status_code == 404
    sibling = _post(api, "/api/propagation/replications", {
        "exemplar_id": model.pk, "unit_id": tree["sibling"].pk, "start": "2025-01-15",
    })  # fmt: skip
    assert sibling.status_code == 400 and not Replication.objects.filter(unit=tree["sibling"])
    hidden = exemplar_in(tree["outside"], level="unit")
    regions = api.get(f"/api/propagation/exemplars/{hidden.pk}/regions")
    assert regions.status_code == 404


def test_openapi_lists_the_propagation_endpoints(db, client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/propagation/activities", "/api/propagation/activities/{activity_id}",
        "/api/propagation/summary", "/api/propagation/events",
        "/api/propagation/events/{event_id}", "/api/propagation/events/{event_id}/status",
        "/api/propagation/replications", "/api/propagation/replications/{replication_id}",
        "/api/propagation/ranking", "/api/propagation/exemplars/{exemplar_id}/regions",
    } <= set(paths)  # fmt: skip
