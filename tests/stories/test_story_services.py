"""Stories through the workflow: who may take each step, consent, scheduling, sanitising."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import DiscoveryKind, ExemplarStatus
from guongsang.exemplars.models import Notification
from guongsang.orgs.enums import Role
from guongsang.stories import services
from guongsang.stories.enums import StoryStatus
from guongsang.stories.selectors import public_stories
from tests import factories
from tests.stories.conftest import consent, published_story, register, soon, story_create

pytestmark = pytest.mark.django_db


def test_story_create_stores_sanitised_text_slug_and_search_text(tree, editor):
    story = story_create(
        tree["own_child"],
        editor,
        title="<script>alert(1)</script>Gương sáng <b>Khánh Hòa</b>",
        lead='<img src=x onerror="alert(1)">Người thầy giáo',
        body='<p onclick="x()">Thầy <strong>Đặng</strong></p><script>alert(2)</script>'
        '<a href="javascript:alert(3)">xem</a>',
    )

    story.refresh_from_db()
    assert story.title == "Gương sáng Khánh Hòa"
    assert story.lead == "Người thầy giáo"
    assert story.body == '<p>Thầy <strong>Đặng</strong></p><a rel="noopener noreferrer">xem</a>'
    assert story.slug == "guong-sang-khanh-hoa"
    assert story.search_text == "guong sang khanh hoa nguoi thay giao thay dang xem"
    assert (story.status, story.author, story.unit) == (
        StoryStatus.DRAFT,
        editor,
        tree["own_child"],
    )
    assert story.history.first().history_user == editor


def test_story_create_refused_outside_scope_and_for_officers(tree, editor, officer):
    with pytest.raises(PermissionDenied):
        story_create(tree["sibling"], editor)
    with pytest.raises(PermissionDenied):
        story_create(tree["own"], officer)


def test_story_exemplars_must_be_in_scope_and_presentable(
    tree, plan, editor, person_exemplar, sibling_exemplar, english
):
    with pytest.raises(DomainError, match="outside your scope"):
        story_create(tree["own"], editor, exemplars=[sibling_exemplar])
    person = factories.person_create(unit=tree["own_child"])
    nurturing = register(person, plan, status=ExemplarStatus.NURTURING)
    with pytest.raises(DomainError, match="cannot be presented"):
        story_create(tree["own"], editor, exemplars=[nurturing])
    story = story_create(tree["own"], editor, exemplars=[person_exemplar])
    assert list(story.exemplars.all()) == [person_exemplar]


def test_discovered_new_factor_may_be_presented_before_recognition(tree, plan, editor):
    person = factories.person_create(unit=tree["own_child"])
    new_factor = register(person, plan, status=ExemplarStatus.REGISTERED)
    new_factor.origin, new_factor.discovery_kind = "discovered", DiscoveryKind.NEW_FACTOR
    new_factor.save()

    story = story_create(tree["own"], editor, exemplars=[new_factor])

    assert list(story.exemplars.all()) == [new_factor]


def test_workflow_draft_review_publish_archive(tree, editor, second_editor):
    story = story_create(tree["own_child"], editor)

    story = services.story_submit(story=story, actor=editor)
    assert story.status == StoryStatus.IN_REVIEW
    assert Notification.objects.filter(user=second_editor, url__contains=str(story.pk)).exists()
    assert not Notification.objects.filter(user=editor).exists()
    with pytest.raises(DomainError):
        services.story_update(story=story, actor=editor, title="Sửa khi đang duyệt")

    story = services.story_approve(story=story, actor=second_editor)
    assert (story.status, story.reviewed_by) == (StoryStatus.PUBLISHED, second_editor)
    assert story.published_at <= timezone.now()
    assert list(public_stories()) == [story]
    assert Notification.objects.filter(user=editor, url__contains=str(story.pk)).count() == 1

    story = services.story_archive(story=story, actor=second_editor)
    assert story.status == StoryStatus.ARCHIVED
    assert list(public_stories()) == []
    reasons = [h.history_change_reason for h in story.history.order_by("history_date")]
    assert len(reasons) == 4


def test_return_needs_a_reason_and_reaches_the_author(tree, editor, second_editor):
    story = story_create(tree["own_child"], editor)
    services.story_submit(story=story, actor=editor)

    with pytest.raises(DomainError):
        services.story_return(story=story, actor=second_editor, reason="  ")
    story = services.story_return(story=story, actor=second_editor, reason="Số liệu chưa khớp")

    assert story.status == StoryStatus.DRAFT
    assert story.history.first().history_change_reason == "Số liệu chưa khớp"
    assert Notification.objects.filter(user=editor, message__contains="Số liệu chưa khớp").exists()
    services.story_update(story=story, actor=editor, title="Đã sửa số liệu")
    story.refresh_from_db()
    assert story.title == "Đã sửa số liệu"


def test_published_story_returns_to_draft_and_leaves_the_portal(tree, editor):
    story = published_story(tree["own_child"], editor)
    assert public_stories().filter(pk=story.pk).exists()

    services.story_return(story=story, actor=editor, reason="Phản ánh: sai tên đơn vị")

    story.refresh_from_db()
    assert (story.status, story.published_at) == (StoryStatus.DRAFT, None)
    assert not public_stories().filter(pk=story.pk).exists()


@pytest.mark.parametrize(
    "step, status",
    [
        ("submit", StoryStatus.IN_REVIEW),
        ("approve", StoryStatus.DRAFT),
        ("archive", StoryStatus.DRAFT),
        ("archive", StoryStatus.IN_REVIEW),
    ],
)
def test_steps_refused_from_the_wrong_status(tree, editor, step, status):
    story = story_create(tree["own_child"], editor)
    if status == StoryStatus.IN_REVIEW:
        services.story_submit(story=story, actor=editor)

    with pytest.raises(DomainError):
        getattr(services, f"story_{step}")(story=story, actor=editor)


def test_submit_needs_a_body(tree, editor):
    story = story_create(tree["own_child"], editor, body="<script>x</script>")

    with pytest.raises(DomainError):
        services.story_submit(story=story, actor=editor)


@pytest.mark.parametrize("who", ["officer", "outside_editor"])
def test_who_may_not_change_or_publish(request, tree, editor, who):
    actor = request.getfixturevalue(who)
    story = story_create(tree["own_child"], editor)

    with pytest.raises(PermissionDenied):
        services.story_update(story=story, actor=actor, title="x")
    with pytest.raises(PermissionDenied):
        services.story_submit(story=story, actor=actor)
    services.story_submit(story=story, actor=editor)
    with pytest.raises(PermissionDenied):
        services.story_approve(story=story, actor=actor)
    with pytest.raises(PermissionDenied):
        services.story_return(story=story, actor=actor, reason="x")


def test_admin_may_publish_anywhere(tree, outside_editor, admin):
    story = story_create(tree["sibling"], outside_editor)
    services.story_submit(story=story, actor=outside_editor)

    story = services.story_approve(story=story, actor=admin)

    assert story.status == StoryStatus.PUBLISHED


def test_editor_of_a_parent_unit_reaches_the_child_unit(tree, editor):
    province_editor = factories.user_with_role(Role.EDITOR, tree["parent"])
    story = story_create(tree["own_child"], editor)
    services.story_submit(story=story, actor=editor)

    assert services.story_approve(story=story, actor=province_editor).status == "published"


def test_approve_refused_without_consent_of_a_person_or_household(
    tree, editor, person_exemplar, household_exemplar, collective_exemplar
):
    story = story_create(
        tree["own_child"],
        editor,
        exemplars=[person_exemplar, household_exemplar, collective_exemplar],
    )
    services.story_submit(story=story, actor=editor)

    with pytest.raises(DomainError) as error:
        services.story_approve(story=story, actor=editor)
    assert "Nguyễn Thị Hoa" in error.value.message and "Hộ Trần Văn Bình" in error.value.message
    assert "Khánh" not in error.value.message  # the collective needs no consent

    consent(person_exemplar, editor)
    with pytest.raises(DomainError):
        services.story_approve(story=story, actor=editor)
    consent(household_exemplar, editor)
    story = services.story_approve(story=story, actor=editor)
    assert story.status == StoryStatus.PUBLISHED


def test_consent_withdrawn_archives_the_published_stories(tree, editor, person_exemplar):
    profile = consent(person_exemplar, editor)
    story = published_story(tree["own_child"], editor, exemplars=[person_exemplar])

    services.consent_record(profile=profile, given=False, note="Gia đình đề nghị gỡ", actor=editor)

    story.refresh_from_db()
    assert story.status == StoryStatus.ARCHIVED
    assert not public_stories().exists()


def test_scheduled_story_is_hidden_until_due(tree, editor):
    when = soon(hours=3)
    story = story_create(tree["own_child"], editor, publish_at=when)
    services.story_submit(story=story, actor=editor)

    story = services.story_approve(story=story, actor=editor)

    assert (story.status, story.published_at) == (StoryStatus.PUBLISHED, when)
    assert services.story_is_scheduled(story)
    assert not public_stories().filter(pk=story.pk).exists()
    type(story).objects.filter(pk=story.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert public_stories().filter(pk=story.pk).exists()


def test_schedule_moves_a_scheduled_story_and_refuses_the_past(tree, editor):
    story = story_create(tree["own_child"], editor, publish_at=soon(hours=3))
    services.story_submit(story=story, actor=editor)
    story = services.story_approve(story=story, actor=editor)

    later = soon(hours=30)
    story = services.story_schedule(story=story, publish_at=later, actor=editor)
    assert story.published_at == later
    with pytest.raises(DomainError):
        services.story_schedule(
            story=story, publish_at=timezone.now() - datetime.timedelta(hours=1), actor=editor
        )
    story = services.story_schedule(story=story, publish_at=None, actor=editor)
    assert public_stories().filter(pk=story.pk).exists()
    with pytest.raises(DomainError):
        services.story_schedule(story=story, publish_at=soon(), actor=editor)


def test_past_publish_at_on_create_is_refused(tree, editor):
    with pytest.raises(DomainError):
        story_create(
            tree["own_child"], editor, publish_at=timezone.now() - datetime.timedelta(days=1)
        )
