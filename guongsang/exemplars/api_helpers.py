"""Scope-aware lookups of the exemplars API: subjects, plans, movements, fields, mentors."""

import contextlib
from dataclasses import dataclass

from django.utils.translation import gettext as _
from ninja import Status

from guongsang.common.api import get_or_400
from guongsang.common.errors import DomainError
from guongsang.exemplars import selectors, services
from guongsang.orgs.forms import people_in_scope
from guongsang.plans.models import Field, Movement, Plan

_SUBJECT_SETS = {"individual": "people", "collective": "units", "household": "households"}


def subject(request, ref, roles):
    """The person, unit or household named by {subject_kind, subject_id}, if within reach."""
    found = selectors.subjects_in_scope(user=request.user, roles=roles)
    queryset = found[_SUBJECT_SETS[ref.subject_kind]]
    return get_or_400(queryset, ref.subject_id, _("Unknown subject, or outside your scope."))


def plan_filter(pk: int | None) -> Plan | None:
    """A filter on a plan: the exemplars themselves are scoped, so any plan may be named."""
    return get_or_400(Plan.objects.all(), pk, _("Unknown plan."))


def movement_filter(pk: int | None) -> Movement | None:
    return get_or_400(Movement.objects.all(), pk, _("Unknown movement."))


def movement_of(plan: Plan, pk: int | None) -> Movement | None:
    return get_or_400(
        Movement.objects.filter(plan=plan), pk, _("The movement does not belong to this plan.")
    )


def fields_of(pks: list[int]) -> list[Field]:
    fields = list(Field.objects.filter(pk__in=pks, is_active=True))
    if len(fields) != len(set(pks)):
        raise DomainError(_("Unknown field."))
    return fields


def mentor(request, pk: int | None):
    return get_or_400(
        people_in_scope(request.user), pk, _("Unknown person, or outside your scope.")
    )


def options(request, payload) -> dict:
    """Plan, year, movement, fields and the dossier of a new exemplar, from the request body."""
    plan = get_or_400(
        selectors.plans_open_to(user=request.user), payload.plan_id, _("Unknown plan.")
    )
    return {
        "plan": plan,
        "year": payload.year,
        "movement": movement_of(plan, payload.movement_id),
        "fields": fields_of(payload.field_ids),
        "kind": payload.kind,
        "aspects": payload.aspects,
        "summary": payload.summary,
        "key_achievements": [item.dict() for item in payload.key_achievements],
        "story_draft": payload.story_draft,
        "confirm_duplicate": payload.confirm_duplicate,
    }


@dataclass
class Outcome:
    response: Status | None = None


@contextlib.contextmanager
def duplicates_as_409():
    """A duplicate registration answers 409 with the other records' ids (retry with
    `confirm_duplicate=true` to register anyway)."""
    outcome = Outcome()
    try:
        yield outcome
    except services.DuplicateExemplar as error:
        outcome.response = Status(
            409,
            {"detail": str(error.message), "duplicates": [other.pk for other in error.others]},
        )
