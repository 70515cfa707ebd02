"""Registering, self-registering and nominating exemplars; duplicates; the snapshot fields."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from guongsang.common.errors import DomainError
from guongsang.exemplars import services
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.enums import Role
from tests import factories
from tests.exemplars.conftest import exemplar_register, plan_create

pytestmark = pytest.mark.usefixtures("english")


def test_register_person_snapshots_unit_name_and_titles(tree, plan, movement, officer):
    person = factories.person_create("Trần Thị Bích", unit=tree["own_child"])
    factories.title_record_create(
        person,
        "lao-dong-tien-tien",
        2023,
        decision_number="45/QĐ-SNV",
        decision_date=datetime.date(2023, 12, 20),
    )
    exemplar = exemplar_register(
        person,
        plan,
        officer,
        movement=movement,
        summary="Hoàn thành xuất sắc nhiệm vụ",
        key_achievements=[{"year": 2023, "text": "Sáng kiến cải cách hành chính"}, {"text": ""}],
    )
    assert exemplar.origin == "registered"
    assert exemplar.scope_unit == tree["own_child"]
    assert exemplar.unit_name == "Phòng Thi đua - Khen thưởng"
    assert exemplar.subject_name == "Trần Thị Bích"
    assert "tran thi bich" in exemplar.search_text
    assert exemplar.key_achievements == [{"year": 2023, "text": "Sáng kiến cải cách hành chính"}]
    assert exemplar.titles_held == [
        {
            "year": 2023,
            "title": factories.title("lao-dong-tien-tien").name,
            "decision_number": "45/QĐ-SNV",
            "decision_date": "2023-12-20",
        }
    ]
    assert list(exemplar.status_changes.values_list("to_status", flat=True)) == ["registered"]


def test_titles_refresh_takes_new_records(tree, plan, officer):
    person = factories.person_create(unit=tree["own"])
    exemplar = exemplar_register(person, plan, officer)
    assert exemplar.titles_held == []
    factories.title_record_create(person, "lao-dong-tien-tien", 2024)
    services.exemplar_titles_refresh(exemplar=exemplar, actor=officer)
    exemplar.refresh_from_db()
    assert [item["year"] for item in exemplar.titles_held] == [2024]


def test_register_unit_and_household_scope_units(tree, plan, officer):
    household = factories.household_create(locality=tree["own_child"])
    unit_exemplar = exemplar_register(tree["own_child"], plan, officer)
    household_exemplar = exemplar_register(household, plan, officer)
    assert unit_exemplar.scope_unit == tree["own_child"]
    assert unit_exemplar.subject_kind == "collective"
    assert household_exemplar.scope_unit == tree["own_child"]


def test_register_outside_scope_refused(tree, plan, officer):
    person = factories.person_create(unit=tree["sibling"])
    with pytest.raises(PermissionDenied):
        exemplar_register(person, plan, officer)
    assert not Exemplar.objects.exists()


def test_register_year_outside_plan_refused(tree, plan, officer):
    with pytest.raises(DomainError, match="period"):
        exemplar_register(tree["own"], plan, officer, year=2030)


def test_register_movement_of_other_plan_refused(tree, plan, officer):
    other = plan_create(tree["parent"], number="1/KH")
    movement = other.movements.create(name="Phong trào khác")
    with pytest.raises(DomainError, match="movement"):
        exemplar_register(tree["own"], plan, officer, movement=movement)


def test_register_aspects_kind_needs_aspects(tree, plan, officer):
    with pytest.raises(DomainError):
        exemplar_register(tree["own"], plan, officer, kind="aspects")
    exemplar = exemplar_register(
        tree["own"], plan, officer, kind="aspects", aspects="Chuyển đổi số"
    )
    assert exemplar.aspects == "Chuyển đổi số"


def test_register_duplicate_warns_then_confirms(tree, plan, officer):
    first = exemplar_register(tree["own"], plan, officer)
    with pytest.raises(services.DuplicateExemplar) as error:
        exemplar_register(tree["own"], plan, officer)
    assert error.value.others == [first]
    exemplar_register(tree["own"], plan, officer, confirm_duplicate=True)
    exemplar_register(tree["own"], plan, officer, year=2023)  # another year: no warning
    assert Exemplar.objects.count() == 3


def test_register_bulk_all_or_nothing(tree, plan, officer):
    people = [factories.person_create(unit=tree["own"]) for _ in range(2)]
    exemplar_register(people[1], plan, officer)
    with pytest.raises(services.DuplicateExemplar):
        services.exemplar_register_bulk(
            subjects=[people[0], people[1]], plan=plan, year=2024, actor=officer
        )
    assert Exemplar.objects.count() == 1


def _register_form(plan, *tokens, **extra):
    return {"plan": plan.pk, "year": 2024, "kind": "comprehensive", "subjects": tokens, **extra}


def test_register_list_page_registers_several(client, tree, plan, officer):
    people = [factories.person_create(unit=tree["own"]) for _ in range(2)]
    client.force_login(officer)
    page = client.get(reverse("exemplars:register_list")).content.decode()
    assert f'data-testid="pick-person{people[0].pk}"' in page
    tokens = [f"person:{p.pk}" for p in people] + [f"unit:{tree['own_child'].pk}"]
    response = client.post(reverse("exemplars:register_list"), _register_form(plan, *tokens))
    assert response.status_code == 302
    assert Exemplar.objects.filter(origin="registered", registered_by=officer).count() == 3


def test_register_list_page_refuses_subject_outside_scope(client, tree, plan, officer):
    outsider = factories.person_create(unit=tree["sibling"])
    client.force_login(officer)
    response = client.post(
        reverse("exemplars:register_list"), _register_form(plan, f"person:{outsider.pk}")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Exemplar.objects.exists()


def test_register_list_page_duplicate_shows_link_and_asks_to_confirm(client, tree, plan, officer):
    other = exemplar_register(tree["own"], plan, officer)
    client.force_login(officer)
    form = _register_form(plan, f"unit:{tree['own'].pk}")
    response = client.post(reverse("exemplars:register_list"), form)
    page = response.content.decode()
    assert 'data-testid="duplicate-warning"' in page
    assert reverse("exemplars:exemplar_detail", args=[other.pk]) in page
    assert Exemplar.objects.count() == 1
    response = client.post(reverse("exemplars:register_list"), {**form, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Exemplar.objects.count() == 2


def test_register_list_forbidden_to_staff(client, tree):
    client.force_login(factories.user_with_role(Role.STAFF, tree["own"]))
    assert client.get(reverse("exemplars:register_list")).status_code == 403


def test_self_register_when_plan_allows(client, tree, plan):
    user = factories.user_with_role(Role.STAFF, tree["own"])
    person = factories.person_create("Lê Văn Tâm", unit=tree["own"])
    person.user = user
    person.save()
    with pytest.raises(DomainError, match="does not allow"):
        services.exemplar_self_register(plan=plan, year=2024, actor=user)
    plan.allows_self_registration = True
    plan.save()
    client.force_login(user)
    response = client.post(
        reverse("exemplars:self_register"),
        {"plan": plan.pk, "year": 2024, "kind": "comprehensive", "summary": "Tự đăng ký"},
    )
    assert response.status_code == 302
    exemplar = Exemplar.objects.get()
    assert (exemplar.person, exemplar.origin, exemplar.registered_by) == (
        person,
        "self_registered",
        user,
    )


def test_nominate_by_staff_within_own_unit(client, tree, plan):
    staff = factories.user_with_role(Role.STAFF, tree["own"])
    colleague = factories.person_create("Phạm Văn Tốt", unit=tree["own"])
    stranger = factories.person_create(unit=tree["sibling"])
    with pytest.raises(PermissionDenied):
        services.exemplar_nominate(
            subject=stranger, plan=plan, year=2024, discovery_kind="good_deed", actor=staff
        )
    client.force_login(staff)
    response = client.post(
        reverse("exemplars:nominate"),
        {
            "subject": f"person:{colleague.pk}",
            "plan": plan.pk,
            "year": 2024,
            "kind": "comprehensive",
            "discovery_kind": "good_deed",
            "summary": "Cứu người đuối nước",
            "key_achievements": "2024: Cứu hai em nhỏ",
        },
    )
    assert response.status_code == 302
    exemplar = Exemplar.objects.get()
    assert (exemplar.origin, exemplar.discovery_kind) == ("discovered", "good_deed")
    assert exemplar.key_achievements == [{"year": 2024, "text": "Cứu hai em nhỏ"}]
    # The nominator follows it even though a staff member cannot browse the registry.
    assert client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).status_code == 200


def test_nominate_needs_a_role(client, tree, plan):
    client.force_login(factories.UserFactory())
    assert client.get(reverse("exemplars:nominate")).status_code == 403
