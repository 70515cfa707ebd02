"""Evidence files: only PDF, DOCX, XLSX, JPEG and PNG up to 10 MB, by extension and content."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guongsang.common.errors import DomainError
from guongsang.exemplars import services
from guongsang.exemplars.models import Evidence
from tests.exemplars.conftest import exemplar_register

pytestmark = pytest.mark.usefixtures("english")

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.fixture
def exemplar(tree, plan, officer):
    return exemplar_register(tree["own"], plan, officer)


def _media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", PDF),
        ("anh.png", PNG),
        ("anh.JPG", JPG),
        ("thanh-tich.docx", _office("word/document.xml")),
        ("so-lieu.xlsx", _office("xl/workbook.xml")),
    ],
)
def test_evidence_accepted(exemplar, officer, name, content):
    upload = SimpleUploadedFile(name, content)
    evidence = services.evidence_add(exemplar=exemplar, upload=upload, actor=officer)
    assert evidence.original_name == name
    assert evidence.size == len(content)
    assert evidence.file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "size", "reason"),
    [
        ("virus.exe", b"MZ\x90\x00", None, "only PDF"),
        ("ghi-chu.txt", b"hello", None, "only PDF"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", None, "content does not match"),
        ("gia-mao.png", PDF, None, "content does not match"),
        ("gia-mao.docx", _office("xl/workbook.xml"), None, "content does not match"),
        ("zip.xlsx", b"PK\x03\x04broken", None, "content does not match"),
        ("qua-lon.pdf", PDF, 10 * 1024 * 1024 + 1, "larger than 10 MB"),
    ],
)
def test_evidence_refused_nothing_saved(exemplar, officer, settings, name, content, size, reason):
    if size:
        content = PDF + b"0" * (size - len(PDF))
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(DomainError, match=reason):
        services.evidence_add(exemplar=exemplar, upload=upload, actor=officer)
    assert not Evidence.objects.exists()
    assert _media_files(settings) == []


def test_evidence_view_refuses_fake_file_with_message(client, exemplar, officer, settings):
    client.force_login(officer)
    response = client.post(
        reverse("exemplars:evidence_add", args=[exemplar.pk]),
        {"upload": SimpleUploadedFile("anh.jpg", b"GIF89a"), "kind": "photo"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Evidence.objects.exists()
    assert _media_files(settings) == []


def test_evidence_view_upload_and_download(client, exemplar, officer, tree):
    client.force_login(officer)
    response = client.post(
        reverse("exemplars:evidence_add", args=[exemplar.pk]),
        {"upload": SimpleUploadedFile("qd.pdf", PDF), "kind": "decision"},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    url = reverse("exemplars:evidence_download", args=[exemplar.pk, evidence.pk])
    assert b"".join(client.get(url).streaming_content) == PDF
    from tests import factories

    client.force_login(factories.user_with_role("officer", tree["sibling"]))
    assert client.get(url).status_code == 404
