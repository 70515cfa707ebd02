"""Nurturing: the plan, checkpoints, progress notes and evaluations; writes only in scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from guongsang.common.errors import DomainError
from guongsang.exemplars import services
from guongsang.orgs.enums import Role
from tests import factories
from tests.exemplars.conftest import exemplar_register


@pytest.fixture
def exemplar(tree, plan, officer):
    return exemplar_register(tree["own"], plan, officer)


def test_nurturing_pages_record_plan_notes_and_evaluations(client, tree, exemplar, officer):
    mentor = factories.person_create("Võ Thị Hướng", unit=tree["own"])
    client.force_login(officer)
    response = client.post(
        reverse("exemplars:nurturing_plan", args=[exemplar.pk]),
        {
            "support_kinds": ["material", "technical"],
            "weaknesses": "Thiếu kinh nghiệm",
            "mentor": mentor.pk,
            "start": "01/03/2024",
        },
    )
    assert response.status_code == 302
    plan = exemplar.nurturing_plan
    assert (plan.support_kinds, plan.mentor, plan.start) == (
        ["material", "technical"],
        mentor,
        datetime.date(2024, 3, 1),
    )
    client.post(
        reverse("exemplars:checkpoint_add", args=[exemplar.pk]),
        {"description": "Báo cáo sơ kết", "due_date": "30/06/2024"},
    )
    checkpoint = plan.checkpoints.get()
    client.post(reverse("exemplars:checkpoint_done", args=[exemplar.pk, checkpoint.pk]))
    checkpoint.refresh_from_db()
    assert checkpoint.done_on == datetime.date.today()
    client.post(reverse("exemplars:progress_note_add", args=[exemplar.pk]), {"text": "Tiến bộ rõ"})
    client.post(
        reverse("exemplars:evaluation_add", args=[exemplar.pk]),
        {"effect": 4, "efficiency": 5, "potential": 3, "influence": 4, "comment": "Tốt"},
    )
    page = client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).content.decode()
    assert "Tiến bộ rõ" in page
    assert "30/06/2024" in page
    assert exemplar.evaluations.get().efficiency == 5


def test_nurturing_writes_refused_out_of_scope_but_reading_allowed(client, tree, exemplar):
    parent_head = factories.user_with_role(Role.HEAD, tree["own"])
    with pytest.raises(PermissionDenied):
        services.progress_note_add(exemplar=exemplar, text="x", actor=parent_head)
    client.force_login(parent_head)
    assert client.get(reverse("exemplars:exemplar_detail", args=[exemplar.pk])).status_code == 200
    url = reverse("exemplars:progress_note_add", args=[exemplar.pk])
    assert client.post(url, {"text": "x"}).status_code == 403
    assert not exemplar.progress_notes.exists()


def test_evaluation_scores_between_one_and_five(exemplar, officer):
    with pytest.raises(DomainError):
        services.evaluation_add(
            exemplar=exemplar, actor=officer, effect=0, efficiency=3, potential=3, influence=3
        )


def test_mentor_outside_scope_refused(tree, exemplar, officer):
    stranger = factories.person_create(unit=tree["sibling"])
    with pytest.raises(DomainError):
        services.nurturing_plan_save(exemplar=exemplar, actor=officer, mentor=stranger)
