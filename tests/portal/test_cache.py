"""The cache of the public pages (portal/page_cache.py): built once for anonymous visitors,
never shared with a signed-in user, each visitor with their own CSRF token, fresh as soon as
content is published or withdrawn, and views still counted.

The cache stays out of requests made inside a database transaction, so these tests run in
transactional mode (with the migrations' data put back afterwards)."""

import re
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guongsang.portal import page_cache
from guongsang.stories.enums import CommentStatus, StoryStatus
from guongsang.stories.models import Comment, Story
from guongsang.stories.services import profiles as profile_services
from guongsang.stories.services import public as public_services
from guongsang.stories.services import stories as story_services
from tests import factories
from tests.portal.pages_data import *  # noqa: F403
from tests.portal.pages_data import story_create

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the cache table outlives a transactional test's flush
    yield
    cache.clear()


def url(name, **kwargs):
    return reverse(f"portal:{name}", kwargs=kwargs)


def test_anonymous_page_is_built_once_then_served_from_the_cache(client, world):
    first = client.get(url("home"))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url("home"))
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert len(queries) == 1  # the cache read: version and page at once
    assert "Điển hình tiên tiến ở Khánh Hòa" in second.content.decode()
    strip = lambda html: TOKEN.sub("", html)  # noqa: E731
    assert strip(second.content.decode()) == strip(first.content.decode())


def test_each_visitor_gets_their_own_valid_csrf_token(world):
    story = world["stories"]["public"]
    path = url("story_detail", pk=story.pk)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    built = first.get(path)
    served = second.get(path)
    assert served["X-Cache"] == "hit"
    built_tokens = set(TOKEN.findall(built.content.decode()))
    served_tokens = set(TOKEN.findall(served.content.decode()))
    assert served_tokens and not served_tokens & built_tokens
    assert "csrftoken" in served.cookies  # the token matches a cookie given with the page
    response = second.post(
        url("story_comment", pk=story.pk),
        {"csrfmiddlewaretoken": served_tokens.pop(), "comment-author_name": "Bạn đọc",
         "comment-text": "Rất đáng học tập."},
    )  # fmt: skip
    assert response.status_code == 302
    assert Comment.objects.filter(story=story, text="Rất đáng học tập.").exists()


def test_signed_in_user_neither_fills_nor_gets_the_cache(client, world, english):
    staff = Client()
    staff.cookies["django_language"] = "en"
    staff.force_login(factories.UserFactory())
    staff_page = staff.get(url("home"))
    assert staff_page["X-Cache"] == "bypass" and "Staff pages" in staff_page.content.decode()
    anonymous = client.get(url("home"))
    assert anonymous["X-Cache"] == "miss"
    assert "Sign in" in anonymous.content.decode()
    assert "Staff pages" not in anonymous.content.decode()
    assert client.get(url("home"))["X-Cache"] == "hit"
    again = staff.get(url("home"))
    assert again["X-Cache"] == "bypass" and "Staff pages" in again.content.decode()


@pytest.mark.parametrize("cookie", ["messages", "gs_reactions", "sessionid", "unknown"])
def test_a_visitor_with_other_cookies_gets_a_page_built_for_them(client, world, cookie):
    client.get(url("home"))
    client.cookies[cookie] = "x"
    assert client.get(url("home"))["X-Cache"] == "bypass"


def test_each_language_has_its_own_page(client, world):
    assert client.get(url("home"))["X-Cache"] == "miss"
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get(url("home"))
    assert page["X-Cache"] == "miss" and '<html lang="en">' in page.content.decode()
    assert client.get(url("home"))["X-Cache"] == "hit"


def test_publishing_and_withdrawing_show_at_once(client, world):
    profile = world["profiles"]["public"]
    profile_path = url("profile_detail", pk=profile.pk)
    assert client.get(profile_path).status_code == 200
    assert client.get(profile_path)["X-Cache"] == "hit"
    draft = story_create(world["tree"]["own"], world["author"], title="Bài mới vừa duyệt",
                         status=StoryStatus.IN_REVIEW, published_at=None)  # fmt: skip
    client.get(url("home"))
    story_services.story_approve(story=draft, actor=None)
    home = client.get(url("home"))
    assert home["X-Cache"] == "miss" and "Bài mới vừa duyệt" in home.content.decode()

    profile_services.profile_withdraw(profile=profile, actor=None, reason="Rút")
    assert client.get(profile_path).status_code == 404
    story_services.story_archive(story=draft, actor=None)
    assert "Bài mới vừa duyệt" not in client.get(url("home")).content.decode()


def test_moderated_comment_shows_at_once_but_a_pending_one_keeps_the_cache(client, world):
    story = world["stories"]["public"]
    path = url("story_detail", pk=story.pk)
    client.get(path)
    comment = public_services.comment_submit(
        target=story, author_name="Bạn đọc", text="Chờ kiểm duyệt.", client_key="k"
    )
    assert client.get(path)["X-Cache"] == "hit"
    comment.status = CommentStatus.PUBLISHED
    comment.save()
    page = client.get(path)
    assert page["X-Cache"] == "miss" and "Chờ kiểm duyệt." in page.content.decode()


def test_a_change_without_a_save_shows_within_the_ttl(client, world, monkeypatch):
    monkeypatch.setattr(page_cache, "PAGE_SECONDS", 1)
    story = world["stories"]["public"]
    client.get(url("home"))
    Story.objects.filter(pk=story.pk).update(title="Tiêu đề sửa thẳng trong cơ sở dữ liệu")
    assert client.get(url("home"))["X-Cache"] == "hit"  # stale for at most PAGE_SECONDS
    time.sleep(1.1)
    page = client.get(url("home"))
    assert page["X-Cache"] == "miss"
    assert "Tiêu đề sửa thẳng trong cơ sở dữ liệu" in page.content.decode()


def test_views_are_counted_when_the_page_comes_from_the_cache(client, world, monkeypatch):
    counter = public_services.ViewCounter(max_hits=10**6, max_seconds=3600)
    monkeypatch.setattr(public_services, "view_counter", counter)
    profile, story = world["profiles"]["public"], world["stories"]["public"]
    for _ in range(3):
        client.get(url("profile_detail", pk=profile.pk))
        client.get(url("story_detail", pk=story.pk))
    assert client.get(url("story_detail", pk=story.pk))["X-Cache"] == "hit"
    assert counter.pending() == 7
    counter.flush()
    story.refresh_from_db()
    profile.refresh_from_db()
    assert (story.view_count, profile.view_count) == (4, 3)


def test_redirects_errors_and_search_are_not_cached(client, world):
    profile = world["profiles"]["public"]
    wrong = url("profile_detail", pk=profile.pk, slug="sai-dia-chi")
    assert client.get(wrong).status_code == 301
    assert client.get(wrong)["X-Cache"] == "miss"  # built again: a redirect is not kept
    hidden = url("profile_detail", pk=world["profiles"]["draft"].pk)
    assert client.get(hidden).status_code == 404
    assert client.get(hidden).status_code == 404
    search = url("search") + "?q=dien+hinh"
    client.get(search)
    assert "X-Cache" not in client.get(search)


def test_a_failing_cache_still_serves_the_page(client, world, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("cache down")

    monkeypatch.setattr(cache, "get_many", broken)
    monkeypatch.setattr(cache, "set", broken)
    response = client.get(url("home"))
    assert response.status_code == 200
    assert "Điển hình tiên tiến ở Khánh Hòa" in response.content.decode()


@pytest.mark.django_db(transaction=False)
def test_pages_built_inside_a_transaction_are_not_cached(client, world):
    client.get(url("home"))
    assert client.get(url("home"))["X-Cache"] == "bypass"
