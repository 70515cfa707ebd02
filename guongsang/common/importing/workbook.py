"""Reading an uploaded workbook: refusing what cannot be read, parsing data rows into Rows."""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from guongsang.common.importing.importer import Column, Importer, Row
from guongsang.common.importing.parsers import CellError, is_blank
from guongsang.common.text import fold


class FileRefused(Exception):
    """The upload is not an XLSX workbook we can read (shown on the upload form)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
        if is_blank(cell):
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
            if all(is_blank(value) for value in line):
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
