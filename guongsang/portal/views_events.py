"""The public events calendar: upcoming and past public events by month, and an event's page."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from guongsang.portal import selectors_pages
from guongsang.portal.page_cache import cached_public_page
from guongsang.portal.sharing import PageMeta, plain_excerpt, short_path, slug_of
from guongsang.portal.views import capped_page

UPCOMING_SHOWN = 50
PAST_PAGE_SIZE = 30


@require_safe
@cached_public_page
def event_list(request):
    upcoming = list(selectors_pages.upcoming_events()[:UPCOMING_SHOWN])
    past = capped_page(request, selectors_pages.past_events(), PAST_PAGE_SIZE)
    meta = PageMeta(
        title=_("Events"),
        description=_(
            "Honouring conferences, exemplar congresses, experience exchanges and study visits."
        ),
        path=reverse("portal:event_list"),
    )
    context = {"upcoming": upcoming, "page_obj": past, "meta": meta}
    return render(request, "portal/event_list.html", context)


@require_safe
@cached_public_page
def event_detail(request, pk, slug=None):
    event = selectors_pages.event(pk)
    if event is None:
        raise Http404
    canonical = slug_of(event.title)
    if slug is not None and slug != canonical:
        return redirect("portal:event_detail", pk=pk, slug=canonical, permanent=True)
    meta = PageMeta(
        title=event.title,
        description=plain_excerpt(event.description),
        path=reverse("portal:event_detail", kwargs={"pk": event.pk, "slug": canonical}),
        short=short_path("event", event.pk),
    )
    context = {"event": event, "page": selectors_pages.event_page(event), "meta": meta}
    return render(request, "portal/event_detail.html", context)
