"""The exemplar's life: which step may follow which, who may take it, and the record of it.

registered ──► nurturing ──► proposed ──► under review ──► recognised (at a level)
     │              │             ▲  │            │                 │
     │              │             └──┼── deferred ┘                 │ proposed upwards
     │              │             ▲  │                              │ (awards.Proposal)
     │              │             └──┼──────────────────────────────┘
     └──────────────┴────────────────┴──► withdrawn / not recognised (reason kept)

An exemplar recognised at one level rises by a proposal to the parent unit: sending it puts it
back to "proposed" (its level kept), the parent returns it (back to recognised) or reviews it;
failing the higher review leaves it recognised at the level it already had.

The review steps (start_review, defer, recognise) are taken by the synthesising office of the
council's unit, through the review round's services; their rule ("reviews.exemplar_step") lives
with the councils in reviews/rules.py. Failing a review is the not_recognise step.

To add a step, add a row to TRANSITIONS (and a permission in rules.py); nothing else changes.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus as S
from guongsang.exemplars.models import Exemplar, StatusChange
from guongsang.exemplars.notifications import notify_status_change
from guongsang.titles.enums import Level


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    perm: str
    label: str
    reason_required: bool = False


REVIEW_STEP_PERM = "reviews.exemplar_step"
PROPOSE_UP_PERM = "awards.send_proposal"  # obj: the exemplar
RETURN_PERM = "awards.receive_proposal"  # obj: the exemplar


def _t(name, sources, target, label, *, reason_required=False, perm="") -> Transition:
    return Transition(
        name=name,
        sources=frozenset(sources),
        target=target,
        perm=perm or f"exemplars.{name}",
        label=label,
        reason_required=reason_required,
    )


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("start_nurturing", [S.REGISTERED], S.NURTURING, gettext_lazy("Start nurturing")),
        _t("propose", [S.NURTURING], S.PROPOSED, gettext_lazy("Propose (send up)")),
        _t(
            "withdraw",
            [S.REGISTERED, S.NURTURING, S.PROPOSED],
            S.WITHDRAWN,
            gettext_lazy("Withdraw"),
            reason_required=True,
        ),
        _t(
            "not_recognise",
            [S.NURTURING, S.PROPOSED, S.UNDER_REVIEW],
            S.NOT_RECOGNISED,
            gettext_lazy("Not recognised"),
            reason_required=True,
        ),
        _t(
            "start_review",
            [S.PROPOSED],
            S.UNDER_REVIEW,
            gettext_lazy("Put under review"),
            perm=REVIEW_STEP_PERM,
        ),
        _t(
            "defer",
            [S.UNDER_REVIEW],
            S.PROPOSED,
            gettext_lazy("Defer to a later review"),
            reason_required=True,
            perm=REVIEW_STEP_PERM,
        ),
        _t(
            "recognise",
            [S.UNDER_REVIEW],
            S.RECOGNISED,
            gettext_lazy("Recognise"),
            perm=REVIEW_STEP_PERM,
        ),
        _t(
            "keep_recognition",
            [S.UNDER_REVIEW],
            S.RECOGNISED,
            gettext_lazy("Not recognised at the higher level; keeps its earlier recognition"),
            reason_required=True,
            perm=REVIEW_STEP_PERM,
        ),
        _t(
            "propose_up",
            [S.RECOGNISED],
            S.PROPOSED,
            gettext_lazy("Proposed to the level above"),
            perm=PROPOSE_UP_PERM,
        ),
        _t(
            "return_down",
            [S.PROPOSED],
            S.RECOGNISED,
            gettext_lazy("Returned by the level above"),
            reason_required=True,
            perm=RETURN_PERM,
        ),
    )
}


def transitions_open(*, exemplar: Exemplar, user) -> list[Transition]:
    """The steps this user may take now from the exemplar's page.

    The review and proposal steps are taken by review rounds, decisions and proposals, which
    hold what they need (the round, the level, the parent), so they get no button here.
    """
    return [
        t
        for t in TRANSITIONS.values()
        if exemplar.status in t.sources
        and t.perm.startswith("exemplars.")
        and user.has_perm(t.perm, exemplar)
    ]


@transaction.atomic
def exemplar_transition(
    *, exemplar: Exemplar, transition: str, actor, reason: str = "", **changes
) -> StatusChange:
    step = TRANSITIONS[transition]
    if not actor.has_perm(step.perm, exemplar):
        raise PermissionDenied
    # Locked and read afresh: two officers clicking at once must not both move it.
    current = Exemplar.objects.select_for_update().only("status").get(pk=exemplar.pk).status
    if current not in step.sources:
        raise DomainError(
            _("An exemplar that is “%(current)s” cannot be moved to “%(target)s”.")
            % {"current": S(current).label, "target": S(step.target).label}
        )
    reason = (reason or "").strip()
    if step.reason_required and not reason:
        raise DomainError(_("Give the reason."))
    exemplar.status = step.target
    for name, value in changes.items():
        setattr(exemplar, name, value)
    audited_save(exemplar, actor=actor, reason=reason or str(step.label))
    change = StatusChange.objects.create(
        exemplar=exemplar, from_status=current, to_status=step.target, actor=actor, reason=reason
    )
    notify_status_change(exemplar=exemplar, change=change)
    return change


def exemplar_start_nurturing(*, exemplar: Exemplar, actor, reason: str = "") -> StatusChange:
    return exemplar_transition(
        exemplar=exemplar, transition="start_nurturing", actor=actor, reason=reason
    )


def exemplar_propose(*, exemplar: Exemplar, actor, reason: str = "") -> StatusChange:
    return exemplar_transition(exemplar=exemplar, transition="propose", actor=actor, reason=reason)


def exemplar_withdraw(*, exemplar: Exemplar, actor, reason: str) -> StatusChange:
    return exemplar_transition(exemplar=exemplar, transition="withdraw", actor=actor, reason=reason)


def exemplar_not_recognise(*, exemplar: Exemplar, actor, reason: str) -> StatusChange:
    return exemplar_transition(
        exemplar=exemplar, transition="not_recognise", actor=actor, reason=reason
    )


def exemplar_start_review(*, exemplar: Exemplar, actor, reason: str = "") -> StatusChange:
    return exemplar_transition(
        exemplar=exemplar, transition="start_review", actor=actor, reason=reason
    )


def exemplar_defer(*, exemplar: Exemplar, actor, reason: str) -> StatusChange:
    return exemplar_transition(exemplar=exemplar, transition="defer", actor=actor, reason=reason)


def exemplar_recognise(*, exemplar: Exemplar, level: str, actor, reason: str = "") -> StatusChange:
    """Recognised at a level (when the decision is issued); the level is kept on the record."""
    if level not in Level.values:
        raise DomainError(_("Unknown level."))
    return exemplar_transition(
        exemplar=exemplar, transition="recognise", actor=actor, reason=reason, level=level
    )


def exemplar_keep_recognition(*, exemplar: Exemplar, actor, reason: str) -> StatusChange:
    """Failed a higher review: back to recognised at the level it already held."""
    return exemplar_transition(
        exemplar=exemplar, transition="keep_recognition", actor=actor, reason=reason
    )


def exemplar_propose_up(*, exemplar: Exemplar, actor, reason: str = "") -> StatusChange:
    return exemplar_transition(
        exemplar=exemplar, transition="propose_up", actor=actor, reason=reason
    )


def exemplar_return_down(*, exemplar: Exemplar, actor, reason: str) -> StatusChange:
    return exemplar_transition(
        exemplar=exemplar, transition="return_down", actor=actor, reason=reason
    )
