"""What a criterion answers for a candidate, and how groups combine the answers."""

from decimal import Decimal

from guongsang.plans.enums import Verdict

ELIGIBLE, NOT_ELIGIBLE, NEEDS = (
    Verdict.ELIGIBLE.value,
    Verdict.NOT_ELIGIBLE.value,
    Verdict.NEEDS_JUDGEMENT.value,
)
SCORE_SCALE = 1_000_000  # a title's code: rank·10⁶ + title id
YEAR_SCALE = 10_000  # a held title: code·10⁴ + year, so the best is the largest number


class Outcome:
    """One criterion's answer for a candidate; shared by every candidate with the same facts."""

    __slots__ = ("verdict", "text", "score")

    def __init__(self, verdict: str, text: str, score: int = 0):
        self.verdict, self.text, self.score = verdict, text, score


def all_of(verdicts) -> str:
    verdicts = list(verdicts)
    if NOT_ELIGIBLE in verdicts:
        return NOT_ELIGIBLE
    return NEEDS if NEEDS in verdicts else ELIGIBLE


def any_of(verdicts) -> str:
    verdicts = list(verdicts)
    if ELIGIBLE in verdicts:
        return ELIGIBLE
    return NEEDS if NEEDS in verdicts else NOT_ELIGIBLE


def compare(value, op: str, bound) -> bool:
    bound = Decimal(str(bound))
    return {
        ">=": value >= bound,
        ">": value > bound,
        "<=": value <= bound,
        "<": value < bound,
        "=": value == bound,
    }[op]
