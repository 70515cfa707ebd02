"""All-or-nothing XLSX imports: read every row, report every problem, save only a clean file.

An importer names its columns (a fixed Vietnamese header each: the header is the file format,
the same whatever language the uploader reads) and implements four steps:

- `prepare(rows)` loads everything the rows refer to in a few set-based queries;
- `check(row)` validates one row against what was loaded, adding errors to the row;
- `finish(rows)` checks what needs every row at once (duplicates against the database);
- `save(rows)` writes every row (only called when no row has an error, inside one transaction).

Error messages are stored rendered (in Vietnamese, see `job_run`) since they outlive the request.
"""

from guongsang.common.importing.importer import Column, Importer, Outcome, Row, iter_chunks
from guongsang.common.importing.jobs import (
    MAX_STORED_ERRORS,
    PROGRESS_EVERY,
    import_rows,
    job_run,
)
from guongsang.common.importing.parsers import (
    CellError,
    amount,
    boolean,
    choice,
    date,
    email,
    id_number,
    integer,
    text,
)
from guongsang.common.importing.template import DATE_FORMAT, GUIDE_SHEET, template_bytes
from guongsang.common.importing.workbook import (
    FileRefused,
    read_rows,
    upload_check,
    workbook_open,
)

__all__ = [
    "DATE_FORMAT",
    "GUIDE_SHEET",
    "MAX_STORED_ERRORS",
    "PROGRESS_EVERY",
    "CellError",
    "Column",
    "FileRefused",
    "Importer",
    "Outcome",
    "Row",
    "amount",
    "boolean",
    "choice",
    "date",
    "email",
    "id_number",
    "import_rows",
    "integer",
    "iter_chunks",
    "job_run",
    "read_rows",
    "template_bytes",
    "text",
    "upload_check",
    "workbook_open",
]
