"""Moderation of the public's comments and answers to error reports, in the editor's scope."""

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.common.errors import DomainError
from guongsang.stories import services
from guongsang.stories.enums import CommentStatus, ReportStatus
from guongsang.stories.models import Comment, ErrorReport
from guongsang.stories.selectors_editor import comments_to_moderate, reports_for
from tests.stories.conftest import published_story

pytestmark = pytest.mark.django_db


def comment_on(target, text="Bài viết rất hay", **fields):
    key = "story" if target.__class__.__name__ == "Story" else "profile"
    return Comment.objects.create(
        **{key: target}, author_name="Bạn đọc", text=text, client_key="k" * 64, **fields
    )


def report_on(target, text="Sai năm công nhận"):
    key = "story" if target.__class__.__name__ == "Story" else "profile"
    return ErrorReport.objects.create(
        **{key: target}, name="Bạn đọc", contact="a@example.vn", text=text, client_key="k" * 64
    )


@pytest.fixture
def own_story(tree, editor):
    return published_story(tree["own_child"], editor, title="Bài trong phạm vi")


@pytest.fixture
def sibling_story(tree, outside_editor):
    return published_story(tree["sibling"], outside_editor, title="Bài ngoài phạm vi")


def test_queue_holds_only_pending_comments_in_scope(
    editor, own_story, sibling_story, collective_exemplar
):
    profile = services.profile_create_or_update(
        exemplar=collective_exemplar, actor=editor, headline="Tập thể"
    )
    mine = comment_on(own_story)
    on_profile = comment_on(profile)
    comment_on(sibling_story)
    comment_on(own_story, status=CommentStatus.PUBLISHED)

    assert list(comments_to_moderate(user=editor)) == [mine, on_profile]


def test_publish_and_reject_record_who_and_when(editor, own_story):
    comment = comment_on(own_story)

    comment = services.comment_publish(comment=comment, actor=editor)
    assert (comment.status, comment.moderated_by) == (CommentStatus.PUBLISHED, editor)
    assert comment.moderated_at is not None
    comment = services.comment_reject(comment=comment, actor=editor)
    assert comment.status == CommentStatus.REJECTED


def test_bulk_is_all_or_nothing(editor, own_story, sibling_story):
    mine = comment_on(own_story)
    theirs = comment_on(sibling_story)

    with pytest.raises(PermissionDenied):
        services.comments_moderate(comments=[mine, theirs], publish=True, actor=editor)

    mine.refresh_from_db()
    assert mine.status == CommentStatus.PENDING
    assert services.comments_moderate(comments=[mine], publish=True, actor=editor) == 1


@pytest.mark.parametrize("who", ["officer", "outside_editor"])
def test_moderation_refused_out_of_role_or_scope(request, own_story, who):
    actor = request.getfixturevalue(who)
    comment = comment_on(own_story)
    report = report_on(own_story)

    with pytest.raises(PermissionDenied):
        services.comment_publish(comment=comment, actor=actor)
    with pytest.raises(PermissionDenied):
        services.report_answer(report=report, status="dismissed", answer="x", actor=actor)


def test_admin_moderates_anywhere(admin, sibling_story):
    comment = comment_on(sibling_story)
    assert services.comment_publish(comment=comment, actor=admin).status == "published"


def test_report_answer(editor, own_story, sibling_story):
    report = report_on(own_story)
    report_on(sibling_story)
    assert list(reports_for(user=editor)) == [report]

    with pytest.raises(DomainError):
        services.report_answer(report=report, status="corrected", answer=" ", actor=editor)
    with pytest.raises(DomainError):
        services.report_answer(report=report, status="new", answer="x", actor=editor)
    report = services.report_answer(
        report=report,
        status=ReportStatus.CORRECTED,
        answer="Đã sửa năm công nhận thành 2024. Cảm ơn bạn.<script>x</script>",
        actor=editor,
    )

    assert (report.status, report.handled_by) == (ReportStatus.CORRECTED, editor)
    assert report.answer == "Đã sửa năm công nhận thành 2024. Cảm ơn bạn."
    assert list(reports_for(user=editor, status=ReportStatus.NEW)) == []
    assert list(reports_for(user=editor, status="answered")) == [report]
