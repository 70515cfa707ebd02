"""Short addresses redirect (permanently) to the public page; unpublished content is 404."""

from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from guongsang.portal.sharing import DETAIL_URL_NAME, KIND_OF_PREFIX, published_pk


@require_GET
def short(request, kind, code):
    pk = published_pk(kind, code)
    if pk is None:
        raise Http404
    return redirect(DETAIL_URL_NAME[KIND_OF_PREFIX[kind]], pk=pk, permanent=True)
