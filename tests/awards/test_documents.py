"""Generated documents: Decree 30/2020 layout in DOCX, and the PDF made by LibreOffice."""

import io
import os
import re
import shutil
import subprocess

import pytest
from docx import Document

from guongsang.awards import documents, services
from guongsang.awards.models import Proposal
from guongsang.common.documents.pdf import docx_to_pdf, soffice_path
from guongsang.reviews.models import Council, CouncilMember, ReviewRound
from tests import factories
from tests.awards.conftest import DAY, draft
from tests.exemplars.conftest import exemplar_register, plan_create

pytestmark = pytest.mark.django_db


def _issued_decision(tree, synthesis, fund):
    decision = draft(tree["own"], synthesis)
    services.decision_recipient_add(
        decision=decision,
        subject=factories.person_create("Lê Thị Hoa", unit=tree["own_child"]),
        actor=synthesis,
    )
    return services.decision_issue(decision=decision, actor=synthesis)


def _closed_round(tree, synthesis):
    council = Council.objects.create(
        unit=tree["own"],
        name="Hội đồng Thi đua - Khen thưởng Sở",
        valid_from=DAY.replace(year=2024),
    )
    chair = factories.person_create("Phạm Văn Chủ", unit=tree["own"])
    CouncilMember.objects.create(
        council=council, person=chair, role="chair", valid_from=DAY.replace(year=2024)
    )
    return ReviewRound.objects.create(
        council=council,
        name="Bình xét năm 2024",
        year=2024,
        level="unit",
        status="closed",
        meeting_date=DAY,
        created_by=synthesis,
        requires_vote=False,
    )


def _proposal(tree, synthesis):
    proposal = Proposal.objects.create(
        number="08/TTr-SNV",
        date=DAY,
        from_unit=tree["own"],
        to_unit=tree["parent"],
        title=factories.title("bang-khen-tinh-ca-nhan"),
        summary="Thành tích năm 2024.",
        created_by=synthesis,
    )
    person = factories.person_create("Đỗ Minh Tâm", unit=tree["own"])
    proposal.exemplars.add(exemplar_register(person, plan_create(tree["parent"]), synthesis))
    return proposal


@pytest.fixture
def generated(tree, synthesis, fund):
    decision = _issued_decision(tree, synthesis, fund)
    return {
        "decision": (
            documents.decision_docx(decision),
            ["QUYẾT ĐỊNH", "15/QĐ-SNV", "Lê Thị Hoa", "702.000", "Trần Văn Ký", "Điều 1."],
        ),
        "annex": (
            documents.annex_docx(decision),
            ["DANH SÁCH", "Kèm theo Quyết định số 15/QĐ-SNV", "Phòng Thi đua - Khen thưởng"],
        ),
        "minutes": (
            documents.minutes_docx(_closed_round(tree, synthesis)),
            ["BIÊN BẢN", "Họp Hội đồng Thi đua – Khen thưởng", "Phạm Văn Chủ"],
        ),
        "proposal": (
            documents.proposal_docx(_proposal(tree, synthesis)),
            ["TỜ TRÌNH", "08/TTr-SNV", "Kính gửi: UBND tỉnh Khánh Hòa", "Đỗ Minh Tâm"],
        ),
    }


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_documents_follow_decree_30_layout(generated):
    for name, (data, expected) in generated.items():
        document = Document(io.BytesIO(data))
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297), name
        assert 20 <= round(section.top_margin.mm) <= 25
        assert 20 <= round(section.bottom_margin.mm) <= 25
        assert 30 <= round(section.left_margin.mm) <= 35
        assert 15 <= round(section.right_margin.mm) <= 20
        normal = document.styles["Normal"].font
        assert normal.name == "Times New Roman" and normal.size.pt in (13, 14)
        runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
        assert runs and all(r.font.name == "Times New Roman" for r in runs)
        text = docx_text(data)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "SỞ NỘI VỤ" in text
        assert name == "minutes" or "UBND TỈNH KHÁNH HÒA" in text
        assert "Khánh Hòa, ngày 10 tháng 03 năm 2025" in text
        for snippet in expected:
            assert snippet in text, (name, snippet)


def test_header_styles(generated):
    document = Document(io.BytesIO(generated["decision"][0]))
    header = document.tables[0]
    issuer_run = header.rows[0].cells[0].paragraphs[1].runs[0]
    assert (issuer_run.text, issuer_run.bold) == ("SỞ NỘI VỤ", True)
    motto = header.rows[0].cells[1].paragraphs[1].runs[0]
    assert motto.bold and motto.underline
    assert header.rows[1].cells[1].paragraphs[0].runs[0].italic
    assert header.rows[1].cells[0].text == "Số: 15/QĐ-SNV"


def _pdf_text(pdf: bytes, tmp_path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    source = tmp_path / "d.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, timeout=60)
    return out.stdout.decode()


def test_documents_convert_to_pdf(generated, tmp_path):
    if soffice_path() is None:
        if os.environ.get("GUONGSANG_REQUIRE_E2E") == "1":
            pytest.fail("LibreOffice (soffice) is required but missing")
        pytest.skip("LibreOffice (soffice) is not installed: no PDF conversion")
    for name, (data, expected) in generated.items():
        pdf = docx_to_pdf(data)
        assert pdf.startswith(b"%PDF"), name
        text = _pdf_text(pdf, tmp_path)
        if text is not None:
            flat = " ".join(text.split())  # a table cell may wrap a long name
            for snippet in expected:
                assert snippet in flat, (name, snippet)
        else:  # no pdftotext: the source holds the texts, and the PDF has its pages
            assert all(s in docx_text(data) for s in expected)
            assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 1, name
