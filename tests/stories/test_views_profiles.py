"""The editors' pages for profiles, consent, moderation, error reports and sections."""

import pytest
from django.urls import reverse

from guongsang.orgs.enums import Role
from guongsang.stories import services
from guongsang.stories.enums import CommentStatus, ProfileStatus, ReportStatus
from guongsang.stories.models import ExemplarProfile, Section
from tests import factories
from tests.exemplars.conftest import query_count
from tests.stories.conftest import published_story, register
from tests.stories.test_moderation import comment_on, report_on

pytestmark = pytest.mark.django_db
XSS = "<script>alert(1)</script>"


def _url(name, *args):
    return reverse(f"stories:{name}", args=args)


def test_profile_list_in_scope_with_bounded_queries(
    client, tree, plan, editor, person_exemplar, sibling_exemplar
):
    client.force_login(editor)
    response = client.get(_url("profile_list"))
    assert [e.pk for e in response.context["page_obj"]] == [person_exemplar.pk]
    one = query_count(client, _url("profile_list"))

    for name in ("Trần Thị An", "Phạm Văn Bảo"):
        exemplar = register(factories.person_create(name, unit=tree["own_child"]), plan)
        services.profile_create_or_update(exemplar=exemplar, actor=editor, headline="x")
    assert query_count(client, _url("profile_list")) == one
    response = client.get(_url("profile_list"), {"status": "none"})
    assert [e.pk for e in response.context["page_obj"]] == [person_exemplar.pk]
    response = client.get(_url("profile_list"), {"q": "tran thi an"})
    assert [e.subject_name for e in response.context["page_obj"]] == ["Trần Thị An"]


def test_profile_page_save_consent_publish(client, editor, person_exemplar, english):
    client.force_login(editor)
    url = _url("profile_detail", person_exemplar.pk)
    assert client.get(url).status_code == 200

    response = client.post(url, {"headline": f"Cô giáo {XSS}", "public_summary": "Tóm tắt"})
    assert response.status_code == 302
    profile = ExemplarProfile.objects.get(exemplar=person_exemplar)
    assert profile.headline == "Cô giáo"

    response = client.post(_url("profile_publish", person_exemplar.pk), follow=True)
    assert "no consent to publish personal data is recorded" in response.content.decode()

    response = client.post(_url("profile_consent", person_exemplar.pk), {"given": "on", "note": ""})
    assert response.status_code == 200 and response.context["consent_form"].errors
    client.post(
        _url("profile_consent", person_exemplar.pk), {"given": "on", "note": "Phiếu đồng ý"}
    )
    client.post(_url("profile_publish", person_exemplar.pk))
    profile.refresh_from_db()
    assert (profile.status, profile.consent_recorded_by) == (ProfileStatus.PUBLISHED, editor)

    client.post(_url("profile_feature", person_exemplar.pk), {"featured": "1"})
    profile.refresh_from_db()
    assert profile.is_featured
    client.post(_url("profile_withdraw", person_exemplar.pk), {"reason": "Tạm gỡ"})
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.WITHDRAWN


def test_profile_page_renders_payloads_harmlessly(client, editor, person_exemplar):
    profile = services.profile_create_or_update(exemplar=person_exemplar, actor=editor)
    ExemplarProfile.objects.filter(pk=profile.pk).update(
        headline=XSS, public_summary=XSS, consent_note=XSS
    )
    client.force_login(editor)

    content = client.get(_url("profile_detail", person_exemplar.pk)).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_profile_pages_by_role_and_scope(client, tree, officer, outside_editor, person_exemplar):
    url = _url("profile_detail", person_exemplar.pk)
    client.force_login(outside_editor)
    assert client.get(url).status_code == 404
    assert client.post(url, {"headline": "x"}).status_code == 404

    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200 and response.context["profile_form"] is None
    assert client.post(url, {"headline": "x"}).status_code == 403
    assert client.post(_url("profile_publish", person_exemplar.pk)).status_code == 403
    assert not ExemplarProfile.objects.exists()


def test_moderation_queue_bulk_with_confirmation(
    client, tree, editor, outside_editor, django_assert_max_num_queries
):
    story = published_story(tree["own_child"], editor)
    other = published_story(tree["sibling"], outside_editor)
    first = comment_on(story, text=f"Hay quá {XSS}")
    client.force_login(editor)
    one = query_count(client, _url("moderation_queue"))
    second = comment_on(story)
    comment_on(story)
    theirs = comment_on(other)
    assert query_count(client, _url("moderation_queue")) == one

    page = client.get(_url("moderation_queue")).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert f'value="{theirs.pk}"' not in page

    ids = [first.pk, second.pk, theirs.pk]
    response = client.post(_url("moderation_queue"), {"comment": ids, "action": "publish"})
    assert response.status_code == 200
    assert [c.pk for c in response.context["comments"]] == [first.pk, second.pk]
    first.refresh_from_db()
    assert first.status == CommentStatus.PENDING  # nothing before the confirmation

    client.post(_url("moderation_queue"), {"comment": ids, "action": "publish", "confirm": "1"})
    for comment, status in ((first, "published"), (second, "published"), (theirs, "pending")):
        comment.refresh_from_db()
        assert comment.status == status


def test_moderation_pages_need_an_editor(client, tree, officer):
    client.force_login(officer)
    assert client.get(_url("moderation_queue")).status_code == 403
    assert client.get(_url("report_list")).status_code == 403


def test_report_inbox_and_answer(client, tree, editor, outside_editor, english):
    story = published_story(tree["own_child"], editor)
    report = report_on(story, text=f"Sai tên {XSS}")
    theirs = report_on(published_story(tree["sibling"], outside_editor))
    client.force_login(editor)

    response = client.get(_url("report_list"))
    assert [r.pk for r in response.context["page_obj"]] == [report.pk]
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get(_url("report_detail", theirs.pk)).status_code == 404

    response = client.post(_url("report_detail", report.pk), {"status": "corrected", "answer": ""})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        _url("report_detail", report.pk), {"status": "corrected", "answer": "Đã sửa tên."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.answer) == (ReportStatus.CORRECTED, "Đã sửa tên.")
    response = client.get(_url("report_list"), {"status": "answered"})
    assert [r.pk for r in response.context["page_obj"]] == [report.pk]


def test_report_list_queries_do_not_grow(client, tree, editor):
    story = published_story(tree["own_child"], editor)
    report_on(story)
    client.force_login(editor)
    one = query_count(client, _url("report_list"), {"status": "all"})
    report_on(story)
    services.report_answer(report=report_on(story), status="dismissed", answer="x", actor=editor)
    assert query_count(client, _url("report_list"), {"status": "all"}) == one


def test_sections(client, tree, editor, officer):
    client.force_login(editor)
    response = client.post(
        _url("section_create"), {"name": "Gương sáng giáo dục", "position": 1, "is_active": "on"}
    )
    assert response.status_code == 302
    section = Section.objects.get()
    assert (section.slug, section.is_active) == ("guong-sang-giao-duc", True)

    response = client.post(_url("section_create"), {"name": "Gương sáng giáo dục", "position": 2})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    client.post(
        _url("section_edit", section.pk),
        {"name": "Giáo dục", "slug": "giao-duc", "position": 3},
    )
    section.refresh_from_db()
    assert (section.name, section.slug, section.position, section.is_active) == (
        "Giáo dục",
        "giao-duc",
        3,
        False,
    )
    assert client.get(_url("section_list")).status_code == 200

    client.force_login(officer)
    assert client.get(_url("section_list")).status_code == 200
    assert client.get(_url("section_create")).status_code == 403


def test_province_editor_sees_the_whole_subtree(client, tree, editor, outside_editor):
    story = published_story(tree["sibling"], outside_editor)
    comment = comment_on(story)
    client.force_login(factories.user_with_role(Role.EDITOR, tree["parent"]))

    response = client.get(_url("moderation_queue"))

    assert [c.pk for c in response.context["page_obj"]] == [comment.pk]


def test_section_list_queries_do_not_grow(client, editor):
    client.force_login(editor)
    services.section_create(name="Giáo dục", actor=editor)
    one = query_count(client, _url("section_list"))
    services.section_create(name="Y tế", actor=editor)
    services.section_create(name="Nông nghiệp", actor=editor)
    assert query_count(client, _url("section_list")) == one
