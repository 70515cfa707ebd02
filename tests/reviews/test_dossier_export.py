"""The candidate's dossier (titles, the engine's verdict, nurturing) and the XLSX export."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from guongsang.plans.engine import evaluate
from guongsang.plans.models import CriteriaSet
from guongsang.reviews import services
from tests import factories
from tests.reviews.conftest import close, member_user, opened_round, person_in, proposed


def test_dossier_shows_titles_and_eligibility(client, tree, plan, council, synthesis, english):
    person = person_in(tree["own"], "Hoàng Minh Đức")
    for year in (2022, 2023, 2024):
        factories.title_record_create(person, "lao-dong-tien-tien", year)
    title = factories.title("cstd-co-so")
    prerequisite = CriteriaSet.objects.get(title=title, is_builtin=True)
    exemplar = proposed(person, plan, synthesis, summary="Hoàn thành xuất sắc nhiệm vụ")
    review_round = opened_round(council, synthesis, [exemplar], title=title)
    candidate = review_round.candidates.get()
    client.force_login(synthesis)
    page = client.get(reverse("reviews:candidate_detail", args=[review_round.pk, candidate.pk]))
    assert page.status_code == 200
    assert [(r.year, r.title.code) for r in page.context["titles"]] == [
        (2024, "lao-dong-tien-tien"), (2023, "lao-dong-tien-tien"), (2022, "lao-dong-tien-tien"),
    ]  # fmt: skip
    assert reverse("reviews:candidate_eligibility", args=[review_round.pk, candidate.pk]) in (
        page.content.decode()
    )
    panel = client.get(
        reverse("reviews:candidate_eligibility", args=[review_round.pk, candidate.pk]),
        headers={"HX-Request": "true"},
    )
    eligibility = panel.context["eligibility"]
    assert eligibility["criteria_set"] == prerequisite
    [expected] = evaluate(criteria_set=prerequisite, year=2024, subject_ids=[person.pk])
    assert (eligibility["result"].id, eligibility["result"].verdict) == (
        person.pk, expected.verdict,
    )  # fmt: skip
    assert [r["text"] for r in eligibility["result"].reasons] == [
        r["text"] for r in expected.reasons
    ]
    assert expected.reasons
    assert "Hoàn thành xuất sắc nhiệm vụ" in page.content.decode()
    assert expected.reasons[-1]["text"] in panel.content.decode()
    assert "<html" not in panel.content.decode()


def test_dossier_without_prerequisites(client, tree, plan, council, synthesis):
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    review_round = opened_round(council, synthesis, [exemplar])
    candidate = review_round.candidates.get()
    client.force_login(synthesis)
    page = client.get(
        reverse("reviews:candidate_eligibility", args=[review_round.pk, candidate.pk])
    )
    assert page.context["eligibility"] is None
    assert "<html" in page.content.decode()  # without HTMX: a page of its own


def test_export_has_scores_tallies_and_outcomes(client, tree, plan, council, synthesis, english):
    exemplars = [
        proposed(person_in(tree["own"], n), plan, synthesis) for n in ("Lý An", "Mai Bình")
    ]
    review_round = opened_round(council, synthesis, exemplars)
    criterion = services.criterion_add(
        review_round=review_round, name="Thành tích", weight=1, actor=synthesis
    )
    one, _ = member_user(council, synthesis)
    two, _ = member_user(council, synthesis)
    first = review_round.candidates.get(name="Mai Bình")
    services.scores_set(candidate=first, values={criterion.pk: 9}, actor=one)
    services.scores_set(candidate=first, values={criterion.pk: 6}, actor=two)
    second = review_round.candidates.get(name="Lý An")
    services.candidate_outcome_set(
        candidate=second, outcome="defer", reason="Thiếu minh chứng", actor=synthesis
    )
    close(review_round)
    review_round.candidates.filter(pk=first.pk).update(agree=4, disagree=1)
    client.force_login(synthesis)
    response = client.get(reverse("reviews:round_export", args=[review_round.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "No.", "Name", "Unit", "Thành tích", "Weighted score", "Agree", "Disagree", "Outcome",
        "Reason",
    ]  # fmt: skip
    assert rows[1] == [1, "Mai Bình", first.unit_name, 7.5, 7.5, 4, 1, "Pending", None]
    assert rows[2] == [2, "Lý An", second.unit_name, None, 0, 0, 0, "Deferred to a later round",
                       "Thiếu minh chứng"]  # fmt: skip
