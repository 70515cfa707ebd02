"""The exemplar's dossier: achievement summary, titles held, initiatives, story draft."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarKind, ExemplarStatus
from guongsang.exemplars.models import Exemplar, Initiative
from guongsang.exemplars.services.registration import clean_key_achievements, titles_snapshot

SUMMARY_FIELDS = {"summary", "key_achievements", "story_draft", "kind", "aspects", "movement"}
INITIATIVE_FIELDS = {"description", "effect_level", "recognition"}
# Once an exemplar has left the unit's hands its dossier is what was sent; it stays as it was.
CLOSED_STATUSES = {ExemplarStatus.WITHDRAWN, ExemplarStatus.NOT_RECOGNISED}


def require_change(exemplar: Exemplar, actor, perm: str = "exemplars.change_exemplar") -> None:
    if not actor.has_perm(perm, exemplar):
        raise PermissionDenied
    if exemplar.status in CLOSED_STATUSES:
        raise DomainError(
            _("This exemplar is %(status)s; its record can no longer change.")
            % {"status": exemplar.get_status_display().lower()}
        )


@transaction.atomic
def exemplar_update(*, exemplar: Exemplar, actor, fields=None, **changes) -> Exemplar:
    """Change the achievement summary, key achievements, kind, movement or story draft."""
    require_change(exemplar, actor)
    unknown = set(changes) - SUMMARY_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if "key_achievements" in changes:
        changes["key_achievements"] = clean_key_achievements(changes["key_achievements"])
    movement = changes.get("movement")
    if movement is not None and movement.plan_id != exemplar.plan_id:
        raise DomainError(_("The movement does not belong to this plan."))
    for name, value in changes.items():
        setattr(exemplar, name, value)
    if exemplar.kind == ExemplarKind.ASPECTS and not exemplar.aspects.strip():
        raise DomainError(_("Name the aspects this exemplar stands out in."))
    if exemplar.kind == ExemplarKind.COMPREHENSIVE:
        exemplar.aspects = ""
    audited_save(exemplar, actor=actor)
    if fields is not None:
        exemplar.fields.set(fields)
    return exemplar


@transaction.atomic
def exemplar_titles_refresh(*, exemplar: Exemplar, actor) -> Exemplar:
    """Take the titles held afresh from the subject's title history."""
    require_change(exemplar, actor)
    exemplar.titles_held = titles_snapshot(exemplar.subject)
    return audited_save(exemplar, actor=actor, reason=_("Titles held refreshed"))


@transaction.atomic
def initiative_add(*, exemplar: Exemplar, title: str, year: int, actor, **fields) -> Initiative:
    require_change(exemplar, actor)
    unknown = set(fields) - INITIATIVE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    initiative = Initiative(exemplar=exemplar, title=title.strip(), year=year, **fields)
    return audited_save(initiative, actor=actor)
