"""Resolve the names in a plan file against the database, recording every unknown name.

Units are found by code, then by exact name; when several units share a name, the one
under `under` (or in the issuer's tree) wins. Units that do not exist are errors unless
the issuer says `create_missing_units: true`: then they are planned for creation (under
`under`, or under the issuer) and created by the importer.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guongsang.orgs.enums import UnitKind, UnitStatus
from guongsang.orgs.models import EmulationGroup, Unit
from guongsang.plans.models import CriteriaSet, Field, Plan
from guongsang.plans.planfile.checks import Problems, at
from guongsang.plans.planfile.reader import UnitRef
from guongsang.plans.selectors import ancestor_paths
from guongsang.plans.services.criteria import criteria_validate
from guongsang.titles.models import Title


@dataclass
class NewUnit:
    """A unit the importer will create: under `parent` (a Unit, a NewUnit or None: a root)."""

    name: str
    code: str
    kind: str
    parent: "Unit | NewUnit | None"
    unit: Unit | None = None


@dataclass
class Resolver:
    problems: Problems
    create_missing: bool = False
    issuer: "Unit | NewUnit | None" = None
    cache: dict = field(default_factory=dict)
    new_units: list[NewUnit] = field(default_factory=list)

    def unit(self, ref: UnitRef | None, *, default_parent="issuer"):
        if ref is None:
            return None
        if ref.key not in self.cache:
            self.cache[ref.key] = self._find(ref, default_parent)
        return self.cache[ref.key]

    def _find(self, ref: UnitRef, default_parent):
        under = self.unit(ref.under) if ref.under else None
        found = self._candidates(ref, under)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            self.problems.add(
                ref.where,
                _("several units are named “%(name)s”; give its code or “under”") % {"name": ref},
            )
            return None
        if not self.create_missing:
            self.problems.add(ref.where, _("unknown unit “%(name)s”") % {"name": ref})
            return None
        parent = under if ref.under else (self.issuer if default_parent == "issuer" else None)
        return self._plan_unit(ref, parent)

    def _plan_unit(self, ref: UnitRef, parent) -> NewUnit:
        """One NewUnit per name and parent, however the file spells the reference."""
        name = ref.name or ref.code
        for new in self.new_units:
            if new.name == name and new.parent is parent:
                if new.kind == UnitKind.OTHER:
                    new.kind = ref.kind
                return new
        code = ref.code if ref.code != ref.name else ""
        new = NewUnit(name=name, code=code, kind=ref.kind, parent=parent)
        self.new_units.append(new)
        return new

    def _candidates(self, ref: UnitRef, under) -> list[Unit]:
        if isinstance(under, NewUnit):
            return []
        found = list(Unit.objects.filter(code=ref.code)) if ref.code else []
        if found:
            return self._narrow(found, under)
        found = list(Unit.objects.filter(name=ref.name)) if ref.name else []
        if under is None and self.create_missing and self.issuer is not None:
            # Names that will be created under the issuer are looked for in its tree only.
            root = self._root_path()
            found = [u for u in found if root is not None and u.path.startswith(root)]
        return self._narrow(found, under)

    def _root_path(self) -> str | None:
        """The path of the top unit of the issuer's tree (None: a tree still to be created)."""
        unit = self.issuer
        while isinstance(unit, NewUnit):
            unit = unit.parent
        return unit.path[: Unit.steplen] if unit is not None else None

    def _narrow(self, found: list[Unit], under) -> list[Unit]:
        if under is not None:
            found = [u for u in found if u.path.startswith(under.path) and u.pk != under.pk]
        if len(found) > 1:
            active = [u for u in found if u.status == UnitStatus.ACTIVE]
            found = active or found
        root = self._root_path() if self.issuer is not None else None
        if len(found) > 1 and root is not None:
            found = [u for u in found if u.path.startswith(root)] or found
        return found


def resolve(spec: dict, *, issuer_override: Unit | None = None) -> tuple[dict, Resolver]:
    """The spec with its references replaced by database objects (or NewUnit plans)."""
    problems = Problems()
    plan = spec["plan"]
    resolver = Resolver(problems=problems, create_missing=plan["create_missing_units"])
    if issuer_override is not None:
        resolver.issuer = issuer_override
    elif plan["issuer"] is None:
        problems.add("plan.issuer", _("is required"))
    else:
        resolver.issuer = resolver.unit(plan["issuer"], default_parent=None)
    resolved = dict(spec, plan=_plan(plan, resolver))
    resolved["milestones"] = [
        dict(m, responsible_units=[resolver.unit(r) for r in m["responsible_units"]])
        for m in spec["milestones"]
    ]
    file_sets = _criteria_sets(spec["criteria_sets"], resolver)
    resolved["criteria_sets"] = file_sets
    resolved["movements"] = [
        _movement(m, f"movements[{i}]", resolver, file_sets)
        for i, m in enumerate(spec["movements"], start=1)
    ]
    resolved["quotas"] = [
        _quota(q, f"quotas[{i}]", resolver) for i, q in enumerate(spec["quotas"], start=1)
    ]
    return resolved, resolver


def _plan_by_number(number: str, where: str, resolver: Resolver) -> Plan | None:
    found = list(Plan.objects.filter(number=number).select_related("issuer"))
    if len(found) > 1 and isinstance(resolver.issuer, Unit):
        lineage = set(ancestor_paths([resolver.issuer.path]))
        found = [p for p in found if p.issuer.path in lineage] or found
    if len(found) == 1:
        return found[0]
    message = (
        _("several plans are numbered “%(number)s”")
        if found
        else _("no plan is numbered “%(number)s”")
    )
    resolver.problems.add(where, message % {"number": number})
    return None


def _plan(plan: dict, resolver: Resolver) -> dict:
    result = dict(plan, issuer=resolver.issuer)
    result["implements"] = [
        _plan_by_number(number, f"plan.implements[{i}]", resolver)
        for i, number in enumerate(plan["implements"], start=1)
    ]
    replaces = plan["replaces"]
    result["replaces"] = _plan_by_number(replaces, "plan.replaces", resolver) if replaces else None
    issuer = resolver.issuer
    number = plan["number"]
    if isinstance(issuer, Unit) and number and issuer.issued_plans.filter(number=number).exists():
        resolver.problems.add(
            "plan.number",
            _("“%(issuer)s” already has a plan numbered %(number)s")
            % {"issuer": issuer.name, "number": number},
        )
    return result


def _field(code: str, where: str, resolver: Resolver) -> Field | None:
    found = Field.objects.filter(code=code).first()
    if found is None:
        resolver.problems.add(where, _("unknown field “%(code)s”") % {"code": code})
    return found


def _criteria_sets(sets: list[dict], resolver: Resolver) -> dict[str, dict]:
    result = {}
    for item in sets:
        where = item["where"]
        for problem in criteria_validate(item["criteria"]):
            resolver.problems.add(at(where, "criteria"), problem)
        field_ = _field(item["field"], at(where, "field"), resolver) if item["field"] else None
        title = None
        if item["title"]:
            title = Title.objects.filter(code=item["title"]).first()
            if title is None:
                resolver.problems.add(
                    at(where, "title"), _("unknown title “%(code)s”") % {"code": item["title"]}
                )
        result[item["code"]] = dict(item, field=field_, title=title)
    return result


def _criteria_set(code: str, where: str, resolver: Resolver, file_sets: dict):
    if code in file_sets:
        return file_sets[code]
    found = list(CriteriaSet.objects.filter(code=code))
    if len(found) > 1 and isinstance(resolver.issuer, Unit):
        found = [s for s in found if s.owner_id == resolver.issuer.pk] or found
    if len(found) == 1:
        return found[0]
    message = (
        _("several criteria sets have the code “%(code)s”")
        if found
        else _("unknown criteria set “%(code)s”")
    )
    resolver.problems.add(where, message % {"code": code})
    return None


def _movement(movement: dict, where: str, resolver: Resolver, file_sets: dict) -> dict:
    return dict(
        movement,
        lead_unit=resolver.unit(movement["lead_unit"]),
        cooperating_units=[resolver.unit(r) for r in movement["cooperating_units"]],
        fields=[
            _field(code, f"{where}.fields[{i}]", resolver)
            for i, code in enumerate(movement["fields"], start=1)
        ],
        criteria_sets=[
            _criteria_set(code, f"{where}.criteria_sets[{i}]", resolver, file_sets)
            for i, code in enumerate(movement["criteria_sets"], start=1)
        ],
    )


def _quota(quota: dict, where: str, resolver: Resolver) -> dict:
    group = None
    if quota["group"]:
        groups = EmulationGroup.objects.filter(name=quota["group"])
        if isinstance(resolver.issuer, Unit):
            groups = groups.filter(organiser__path__startswith=resolver.issuer.path[: Unit.steplen])
        group = groups.order_by("-year", "-pk").first()
        if group is None:
            resolver.problems.add(
                at(where, "group"),
                _("unknown emulation group “%(name)s”") % {"name": quota["group"]},
            )
    return dict(
        quota,
        group=group,
        units=[resolver.unit(r) for r in quota["units"]],
        recipient=resolver.unit(quota["recipient"]),
    )
