"""What the propagation services share: the rule check and the scope checks of what a record
names (exemplars, plans, movements, units)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save, validation_message
from guongsang.common.errors import DomainError
from guongsang.exemplars.selectors import exemplars_visible_to
from guongsang.orgs.selectors import units_visible_to
from guongsang.plans.selectors import plans_visible_to


def require(actor, perm: str, obj=None) -> None:
    """Services called by people check the rule; `actor=None` is the system (imports, demo)."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied


def check_exemplars(actor, exemplars) -> None:
    """Every exemplar named must lie within what the actor may read."""
    if actor is None or not exemplars:
        return
    wanted = {exemplar.pk for exemplar in exemplars}
    seen = set(exemplars_visible_to(user=actor).filter(pk__in=wanted).values_list("pk", flat=True))
    if seen != wanted:
        raise DomainError(_("An exemplar chosen is outside your scope."))


def check_units(actor, units) -> None:
    if actor is None or not units:
        return
    wanted = {unit.pk for unit in units}
    seen = set(units_visible_to(user=actor).filter(pk__in=wanted).values_list("pk", flat=True))
    if seen != wanted:
        raise DomainError(_("A unit chosen is outside your scope."))


def _visible(selector, actor, obj) -> bool:
    return selector(user=actor).filter(pk=obj.pk).exists()


def check_plan(actor, plan, movement):
    """The plan (taken from the movement when only that is given), visible to the actor, and
    the movement belonging to it."""
    if movement is not None and plan is None:
        plan = movement.plan
    if movement is not None and movement.plan_id != plan.pk:
        raise DomainError(_("The movement does not belong to this plan."))
    if plan is not None and actor is not None and not _visible(plans_visible_to, actor, plan):
        raise DomainError(_("The plan chosen is outside your scope."))
    return plan


REASON_LENGTH = 100  # the history's change reason column


def save(obj, *, actor, reason: str = ""):
    """audited_save, with `created_by` left empty when the system (no actor) records it."""
    try:
        obj.full_clean(exclude=["created_by"] if obj.created_by_id is None else None)
    except ValidationError as error:
        raise DomainError(validation_message(error)) from error
    reason = str(reason or "")[:REASON_LENGTH]
    return audited_save(obj, actor=actor, reason=reason, validate=False)
