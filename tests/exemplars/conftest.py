"""Plans, movements and exemplars for the exemplar tests (plans made directly, not via services)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guongsang.exemplars import services
from guongsang.orgs.enums import Role
from guongsang.plans.models import Movement, Plan
from tests import factories


def plan_create(issuer, **fields) -> Plan:
    fields = {
        "number": "12065/KH-UBND",
        "title": "Kế hoạch phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến",
        "start_year": 2021,
        "end_year": 2025,
        "status": "issued",
        **fields,
    }
    return Plan.objects.create(issuer=issuer, **fields)


@pytest.fixture
def plan(tree):
    return plan_create(tree["parent"])


@pytest.fixture
def movement(plan):
    return Movement.objects.create(plan=plan, name="Cán bộ, công chức thi đua văn hóa công sở")


def login(client, role, unit, **fields):
    user = factories.user_with_role(role, unit, **fields)
    client.force_login(user)
    return user


@pytest.fixture
def officer(tree):
    return factories.user_with_role(Role.OFFICER, tree["own"], email="canbo@example.vn")


@pytest.fixture
def head(tree):
    return factories.user_with_role(Role.HEAD, tree["own"], email="thutruong@example.vn")


def exemplar_register(subject, plan, actor, year=2024, **options):
    return services.exemplar_register(subject=subject, plan=plan, year=year, actor=actor, **options)


def query_count(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(queries)
