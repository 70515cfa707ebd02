"""The public pages: what they show, that nothing unpublished ever shows, bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guongsang.portal.sharing import short_path, slug_of
from guongsang.stories.enums import CommentStatus
from guongsang.stories.models import Comment, Image
from tests.portal.pages_data import *  # noqa: F403
from tests.portal.pages_data import (
    ago,
    event_create,
    exemplar_create,
    profile_create,
    story_create,
)

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"portal:{name}", kwargs=kwargs)


def query_count(client, path, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, data or {})
    assert response.status_code == 200
    return len(queries)


def html_of(client, path, data=None, status=200):
    response = client.get(path, data or {})
    assert response.status_code == status
    return response.content.decode()


# --- home -------------------------------------------------------------------------------------


def test_home_shows_featured_latest_and_upcoming_public_items_only(client, world):
    html = html_of(client, url("home"))
    assert world["profiles"]["public"].exemplar.subject_name in html
    assert "Điển hình tiên tiến ở Khánh Hòa" in html
    assert "Đại hội điển hình tiên tiến" in html
    for hidden in (
        "Trần Văn Kín",
        "Bản nháp điển hình",
        "Đang duyệt điển hình",
        "Lưu trữ điển hình",
        "Hẹn giờ điển hình",
        "Họp nội bộ kín",
        "Hội nghị tổng kết phong trào",
    ):
        assert hidden not in html


def test_home_has_portal_layout_without_staff_menu(client, world):
    html = html_of(client, url("home"))
    assert '<html lang="vi">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert reverse("login") in html
    assert 'data-testid="lang-en"' in html
    assert 'property="og:title"' in html
    assert "main-nav" not in html  # the staff menu of base.html
    assert world["section"].name in html


def test_home_in_english_with_the_language_cookie(client, world, english):
    html = html_of(client, url("home"))
    assert '<html lang="en">' in html
    assert "Featured exemplars" in html


def test_home_queries_are_bounded(client, world, tree, plan):
    first = query_count(client, url("home"))
    assert first <= 6
    for number in range(10):
        exemplar = exemplar_create(plan, tree["own"], name=f"Tập thể {number}")
        profile_create(exemplar, is_featured=True)
        story_create(tree["own"], world["author"], title=f"Bài {number}")
        event_create(tree["parent"])
    assert query_count(client, url("home")) == first


# --- sections --------------------------------------------------------------------------------


def test_section_lists_only_its_public_stories(client, world):
    html = html_of(client, url("section_detail", slug=world["section"].slug))
    assert "Điển hình tiên tiến ở Khánh Hòa" in html
    for hidden in ("Bản nháp", "Đang duyệt", "Lưu trữ", "Hẹn giờ"):
        assert hidden not in html


def test_hidden_section_is_404(client, world):
    world["section"].is_active = False
    world["section"].save()
    html_of(client, url("section_detail", slug=world["section"].slug), status=404)
    html_of(client, url("section_detail", slug="khong-co"), status=404)


def test_section_queries_do_not_grow_with_stories(client, world):
    path = url("section_detail", slug=world["section"].slug)
    first = query_count(client, path)
    for number in range(10):
        story_create(
            world["tree"]["own"], world["author"], title=f"Bài {number}", section=world["section"]
        )
    assert query_count(client, path) == first


def test_section_is_paginated(client, world):
    for number in range(25):
        story_create(
            world["tree"]["own"],
            world["author"],
            title=f"Bài số {number:02d}",
            section=world["section"],
            published_at=ago(3 + number),
        )
    html = html_of(client, url("section_detail", slug=world["section"].slug), {"page": 2})
    assert "Bài số 24" in html and "Bài số 00" not in html


# --- browse ----------------------------------------------------------------------------------


def test_browse_lists_public_profiles_only(client, world):
    html = html_of(client, url("browse"))
    assert world["exemplars"]["collective"].subject_name in html
    assert "Nguyễn Thị Hoa" in html
    for hidden in ("Trần Văn Kín", "Tổ Nháp", "Tổ Đã Rút", "Tổ Hẹn Giờ"):
        assert hidden not in html


@pytest.mark.parametrize(
    "filters, expected",
    [
        (lambda w: {"field": w["field"].pk}, {"collective"}),
        (lambda w: {"movement": w["movement"].pk}, {"collective"}),
        (lambda w: {"level": "province"}, {"collective"}),
        (lambda w: {"year": 2024}, {"collective", "person"}),
        (lambda w: {"year": 2019}, set()),
        (lambda w: {"unit": w["tree"]["parent"].pk}, {"collective", "person"}),
        (lambda w: {"unit": w["tree"]["sibling"].pk}, {"person"}),
        (lambda w: {"level": "bogus", "unit": "x"}, {"collective", "person"}),
    ],
)
def test_browse_filters(client, world, filters, expected):
    response = client.get(url("browse"), filters(world))
    assert response.status_code == 200
    shown = {profile.exemplar_id for profile in response.context["page_obj"].object_list}
    assert shown == {world["exemplars"][key].pk for key in expected}


def test_browse_unit_filter_includes_the_subtree(client, world, tree, plan):
    deep = profile_create(exemplar_create(plan, tree["own_child"], name="Phòng con"))
    response = client.get(url("browse"), {"unit": tree["own"].pk})
    shown = {profile.pk for profile in response.context["page_obj"].object_list}
    assert shown == {deep.pk, world["profiles"]["public"].pk}


def test_browse_queries_do_not_grow(client, world, tree, plan):
    first = query_count(client, url("browse"), {"year": 2024})
    for number in range(10):
        profile_create(exemplar_create(plan, tree["own"], name=f"Tập thể {number}"))
    assert query_count(client, url("browse"), {"year": 2024}) == first


# --- a profile -------------------------------------------------------------------------------


def test_profile_page_shows_recognition_replication_stories_and_events(client, world):
    profile = world["profiles"]["public"]
    html = html_of(client, url("profile_detail", pk=profile.pk))
    assert "Điển hình tiên tiến ngành y tế" in html
    assert "123/QĐ-UBND" in html and "20/12/2024" in html
    assert "Ủy ban nhân dân tỉnh Khánh Hòa" in html
    assert "999/NHÁP" not in html  # a draft decision
    assert world["tree"]["sibling"].name in html  # the adopting unit
    assert "01/03/2024" in html
    assert "Điển hình tiên tiến ở Khánh Hòa" in html  # its published story
    assert "Đại hội điển hình tiên tiến" in html  # honoured there
    assert "Bản nháp điển hình" not in html


@pytest.mark.parametrize("key", ["unconsented", "draft", "withdrawn", "scheduled"])
def test_unpublished_or_unconsented_profile_is_404(client, world, key):
    pk = world["profiles"][key].pk
    html_of(client, url("profile_detail", pk=pk), status=404)
    html_of(client, url("profile_detail", pk=pk, slug="x"), status=404)
    assert client.post(url("profile_comment", pk=pk), {}).status_code == 404
    assert client.post(url("profile_report", pk=pk), {}).status_code == 404


def test_profile_wrong_slug_redirects_to_the_canonical_address(client, world):
    profile = world["profiles"]["public"]
    response = client.get(url("profile_detail", pk=profile.pk, slug="cu"))
    assert response.status_code == 301
    slug = slug_of(profile.exemplar.subject_name)
    assert response["Location"] == url("profile_detail", pk=profile.pk, slug=slug)


def test_profile_page_has_share_meta_and_short_link(client, world):
    profile = world["profiles"]["public"]
    html = html_of(client, url("profile_detail", pk=profile.pk))
    assert short_path("profile", profile.pk) in html
    assert 'rel="canonical"' in html


def test_profile_photos_have_alt_and_thumbnails(client, world):
    profile = world["profiles"]["public"]
    Image.objects.create(
        profile=profile,
        image="images/a.jpg",
        thumbnail="images/thumbs/a.jpg",
        width=800,
        height=600,
        alt="Tập thể nhận bằng khen",
    )
    html = html_of(client, url("profile_detail", pk=profile.pk))
    assert 'src="/media/images/thumbs/a.jpg" alt="Tập thể nhận bằng khen"' in html
    assert 'href="/media/images/a.jpg"' in html


def test_profile_videos_are_plain_links_without_third_party_scripts(client, world):
    profile = world["profiles"]["public"]
    profile.video_urls = "https://www.youtube.com/watch?v=abc\njavascript:alert(1)"
    profile.save()
    html = html_of(client, url("profile_detail", pk=profile.pk))
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "javascript:alert" not in html
    assert "<iframe" not in html and "<script" not in html


def test_profile_shows_published_comments_only(client, world):
    profile = world["profiles"]["public"]
    for status in CommentStatus.values:
        Comment.objects.create(
            profile=profile,
            author_name="Bạn đọc",
            text=f"Ý kiến {status}",
            status=status,
            client_key="k",
        )
    html = html_of(client, url("profile_detail", pk=profile.pk))
    assert "Ý kiến published" in html
    assert "Ý kiến pending" not in html and "Ý kiến rejected" not in html


# --- a story ---------------------------------------------------------------------------------


def test_story_page_shows_body_and_only_public_exemplars(client, world):
    story = world["stories"]["public"]
    html = html_of(client, url("story_detail", pk=story.pk))
    assert "Nội dung bài viết về điển hình tiên tiến." in html
    profile = world["profiles"]["public"]
    assert url("profile_detail", pk=profile.pk) in html
    assert "Trần Văn Kín" not in html  # in the story, but without consent


@pytest.mark.parametrize("key", ["draft", "in_review", "archived", "scheduled"])
def test_unpublished_story_is_404(client, world, key):
    pk = world["stories"][key].pk
    html_of(client, url("story_detail", pk=pk), status=404)
    assert client.post(url("story_comment", pk=pk), {}).status_code == 404
    assert client.post(url("story_report", pk=pk), {}).status_code == 404
    assert client.post(url("story_react", pk=pk), {"kind": "like"}).status_code == 404


def test_scheduled_story_shows_once_due(client, world):
    story = world["stories"]["scheduled"]
    story.published_at = timezone.now() - datetime.timedelta(minutes=1)
    story.save()
    assert client.get(url("story_detail", pk=story.pk)).status_code == 200


def test_story_detail_queries_are_bounded(client, world, django_assert_max_num_queries):
    story = world["stories"]["public"]
    with django_assert_max_num_queries(9):
        client.get(url("story_detail", pk=story.pk))


# --- events ----------------------------------------------------------------------------------


def test_event_list_shows_public_upcoming_and_past_by_month(client, world):
    html = html_of(client, url("event_list"))
    assert "Đại hội điển hình tiên tiến" in html
    assert "Hội nghị tổng kết phong trào" in html
    assert "Họp nội bộ kín" not in html


def test_event_page_shows_public_materials_and_public_exemplars(client, world):
    event = world["events"]["public"]
    html = html_of(client, url("event_detail", pk=event.pk))
    assert "Chương trình hội nghị" in html
    assert "Tài liệu nội bộ" not in html
    assert world["exemplars"]["collective"].subject_name in html
    assert "Trần Văn Kín" not in html
    assert short_path("event", event.pk) in html


def test_private_event_is_404(client, world):
    html_of(client, url("event_detail", pk=world["events"]["hidden"].pk), status=404)


def test_event_list_queries_do_not_grow(client, world, tree):
    first = query_count(client, url("event_list"))
    for number in range(10):
        event_create(tree["parent"], start=ago(number + 2))
        event_create(tree["parent"])
    assert query_count(client, url("event_list")) == first


def test_long_lists_count_a_bounded_number_of_pages(client, world, monkeypatch, english):
    from guongsang.portal import views

    monkeypatch.setattr(views, "MAX_PAGES", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for number in range(6):
        story_create(
            world["tree"]["own"], world["author"], title=f"Bài {number}", section=world["section"]
        )
    path = url("section_detail", slug=world["section"].slug)
    response = client.get(path)
    page = response.context["page_obj"]
    assert page.paginator.capped and page.paginator.num_pages == 2
    assert "Page 1 of more than 2" in response.content.decode()
    assert client.get(path, {"page": 9}).context["page_obj"].number == 2
