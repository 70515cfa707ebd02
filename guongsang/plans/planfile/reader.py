"""Read a plan file (YAML) into a plain specification, recording every problem found.

Nothing here touches the database: names of units, fields, criteria sets and plans are
kept as references and resolved by `resolve.py`. See docs/plan-format.md.
"""

from dataclasses import dataclass

import yaml
from django.utils.translation import gettext as _

from guongsang.orgs.enums import UnitKind
from guongsang.plans.enums import (
    CriteriaScope,
    MilestoneKind,
    MovementKind,
    PlanStatus,
    QuotaCounts,
    QuotaPeriod,
    SubjectKindOrAny,
)
from guongsang.plans.models import Milestone, Movement, Plan, QuotaUnits, Stage
from guongsang.plans.planfile import checks as c
from guongsang.titles.enums import SubjectKind

TOP_KEYS = {"format", "plan", "stages", "milestones", "criteria_sets", "movements", "quotas"}
PLAN_KEYS = {
    "number", "title", "issuer", "issued_on", "period", "status", "bases", "implements",
    "replaces", "purpose", "signer", "allows_self_registration",
}  # fmt: skip
UNIT_KEYS = {"code", "name", "kind", "under"}
ISSUER_KEYS = UNIT_KEYS | {"create_missing_units"}


@dataclass
class UnitRef:
    where: str
    code: str = ""
    name: str = ""
    kind: str = UnitKind.OTHER
    under: "UnitRef | None" = None

    @property
    def key(self) -> tuple:
        return (self.code, self.name, self.under.key if self.under else None)

    def __str__(self):
        return self.name or self.code


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def load(text: str, problems: c.Problems):
    """The YAML document, or None with the syntax error recorded."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        detail = getattr(error, "problem", None) or str(error)
        if mark is not None:
            problems.add(
                "",
                _("YAML syntax error at line %(line)s, column %(column)s: %(problem)s")
                % {"line": mark.line + 1, "column": mark.column + 1, "problem": detail},
            )
        else:
            problems.add("", _("YAML syntax error: %(problem)s") % {"problem": detail})
        return None
    if not isinstance(data, dict):
        problems.add("", _("The file must be an object with a “plan” key."))
        return None
    return data


def unit_ref(value, where: str, problems: c.Problems, keys=UNIT_KEYS) -> UnitRef | None:
    """A unit named by its code or exact name, or {code?, name?, kind?, under?}."""
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return UnitRef(where=where, code=str(value).strip(), name=str(value).strip())
    data = c.mapping(value, where, problems, keys)
    if data is None:
        return None
    code = c.text(data, "code", where, problems, max_length=50)
    name = c.text(data, "name", where, problems, max_length=255)
    if not code and not name:
        problems.add(where, _("give the unit's code or name"))
        return None
    kind = c.choice(data, "kind", where, problems, UnitKind.values, default=UnitKind.OTHER)
    under = unit_ref(data["under"], c.at(where, "under"), problems) if "under" in data else None
    return UnitRef(where=where, code=code, name=name, kind=kind or UnitKind.OTHER, under=under)


def unit_refs(data: dict, key: str, where: str, problems: c.Problems) -> list[UnitRef]:
    refs = [
        unit_ref(item, place, problems)
        for place, item in c.items(data.get(key), c.at(where, key), problems)
    ]
    return [ref for ref in refs if ref is not None]


def read(text: str) -> tuple[dict | None, list[str]]:
    """The specification of the file and the list of problems (empty when it is valid)."""
    problems = c.Problems()
    data = load(text, problems)
    if data is None:
        return None, problems.items
    c.mapping(data, "", problems, TOP_KEYS)
    if "plan" not in data:
        problems.add("plan", _("is required"))
    spec = {
        "plan": _plan(data.get("plan") or {}, "plan", problems),
        "stages": [
            _stage(v, w, problems) for w, v in c.items(data.get("stages"), "stages", problems)
        ],
        "milestones": [
            _milestone(v, w, problems)
            for w, v in c.items(data.get("milestones"), "milestones", problems)
        ],
        "criteria_sets": _criteria_sets(data.get("criteria_sets"), problems),
        "movements": [
            _movement(v, w, problems)
            for w, v in c.items(data.get("movements"), "movements", problems)
        ],
        "quotas": [
            _quota(v, w, problems) for w, v in c.items(data.get("quotas"), "quotas", problems)
        ],
    }
    return spec, problems.items


def _plan(value, where: str, problems: c.Problems) -> dict:
    data = c.mapping(value, where, problems, PLAN_KEYS) or {}
    issuer = None
    if "issuer" in data:
        issuer = unit_ref(data["issuer"], c.at(where, "issuer"), problems, ISSUER_KEYS)
    create_missing = False
    if isinstance(data.get("issuer"), dict):
        create_missing = c.flag(
            data["issuer"], "create_missing_units", c.at(where, "issuer"), problems, default=False
        )
    period = c.mapping(data.get("period"), c.at(where, "period"), problems, {"from", "to"}) or {}
    start = c.year(period, "from", c.at(where, "period"), problems, required=True)
    end = c.year(period, "to", c.at(where, "period"), problems, required=True)
    if start and end and end < start:
        problems.add(c.at(where, "period.to"), _("is before the start year"))
    signer = (
        c.mapping(data.get("signer") or {}, c.at(where, "signer"), problems, {"name", "title"})
        or {}
    )
    return {
        "number": c.text(data, "number", where, problems, max_length=_max(Plan, "number")),
        "title": c.text(
            data, "title", where, problems, required=True, max_length=_max(Plan, "title")
        ),
        "issuer": issuer,
        "create_missing_units": create_missing,
        "issued_on": c.date(data, "issued_on", where, problems),
        "start_year": start,
        "end_year": end,
        "status": c.choice(data, "status", where, problems, PlanStatus.values, default="issued"),
        "bases": c.strings(data, "bases", where, problems),
        "implements": c.strings(data, "implements", where, problems),
        "replaces": c.text(data, "replaces", where, problems),
        "purpose": c.text(data, "purpose", where, problems),
        "signer_name": c.text(signer, "name", c.at(where, "signer"), problems, max_length=255),
        "signer_title": c.text(signer, "title", c.at(where, "signer"), problems, max_length=255),
        "allows_self_registration": c.flag(
            data, "allows_self_registration", where, problems, default=False
        ),
    }


def _stage(value, where: str, problems: c.Problems) -> dict:
    data = c.mapping(value, where, problems, {"name", "from", "until", "description"}) or {}
    start = c.date(data, "from", where, problems, required=True)
    end = c.date(data, "until", where, problems, required=True)
    if start and end and end < start:
        problems.add(c.at(where, "until"), _("is before the start date"))
    return {
        "name": c.text(
            data, "name", where, problems, required=True, max_length=_max(Stage, "name")
        ),
        "start": start,
        "end": end,
        "description": c.text(data, "description", where, problems),
    }


def _milestone(value, where: str, problems: c.Problems) -> dict:
    keys = {"kind", "title", "due", "responsible", "description", "done_on"}
    data = c.mapping(value, where, problems, keys) or {}
    return {
        "kind": c.choice(data, "kind", where, problems, MilestoneKind.values),
        "title": c.text(
            data, "title", where, problems, required=True, max_length=_max(Milestone, "title")
        ),
        "due_date": c.date(data, "due", where, problems, required=True),
        "responsible_units": unit_refs(data, "responsible", where, problems),
        "description": c.text(data, "description", where, problems),
        "done_on": c.date(data, "done_on", where, problems),
    }


def _criteria_sets(value, problems: c.Problems) -> list[dict]:
    keys = {"code", "name", "subject_kind", "scope", "field", "title", "legal_reference",
            "description", "criteria"}  # fmt: skip
    result, seen = [], set()
    for where, item in c.items(value, "criteria_sets", problems):
        data = c.mapping(item, where, problems, keys) or {}
        code = c.text(data, "code", where, problems, required=True, max_length=64)
        if code in seen:
            problems.add(c.at(where, "code"), _("is used twice in this file"))
        seen.add(code)
        if not isinstance(data.get("criteria"), list) or not data.get("criteria"):
            problems.add(c.at(where, "criteria"), _("must be a non-empty list"))
        result.append(
            {
                "where": where,
                "code": code,
                "name": c.text(data, "name", where, problems, required=True, max_length=500),
                "subject_kind": c.choice(data, "subject_kind", where, problems, SubjectKind.values),
                "scope": c.choice(
                    data, "scope", where, problems, CriteriaScope.values, default="general"
                ),
                "field": c.text(data, "field", where, problems),
                "title": c.text(data, "title", where, problems),
                "legal_reference": c.text(data, "legal_reference", where, problems, max_length=255),
                "description": c.text(data, "description", where, problems),
                "criteria": data.get("criteria") if isinstance(data.get("criteria"), list) else [],
            }
        )
    return result


def _movement(value, where: str, problems: c.Problems) -> dict:
    keys = {"name", "kind", "lead", "cooperating", "fields", "period", "description",
            "criteria_sets", "targets"}  # fmt: skip
    data = c.mapping(value, where, problems, keys) or {}
    period = (
        c.mapping(data.get("period") or {}, c.at(where, "period"), problems, {"from", "to"}) or {}
    )
    start = c.year(period, "from", c.at(where, "period"), problems)
    end = c.year(period, "to", c.at(where, "period"), problems)
    if start and end and end < start:
        problems.add(c.at(where, "period.to"), _("is before the start year"))
    lead = unit_ref(data["lead"], c.at(where, "lead"), problems) if data.get("lead") else None
    return {
        "name": c.text(
            data, "name", where, problems, required=True, max_length=_max(Movement, "name")
        ),
        "kind": c.choice(data, "kind", where, problems, MovementKind.values, default="movement"),
        "lead_unit": lead,
        "cooperating_units": unit_refs(data, "cooperating", where, problems),
        "fields": c.strings(data, "fields", where, problems),
        "start_year": start,
        "end_year": end,
        "description": c.text(data, "description", where, problems),
        "criteria_sets": c.strings(data, "criteria_sets", where, problems),
        "targets": _targets(data.get("targets"), c.at(where, "targets"), problems),
    }


def _targets(value, where: str, problems: c.Problems) -> list[dict]:
    result, kinds = [], set()
    for place, item in c.items(value, where, problems):
        data = c.mapping(item, place, problems, {"subject_kind", "minimum", "note"}) or {}
        kind = c.choice(data, "subject_kind", place, problems, SubjectKind.values)
        if kind and kind in kinds:
            problems.add(c.at(place, "subject_kind"), _("has a target already"))
        kinds.add(kind)
        minimum = c.whole(data, "minimum", place, problems, required=True, minimum=1)
        note = c.text(data, "note", place, problems, max_length=255)
        result.append({"subject_kind": kind, "minimum": minimum, "note": note})
    return result


def _quota(value, where: str, problems: c.Problems) -> dict:
    keys = {"title", "counts", "subject_kind", "minimum", "period", "requires_summary",
            "applies_to", "group", "units", "recipient", "due_offset_days"}  # fmt: skip
    data = c.mapping(value, where, problems, keys) or {}
    applies_to = c.choice(
        data, "applies_to", where, problems, QuotaUnits.values, default="children"
    )
    units = unit_refs(data, "units", where, problems)
    group = c.text(data, "group", where, problems)
    if applies_to == QuotaUnits.LISTED and not units:
        problems.add(c.at(where, "units"), _("list the units when applies_to is “listed”"))
    if applies_to == QuotaUnits.GROUP and not group:
        problems.add(c.at(where, "group"), _("name the emulation group"))
    recipient = data.get("recipient")
    return {
        "title": c.text(data, "title", where, problems, required=True, max_length=500),
        "counts": c.choice(
            data, "counts", where, problems, QuotaCounts.values, default="exemplars"
        ),
        "subject_kind": c.choice(
            data, "subject_kind", where, problems, SubjectKindOrAny.values, default="any"
        ),
        "minimum": c.whole(data, "minimum", where, problems, minimum=1) or 1,
        "period": c.choice(data, "period", where, problems, QuotaPeriod.values, default="year"),
        "requires_summary": c.flag(data, "requires_summary", where, problems, default=True),
        "unit_scope": applies_to,
        "group": group,
        "units": units,
        "recipient": unit_ref(recipient, c.at(where, "recipient"), problems) if recipient else None,
        "due_offset_days": c.whole(data, "due_offset_days", where, problems) or 0,
    }
