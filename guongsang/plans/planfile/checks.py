"""Small typed readers for the plan file: each returns a clean value or records a problem.

Locations are written like `movements[3].targets[1].minimum` (lists count from 1, as a
reader of the file counts).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass
class Problems:
    items: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}" if where else message)

    def __bool__(self) -> bool:
        return bool(self.items)


def at(where: str, key) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else str(key)


def mapping(value, where: str, problems: Problems, keys: set[str]) -> dict | None:
    """An object with only the known keys (a misspelt key is reported, not ignored)."""
    if not isinstance(value, dict):
        problems.add(where, _("must be an object (key: value)"))
        return None
    for key in value:
        if key not in keys:
            problems.add(at(where, key), _("unknown key"))
    return value


def items(value, where: str, problems: Problems) -> list[tuple[str, object]]:
    """(location, item) for each element of an optional list."""
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(where, _("must be a list"))
        return []
    return [(at(where, index), item) for index, item in enumerate(value, start=1)]


def text(data: dict, key: str, where: str, problems: Problems, *, required=False, max_length=None):
    value = data.get(key)
    where = at(where, key)
    if value is None or value == "":
        if required:
            problems.add(where, _("is required"))
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        problems.add(where, _("must be text"))
        return ""
    value = value.strip()
    if max_length and len(value) > max_length:
        problems.add(where, _("is longer than %(max)s characters") % {"max": max_length})
    return value


def whole(data: dict, key: str, where: str, problems: Problems, *, required=False, minimum=None):
    value = data.get(key)
    where = at(where, key)
    if value is None:
        if required:
            problems.add(where, _("is required"))
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        problems.add(where, _("must be a whole number"))
        return None
    if minimum == 1 and value < 1:
        problems.add(where, _("must be a positive whole number"))
        return None
    if minimum is not None and value < minimum:
        problems.add(where, _("must be at least %(minimum)s") % {"minimum": minimum})
        return None
    return value


def year(data: dict, key: str, where: str, problems: Problems, *, required=False):
    value = whole(data, key, where, problems, required=required)
    if value is not None and not 1900 <= value <= 2200:
        problems.add(at(where, key), _("must be a year (e.g. 2025)"))
        return None
    return value


def date(data: dict, key: str, where: str, problems: Problems, *, required=False):
    value = data.get(key)
    where = at(where, key)
    if value is None or value == "":
        if required:
            problems.add(where, _("is required"))
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        problems.add(where, _("must be a date (yyyy-mm-dd or dd/mm/yyyy)"))
    return parsed


def parse_date(value: str) -> datetime.date | None:
    value = value.strip()
    try:
        match = _DMY.match(value)
        if match:
            day, month, year_ = (int(part) for part in match.groups())
            return datetime.date(year_, month, day)
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def flag(data: dict, key: str, where: str, problems: Problems, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        problems.add(at(where, key), _("must be true or false"))
        return default
    return value


def choice(data: dict, key: str, where: str, problems: Problems, choices, *, default=None):
    value = data.get(key, default)
    if value is None:
        problems.add(at(where, key), _("is required"))
        return None
    if value not in choices:
        problems.add(
            at(where, key), _("must be one of: %(choices)s") % {"choices": ", ".join(choices)}
        )
        return None
    return value


def strings(data: dict, key: str, where: str, problems: Problems) -> list[str]:
    result = []
    for place, item in items(data.get(key), at(where, key), problems):
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            problems.add(place, _("must be non-empty text"))
        else:
            result.append(item.strip())
    return result
