"""An exemplar's life in the browser: register, nurture, propose, and the registrant is told."""

import pytest

from guongsang.orgs.enums import Role
from guongsang.plans.models import Plan
from tests import factories
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def khanh_hoa(db):
    province = factories.unit_create("UBND tỉnh Khánh Hòa")
    department = factories.unit_create("Sở Tài nguyên và Môi trường", parent=province)
    person = factories.person_create("Nguyễn Thị Lan", unit=department)
    factories.user_with_role(Role.OFFICER, department, username="canbo", email="canbo@example.vn")
    factories.user_with_role(Role.HEAD, department, username="thutruong")
    plan = Plan.objects.create(
        issuer=province,
        number="12065/KH-UBND",
        title="Phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến",
        start_year=2021,
        end_year=2030,
        status="issued",
    )
    return {"person": person, "plan": plan}


def test_officer_registers_nurtures_head_proposes_registrant_is_told(page, khanh_hoa):
    person, plan = khanh_hoa["person"], khanh_hoa["plan"]
    sign_in(page, "canbo")
    page.goto("/diem-hinh/dang-ky/")
    page.get_by_test_id("subject-search").fill("nguyen thi lan")
    page.get_by_test_id("subject-search").press("Enter")
    page.get_by_test_id(f"pick-person{person.pk}").check()
    page.select_option("#id_plan", str(plan.pk))
    page.get_by_test_id("register-submit").click()
    page.get_by_test_id("exemplar-name").wait_for()
    assert page.get_by_test_id("exemplar-name").inner_text() == "Nguyễn Thị Lan"
    status = page.get_by_test_id("exemplar-status").get_by_test_id("status-badge")
    assert status.get_attribute("data-status") == "registered"

    page.get_by_test_id("transition-start_nurturing").click()
    page.wait_for_load_state()
    assert status.get_attribute("data-status") == "nurturing"
    page.locator("[data-testid=progress-note-form] textarea").fill("Đã tập huấn chuyển đổi số")
    page.get_by_test_id("add-progress-note").click()
    page.get_by_test_id("progress-notes").get_by_text("Đã tập huấn chuyển đổi số").wait_for()
    detail_url = page.url

    page.context.clear_cookies()
    sign_in(page, "thutruong")
    page.goto(detail_url)
    page.get_by_test_id("transition-propose").click()
    page.wait_for_load_state()
    assert status.get_attribute("data-status") == "proposed"

    page.context.clear_cookies()
    sign_in(page, "canbo")
    page.goto("/diem-hinh/cua-toi/")
    row = page.locator("[data-testid=my-exemplars] tbody tr").first
    assert "Nguyễn Thị Lan" in row.inner_text()
    assert row.get_by_test_id("status-badge").get_attribute("data-status") == "proposed"
    assert page.get_by_test_id("unread-count").inner_text() == "1"
    page.get_by_test_id("notifications-link").click()
    notice = page.get_by_test_id("notifications")
    assert "Nguyễn Thị Lan" in notice.inner_text()
