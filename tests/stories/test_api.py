"""The editorial API: same scope, rules and services as the pages."""

import datetime

import pytest
from django.utils import timezone

from guongsang.stories.enums import StoryStatus
from guongsang.stories.models import ExemplarProfile, Story
from tests.api.conftest import token_client
from tests.stories.conftest import image_bytes, published_story, story_create, upload
from tests.stories.test_moderation import comment_on, report_on

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_story_workflow_through_the_api(client, tree, editor, person_exemplar, english):
    client.force_login(editor)
    body = {
        "unit_id": tree["own_child"].pk,
        "title": "Gương sáng <script>alert(1)</script>",
        "body": '<p onclick="x">Nội dung</p><img src=x onerror=alert(1)>',
        "exemplar_ids": [person_exemplar.pk],
    }
    response = client.post("/api/stories", body, content_type=JSON)
    assert response.status_code == 201, response.content
    story = response.json()
    assert (story["title"], story["body"], story["status"]) == (
        "Gương sáng",
        "<p>Nội dung</p>",
        "draft",
    )
    assert story["exemplar_ids"] == [person_exemplar.pk]
    url = f"/api/stories/{story['id']}"

    response = client.patch(url, {"lead": "Lời dẫn"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["lead"] == "Lời dẫn"
    assert client.post(f"{url}/submit").json()["status"] == "in_review"
    response = client.post(f"{url}/approve")
    assert response.status_code == 400
    assert "No consent to publish personal data" in response.json()["detail"]

    profile = client.post(
        "/api/profiles",
        {"exemplar_id": person_exemplar.pk, "headline": "Cô giáo"},
        content_type=JSON,
    ).json()
    response = client.post(
        f"/api/profiles/{profile['id']}/consent",
        {"given": True, "note": "Phiếu đồng ý"},
        content_type=JSON,
    )
    assert response.json()["consent_given"] is True
    response = client.post(f"{url}/approve")
    assert response.status_code == 200 and response.json()["status"] == "published"
    response = client.post(f"{url}/return", {"reason": "Sửa lỗi"}, content_type=JSON)
    assert response.json()["status"] == "draft"


def test_story_list_scope_and_filters(client, tree, editor, outside_editor):
    mine = story_create(tree["own_child"], editor, title="Khánh Hòa")
    published_story(tree["sibling"], outside_editor)
    client.force_login(editor)

    response = client.get("/api/stories")
    assert [s["id"] for s in response.json()["items"]] == [mine.pk]
    assert client.get("/api/stories", {"q": "khanh"}).json()["count"] == 1
    assert client.get("/api/stories", {"status": "published"}).json()["count"] == 0


def test_out_of_scope_and_roles(client, tree, editor, officer, outside_editor):
    story = story_create(tree["sibling"], outside_editor)
    client.force_login(editor)
    assert client.get(f"/api/stories/{story.pk}").status_code == 404
    assert client.post(f"/api/stories/{story.pk}/submit").status_code == 404
    response = client.post(
        "/api/stories", {"unit_id": tree["sibling"].pk, "title": "x"}, content_type=JSON
    )
    assert response.status_code == 400

    mine = story_create(tree["own_child"], editor)
    client.force_login(officer)
    assert client.get(f"/api/stories/{mine.pk}").status_code == 200
    assert client.post(f"/api/stories/{mine.pk}/submit").status_code == 403
    response = client.post(
        "/api/stories", {"unit_id": tree["own"].pk, "title": "x"}, content_type=JSON
    )
    assert response.status_code == 403
    assert Story.objects.count() == 2


def test_schedule_and_token_auth(tree, editor):
    story = story_create(tree["own_child"], editor)
    api = token_client(editor)
    when = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)

    response = api.post(
        f"/api/stories/{story.pk}/schedule", {"publish_at": when.isoformat()}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    api.post(f"/api/stories/{story.pk}/submit")
    response = api.post(f"/api/stories/{story.pk}/approve")
    assert response.json()["status"] == StoryStatus.PUBLISHED
    assert datetime.datetime.fromisoformat(response.json()["published_at"]) == when


def test_image_upload(client, tree, editor, english):
    story = story_create(tree["own_child"], editor)
    client.force_login(editor)

    response = client.post(
        f"/api/stories/{story.pk}/images", {"file": upload(b"GIF89a....", "a.gif"), "alt": "x"}
    )
    assert response.status_code == 400 and "only those are accepted" in response.json()["detail"]
    response = client.post(
        f"/api/stories/{story.pk}/images", {"file": upload(image_bytes()), "alt": "Ảnh lớp học"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["alt"] == "Ảnh lớp học" and response.json()["width"] == 800
    assert client.get(f"/api/stories/{story.pk}").json()["images"][0]["id"] == response.json()["id"]


def test_profiles_publish_feature_withdraw(client, editor, collective_exemplar, sibling_exemplar):
    client.force_login(editor)
    response = client.post(
        "/api/profiles",
        {"exemplar_id": collective_exemplar.pk, "video_urls": ["https://youtu.be/x"]},
        content_type=JSON,
    )
    profile = response.json()
    assert profile["consent_needed"] is False and profile["video_urls"] == ["https://youtu.be/x"]
    url = f"/api/profiles/{profile['id']}"
    assert client.post(f"{url}/publish").status_code == 400  # no headline nor summary yet
    client.patch(url, {"headline": "Tập thể tiêu biểu"}, content_type=JSON)
    assert client.post(f"{url}/publish").json()["status"] == "published"
    assert client.post(f"{url}/feature", {"featured": True}, content_type=JSON).json()[
        "is_featured"
    ]
    response = client.post(f"{url}/withdraw", {"reason": "Cập nhật"}, content_type=JSON)
    assert response.json()["status"] == "withdrawn"
    assert [p["id"] for p in client.get("/api/profiles").json()["items"]] == [profile["id"]]

    response = client.post(
        "/api/profiles", {"exemplar_id": sibling_exemplar.pk, "headline": "x"}, content_type=JSON
    )
    assert response.status_code == 400
    assert not ExemplarProfile.objects.filter(exemplar=sibling_exemplar).exists()


def test_moderation_api(client, tree, editor, outside_editor, officer):
    story = published_story(tree["own_child"], editor)
    comment = comment_on(story)
    theirs = comment_on(published_story(tree["sibling"], outside_editor))
    report = report_on(story)
    client.force_login(editor)

    assert [c["id"] for c in client.get("/api/comments").json()["items"]] == [comment.pk]
    assert client.post(f"/api/comments/{comment.pk}/publish").json()["status"] == "published"
    assert client.get("/api/comments").json()["count"] == 0
    assert client.post(f"/api/comments/{theirs.pk}/reject").status_code == 404
    assert client.post(f"/api/comments/{comment.pk}/reject").json()["status"] == "rejected"

    assert [r["id"] for r in client.get("/api/error-reports").json()["items"]] == [report.pk]
    response = client.post(
        f"/api/error-reports/{report.pk}/answer",
        {"status": "dismissed", "answer": "Nội dung đúng theo quyết định."},
        content_type=JSON,
    )
    assert response.json()["status"] == "dismissed"

    client.force_login(officer)
    assert client.get("/api/comments").status_code == 403
    assert client.get("/api/error-reports").status_code == 403


def test_list_queries_bounded(client, tree, editor, django_assert_max_num_queries):
    for _i in range(3):
        published_story(tree["own_child"], editor)
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        assert client.get("/api/stories").json()["count"] == 3
