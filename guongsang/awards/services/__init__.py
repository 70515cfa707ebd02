"""Every write of the awards app: decisions (draft → issued, corrections) and the funds."""

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
]
