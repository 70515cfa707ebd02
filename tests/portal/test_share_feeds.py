"""RSS and Atom feeds of the latest public stories, site-wide and per section."""

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from guongsang.portal.sharing import canonical_path
from guongsang.stories.enums import StoryStatus
from tests.portal.share_support import (
    SHARE_URLS,
    XSS,
    content_fixture,  # noqa: F401
    plan_fixture,  # noqa: F401
    query_count,
    section_create,
    story_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SHARE_URLS)]
ATOM = "{http://www.w3.org/2005/Atom}"


def _rss_items(response) -> list[dict]:
    root = ET.fromstring(response.content)  # raises if the XML is not well formed
    return [{child.tag: child.text for child in item} for item in root.iter("item")]


def _atom_entries(response) -> list[dict]:
    root = ET.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.iter(f"{ATOM}entry")
    ]


def _link(story) -> str:
    return "http://testserver" + canonical_path("story", story)


def test_rss_lists_only_public_stories_newest_first(client, content):
    response = client.get("/cong-thong-tin/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    stories = content["stories"]
    links = [item["link"] for item in _rss_items(response)]
    public = [stories[k] for k in ("public", "child", "hidden_section", "elsewhere")]
    assert links == [_link(s) for s in sorted(public, key=lambda s: s.published_at, reverse=True)]


def test_atom_lists_only_public_stories(client, content):
    response = client.get("/cong-thong-tin/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    links = {entry["link"] for entry in _atom_entries(response)}
    stories = content["stories"]
    assert links == {_link(stories[k]) for k in ("public", "child", "hidden_section", "elsewhere")}


def test_section_feeds_list_only_that_sections_public_stories(client, content):
    public = content["stories"]["public"]  # the archived story of the section is left out

    rss = _rss_items(client.get("/cong-thong-tin/chuyen-muc/giao-duc/rss/"))
    atom = _atom_entries(client.get("/cong-thong-tin/chuyen-muc/giao-duc/atom/"))

    assert [item["link"] for item in rss] == [_link(public)]
    assert [entry["link"] for entry in atom] == [_link(public)]
    assert rss[0]["category"] == "Gương sáng giáo dục"


def test_feed_of_a_hidden_or_unknown_section_is_404(client, content):
    assert client.get("/cong-thong-tin/chuyen-muc/an/rss/").status_code == 404
    assert client.get("/cong-thong-tin/chuyen-muc/khong-co/atom/").status_code == 404


def test_feeds_escape_markup_in_titles_and_descriptions(client, tree):
    section = section_create()
    story_create(tree["own"], title=XSS, lead=XSS + " Lời dẫn & chuyện", section=section)

    for url in ("/cong-thong-tin/rss/", "/cong-thong-tin/atom/",
                "/cong-thong-tin/chuyen-muc/giao-duc/rss/"):  # fmt: skip
        response = client.get(url)
        body = response.content.decode()

        assert "<script" not in body and "<img" not in body
        entries = _rss_items(response) if "rss" in url else _atom_entries(response)
        # Readers treat titles and descriptions as HTML: the markup arrives as text.
        assert (
            entries[0]["title"]
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        )
        description = entries[0].get("description") or entries[0].get("summary")
        assert description == "alert(&quot;x&quot;) Lời dẫn &amp; chuyện"


def test_feed_description_is_a_plain_excerpt_of_the_body_without_a_lead(client, tree):
    story_create(tree["own"], title="Không lời dẫn", lead="", body="<p>Một <b>đoạn</b> văn</p>")

    items = _rss_items(client.get("/cong-thong-tin/rss/"))

    assert items[0]["description"] == "Một đoạn văn"


def test_feed_links_partial_offers_site_and_section_feeds(content):
    request = RequestFactory().get("/")
    html = Template("{% load portal_share %}{% feed_links section %}").render(
        Context({"section": content["section"], "request": request})
    )

    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
    assert 'href="/cong-thong-tin/rss/"' in html and 'href="/cong-thong-tin/atom/"' in html
    assert 'href="/cong-thong-tin/chuyen-muc/giao-duc/rss/"' in html
    assert 'href="/cong-thong-tin/chuyen-muc/giao-duc/atom/"' in html
    assert 'href="/cong-thong-tin/su-kien.ics"' in html


def test_feed_links_without_a_section_offer_the_site_feeds_only(db):
    html = Template("{% load portal_share %}{% feed_links %}").render(Context({}))

    assert 'href="/cong-thong-tin/rss/"' in html
    assert "chuyen-muc" not in html


@pytest.mark.parametrize(
    "url", ["/cong-thong-tin/rss/", "/cong-thong-tin/chuyen-muc/giao-duc/atom/"]
)
def test_feed_queries_do_not_grow_with_the_stories(client, tree, url):
    section = section_create()
    story_create(tree["own"], section=section)
    one = query_count(client, url)
    for _ in range(9):
        story_create(tree["own"], section=section)
    story_create(tree["own"], section=section, status=StoryStatus.DRAFT)

    assert query_count(client, url) == one
