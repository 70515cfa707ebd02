"""Plan services and selectors: audit, refusals, which plans apply to whom."""

import pytest

from guongsang.common.errors import DomainError
from guongsang.orgs.enums import Role
from guongsang.plans import selectors
from guongsang.plans.services import plans as services
from tests import factories
from tests.plans.conftest import plan_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_plan_create_is_audited_and_searchable(tree):
    user = factories.user_with_role(Role.SYNTHESIS, tree["own"])
    plan = plan_create(tree["own"], title="Tuyên truyền điển hình", number="5/KH")
    services.plan_update(plan=plan, actor=user, title="Tuyên truyền gương điển hình")
    assert plan.history.count() == 2 and plan.history.first().history_user == user
    assert plan.search_text == "5/kh | tuyen truyen guong dien hinh"
    assert plan.issuer_name == "Sở Nội vụ"


def test_plan_duplicate_number_and_self_reference_are_refused(tree):
    plan = plan_create(tree["own"], number="5/KH")
    with pytest.raises(DomainError, match="already has a plan numbered 5/KH"):
        plan_create(tree["own"], number="5/KH")
    plan_create(tree["sibling"], number="5/KH")  # another issuer may use the number
    with pytest.raises(DomainError):
        services.plan_update(plan=plan, actor=None, implements=[plan])


def test_plan_issue_marks_the_replaced_plan(tree):
    old = plan_create(tree["own"], number="1/KH", status="issued")
    new = plan_create(tree["own"], number="2/KH", replaces=old)
    services.plan_issue(plan=new, actor=None)
    old.refresh_from_db()
    assert (new.status, old.status) == ("issued", "replaced")


def test_target_must_be_positive(tree):
    plan = plan_create(tree["own"])
    with pytest.raises(DomainError):
        services.movement_create(
            plan=plan, actor=None, name="A", targets=[{"subject_kind": "collective", "minimum": 0}]
        )
    assert not plan.movements.exists()


def test_plans_applying_to_a_unit_cascade_down_and_include_named(tree):
    province = plan_create(tree["parent"], number="P")
    department = plan_create(tree["own"], number="D", implements=[province])
    sibling = plan_create(tree["sibling"], number="S")
    named = plan_create(tree["outside"], number="N")
    services.quota_create(
        plan=named, actor=None, title="Q", unit_scope="listed", units=[tree["own"]]
    )
    applying = {p.number for p in selectors.plans_applying_to(unit=tree["own_child"])}
    assert applying == {"P", "D", "N"}
    assert sibling.number not in applying
    assert list(department.implements.all()) == [province]


def test_a_user_without_a_role_sees_no_plan(tree):
    plan_create(tree["parent"])
    assert not selectors.plans_visible_to(user=factories.UserFactory()).exists()
