"""Downloads of the awards documents (DOCX, PDF) and the annex as XLSX, shared by views and API."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guongsang.awards import documents
from guongsang.common.documents.pdf import PdfUnavailable, docx_to_pdf
from guongsang.common.errors import DomainError
from guongsang.common.xlsx import xlsx_response

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("docx", "pdf")
DECISION_DOCUMENTS = {"quyet-dinh": documents.decision_docx, "danh-sach": documents.annex_docx}


def file_response(data: bytes, *, name: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    if fmt == "pdf":
        try:
            data = docx_to_pdf(data)
        except PdfUnavailable as error:
            raise DomainError(_("The PDF cannot be made on this server: %(reason)s")
                              % {"reason": error}) from error  # fmt: skip
    content_type = "application/pdf" if fmt == "pdf" else DOCX_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "van-ban"}.{fmt}"'
    return response


def decision_document(decision, doc: str, fmt: str) -> HttpResponse:
    build = DECISION_DOCUMENTS.get(doc)
    if build is None:
        raise Http404
    return file_response(build(decision), name=f"{doc}-{decision.number or decision.pk}", fmt=fmt)


def minutes_document(review_round, fmt: str) -> HttpResponse:
    return file_response(
        documents.minutes_docx(review_round), name=f"bien-ban-{review_round.pk}", fmt=fmt
    )


def proposal_document(proposal, fmt: str) -> HttpResponse:
    name = f"to-trinh-{proposal.number or proposal.pk}"
    return file_response(documents.proposal_docx(proposal), name=name, fmt=fmt)


def annex_xlsx(decision) -> HttpResponse:
    headers = [_("No."), _("Name"), _("Unit"), _("Amount (VND)")]
    rows = [
        [i, r.name, r.unit_name, int(r.amount)]
        for i, r in enumerate(decision.recipients.order_by("pk"), start=1)
    ]
    name = slugify(f"danh-sach-{decision.number or decision.pk}") or "danh-sach"
    return xlsx_response(f"{name}.xlsx", _("Recipients"), headers, rows)


def document_links(decision) -> list[dict]:
    """Download URLs of a decision's documents, for its page and the API."""
    from django.urls import reverse

    links = []
    for doc, label in (("quyet-dinh", _("Decision")), ("danh-sach", _("Annex list"))):
        for fmt in FORMATS:
            url = reverse("awards:decision_document", args=[decision.pk, doc, fmt])
            links.append({"document": doc, "label": str(label), "format": fmt, "url": url})
    links.append({"document": "danh-sach", "label": str(_("Annex list")), "format": "xlsx",
                  "url": reverse("awards:decision_annex_xlsx", args=[decision.pk])})  # fmt: skip
    return links
