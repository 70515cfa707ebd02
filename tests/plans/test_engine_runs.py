"""A run keeps compact reasons — what decides each verdict — and gives them back in full."""

import pytest
from django.utils import translation

from guongsang.plans.engine import evaluate, hooks
from guongsang.plans.engine.reasons import reasons_compact, reasons_expand
from guongsang.plans.engine.runs import results_store
from guongsang.plans.models import EligibilityRun
from guongsang.plans.selectors_criteria import results_with_reasons, run_reason_labels
from tests import factories
from tests.plans.criteria_helpers import AS_OF, YEAR, criteria_set, rule


@pytest.fixture(autouse=True)
def no_providers():
    with hooks.providers_replaced():
        yield


def _set():
    return criteria_set(
        "individual",
        rule("title_streak", "CSTĐ", titles=["cstd-co-so"], years=1),
        rule("any_of", "Xuất sắc hoặc sáng kiến", children=[
            rule("rating_streak", "HTXS", ratings=["htxs-nhiem-vu"], years=1),
            rule("judged", "Sáng kiến"),
        ]),
        rule("freeze", "Không bị kỷ luật"),
    )  # fmt: skip


def test_compact_reasons_keep_what_decides_the_verdict(tree):
    cset = _set()
    best = factories.person_create("Nguyễn Văn An", unit=tree["own"])
    rated = factories.person_create("Trần Thị Bình", unit=tree["own"])
    nothing = factories.person_create("Lê Văn Cường", unit=tree["own"])
    factories.title_record_create(best, "cstd-co-so", YEAR)
    for person in (best, rated):
        factories.title_record_create(person, "htxs-nhiem-vu", YEAR)
    with translation.override("vi"):
        results = {r.id: r for r in evaluate(criteria_set=cset, year=YEAR, unit=tree["own"],
                                             as_of=AS_OF)}  # fmt: skip

    def kept(person):
        result = results[person.pk]
        return [(item["d"], item["v"]) for item in reasons_compact(result.reasons, result.verdict)]

    # Eligible: every reason. Otherwise only the criteria not met, and not inside a met group.
    assert kept(best) == [(0, "eligible"), (0, "eligible"), (1, "eligible"), (1, "needs_judgement"),
                          (0, "eligible")]  # fmt: skip
    assert kept(rated) == [(0, "not_eligible")]
    assert kept(nothing) == [(0, "not_eligible"), (0, "needs_judgement"),
                             (1, "not_eligible"), (1, "needs_judgement")]  # fmt: skip


def test_stored_results_read_back_in_full(tree):
    cset = _set()
    people = [factories.person_create(unit=tree["own"]) for _ in range(3)]
    factories.title_record_create(people[0], "cstd-co-so", YEAR)
    factories.title_record_create(people[0], "htxs-nhiem-vu", YEAR)
    run = EligibilityRun.objects.create(criteria_set=cset, year=YEAR, unit=tree["own"],
                                        created_by=factories.UserFactory())  # fmt: skip
    with translation.override("vi"):
        results = evaluate(criteria_set=cset, year=YEAR, unit=tree["own"], as_of=AS_OF)

    assert results_store(run=run, results=results) == 3
    labels = run_reason_labels(run=run)
    stored = {r.person_id: r for r in results_with_reasons(run.results.all(), labels=labels)}
    first = stored[people[0].pk]
    assert (first.verdict, first.subject_name) == ("eligible", people[0].full_name)
    assert [(r["label"], r["kind"], r["depth"]) for r in first.reason_items] == [
        ("CSTĐ", "title_streak", 0), ("Xuất sắc hoặc sáng kiến", "any_of", 0),
        ("HTXS", "rating_streak", 1), ("Sáng kiến", "judged", 1),
        ("Không bị kỷ luật", "freeze", 0),
    ]  # fmt: skip
    assert first.reason_items[0]["text"] == "đạt danh hiệu Chiến sĩ thi đua cơ sở năm 2024"
    assert [r["label"] for r in stored[people[1].pk].reason_items] == [
        "CSTĐ", "Xuất sắc hoặc sáng kiến", "HTXS", "Sáng kiến",
    ]  # fmt: skip


def test_reasons_stored_in_full_before_are_read_as_they_are():
    full = [{"label": "CSTĐ", "kind": "title_streak", "verdict": "eligible", "text": "đạt",
             "depth": 0}]  # fmt: skip

    assert reasons_expand(full, {}) == full
    assert reasons_expand([{"c": None, "v": "not_eligible", "t": "đã giải thể", "d": 0}], {}) == [
        {"label": "", "kind": "", "verdict": "not_eligible", "text": "đã giải thể", "depth": 0,
         "criterion": None}
    ]  # fmt: skip
