import datetime

import pytest
from django.utils import translation

from guongsang.common.audit import history_entries
from guongsang.orgs.enums import Role
from guongsang.orgs.services import person_move, unit_dissolve, unit_rename
from tests import factories

pytestmark = pytest.mark.django_db


def test_history_records_who_when_and_before_after(tree):
    officer = factories.user_with_role(Role.SYNTHESIS, tree["own"])
    unit_rename(unit=tree["own_child"], new_name="Phòng Thi đua", actor=officer)
    with translation.override("vi"):
        newest = history_entries(tree["own_child"])[0]
    assert newest["user"] == officer
    assert str(newest["type"]) == "Thay đổi"
    assert {"field": "tên", "old": "Phòng Thi đua - Khen thưởng", "new": "Phòng Thi đua"} in [
        {k: str(v) for k, v in change.items()} for change in newest["changes"]
    ]


def test_history_shows_labels_dates_and_related_names(tree):
    person = factories.person_create("Lê Văn Chuyển", unit=tree["own"])
    person_move(person=person, unit=tree["own_child"], start=datetime.date(2024, 1, 1), actor=None)
    unit_dissolve(unit=tree["sibling"], date=datetime.date(2025, 7, 1), actor=None)
    with translation.override("vi"):
        moved = history_entries(person)[0]["changes"]
        dissolved = history_entries(tree["sibling"])[0]["changes"]
    assert {"old": "Sở Nội vụ", "new": "Phòng Thi đua - Khen thưởng"} in [
        {"old": str(c["old"]), "new": str(c["new"])} for c in moved
    ]
    shown = {str(c["new"]) for c in dissolved}
    assert "01/07/2025" in shown
    assert "Đã giải thể" in shown


def test_a_long_reason_is_cut_to_fit_the_history_column():
    from guongsang.common.audit import REASON_MAX, short_reason

    long = "Chưa đủ tiêu chuẩn " * 20
    cut = short_reason(long)
    assert len(cut) == REASON_MAX and cut.endswith("…")
    assert short_reason("  Đủ điều kiện  ") == "Đủ điều kiện"
    assert short_reason("") is None
