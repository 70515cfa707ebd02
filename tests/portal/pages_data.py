"""Public-portal test data, made directly with the models (the editorial services are tested
on their own): a plan, sections, exemplars with profiles in every state, stories in every
status, events, decisions and replications.

Import the fixtures into a test module with `from tests.portal.pages_data import *`.
"""

import datetime
import itertools

import pytest
from django.utils import timezone

from guongsang.awards.enums import DecisionKind, DecisionStatus
from guongsang.awards.models import Decision, DecisionRecipient
from guongsang.common.text import fold
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.plans.models import Field, Movement, Plan
from guongsang.propagation.enums import EventKind, ReplicationStatus
from guongsang.propagation.models import Event, EventMaterial, Replication
from guongsang.stories.enums import ProfileStatus, StoryStatus
from guongsang.stories.html import body_text
from guongsang.stories.models import ExemplarProfile, Section, Story
from guongsang.titles.catalogue import catalogue_load
from guongsang.titles.models import Title
from tests import factories

__all__ = ["author", "plan", "section", "world"]  # the fixtures, for `import *`

_numbers = itertools.count(1)


def ago(days: float = 1) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def plan_create(issuer) -> Plan:
    return Plan.objects.create(
        issuer=issuer,
        number="12065/KH-UBND",
        title="Kế hoạch điển hình tiên tiến",
        start_year=2021,
        end_year=2025,
        status="issued",
    )


def exemplar_create(plan, unit, *, kind="collective", name=None, **fields) -> Exemplar:
    subject = {
        "collective": lambda: {"unit": unit},
        "individual": lambda: {"person": factories.person_create(full_name=name, unit=unit)},
    }[kind]()
    subject_name = name or str(next(iter(subject.values())))
    return Exemplar.objects.create(
        plan=plan,
        year=fields.pop("year", 2024),
        status=fields.pop("status", ExemplarStatus.RECOGNISED),
        scope_unit=unit,
        unit_name=unit.name,
        subject_name=subject_name,
        search_text=fold(subject_name),
        registered_by=fields.pop("registered_by", None) or factories.UserFactory(),
        **subject,
        **fields,
    )


def profile_create(exemplar, *, status=ProfileStatus.PUBLISHED, consent=False, **fields):
    headline = fields.pop("headline", f"Điển hình tiên tiến số {next(_numbers)}")
    summary = fields.pop("public_summary", "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ.")
    parts = (exemplar.subject_name, exemplar.unit_name, headline, summary)
    return ExemplarProfile.objects.create(
        exemplar=exemplar,
        status=status,
        headline=headline,
        public_summary=summary,
        consent_given=consent,
        published_at=fields.pop("published_at", ago(2)),
        search_text=fold(" ".join(parts)),
        **fields,
    )


def story_create(
    unit, author, *, title=None, status=StoryStatus.PUBLISHED, exemplars=(), **fields
) -> Story:
    title = title or f"Bài viết số {next(_numbers)}"
    lead = fields.pop("lead", "Một tấm gương sáng trong phong trào thi đua.")
    body = fields.pop("body", "<p>Nội dung bài viết về điển hình tiên tiến.</p>")
    story = Story.objects.create(
        title=title,
        slug=fields.pop("slug", "bai-viet"),
        lead=lead,
        body=body,
        unit=unit,
        author=author,
        status=status,
        published_at=fields.pop("published_at", ago(1)),
        search_text=fold(" ".join((title, lead, body_text(body)))),
        **fields,
    )
    story.exemplars.set(exemplars)
    return story


def event_create(organiser, *, title=None, start=None, **fields) -> Event:
    return Event.objects.create(
        kind=fields.pop("kind", EventKind.HONOURING_CONFERENCE),
        title=title or f"Hội nghị biểu dương điển hình {next(_numbers)}",
        organiser=organiser,
        start=start or timezone.now() + datetime.timedelta(days=10),
        **fields,
    )


def _title() -> Title:
    """A title of the catalogue (loaded again when a transactional test flushed it)."""
    if not Title.objects.filter(code="lao-dong-tien-tien").exists():
        catalogue_load(Title)
    return factories.title("lao-dong-tien-tien")


def decision_create(exemplar, *, status=DecisionStatus.ISSUED, number=None) -> Decision:
    decision = Decision.objects.create(
        number=number or f"{next(_numbers)}/QĐ-UBND",
        date=datetime.date(2024, 12, 20),
        kind=DecisionKind.RECOGNITION,
        status=status,
        authority=exemplar.scope_unit,
        authority_name="Ủy ban nhân dân tỉnh Khánh Hòa",
        title=_title(),
        level="province",
        year=2024,
        created_by=factories.UserFactory(),
    )
    DecisionRecipient.objects.create(
        decision=decision,
        exemplar=exemplar,
        name=exemplar.subject_name,
        unit=exemplar.unit,
        person=exemplar.person,
    )
    return decision


@pytest.fixture
def author(tree):
    return factories.UserFactory()


@pytest.fixture
def plan(tree):
    return plan_create(tree["parent"])


@pytest.fixture
def section(db):
    return Section.objects.create(name="Gương sáng quanh ta", slug="guong-sang-quanh-ta")


@pytest.fixture
def world(tree, plan, section, author):
    """One public item of each kind next to the unpublished ones that must never show."""
    field = Field.objects.create(code="cong-thong-tin-y-te", name="Y tế cộng đồng")
    movement = Movement.objects.create(plan=plan, name="Thi đua yêu nước")
    collective = exemplar_create(plan, tree["own"], movement=movement, level="province")
    collective.fields.set([field])
    person = exemplar_create(plan, tree["sibling"], kind="individual", name="Nguyễn Thị Hoa")
    hidden_person = exemplar_create(plan, tree["own_child"], kind="individual", name="Trần Văn Kín")
    draft_exemplar = exemplar_create(plan, tree["own_child"], name="Tổ Nháp")
    profiles = {
        "public": profile_create(
            collective, is_featured=True, headline="Điển hình tiên tiến ngành y tế"
        ),
        "consented": profile_create(person, consent=True, headline="Nữ hộ sinh tận tụy"),
        "unconsented": profile_create(
            hidden_person, consent=False, is_featured=True, headline="Người không đồng ý công khai"
        ),
        "draft": profile_create(
            draft_exemplar, status=ProfileStatus.DRAFT, headline="Hồ sơ nháp điển hình"
        ),
    }
    withdrawn_exemplar = exemplar_create(plan, tree["own_child"], name="Tổ Đã Rút")
    profiles["withdrawn"] = profile_create(
        withdrawn_exemplar, status=ProfileStatus.WITHDRAWN, headline="Hồ sơ đã rút điển hình"
    )
    profiles["scheduled"] = profile_create(
        exemplar_create(plan, tree["own_child"], name="Tổ Hẹn Giờ"),
        published_at=timezone.now() + datetime.timedelta(days=3),
        headline="Hồ sơ hẹn giờ điển hình",
    )
    unit = tree["own"]
    stories = {
        "public": story_create(
            unit,
            author,
            title="Điển hình tiên tiến ở Khánh Hòa",
            section=section,
            exemplars=[collective, hidden_person],
        ),
        "draft": story_create(
            unit,
            author,
            title="Bản nháp điển hình",
            section=section,
            status=StoryStatus.DRAFT,
            published_at=None,
        ),
        "in_review": story_create(
            unit,
            author,
            title="Đang duyệt điển hình",
            section=section,
            status=StoryStatus.IN_REVIEW,
            published_at=None,
        ),
        "archived": story_create(
            unit, author, title="Lưu trữ điển hình", section=section, status=StoryStatus.ARCHIVED
        ),
        "scheduled": story_create(
            unit,
            author,
            title="Hẹn giờ điển hình",
            section=section,
            published_at=timezone.now() + datetime.timedelta(days=2),
        ),
    }
    events = {
        "public": event_create(tree["parent"], title="Đại hội điển hình tiên tiến"),
        "past": event_create(tree["parent"], title="Hội nghị tổng kết phong trào", start=ago(40)),
        "hidden": event_create(tree["parent"], title="Họp nội bộ kín", is_public=False),
    }
    events["public"].honoured.set([collective, hidden_person])
    EventMaterial.objects.create(
        event=events["public"], title="Chương trình hội nghị", url="https://example.vn/chuong-trinh"
    )
    EventMaterial.objects.create(
        event=events["public"],
        title="Tài liệu nội bộ",
        url="https://example.vn/noi-bo",
        is_public=False,
    )
    decisions = {
        "issued": decision_create(collective, number="123/QĐ-UBND"),
        "draft": decision_create(collective, status=DecisionStatus.DRAFT, number="999/NHÁP"),
    }
    replication = Replication.objects.create(
        exemplar=collective,
        unit=tree["sibling"],
        start=datetime.date(2024, 3, 1),
        status=ReplicationStatus.SUSTAINED,
    )
    return {
        "tree": tree,
        "plan": plan,
        "field": field,
        "movement": movement,
        "section": section,
        "exemplars": {"collective": collective, "person": person, "hidden": hidden_person},
        "profiles": profiles,
        "stories": stories,
        "events": events,
        "decisions": decisions,
        "replication": replication,
        "author": author,
    }
