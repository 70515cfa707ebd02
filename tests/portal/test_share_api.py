"""The public REST API (/api/public/): published content only, no sign-in, bounded queries."""

import pytest

from guongsang.portal.sharing import canonical_path, short_path
from guongsang.stories.enums import StoryStatus
from tests.portal.share_support import (
    SHARE_URLS,
    XSS,
    content_fixture,  # noqa: F401
    event_create,
    exemplar_create,
    plan_fixture,  # noqa: F401
    profile_create,
    query_count,
    replication_create,
    story_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SHARE_URLS)]
BASE = "http://testserver"


def _items(client, path, **params) -> list[dict]:
    response = client.get(f"/api/public/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def _ids(client, path, **params) -> set[int]:
    return {item["id"] for item in _items(client, path, **params)}


def test_public_endpoints_need_no_sign_in_while_the_others_still_do(client, content):
    for path in ("sections", "profiles", "stories", "events", "replications"):
        assert client.get(f"/api/public/{path}").status_code == 200
    assert client.get("/api/units").status_code == 401
    assert client.get("/api/exemplars").status_code == 401


def test_openapi_lists_the_public_endpoints_without_security(client, db):
    schema = client.get("/api/openapi.json").json()

    public = {
        path: item for path, item in schema["paths"].items() if path.startswith("/api/public/")
    }
    assert set(public) == {
        "/api/public/sections",
        "/api/public/profiles",
        "/api/public/profiles/{profile_id}",
        "/api/public/stories",
        "/api/public/stories/{story_id}",
        "/api/public/events",
        "/api/public/events/{event_id}",
        "/api/public/replications",
    }
    for item in public.values():
        assert "security" not in item["get"]
        assert item["get"]["tags"] == ["public"]
    assert schema["paths"]["/api/units"]["get"]["security"]


def test_profiles_are_the_public_ones(client, content):
    profiles = content["profiles"]

    items = _items(client, "profiles")

    assert {item["id"] for item in items} == {
        profiles[k].pk for k in ("collective", "person", "elsewhere")
    }
    person = next(item for item in items if item["id"] == profiles["person"].pk)
    assert person["name"] == "Nguyễn Thị Hoa"
    assert person["url"] == BASE + canonical_path("profile", profiles["person"])
    assert person["short_url"] == BASE + short_path("profile", profiles["person"].pk)
    assert not {"consent_note", "consent_given", "email", "phone", "person_id"} & set(person)


@pytest.mark.parametrize("key", ["unconsented", "draft", "withdrawn", "scheduled"])
def test_hidden_profile_detail_is_404(client, content, key):
    assert client.get(f"/api/public/profiles/{content['profiles'][key].pk}").status_code == 404


def test_profile_detail_has_the_public_summary(client, content):
    profile = content["profiles"]["person"]

    response = client.get(f"/api/public/profiles/{profile.pk}")

    assert response.status_code == 200
    assert response.json()["headline"] == "Gương sáng Nguyễn Thị Hoa"
    assert response.json()["video_urls"] == []


def test_profile_search_ignores_accents(client, content):
    profiles = content["profiles"]

    assert _ids(client, "profiles", q="nguyen thi hoa") == {profiles["person"].pk}
    assert _ids(client, "profiles", q="NGUYỄN hoa") == {profiles["person"].pk}
    assert _ids(client, "profiles", q="le van kin") == set()  # no consent: never found


def test_profile_filters(client, tree, content):
    profiles = content["profiles"]

    assert _ids(client, "profiles", unit=tree["own"].pk) == {
        profiles["collective"].pk,
        profiles["person"].pk,
    }
    assert _ids(client, "profiles", field="giao-duc") == {profiles["collective"].pk}
    assert _ids(client, "profiles", year=2023) == set()
    assert client.get("/api/public/profiles", {"unit": 999999}).status_code == 400


def test_stories_are_the_public_ones(client, content):
    stories, profiles = content["stories"], content["profiles"]

    items = _items(client, "stories")

    assert {item["id"] for item in items} == {
        stories[k].pk for k in ("public", "child", "hidden_section", "elsewhere")
    }
    story = next(item for item in items if item["id"] == stories["public"].pk)
    assert story["exemplar_ids"] == [profiles["person"].exemplar_id]
    assert story["section"] == "giao-duc"


@pytest.mark.parametrize("key", ["draft", "in_review", "scheduled", "archived"])
def test_hidden_story_detail_is_404(client, content, key):
    assert client.get(f"/api/public/stories/{content['stories'][key].pk}").status_code == 404


def test_story_filters_and_search(client, tree, content):
    stories = content["stories"]

    assert _ids(client, "stories", q="co giao vung cao") == {stories["public"].pk}
    assert _ids(client, "stories", section="giao-duc") == {stories["public"].pk}
    assert _ids(client, "stories", unit=tree["own_child"].pk) == {stories["child"].pk}
    exemplar = content["profiles"]["person"].exemplar_id
    assert _ids(client, "stories", exemplar=exemplar) == {stories["public"].pk}


def test_story_detail_gives_the_sanitised_body(client, content):
    story = content["stories"]["public"]

    response = client.get(f"/api/public/stories/{story.pk}")

    assert response.json()["body_html"] == "<p>Nội dung &amp; hình ảnh</p>"
    assert response.json()["excerpt"] == "Tóm tắt Cô giáo vùng cao"


def test_events_and_replications_are_the_public_ones(client, content):
    events, replications = content["events"], content["replications"]

    assert _ids(client, "events") == {events["public"].pk, events["cancelled"].pk}
    assert _ids(client, "events", status="cancelled") == {events["cancelled"].pk}
    assert client.get(f"/api/public/events/{events['private'].pk}").status_code == 404
    detail = client.get(f"/api/public/events/{events['public'].pk}").json()
    assert detail["ics_url"] == f"{BASE}/cong-thong-tin/su-kien/{events['public'].pk}.ics"
    assert "participants" not in detail
    assert _ids(client, "replications") == {replications["public"].pk}


def test_api_returns_names_as_data_not_markup(client, tree, plan):
    profile_create(exemplar_create(plan, tree["own"], kind="individual", name=XSS),
                   consent_given=True)  # fmt: skip

    response = client.get("/api/public/profiles")

    assert response["Content-Type"].startswith("application/json")
    assert response.json()["items"][0]["name"] == XSS


def _add(tree, plan, count):
    for _ in range(count):
        exemplar = exemplar_create(plan, tree["own"])
        exemplar.fields.create(code=f"f{exemplar.pk}", name=f"Lĩnh vực {exemplar.pk}")
        profile_create(exemplar)
        story_create(tree["own"], exemplars=[exemplar])
        story_create(tree["own"], status=StoryStatus.DRAFT)
        event_create(tree["own"])
        replication_create(exemplar, tree["sibling"])


@pytest.mark.parametrize("path", ["sections", "profiles", "stories", "events", "replications"])
def test_list_queries_do_not_grow_with_the_rows(client, tree, plan, path):
    _add(tree, plan, 1)
    one = query_count(client, f"/api/public/{path}")
    _add(tree, plan, 9)

    assert query_count(client, f"/api/public/{path}") == one
