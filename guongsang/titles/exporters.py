"""XLSX export of title records, in the same columns as the import template.

The headers are the file format (fixed Vietnamese), so an exported file can be edited and
read by other systems that know the template.
"""

from collections.abc import Iterator

from guongsang.titles.enums import AwardNature, SubjectKind
from guongsang.titles.importers import NATURES, SUBJECT_KINDS, TitleRecordImporter
from guongsang.titles.models import TitleRecord

SCOPE_UNIT_HEADER = "Đơn vị quản lý"
_KIND_WORDS = {code: word for word, code in reversed(SUBJECT_KINDS.items())}
_NATURE_WORDS = {code: word for word, code in reversed(NATURES.items())}


def title_record_headers() -> list[str]:
    return [column.header for column in TitleRecordImporter.columns] + [SCOPE_UNIT_HEADER]


def _subject_code(record: TitleRecord) -> str:
    if record.person_id:
        return record.person.id_number
    if record.unit_id:
        return record.unit.code
    return str(record.household_id)


def title_record_rows(records) -> Iterator[list]:
    """One row per record, in the order of title_record_headers()."""
    for record in records.iterator(chunk_size=2000):
        kind = record.subject_kind
        values = {
            "subject_kind": _KIND_WORDS[SubjectKind(kind)],
            "subject_code": _subject_code(record),
            "subject_name": str(record.subject),
            "title_code": record.title.code,
            "title_name": record.title.name,
            "year": record.year,
            "decision_number": record.decision_number,
            "decision_date": record.decision_date,
            "issuer": record.issuer,
            "nature": _NATURE_WORDS[AwardNature(record.nature)],
            "note": record.note,
        }
        yield [values[column.key] for column in TitleRecordImporter.columns] + [
            record.scope_unit.name
        ]
