"""Test data built through the services, so every factory object has its audit trail."""

import datetime
import itertools

import factory
from django.contrib.auth import get_user_model

from guongsang.orgs import services as org_services
from guongsang.orgs.enums import UnitKind
from guongsang.orgs.models import Household, Person, Unit
from guongsang.titles import services as title_services
from guongsang.titles.models import Title, TitleRecord

_counter = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Người dùng"
    password = factory.django.Password("matkhau-123")


def unit_create(name=None, parent=None, kind=UnitKind.DEPARTMENT, **fields) -> Unit:
    return org_services.unit_create(
        parent=parent, name=name or f"Đơn vị {next(_counter)}", kind=kind, actor=None, **fields
    )


def person_create(full_name=None, unit=None, **fields) -> Person:
    return org_services.person_create(
        full_name=full_name or f"Nguyễn Văn Thử {next(_counter)}",
        unit=unit,
        start=fields.pop("start", datetime.date(2020, 1, 1)),
        actor=None,
        **fields,
    )


def household_create(name=None, locality=None, head=None) -> Household:
    head = head or person_create(unit=None)
    return org_services.household_create(
        name=name or f"Hộ {head.full_name}", head=head, locality=locality, actor=None
    )


def title(code: str) -> Title:
    return Title.objects.get(code=code)


def title_record_create(subject, code: str, year: int, **fields) -> TitleRecord:
    return title_services.title_record_grant(
        subject=subject, title=title(code), year=year, actor=None, **fields
    )


def user_with_role(role: str, unit: Unit, **fields):
    user = UserFactory(**fields)
    org_services.role_assign(user=user, role=role, unit=unit, actor=None)
    return user
