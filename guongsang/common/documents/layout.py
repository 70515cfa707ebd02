"""The layout of an administrative document (Decree 30/2020/NĐ-CP, Appendix I), with python-docx.

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 (13 in the
header and in tables). The header block holds the issuer (its parent in upper case, itself
bold) on the left and the national motto on the right; under them the number and the place
and date; then the document type and title centred bold, the body, and at the foot the
recipients ("Nơi nhận:") on the left and the signature block on the right.
"""

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
SIZE = Pt(14)
SMALL = Pt(13)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Issuer:
    name: str
    parent: str = ""


@dataclass(frozen=True)
class Signature:
    name: str
    title: str = ""
    on_behalf: str = ""  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True


@dataclass(frozen=True)
class Heading:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths_mm: Sequence[float] = field(default_factory=tuple)


@dataclass(frozen=True)
class PageBreak:
    pass


def place_date(place: str, date: datetime.date | None) -> str:
    """ "Khánh Hòa, ngày 05 tháng 01 năm 2025" (day and month below 10 keep a leading zero)."""
    if date is None:
        return f"{place}, ngày     tháng     năm     "
    return f"{place}, ngày {date:%d} tháng {date:%m} năm {date:%Y}"


def docx_document(
    *,
    issuer: Issuer,
    number: str,
    place_date: str,
    doc_type: str,
    title: str = "",
    body: Sequence = (),
    signature: Signature | None = None,
    recipients: Sequence[str] = (),
    annex: Sequence = (),
) -> bytes:
    document = Document()
    _page_setup(document)
    _header(document, issuer, number, place_date)
    _centred(document, doc_type.upper(), bold=True, space_before=12)
    if title:
        _centred(document, title, bold=True)
    _rule(document)
    for block in body:
        _block(document, block)
    _foot(document, signature, recipients)
    for block in annex:
        _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)


def _run(paragraph, text: str, *, bold=False, italic=False, underline=False, size=None):
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size is not None:
        run.font.size = size
    return run


def _cell_line(cell, text, *, first=False, align=WD_ALIGN_PARAGRAPH.CENTER, **style):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = align
    _run(paragraph, text, **style)
    return paragraph


def _grid(document, rows: int, widths: Sequence[float]):
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid: what LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return table


def _header(document, issuer: Issuer, number: str, where_when: str) -> None:
    table = _grid(document, 2, (65, 100))
    left, right = table.rows[0].cells
    if issuer.parent:
        _cell_line(left, issuer.parent.upper(), first=True, size=SMALL)
        _cell_line(left, issuer.name.upper(), bold=True, size=SMALL)
    else:
        _cell_line(left, issuer.name.upper(), first=True, bold=True, size=SMALL)
    _cell_line(right, NATION, first=True, bold=True, size=SMALL)
    _cell_line(right, MOTTO, bold=True, underline=True)
    left, right = table.rows[1].cells
    _cell_line(left, f"Số: {number}", first=True, size=SMALL)
    _cell_line(right, where_when, first=True, italic=True)


def _centred(document, text: str, *, bold=False, italic=False, space_before=0) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(space_before)
    _run(paragraph, text, bold=bold, italic=italic)


def _rule(document) -> None:
    _centred(document, "_______________")


def _block(document, block) -> None:
    if isinstance(block, str):
        block = Paragraph(block)
    if isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_before = Pt(6)
        if block.indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
        _run(paragraph, block.text, bold=block.bold, italic=block.italic)
    elif isinstance(block, Heading):
        _centred(document, block.text, bold=not block.italic, italic=block.italic, space_before=6)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, PageBreak):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    else:
        raise TypeError(type(block))


def _table(document, spec: Table) -> None:
    widths = spec.widths_mm or [165 / len(spec.headers)] * len(spec.headers)
    table = _grid(document, 1 + len(spec.rows), widths)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, spec.headers, strict=True):
        _cell_line(cell, str(text), first=True, bold=True, size=SMALL)
    for row, values in zip(table.rows[1:], spec.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _cell_line(cell, str(value), first=True, align=WD_ALIGN_PARAGRAPH.LEFT, size=SMALL)


def _foot(document, signature: Signature | None, recipients: Sequence[str]) -> None:
    document.add_paragraph()
    table = _grid(document, 1, (80, 85))
    left, right = table.rows[0].cells
    _cell_line(left, "Nơi nhận:", first=True, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True,
               italic=True, size=Pt(12))  # fmt: skip
    for i, name in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        _cell_line(left, f"- {name}{end}", align=WD_ALIGN_PARAGRAPH.LEFT, size=Pt(11))
    if signature is None:
        return
    lines = [line for line in (signature.on_behalf, signature.title) if line]
    for i, line in enumerate(lines):
        _cell_line(right, line.upper(), first=(i == 0), bold=True)
    for _ in range(4):
        right.add_paragraph()
    _cell_line(right, signature.name, first=not lines, bold=True)
