"""The importer base class, its columns and rows (each collecting its errors), and the outcome."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from guongsang.common.importing.parsers import text


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # fixed Vietnamese: the file format
    help: Any  # a lazy translation: shown on the guide sheet
    parse: Callable = field(default_factory=text)
    required: bool = False
    example: Any = None
    width: int = 18
    is_text: bool = False  # typed as text in the template, so Excel keeps leading zeros

    @property
    def label(self) -> str:
        return f"{self.header}*" if self.required else self.header


@dataclass
class Row:
    number: int  # as Excel shows it
    values: dict
    errors: list = field(default_factory=list)
    data: dict = field(default_factory=dict)  # what the importer resolved (objects)


class Importer:
    kind = ""
    sheet_title = ""
    columns: tuple[Column, ...] = ()
    notes: tuple = ()  # lazy translations, shown under the columns on the guide sheet

    def __init__(self, *, user, source: str = ""):
        self.user = user
        self.source = source
        self._headers = {column.key: column.label for column in self.columns}

    def error(self, row: Row, key: str | None, message: str) -> None:
        row.errors.append(
            {
                "row": row.number,
                "column": self._headers.get(key, "") if key else "",
                "message": message,
            }
        )

    def change_reason(self) -> str:
        return _("Imported from the file %(name)s") % {"name": self.source or "XLSX"}

    def prepare(self, rows: list[Row]) -> None:
        """Load what the rows refer to, in a few queries."""

    def check(self, row: Row) -> None:
        """Validate one row (values may be None where a cell could not be read)."""

    def finish(self, rows: list[Row]) -> None:
        """Checks over all rows at once, after every row was checked."""

    def save(self, rows: list[Row]) -> int:
        raise NotImplementedError


@dataclass
class Outcome:
    total: int
    created: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def iter_chunks(items: Iterable, size: int = 900):
    """Yield lists of at most `size` items (to keep IN (...) lists within database limits)."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
