"""The exemplar's life: the transition table, who may take each step, and what is recorded."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from guongsang.common.errors import DomainError
from guongsang.exemplars import services
from guongsang.exemplars.models import Exemplar, StatusChange
from guongsang.orgs.enums import Role
from tests import factories
from tests.exemplars.conftest import exemplar_register

pytestmark = pytest.mark.usefixtures("english")

WHERE = ["own", "sibling", "parent", "outside"]
ROLES = [Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.ADMIN, Role.STAFF, Role.COUNCIL]
WRITE = {Role.OFFICER, Role.SYNTHESIS}
APPROVE = {Role.HEAD, Role.SYNTHESIS}
# Each step, the status it starts from in the test, and the roles that may take it in scope.
STEPS = {
    "start_nurturing": ("registered", WRITE),
    "withdraw": ("registered", WRITE),
    "propose": ("nurturing", APPROVE),
    "not_recognise": ("proposed", APPROVE),
}


@pytest.fixture
def admin(tree):
    return factories.user_with_role(Role.ADMIN, tree["outside"])


@pytest.fixture
def exemplar(tree, plan, admin):
    person = factories.person_create("Nguyễn Thị Lan", unit=tree["own"])
    return exemplar_register(person, plan, admin)


def _move_to(exemplar, status, admin):
    path = {
        "registered": [],
        "nurturing": ["start_nurturing"],
        "proposed": ["start_nurturing", "propose"],
    }[status]
    for step in path:
        services.exemplar_transition(exemplar=exemplar, transition=step, actor=admin)


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_transition_permission_matrix(tree, exemplar, admin, step, role, where):
    start, allowed_roles = STEPS[step]
    _move_to(exemplar, start, admin)
    actor = factories.user_with_role(role, tree[where])
    allowed = role == Role.ADMIN or (role in allowed_roles and where in ("own", "parent"))
    if allowed:
        services.exemplar_transition(
            exemplar=exemplar, transition=step, actor=actor, reason="Lý do"
        )
        exemplar.refresh_from_db()
        assert exemplar.status == services.TRANSITIONS[step].target
    else:
        with pytest.raises(PermissionDenied):
            services.exemplar_transition(
                exemplar=exemplar, transition=step, actor=actor, reason="Lý do"
            )
        exemplar.refresh_from_db()
        assert exemplar.status == start


@pytest.mark.parametrize(
    ("start", "step"),
    [
        ("registered", "propose"),
        ("registered", "not_recognise"),
        ("nurturing", "start_nurturing"),
        ("proposed", "propose"),
        ("proposed", "start_nurturing"),
    ],
)
def test_transition_illegal_is_refused_with_message(exemplar, admin, start, step):
    _move_to(exemplar, start, admin)
    changes_before = StatusChange.objects.count()
    with pytest.raises(DomainError) as error:
        services.exemplar_transition(exemplar=exemplar, transition=step, actor=admin, reason="x")
    assert "cannot be moved" in str(error.value.message)
    exemplar.refresh_from_db()
    assert exemplar.status == start
    assert StatusChange.objects.count() == changes_before


def test_withdrawn_and_not_recognised_are_final(exemplar, admin):
    services.exemplar_withdraw(exemplar=exemplar, actor=admin, reason="Chuyển công tác")
    for step in services.TRANSITIONS:
        with pytest.raises(DomainError):
            services.exemplar_transition(
                exemplar=exemplar, transition=step, actor=admin, reason="x"
            )


@pytest.mark.parametrize("step", ["withdraw", "not_recognise"])
def test_transition_reason_required(exemplar, admin, step):
    _move_to(exemplar, "nurturing", admin)
    with pytest.raises(DomainError, match="reason"):
        services.exemplar_transition(exemplar=exemplar, transition=step, actor=admin, reason=" ")
    exemplar.refresh_from_db()
    assert exemplar.status == "nurturing"


def test_transition_records_status_change_and_history(tree, exemplar, admin):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    services.exemplar_start_nurturing(exemplar=exemplar, actor=officer)
    services.exemplar_withdraw(exemplar=exemplar, actor=officer, reason="Không đủ điều kiện")
    changes = list(exemplar.status_changes.values_list("from_status", "to_status", "reason"))
    assert changes == [
        ("", "registered", ""),
        ("registered", "nurturing", ""),
        ("nurturing", "withdrawn", "Không đủ điều kiện"),
    ]
    assert exemplar.status_changes.last().actor == officer
    latest = exemplar.history.order_by("-history_date").first()
    assert latest.status == "withdrawn"
    assert latest.history_user == officer
    assert latest.history_change_reason == "Không đủ điều kiện"
    assert Exemplar.objects.filter(pk=exemplar.pk).exists()  # never deleted


def test_transition_view_head_proposes(client, tree, exemplar, admin, head):
    _move_to(exemplar, "nurturing", admin)
    client.force_login(head)
    response = client.post(reverse("exemplars:exemplar_transition", args=[exemplar.pk, "propose"]))
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.status == "proposed"


def test_transition_view_officer_may_not_propose(client, tree, exemplar, admin, officer):
    _move_to(exemplar, "nurturing", admin)
    client.force_login(officer)
    url = reverse("exemplars:exemplar_transition", args=[exemplar.pk, "propose"])
    assert client.post(url).status_code == 403
    exemplar.refresh_from_db()
    assert exemplar.status == "nurturing"


def test_transition_view_withdraw_without_reason_shows_error(client, exemplar, officer):
    client.force_login(officer)
    url = reverse("exemplars:exemplar_transition", args=[exemplar.pk, "withdraw"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    exemplar.refresh_from_db()
    assert exemplar.status == "registered"


def test_detail_shows_only_allowed_transitions(client, exemplar, officer, head):
    client.force_login(officer)
    page = client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).content.decode()
    assert 'data-testid="transition-start_nurturing"' in page
    assert 'data-testid="transition-propose"' not in page
    client.force_login(head)
    page = client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).content.decode()
    assert 'data-testid="transition-start_nurturing"' not in page
