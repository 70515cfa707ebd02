import datetime

import pytest

from guongsang.orgs.enums import Role
from guongsang.orgs.models import Unit
from guongsang.orgs.services import unit_merge
from guongsang.titles.selectors import title_records_visible_to
from tests import factories

pytestmark = pytest.mark.django_db


def test_records_of_merged_units_roll_up_to_the_successor(tree):
    admin = factories.user_with_role(Role.ADMIN, tree["parent"])
    old_person = factories.person_create("Trần Thị Cũ", unit=tree["own_child"])
    factories.title_record_create(old_person, "lao-dong-tien-tien", 2023)
    factories.title_record_create(tree["sibling"], "tap-the-lao-dong-xuat-sac", 2023)
    merged = unit_merge(
        units=[tree["own"], tree["sibling"]],
        name="Sở Nội vụ và Y tế",
        date=datetime.date(2025, 3, 1),
        actor=admin,
    )
    records = title_records_visible_to(user=admin, unit=merged)
    assert {r.title.code for r in records} == {"lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac"}
    # The records stay attached to the units as they were.
    assert {r.scope_unit.name for r in records} == {"Phòng Thi đua - Khen thưởng", "Sở Y tế"}
    assert Unit.objects.get(pk=tree["own"].pk).status == "merged"
