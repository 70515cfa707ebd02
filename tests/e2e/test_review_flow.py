"""From a review round to a proposal upwards, in the browser: open a round, two council members
vote, the office closes it, issues the recognition decision and proposes the exemplar to the
province, whose office finds it in its inbox."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from guongsang.awards import services as award_services
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.enums import Role, UnitKind
from guongsang.orgs.models import Person
from guongsang.reviews import services as review_services
from guongsang.reviews.enums import MemberRole
from guongsang.reviews.models import Attendance
from tests import factories
from tests.awards.conftest import base_salary
from tests.e2e.conftest import sign_in
from tests.exemplars.conftest import plan_create
from tests.reviews.conftest import proposed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
TODAY = datetime.date.today()


def _member(council, actor, username, name, unit, role):
    user = factories.UserFactory(username=username)
    person = factories.person_create(name, unit=unit)
    Person.objects.filter(pk=person.pk).update(user=user)
    review_services.council_member_add(council=council, person=person, role=role, actor=actor)


@pytest.fixture
def khanh_hoa(db):
    """A department under the province: its office, a two-member council, one proposed
    exemplar; the province's office receives proposals."""
    call_command("titles_load_catalogue", verbosity=0)  # in case a flush emptied it
    province = factories.unit_create("UBND tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    department = factories.unit_create("Sở Nội vụ", parent=province)
    bureau = factories.unit_create(
        "Phòng Tổ chức cán bộ", parent=department, kind=UnitKind.DIVISION
    )
    office = factories.unit_create("Văn phòng Sở", parent=department, kind=UnitKind.DIVISION)
    vanphong = factories.user_with_role(Role.SYNTHESIS, department, username="vanphong")
    factories.user_with_role(Role.SYNTHESIS, province, username="vanphongtinh")
    council = review_services.council_create(
        unit=department,
        name="Hội đồng Thi đua - Khen thưởng Sở Nội vụ",
        valid_from=datetime.date(2024, 1, 1),
        actor=vanphong,
    )
    _member(council, vanphong, "chutich", "Phạm Văn Chủ", office, MemberRole.CHAIR)
    _member(council, vanphong, "thuky", "Đỗ Thị Ký", office, MemberRole.SECRETARY)
    plan = plan_create(province, end_year=TODAY.year + 1)
    lan = factories.person_create("Nguyễn Thị Lan", unit=bureau)
    exemplar = proposed(lan, plan, vanphong, year=TODAY.year)
    base_salary()
    award_services.fund_create(
        unit=department, year=TODAY.year, opening_balance=Decimal("50000000"), actor=vanphong
    )
    return {"department": department, "council": council, "plan": plan, "exemplar": exemplar}


def _as(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def _open_round(page, data) -> str:
    page.goto("/binh-xet/mo/")
    page.select_option("#id_council", str(data["council"].pk))
    page.fill("#id_name", "Bình xét Chiến sĩ thi đua cơ sở")
    page.select_option("#id_plan", str(data["plan"].pk))
    page.fill("#id_year", str(TODAY.year))
    page.select_option("#id_level", "unit")
    page.select_option("#id_title", str(factories.title("cstd-co-so").pk))
    page.fill("#id_meeting_date", TODAY.strftime("%d/%m/%Y"))
    page.get_by_test_id("submit").click()
    page.get_by_test_id("candidates-add").click()
    page.get_by_label("Nguyễn Thị Lan").check()
    page.get_by_test_id("submit").click()
    page.get_by_test_id("confirm").click()
    page.get_by_test_id("round-open").click()
    page.wait_for_load_state()
    assert "Nguyễn Thị Lan" in page.get_by_test_id("candidate-table").inner_text()
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def _vote(page, username, round_pk):
    _as(page, username)
    page.goto(f"/ballots/rounds/{round_pk}/")
    candidate = page.get_by_test_id("ballot-candidate").filter(has_text="Nguyễn Thị Lan")
    candidate.get_by_test_id("agree").click()
    candidate.get_by_test_id("voted").wait_for()


def _pass_and_close(page, round_pk):
    _as(page, "vanphong")
    page.goto(f"/binh-xet/{round_pk}/")
    page.get_by_test_id("outcomes-bulk").click()
    page.get_by_label("Nguyễn Thị Lan").check()
    page.select_option("#id_outcome", "pass")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("confirm").click()
    page.goto(f"/ballots/rounds/{round_pk}/desk")
    for row in range(2):
        with page.expect_navigation():
            page.locator("[data-testid=attendance] tbody tr").nth(row).locator(
                "button[value='1']"
            ).click()
    assert Attendance.objects.filter(round_id=round_pk, present=True).count() == 2
    page.get_by_test_id("close").click()
    page.wait_for_url(f"**/ballots/rounds/{round_pk}/minutes")


def _issue_decision(page, data, round_pk):
    page.goto("/quyet-dinh/moi/")
    page.select_option("#id_authority", str(data["department"].pk))
    page.select_option("#id_kind", "recognition")
    page.select_option("#id_title", str(factories.title("cstd-co-so").pk))
    page.fill("#id_year", str(TODAY.year))
    page.fill("#id_number", "15/QĐ-SNV")
    page.fill("#id_date", TODAY.strftime("%d/%m/%Y"))
    page.fill("#id_signer_name", "Trần Văn Ký")
    page.fill("#id_signer_title", "Giám đốc")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("from-round").click()
    page.select_option("#id_round", round_pk)
    page.get_by_test_id("submit").click()
    assert "Nguyễn Thị Lan" in page.get_by_test_id("recipient-table").inner_text()
    page.get_by_test_id("decision-issue").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("decision-issue").count() == 0  # issued: no more changes


def _propose_upwards(page):
    page.goto("/de-nghi/moi/")
    search = page.get_by_test_id("exemplar-search")
    search.fill("tran van")  # the list narrows as one types (HTMX), diacritics or not
    page.get_by_test_id("no-choices").wait_for()
    search.fill("nguyen thi lan")
    choice = page.get_by_test_id("exemplar-choices").get_by_label("Nguyễn Thị Lan")
    choice.wait_for()
    choice.check()
    page.fill("#id_number", "21/TTr-SNV")
    page.fill("#id_date", TODAY.strftime("%d/%m/%Y"))
    page.fill("#id_summary", "Đề nghị xét tặng Chiến sĩ thi đua cấp tỉnh")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("proposal-send").click()
    assert "Nguyễn Thị Lan" in page.get_by_test_id("confirm-list").inner_text()
    page.get_by_test_id("confirm").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("proposal-status").get_attribute("data-status") == "sent"


def test_round_vote_close_decide_and_propose_upwards(page, khanh_hoa):
    exemplar = khanh_hoa["exemplar"]
    sign_in(page, "vanphong")
    round_pk = _open_round(page, khanh_hoa)
    _vote(page, "chutich", round_pk)
    _vote(page, "thuky", round_pk)
    _pass_and_close(page, round_pk)
    minutes = page.inner_text("main")
    assert "Nguyễn Thị Lan" in minutes
    _issue_decision(page, khanh_hoa, round_pk)
    exemplar.refresh_from_db()
    assert (exemplar.status, exemplar.level) == (ExemplarStatus.RECOGNISED, "unit")

    _propose_upwards(page)
    assert Exemplar.objects.get(pk=exemplar.pk).status == ExemplarStatus.PROPOSED

    _as(page, "vanphongtinh")
    page.goto("/de-nghi/den/")
    row = page.get_by_test_id("proposal-table").locator("tbody tr")
    assert row.count() == 1
    assert "21/TTr-SNV" in row.inner_text() and "Sở Nội vụ" in row.inner_text()
    row.get_by_role("link").click()
    assert "Nguyễn Thị Lan" in page.get_by_test_id("exemplar-table").inner_text()
    assert page.get_by_test_id("return-form").count() == 1  # the province's office answers it
