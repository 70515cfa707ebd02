"""The achievement report (báo cáo thành tích) of an exemplar, in Vietnamese, as DOCX.

Form 05 of the Decree 152/2025 annex for an individual, its counterpart for a collective
(the unit's features, tasks and results) and the individual layout adapted for a household.
Only what the records hold is printed: a field we do not keep is left as a dotted line for
the reporter to fill in by hand, never guessed.

`report_facts(exemplars)` fetches what the reports of many exemplars need beyond the rows
of `with_report_data(...)` in a few queries, so a whole proposal's dossier does
not cost queries per exemplar.
"""

import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from guongsang.awards.documents import place_of, vnd
from guongsang.common.documents import Issuer, Paragraph, Signature, Table, docx_document
from guongsang.common.documents import place_date as format_place_date
from guongsang.common.documents.layout import FONT
from guongsang.exemplars.models import Evidence
from guongsang.orgs.models import HouseholdMember, Membership, Unit
from guongsang.titles.enums import TitleKind
from guongsang.titles.models import TitleRecord

DOTS = "……………"
GENDER_VI = {"male": "Nam", "female": "Nữ", "other": "Khác"}
LEVEL_VI = {
    "unit": "Cơ sở",
    "sector": "Sở, ban, ngành",
    "province": "Tỉnh, bộ, ngành trung ương",
    "national": "Toàn quốc",
}
EVIDENCE_VI = {
    "document": "Tài liệu",
    "decision": "Quyết định, giấy chứng nhận",
    "photo": "Hình ảnh",
    "other": "Tài liệu khác",
}
HISTORY_HEADERS = ["Năm", "{label}", "Số, ngày, tháng, năm của quyết định", "Cơ quan ban hành"]
HISTORY_WIDTHS = (18, 55, 52, 40)


@dataclass
class Facts:
    """What the reports of a batch of exemplars need besides the exemplar rows themselves."""

    records: dict = field(default_factory=lambda: defaultdict(list))  # (kind, id) → records
    heads: dict = field(default_factory=dict)  # unit id → the head's open Membership
    sizes: dict = field(default_factory=dict)  # household id → its members on record
    places: dict = field(default_factory=dict)  # scope unit id → (Issuer, place name)


def with_report_data(exemplars: QuerySet) -> QuerySet:
    """The exemplars with the subject, movement, initiatives and evidence the report prints."""
    return exemplars.select_related(
        "scope_unit", "person", "unit", "household__head", "household__locality", "movement"
    ).prefetch_related(
        "initiatives", Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "pk"))
    )


def report_facts(exemplars) -> Facts:
    """Title history, heads, household sizes and issuers of many exemplars, in a few queries."""
    facts = Facts()
    people = {e.person_id for e in exemplars if e.person_id}
    units = {e.unit_id for e in exemplars if e.unit_id}
    households = {e.household_id for e in exemplars if e.household_id}
    if people or units or households:
        records = TitleRecord.objects.filter(
            Q(person_id__in=people) | Q(unit_id__in=units) | Q(household_id__in=households)
        ).select_related("title")
        for record in records.order_by("year", "-title__rank", "pk"):
            facts.records[_key(record)].append(record)
    if units:
        heads = Membership.objects.filter(unit_id__in=units, is_head=True, end__isnull=True)
        for membership in heads.select_related("person").order_by("start", "pk"):
            facts.heads[membership.unit_id] = membership  # the latest appointed wins
    if households:
        counts = HouseholdMember.objects.filter(household_id__in=households)
        for row in counts.values("household_id").annotate(n=Count("pk")):
            facts.sizes[row["household_id"]] = row["n"]
    facts.places = _places({e.scope_unit_id: e.scope_unit for e in exemplars}.values())
    return facts


def _key(record) -> tuple[str, int]:
    if record.person_id:
        return ("person", record.person_id)
    if record.unit_id:
        return ("unit", record.unit_id)
    return ("household", record.household_id)


def _places(units) -> dict:
    """Issuer (the unit under its parent) and place of each unit: one query for the parents,
    one per province for its name."""
    units = list(units)
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    parents = {u.path: u for u in Unit.objects.filter(path__in=parent_paths)}
    by_root, places = {}, {}
    for unit in units:
        root = unit.path[: Unit.steplen]
        if root not in by_root:
            by_root[root] = place_of(unit)
        parent = parents.get(unit.path[: -Unit.steplen])
        issuer = Issuer(name=unit.name, parent=parent.name if parent else "")
        places[unit.pk] = (issuer, by_root[root])
    return places


def proposed_title(exemplar):
    """The award the exemplar was last proposed for, or the title of its last review round."""
    from guongsang.reviews.models import Candidate

    proposal = (
        exemplar.proposals.filter(title__isnull=False)
        .select_related("title")
        .order_by(F("date").desc(nulls_last=True), "-pk")
        .first()
    )
    if proposal is not None:
        return proposal.title
    candidacy = (
        Candidate.objects.filter(exemplar=exemplar, round__title__isnull=False)
        .select_related("round__title")
        .order_by("-round__year", "-round_id")
        .first()
    )
    return candidacy.round.title if candidacy else None


def report_heading(title, year: int) -> str:
    if title is None:
        return f"ĐỀ NGHỊ KHEN THƯỞNG NĂM {year}"
    verb = "CÔNG NHẬN DANH HIỆU" if title.kind != TitleKind.AWARD_FORM else "TẶNG"
    return f"ĐỀ NGHỊ {verb} “{title.name.upper()}” NĂM {year}"


def achievement_report_docx(
    exemplar, *, title=None, facts: Facts | None = None, date=None
) -> bytes:
    """Form 05 (individual), its collective counterpart, or the household adaptation.

    `title`: the award proposed (the proposal's, or `proposed_title`); `facts`: shared by a
    batch (see `report_facts`); `date`: the report's date, left blank for the signer to write.
    """
    facts = facts or report_facts([exemplar])
    kind = exemplar.subject_kind
    profile, duties, signer = {
        "individual": _individual,
        "collective": _collective,
        "household": _household,
    }[kind](exemplar, facts)
    body = [
        *profile,
        _section("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        *duties,
        *_achievements(exemplar),
        *_initiatives(exemplar),
        *_evidence(exemplar),
        _section("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        *_history(facts.records.get(_subject_key(exemplar), [])),
    ]
    issuer, place = facts.places[exemplar.scope_unit_id]
    data = docx_document(
        issuer=issuer,
        number="      /BC-",
        place_date=format_place_date(place, date),
        doc_type="Báo cáo thành tích",
        title=report_heading(title, exemplar.year),
        body=body,
        signature=signer,
    )
    return _finish(data, kind=kind)


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else DOTS


def _subject_key(exemplar) -> tuple[str, int]:
    if exemplar.person_id:
        return ("person", exemplar.person_id)
    if exemplar.unit_id:
        return ("unit", exemplar.unit_id)
    return ("household", exemplar.household_id)


def _section(text: str) -> Paragraph:
    return Paragraph(text, bold=True, indent=False)


def _line(label: str, value) -> Paragraph:
    return Paragraph(f"- {label}: {value or DOTS}")


def _individual(exemplar, facts: Facts):
    person = exemplar.person
    profile = [
        _section("I. SƠ LƯỢC LÝ LỊCH"),
        _line("Họ và tên", person.full_name),
        _line("Giới tính", GENDER_VI.get(person.gender)),
        _line("Sinh ngày, tháng, năm", _date(person.birth_date)),
        _line("Quê quán", ""),
        _line("Nơi thường trú", ""),
        _line("Đơn vị công tác", exemplar.unit_name or exemplar.scope_unit.name),
        _line("Chức vụ (Đảng, chính quyền, đoàn thể)", person.position),
        _line("Trình độ chuyên môn, nghiệp vụ", ""),
        _line("Học hàm, học vị, danh hiệu, giải thưởng", ""),
    ]
    task = (
        f"{person.position} tại {exemplar.unit_name or exemplar.scope_unit.name}."
        if person.position
        else DOTS
    )
    duties = [
        Paragraph("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", bold=True),
        Paragraph(task),
    ]
    return profile, duties, Signature(title="Người báo cáo thành tích", name=person.full_name)


def _collective(exemplar, facts: Facts):
    unit = exemplar.unit
    issuer, _place = facts.places[exemplar.scope_unit_id]
    head = facts.heads.get(unit.pk)
    head_text = (
        f"{head.person.full_name}, {head.position}" if head and head.position
        else head.person.full_name if head else ""
    )  # fmt: skip
    profile = [
        _section("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        Paragraph("1. Đặc điểm, tình hình:", bold=True),
        _line("Tên đơn vị", exemplar.subject_name or unit.name),
        _line("Đơn vị cấp trên trực tiếp", issuer.parent),
        _line("Địa chỉ trụ sở", unit.address),
        _line("Thủ trưởng đơn vị", head_text),
        # People on record are not the whole staff: the head count is the reporter's to give.
        _line("Số cán bộ, công chức, viên chức, người lao động", ""),
        _line("Quá trình thành lập, cơ cấu tổ chức, cơ sở vật chất", ""),
        Paragraph("2. Chức năng, nhiệm vụ:", bold=True),
        Paragraph(DOTS),
    ]
    duties = [
        Paragraph("1. Kết quả thực hiện chức năng, nhiệm vụ được giao:", bold=True),
        Paragraph(DOTS),
    ]
    signer = Signature(title="Thủ trưởng đơn vị", name=head.person.full_name if head else "")
    return profile, duties, signer


def _household(exemplar, facts: Facts):
    household = exemplar.household
    head = household.head
    size = facts.sizes.get(household.pk)
    income = f"{vnd(household.annual_income)} đồng" if household.annual_income else ""
    profile = [
        _section("I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH"),
        _line("Tên hộ gia đình", household.name),
        _line("Chủ hộ", head.full_name),
        _line("Giới tính chủ hộ", GENDER_VI.get(head.gender)),
        _line("Năm sinh chủ hộ", str(head.birth_date.year) if head.birth_date else ""),
        _line("Địa chỉ", household.address),
        _line("Xã, phường, đặc khu", household.locality.name),
        _line("Số nhân khẩu", str(size) if size else ""),
        _line("Thu nhập của hộ trong năm", income),
    ]
    duties = [
        Paragraph("1. Điều kiện, hoàn cảnh của hộ gia đình:", bold=True),
        Paragraph(DOTS),
    ]
    return profile, duties, Signature(title="Chủ hộ", name=head.full_name)


def _achievements(exemplar) -> list:
    blocks = [Paragraph("2. Thành tích đạt được:", bold=True)]
    summary = [line.strip() for line in (exemplar.summary or "").splitlines() if line.strip()]
    blocks += [Paragraph(line) for line in summary]
    if exemplar.aspects:
        blocks.append(Paragraph(f"Điển hình tiêu biểu trên các mặt: {exemplar.aspects}."))
    if exemplar.movement_id:
        blocks.append(Paragraph(f"Tham gia phong trào thi đua “{exemplar.movement.name}”."))
    achievements = sorted(exemplar.key_achievements or [], key=lambda item: item.get("year", 0))
    if achievements:
        blocks.append(Paragraph("Những thành tích tiêu biểu:"))
        blocks += [Paragraph(f"- Năm {a.get('year')}: {a.get('text')}") for a in achievements]
    if len(blocks) == 1:
        blocks.append(Paragraph(DOTS))
    return blocks


def _initiatives(exemplar) -> list:
    blocks = [Paragraph("3. Sáng kiến, giải pháp, đề tài nghiên cứu:", bold=True)]
    initiatives = sorted(exemplar.initiatives.all(), key=lambda i: (i.year, i.pk))
    if not initiatives:
        return [*blocks, Paragraph(DOTS)]
    rows = [
        [
            str(i),
            f"{item.title}. {item.description}".strip() if item.description else item.title,
            str(item.year),
            LEVEL_VI.get(item.effect_level, item.effect_level),
            item.recognition or DOTS,
        ]
        for i, item in enumerate(initiatives, start=1)
    ]
    headers = ["STT", "Tên sáng kiến, giải pháp", "Năm", "Phạm vi ảnh hưởng", "Công nhận"]
    return [*blocks, Table(headers=headers, rows=rows, widths_mm=(14, 66, 17, 33, 35))]


def _evidence(exemplar) -> list:
    blocks = [Paragraph("4. Tài liệu minh chứng kèm theo:", bold=True)]
    files = list(exemplar.evidence.all())
    if not files:
        return [*blocks, Paragraph(DOTS)]
    for item in files:
        kind = EVIDENCE_VI.get(item.kind, "Tài liệu")
        note = f": {item.description}" if item.description else ""
        blocks.append(Paragraph(f"- {kind} “{item.original_name}”{note}."))
    return blocks


def _history(records) -> list:
    titles = [r for r in records if r.title.kind != TitleKind.AWARD_FORM]
    awards = [r for r in records if r.title.kind == TitleKind.AWARD_FORM]
    return [
        Paragraph("1. Danh hiệu thi đua:", bold=True),
        _history_table(titles, "Danh hiệu thi đua"),
        Paragraph("2. Hình thức khen thưởng:", bold=True),
        _history_table(awards, "Hình thức khen thưởng"),
    ]


def _history_table(records, label: str) -> Table:
    rows = [
        [
            str(r.year),
            r.title.name,
            f"Quyết định số {r.decision_number} ngày {_date(r.decision_date)}"
            if r.decision_number
            else DOTS,
            r.issuer or DOTS,
        ]
        for r in records
    ] or [[DOTS, DOTS, DOTS, DOTS]]
    headers = [h.format(label=label) for h in HISTORY_HEADERS]
    return Table(headers=headers, rows=rows, widths_mm=HISTORY_WIDTHS)


# Who confirms the report, on the left of the foot, where a letter has its recipients.
CONFIRMATION = {
    "individual": (
        "Thủ trưởng đơn vị xác nhận, đề nghị",
        "(Ký, đóng dấu)",
        "(Ký, ghi rõ họ và tên)",
    ),
    "collective": (
        "Thủ trưởng đơn vị cấp trên trực tiếp nhận xét, xác nhận",
        "(Ký, đóng dấu)",
        "(Ký, đóng dấu)",
    ),
    "household": (
        "Xác nhận của Ủy ban nhân dân cấp xã",
        "(Ký, đóng dấu)",
        "(Ký, ghi rõ họ và tên)",
    ),
}


def _finish(data: bytes, *, kind: str) -> bytes:
    """A report is no letter: the confirming head signs where the recipients would stand,
    and only a collective's report carries a number (a person's report is their own)."""
    document = Document(io.BytesIO(data))
    header, foot = document.tables[0], document.tables[-1]
    if kind != "collective":
        for run in header.rows[1].cells[0].paragraphs[0].runs:
            run.text = ""
    confirmation, stamp, sign_hint = CONFIRMATION[kind]
    left, right = foot.rows[0].cells
    for paragraph in left.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    first = left.paragraphs[0]
    for run in first.runs:
        run._element.getparent().remove(run._element)
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(first, confirmation.upper(), bold=True)
    hint = left.add_paragraph()
    hint.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(hint, stamp, italic=True)
    blank = right.paragraphs[1]  # the first of the blank lines left for the signature
    blank.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(blank, sign_hint, italic=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _run(paragraph, text: str, *, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run
