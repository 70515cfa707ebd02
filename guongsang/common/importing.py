"""All-or-nothing XLSX imports: read every row, report every problem, save only a clean file.

An importer names its columns (a fixed Vietnamese header each: the header is the file format,
the same whatever language the uploader reads) and implements four steps:

- `prepare(rows)` loads everything the rows refer to in a few set-based queries;
- `check(row)` validates one row against what was loaded, adding errors to the row;
- `finish(rows)` checks what needs every row at once (duplicates against the database);
- `save(rows)` writes every row (only called when no row has an error, inside one transaction).

Error messages are stored rendered (in Vietnamese, see `job_run`) since they outlive the request.
"""

import datetime
import decimal
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from guongsang.common.models import ImportJob, ImportStatus
from guongsang.common.text import fold

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 200
MAX_STORED_ERRORS = 2000
GUIDE_SHEET = "Hướng dẫn"
DATE_FORMAT = "DD/MM/YYYY"
_DATE_PATTERN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class CellError(Exception):
    """A cell's value cannot be read; the message says what is expected."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FileRefused(Exception):
    """The upload is not an XLSX workbook we can read (shown on the upload form)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Cell parsers: take the raw cell value, return the parsed value or None when empty; raise
# CellError with a message in the current language when the value is not acceptable.


def _blank(value) -> bool:
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
        if _blank(value):
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
    if _blank(value):
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
    if _blank(value):
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
        if _blank(value):
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
    if _blank(value):
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
        if _blank(value):
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
    if _blank(value):
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


def workbook_open(file):
    """The workbook of an uploaded file, or FileRefused with a message for the user."""
    try:
        file.seek(0)
        return load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise FileRefused(
            _(
                "This file is not an Excel workbook (.xlsx) that can be read. "
                "Save it as .xlsx and retry."
            )
        ) from None


def upload_check(file) -> int | None:
    """Refuse what is not a readable .xlsx under the size limit; return the row count if known."""
    name = getattr(file, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise FileRefused(_("Upload an Excel file with the .xlsx extension."))
    if file.size > settings.IMPORT_MAX_BYTES:
        raise FileRefused(
            _("The file is too large (%(size)s MB); the limit is %(max)s MB.")
            % {
                "size": round(file.size / 1024 / 1024, 1),
                "max": round(settings.IMPORT_MAX_BYTES / 1024 / 1024, 1),
            }
        )
    workbook = workbook_open(file)
    try:
        if not workbook.worksheets:
            raise FileRefused(_("The workbook has no sheet."))
        max_row = workbook.worksheets[0].max_row
    finally:
        workbook.close()
        file.seek(0)
    return max(max_row - 1, 0) if max_row else None


def _header_map(importer: Importer, header_cells) -> tuple[dict[int, Column], list[dict]]:
    by_name = {fold(column.header): column for column in importer.columns}
    positions: dict[int, Column] = {}
    for index, cell in enumerate(header_cells):
        if _blank(cell):
            continue
        column = by_name.get(fold(str(cell).replace("*", "")))
        if column is not None and column not in positions.values():
            positions[index] = column
    found = set(positions.values())
    errors = [
        {"row": 1, "column": column.label, "message": _("This column is missing from the file.")}
        for column in importer.columns
        if column.required and column not in found
    ]
    return positions, errors


def _example_values(importer: Importer) -> dict:
    return {column.key: column.parse(column.example) for column in importer.columns}


def read_rows(importer: Importer, file) -> tuple[list[Row], list[dict]]:
    """Every non-empty data row with its cells parsed, and the errors of the header row."""
    workbook = workbook_open(file)
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if header is None:
            return [], [{"row": 1, "column": "", "message": _("The sheet is empty.")}]
        positions, header_errors = _header_map(importer, header)
        if header_errors:
            return [], header_errors
        example = _example_values(importer)
        rows = []
        for number, line in enumerate(lines, start=2):
            if all(_blank(value) for value in line):
                continue
            row = Row(number=number, values={})
            for index, column in positions.items():
                value = line[index] if index < len(line) else None
                try:
                    row.values[column.key] = column.parse(value)
                except CellError as error:
                    row.values[column.key] = None
                    importer.error(row, column.key, error.message)
                    continue
                if column.required and row.values[column.key] is None:
                    importer.error(row, column.key, _("This cell is required."))
            if not row.errors and all(
                row.values.get(key) == value for key, value in example.items()
            ):
                continue  # the template's example row, left in place
            rows.append(row)
        return rows, []
    finally:
        workbook.close()


def import_rows(
    importer: Importer, file, *, on_progress: Callable[[int, int], None] | None = None
) -> Outcome:
    """Validate every row; save all of them in one transaction only if none has an error."""
    rows, errors = read_rows(importer, file)
    if errors:
        return Outcome(total=0, errors=errors)
    if not rows:
        return Outcome(
            total=0, errors=[{"row": 2, "column": "", "message": _("The file has no data rows.")}]
        )
    total = len(rows)
    progress = on_progress or (lambda done, total: None)
    progress(0, total)
    importer.prepare(rows)
    for done, row in enumerate(rows, start=1):
        importer.check(row)
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    importer.finish(rows)
    progress(total, total)
    errors = sorted((error for row in rows for error in row.errors), key=lambda error: error["row"])
    if errors:
        return Outcome(total=total, errors=errors)
    with transaction.atomic():
        created = importer.save(rows)
    return Outcome(total=total, created=created)


def job_run(*, job: ImportJob, importer_class: type[Importer]) -> ImportJob:
    """Run an import job to its end, recording progress and the outcome (in Vietnamese)."""
    with translation.override("vi"):
        job.status, job.processed_rows, job.errors, job.message = ImportStatus.RUNNING, 0, [], ""
        job.save(update_fields=["status", "processed_rows", "errors", "message"])

        def on_progress(done: int, total: int) -> None:
            job.processed_rows, job.total_rows = done, total
            job.save(update_fields=["processed_rows", "total_rows"])

        importer = importer_class(user=job.created_by, source=job.original_name)
        try:
            with job.file.open("rb") as stored:
                outcome = import_rows(importer, io.BytesIO(stored.read()), on_progress=on_progress)
        except FileRefused as refused:
            outcome = Outcome(
                total=0, errors=[{"row": 1, "column": "", "message": refused.message}]
            )
        except Exception:
            logger.exception("Import job %s stopped", job.pk)
            outcome = None
            job.status = ImportStatus.FAILED
            job.message = _("The import stopped on an unexpected error; nothing was saved.")
        if outcome is not None:
            _record_outcome(job, outcome)
        job.finished_at = timezone.now()
        job.save()
    return job


def _record_outcome(job: ImportJob, outcome: Outcome) -> None:
    job.total_rows = outcome.total
    if outcome.ok:
        job.status = ImportStatus.SUCCEEDED
        job.processed_rows = outcome.total
        job.created_rows = outcome.created
        job.message = _("%(count)d rows were saved.") % {"count": outcome.created}
        return
    job.status = ImportStatus.FAILED
    job.created_rows = 0
    job.errors = outcome.errors[:MAX_STORED_ERRORS]
    bad_rows = len({error["row"] for error in outcome.errors})
    job.message = _(
        "%(errors)d problems in %(rows)d rows; nothing was saved. "
        "Correct the file and upload it again."
    ) % {"errors": len(outcome.errors), "rows": bad_rows}
    if len(outcome.errors) > MAX_STORED_ERRORS:
        job.message += " " + _("Only the first %(count)d problems are listed.") % {
            "count": MAX_STORED_ERRORS
        }


def template_bytes(importer_class: type[Importer]) -> bytes:
    """The blank file to fill in: headers, one example row, and a guide sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = importer_class.sheet_title[:31]
    columns = importer_class.columns
    sheet.append([column.label for column in columns])
    sheet.append([column.example for column in columns])
    grey = Font(italic=True, color="808080")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.fill = PatternFill("solid", fgColor="FFF2CC" if column.required else "EEEEEE")
        example = sheet.cell(row=2, column=index)
        example.font = grey
        if isinstance(column.example, datetime.date):
            example.number_format = DATE_FORMAT
        elif column.is_text:
            example.number_format = "@"
    sheet.freeze_panes = "A2"
    _guide_sheet(workbook.create_sheet(GUIDE_SHEET), importer_class)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guide_sheet(sheet, importer_class: type[Importer]) -> None:
    sheet.append([_("Column"), _("Required"), _("What to enter"), _("Example")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in importer_class.columns:
        example = column.example
        if isinstance(example, datetime.date):
            example = example.strftime("%d/%m/%Y")
        sheet.append([column.label, _("Yes") if column.required else "", str(column.help), example])
    sheet.append([])
    for note in _general_notes() + [str(note) for note in importer_class.notes]:
        sheet.append([note])
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 80
    sheet.column_dimensions["D"].width = 24
    for row in sheet.iter_rows(min_row=2):
        row[2 if len(row) > 2 else 0].alignment = Alignment(wrap_text=True, vertical="top")


def _general_notes() -> list[str]:
    return [
        _(
            "Columns marked * are required. Keep the header row as it is; "
            "the order of columns does not matter."
        ),
        _(
            "The example row (in grey italics) is skipped when unchanged; "
            "delete it or write over it."
        ),
        _(
            "Enter dates as dd/mm/yyyy. "
            "Format citizen ID numbers as text so leading zeros are kept."
        ),
        _(
            "The import is all or nothing: if any row has a problem, "
            "nothing is saved and every problem is listed."
        ),
    ]


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
