"""Comments, error reports, reactions and view counts from the public."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guongsang.exemplars.models import Notification
from guongsang.orgs.enums import Role
from guongsang.stories.enums import CommentStatus, ReactionKind
from guongsang.stories.models import Comment, ErrorReport, ReactionTally, Story
from guongsang.stories.services import public as services
from tests import factories
from tests.portal.pages_data import *  # noqa: F403

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


def comment_data(text="Bài viết rất hay, cảm ơn tòa soạn.", **extra):
    return {
        "comment-author_name": "Lê Văn Đọc",
        "comment-contact": "doc@example.vn",
        "comment-text": text,
        "comment-website": "",
        **extra,
    }


def report_data(text="Số liệu năm 2023 bị ghi nhầm thành 2022.", **extra):
    return {
        "report-name": "Lê Văn Đọc",
        "report-contact": "0905 123 456",
        "report-text": text,
        "report-website": "",
        **extra,
    }


def post(client, name, pk, data, address=ADDRESS):
    return client.post(reverse(f"portal:{name}", kwargs={"pk": pk}), data, REMOTE_ADDR=address)


# --- comments ----------------------------------------------------------------------------------


def test_comment_is_held_for_moderation_and_not_shown(client, world):
    story = world["stories"]["public"]
    response = post(client, "story_comment", story.pk, comment_data())
    assert response.status_code == 302
    assert response["Location"].endswith("#comments")
    comment = Comment.objects.get()
    assert (comment.story, comment.status) == (story, CommentStatus.PENDING)
    assert comment.text == "Bài viết rất hay, cảm ơn tòa soạn."
    html = client.get(reverse("portal:story_detail", kwargs={"pk": story.pk})).content.decode()
    assert "Bài viết rất hay" not in html


def test_comment_keeps_a_keyed_hash_never_the_address(client, world):
    post(client, "profile_comment", world["profiles"]["public"].pk, comment_data())
    comment = Comment.objects.get()
    assert comment.client_key == services.client_key_of(ADDRESS)
    assert len(comment.client_key) == 64
    assert ADDRESS not in str(Comment.objects.values().get())


def test_comment_rate_limit_per_ten_minutes(client, world, english):
    story, profile = world["stories"]["public"], world["profiles"]["public"]
    for number in range(2):
        assert (
            post(client, "story_comment", story.pk, comment_data(f"Ý {number}")).status_code == 302
        )
    assert post(client, "profile_comment", profile.pk, comment_data("Ý 3")).status_code == 302
    response = post(client, "story_comment", story.pk, comment_data("Ý thứ tư, giữ nguyên"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "several messages in a short time" in html
    assert "Ý thứ tư, giữ nguyên" in html  # what was typed is not lost
    assert Comment.objects.count() == 3
    # another sender is not limited
    assert (
        post(client, "story_comment", story.pk, comment_data(), "198.51.100.2").status_code == 302
    )


def test_comment_rate_limit_per_day(client, world):
    story = world["stories"]["public"]
    key = services.client_key_of(ADDRESS)
    Comment.objects.bulk_create(
        Comment(story=story, author_name="A", text=f"Ý {n}", client_key=key) for n in range(20)
    )
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(hours=3))
    assert post(client, "story_comment", story.pk, comment_data()).status_code == 429
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert post(client, "story_comment", story.pk, comment_data()).status_code == 302


def test_comment_honeypot_is_answered_but_not_kept(client, world):
    story = world["stories"]["public"]
    response = post(client, "story_comment", story.pk, comment_data(**{"comment-website": "x"}))
    assert response.status_code == 302
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        comment_data(text=""),
        comment_data(text="x" * (services.COMMENT_MAX_LENGTH + 1)),
        comment_data(**{"comment-author_name": ""}),
        comment_data(**{"comment-author_name": "<b></b>"}),
        comment_data(text="<script>alert(1)</script>"),
    ],
)
def test_bad_comment_is_refused_with_the_form_kept(client, world, data):
    story = world["stories"]["public"]
    response = post(client, "story_comment", story.pk, data)
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert 'data-testid="comment-form"' in response.content.decode()


def test_comment_service_refuses_too_long_text(world):
    with pytest.raises(services.DomainError):
        services.comment_submit(
            target=world["stories"]["public"], author_name="A", text="x" * 2001, client_key="k"
        )


# --- error reports -----------------------------------------------------------------------------


def test_story_report_reaches_the_editors_of_its_unit(client, world, tree):
    editor = factories.user_with_role(Role.EDITOR, tree["parent"])
    other = factories.user_with_role(Role.EDITOR, tree["sibling"])
    story = world["stories"]["public"]
    response = post(client, "story_report", story.pk, report_data())
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert (report.story, report.contact) == (story, "0905 123 456")
    assert report.client_key == services.client_key_of(ADDRESS)
    notification = Notification.objects.get()
    assert notification.user == editor
    assert story.title in notification.message
    assert "2023" in notification.message
    assert not Notification.objects.filter(user=other).exists()


def test_profile_report_reaches_the_editors_of_the_exemplar_scope(client, world, tree):
    editor = factories.user_with_role(Role.EDITOR, tree["sibling"])
    profile = world["profiles"]["consented"]  # scope unit: sibling
    assert post(client, "profile_report", profile.pk, report_data()).status_code == 302
    notification = Notification.objects.get()
    assert (notification.user, notification.exemplar) == (editor, profile.exemplar)


def test_report_needs_a_contact_and_is_rate_limited(client, world):
    story = world["stories"]["public"]
    response = post(client, "story_report", story.pk, report_data(**{"report-contact": ""}))
    assert response.status_code == 400
    for number in range(3):
        assert (
            post(client, "story_report", story.pk, report_data(f"Sai {number}")).status_code == 302
        )
    assert post(client, "story_report", story.pk, report_data()).status_code == 429
    assert ErrorReport.objects.count() == 3


# --- reactions ---------------------------------------------------------------------------------


def tally(story, kind=ReactionKind.LIKE) -> int:
    return (
        ReactionTally.objects.filter(story=story, kind=kind).values_list("count", flat=True).first()
        or 0
    )


def test_one_reaction_per_kind_per_browser(client, world):
    story = world["stories"]["public"]
    react = reverse("portal:story_react", kwargs={"pk": story.pk})
    assert client.post(react, {"kind": "like"}).status_code == 302
    assert client.post(react, {"kind": "like"}).status_code == 302
    assert tally(story) == 1
    client.post(react, {"kind": "inspired"})
    assert tally(story, ReactionKind.INSPIRED) == 1
    html = client.get(reverse("portal:story_detail", kwargs={"pk": story.pk})).content.decode()
    assert 'value="like" class="reaction" aria-pressed="true"' in html


def test_another_browser_or_a_forged_cookie_counts_again(client, world):
    story = world["stories"]["public"]
    react = reverse("portal:story_react", kwargs={"pk": story.pk})
    client.post(react, {"kind": "like"})
    client.cookies["gs_reactions"] = f"{story.pk}:like"  # unsigned: ignored
    client.post(react, {"kind": "like"})
    assert tally(story) == 2


def test_unknown_reaction_is_refused(client, world):
    story = world["stories"]["public"]
    client.post(reverse("portal:story_react", kwargs={"pk": story.pk}), {"kind": "angry"})
    assert not ReactionTally.objects.exists()


def test_reaction_add_is_one_update_once_the_row_exists(world):
    story = world["stories"]["public"]
    services.reaction_add(story=story, kind="thanks")
    with CaptureQueriesContext(connection) as queries:
        services.reaction_add(story=story, kind="thanks")
    assert len(queries) == 1 and queries[0]["sql"].startswith("UPDATE")
    assert tally(story, "thanks") == 2


# --- view counts -------------------------------------------------------------------------------


def test_hundred_views_cost_far_fewer_writes_and_add_up(world):
    story, profile = world["stories"]["public"], world["profiles"]["public"]
    counter = services.ViewCounter(max_hits=1000, max_seconds=3600)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(70):
            counter.record(Story, story.pk)
        for _ in range(30):
            counter.record(type(profile), profile.pk)
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert counter.flush() == 2
    assert len(queries) == 2
    story.refresh_from_db()
    profile.refresh_from_db()
    assert (story.view_count, profile.view_count) == (70, 30)


def test_page_views_are_written_in_batches(client, world, monkeypatch):
    story = world["stories"]["public"]
    counter = services.ViewCounter(max_hits=40, max_seconds=3600)
    monkeypatch.setattr(services, "view_counter", counter)
    path = reverse("portal:story_detail", kwargs={"pk": story.pk})
    with CaptureQueriesContext(connection) as queries:
        for _ in range(100):
            client.get(path)
    updates = [q for q in queries if q["sql"].startswith('UPDATE "stories_story"')]
    assert len(updates) == 2  # at the 40th and the 80th view
    story.refresh_from_db()
    assert story.view_count == 80
    services.view_counts_flush()
    story.refresh_from_db()
    assert story.view_count == 100


def test_view_counter_is_thread_safe(world):
    import threading

    story = world["stories"]["public"]
    counter = services.ViewCounter(max_hits=10**6, max_seconds=3600)

    def hit():
        for _ in range(500):
            counter.record(Story, story.pk)

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counter.pending() == 4000
    counter.flush()
    story.refresh_from_db()
    assert story.view_count == 4000
