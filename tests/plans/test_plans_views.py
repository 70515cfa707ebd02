"""Plan pages: the list, the detail, issuing and changing a plan and its parts."""

import datetime

import pytest
from django.urls import reverse

from guongsang.orgs.enums import Role
from guongsang.plans.models import Milestone, Movement, Plan, Quota, Stage
from guongsang.plans.services import plans as services
from tests import factories
from tests.plans.conftest import PLACES, plan_create, staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ROLES = [Role.STAFF, Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR, Role.ADMIN]


def _user(role, tree):
    if role == Role.STAFF:
        return staff_user(tree["own"])
    return factories.user_with_role(role, tree["own"])


def _expected_view(role, place) -> int:
    if role == Role.ADMIN:
        return 200
    if role == Role.STAFF:
        return 200 if place == "parent" else 404
    return 200 if place in ("own_child", "parent") else 404


def _expected_change(role, place) -> int:
    seen = _expected_view(role, place)
    if seen == 404 or role == Role.ADMIN:
        return seen
    return 200 if role == Role.SYNTHESIS and place == "own_child" else 403


@pytest.mark.parametrize("role", ROLES)
def test_plan_pages_permission_matrix(client, tree, plans, role):
    client.force_login(_user(role, tree))
    for place in PLACES:
        plan = plans[place]
        detail = client.get(reverse("plans:plan_detail", args=[plan.pk]))
        assert detail.status_code == _expected_view(role, place), (role, place)
        export = client.get(reverse("plans:plan_export", args=[plan.pk]))
        assert export.status_code == _expected_view(role, place), (role, place)
        for name, args in [
            ("plans:plan_edit", [plan.pk]),
            ("plans:part_add", [plan.pk, "moc"]),
            ("plans:part_add", [plan.pk, "phong-trao"]),
        ]:
            response = client.get(reverse(name, args=args))
            assert response.status_code == _expected_change(role, place), (role, place, name)


@pytest.mark.parametrize("role", ROLES)
def test_plan_list_shows_only_applying_plans(client, tree, plans, role):
    client.force_login(_user(role, tree))
    response = client.get(reverse("plans:plan_list"))
    shown = {plan.number for plan in response.context["page_obj"]}
    expected = {p.number for place, p in plans.items() if _expected_view(role, place) == 200}
    assert shown == expected


@pytest.mark.parametrize("role", ROLES)
def test_plan_create_and_import_pages_by_role(client, tree, role):
    client.force_login(_user(role, tree))
    allowed = role in (Role.SYNTHESIS, Role.ADMIN)
    for name in ("plans:plan_create", "plans:plan_import"):
        assert client.get(reverse(name)).status_code == (200 if allowed else 403)


def test_plan_named_unit_sees_the_plan(client, tree):
    """A sibling's plan that names the user's unit as a movement's lead applies to it."""
    plan = plan_create(tree["sibling"], number="2/KH-SYT")
    services.movement_create(plan=plan, actor=None, name="Phong trào", lead_unit=tree["own"])
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_plan_list_query_count(client, tree, django_assert_num_queries, count):
    for index in range(count):
        plan_create(tree["own"], number=f"{index}/KH")
    user = factories.user_with_role(Role.OFFICER, tree["own"])
    client.force_login(user)
    client.get(reverse("plans:plan_list"))  # warm the session and the user's scope
    with django_assert_num_queries(6):
        response = client.get(reverse("plans:plan_list"))
    assert len(response.context["page_obj"]) == count


def test_plan_list_search_is_diacritic_insensitive(client, tree):
    plan_create(tree["own"], title="Tuyên truyền gương điển hình tiên tiến")
    plan_create(tree["own"], title="Kế hoạch khác")
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    response = client.get(reverse("plans:plan_list"), {"q": "dien hinh"})
    assert [p.title for p in response.context["page_obj"]] == [
        "Tuyên truyền gương điển hình tiên tiến"
    ]


def test_plan_create_then_parts_through_the_pages(client, tree):
    user = factories.user_with_role(Role.SYNTHESIS, tree["own"])
    client.force_login(user)
    response = client.post(
        reverse("plans:plan_create"),
        {"number": "5/KH-SNV", "title": "Kế hoạch thử", "issuer": tree["own"].pk,
         "issued_on": "26/11/2021", "start_year": 2021, "end_year": 2025, "status": "draft"},
    )  # fmt: skip
    plan = Plan.objects.get(number="5/KH-SNV")
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.issued_on == datetime.date(2021, 11, 26) and plan.created_by == user
    add = lambda part, data: client.post(reverse("plans:part_add", args=[plan.pk, part]), data)  # noqa: E731
    add("giai-doan", {"name": "GĐ 1", "start": "01/01/2021", "end": "31/12/2023"})
    add("moc", {"kind": "registration_due", "title": "Đăng ký", "due_date": "15/09/2021",
                "responsible_units": [tree["own_child"].pk]})  # fmt: skip
    add("phong-trao", {"name": "Phong trào A", "kind": "movement",
                       "lead_unit": tree["own_child"].pk,
                       "target_collective": 10, "target_individual": 10})  # fmt: skip
    add("chi-tieu", {"title": "Mỗi đơn vị 1 điển hình", "subject_kind": "any", "minimum": 1,
                     "period": "year", "requires_summary": "on", "unit_scope": "children",
                     "due_offset_days": -15})  # fmt: skip
    assert Stage.objects.get(plan=plan).end == datetime.date(2023, 12, 31)
    milestone = Milestone.objects.get(plan=plan)
    assert list(milestone.responsible_units.all()) == [tree["own_child"]]
    movement = Movement.objects.get(plan=plan)
    assert dict(movement.targets.values_list("subject_kind", "minimum")) == {
        "collective": 10,
        "individual": 10,
    }
    assert Quota.objects.get(plan=plan).due_offset_days == -15
    edit = reverse("plans:part_edit", args=[plan.pk, "phong-trao", movement.pk])
    client.post(edit, {"name": "Phong trào A", "kind": "campaign", "target_household": 20})
    movement.refresh_from_db()
    assert movement.kind == "campaign"
    assert dict(movement.targets.values_list("subject_kind", "minimum")) == {"household": 20}
    client.post(reverse("plans:part_delete", args=[plan.pk, "moc", milestone.pk]))
    assert not Milestone.objects.filter(plan=plan).exists()
    client.post(reverse("plans:plan_issue", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "issued"
    detail = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert "Phong trào A" in detail.content.decode()
    assert plan.history.count() >= 2


def test_plan_create_for_a_unit_outside_write_scope_is_refused(client, tree):
    client.force_login(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    response = client.post(
        reverse("plans:plan_create"),
        {"title": "X", "issuer": tree["sibling"].pk, "start_year": 2021, "end_year": 2025,
         "status": "draft"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "issuer" in response.context["form"].errors
    assert not Plan.objects.exists()


def test_plan_upload_reports_every_error_and_saves_nothing(client, tree):
    client.force_login(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    text = "plan:\n  title: X\n  period: {from: 2021, to: 2025}\nmovements:\n  - name: A\n    lead: Không có\n    targets: [{subject_kind: household, minimum: -1}]\n"  # noqa: E501
    response = client.post(reverse("plans:plan_import"), {"text": text, "issuer": tree["own"].pk})
    errors = response.context["result"].errors
    assert "movements[1].lead: unknown unit “Không có”" in errors
    assert "movements[1].targets[1].minimum: must be a positive whole number" in errors
    assert not Plan.objects.exists()


def test_plan_upload_creates_the_plan(client, tree):
    client.force_login(factories.user_with_role(Role.SYNTHESIS, tree["own"]))
    text = "plan:\n  number: 7/KH\n  title: Tải lên\n  period: {from: 2023, to: 2025}\nmovements:\n  - name: A\n    lead: Phòng Thi đua - Khen thưởng\n"  # noqa: E501
    response = client.post(reverse("plans:plan_import"), {"text": text, "issuer": tree["own"].pk})
    plan = Plan.objects.get(number="7/KH")
    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.issuer == tree["own"]
    assert plan.movements.get().lead_unit == tree["own_child"]
