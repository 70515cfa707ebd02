"""A proposal's whole dossier (hồ sơ đề nghị) as one ZIP: what the receiving unit needs.

01-to-trinh.docx                              the cover proposal (form 01)
05-bao-cao-thanh-tich-<nn>-<name>.docx        one achievement report per exemplar (form 05)
bien-ban-hop-hoi-dong-<nn>-<round>.docx       the minutes of the sender's closed rounds they passed
minh-chung/<nn>-<name>/<file>                 each exemplar's evidence files, as uploaded
danh-muc.txt                                  the table of contents, in Vietnamese

File names are ASCII (diacritics folded) so every unzip tool and mail filter takes them; <nn>
is the exemplar's number in the cover proposal's list.
"""

import io
import os
import re
import shutil
import zipfile
from collections import defaultdict

from guongsang.awards import documents
from guongsang.awards.documents_reports import (
    EVIDENCE_VI,
    achievement_report_docx,
    report_facts,
    with_report_data,
)
from guongsang.awards.models import Proposal
from guongsang.common.text import fold
from guongsang.reviews.enums import Outcome, RoundStatus
from guongsang.reviews.models import Candidate

COVER = "01-to-trinh.docx"
INDEX = "danh-muc.txt"
# The cover's order (documents.proposal_docx), so <nn> is the exemplar's number in its list.
COVER_ORDER = ("name_sort", "pk")  # the cover lists them in Vietnamese order
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
EOL = "\r\n"  # the index is read in Notepad as often as anywhere


def ascii_slug(text: str, *, limit: int = 60, default: str = "tep") -> str:
    """ "Đỗ Minh Tâm" -> "do-minh-tam", "12/TTr-SNV" -> "12-ttr-snv": folded, hyphenated."""
    return _NOT_ALNUM.sub("-", fold(text))[:limit].strip("-") or default


def ascii_filename(name: str) -> str:
    stem, extension = os.path.splitext(os.path.basename(name or ""))
    extension = _NOT_ALNUM.sub("", fold(extension))[:10]
    return f"{ascii_slug(stem)}.{extension}" if extension else ascii_slug(stem)


def dossier_filename(proposal: Proposal) -> str:
    return f"ho-so-de-nghi-{ascii_slug(proposal.number, default=str(proposal.pk))}.zip"


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "…/…/……"


def proposal_dossier_zip(proposal: Proposal) -> bytes:
    """The cover, the reports, the minutes, the evidence files and the index, zipped."""
    exemplars = list(with_report_data(proposal.exemplars.all()).order_by(*COVER_ORDER))
    facts = report_facts(exemplars)
    numbered = [(f"{n:02d}", exemplar) for n, exemplar in enumerate(exemplars, start=1)]
    entries: list[tuple[str, str]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(path: str, data: bytes, description: str) -> None:
            archive.writestr(path, data)
            entries.append((path, description))

        add(COVER, documents.proposal_docx(proposal), _cover_line(proposal))
        for nn, exemplar in numbered:
            add(
                f"05-bao-cao-thanh-tich-{nn}-{ascii_slug(exemplar.subject_name)}.docx",
                achievement_report_docx(exemplar, title=proposal.title, facts=facts),
                f"Báo cáo thành tích của {exemplar.subject_name} ({exemplar.unit_name})",
            )
        for n, (review_round, names) in enumerate(_passed_rounds(proposal, exemplars), start=1):
            add(
                f"bien-ban-hop-hoi-dong-{n:02d}-{ascii_slug(review_round.name)}.docx",
                documents.minutes_docx(review_round),
                f"Biên bản họp {review_round.council.name} ngày "
                f"{_day(review_round.meeting_date)} ({review_round.name}): "
                f"{', '.join(names)} đạt",
            )
        for nn, exemplar in numbered:
            entries += _add_evidence(
                archive, exemplar, f"minh-chung/{nn}-{ascii_slug(exemplar.subject_name)}"
            )
        archive.writestr(INDEX, _index(proposal, exemplars, entries).encode("utf-8-sig"))
    return buffer.getvalue()


def _cover_line(proposal: Proposal) -> str:
    return (
        f"Tờ trình số {proposal.number or '…'} ngày {_day(proposal.date)} của "
        f"{proposal.from_unit.name} (mẫu số 01)"
    )


def _passed_rounds(proposal: Proposal, exemplars) -> list:
    """The closed rounds of the sender's councils (at or under it) in which these exemplars
    passed, oldest first, with whom they passed. A higher council's minutes are not the
    sender's to pass on."""
    candidates = (
        Candidate.objects.filter(
            exemplar__in=[e.pk for e in exemplars],
            outcome=Outcome.PASS,
            round__status=RoundStatus.CLOSED,
            round__council__unit__path__startswith=proposal.from_unit.path,
        )
        .select_related("round__council")
        .order_by("round__meeting_date", "round_id", "name_sort")
    )
    rounds, names = {}, defaultdict(list)
    for candidate in candidates:
        rounds.setdefault(candidate.round_id, candidate.round)
        names[candidate.round_id].append(candidate.name)
    return [(review_round, names[pk]) for pk, review_round in rounds.items()]


def _add_evidence(archive: zipfile.ZipFile, exemplar, folder: str) -> list[tuple[str, str]]:
    """Copy each stored file into the archive; one no longer on the server is listed as such."""
    entries, used = [], set()
    for evidence in exemplar.evidence.all():
        name = ascii_filename(evidence.original_name)
        stem, extension = os.path.splitext(name)
        n = 1
        while name in used:
            n += 1
            name = f"{stem}-{n}{extension}"
        used.add(name)
        path = f"{folder}/{name}"
        kind = EVIDENCE_VI.get(evidence.kind, "Tài liệu")
        description = f"{kind} của {exemplar.subject_name}: “{evidence.original_name}”"
        if evidence.description:
            description += f" — {evidence.description}"
        try:
            source = evidence.file.open("rb")
        except (OSError, ValueError):  # gone from the storage, or never stored
            entries.append((path, f"{description} (KHÔNG CÒN TỆP TRÊN MÁY CHỦ, chưa kèm theo)"))
            continue
        with source, archive.open(path, "w") as target:
            shutil.copyfileobj(source, target, length=1024 * 1024)
        entries.append((path, description))
    return entries


def _index(proposal: Proposal, exemplars, entries) -> str:
    title = proposal.title.name if proposal.title_id else "khen thưởng"
    lines = [
        "DANH MỤC HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG",
        "",
        f"Tờ trình số {proposal.number or '…'} ngày {_day(proposal.date)}",
        f"Đơn vị đề nghị: {proposal.from_unit.name}",
        f"Kính gửi: {proposal.to_unit.name}",
        f"Đề nghị: “{title}”",
        f"Số tập thể, cá nhân, hộ gia đình được đề nghị: {len(exemplars)}",
        "",
        "STT | Tệp | Nội dung",
    ]
    lines += [f"{i}. {path} | {text}" for i, (path, text) in enumerate(entries, start=1)]
    lines += [f"{len(entries) + 1}. {INDEX} | Danh mục này", ""]
    return EOL.join(lines)
