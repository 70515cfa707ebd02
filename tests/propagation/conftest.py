"""Plans, exemplars and records for the propagation tests (plans made directly, exemplars
registered through the service, then moved to the status a test needs)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.exemplars.services import exemplar_register
from guongsang.orgs.enums import Role
from guongsang.plans.models import Plan
from guongsang.propagation import services
from tests import factories

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def plan_for(root, **fields) -> Plan:
    """The plan of a top-level unit (created once)."""
    plan = Plan.objects.filter(issuer=root).first()
    if plan is not None:
        return plan
    fields = {
        "number": f"{root.pk}/KH",
        "title": f"Kế hoạch tuyên truyền, nhân rộng điển hình {root.name}",
        "start_year": TODAY.year - 1,
        "end_year": TODAY.year + 1,
        "status": "issued",
        **fields,
    }
    return Plan.objects.create(issuer=root, **fields)


def _root(unit):
    from guongsang.orgs.models import Unit

    return Unit.objects.get(path=unit.path[: Unit.steplen])


@pytest.fixture
def admin(tree):
    return factories.user_with_role(Role.ADMIN, tree["parent"])


@pytest.fixture
def officer(tree):
    return factories.user_with_role(Role.OFFICER, tree["own"])


def exemplar_in(unit, name=None, *, status=ExemplarStatus.RECOGNISED, level="unit", actor=None):
    """An individual exemplar of `unit`, at the given status and recognised level."""
    actor = actor or factories.UserFactory(is_superuser=True)
    person = factories.person_create(name, unit=unit)
    exemplar = exemplar_register(
        subject=person, plan=plan_for(_root(unit)), year=TODAY.year, actor=actor
    )
    Exemplar.objects.filter(pk=exemplar.pk).update(status=status, level=level)
    exemplar.refresh_from_db()
    return exemplar


def activity(unit, title="Bài viết về gương điển hình", *, date=None, actor=None, **fields):
    fields.setdefault("channel", "press")
    return services.activity_create(
        unit=unit, date=date or TODAY, title=title, actor=actor, **fields
    )


def event(organiser, title="Hội nghị tôn vinh điển hình tiên tiến", *, actor=None, **fields):
    fields.setdefault("kind", "honouring_conference")
    fields.setdefault("start", timezone.now() - datetime.timedelta(days=1))
    return services.event_create(organiser=organiser, title=title, actor=actor, **fields)


def replication(exemplar, unit, *, start=None, actor=None, **fields):
    return services.replication_create(
        exemplar=exemplar, unit=unit, start=start or TODAY, actor=actor, **fields
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def query_count(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200, response.status_code
    return len(queries)
