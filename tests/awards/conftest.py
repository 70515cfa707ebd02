"""Decisions, funds and rounds for the awards tests."""

import datetime
from decimal import Decimal

import pytest

from guongsang.awards import services
from guongsang.awards.models import BaseSalary
from guongsang.orgs.enums import Role
from tests import factories

DAY = datetime.date(2025, 3, 10)


@pytest.fixture
def synthesis(tree):
    return factories.user_with_role(Role.SYNTHESIS, tree["own"])


@pytest.fixture
def fund(tree, synthesis):
    return services.fund_create(
        unit=tree["own"], year=DAY.year, opening_balance=Decimal("100000000"), actor=synthesis
    )


def draft(authority, actor, code="giay-khen-ca-nhan", kind="commendation", **fields):
    fields = {
        "number": "15/QĐ-SNV",
        "date": DAY,
        "signer_name": "Trần Văn Ký",
        "signer_title": "Giám đốc",
        **fields,
    }
    return services.decision_create(
        authority=authority,
        kind=kind,
        title=factories.title(code),
        year=2024,
        actor=actor,
        **fields,
    )


def base_salary(amount="2340000", valid_from=datetime.date(2024, 7, 1)):
    return BaseSalary.objects.update_or_create(
        valid_from=valid_from, defaults={"amount": Decimal(amount)}
    )[0]
