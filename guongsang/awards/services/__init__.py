"""Every write of the awards app: decisions (draft → issued, corrections), funds, postings,
proposals upwards."""

from guongsang.awards.services.decisions import (
    decision_correct,
    decision_create,
    decision_recipient_add,
    decision_recipient_remove,
    decision_recipients_from_round,
    decision_update,
)
from guongsang.awards.services.funds import fund_create, fund_entry_add
from guongsang.awards.services.issuing import decision_issue
from guongsang.awards.services.postings import (
    posting_comment_add,
    posting_comment_publish,
    posting_create,
    posting_required,
)
from guongsang.awards.services.proposals import (
    proposal_accept,
    proposal_create,
    proposal_return,
    proposal_send,
    proposal_update,
)

__all__ = [
    "decision_correct",
    "decision_create",
    "decision_issue",
    "decision_recipient_add",
    "decision_recipient_remove",
    "decision_recipients_from_round",
    "decision_update",
    "fund_create",
    "fund_entry_add",
    "posting_comment_add",
    "posting_comment_publish",
    "posting_create",
    "posting_required",
    "proposal_accept",
    "proposal_create",
    "proposal_return",
    "proposal_send",
    "proposal_update",
]
