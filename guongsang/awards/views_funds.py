"""PLACEHOLDER: replaced by the real views."""

from django.http import Http404


def fund_create(request, *args, **kwargs):
    raise Http404


def fund_detail(request, *args, **kwargs):
    raise Http404


def fund_entry_add(request, *args, **kwargs):
    raise Http404
