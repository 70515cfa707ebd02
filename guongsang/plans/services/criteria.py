"""Writes to criteria sets and their criteria (a tree: all-of / any-of groups hold children)."""

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.plans.criteria_params import GROUP_KINDS, METRICS, validate_params
from guongsang.plans.enums import CriterionKind
from guongsang.plans.models import CriteriaSet, Criterion, Judgement
from guongsang.titles.enums import SubjectKind
from guongsang.titles.models import Title

SET_FIELDS = {
    "description", "scope", "field", "owner", "title", "legal_reference", "is_builtin", "code",
}  # fmt: skip


# Criterion kinds that only make sense for one kind of subject.
KIND_SUBJECTS = {"leader_rule": "individual", "composition": "collective"}


def criteria_validate(
    criteria: list[dict], *, path: str = "", subject_kind: str | None = None
) -> list[str]:
    """Problems in a nested list of {kind, label, params?, children?, legal_reference?}.

    With `subject_kind`, also the criteria that cannot apply to that kind of subject.
    """
    known_titles = set(Title.objects.values_list("code", flat=True))
    errors = _validate(criteria, path, known_titles)
    if subject_kind and not errors:
        errors = _validate_subject_kind(criteria, path, subject_kind)
    return errors


def _validate_subject_kind(criteria, path, subject_kind) -> list[str]:
    errors = []
    labels = dict(SubjectKind.choices)
    for index, item in enumerate(criteria, start=1):
        where, params = f"{path}{index}", item.get("params") or {}
        needed = KIND_SUBJECTS.get(item["kind"])
        if item["kind"] == "metric_rule":
            needed = METRICS.get(params.get("metric"))
        if needed and needed != subject_kind:
            errors.append(
                _("Criterion %(where)s: this rule applies only to: %(kind)s.")
                % {"where": where, "kind": labels[needed]}
            )
        code = params.get("collective_set") if item["kind"] == "leader_rule" else None
        if code and not CriteriaSet.objects.filter(code=code, subject_kind="collective").exists():
            errors.append(
                _("Criterion %(where)s: no criteria set for collectives has the code “%(code)s”.")
                % {"where": where, "code": code}
            )
        errors += _validate_subject_kind(item.get("children") or [], f"{where}.", subject_kind)
    return errors


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
    """Make the set's criteria tree `criteria`.

    A criterion that keeps its place and kind keeps its row (and so its judgements); the
    others are created or deleted.
    """
    errors = criteria_validate(criteria, subject_kind=criteria_set.subject_kind)
    if errors:
        raise DomainError(" ".join(errors))
    existing: dict[int | None, list[Criterion]] = {}
    for row in criteria_set.criteria.order_by("order", "pk"):
        existing.setdefault(row.parent_id, []).append(row)
    _sync(criteria_set, criteria, None, existing, actor)


def _sync(criteria_set, criteria, parent, existing, actor) -> None:
    old = existing.get(parent.pk if parent else None, [])
    for order, item in enumerate(criteria):
        values = {
            "kind": item["kind"],
            "label": item["label"].strip(),
            "params": item.get("params") or {},
            "order": order,
            "legal_reference": item.get("legal_reference", ""),
        }
        criterion = old[order] if order < len(old) and old[order].kind == item["kind"] else None
        if criterion is None:
            criterion = Criterion(criteria_set=criteria_set, parent=parent)
        elif all(getattr(criterion, k) == v for k, v in values.items()):
            _sync(criteria_set, item.get("children") or [], criterion, existing, actor)
            continue
        for key, value in values.items():
            setattr(criterion, key, value)
        audited_save(criterion, actor=actor)
        _sync(criteria_set, item.get("children") or [], criterion, existing, actor)
    kept = {c.pk for c in old[: len(criteria)] if c.kind == criteria[old.index(c)]["kind"]}
    for row in old:
        if row.pk not in kept:
            row._history_user = actor if actor is not None and actor.is_authenticated else None
            row.delete()


@transaction.atomic
def judgement_record(
    *, criterion: Criterion, subject, year: int, met: bool, evidence: str = "", actor
) -> Judgement:
    """A person's ruling on a judged criterion for a candidate and an evaluation year."""
    if criterion.kind != "judged":
        raise DomainError(_("Only judged criteria take a person's ruling."))
    if criterion.criteria_set.subject_kind != _subject_kind(subject):
        raise DomainError(_("This criterion is not for this kind of subject."))
    field = {"individual": "person", "collective": "unit", "household": "household"}[
        _subject_kind(subject)
    ]
    judgement = Judgement.objects.filter(criterion=criterion, year=year, **{field: subject}).first()
    if judgement is None:
        judgement = Judgement(criterion=criterion, year=year, **{field: subject})
    judgement.met, judgement.evidence, judgement.judged_by = met, evidence.strip(), actor
    return audited_save(judgement, actor=actor)


def _subject_kind(subject) -> str:
    from guongsang.orgs.models import Household, Person

    if isinstance(subject, Person):
        return "individual"
    if isinstance(subject, Household):
        return "household"
    return "collective"


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
