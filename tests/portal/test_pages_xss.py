"""Script payloads in stories, names, sections, events and comments are rendered harmless.

The rows are written directly (as an old import or a database edit could), bypassing the
editorial services' cleaning: the pages must stay safe on their own.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from guongsang.stories.enums import CommentStatus
from guongsang.stories.models import Comment, Image, Section
from tests.portal.pages_data import *  # noqa: F403
from tests.portal.pages_data import event_create, exemplar_create, profile_create, story_create

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMG = '<img src=x onerror="alert(1)">'


class _Elements(HTMLParser):
    """Every element and attribute as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def assert_harmless(html: str) -> None:
    parsed = _Elements()
    parsed.feed(html)
    assert not {"script", "iframe", "object", "embed"} & set(parsed.tags)
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    assert not [v for _, v in parsed.attributes if v.strip().lower().startswith("javascript:")]
    assert "style" not in {name for name, _ in parsed.attributes}


@pytest.fixture
def hostile(world, tree, plan, author):
    section = Section.objects.create(
        name=f"Mục {SCRIPT}", slug="muc-xss", description=f"Mô tả {IMG}"
    )
    exemplar = exemplar_create(plan, tree["own"], name=f"Tập thể {SCRIPT}")
    profile = profile_create(
        exemplar,
        headline=f"Khẩu hiệu {IMG}",
        public_summary=f"Tóm tắt {SCRIPT}",
        video_urls='javascript:alert(1)\nhttps://example.vn/v"onmouseover="x',
        is_featured=True,
    )
    body = (
        f'<p>Mở đầu</p>{SCRIPT}{IMG}<a href="javascript:alert(1)">liên kết</a>'
        '<p onclick="alert(1)" style="color:red">Đoạn</p><iframe src="https://evil.example"></iframe>'
        '<a href="https://example.vn" onmouseover="alert(1)">an toàn</a>'
    )
    story = story_create(
        tree["own"],
        author,
        title=f"Tiêu đề {SCRIPT}",
        lead=f"Sa-pô {IMG}",
        body=body,
        section=section,
        exemplars=[exemplar],
    )
    Image.objects.create(
        story=story,
        image="images/a.jpg",
        thumbnail="images/thumbs/a.jpg",
        width=10,
        height=10,
        alt='Ảnh" onerror="alert(1)',
    )
    for target in ({"story": story}, {"profile": profile}):
        Comment.objects.create(
            author_name=f"Kẻ xấu {SCRIPT}",
            text=f"Bình luận {IMG}",
            status=CommentStatus.PUBLISHED,
            client_key="k",
            **target,
        )
    event = event_create(
        tree["parent"], title=f"Sự kiện {SCRIPT}", description=f"Mô tả {IMG}", location=SCRIPT
    )
    event.honoured.set([exemplar])
    return {"section": section, "profile": profile, "story": story, "event": event}


def test_story_page_is_harmless(client, hostile):
    story = hostile["story"]
    html = client.get(reverse("portal:story_detail", kwargs={"pk": story.pk})).content.decode()
    assert_harmless(html)
    assert "Tiêu đề &lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html
    assert "Mở đầu" in html and "Đoạn" in html and "an toàn" in html  # the text survives
    assert "Bình luận &lt;img" in html
    assert "Kẻ xấu &lt;script&gt;" in html


def test_profile_page_is_harmless(client, hostile):
    profile = hostile["profile"]
    path = reverse("portal:profile_detail", kwargs={"pk": profile.pk})
    html = client.get(path).content.decode()
    assert_harmless(html)
    assert "Tập thể &lt;script&gt;" in html
    assert "Tóm tắt &lt;script&gt;" in html


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("home", lambda h: {}),
        ("browse", lambda h: {}),
        ("section_detail", lambda h: {"slug": h["section"].slug}),
        ("event_list", lambda h: {}),
        ("event_detail", lambda h: {"pk": h["event"].pk}),
    ],
)
def test_lists_and_event_pages_are_harmless(client, hostile, name, kwargs):
    response = client.get(reverse(f"portal:{name}", kwargs=kwargs(hostile)))
    assert response.status_code == 200
    assert_harmless(response.content.decode())


def test_search_results_and_query_are_harmless(client, hostile):
    html = client.get(reverse("portal:search"), {"q": "tieu de"}).content.decode()
    assert_harmless(html)
    assert "Tiêu đề &lt;script&gt;" in html
    html = client.get(reverse("portal:search"), {"q": f"tieu {SCRIPT}"}).content.decode()
    assert_harmless(html)
    assert "tieu &lt;script&gt;" in html
