"""Councils, rounds and proposed exemplars for the council and round tests, through services."""

import datetime
import itertools

import pytest

from guongsang.exemplars import services as exemplar_services
from guongsang.orgs.enums import Role
from guongsang.orgs.models import Person
from guongsang.reviews import services
from guongsang.reviews.enums import MemberRole, RoundStatus
from guongsang.reviews.models import ReviewRound
from tests import factories
from tests.exemplars.conftest import exemplar_register, plan_create

_names = itertools.count(1)
DAY = datetime.date(2024, 1, 1)


@pytest.fixture
def plan(tree):
    return plan_create(tree["parent"])


@pytest.fixture
def synthesis(tree):
    """The synthesising office of `own` (the council's unit)."""
    return factories.user_with_role(Role.SYNTHESIS, tree["own"], email="vanphong@example.vn")


def proposed(subject, plan, actor, **options):
    """An exemplar taken through registration and nurturing to "proposed"."""
    exemplar = exemplar_register(subject, plan, actor, **options)
    exemplar_services.exemplar_start_nurturing(exemplar=exemplar, actor=actor)
    exemplar_services.exemplar_propose(exemplar=exemplar, actor=actor)
    exemplar.refresh_from_db()
    return exemplar


def person_in(unit, name=None):
    return factories.person_create(name or f"Nguyễn Văn Ứng Viên {next(_names)}", unit=unit)


def member_user(council, actor, role=MemberRole.MEMBER, unit=None, name=None, **dates):
    """A user who sits on the council (through their person record), and the seat."""
    user = factories.UserFactory()
    person = factories.person_create(
        name or f"Trần Thị Thành Viên {next(_names)}", unit=unit or council.unit
    )
    Person.objects.filter(pk=person.pk).update(user=user)
    person.user = user
    seat = services.council_member_add(
        council=council, person=person, role=role, actor=actor, **dates
    )
    return user, seat


@pytest.fixture
def council(tree, synthesis):
    return services.council_create(
        unit=tree["own"], name="Hội đồng Thi đua - Khen thưởng Sở", valid_from=DAY, actor=synthesis
    )


def round_of(council, actor, title=None, **fields):
    fields.setdefault("name", "Bình xét năm 2024")
    fields.setdefault("year", 2024)
    fields.setdefault("level", "unit")
    return services.round_create(council=council, title=title, actor=actor, **fields)


def opened_round(council, actor, exemplars, **fields):
    review_round = round_of(council, actor, **fields)
    services.candidates_add(review_round=review_round, exemplars=exemplars, actor=actor)
    return services.round_open(review_round=review_round, actor=actor)


def close(review_round):
    """What the ballot count does at the end (services/closing.py, not under test here)."""
    ReviewRound.objects.filter(pk=review_round.pk).update(status=RoundStatus.CLOSED)
    review_round.refresh_from_db()
    return review_round
