"""Replications (nhân rộng): a unit adopts a recognised exemplar's model, and reports on it.

Every change is kept in the replication's history (status, outcome, figures), so the course
of a replication can be read back.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Unit
from guongsang.propagation.enums import ReplicationStatus
from guongsang.propagation.models import Replication
from guongsang.propagation.selectors import replicable_exemplars
from guongsang.propagation.services.common import require, save

REPLICATION_FIELDS = {
    "exemplar", "unit", "start", "status", "outcome", "beneficiaries", "metric_name",
    "metric_before", "metric_after", "notes",
}  # fmt: skip


def _check(replication: Replication, actor, *, exemplar_changed: bool) -> None:
    exemplar = replication.exemplar
    if exemplar_changed:
        if exemplar.status != ExemplarStatus.RECOGNISED:
            raise DomainError(_("Only a recognised exemplar's model can be replicated."))
        reachable = replicable_exemplars(user=actor) if actor is not None else None
        if reachable is not None and not reachable.filter(pk=exemplar.pk).exists():
            raise DomainError(_("The exemplar chosen is outside your scope."))
    if exemplar.unit_id and exemplar.unit_id == replication.unit_id:
        raise DomainError(_("A unit does not replicate its own model."))
    started = replication.status != ReplicationStatus.PLANNED
    if started and replication.start and replication.start > timezone.localdate():
        raise DomainError(_("The start date is in the future: record the replication as planned."))
    if replication.beneficiaries is not None and replication.beneficiaries < 0:
        raise DomainError(_("The number of people reached cannot be negative."))
    measured = replication.metric_before is not None or replication.metric_after is not None
    if measured and not replication.metric_name.strip():
        raise DomainError(_("Say what the figures before and after measure."))
    twins = Replication.objects.filter(
        exemplar_id=exemplar.pk, unit_id=replication.unit_id, start=replication.start
    ).exclude(pk=replication.pk)
    if twins.exists():
        raise DomainError(_("This unit already replicates this model from that date."))


def _save(replication: Replication, *, actor, fields: dict, reason: str) -> Replication:
    unknown = set(fields) - REPLICATION_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    exemplar = fields.get("exemplar")
    exemplar_changed = replication.pk is None or (
        exemplar is not None and exemplar.pk != replication.exemplar_id
    )
    for name, value in fields.items():
        setattr(replication, name, value.strip() if isinstance(value, str) else value)
    _check(replication, actor, exemplar_changed=exemplar_changed)
    return save(replication, actor=actor, reason=reason)


@transaction.atomic
def replication_create(*, exemplar: Exemplar, unit: Unit, start, actor, **fields) -> Replication:
    require(actor, "propagation.record_for", unit)
    if not unit.is_active:
        raise DomainError(_("A closed unit starts no new replication."))
    replication = Replication(
        created_by=actor if actor is not None and actor.is_authenticated else None
    )
    fields.update(exemplar=exemplar, unit=unit, start=start)
    return _save(replication, actor=actor, fields=fields, reason=_("Recorded"))


@transaction.atomic
def replication_update(*, replication: Replication, actor, reason: str = "", **fields):
    """Change a replication: its status, outcome and figures as it goes on."""
    require(actor, "propagation.change", replication)
    unit = fields.get("unit")
    if unit is not None and unit.pk != replication.unit_id:
        require(actor, "propagation.record_for", unit)
    return _save(replication, actor=actor, fields=fields, reason=reason)
