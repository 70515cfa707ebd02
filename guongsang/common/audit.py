"""Saving through the audit trail (django-simple-history), and reading it back."""

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from guongsang.common.errors import DomainError


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(str(m) for messages in error.message_dict.values() for m in messages)
    return " ".join(str(m) for m in error.messages)


def audited_save(obj, *, actor, reason: str = "", validate: bool = True, **save_kwargs):
    """full_clean() then save, recording who made the change and why."""
    if validate:
        try:
            obj.full_clean()
        except ValidationError as error:
            raise DomainError(validation_message(error)) from error
    obj._history_user = actor if actor is not None and actor.is_authenticated else None
    obj._change_reason = short_reason(reason)
    obj.save(**save_kwargs)
    return obj


REASON_MAX = 100  # django-simple-history's history_change_reason column


def short_reason(reason) -> str | None:
    """The reason as the history column holds it: whole when it fits, else cut with "…" (the
    record that asked for the reason — a status change, an outcome — keeps it whole)."""
    reason = str(reason or "").strip()
    if len(reason) <= REASON_MAX:
        return reason or None
    return reason[: REASON_MAX - 1].rstrip() + "…"


_HISTORY_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def history_entries(obj, *, limit: int = 50) -> list[dict]:
    """The audit trail, newest first: who, when, what kind, each field's before/after."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(entries) == limit:
            break
        entries.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": _HISTORY_TYPES.get(newer.history_type, newer.history_type),
                "reason": newer.history_change_reason,
                "changes": _changes(obj, newer, older) if older is not None else [],
            }
        )
    return entries


def _changes(obj, newer, older) -> list[dict]:
    delta = newer.diff_against(older, foreign_keys_are_objs=True)
    return [
        {
            "field": _field_label(obj, change.field),
            "old": _display(obj, change.field, change.old),
            "new": _display(obj, change.field, change.new),
        }
        for change in delta.changes
    ]


def _display(obj, name: str, value):
    """Choices by their label, dates as dd/mm/yyyy; related objects (and the objects of a
    many-to-many change) by their str()."""
    if value is None or value == "":
        return None
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if field.many_to_many and isinstance(value, list):  # rows of the through table
        target = field.m2m_reverse_field_name()
        return ", ".join(str(row.get(target)) for row in value) or None
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return value


def _field_label(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
