"""The legal documents of the awards work, in Vietnamese whatever the UI language.

Each function returns DOCX bytes laid out by guongsang.common.documents (Decree 30/2020):
the decision, its annex list of recipients, the council's minutes and the cover proposal.
"""

from decimal import Decimal

from guongsang.awards.enums import DecisionKind
from guongsang.awards.models import Decision, Proposal
from guongsang.awards.selectors import unit_name_on
from guongsang.common.documents import (
    Heading,
    Issuer,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    docx_document,
    place_date,
)
from guongsang.orgs.models import Unit

LAW = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
DECREE = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của "
    "Luật Thi đua, khen thưởng;"
)
SUBJECT_VI = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}
ACT_VI = {
    DecisionKind.RECOGNITION: "Công nhận danh hiệu",
    DecisionKind.COMMENDATION: "Tặng",
    DecisionKind.AD_HOC: "Khen thưởng đột xuất:",
    DecisionKind.THEMATIC: "Khen thưởng chuyên đề:",
}
ROLE_VI = {
    "chair": "Chủ tịch Hội đồng",
    "vice_chair": "Phó Chủ tịch Hội đồng",
    "member": "Ủy viên",
    "secretary": "Thư ký",
}
BASE_VI = {"all_members": "tổng số thành viên Hội đồng", "votes_cast": "số phiếu bầu"}
OUTCOME_VI = {"pass": "Đạt", "fail": "Không đạt", "defer": "Hoãn xét", "pending": "Chưa xét"}
_PREFIXES = ("Ủy ban nhân dân tỉnh ", "Ủy ban nhân dân thành phố ", "UBND tỉnh ", "UBND thành phố ")


def vnd(amount) -> str:
    return f"{int(amount or 0):,}".replace(",", ".")


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "…/…/……"


def place_of(unit: Unit) -> str:
    """Where a unit signs: its province (or Hà Nội for central bodies)."""
    root = Unit.objects.get(path=unit.path[: Unit.steplen])
    for prefix in _PREFIXES:
        if root.name.startswith(prefix):
            return root.name[len(prefix) :]
    return "Hà Nội"


def issuer_of(unit: Unit, date, name: str = "") -> Issuer:
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    return Issuer(name=name or unit_name_on(unit, date), parent=unit_name_on(parent, date))


def _signature(title: str, name: str) -> Signature:
    lines = [line.strip() for line in (title or "").splitlines() if line.strip()]
    if len(lines) > 1:
        return Signature(on_behalf=lines[0], title=" ".join(lines[1:]), name=name)
    return Signature(title=lines[0] if lines else "", name=name)


def _subject(decision: Decision) -> str:
    return SUBJECT_VI[decision.title.subject_kind]


def _act(decision: Decision) -> str:
    kind = decision.corrects.kind if decision.kind == DecisionKind.CORRECTION else decision.kind
    return ACT_VI.get(kind, "Tặng")


def decision_title(decision: Decision) -> str:
    if decision.kind == DecisionKind.CORRECTION and decision.corrects_id:
        old = decision.corrects
        return f"Về việc đính chính Quyết định số {old.number} ngày {_date(old.date)}"
    act = _act(decision).rstrip(":").lower()
    return f"Về việc {act} “{decision.title.name}” năm {decision.year}"


def _articles(decision: Decision, recipients) -> list:
    count, subject = len(recipients), _subject(decision)
    first = (
        f"Điều 1. {_act(decision)} “{decision.title.name}” năm {decision.year} cho {count} "
        f"{subject} có thành tích xuất sắc (có danh sách kèm theo)."
    )
    if decision.kind == DecisionKind.CORRECTION and decision.corrects_id:
        first = (
            f"Điều 1. Đính chính Quyết định số {decision.corrects.number} ngày "
            f"{_date(decision.corrects.date)}: {decision.summary} Danh sách sau khi đính chính "
            f"gồm {count} {subject} (có danh sách kèm theo)."
        )
    articles = [Paragraph(first)]
    amount = recipients[0].amount if recipients else Decimal(0)
    if amount:
        multiple = decision.title.money_multiple or 0
        articles.append(
            Paragraph(
                f"Điều 2. Mỗi {subject} được thưởng {vnd(amount)} đồng (hệ số {multiple} "
                f"× mức lương cơ sở {vnd(decision.base_salary)} đồng), tổng cộng "
                f"{vnd(sum(r.amount for r in recipients))} đồng, chi từ Quỹ thi đua, khen "
                f"thưởng của {decision.authority_name}."
            )
        )
    n = len(articles) + 1
    articles.append(
        Paragraph(
            f"Điều {n}. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị "
            f"có liên quan và các {subject} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết "
            f"định này./."
        )
    )
    return articles


def _recipient_rows(recipients) -> list:
    rows = [[str(i), r.name, r.unit_name, vnd(r.amount)] for i, r in enumerate(recipients, start=1)]
    rows.append(["", "Tổng cộng", "", vnd(sum(r.amount for r in recipients))])
    return rows


def _annex_table(recipients) -> Table:
    return Table(
        headers=["STT", "Tên tập thể, cá nhân", "Đơn vị", "Số tiền (đồng)"],
        rows=_recipient_rows(recipients),
        widths_mm=(15, 67, 53, 30),
    )


def _annex_caption(decision: Decision) -> str:
    return (
        f"(Kèm theo Quyết định số {decision.number or '…'} ngày {_date(decision.date)} "
        f"của {decision.authority_name})"
    )


def decision_docx(decision: Decision) -> bytes:
    recipients = list(decision.recipients.all())
    body = [Heading(f"{decision.signer_title or 'Thủ trưởng'} {decision.authority_name}".upper())]
    body += [Paragraph(LAW), Paragraph(DECREE)]
    if decision.round_id:
        body.append(
            Paragraph(
                f"Căn cứ kết quả bình xét của {decision.round.council.name} "
                f"ngày {_date(decision.round.meeting_date)};"
            )
        )
    if decision.summary and decision.kind != DecisionKind.CORRECTION:
        body.append(Paragraph(decision.summary))
    body.append(Heading("QUYẾT ĐỊNH:"))
    body += _articles(decision, recipients)
    return docx_document(
        issuer=issuer_of(decision.authority, decision.date, decision.authority_name),
        number=decision.number or "      /QĐ-",
        place_date=place_date(place_of(decision.authority), decision.date),
        doc_type="Quyết định",
        title=decision_title(decision),
        body=body,
        signature=_signature(decision.signer_title, decision.signer_name),
        recipients=["Như Điều 3", "Lưu: VT, TĐKT"],
        annex=[
            PageBreak(),
            Heading("DANH SÁCH"),
            Heading(_annex_heading(decision)),
            Heading(_annex_caption(decision), italic=True),
            _annex_table(recipients),
        ],
    )


def _annex_heading(decision: Decision) -> str:
    return f"{_act(decision).rstrip(':')} “{decision.title.name}” năm {decision.year}"


def annex_docx(decision: Decision) -> bytes:
    recipients = list(decision.recipients.all())
    return docx_document(
        issuer=issuer_of(decision.authority, decision.date, decision.authority_name),
        number=decision.number or "      /QĐ-",
        place_date=place_date(place_of(decision.authority), decision.date),
        doc_type="Danh sách",
        title=_annex_heading(decision),
        body=[Heading(_annex_caption(decision), italic=True), _annex_table(recipients)],
    )


def minutes_docx(review_round) -> bytes:
    from guongsang.reviews.minutes import minutes_data

    data = minutes_data(review_round)
    council = review_round.council
    members = data["members"]
    chair = next((m["name"] for m in members if m["role"] == "chair"), "")
    body = [
        Paragraph(
            f"Ngày {_date(data['meeting_date'])}, {data['council']} ({data['unit']}) họp bình "
            f"xét “{data['title'] or data['round_name']}” năm {data['year']}."
        ),
        Paragraph(
            f"Thành phần: {data['present_count']}/{data['members_count']} thành viên có mặt "
            f"(yêu cầu tối thiểu {data['quorum_required']}); "
            f"{'đủ' if data['quorum_met'] else 'không đủ'} điều kiện tiến hành họp."
        ),
        Table(
            headers=["STT", "Họ và tên", "Chức danh trong Hội đồng", "Có mặt"],
            rows=[
                [
                    str(i),
                    m["name"],
                    ROLE_VI.get(m["role"], m["role"]),
                    "Có mặt" if m["present"] else "Vắng",
                ]
                for i, m in enumerate(members, start=1)
            ],  # fmt: skip
            widths_mm=(15, 62, 58, 30),
        ),
        Paragraph(
            f"Kết quả bỏ phiếu kín (tỷ lệ đạt: {data['threshold_percent']}% "
            f"{BASE_VI.get(data['threshold_base'], '')}):"
        ),
        Table(
            headers=["STT", "Tên tập thể, cá nhân", "Đơn vị", "Đồng ý", "Không đồng ý", "Kết quả"],
            rows=[
                [
                    str(i),
                    c["name"],
                    c["unit_name"],
                    str(c["agree"]),
                    str(c["disagree"]),
                    OUTCOME_VI.get(c["outcome"], c["outcome"]),
                ]
                for i, c in enumerate(data["candidates"], start=1)
            ],  # fmt: skip
            widths_mm=(15, 47, 45, 18, 20, 20),
        ),
    ]
    for opinion in data["written_opinions"]:
        choice = "đồng ý" if opinion["choice"] == "agree" else "không đồng ý"
        body.append(
            Paragraph(
                f"Ý kiến bằng văn bản của {opinion['member']}: {choice} đối với "
                f"{opinion['candidate']}. {opinion['note']}".strip()
            )
        )
    body.append(Paragraph("Biên bản được thông qua tại cuộc họp./."))
    return docx_document(
        issuer=Issuer(
            name=data["council"], parent=unit_name_on(council.unit, data["meeting_date"])
        ),
        number="      /BB-HĐTĐKT",
        place_date=place_date(place_of(council.unit), data["meeting_date"]),
        doc_type="Biên bản",
        title="Họp Hội đồng Thi đua – Khen thưởng",
        body=body,
        signature=Signature(title="Chủ tịch Hội đồng", name=chair),
        recipients=["Thành viên Hội đồng", "Lưu: VT, TĐKT"],
    )


def proposal_docx(proposal: Proposal) -> bytes:
    exemplars = list(proposal.exemplars.select_related("scope_unit").order_by("name_sort", "pk"))
    title = proposal.title.name if proposal.title_id else "khen thưởng"
    to_unit = unit_name_on(proposal.to_unit, proposal.date)
    from_unit = unit_name_on(proposal.from_unit, proposal.date)
    body = [
        Heading(f"Kính gửi: {to_unit}"),
        Paragraph(LAW),
        Paragraph(DECREE),
        *([Paragraph(proposal.summary)] if proposal.summary else []),
        Paragraph(
            f"{from_unit} trân trọng đề nghị {to_unit} xem xét, tặng “{title}” cho "
            f"{len(exemplars)} tập thể, cá nhân có thành tích xuất sắc (có danh sách kèm theo):"
        ),
        Table(
            headers=["STT", "Tên tập thể, cá nhân", "Đơn vị", "Năm"],
            rows=[
                [str(i), e.subject_name, e.scope_unit.name, str(e.year)]
                for i, e in enumerate(exemplars, start=1)
            ],
            widths_mm=(15, 72, 58, 20),
        ),
        Paragraph(f"Kính đề nghị {to_unit} xem xét, quyết định./."),
    ]
    return docx_document(
        issuer=issuer_of(proposal.from_unit, proposal.date),
        number=proposal.number or "      /TTr-",
        place_date=place_date(place_of(proposal.from_unit), proposal.date),
        doc_type="Tờ trình",
        title=f"Về việc đề nghị tặng “{title}”",
        body=body,
        signature=Signature(title="Thủ trưởng đơn vị", name=""),
        recipients=["Như trên", "Lưu: VT"],
    )
