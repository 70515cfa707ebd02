"""Writes to criteria sets and their criteria (a tree: all-of / any-of groups hold children)."""

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.plans.criteria_params import GROUP_KINDS, validate_params
from guongsang.plans.enums import CriterionKind
from guongsang.plans.models import CriteriaSet, Criterion
from guongsang.titles.models import Title

SET_FIELDS = {
    "description", "scope", "field", "owner", "title", "legal_reference", "is_builtin", "code",
}  # fmt: skip


def criteria_validate(criteria: list[dict], *, path: str = "") -> list[str]:
    """Problems in a nested list of {kind, label, params?, children?, legal_reference?}."""
    known_titles = set(Title.objects.values_list("code", flat=True))
    return _validate(criteria, path, known_titles)


def _validate(criteria, path, known_titles) -> list[str]:
    errors = []
    if not isinstance(criteria, list):
        return [_("%(path)s: the criteria must be a list.") % {"path": path or "criteria"}]
    for index, item in enumerate(criteria, start=1):
        where = f"{path}{index}"
        if not isinstance(item, dict):
            errors.append(_("Criterion %(where)s must be an object.") % {"where": where})
            continue
        kind = item.get("kind")
        if kind not in CriterionKind.values:
            errors.append(
                _("Criterion %(where)s: unknown kind “%(kind)s”.") % {"where": where, "kind": kind}
            )
            continue
        if not str(item.get("label") or "").strip():
            errors.append(_("Criterion %(where)s: the wording is required.") % {"where": where})
        problems = validate_params(kind, item.get("params") or {}, known_titles=known_titles)
        errors += [f"{_('Criterion')} {where}: {problem}" for problem in problems]
        children = item.get("children") or []
        if kind in GROUP_KINDS:
            if not children:
                errors.append(
                    _("Criterion %(where)s: a group needs criteria inside it.") % {"where": where}
                )
            errors += _validate(children, f"{where}.", known_titles)
        elif children:
            errors.append(_("Criterion %(where)s: only groups hold criteria.") % {"where": where})
    return errors


@transaction.atomic
def criteria_set_create(
    *, name: str, subject_kind: str, criteria: list[dict], actor, **fields
) -> CriteriaSet:
    """A criteria set with its (nested) criteria; refused whole if any criterion is wrong."""
    criteria_set = CriteriaSet(name=name.strip(), subject_kind=subject_kind, **_only(fields))
    audited_save(criteria_set, actor=actor)
    criteria_replace(criteria_set=criteria_set, criteria=criteria, actor=actor)
    return criteria_set


@transaction.atomic
def criteria_set_update(*, criteria_set: CriteriaSet, actor, criteria=None, **fields):
    for field, value in _only(fields, extra={"name", "subject_kind"}).items():
        setattr(criteria_set, field, value)
    audited_save(criteria_set, actor=actor)
    if criteria is not None:
        criteria_replace(criteria_set=criteria_set, criteria=criteria, actor=actor)
    return criteria_set


@transaction.atomic
def criteria_replace(*, criteria_set: CriteriaSet, criteria: list[dict], actor) -> None:
    errors = criteria_validate(criteria)
    if errors:
        raise DomainError(" ".join(errors))
    for old in criteria_set.criteria.filter(parent__isnull=True):
        old._history_user = actor
        old.delete()
    _create(criteria_set, criteria, None, actor)


def _create(criteria_set, criteria, parent, actor) -> None:
    for order, item in enumerate(criteria):
        criterion = audited_save(
            Criterion(
                criteria_set=criteria_set,
                parent=parent,
                kind=item["kind"],
                label=item["label"].strip(),
                params=item.get("params") or {},
                order=order,
                legal_reference=item.get("legal_reference", ""),
            ),
            actor=actor,
        )
        _create(criteria_set, item.get("children") or [], criterion, actor)


def criteria_as_data(criteria_set: CriteriaSet) -> list[dict]:
    """The set's criteria as the nested list the services and plan files take."""
    rows = list(criteria_set.criteria.all())
    children: dict[int | None, list[Criterion]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(parent_id):
        return [
            {
                "kind": c.kind,
                "label": c.label,
                "params": c.params,
                **({"legal_reference": c.legal_reference} if c.legal_reference else {}),
                **({"children": build(c.pk)} if c.kind in GROUP_KINDS else {}),
            }
            for c in sorted(children.get(parent_id, []), key=lambda c: (c.order, c.pk))
        ]

    return build(None)


def _only(fields: dict, extra: set = frozenset()) -> dict:
    unknown = set(fields) - SET_FIELDS - extra
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    return fields
