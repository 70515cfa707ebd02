"""Downloads of a proposal's dossier (one ZIP) and of an exemplar's achievement report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from guongsang.awards import exporters, selectors
from guongsang.awards.documents_reports import (
    achievement_report_docx,
    proposed_title,
    with_report_data,
)
from guongsang.awards.dossier import ascii_slug, dossier_filename, proposal_dossier_zip
from guongsang.common.errors import DomainError
from guongsang.exemplars.selectors import exemplars_visible_to


@login_required
@require_GET
def proposal_dossier(request, pk):
    proposal = selectors.proposals_visible_to(user=request.user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    response = HttpResponse(proposal_dossier_zip(proposal), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{dossier_filename(proposal)}"'
    return response


@login_required
@require_GET
def achievement_report(request, exemplar_pk, fmt):
    if fmt not in exporters.FORMATS:
        raise Http404
    # The same selector as the exemplar's own page: who cannot see it gets no report of it.
    exemplars = with_report_data(exemplars_visible_to(user=request.user))
    exemplar = exemplars.filter(pk=exemplar_pk).first()
    if exemplar is None:
        raise Http404
    data = achievement_report_docx(exemplar, title=proposed_title(exemplar))
    name = f"bao-cao-thanh-tich-{ascii_slug(exemplar.subject_name)}"
    try:
        return exporters.file_response(data, name=name, fmt=fmt)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
