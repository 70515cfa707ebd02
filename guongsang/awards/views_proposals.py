"""PLACEHOLDER: replaced by the real views."""

from django.http import Http404


def proposal_list(request, *args, **kwargs):
    raise Http404


def proposal_inbox(request, *args, **kwargs):
    raise Http404


def proposal_create(request, *args, **kwargs):
    raise Http404


def proposal_detail(request, *args, **kwargs):
    raise Http404


def proposal_edit(request, *args, **kwargs):
    raise Http404


def proposal_send(request, *args, **kwargs):
    raise Http404


def proposal_accept(request, *args, **kwargs):
    raise Http404


def proposal_return(request, *args, **kwargs):
    raise Http404
