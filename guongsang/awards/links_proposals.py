"""Download links of a proposal's dossier, for its page and the API."""

from django.urls import reverse
from django.utils.translation import gettext as _

from guongsang.awards.exporters import FORMATS


def proposal_document_links(proposal, exemplars) -> list[dict]:
    """The cover proposal (form 01), the whole dossier, and each individual's report (form 05)."""
    links = [
        {
            "document": "to-trinh",
            "label": _("Cover proposal"),
            "format": fmt,
            "url": reverse("awards:proposal_document", args=[proposal.pk, fmt]),
        }
        for fmt in FORMATS
    ]
    links.append(
        {
            "document": "ho-so",
            "label": _("The whole dossier"),
            "format": "zip",
            "url": reverse("awards:proposal_dossier", args=[proposal.pk]),
        }
    )
    for exemplar in exemplars:
        if exemplar.person_id is None:
            continue
        label = _("Achievement report: %(name)s") % {"name": exemplar.subject_name}
        links.extend(
            {
                "document": "bao-cao-thanh-tich",
                "label": label,
                "format": fmt,
                "url": reverse("awards:achievement_report", args=[exemplar.pk, fmt]),
            }
            for fmt in FORMATS
        )
    return links
