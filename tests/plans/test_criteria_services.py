"""Criteria sets: validation with clear messages, the shipped legal sets, judgements kept."""

import pytest

from guongsang.common.errors import DomainError
from guongsang.plans.criteria_defaults import DEFAULT_SETS
from guongsang.plans.models import CriteriaSet, Judgement
from guongsang.plans.services.criteria import (
    criteria_as_data,
    criteria_set_update,
    criteria_validate,
    judgement_record,
)
from tests import factories
from tests.plans.criteria_helpers import criteria_set, rule

pytestmark = pytest.mark.django_db


def test_shipped_legal_sets_are_loaded_and_valid():
    shipped = CriteriaSet.objects.filter(is_builtin=True)

    assert set(shipped.values_list("code", flat=True)) == {s["code"] for s in DEFAULT_SETS}
    cstd = shipped.get(code="cstd-co-so")
    assert cstd.title.code == "cstd-co-so" and "06/2022/QH15" in cstd.legal_reference
    for entry in shipped:
        data = criteria_as_data(entry)
        assert criteria_validate(data, subject_kind=entry.subject_kind) == []
    assert [c["kind"] for c in criteria_as_data(cstd)] == ["title_streak", "any_of", "freeze"]


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([rule("title_streak", titles=["khong-co"], years=3)], "khong-co"),
        ([rule("title_streak", titles=["cstd-co-so"])], "years"),
        ([rule("metric_rule", metric="household.annual_income", op="~", value=1)], "op"),
        ([rule("any_of", children=[])], "1"),
        ([rule("composition", rules=[{"titles": ["cstd-co-so"], "min_share": 2}])], "min_share"),
        ([rule("metric_rule", metric="household.annual_income", best_in="locality")], "1"),
        ([rule("leader_rule", collective_set="khong-co")], "khong-co"),
    ],
)
def test_bad_criteria_are_refused_with_the_reason(criteria, message):
    with pytest.raises(DomainError) as error:
        criteria_set("individual", *criteria)

    assert message in error.value.message
    assert "1" in error.value.message


def test_editing_the_wording_keeps_the_criterion_and_its_judgements(tree):
    cset = criteria_set("individual", rule("judged", "Có sáng kiến"), rule("freeze"))
    judged = cset.criteria.get(kind="judged")
    person = factories.person_create(unit=tree["own"])
    user = factories.UserFactory()
    judgement_record(criterion=judged, subject=person, year=2024, met=True, evidence="QĐ 1",
                     actor=user)  # fmt: skip

    data = criteria_as_data(cset)
    data[0]["label"] = "Có sáng kiến được công nhận"
    data[1] = rule("title_streak", titles=["cstd-co-so"], years=1)
    criteria_set_update(criteria_set=cset, criteria=data, actor=user)

    judged.refresh_from_db()
    assert judged.label == "Có sáng kiến được công nhận"
    assert Judgement.objects.filter(criterion=judged).count() == 1
    assert [c["kind"] for c in criteria_as_data(cset)] == ["judged", "title_streak"]
    assert cset.criteria.count() == 2


def test_judgement_record_updates_the_same_row(tree):
    cset = criteria_set("individual", rule("judged", "Có sáng kiến"))
    judged = cset.criteria.get()
    person = factories.person_create(unit=tree["own"])
    user = factories.UserFactory()

    judgement_record(criterion=judged, subject=person, year=2024, met=True, actor=user)
    judgement_record(criterion=judged, subject=person, year=2024, met=False, evidence="x",
                     actor=user)  # fmt: skip

    (judgement,) = Judgement.objects.all()
    assert (judgement.met, judgement.evidence) == (False, "x")
