"""sitemap.xml and robots.txt: public pages only, with their last change, paginated when large."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from guongsang.portal import sitemaps
from guongsang.portal.sharing import canonical_path
from tests.portal.share_support import (
    SHARE_URLS,
    content_fixture,  # noqa: F401
    exemplar_create,
    plan_fixture,  # noqa: F401
    profile_create,
    query_count,
    story_create,
)
from tests.portal.share_urls import MISSING_NAMES

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SHARE_URLS)]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _entries(response) -> dict[str, str | None]:
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def _absolute(path: str) -> str:
    return "http://testserver" + path


def test_sitemap_lists_only_public_pages(client, content):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = set(_entries(response))
    profiles, stories, events = content["profiles"], content["stories"], content["events"]
    expected = {
        *(_absolute(canonical_path("profile", profiles[k]))
          for k in ("collective", "person", "elsewhere")),
        *(_absolute(canonical_path("story", stories[k]))
          for k in ("public", "child", "hidden_section", "elsewhere")),
        *(_absolute(canonical_path("event", events[k])) for k in ("public", "cancelled")),
        _absolute(reverse("portal:home")),
        _absolute(reverse("portal:section_detail", kwargs={"slug": "giao-duc"})),
        _absolute(reverse("portal:browse")),
        _absolute(reverse("portal:event_list")),
        _absolute(reverse("portal_share:opendata")),
    }  # fmt: skip
    assert locations == expected


def test_sitemap_gives_last_change_of_stories_and_profiles(client, content):
    story = content["stories"]["public"]

    entries = _entries(client.get("/sitemap.xml"))

    lastmod = entries[_absolute(canonical_path("story", story))]
    assert lastmod is not None
    assert lastmod[:10] >= story.published_at.date().isoformat()
    assert entries[_absolute(canonical_path("profile", content["profiles"]["person"]))]
    assert entries[_absolute(reverse("portal:section_detail", kwargs={"slug": "giao-duc"}))]


def test_sitemap_becomes_an_index_of_paginated_files_when_large(client, content, monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_FILE", 2)

    response = client.get("/sitemap.xml")

    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locations = [node.findtext("s:loc", namespaces=NS) for node in root.findall("s:sitemap", NS)]
    stories = _absolute(reverse("portal_share:sitemap_section", kwargs={"section": "bai-viet"}))
    assert stories in locations and f"{stories}?p=2" in locations
    first = _entries(client.get(stories))
    second = _entries(client.get(stories, {"p": 2}))
    assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)
    assert client.get(stories, {"p": 9}).status_code == 404


def test_unknown_sitemap_section_is_404(client, db):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /quan-tri/" in response.content.decode()


def test_sitemap_queries_do_not_grow_with_the_content(client, tree, plan):
    def add(count):
        for _ in range(count):
            profile_create(exemplar_create(plan, tree["own"]))
            story_create(tree["own"])

    add(1)
    one = query_count(client, "/sitemap.xml")
    add(9)
    assert query_count(client, "/sitemap.xml") == one


@pytest.mark.skipif(
    bool({"profile_detail", "story_detail", "event_detail"} & set(MISSING_NAMES)),
    reason="the public pages are not written yet",
)
def test_sitemap_gives_the_same_address_as_the_pages_canonical_link(client, content):
    entries = set(_entries(client.get("/sitemap.xml")))
    pages = [
        ("profile", content["profiles"]["person"]),
        ("story", content["stories"]["public"]),
        ("event", content["events"]["public"]),
    ]
    for kind, obj in pages:
        html = client.get(reverse(f"portal:{kind}_detail", kwargs={"pk": obj.pk})).content.decode()
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)

        assert canonical in entries
