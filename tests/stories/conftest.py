"""Exemplars, editors and stories for the editorial tests.

Editors sit on `own`; exemplars and stories in `own_child` are in their scope, those in
`sibling` are not (an editor of `sibling` reaches them instead).
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PillowImage

from guongsang.exemplars import services as exemplar_services
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.enums import Role
from guongsang.plans.models import Plan
from guongsang.stories import services
from tests import factories


@pytest.fixture
def plan(tree):
    return Plan.objects.create(
        issuer=tree["parent"],
        number="12065/KH-UBND",
        title="Kế hoạch phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến",
        start_year=2021,
        end_year=2025,
        status="issued",
    )


@pytest.fixture
def officer(tree):
    return factories.user_with_role(Role.OFFICER, tree["own"], email="canbo@example.vn")


@pytest.fixture
def editor(tree):
    return factories.user_with_role(Role.EDITOR, tree["own"], email="bientap@example.vn")


@pytest.fixture
def second_editor(tree):
    return factories.user_with_role(Role.EDITOR, tree["own"], email="bientap2@example.vn")


@pytest.fixture
def outside_editor(tree):
    return factories.user_with_role(Role.EDITOR, tree["sibling"])


@pytest.fixture
def admin(tree):
    return factories.user_with_role(Role.ADMIN, tree["parent"])


def register(subject, plan, *, status=ExemplarStatus.RECOGNISED, **options) -> Exemplar:
    """An exemplar registered through the service, then put in `status` directly (the
    lifecycle is tested elsewhere)."""
    actor = factories.user_with_role(Role.ADMIN, subject_unit(subject))
    exemplar = exemplar_services.exemplar_register(
        subject=subject, plan=plan, year=2024, actor=actor, **options
    )
    Exemplar.objects.filter(pk=exemplar.pk).update(
        status=status, level="unit" if status == ExemplarStatus.RECOGNISED else ""
    )
    exemplar.refresh_from_db()
    return exemplar


def subject_unit(subject):
    return getattr(subject, "unit", None) or getattr(subject, "locality", None) or subject


@pytest.fixture
def person_exemplar(tree, plan):
    person = factories.person_create("Nguyễn Thị Hoa", unit=tree["own_child"])
    return register(person, plan)


@pytest.fixture
def collective_exemplar(tree, plan):
    return register(tree["own_child"], plan)


@pytest.fixture
def household_exemplar(tree, plan):
    household = factories.household_create("Hộ Trần Văn Bình", locality=tree["own_child"])
    return register(household, plan)


@pytest.fixture
def sibling_exemplar(tree, plan):
    person = factories.person_create("Lê Văn Sơn", unit=tree["sibling"])
    return register(person, plan)


def story_create(unit, actor, **fields):
    fields = {"title": "Người tốt việc tốt ở Khánh Hòa", "body": "<p>Nội dung bài viết.</p>",
              **fields}  # fmt: skip
    return services.story_create(unit=unit, actor=actor, **fields)


def consent(exemplar, actor, note="Phiếu đồng ý ký ngày 12/03/2025"):
    profile = services.profile_create_or_update(
        exemplar=exemplar, actor=actor, headline="Tấm gương sáng"
    )
    return services.consent_record(profile=profile, given=True, note=note, actor=actor)


def published_story(unit, actor, **fields):
    story = story_create(unit, actor, **fields)
    services.story_submit(story=story, actor=actor)
    return services.story_approve(story=story, actor=actor)


def soon(hours=2) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


def image_bytes(fmt="JPEG", size=(800, 600), color=(200, 30, 30), **save) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt in ("PNG", "WEBP") and color and len(color) == 4 else "RGB"
    PillowImage.new(mode, size, color).save(out, format=fmt, **save)
    return out.getvalue()


def upload(data: bytes, name="anh.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
