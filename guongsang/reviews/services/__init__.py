"""Every write to councils and review rounds. Services are keyword-only, atomic and audited."""

from guongsang.reviews.services.councils import (  # noqa: F401
    council_create,
    council_member_add,
    council_member_update,
    council_update,
)
from guongsang.reviews.services.rounds import (  # noqa: F401
    candidate_outcome_set,
    candidates_add,
    candidates_outcome_bulk,
    ensure_round_not_closed,
    ensure_round_open,
    round_create,
    round_open,
    round_update,
)
from guongsang.reviews.services.scoring import (  # noqa: F401
    candidate_score_recompute,
    comment_add,
    criterion_add,
    criterion_update,
    scores_set,
)
