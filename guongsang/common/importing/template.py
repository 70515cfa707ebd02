"""The blank file to fill in: a header row, a grey example row and a guide sheet."""

import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from guongsang.common.importing.importer import Importer

GUIDE_SHEET = "Hướng dẫn"
DATE_FORMAT = "DD/MM/YYYY"


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
