"""Every write to the title catalogue and the yearly title records."""

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.orgs.models import Household, Person, Unit
from guongsang.titles.models import Title, TitleRecord

TITLE_FIELDS = {
    "code", "name", "kind", "subject_kind", "level", "rank", "legal_reference",
    "money_multiple", "requires_vote", "vote_threshold_percent", "is_active", "description",
}  # fmt: skip
RECORD_FIELDS = {"nature", "decision_number", "decision_date", "issuer", "note"}


@transaction.atomic
def title_create(*, actor, **fields) -> Title:
    title = Title(**_only(fields, TITLE_FIELDS))
    title.refresh_search_fields()
    return audited_save(title, actor=actor)


@transaction.atomic
def title_update(*, title: Title, actor, **fields) -> Title:
    for field, value in _only(fields, TITLE_FIELDS).items():
        setattr(title, field, value)
    title.refresh_search_fields()
    return audited_save(title, actor=actor)


def scope_unit_for(subject) -> Unit:
    """The unit a new record of this subject is filed under, as things stand today."""
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


def _subject_fields(subject) -> dict:
    if isinstance(subject, Person):
        return {"person": subject}
    if isinstance(subject, Unit):
        return {"unit": subject}
    return {"household": subject}


def _check_not_dissolved(subject) -> None:
    if isinstance(subject, Unit) and subject.status == "dissolved":
        raise DomainError(_("A dissolved unit receives no title."))


@transaction.atomic
def title_record_grant(*, subject, title: Title, year: int, actor, **fields) -> TitleRecord:
    """Record that `subject` held `title` in `year` (the decision that granted it in `fields`)."""
    _check_not_dissolved(subject)
    duplicate = TitleRecord.objects.filter(title=title, year=year, **_subject_fields(subject))
    if duplicate.exists():
        raise DomainError(
            _("%(subject)s already holds “%(title)s” for %(year)s.")
            % {"subject": subject, "title": title.name, "year": year}
        )
    record = TitleRecord(
        title=title,
        year=year,
        scope_unit=scope_unit_for(subject),
        **_subject_fields(subject),
        **_only(fields, RECORD_FIELDS),
    )
    return audited_save(record, actor=actor)


@transaction.atomic
def title_record_update(*, record: TitleRecord, actor, **fields) -> TitleRecord:
    editable = RECORD_FIELDS | {"title", "year"}
    for field, value in _only(fields, editable).items():
        setattr(record, field, value)
    return audited_save(record, actor=actor)


def _only(fields: dict, allowed: set) -> dict:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return fields
