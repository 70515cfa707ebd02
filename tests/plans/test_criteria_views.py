"""The criteria pages: list, builder (add, edit, move, remove; bad params refused), runs."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.orgs.enums import Role
from guongsang.plans.engine import hooks
from guongsang.plans.models import CriteriaSet, EligibilityRun, Judgement
from guongsang.plans.services.criteria import criteria_as_data
from tests import factories
from tests.plans.criteria_helpers import criteria_set, rule


@pytest.fixture(autouse=True)
def no_providers():
    with hooks.providers_replaced():
        yield


@pytest.fixture
def synthesis(tree, client):
    user = factories.user_with_role(Role.SYNTHESIS, tree["own"])
    client.force_login(user)
    return user


def test_set_list_queries_do_not_grow(client, synthesis, django_assert_max_num_queries):
    url = reverse("criteria:set_list")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(3):
        criteria_set("individual", rule("freeze"), name=f"Bộ {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Bộ 2" in response.content.decode()


def test_builder_adds_edits_moves_and_removes(client, synthesis):
    response = client.post(
        reverse("criteria:set_create"),
        {"name": "Cá nhân tiêu biểu", "subject_kind": "individual", "scope": "general"},
    )
    cset = CriteriaSet.objects.get(name="Cá nhân tiêu biểu")
    assert response.url == reverse("criteria:set_detail", args=[cset.pk])
    add = reverse("criteria:criterion_add", args=[cset.pk])

    client.post(
        f"{add}?kind=title_streak",
        {"label": "CSTĐ cơ sở 3 năm", "titles": ["cstd-co-so"], "years": 3},
    )
    client.post(f"{add}?kind=any_of", {"label": "Một trong"})
    client.post(f"{add}?kind=freeze&parent=2", {"label": "Không kỷ luật",
                                                 "case_kinds": ["discipline"]})  # fmt: skip
    client.post(reverse("criteria:criterion_move", args=[cset.pk, "2", "up"]))
    client.post(
        reverse("criteria:criterion_edit", args=[cset.pk, "2"]),
        {"label": "CSTĐ cơ sở 2 năm", "titles": ["cstd-co-so"], "years": 2},
    )
    client.post(reverse("criteria:criterion_move", args=[cset.pk, "1.1", "remove"]))  # fmt: skip

    data = criteria_as_data(cset)
    assert [item["kind"] for item in data] == ["any_of", "title_streak"]
    assert data[1]["params"] == {"titles": ["cstd-co-so"], "years": 2}
    assert [c["kind"] for c in data[0]["children"]] == ["freeze"]
    assert data[0]["children"][0]["params"] == {"kinds": ["discipline"]}
    page = client.get(reverse("criteria:set_detail", args=[cset.pk])).content.decode()
    assert "CSTĐ cơ sở 2 năm" in page


def test_builder_refuses_bad_params_with_a_message(client, synthesis):
    cset = criteria_set("household", rule("freeze"))
    add = reverse("criteria:criterion_add", args=[cset.pk])

    response = client.post(f"{add}?kind=metric_rule",
                           {"label": "Thu nhập", "metric": "household.annual_income"})  # fmt: skip

    assert response.status_code == 200
    assert "“op”" in response.content.decode()
    assert len(criteria_as_data(cset)) == 1


def test_builtin_sets_are_for_administrators_only(client, tree, synthesis):
    builtin = CriteriaSet.objects.get(code="cstd-co-so", is_builtin=True)
    assert client.get(reverse("criteria:set_edit", args=[builtin.pk])).status_code == 403
    client.force_login(factories.user_with_role(Role.ADMIN, tree["parent"]))
    assert client.get(reverse("criteria:set_edit", args=[builtin.pk])).status_code == 200


def test_run_shows_results_exports_and_takes_judgements(
    client, tree, django_capture_on_commit_callbacks
):
    officer = factories.user_with_role(Role.OFFICER, tree["own"])
    client.force_login(officer)
    person = factories.person_create("Phạm Thị Dung", unit=tree["own_child"])
    factories.title_record_create(person, "lao-dong-tien-tien", 2024)
    cset = CriteriaSet.objects.get(code="cstd-co-so", is_builtin=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("criteria:run_create"),
            {"criteria_set": cset.pk, "year": 2024, "unit": tree["own"].pk},
        )
    run = EligibilityRun.objects.get()
    assert response.url == reverse("criteria:run_detail", args=[run.pk])
    assert (run.status, run.candidates, run.needs_judgement) == ("done", 1, 1)
    page = client.get(response.url).content.decode()
    assert "Phạm Thị Dung" in page and "chưa được đánh giá" in page
    export = client.get(reverse("criteria:run_export", args=[run.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.cell(2, 1).value == "Phạm Thị Dung"

    result = run.results.get()
    judged = cset.criteria.get(kind="judged")
    client.post(reverse("criteria:judgement_edit", args=[run.pk, result.pk]),
                {f"c{judged.pk}-met": "yes", f"c{judged.pk}-evidence": "QĐ 12/QĐ-SNV"})  # fmt: skip

    result.refresh_from_db()
    run.refresh_from_db()
    assert Judgement.objects.get().evidence == "QĐ 12/QĐ-SNV"
    assert result.verdict == "eligible" and run.eligible == 1 and run.needs_judgement == 0


def test_run_on_a_unit_outside_scope_is_refused(client, tree):
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    cset = criteria_set("individual", rule("freeze"))

    response = client.post(
        reverse("criteria:run_create"),
        {"criteria_set": cset.pk, "year": 2024, "unit": tree["sibling"].pk},
    )

    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not EligibilityRun.objects.exists()
