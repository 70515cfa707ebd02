"""Saving through the audit trail (django-simple-history), and reading it back."""

from django.core.exceptions import ValidationError

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
    obj._change_reason = reason or None
    obj.save(**save_kwargs)
    return obj


def history_entries(obj, *, limit: int = 50) -> list[dict]:
    """The audit trail, newest first: who, when, what kind, each field's before/after."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(entries) == limit:
            break
        changes = []
        if older is not None:
            delta = newer.diff_against(older, foreign_keys_are_objs=False)
            changes = [
                {"field": _field_label(obj, c.field), "old": c.old, "new": c.new}
                for c in delta.changes
            ]
        entries.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "type": newer.get_history_type_display(),
                "reason": newer.history_change_reason,
                "changes": changes,
            }
        )
    return entries


def _field_label(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:
        return name
