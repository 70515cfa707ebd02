"""Helpers shared by the criteria, engine and compliance tests."""

import datetime

from django.utils import translation

from guongsang.plans.engine import evaluate
from guongsang.plans.engine.naive import evaluate_naive
from guongsang.plans.services.compliance import compliance_case_create
from guongsang.plans.services.criteria import criteria_set_create

YEAR = 2024
AS_OF = datetime.date(2025, 3, 1)


def criteria_set(subject_kind: str, *criteria, code: str = "", name: str = "Bộ tiêu chí thử"):
    return criteria_set_create(
        name=name, subject_kind=subject_kind, criteria=list(criteria), actor=None, code=code
    )


def rule(kind: str, label: str = "Tiêu chí", children=None, **params) -> dict:
    item = {"kind": kind, "label": label, "params": params}
    if children is not None:
        item["children"] = children
    return item


def run(criteria_set, unit, *, year: int = YEAR, naive: bool = False, **kwargs) -> dict:
    """{subject id: CandidateResult}, reasons in Vietnamese; checks the naive engine agrees."""
    with translation.override("vi"):
        results = evaluate(criteria_set=criteria_set, year=year, unit=unit, as_of=AS_OF, **kwargs)
        reference = evaluate_naive(
            criteria_set=criteria_set, year=year, unit=unit, as_of=AS_OF, **kwargs
        )
    assert sorted(results) == sorted(reference)
    return {result.id: result for result in results}


def texts(result) -> list[str]:
    return [reason["text"] for reason in result.reasons]


def case(subject, kind: str = "discipline", **fields):
    fields.setdefault("opened_on", datetime.date(2024, 6, 1))
    return compliance_case_create(subject=subject, kind=kind, actor=None, **fields)
