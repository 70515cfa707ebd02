"""PLACEHOLDER: replaced by the real views."""

from django.http import Http404


def proposal_dossier(request, *args, **kwargs):
    raise Http404


def achievement_report(request, *args, **kwargs):
    raise Http404
