"""The parameters of each machine-checked criterion kind, and their validation.

One definition shared by the criteria-set forms, the plan file importer, the API and the
engine. Years: a rule looks at a window of years ending with the evaluation year Y —
`"years": N` means Y-N+1 … Y; `"from_year"`/`"to_year"` fix the window instead.

| kind            | params                                                                  |
|-----------------|-------------------------------------------------------------------------|
| judged          | {} — a person ticks it, with evidence (a Judgement)                      |
| title_streak    | {"titles": [code, …], "years": N} — any of the titles, every year        |
| rating_streak   | {"ratings": [code, …], "years": N}                                       |
| title_preferred | {"titles": [code, …]?, "years": N} — never fails; ranks by highest title |
| leader_rule     | {"collective_set": code?} — a head's unit must be a recognised exemplar  |
|                 | collective (or pass that criteria set)                                   |
| metric_rule     | {"metric": name, "op": ">="|">"|"<="|"<"|"=", "value": number}           |
|                 | or {"metric": name, "best_in": "locality"}                              |
| composition     | {"year_offset": 0, "rules": [{"titles": [code…], "min_share": 0.7} |     |
|                 | {"titles": [code…], "min_count": 1}]} — over the collective's members   |
| freeze          | {"kinds": ["discipline", "inspection", "complaint"]}                     |
| all_of / any_of | {} — the children decide                                                 |

Only regular (year-end) title records count for streaks and compositions: ad-hoc and
thematic awards never count as prerequisites. Achievements up to the end of a discipline
do not count. Dissolved units are never eligible.
"""

from django.utils.translation import gettext as _

METRICS = {
    "household.annual_income": "household",
}
OPERATORS = (">=", ">", "<=", "<", "=")
CASE_KINDS = ("discipline", "inspection", "complaint")
GROUP_KINDS = ("all_of", "any_of")


def _codes(params, key, errors, known_titles) -> None:
    codes = params.get(key)
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        errors.append(_("“%(key)s” must be a non-empty list of title codes.") % {"key": key})
        return
    if known_titles is not None:
        unknown = [c for c in codes if c not in known_titles]
        if unknown:
            errors.append(_("Unknown title codes: %(codes)s") % {"codes": ", ".join(unknown)})


def _window(params, errors) -> None:
    if "years" in params:
        years = params["years"]
        if not isinstance(years, int) or not 1 <= years <= 20:
            errors.append(_("“years” must be a whole number from 1 to 20."))
    elif "from_year" in params and "to_year" in params:
        first, last = params["from_year"], params["to_year"]
        if not (isinstance(first, int) and isinstance(last, int) and first <= last):
            errors.append(_("“from_year” must be a year not after “to_year”."))
    else:
        errors.append(_("Give “years”, or “from_year” and “to_year”."))


def _metric(params, errors) -> None:
    if params.get("metric") not in METRICS:
        errors.append(
            _("“metric” must be one of: %(names)s") % {"names": ", ".join(sorted(METRICS))}
        )
    if "best_in" in params:
        if params["best_in"] != "locality":
            errors.append(_("“best_in” can only be “locality”."))
        return
    if params.get("op") not in OPERATORS:
        errors.append(_("“op” must be one of: %(ops)s") % {"ops": " ".join(OPERATORS)})
    if not isinstance(params.get("value"), int | float) or isinstance(params.get("value"), bool):
        errors.append(_("“value” must be a number."))


def _composition(params, errors, known_titles) -> None:
    rules = params.get("rules")
    if not isinstance(rules, list) or not rules:
        errors.append(_("“rules” must be a non-empty list."))
        return
    for rule in rules:
        if not isinstance(rule, dict):
            errors.append(_("Each composition rule must be an object."))
            continue
        _codes(rule, "titles", errors, known_titles)
        share, count = rule.get("min_share"), rule.get("min_count")
        if share is None and count is None:
            errors.append(_("Each composition rule needs “min_share” or “min_count”."))
        if share is not None and not (isinstance(share, int | float) and 0 < share <= 1):
            errors.append(_("“min_share” must be a number above 0 and at most 1."))
        if count is not None and not (isinstance(count, int) and count >= 1):
            errors.append(_("“min_count” must be a whole number of at least 1."))


def validate_params(kind: str, params, *, known_titles: set[str] | None = None) -> list[str]:
    """The problems with `params` for a criterion of `kind`, in the user's language."""
    if not isinstance(params, dict):
        return [_("The parameters must be an object.")]
    errors: list[str] = []
    if kind in ("title_streak", "title_preferred"):
        if kind == "title_streak" or "titles" in params:
            _codes(params, "titles", errors, known_titles)
        _window(params, errors)
    elif kind == "rating_streak":
        _codes(params, "ratings", errors, known_titles)
        _window(params, errors)
    elif kind == "metric_rule":
        _metric(params, errors)
    elif kind == "composition":
        _composition(params, errors, known_titles)
    elif kind == "freeze":
        kinds = params.get("kinds", list(CASE_KINDS))
        if not isinstance(kinds, list) or not set(kinds) <= set(CASE_KINDS):
            errors.append(
                _("“kinds” must list some of: %(kinds)s") % {"kinds": ", ".join(CASE_KINDS)}
            )
    elif kind == "leader_rule" and not isinstance(params.get("collective_set", ""), str):
        errors.append(_("“collective_set” must be the code of a criteria set."))
    return errors
