"""How the engine words its reasons. Rendered once, in Vietnamese, when a run is made."""

import datetime
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from guongsang.plans.enums import CaseKind


def day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def money(value) -> str:
    return _("%(amount)s VND") % {
        "amount": number_format(Decimal(value).quantize(Decimal(1)), force_grouping=True)
    }


def percent(value: float) -> str:
    share = round(value * 100, 1)
    return number_format(int(share) if share == int(share) else share)


def either(names: list[str]) -> str:
    """“A”, “A or B”, “A, B or C”."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s or %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def years(values) -> str:
    return ", ".join(str(year) for year in values)


def streak_missing(kind: str, names: str, missing) -> str:
    if kind == "rating_streak":
        return _("missing the rating %(names)s in %(years)s") % {
            "names": names,
            "years": years(missing),
        }
    return _("missing the title %(names)s in %(years)s") % {"names": names, "years": years(missing)}


def streak_held(kind: str, names: str, first: int, last: int) -> str:
    values = {"names": names, "first": first, "last": last}
    if first == last:
        if kind == "rating_streak":
            return _("rated %(names)s in %(first)s") % values
        return _("held the title %(names)s in %(first)s") % values
    if kind == "rating_streak":
        return _("rated %(names)s every year %(first)s–%(last)s") % values
    return _("held the title %(names)s every year %(first)s–%(last)s") % values


def voided(end) -> str:
    if end is None:
        return _("achievements during an unfinished discipline do not count")
    return _("achievements up to the end of a discipline (%(date)s) do not count") % {
        "date": day(end)
    }


def highest_title(name: str, year: int) -> str:
    return _("highest title: %(title)s (%(year)s)") % {"title": name, "year": year}


def no_preferred_title() -> str:
    return _("holds none of the preferred titles")


def not_a_head() -> str:
    return _("does not head a unit")


def head_recognised(unit: str) -> str:
    return _("heads %(unit)s, a recognised exemplary collective") % {"unit": unit}


def head_not_recognised(unit: str, year: int) -> str:
    return _("heads %(unit)s, which is not a recognised exemplary collective in %(year)s") % {
        "unit": unit,
        "year": year,
    }


def head_needs(unit: str) -> str:
    return _("heads %(unit)s: confirm that it is a recognised exemplary collective") % {
        "unit": unit
    }


def metric_name(metric: str) -> str:
    return {"household.annual_income": _("annual income")}.get(metric, metric)


def metric_value(metric: str, value) -> str:
    return money(value) if metric == "household.annual_income" else number_format(value)


def metric_missing(metric: str) -> str:
    return _("no figure for %(metric)s") % {"metric": metric_name(metric)}


def metric_bound(metric: str, value, op: str, bound, met: bool) -> str:
    values = {
        "metric": metric_name(metric),
        "value": metric_value(metric, value),
        "op": op,
        "bound": metric_value(metric, bound),
    }
    if met:
        return _("%(metric)s %(value)s meets %(op)s %(bound)s") % values
    return _("%(metric)s %(value)s does not meet %(op)s %(bound)s") % values


def metric_best(metric: str, value, best) -> str:
    values = {
        "metric": metric_name(metric),
        "value": metric_value(metric, value),
        "best": metric_value(metric, best),
    }
    if value >= best:
        return _("%(metric)s %(value)s is the highest in the locality") % values
    return _("%(metric)s %(value)s is below the highest household in the locality (%(best)s)") % (
        values
    )


def no_members() -> str:
    return _("the collective has no members")


def composition_share(count, total, names, year, minimum) -> str:
    return _(
        "%(count)s/%(total)s members (%(share)s%%) held %(titles)s in %(year)s "
        "(at least %(minimum)s%% required)"
    ) % {
        "count": count,
        "total": total,
        "share": percent(count / total),
        "titles": names,
        "year": year,
        "minimum": percent(minimum),
    }


def composition_count(count, names, year, minimum) -> str:
    return _("%(count)s members held %(titles)s in %(year)s (at least %(minimum)s required)") % {
        "count": count,
        "titles": names,
        "year": year,
        "minimum": minimum,
    }


def open_case(kind: str, opened_on, effect_until) -> str:
    if kind == CaseKind.DISCIPLINE:
        if effect_until:
            return _("under discipline until %(date)s") % {"date": day(effect_until)}
        return _("under discipline since %(date)s") % {"date": day(opened_on)}
    if kind == CaseKind.INSPECTION:
        return _("under inspection since %(date)s") % {"date": day(opened_on)}
    return _("a complaint is open since %(date)s") % {"date": day(opened_on)}


def no_open_case() -> str:
    return _("no open discipline, inspection or complaint")


def not_judged() -> str:
    return _("not judged yet")


def judged(met: bool, evidence: str) -> str:
    if evidence:
        if met:
            return _("judged met: %(evidence)s") % {"evidence": evidence}
        return _("judged not met: %(evidence)s") % {"evidence": evidence}
    return _("judged met") if met else _("judged not met")


def dissolved() -> str:
    return _("the unit is dissolved")
