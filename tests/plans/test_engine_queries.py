"""The engine is set-based: its query count does not grow with the number of candidates,
and it agrees with the naive per-candidate evaluator on random data."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guongsang.orgs.models import Membership
from guongsang.plans.engine import evaluate, hooks
from guongsang.plans.engine.naive import evaluate_naive
from tests import factories
from tests.plans.criteria_helpers import AS_OF, case, criteria_set, rule

CODES = ["cstd-co-so", "lao-dong-tien-tien", "htxs-nhiem-vu", "cstd-bo-nganh-tinh"]


def _individual_set():
    criteria_set(
        "collective", rule("title_streak", titles=["tap-the-lao-dong-xuat-sac"], years=2),
        rule("freeze"), code="tt-5",
    )  # fmt: skip
    return criteria_set(
        "individual",
        rule("title_streak", titles=["cstd-co-so"], years=3),
        rule("any_of", children=[
            rule("rating_streak", ratings=["htxs-nhiem-vu"], years=2),
            rule("judged", "Sáng kiến"),
        ]),
        rule("freeze"),
        rule("leader_rule", collective_set="tt-5"),
        rule("title_preferred", years=5),
    )  # fmt: skip


def _population(unit, count, rng):
    people = [factories.person_create(unit=unit) for _ in range(count)]
    for person in people:
        for year in range(2020, 2025):
            for code in CODES:
                if rng.random() < 0.5:
                    factories.title_record_create(person, code, year)
        if rng.random() < 0.2:
            case(person, kind=rng.choice(["discipline", "inspection", "complaint"]),
                 opened_on=datetime.date(rng.choice([2021, 2023, 2024]), 5, 1),
                 closed_on=rng.choice([None, datetime.date(2024, 8, 1)]))  # fmt: skip
        if rng.random() < 0.2:
            Membership.objects.filter(person=person).update(is_head=True)
    return people


def _count_queries(**kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        evaluate(**kwargs)
    return len(queries)


@pytest.mark.parametrize("provider", [False, True])
def test_engine_queries_do_not_grow_with_candidates(tree, provider):
    rng = random.Random(7)
    cset = _individual_set()
    _population(tree["own_child"], 3, rng)
    _population(tree["sibling"], 30, rng)
    providers = [lambda year: {tree["own_child"].pk}] if provider else []

    with hooks.providers_replaced(*providers):
        few = _count_queries(criteria_set=cset, year=2024, unit=tree["own_child"], as_of=AS_OF)
        many = _count_queries(criteria_set=cset, year=2024, unit=tree["sibling"], as_of=AS_OF)

    assert few == many
    assert few <= 20


def test_engine_agrees_with_the_naive_evaluator_on_random_data(tree):
    rng = random.Random(42)
    cset = _individual_set()
    _population(tree["own"], 25, rng)
    _population(tree["own_child"], 15, rng)
    for unit in (tree["own"], tree["own_child"]):
        factories.title_record_create(unit, "tap-the-lao-dong-xuat-sac", 2023)
    factories.title_record_create(tree["own"], "tap-the-lao-dong-xuat-sac", 2024)

    with hooks.providers_replaced():
        fast = evaluate(criteria_set=cset, year=2024, unit=tree["own"], as_of=AS_OF)
        slow = evaluate_naive(criteria_set=cset, year=2024, unit=tree["own"], as_of=AS_OF)

    assert len(fast) == 40
    assert sorted(fast) == sorted(slow)
    assert {r.verdict for r in fast} == {"eligible", "not_eligible", "needs_judgement"}
