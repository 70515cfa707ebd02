"""The eligibility engine (see core.py); naive.py is its per-candidate reference."""

from guongsang.plans.engine.core import (
    ELIGIBLE,
    NEEDS,
    NOT_ELIGIBLE,
    CandidateResult,
    evaluate,
)

__all__ = ["ELIGIBLE", "NEEDS", "NOT_ELIGIBLE", "CandidateResult", "evaluate"]
