"""The demo's propagation (guongsang/demo/propagation.py): the portal's sections, profiles and
stories, the public's comments, propagation activities, events and replications, as the demo
users and the public see them."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from guongsang.common.errors import DomainError
from guongsang.exemplars import dashboard
from guongsang.exemplars.enums import DiscoveryKind, ExemplarStatus
from guongsang.plans.models import Milestone, Plan
from guongsang.portal.sharing import short_path
from guongsang.propagation.enums import Channel, EventKind, EventStatus, ReplicationStatus
from guongsang.propagation.models import Event, PropagationActivity, Replication
from guongsang.propagation.selectors_figures import replication_ranking, replication_regions
from guongsang.stories import services as st
from guongsang.stories.enums import CommentStatus, ProfileStatus, ReportStatus, StoryStatus
from guongsang.stories.html import clean_html
from guongsang.stories.models import Comment, ErrorReport, ExemplarProfile, Image, Section, Story
from guongsang.stories.selectors import public_profiles, public_stories


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("demo_load", stdout=out, stderr=StringIO())
    users = get_user_model().objects.filter(username__in=["admin", "bientap", "canbo"])
    return {"out": out.getvalue(), **{user.username: user for user in users}}


def test_demo_propagation_portal_work_and_pages(demo, client):
    profiles = _assert_sections_and_profiles(demo)
    stories = _assert_stories(demo)
    _assert_feedback(stories)
    _assert_activities_and_quota(demo)
    honouring = _assert_events(demo, stories)
    _assert_replications(demo, profiles["recognised"].exemplar)
    _assert_public_pages(client, profiles, stories, honouring)
    _assert_staff_pages(client, demo, profiles["recognised"].exemplar)
    assert "11 bài viết" in demo["out"] and "4 sự kiện" in demo["out"]

    again = StringIO()
    call_command("demo_load", if_empty=True, stdout=again, stderr=StringIO())

    assert Story.objects.count() == 11 and Event.objects.count() == 4
    assert "bientap" in again.getvalue()


def _assert_sections_and_profiles(demo) -> dict:
    sections = {s.slug: s for s in Section.objects.select_related("field")}
    assert set(sections) == {
        "guong-nguoi-tot-viec-tot", "nong-thon-moi", "chuyen-doi-so", "cai-cach-hanh-chinh",
        "nganh-nong-nghiep-va-moi-truong",
    }  # fmt: skip
    assert sections["nong-thon-moi"].field.code == "nong-thon-moi"
    assert sections["cai-cach-hanh-chinh"].field.code == "cai-cach-hanh-chinh"
    public = list(public_profiles().select_related("exemplar"))
    assert len(public) == 3
    kinds = {p.exemplar.discovery_kind or p.exemplar.status for p in public}
    assert kinds == {DiscoveryKind.GOOD_DEED, DiscoveryKind.NEW_MODEL, ExemplarStatus.RECOGNISED}
    assert all(p.consent_given and p.consent_note.startswith(("Đồng ý bằng văn bản", "Chủ hộ"))
               for p in public)  # fmt: skip
    assert all(p.consent_recorded_by == demo["bientap"] for p in public)
    assert sum(p.is_featured for p in public) == 2
    assert all(p.headline and p.public_summary for p in public)
    # A new factor without recorded consent: a draft the rule keeps off the portal.
    unpublished = ExemplarProfile.objects.select_related("exemplar").get(status=ProfileStatus.DRAFT)
    assert unpublished.exemplar.discovery_kind == DiscoveryKind.NEW_FACTOR
    assert unpublished.exemplar.person_id and not unpublished.consent_given
    with pytest.raises(DomainError):
        st.profile_publish(profile=unpublished, actor=demo["bientap"])
    recognised = next(p for p in public if p.exemplar.status == ExemplarStatus.RECOGNISED)
    household = next(p for p in public if p.exemplar.household_id)
    return {"recognised": recognised, "household": household, "unpublished": unpublished}


def _assert_stories(demo) -> dict:
    stories = list(Story.objects.prefetch_related("exemplars", "images"))
    assert 8 <= len(stories) <= 12
    assert {s.author for s in stories} == {demo["bientap"]}
    assert all(s.body == clean_html(s.body) and "<p>" in s.body for s in stories)
    assert all("{" not in s.title + s.lead + s.body for s in stories)  # every field filled
    statuses = [s.status for s in stories]
    assert statuses.count(StoryStatus.IN_REVIEW) == statuses.count(StoryStatus.DRAFT) == 1
    assert statuses.count(StoryStatus.ARCHIVED) == 1
    now = timezone.now()
    scheduled = [s for s in stories if s.status == "published" and s.published_at > now]
    assert len(scheduled) == 1 and scheduled[0].published_at < now + datetime.timedelta(days=10)
    public = list(public_stories())
    assert len(public) == 7 and scheduled[0] not in public
    assert {s.section.slug for s in public} >= {"guong-nguoi-tot-viec-tot", "nong-thon-moi"}
    # The story in review is about the person without consent: approval is refused.
    in_review = next(s for s in stories if s.status == StoryStatus.IN_REVIEW)
    assert in_review.history.filter(status=StoryStatus.DRAFT, history_change_reason__gt="")
    with pytest.raises(DomainError):
        st.story_approve(story=in_review, actor=demo["admin"])
    image = Image.objects.get()
    assert image.story.status == StoryStatus.PUBLISHED and image.alt and image.width == 1200
    assert image.image.storage.exists(image.image.name)
    return {
        "public": public,
        "with_image": image.story,
        "scheduled": scheduled[0],
        "archived": next(s for s in stories if s.status == StoryStatus.ARCHIVED),
        "in_review": in_review,
    }


def _assert_feedback(stories):
    comments = list(Comment.objects.all())
    statuses = sorted(c.status for c in comments)
    assert statuses == [CommentStatus.PENDING, CommentStatus.PUBLISHED, CommentStatus.PUBLISHED]
    assert all(len(c.client_key) == 64 and "203.0.113" not in c.client_key for c in comments)
    assert all(c.moderated_by for c in comments if c.status == CommentStatus.PUBLISHED)
    report = ErrorReport.objects.get()
    assert report.status == ReportStatus.NEW and report.story in stories["public"]


def _assert_activities_and_quota(demo):
    activities = PropagationActivity.objects.prefetch_related("exemplars")
    assert 10 <= activities.count() <= 15
    assert set(activities.values_list("channel", flat=True)) == set(Channel.values)
    assert set(activities.values_list("created_by__username", flat=True)) == {"canbo"}
    outlets = set(activities.values_list("outlet", flat=True))
    assert {"Báo Khánh Hòa", "Đài Phát thanh - Truyền hình Khánh Hòa"} <= outlets
    assert activities.filter(exemplars__isnull=False).distinct().count() >= 5
    plan = Plan.objects.get(issuer__name="Sở Tài nguyên và Môi trường")
    figures = dashboard.plan_dashboard(plan=plan, user=demo["canbo"])
    quota = next(q for q in figures.quotas if q.quota.counts == "propagation")
    states = {row.state for row in quota.rows if row.period.year == 2025}
    assert states == {"met", "behind"}
    office = next(r for r in quota.rows if r.unit.name == "Văn phòng Sở" and r.period.year == 2025)
    assert office.count >= 3


def _assert_events(demo, stories) -> Event:
    events = {e.kind: e for e in Event.objects.prefetch_related("honoured", "materials")}
    assert set(events) == {
        EventKind.HONOURING_CONFERENCE, EventKind.STUDY_VISIT, EventKind.EXPERIENCE_EXCHANGE,
        EventKind.CONGRESS,
    }  # fmt: skip
    honouring = events[EventKind.HONOURING_CONFERENCE]
    assert (honouring.status, timezone.localtime(honouring.start).date()) == (
        EventStatus.HELD, datetime.date(2025, 12, 29),
    )  # fmt: skip
    milestone = Milestone.objects.get(pk=honouring.milestone_id)
    assert milestone.kind == "congress" and milestone.done_on == datetime.date(2025, 12, 29)
    assert honouring.honoured.count() >= 3 and honouring.created_by == demo["canbo"]
    material = honouring.materials.get()
    assert material.is_public and material.url.endswith(short_path("story", _honouring_story().pk))
    now = timezone.now()
    assert events[EventKind.STUDY_VISIT].status == EventStatus.HELD
    for kind in (EventKind.EXPERIENCE_EXCHANGE, EventKind.CONGRESS):
        assert events[kind].status == EventStatus.PLANNED and events[kind].start > now
    assert events[EventKind.EXPERIENCE_EXCHANGE].start < now + datetime.timedelta(days=70)
    return honouring


def _honouring_story() -> Story:
    return Story.objects.get(title__contains="biểu dương điển hình tiên tiến năm 2025")


def _assert_replications(demo, exemplar):
    replications = list(Replication.objects.select_related("unit", "created_by"))
    assert 4 <= len(replications) <= 6
    assert {r.exemplar_id for r in replications} == {exemplar.pk}
    assert {r.status for r in replications} == set(ReplicationStatus.values)
    measured = [r for r in replications if r.metric_after is not None]
    assert len(measured) >= 3 and all(r.metric_after < r.metric_before for r in measured)
    assert {r.created_by.username for r in replications} == {"admin", "canbo"}
    ranking = replication_ranking(user=demo["admin"])
    assert ranking[0].exemplar.pk == exemplar.pk
    regions = replication_regions(replications=Replication.objects.all())
    assert sum(region.count for region in regions) == len(replications)


def _assert_public_pages(client, profiles, stories, honouring):
    home = client.get(reverse("portal:home")).content.decode()
    assert profiles["recognised"].headline in home
    assert stories["with_image"].title in home and stories["scheduled"].title not in home
    assert honouring.title not in home  # held: not among the upcoming events
    page = client.get(reverse("portal:profile_detail", args=[profiles["recognised"].pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "Xã Diên Khánh" in body and honouring.title in body
    story = client.get(reverse("portal:story_detail", args=[stories["with_image"].pk]))
    body = story.content.decode()
    assert stories["with_image"].images.get().alt in body
    published = Comment.objects.get(story=stories["with_image"])
    assert published.status == CommentStatus.PUBLISHED and published.text in body
    pending = Comment.objects.get(status=CommentStatus.PENDING)
    assert pending.text not in body
    event = client.get(reverse("portal:event_detail", args=[honouring.pk])).content.decode()
    assert honouring.materials.get().title in event
    events = client.get(reverse("portal:event_list")).content.decode()
    assert Event.objects.get(kind=EventKind.CONGRESS).title in events
    for name, pk in (
        ("portal:profile_detail", profiles["unpublished"].pk),
        ("portal:story_detail", stories["scheduled"].pk),
        ("portal:story_detail", stories["archived"].pk),
        ("portal:story_detail", stories["in_review"].pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    section = client.get(reverse("portal:section_detail", args=["nong-thon-moi"]))
    assert section.status_code == 200 and "Bản tin dự báo sâu bệnh" in section.content.decode()


def _assert_staff_pages(client, demo, exemplar):
    client.force_login(demo["admin"])
    ranking = client.get(reverse("propagation:replication_ranking"))
    assert ranking.status_code == 200 and exemplar.subject_name in ranking.content.decode()
    regions = client.get(reverse("propagation:exemplar_replications", args=[exemplar.pk]))
    assert regions.status_code == 200 and "Xã Cam Lâm" in regions.content.decode()
    client.force_login(demo["bientap"])
    queue = client.get(reverse("stories:moderation_queue"))
    pending = Comment.objects.get(status=CommentStatus.PENDING)
    assert queue.status_code == 200 and pending.text in queue.content.decode()
