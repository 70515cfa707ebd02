"""Cell parsers: each turns a raw cell value into a typed value, None when empty, or CellError."""

import datetime
import decimal
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from guongsang.common.text import fold

_DATE_PATTERN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class CellError(Exception):
    """A cell's value cannot be read; the message says what is expected."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_blank(value) -> bool:
    """Whether a cell holds nothing (None or only whitespace)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return re.sub(r"\s+", " ", str(value)).strip()


def text(max_length: int = 255) -> Callable:
    def parse(value):
        if is_blank(value):
            return None
        result = _as_text(value)
        if len(result) > max_length:
            raise CellError(
                _("Use at most %(max)d characters (this cell has %(count)d).")
                % {"max": max_length, "count": len(result)}
            )
        return result

    return parse


def id_number(value):
    """A citizen ID number; Excel drops leading zeros from numbers, so they are put back."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        result = str(int(value))
        # A CCCD begins with a province code (001…096), an old identity card may begin with 0.
        if 10 <= len(result) < 12:
            result = result.zfill(12)
        elif 7 <= len(result) < 9:
            result = result.zfill(9)
    else:
        result = re.sub(r"\s+", "", str(value))
    if not re.fullmatch(r"\d{9}|\d{12}", result):
        raise CellError(_("A citizen ID number has 12 digits (or 9 for an old identity card)."))
    return result


def date(value):
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE_PATTERN.match(str(value).strip())
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise CellError(_("Enter a date as dd/mm/yyyy, for example 20/05/1985."))


def integer(min_value: int | None = None, max_value: int | None = None) -> Callable:
    def parse(value):
        if is_blank(value):
            return None
        try:
            number = decimal.Decimal(_as_text(value).replace(" ", ""))
        except decimal.InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value():
            raise CellError(_("Enter a whole number."))
        number = int(number)
        if (min_value is not None and number < min_value) or (
            max_value is not None and number > max_value
        ):
            raise CellError(
                _("Enter a number from %(min)s to %(max)s.") % {"min": min_value, "max": max_value}
            )
        return number

    return parse


def amount(value):
    """A non-negative amount of money in VND; thousands separators are allowed."""
    if is_blank(value):
        return None
    raw = _as_text(value).replace(".", "").replace(",", "").replace(" ", "")
    try:
        number = decimal.Decimal(raw)
    except decimal.InvalidOperation:
        raise CellError(_("Enter an amount in VND, for example 120000000.")) from None
    if number < 0 or number != number.to_integral_value() or len(raw) > 15:
        raise CellError(_("Enter an amount in VND, for example 120000000."))
    return number


def choice(options: dict[str, str]) -> Callable:
    """One of the given words (any case, with or without diacritics) -> its code."""
    folded = {fold(word): code for word, code in options.items()}

    def parse(value):
        if is_blank(value):
            return None
        code = folded.get(fold(_as_text(value)))
        if code is None:
            raise CellError(
                _("Enter one of: %(options)s.") % {"options": ", ".join(dict.fromkeys(options))}
            )
        return code

    return parse


_YES_NO = {"Có": True, "Không": False, "x": True, "Yes": True, "No": False, "1": True, "0": False}
_YES_NO_FOLDED = {fold(word): meaning for word, meaning in _YES_NO.items()}


def boolean(value):
    """Có / Không (also x, 1 / 0, Yes / No)."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    meaning = _YES_NO_FOLDED.get(fold(_as_text(value)))
    if meaning is None:
        raise CellError(_("Enter Có or Không."))
    return meaning


def email(value):
    result = text(254)(value)
    if result is None:
        return None
    try:
        validate_email(result)
    except ValidationError:
        raise CellError(_("Enter a valid email address.")) from None
    return result
