"""The editors' story pages: scope, workflow buttons, preview, photos, harmless payloads."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from guongsang.orgs.enums import Role
from guongsang.stories import services
from guongsang.stories.enums import StoryStatus
from guongsang.stories.models import Story
from tests import factories
from tests.exemplars.conftest import query_count
from tests.stories.conftest import image_bytes, published_story, story_create, upload

pytestmark = pytest.mark.django_db
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def _url(name, *args):
    return reverse(f"stories:{name}", args=args)


def test_list_shows_the_scope_and_filters(client, tree, editor, outside_editor):
    mine = story_create(tree["own_child"], editor, title="Gương sáng Khánh Hòa")
    other = story_create(tree["own"], editor, title="Nông dân giỏi")
    published_story(tree["sibling"], outside_editor, title="Bài của Sở Y tế")
    client.force_login(editor)

    response = client.get(_url("story_list"))
    assert [s.pk for s in response.context["page_obj"]] == [other.pk, mine.pk]
    response = client.get(_url("story_list"), {"q": "khanh hoa"})
    assert [s.pk for s in response.context["page_obj"]] == [mine.pk]
    response = client.get(_url("story_list"), {"status": "published"})
    assert list(response.context["page_obj"]) == []
    response = client.get(_url("story_list"), {"unit": tree["own_child"].pk})
    assert [s.pk for s in response.context["page_obj"]] == [mine.pk]


def test_list_queries_do_not_grow(client, tree, editor):
    client.force_login(editor)
    story_create(tree["own_child"], editor)
    one = query_count(client, _url("story_list"))
    story_create(tree["own"], editor)
    published_story(tree["own_child"], editor)
    assert query_count(client, _url("story_list")) == one


def test_staff_member_may_not_browse(client, tree):
    client.force_login(factories.user_with_role(Role.STAFF, tree["own"]))
    assert client.get(_url("story_list")).status_code == 403


def test_story_out_of_scope_does_not_exist(client, tree, editor, outside_editor):
    story = story_create(tree["sibling"], outside_editor)
    client.force_login(editor)

    assert client.get(_url("story_detail", story.pk)).status_code == 404
    assert client.post(_url("story_submit", story.pk)).status_code == 404
    assert client.get(_url("story_edit", story.pk)).status_code == 404


def test_officer_reads_but_may_not_act(client, tree, editor, officer):
    story = story_create(tree["own_child"], editor)
    client.force_login(officer)

    response = client.get(_url("story_detail", story.pk))
    assert response.status_code == 200
    assert b'data-testid="story-submit"' not in response.content
    assert client.get(_url("story_edit", story.pk)).status_code == 403
    assert client.post(_url("story_submit", story.pk)).status_code == 403
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT


def test_create_saves_a_sanitised_draft(client, tree, editor):
    client.force_login(editor)
    data = {
        "title": f"Gương sáng {XSS}",
        "lead": f"Lời dẫn {XSS}",
        "body": f"<p>Đoạn <strong>một</strong></p>{XSS}",
        "unit": tree["own_child"].pk,
        "publish_at": "",
    }

    response = client.post(_url("story_create"), data)

    story = Story.objects.get()
    assert response.status_code == 302 and response.url == _url("story_detail", story.pk)
    assert (story.title, story.lead) == ("Gương sáng", "Lời dẫn")
    assert story.body == "<p>Đoạn <strong>một</strong></p>"


def test_preview_and_find_save_nothing(client, tree, editor, person_exemplar):
    client.force_login(editor)
    data = {"title": "Bài", "body": f"<p>Xem trước</p>{XSS}", "unit": tree["own_child"].pk}

    response = client.post(_url("story_create"), {**data, "preview": "1"})
    assert response.status_code == 200 and not Story.objects.exists()
    preview = response.content.decode().split('data-testid="story-preview"')[1]
    assert "<p>Xem trước</p>" in preview
    assert "<script" not in preview and "onerror" not in preview

    response = client.post(_url("story_create"), {**data, "find": "1", "exemplar_query": "hoa"})
    assert response.status_code == 200 and not Story.objects.exists()
    choices = response.context["form"].fields["exemplars"].widget.choices
    assert [pk for pk, _label in choices] == [person_exemplar.pk]


def test_pages_render_stored_payloads_harmlessly(client, tree, editor):
    """Even a row written around the services (an old import, a database edit)."""
    story = story_create(tree["own_child"], editor)
    image = services.image_add(story=story, upload=upload(image_bytes()), alt="a", actor=editor)
    Story.objects.filter(pk=story.pk).update(title=XSS, lead=XSS, body=f"<p>ok</p>{XSS}")
    type(image).objects.filter(pk=image.pk).update(alt=f'x" {XSS}', caption=XSS)
    client.force_login(editor)

    for url in (_url("story_detail", story.pk), _url("story_list"), _url("image_edit", image.pk)):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content, url
        assert "<img src=x" not in content, url
    content = client.get(_url("story_detail", story.pk)).content.decode()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in content
    assert "<p>ok</p>" in content


def test_edit_only_a_draft(client, tree, editor, english):
    story = story_create(tree["own_child"], editor)
    client.force_login(editor)
    response = client.get(_url("story_edit", story.pk))
    assert response.status_code == 200
    assert response.context["form"].initial["title"] == story.title

    services.story_submit(story=story, actor=editor)
    response = client.get(_url("story_edit", story.pk), follow=True)
    assert "Only a draft can be changed" in response.content.decode()


def test_workflow_through_the_buttons(client, tree, editor, second_editor, english):
    story = story_create(tree["own_child"], editor)
    client.force_login(editor)
    page = client.get(_url("story_detail", story.pk)).content.decode()
    assert 'data-testid="story-submit"' in page and 'data-testid="story-approve"' not in page

    client.post(_url("story_submit", story.pk))
    client.force_login(second_editor)
    page = client.get(_url("story_detail", story.pk)).content.decode()
    assert 'data-testid="story-approve"' in page and 'data-testid="story-edit"' not in page
    response = client.post(_url("story_return", story.pk), {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors
    client.post(_url("story_return", story.pk), {"reason": "Bổ sung số liệu"})
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT

    services.story_submit(story=story, actor=editor)
    client.post(_url("story_approve", story.pk))
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    client.post(_url("story_archive", story.pk), {"reason": "Hết thời sự"})
    story.refresh_from_db()
    assert story.status == StoryStatus.ARCHIVED
    assert story.history.first().history_change_reason == "Hết thời sự"


def test_approve_without_consent_says_why(client, tree, editor, person_exemplar, english):
    story = story_create(tree["own_child"], editor, exemplars=[person_exemplar])
    services.story_submit(story=story, actor=editor)
    client.force_login(editor)

    page = client.get(_url("story_detail", story.pk)).content.decode()
    assert 'data-testid="consent-missing"' in page

    response = client.post(_url("story_approve", story.pk), follow=True)
    assert "No consent to publish personal data is recorded for Nguyễn Thị Hoa" in (
        response.content.decode()
    )
    story.refresh_from_db()
    assert story.status == StoryStatus.IN_REVIEW


def test_schedule_with_a_vietnamese_date(client, tree, editor):
    story = story_create(tree["own_child"], editor)
    client.force_login(editor)
    when = timezone.localtime() + datetime.timedelta(days=3)

    response = client.post(
        _url("story_schedule", story.pk), {"publish_at": when.strftime("%d/%m/%Y %H:%M")}
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert timezone.localtime(story.publish_at).strftime("%d/%m/%Y %H:%M") == when.strftime(
        "%d/%m/%Y %H:%M"
    )


def test_photo_upload_page(client, tree, editor, english, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    story = story_create(tree["own_child"], editor)
    client.force_login(editor)
    url = _url("story_image_add", story.pk)

    fake = upload(b"<?php echo 1; ?>", name="anh.jpg")
    response = client.post(url, {"image": fake, "alt": "Ảnh"})
    assert response.status_code == 200
    assert "only those are accepted" in response.content.decode()
    assert not story.images.exists()

    response = client.post(url, {"image": upload(image_bytes()), "alt": "Lớp học", "caption": ""})
    assert response.status_code == 302
    image = story.images.get()
    page = client.get(_url("story_detail", story.pk)).content.decode()
    assert image.thumbnail.url in page and 'alt="Lớp học"' in page

    client.post(_url("image_delete", image.pk))
    assert not story.images.exists()


def test_photo_pages_out_of_scope(client, tree, editor, outside_editor):
    story = story_create(tree["sibling"], outside_editor)
    image = services.image_add(
        story=story, upload=upload(image_bytes()), alt="a", actor=outside_editor
    )
    client.force_login(editor)

    assert client.get(_url("image_edit", image.pk)).status_code == 404
    assert client.post(_url("image_delete", image.pk)).status_code == 404
    assert client.get(_url("story_image_add", story.pk)).status_code == 404
