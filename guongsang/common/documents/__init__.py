"""Documents in the Vietnamese administrative layout (Decree 30/2020/NĐ-CP), DOCX and PDF."""

from guongsang.common.documents.layout import (
    Heading,
    Issuer,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    docx_document,
    place_date,
)

__all__ = [
    "Heading",
    "Issuer",
    "PageBreak",
    "Paragraph",
    "Signature",
    "Table",
    "docx_document",
    "place_date",
]
