"""The achievement report (form 05 and its collective and household versions) and a proposal's
whole dossier as one ZIP: contents, layout, permissions, queries, and the PDF."""

import datetime
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from guongsang.awards import services
from guongsang.awards.documents_reports import achievement_report_docx, report_facts
from guongsang.awards.dossier import INDEX, proposal_dossier_zip
from guongsang.common.documents.pdf import docx_to_pdf, soffice_path
from guongsang.exemplars import services as exemplar_services
from guongsang.exemplars.services.lifecycle import exemplar_recognise
from guongsang.orgs.enums import Role
from guongsang.reviews import services as review_services
from guongsang.reviews.enums import MemberRole, Outcome
from guongsang.reviews.models import Candidate, Council, ReviewRound
from tests import factories
from tests.awards.test_documents import _pdf_text, docx_text
from tests.exemplars.conftest import exemplar_register, plan_create
from tests.reviews.conftest import close, member_user, proposed, round_of

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _person(tree, name, **fields):
    fields = {"position": "Chuyên viên", "gender": "male", **fields}
    return factories.person_create(name, unit=tree["own_child"], **fields)


def _filled(exemplar, actor, *, tag: str):
    """An exemplar's record as the report prints it: summary, key achievements, initiative,
    two evidence files of the same name, and its subject's title history."""
    exemplar_services.exemplar_update(
        exemplar=exemplar,
        actor=actor,
        summary=f"Hoàn thành xuất sắc nhiệm vụ {tag}.\nDẫn đầu phong trào thi đua.",
        key_achievements=[
            {"year": 2024, "text": f"Số hóa hồ sơ {tag}"},
            {"year": 2023, "text": "Giải nhất hội thi cải cách hành chính"},
        ],
    )
    exemplar_services.initiative_add(
        exemplar=exemplar,
        title=f"Sáng kiến {tag}",
        year=2024,
        effect_level="province",
        recognition="Quyết định 12/QĐ-HĐSK",
        actor=actor,
    )
    for content in (PDF, PDF):
        exemplar_services.evidence_add(
            exemplar=exemplar,
            upload=SimpleUploadedFile("Quyết định khen thưởng.pdf", content),
            actor=actor,
            kind="decision",
            description="Bản sao",
        )
    exemplar_services.evidence_add(
        exemplar=exemplar, upload=SimpleUploadedFile("Ảnh.png", PNG), actor=actor, kind="photo"
    )
    factories.title_record_create(
        exemplar.subject,
        "cstd-co-so",
        2023,
        decision_number=f"45/QĐ-{tag}",
        decision_date=datetime.date(2024, 1, 15),
        issuer="Giám đốc Sở Nội vụ",
    )
    factories.title_record_create(exemplar.subject, "giay-khen-ca-nhan", 2022)


def proposal_of(tree, actor, names, *, council_name="Hội đồng Thi đua - Khen thưởng Sở", sent=None):
    """Exemplars of `own_child` filled in, passed by a closed round of `own`'s council,
    recognised, and the first `sent` of them (all by default) drafted into a proposal from
    `own` to the province."""
    plan = plan_create(tree["parent"])
    exemplars = []
    for i, name in enumerate(names):
        exemplar = proposed(_person(tree, name, birth_date=datetime.date(1985, 4, 2)), plan, actor)
        _filled(exemplar, actor, tag=f"T{i}")
        exemplars.append(exemplar)
    council = review_services.council_create(
        unit=tree["own"], name=council_name, valid_from=TODAY, actor=actor
    )
    member_user(council, actor, role=MemberRole.CHAIR, name=f"Phạm Văn Chủ {council_name[-1]}")
    review_round = round_of(council, actor, name="Bình xét năm 2024", meeting_date=TODAY)
    review_services.candidates_add(review_round=review_round, exemplars=exemplars, actor=actor)
    review_services.round_open(review_round=review_round, actor=actor)
    for candidate in review_round.candidates.all():
        review_services.candidate_outcome_set(
            candidate=candidate, outcome=Outcome.PASS, actor=actor
        )
    close(review_round)
    for exemplar in exemplars:
        exemplar.refresh_from_db()
        exemplar_recognise(exemplar=exemplar, level="unit", actor=actor)
        exemplar.refresh_from_db()
    return services.proposal_create(
        from_unit=tree["own"],
        to_unit=tree["parent"],
        exemplars=exemplars[:sent],
        actor=actor,
        number="12/TTr-SNV",
        date=TODAY,
        title=factories.title("bang-khen-tinh-ca-nhan"),
    )


@pytest.fixture
def proposal(tree, synthesis):
    return proposal_of(tree, synthesis, ["Đỗ Minh Tâm", "Lê Thị Hoa"])


def _report(exemplar, **kwargs) -> bytes:
    return achievement_report_docx(exemplar, **kwargs)


def _layout_ok(data: bytes) -> None:
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt in (13, 14)
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    ]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    text = docx_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def test_report_of_an_individual_holds_form_05(proposal):
    exemplar = proposal.exemplars.get(subject_name="Đỗ Minh Tâm")
    data = _report(exemplar, title=proposal.title)
    _layout_ok(data)
    text = docx_text(data)
    for snippet in [
        "BÁO CÁO THÀNH TÍCH",
        "ĐỀ NGHỊ TẶNG “BẰNG KHEN CẤP BỘ, NGÀNH, TỈNH” NĂM 2024",
        "PHÒNG THI ĐUA - KHEN THƯỞNG",  # the issuer block: the person's unit under its parent
        "Khánh Hòa, ngày",
        "I. SƠ LƯỢC LÝ LỊCH",
        "- Họ và tên: Đỗ Minh Tâm",
        "- Giới tính: Nam",
        "- Sinh ngày, tháng, năm: 02/04/1985",
        "- Đơn vị công tác: Phòng Thi đua - Khen thưởng",
        "- Chức vụ (Đảng, chính quyền, đoàn thể): Chuyên viên",
        "- Quê quán: ……………",  # not held: a dotted line, never invented
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "Chuyên viên tại Phòng Thi đua - Khen thưởng.",
        "Hoàn thành xuất sắc nhiệm vụ T0.",
        "- Năm 2024: Số hóa hồ sơ T0",
        "Sáng kiến T0",
        "Tỉnh, bộ, ngành trung ương",
        "Quyết định 12/QĐ-HĐSK",
        "Quyết định, giấy chứng nhận “Quyết định khen thưởng.pdf”: Bản sao.",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "Chiến sĩ thi đua cơ sở",
        "Quyết định số 45/QĐ-T0 ngày 15/01/2024",
        "Giám đốc Sở Nội vụ",
        "Giấy khen",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
        "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ",
        "(Ký, đóng dấu)",
    ]:
        assert snippet in text, snippet
    assert "Lê Thị Hoa" not in text and "45/QĐ-T1" not in text
    assert "Nơi nhận" not in text
    document = Document(io.BytesIO(data))
    assert document.tables[0].rows[1].cells[0].text == ""  # a person's report has no number
    history = [t for t in document.tables if t.rows[0].cells[1].text == "Danh hiệu thi đua"][0]
    assert [c.text for c in history.rows[1].cells] == [
        "2023",
        "Chiến sĩ thi đua cơ sở",
        "Quyết định số 45/QĐ-T0 ngày 15/01/2024",
        "Giám đốc Sở Nội vụ",
    ]
    awards = [t for t in document.tables if t.rows[0].cells[1].text == "Hình thức khen thưởng"][0]
    assert [c.text for c in awards.rows[1].cells] == ["2022", "Giấy khen", "……………", "……………"]
    # Key achievements in the order of the years.
    assert text.index("Năm 2023: Giải nhất") < text.index("Năm 2024: Số hóa")


def test_report_of_a_collective_and_of_a_household(tree, synthesis):
    plan = plan_create(tree["parent"])
    factories.person_create(
        "Trần Văn Trưởng", unit=tree["own_child"], position="Trưởng phòng", is_head=True
    )
    collective = exemplar_register(tree["own_child"], plan, synthesis)
    factories.title_record_create(tree["own_child"], "tap-the-lao-dong-xuat-sac", 2023)
    data = _report(collective, title=factories.title("tap-the-lao-dong-xuat-sac"))
    _layout_ok(data)
    text = docx_text(data)
    for snippet in [
        "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “TẬP THỂ LAO ĐỘNG XUẤT SẮC” NĂM 2024",
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "- Tên đơn vị: Phòng Thi đua - Khen thưởng",
        "- Đơn vị cấp trên trực tiếp: Sở Nội vụ",
        "- Thủ trưởng đơn vị: Trần Văn Trưởng, Trưởng phòng",
        "- Số cán bộ, công chức, viên chức, người lao động: ……………",
        "- Địa chỉ trụ sở: ……………",
        "Tập thể lao động xuất sắc",
        "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN",
        "Số:       /BC-",
    ]:
        assert snippet in text, snippet

    head = factories.person_create("Nguyễn Văn Chủ Hộ", gender="male")
    household = factories.household_create("Hộ ông Nguyễn Văn Chủ Hộ", tree["own_child"], head)
    text = docx_text(_report(exemplar_register(household, plan, synthesis)))
    for snippet in [
        "ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024",  # no award named yet
        "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH",
        "- Tên hộ gia đình: Hộ ông Nguyễn Văn Chủ Hộ",
        "- Chủ hộ: Nguyễn Văn Chủ Hộ",
        "- Xã, phường, đặc khu: Phòng Thi đua - Khen thưởng",
        "XÁC NHẬN CỦA ỦY BAN NHÂN DÂN CẤP XÃ",
        "CHỦ HỘ",
    ]:
        assert snippet in text, snippet


def _zip(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return archive


def test_dossier_zip_holds_cover_reports_minutes_evidence_and_index(proposal):
    archive = _zip(proposal_dossier_zip(proposal))
    names = archive.namelist()
    # <nn> is the number in the cover proposal's list (which orders by the name as stored).
    assert all(name.isascii() for name in names)
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
    assert set(names) == {
        "01-to-trinh.docx",
        "05-bao-cao-thanh-tich-02-do-minh-tam.docx",
        "05-bao-cao-thanh-tich-01-le-thi-hoa.docx",
        "bien-ban-hop-hoi-dong-01-binh-xet-nam-2024.docx",
        "minh-chung/02-do-minh-tam/quyet-dinh-khen-thuong.pdf",
        "minh-chung/02-do-minh-tam/quyet-dinh-khen-thuong-2.pdf",
        "minh-chung/02-do-minh-tam/anh.png",
        "minh-chung/01-le-thi-hoa/quyet-dinh-khen-thuong.pdf",
        "minh-chung/01-le-thi-hoa/quyet-dinh-khen-thuong-2.pdf",
        "minh-chung/01-le-thi-hoa/anh.png",
        INDEX,
    }
    cover = docx_text(archive.read("01-to-trinh.docx"))
    assert "TỜ TRÌNH" in cover and "12/TTr-SNV" in cover and "Đỗ Minh Tâm" in cover
    report = docx_text(archive.read("05-bao-cao-thanh-tich-01-le-thi-hoa.docx"))
    assert "- Họ và tên: Lê Thị Hoa" in report and "Sáng kiến T1" in report
    assert "Quyết định số 45/QĐ-T1 ngày 15/01/2024" in report
    minutes = docx_text(archive.read("bien-ban-hop-hoi-dong-01-binh-xet-nam-2024.docx"))
    assert "BIÊN BẢN" in minutes and "Phạm Văn Chủ" in minutes and "Lê Thị Hoa" in minutes
    assert archive.read("minh-chung/01-le-thi-hoa/anh.png") == PNG
    assert archive.read("minh-chung/02-do-minh-tam/quyet-dinh-khen-thuong-2.pdf") == PDF
    index = archive.read(INDEX).decode("utf-8-sig")
    assert index.startswith("DANH MỤC HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG")
    assert "Tờ trình số 12/TTr-SNV" in index and "Kính gửi: UBND tỉnh Khánh Hòa" in index
    assert "Bằng khen cấp bộ, ngành, tỉnh" in index
    for name in names:
        if name != INDEX:
            assert name in index, name
    assert "Báo cáo thành tích của Đỗ Minh Tâm" in index
    assert "Lê Thị Hoa, Đỗ Minh Tâm đạt" in index
    assert "“Quyết định khen thưởng.pdf” — Bản sao" in index


def test_dossier_lists_a_lost_evidence_file_instead_of_failing(proposal):
    exemplar = proposal.exemplars.get(subject_name="Lê Thị Hoa")
    lost = exemplar.evidence.get(original_name="Ảnh.png")
    os.remove(lost.file.path)
    archive = _zip(proposal_dossier_zip(proposal))
    assert "minh-chung/01-le-thi-hoa/anh.png" not in archive.namelist()
    assert "minh-chung/02-do-minh-tam/anh.png" in archive.namelist()
    index = archive.read(INDEX).decode("utf-8-sig")
    assert "minh-chung/01-le-thi-hoa/anh.png | Hình ảnh của Lê Thị Hoa" in index
    assert "KHÔNG CÒN TỆP TRÊN MÁY CHỦ" in index


def test_only_passed_candidates_of_closed_rounds_bring_minutes(tree, synthesis, proposal):
    for candidate in proposal.exemplars.first().candidacies.all():
        review_round = candidate.round
        type(review_round).objects.filter(pk=review_round.pk).update(status="open")
    names = _zip(proposal_dossier_zip(proposal)).namelist()
    assert not [name for name in names if name.startswith("bien-ban")]


def test_a_higher_councils_minutes_stay_out(tree, synthesis, proposal):
    exemplar = proposal.exemplars.first()
    council = Council.objects.create(unit=tree["parent"], name="Hội đồng tỉnh", valid_from=TODAY)
    higher = ReviewRound.objects.create(
        council=council, name="Bình xét cấp tỉnh", year=2024, level="province",
        status="closed", meeting_date=TODAY, created_by=synthesis, requires_vote=False,
    )  # fmt: skip
    Candidate.objects.create(
        round=higher, exemplar=exemplar, name=exemplar.subject_name, outcome=Outcome.PASS
    )
    names = _zip(proposal_dossier_zip(proposal)).namelist()
    assert [n for n in names if n.startswith("bien-ban")] == [
        "bien-ban-hop-hoi-dong-01-binh-xet-nam-2024.docx"
    ]


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_dossier_queries_do_not_grow_with_the_exemplars(tree, synthesis):
    # Rounds of the same size: the minutes cost queries per candidate of the round (reviews).
    names = ["Trần Văn Hai", "Lê Văn Ba", "Vũ Thị Bốn"]
    one = proposal_of(tree, synthesis, names, council_name="Hội đồng 1", sent=1)
    three = proposal_of(tree, synthesis, [f"{n} B" for n in names], council_name="Hội đồng 3")
    proposal_dossier_zip(one)  # warm the caches that fill once per process
    few = _queries(lambda: proposal_dossier_zip(one))
    many = _queries(lambda: proposal_dossier_zip(three))
    assert many == few, (few, many)
    assert many <= 40
    exemplars = list(three.exemplars.all())
    assert _queries(lambda: report_facts(exemplars)) <= 8


def test_dossier_view_downloads_for_both_ends_only(client, tree, synthesis, proposal):
    url = reverse("awards:proposal_dossier", args=[proposal.pk])
    for unit in (tree["own"], tree["parent"]):
        client.force_login(factories.user_with_role(Role.SYNTHESIS, unit))
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert 'filename="ho-so-de-nghi-12-ttr-snv.zip"' in response["Content-Disposition"]
        assert "01-to-trinh.docx" in _zip(response.content).namelist()
    for unit in (tree["outside"], tree["sibling"]):
        client.force_login(factories.user_with_role(Role.SYNTHESIS, unit))
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_achievement_report_view(client, tree, synthesis, proposal):
    exemplar = proposal.exemplars.get(subject_name="Đỗ Minh Tâm")
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    response = client.get(reverse("awards:achievement_report", args=[exemplar.pk, "docx"]))
    assert response.status_code == 200
    assert 'filename="bao-cao-thanh-tich-do-minh-tam.docx"' in response["Content-Disposition"]
    text = docx_text(response.content)
    # The award it was last proposed for names the report.
    assert "ĐỀ NGHỊ TẶNG “BẰNG KHEN CẤP BỘ, NGÀNH, TỈNH” NĂM 2024" in text
    assert "- Họ và tên: Đỗ Minh Tâm" in text
    assert (
        client.get(reverse("awards:achievement_report", args=[exemplar.pk, "odt"])).status_code
        == 404
    )
    for unit in (tree["outside"], tree["sibling"]):
        client.force_login(factories.user_with_role(Role.OFFICER, unit))
        url = reverse("awards:achievement_report", args=[exemplar.pk, "docx"])
        assert client.get(url).status_code == 404


def test_achievement_report_converts_to_pdf(client, tree, proposal, tmp_path):
    if soffice_path() is None:
        if os.environ.get("GUONGSANG_REQUIRE_E2E") == "1":
            pytest.fail("LibreOffice (soffice) is required but missing")
        pytest.skip("LibreOffice (soffice) is not installed: no PDF conversion")
    exemplar = proposal.exemplars.get(subject_name="Đỗ Minh Tâm")
    data = _report(exemplar, title=proposal.title)
    pdf = docx_to_pdf(data)
    assert pdf.startswith(b"%PDF")
    expected = ["Đỗ Minh Tâm", "BÁO CÁO THÀNH TÍCH", "Chiến sĩ thi đua cơ sở"]
    text = _pdf_text(pdf, tmp_path)
    if text is not None:
        for snippet in expected:
            assert snippet in text, snippet
    else:  # no pdftotext: the source holds the texts, and the PDF has pages
        assert all(s in docx_text(data) for s in expected)
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    response = client.get(reverse("awards:achievement_report", args=[exemplar.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
