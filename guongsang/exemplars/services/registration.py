"""Putting a subject forward: the unit's registration list, self-registration, discovery."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.common.text import fold, person_sort_key, sort_key
from guongsang.exemplars.enums import DiscoveryKind, ExemplarKind, ExemplarStatus, Origin
from guongsang.exemplars.models import Exemplar, StatusChange
from guongsang.exemplars.notifications import notify_status_change
from guongsang.orgs.models import Household, Person, Unit, subject_fields
from guongsang.plans.enums import PlanStatus
from guongsang.plans.models import Field, Movement, Plan
from guongsang.plans.selectors import plans_applying_to
from guongsang.titles.selectors import title_history_of

DETAIL_FIELDS = {"kind", "aspects", "summary", "key_achievements", "story_draft"}


class DuplicateExemplar(DomainError):
    """The subject already has an exemplar record in this plan and year: confirm to go on."""

    def __init__(self, others: list[Exemplar]):
        names = ", ".join(sorted({other.subject_name for other in others}))
        super().__init__(
            _("Already registered in this plan for the year: %(names)s.") % {"names": names}
        )
        self.others = others


def subject_scope_unit(subject) -> Unit:
    """Whose scope the exemplar falls in: the person's unit, the collective, the locality."""
    if isinstance(subject, Unit):
        return subject
    if isinstance(subject, Person):
        if subject.unit_id is None:
            raise DomainError(
                _("%(person)s belongs to no unit: add a membership first.") % {"person": subject}
            )
        return subject.unit
    if isinstance(subject, Household):
        return subject.locality
    raise TypeError(type(subject))


def duplicates_of(*, subject, plan: Plan, year: int) -> list[Exemplar]:
    return list(
        Exemplar.objects.filter(plan=plan, year=year, **subject_fields(subject)).order_by("pk")
    )


def titles_snapshot(subject) -> list[dict]:
    """The subject's title history as plain data: {year, title, decision_number, decision_date}."""
    return [
        {
            "year": record.year,
            "title": record.title.name,
            "decision_number": record.decision_number,
            "decision_date": record.decision_date.isoformat() if record.decision_date else None,
        }
        for record in title_history_of(subject=subject)
    ]


def clean_key_achievements(items) -> list[dict]:
    """A list of {year, text}; empty rows are dropped, years must be plausible."""
    cleaned = []
    for item in items or []:
        text = str(item.get("text", "")).strip()
        if not text:
            continue
        try:
            year = int(item.get("year"))
        except (TypeError, ValueError):
            raise DomainError(_("Each key achievement needs a year.")) from None
        if not 1945 <= year <= datetime.date.today().year + 1:
            raise DomainError(_("%(year)s is not a valid year.") % {"year": year})
        cleaned.append({"year": year, "text": text})
    return cleaned


def _check_plan(*, plan: Plan, year: int, movement: Movement | None, scope_unit: Unit) -> None:
    if plan.status == PlanStatus.REPLACED:
        raise DomainError(_("This plan has been replaced; register under the plan in force."))
    if not plan.start_year <= year <= plan.end_year:
        raise DomainError(
            _("The year must lie within the plan's period (%(start)s–%(end)s).")
            % {"start": plan.start_year, "end": plan.end_year}
        )
    if movement is not None and movement.plan_id != plan.pk:
        raise DomainError(_("The movement does not belong to this plan."))
    # Issued by the unit or an ancestor (or one they succeeded), or naming it.
    if not plans_applying_to(unit=scope_unit).filter(pk=plan.pk).exists():
        raise DomainError(
            _("%(unit)s lies outside the units this plan applies to.") % {"unit": scope_unit.name}
        )


def _check_subject(subject, scope_unit: Unit) -> None:
    status = Unit.objects.values_list("status", flat=True).get(pk=scope_unit.pk)
    if status != "active":
        if isinstance(subject, Unit):
            raise DomainError(_("A dissolved or merged unit cannot be put forward."))
        raise DomainError(_("The unit “%(name)s” is no longer active.") % {"name": scope_unit.name})


def _new_exemplar(
    *,
    subject,
    plan: Plan,
    year: int,
    actor,
    origin: str,
    movement: Movement | None = None,
    fields: Iterable[Field] = (),
    discovery_kind: str = "",
    confirm_duplicate: bool = False,
    **details,
) -> Exemplar:
    unknown = set(details) - DETAIL_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    scope_unit = subject_scope_unit(subject)
    _check_subject(subject, scope_unit)
    _check_plan(plan=plan, year=year, movement=movement, scope_unit=scope_unit)
    if not confirm_duplicate:
        others = duplicates_of(subject=subject, plan=plan, year=year)
        if others:
            raise DuplicateExemplar(others)
    details["key_achievements"] = clean_key_achievements(details.get("key_achievements"))
    if details.get("kind") == ExemplarKind.ASPECTS and not details.get("aspects", "").strip():
        raise DomainError(_("Name the aspects this exemplar stands out in."))
    if origin == Origin.DISCOVERED and discovery_kind not in DiscoveryKind.values:
        raise DomainError(_("Say what was discovered: a new factor, a new model, a good deed…"))
    subject_name = str(subject)
    exemplar = Exemplar(
        **subject_fields(subject),
        plan=plan,
        movement=movement,
        year=year,
        origin=origin,
        discovery_kind=discovery_kind if origin == Origin.DISCOVERED else "",
        status=ExemplarStatus.REGISTERED,
        scope_unit=scope_unit,
        unit_name=scope_unit.name,
        subject_name=subject_name,
        name_sort=person_sort_key(subject_name)
        if isinstance(subject, Person)
        else sort_key(subject_name),
        search_text=" | ".join(fold(p) for p in (subject_name, scope_unit.name) if p),
        titles_held=titles_snapshot(subject),
        registered_by=actor,
        **details,
    )
    audited_save(exemplar, actor=actor, reason=str(Origin(origin).label))
    if fields:
        exemplar.fields.set(fields)
    change = StatusChange.objects.create(
        exemplar=exemplar, from_status="", to_status=ExemplarStatus.REGISTERED, actor=actor
    )
    notify_status_change(exemplar=exemplar, change=change)
    return exemplar


@transaction.atomic
def exemplar_register(*, subject, plan: Plan, year: int, actor, **options) -> Exemplar:
    """The unit registers one subject in its scope (đăng ký điển hình)."""
    if not actor.has_perm("exemplars.register_subject", subject):
        raise PermissionDenied
    return _new_exemplar(
        subject=subject, plan=plan, year=year, actor=actor, origin=Origin.REGISTERED, **options
    )


@transaction.atomic
def exemplar_register_bulk(
    *, subjects: list, plan: Plan, year: int, actor, confirm_duplicate: bool = False, **options
) -> list[Exemplar]:
    """The unit's yearly registration list: several subjects at once, all or nothing."""
    if not subjects:
        raise DomainError(_("Choose at least one collective, individual or household."))
    if not confirm_duplicate:
        others = [e for s in subjects for e in duplicates_of(subject=s, plan=plan, year=year)]
        if others:
            raise DuplicateExemplar(others)
    return [
        exemplar_register(
            subject=subject,
            plan=plan,
            year=year,
            actor=actor,
            confirm_duplicate=True,
            **options,
        )
        for subject in subjects
    ]


@transaction.atomic
def exemplar_self_register(*, plan: Plan, year: int, actor, **options) -> Exemplar:
    """A staff member registers themselves, where the plan allows it."""
    if not plan.allows_self_registration:
        raise DomainError(_("This plan does not allow staff to register themselves."))
    person = Person.objects.filter(user_id=actor.pk).select_related("unit").first()
    if person is None:
        raise DomainError(_("Your account is not linked to a person record."))
    return _new_exemplar(
        subject=person,
        plan=plan,
        year=year,
        actor=actor,
        origin=Origin.SELF_REGISTERED,
        **options,
    )


@transaction.atomic
def exemplar_nominate(
    *, subject, plan: Plan, year: int, discovery_kind: str, actor, **options
) -> Exemplar:
    """Anyone in scope nominates a new factor, model, good deed or ad-hoc achievement."""
    if not actor.has_perm("exemplars.nominate_subject", subject):
        raise PermissionDenied
    return _new_exemplar(
        subject=subject,
        plan=plan,
        year=year,
        actor=actor,
        origin=Origin.DISCOVERED,
        discovery_kind=discovery_kind,
        **options,
    )
