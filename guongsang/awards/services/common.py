"""What the awards services share: the permission check and the lock on a draft."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from guongsang.awards.enums import DecisionStatus
from guongsang.awards.models import Decision
from guongsang.common.errors import DomainError


def require(actor, perm: str, obj=None) -> None:
    """Services called by people check the rule; `actor=None` is the system (imports, demo)."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied


def lock_draft(decision: Decision) -> Decision:
    """The decision read afresh under a lock; an issued one is never changed."""
    fresh = Decision.objects.select_for_update().get(pk=decision.pk)
    if fresh.status != DecisionStatus.DRAFT:
        raise DomainError(
            _("Decision %(number)s is issued and cannot be changed: issue a correction instead.")
            % {"number": fresh.number}
        )
    return fresh


def save_decision(decision: Decision, *, actor, reason: str = "") -> Decision:
    """audited_save for a decision: the base salary stays empty until it is issued."""
    from django.core.exceptions import ValidationError

    from guongsang.common.audit import audited_save, validation_message

    try:
        decision.full_clean(exclude=["base_salary"] if decision.base_salary is None else None)
    except ValidationError as error:
        raise DomainError(validation_message(error)) from error
    return audited_save(decision, actor=actor, reason=reason, validate=False)
