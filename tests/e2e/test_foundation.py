"""Sign in, browse the tree, search without diacritics, switch language — in Chromium."""

import pytest

from guongsang.orgs.enums import Role, UnitKind
from tests import factories
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def khanh_hoa(db):
    province = factories.unit_create("UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    department = factories.unit_create("Sở Nông nghiệp và Môi trường", parent=province)
    division = factories.unit_create(
        "Chi cục Bảo vệ môi trường", parent=department, kind=UnitKind.DIVISION
    )
    factories.unit_create("Phường Nha Trang", parent=province, kind=UnitKind.COMMUNE)
    factories.user_with_role(Role.SYNTHESIS, province, username="tonghop")
    return {"province": province, "department": department, "division": division}


def test_officer_browses_tree_searches_and_switches_language(page, khanh_hoa):
    sign_in(page, "tonghop")

    page.goto("/don-vi/")
    province = khanh_hoa["province"]
    department = khanh_hoa["department"]
    assert page.get_by_test_id(f"unit-node-{province.pk}").is_visible()
    assert not page.get_by_text("Sở Nông nghiệp và Môi trường").is_visible()

    page.get_by_test_id(f"expand-{province.pk}").click()
    page.get_by_test_id(f"unit-node-{department.pk}").wait_for()
    page.get_by_test_id(f"expand-{department.pk}").click()
    page.get_by_text("Chi cục Bảo vệ môi trường").wait_for()
    page.get_by_test_id(f"expand-{province.pk}").click()  # collapse, no reload
    assert not page.get_by_text("Chi cục Bảo vệ môi trường").is_visible()

    page.get_by_test_id("unit-search-input").fill("bao ve moi truong")
    result = page.locator("#unit-search-results").get_by_text("Chi cục Bảo vệ môi trường")
    result.wait_for()
    assert "Phường Nha Trang" not in page.locator("#unit-search-results").inner_text()

    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_test_id("lang-en").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Organisation tree").is_visible()
    page.get_by_test_id("lang-vi").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Cây tổ chức").is_visible()
