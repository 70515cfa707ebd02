"""Materials of an event: a file (PDF, Word, Excel, PowerPoint, JPEG, PNG up to 20 MB, checked
by extension and by content) or a link, each shown on the portal or kept for staff."""

import os
import zipfile

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.propagation.models import Event, EventMaterial
from guongsang.propagation.services.common import require

MAX_MATERIAL_BYTES = 20 * 1024 * 1024
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
# An Office Open XML file is a ZIP archive holding this part.
_ZIP_PART = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}
_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
}


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")


def _content_matches(upload, extension: str) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension in _SIGNATURES:
        return head.startswith(_SIGNATURES[extension])
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            return _ZIP_PART[extension] in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def material_check(upload) -> str:
    """The file's content type, or a DomainError saying why the file is refused."""
    name = os.path.basename(upload.name or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in CONTENT_TYPES:
        raise DomainError(
            _(
                "“%(name)s”: only PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), JPEG and "
                "PNG files are accepted."
            )
            % {"name": name}
        )
    if upload.size > MAX_MATERIAL_BYTES:
        raise DomainError(
            _("“%(name)s” is larger than 20 MB; send a smaller file or a link.") % {"name": name}
        )
    if not upload.size or not _content_matches(upload, extension):
        raise DomainError(
            _("“%(name)s” is not really a %(kind)s file; its content does not match its name.")
            % {"name": name, "kind": extension.lstrip(".").upper()}
        )
    return CONTENT_TYPES[extension]


@transaction.atomic
def event_material_add(
    *, event: Event, actor, title: str = "", upload=None, url: str = "", is_public: bool = True
) -> EventMaterial:
    """A file or a link (exactly one of them); the title defaults to the file's name."""
    require(actor, "propagation.change", event)
    url = (url or "").strip()
    if (upload is None) == (not url):
        raise DomainError(_("Attach a file or give a link (one of the two)."))
    if upload is not None:
        material_check(upload)
        upload.name = os.path.basename(upload.name)
    title = (title or "").strip() or (upload.name if upload is not None else url)
    material = EventMaterial(
        event=event, title=title[:255], file=upload or "", url=url, is_public=is_public
    )
    return audited_save(material, actor=actor)


@transaction.atomic
def event_material_remove(*, material: EventMaterial, actor) -> None:
    """Remove a material; its file leaves the storage once the removal is committed."""
    require(actor, "propagation.change", material.event)
    file = material.file
    material.delete()
    if file:
        storage, name = file.storage, file.name
        transaction.on_commit(lambda: storage.delete(name))
