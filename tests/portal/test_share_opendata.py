"""Open data: public content as paginated JSON and streamed CSV, and the index page."""

import csv
import io

import pytest

from guongsang.portal import opendata
from guongsang.portal.sharing import canonical_path, short_path
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
PRIVATE_WORDS = ["rieng-tu@example.vn", "0905000111", "079000000001", "Đồng ý bằng văn bản",
                 "Ghi chú nội bộ", "Kết quả nội bộ", "Nguyễn Văn A", "person", "household_id",
                 "consent"]  # fmt: skip


def _json(client, dataset, **params):
    response = client.get(f"/du-lieu-mo/{dataset}.json", params)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def _csv(client, dataset) -> tuple[bytes, list[dict]]:
    response = client.get(f"/du-lieu-mo/{dataset}.csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{dataset}.csv"'
    body = b"".join(response.streaming_content)
    return body, list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_profiles_are_the_public_ones_with_public_fields_only(client, content):
    profiles = content["profiles"]

    data = _json(client, "guong-dien-hinh")

    assert data["count"] == 3 and data["next"] is None
    assert {row["id"] for row in data["results"]} == {
        profiles[k].pk for k in ("collective", "person", "elsewhere")
    }
    person = next(row for row in data["results"] if row["id"] == profiles["person"].pk)
    assert person == {
        "id": profiles["person"].pk,
        "exemplar_id": profiles["person"].exemplar_id,
        "name": "Nguyễn Thị Hoa",
        "subject_kind": "individual",
        "unit_name": "Phòng Thi đua - Khen thưởng",
        "level": "",
        "fields": [],
        "year": 2024,
        "url": BASE + canonical_path("profile", profiles["person"]),
        "short_url": BASE + short_path("profile", profiles["person"].pk),
        "published_at": person["published_at"],
    }
    assert person["published_at"].endswith("+07:00")
    collective = next(row for row in data["results"] if row["id"] == profiles["collective"].pk)
    assert collective["fields"] == ["Giáo dục"]


def test_stories_are_the_public_ones_with_exemplars_that_have_a_public_profile(client, content):
    stories, profiles = content["stories"], content["profiles"]

    data = _json(client, "bai-viet")

    by_id = {row["id"]: row for row in data["results"]}
    assert set(by_id) == {stories[k].pk for k in ("public", "child", "hidden_section", "elsewhere")}
    story = by_id[stories["public"].pk]
    # The story is also about an exemplar without consent: that id is not given.
    assert story["exemplar_ids"] == [profiles["person"].exemplar_id]
    assert story["section"] == "Gương sáng giáo dục"
    assert story["url"] == BASE + canonical_path("story", stories["public"])


def test_events_are_the_public_ones(client, content):
    events = content["events"]

    data = _json(client, "su-kien")

    assert {row["id"]: row["status"] for row in data["results"]} == {
        events["public"].pk: "planned",
        events["cancelled"].pk: "cancelled",
    }
    assert set(data["results"][0]) == {c.name for c in opendata.EVENTS.columns}


def test_replications_are_those_of_public_profiles(client, content):
    replications = content["replications"]

    data = _json(client, "nhan-rong")

    assert [row["id"] for row in data["results"]] == [replications["public"].pk]
    assert data["results"][0] == {
        "id": replications["public"].pk,
        "exemplar_id": replications["public"].exemplar_id,
        "unit_id": replications["public"].unit_id,
        "unit_name": "Sở Y tế",
        "start": "2025-01-15",
        "status": "in_progress",
    }


@pytest.mark.parametrize("dataset", list(opendata.DATASETS))
def test_no_private_field_or_value_ever_appears(client, content, dataset):
    json_text = client.get(f"/du-lieu-mo/{dataset}.json").content.decode()
    csv_text, _rows = _csv(client, dataset)

    for word in PRIVATE_WORDS:
        assert word not in json_text
        assert word not in csv_text.decode()
    for hidden in ("Lê Văn Kín", "Phạm Văn Nháp", "Tập thể rút", "Tập thể hẹn giờ", "Bản nháp",
                   "Đang duyệt", "Hẹn giờ", "Lưu trữ", "Họp nội bộ"):  # fmt: skip
        assert hidden not in json_text and hidden not in csv_text.decode()


def test_json_is_paginated_with_a_next_link(client, content, monkeypatch):
    monkeypatch.setattr(opendata, "JSON_PAGE_SIZE", 2)

    first = _json(client, "bai-viet")
    second = client.get(first["next"]).json()

    assert first["count"] == 4 and first["pages"] == 2 and first["page"] == 1
    assert first["next"] == f"{BASE}/du-lieu-mo/bai-viet.json?page=2" and first["previous"] is None
    assert (
        second["next"] is None and second["previous"] == f"{BASE}/du-lieu-mo/bai-viet.json?page=1"
    )
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert len(set(ids)) == 4
    assert client.get("/du-lieu-mo/bai-viet.json", {"page": 3}).status_code == 404
    assert client.get("/du-lieu-mo/bai-viet.json", {"page": "x"}).status_code == 404


def test_empty_dataset_gives_an_empty_first_page(client, db):
    data = _json(client, "su-kien")

    assert data["count"] == 0 and data["results"] == [] and data["next"] is None


def test_csv_is_utf8_with_bom_and_the_same_columns(client, content):
    body, rows = _csv(client, "guong-dien-hinh")

    assert body.startswith(b"\xef\xbb\xbf")
    assert list(rows[0]) == [column.name for column in opendata.PROFILES.columns]
    names = {row["name"] for row in rows}
    assert names == {"Sở Nội vụ", "Nguyễn Thị Hoa", "Sở Y tế tiêu biểu"}


def test_csv_neutralises_formulas_and_keeps_markup_as_text(client, tree, plan):
    collective = exemplar_create(plan, tree["own"], name='=HYPERLINK("http://x")')
    profile_create(collective)
    story_create(tree["own"], title="+cmd|' /C calc'!A0")
    story_create(tree["own"], title="-2+3")
    story_create(tree["own"], title="@SUM(1)")
    story_create(tree["own"], title=XSS)

    _body, profiles = _csv(client, "guong-dien-hinh")
    _body, stories = _csv(client, "bai-viet")

    assert profiles[0]["name"] == '\'=HYPERLINK("http://x")'
    titles = {row["title"] for row in stories}
    assert titles == {"'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1)", XSS}


def test_csv_joins_lists(client, content):
    _body, rows = _csv(client, "guong-dien-hinh")

    collective = next(row for row in rows if row["name"] == "Sở Nội vụ")
    assert collective["fields"] == "Giáo dục"


def test_csv_cell_rules():
    assert opendata.csv_cell("=1+1") == "'=1+1"
    assert opendata.csv_cell("\t=1") == "'\t=1"
    assert opendata.csv_cell("Hà Nội") == "Hà Nội"
    assert opendata.csv_cell(-3) == -3
    assert opendata.csv_cell(None) == ""
    assert opendata.csv_cell([1, 2]) == "1; 2"


def test_unknown_dataset_is_404(client, db):
    assert client.get("/du-lieu-mo/nguoi-dung.json").status_code == 404
    assert client.get("/du-lieu-mo/nguoi-dung.csv").status_code == 404


def test_index_page_describes_every_dataset(client, db, english):
    response = client.get("/du-lieu-mo/")

    html = response.content.decode()
    assert response.status_code == 200
    for dataset in opendata.DATASETS.values():
        assert f'href="/du-lieu-mo/{dataset.slug}.json"' in html
        assert f'href="/du-lieu-mo/{dataset.slug}.csv"' in html
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html
    assert "CC BY 4.0" in html


def _add_rows(tree, plan, count):
    for _ in range(count):
        exemplar = exemplar_create(plan, tree["own"])
        exemplar.fields.create(code=f"f{exemplar.pk}", name=f"Lĩnh vực {exemplar.pk}")
        profile = profile_create(exemplar)
        story_create(tree["own"], exemplars=[profile.exemplar])
        event_create(tree["own"])
        replication_create(profile.exemplar, tree["sibling"])


@pytest.mark.parametrize("extension", ["json", "csv"])
@pytest.mark.parametrize("dataset", list(opendata.DATASETS))
def test_queries_do_not_grow_with_the_rows(client, tree, plan, dataset, extension):
    url = f"/du-lieu-mo/{dataset}.{extension}"
    _add_rows(tree, plan, 1)
    one = query_count(client, url)
    _add_rows(tree, plan, 9)

    assert query_count(client, url) == one
