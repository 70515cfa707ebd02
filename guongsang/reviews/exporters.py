"""The round as one XLSX sheet: candidates, scores per criterion, tallies and outcomes."""

from django.utils.translation import gettext as _

from guongsang.common.xlsx import xlsx_response
from guongsang.reviews import selectors
from guongsang.reviews.enums import Outcome
from guongsang.reviews.models import ReviewRound


def round_headers(criteria) -> list[str]:
    return [
        _("No."),
        _("Name"),
        _("Unit"),
        *[c.name for c in criteria],
        _("Weighted score"),
        _("Agree"),
        _("Disagree"),
        _("Outcome"),
        _("Reason"),
    ]


def round_rows(*, review_round: ReviewRound, criteria) -> list[list]:
    """One row per candidate, ranked; a criterion's cell is its average over the members."""
    averages = selectors.criterion_averages(review_round=review_round)
    rows = []
    candidates = selectors.candidates_ranked(review_round=review_round)
    for number, candidate in enumerate(candidates.iterator(chunk_size=500), start=1):
        per_criterion = [
            _rounded(averages.get((candidate.pk, criterion.pk))) for criterion in criteria
        ]
        rows.append(
            [
                number,
                candidate.name,
                candidate.unit_name,
                *per_criterion,
                float(candidate.score),
                candidate.agree,
                candidate.disagree,
                str(Outcome(candidate.outcome).label),
                candidate.outcome_reason,
            ]
        )
    return rows


def _rounded(value):
    return None if value is None else round(float(value), 2)


def round_xlsx_response(*, review_round: ReviewRound):
    criteria = selectors.criteria_of(review_round=review_round)
    rows = round_rows(review_round=review_round, criteria=criteria)
    return xlsx_response(
        f"binh-xet-{review_round.pk}.xlsx", _("Review round"), round_headers(criteria), rows
    )
