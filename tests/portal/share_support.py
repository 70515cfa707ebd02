"""Test data and helpers for the sharing and open data tests (tests/portal/test_share*.py).

Content is made directly with model.objects.create: the editorial services are separate.
Each test module uses `pytestmark = [pytest.mark.urls(SHARE_URLS), ...]` (stand-ins for the
public pages only where they do not exist) and imports the fixtures it needs by their
*_fixture names.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guongsang.common.text import fold
from guongsang.exemplars.models import Exemplar
from guongsang.plans.models import Field, Plan
from guongsang.propagation.enums import EventKind, EventStatus, ReplicationStatus
from guongsang.propagation.models import Event, Replication
from guongsang.stories.enums import ProfileStatus, StoryStatus
from guongsang.stories.models import ExemplarProfile, Section, Story
from tests import factories

SHARE_URLS = "tests.portal.share_urls"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
NOW = timezone.now


def ago(days: int = 1) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def ahead(days: int = 1) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def plan_create(issuer) -> Plan:
    return Plan.objects.create(
        number="12065/KH-UBND",
        title="Kế hoạch phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến",
        issuer=issuer,
        start_year=2021,
        end_year=2025,
        status="issued",
    )


def exemplar_create(plan, scope_unit, *, kind="collective", name=None, year=2024, **fields):
    if kind == "collective":
        subject = {"unit": scope_unit}
    elif kind == "household":
        subject = {"household": factories.household_create(locality=scope_unit)}
    else:
        subject = {
            "person": factories.person_create(
                full_name=name or "Nguyễn Thị Hoa",
                unit=scope_unit,
                email="rieng-tu@example.vn",
                phone="0905000111",
                id_number="079000000001",
            )
        }
    return Exemplar.objects.create(
        plan=plan,
        year=year,
        scope_unit=scope_unit,
        unit_name=scope_unit.name,
        subject_name=name or str(next(iter(subject.values()))),
        registered_by=factories.UserFactory(),
        **subject,
        **fields,
    )


def profile_create(exemplar, *, status=ProfileStatus.PUBLISHED, published_at=None, **fields):
    fields.setdefault("consent_given", exemplar.unit_id is None)
    if fields["consent_given"]:
        fields.setdefault(
            "consent_note", "Đồng ý bằng văn bản ngày 01/03/2025, số điện thoại riêng"
        )
    return ExemplarProfile.objects.create(
        exemplar=exemplar,
        status=status,
        published_at=published_at or ago(),
        headline=fields.pop("headline", f"Gương sáng {exemplar.subject_name}"),
        search_text=fold(f"{exemplar.subject_name} {exemplar.unit_name}"),
        **fields,
    )


def story_create(unit, *, title="Bài viết", status=StoryStatus.PUBLISHED, published_at=None,
                 section=None, exemplars=(), author=None, **fields) -> Story:  # fmt: skip
    story = Story.objects.create(
        title=title,
        slug="bai-viet",
        unit=unit,
        section=section,
        status=status,
        published_at=published_at or ago(),
        author=author or factories.UserFactory(),
        lead=fields.pop("lead", f"Tóm tắt {title}"),
        body=fields.pop("body", "<p>Nội dung &amp; hình ảnh</p>"),
        search_text=fold(title),
        **fields,
    )
    story.exemplars.set(exemplars)
    return story


def section_create(name="Gương sáng giáo dục", slug="giao-duc", **fields) -> Section:
    return Section.objects.create(name=name, slug=slug, **fields)


def event_create(organiser, *, title="Hội nghị điển hình tiên tiến", start=None, **fields):
    start = start or ahead(10)
    return Event.objects.create(
        kind=fields.pop("kind", EventKind.HONOURING_CONFERENCE),
        title=title,
        organiser=organiser,
        start=start,
        end=fields.pop("end", start + datetime.timedelta(hours=4)),
        location=fields.pop("location", "Hội trường UBND tỉnh, Nha Trang"),
        participants=fields.pop("participants", "Ông Nguyễn Văn A, bà Trần Thị B"),
        **fields,
    )


def replication_create(exemplar, unit, *, start=None, status=ReplicationStatus.IN_PROGRESS,
                       **fields) -> Replication:  # fmt: skip
    return Replication.objects.create(
        exemplar=exemplar,
        unit=unit,
        start=start or datetime.date(2025, 1, 15),
        status=status,
        notes=fields.pop("notes", "Ghi chú nội bộ"),
        outcome=fields.pop("outcome", "Kết quả nội bộ"),
        **fields,
    )


@pytest.fixture(name="plan")
def plan_fixture(tree):
    return plan_create(tree["parent"])


@pytest.fixture(name="content")
def content_fixture(tree, plan):
    """Public content next to content that must never be public, in the `own` subtree."""
    own, child, sibling = tree["own"], tree["own_child"], tree["sibling"]
    field = Field.objects.create(code="giao-duc", name="Giáo dục")
    section = section_create()
    hidden_section = section_create("Chuyên mục ẩn", "an", is_active=False)

    collective = exemplar_create(plan, own, kind="collective")
    collective.fields.add(field)
    person = exemplar_create(plan, child, kind="individual", name="Nguyễn Thị Hoa")
    unconsented = exemplar_create(plan, own, kind="individual", name="Lê Văn Kín")
    draft = exemplar_create(plan, own, kind="individual", name="Phạm Văn Nháp")
    withdrawn = exemplar_create(plan, own, kind="collective", name="Tập thể rút")
    scheduled = exemplar_create(plan, own, kind="collective", name="Tập thể hẹn giờ")
    elsewhere = exemplar_create(plan, sibling, kind="collective", name="Sở Y tế tiêu biểu")

    profiles = {
        "collective": profile_create(collective),
        "person": profile_create(person, consent_given=True),
        "unconsented": profile_create(unconsented, consent_given=False),
        "draft": profile_create(draft, status=ProfileStatus.DRAFT),
        "withdrawn": profile_create(withdrawn, status=ProfileStatus.WITHDRAWN),
        "scheduled": profile_create(scheduled, published_at=ahead()),
        "elsewhere": profile_create(elsewhere),
    }
    stories = {
        "public": story_create(
            own, title="Cô giáo vùng cao", section=section, exemplars=[person, unconsented]
        ),  # fmt: skip
        "child": story_create(child, title="Phòng thi đua đổi mới"),
        "draft": story_create(own, title="Bản nháp", status=StoryStatus.DRAFT),
        "in_review": story_create(own, title="Đang duyệt", status=StoryStatus.IN_REVIEW),
        "scheduled": story_create(own, title="Hẹn giờ", published_at=ahead()),
        "archived": story_create(
            own, title="Lưu trữ", status=StoryStatus.ARCHIVED, section=section
        ),  # fmt: skip
        "hidden_section": story_create(own, title="Chuyên mục ẩn", section=hidden_section),
        "elsewhere": story_create(sibling, title="Sở Y tế"),
    }
    events = {
        "public": event_create(own),
        "cancelled": event_create(own, title="Giao lưu bị hủy", status=EventStatus.CANCELLED),
        "private": event_create(own, title="Họp nội bộ", is_public=False),
    }
    replications = {
        "public": replication_create(collective, sibling),
        "unconsented": replication_create(unconsented, sibling),
        "draft": replication_create(draft, sibling),
    }
    return {
        "section": section,
        "hidden_section": hidden_section,
        "field": field,
        "profiles": profiles,
        "stories": stories,
        "events": events,
        "replications": replications,
    }


def query_count(client, url, data=None) -> int:
    """Queries to serve the URL, the streamed body included."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)
