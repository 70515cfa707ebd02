"""DOCX → PDF with headless LibreOffice, one private profile per call so runs never clash."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 120


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed, or the conversion failed."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or (
        "/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None
    )


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    binary = soffice_path()
    if binary is None:
        raise PdfUnavailable("LibreOffice (soffice) is not installed.")
    with tempfile.TemporaryDirectory(prefix="guongsang-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        profile = (folder / "profile").as_uri()
        command = [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable("LibreOffice took too long to convert the document.") from error
        target = folder / "document.pdf"
        if not target.exists():
            raise PdfUnavailable("LibreOffice did not produce a PDF.")
        return target.read_bytes()
