"""Evidence files: only PDF, Word, Excel, JPEG and PNG up to 10 MB, by extension and content."""

import os
import zipfile

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import EvidenceKind
from guongsang.exemplars.models import Evidence, Exemplar
from guongsang.exemplars.services.dossier import require_change

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
_ZIP_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def _content_matches(upload, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in _ZIP_PART:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(upload) as archive:
                return _ZIP_PART[extension] in archive.namelist()
        except zipfile.BadZipFile:
            return False
        finally:
            upload.seek(0)
    return False


def evidence_check(upload) -> str:
    """The file's content type, or a DomainError saying why the file is refused."""
    name = upload.name or ""
    extension = os.path.splitext(name)[1].lower()
    if extension not in CONTENT_TYPES:
        raise DomainError(
            _("“%(name)s”: only PDF, Word (.docx), Excel (.xlsx), JPEG and PNG files are accepted.")
            % {"name": name}
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise DomainError(
            _("“%(name)s” is larger than 10 MB; send a smaller file.") % {"name": name}
        )
    if not upload.size or not _content_matches(upload, extension):
        raise DomainError(
            _("“%(name)s” is not really a %(kind)s file; its content does not match its name.")
            % {"name": name, "kind": extension.lstrip(".").upper()}
        )
    return CONTENT_TYPES[extension]


@transaction.atomic
def evidence_add(
    *, exemplar: Exemplar, upload, actor, kind: str = EvidenceKind.DOCUMENT, description: str = ""
) -> Evidence:
    require_change(exemplar, actor)
    content_type = evidence_check(upload)
    evidence = Evidence(
        exemplar=exemplar,
        file=upload,
        original_name=os.path.basename(upload.name)[:255],
        content_type=content_type,
        size=upload.size,
        kind=kind,
        description=description,
        uploaded_by=actor,
    )
    return audited_save(evidence, actor=actor)
