"""Sharing and open data, all public and read only: robots.txt, sitemap.xml, QR codes,
the events calendar (ICS) and open data (JSON and CSV)."""

import io

import segno
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, InvalidPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from guongsang.portal import feeds, opendata, sitemaps
from guongsang.portal.sharing import Links, PageMeta, published_pk, short_code
from guongsang.propagation.selectors import public_events

QR_PNG_SCALE = 10


def _origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /bien-tap/",
        "Disallow: /tuyen-truyen/",
        "Disallow: /dang-nhap/",
        "Disallow: /cong-thong-tin/tim-kiem/",
        "Allow: /",
        "",
        f"Sitemap: {_origin(request)}{reverse('portal_share:sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _urlset(request, maps) -> HttpResponse:
    site, page = RequestSite(request), request.GET.get("p", 1)
    urls = []
    try:
        for sitemap in maps:
            urls.extend(sitemap.get_urls(page=page, site=site, protocol=request.scheme))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    response = HttpResponse(sitemaps.urlset_xml(urls), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    latest = [getattr(sitemap, "latest_lastmod", None) for sitemap in maps]
    if latest and all(latest):
        response["Last-Modified"] = http_date(max(latest).timestamp())
    return response


@require_GET
def sitemap_xml(request):
    """One sitemap while the site fits in one file, else an index of per-kind files."""
    maps = {name: sitemap() for name, sitemap in sitemaps.SITEMAPS.items()}
    total = sum(sitemap.paginator.count for sitemap in maps.values())
    if total <= sitemaps.URLS_PER_FILE:
        return _urlset(request, list(maps.values()))
    return sitemap_views.index(
        request,
        maps,
        template_name="portal/share/sitemap_index.xml",
        sitemap_url_name="portal_share:sitemap_section",
    )


@require_GET
def sitemap_section(request, section):
    if section not in sitemaps.SITEMAPS:
        raise Http404
    return _urlset(request, [sitemaps.SITEMAPS[section]()])


@require_GET
@cache_control(public=True, max_age=86400)
def qr_code(request, kind, code, extension):
    """The QR code of a public page's short address, to print (SVG) or paste (PNG)."""
    pk = published_pk(kind, code)
    if pk is None:
        raise Http404
    short = reverse("portal_short:short", kwargs={"kind": kind, "code": short_code(pk)})
    qr = segno.make(request.build_absolute_uri(short), error="m")
    buffer = io.BytesIO()
    if extension == "svg":
        qr.save(buffer, kind="svg", scale=10, border=4, title=request.build_absolute_uri(short))
        content_type = "image/svg+xml"
    else:
        qr.save(buffer, kind="png", scale=QR_PNG_SCALE, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    filename = f"qr-{kind}-{short_code(pk)}.{extension}"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# The events calendar ------------------------------------------------------------------


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def events_ics(request):
    events = public_events().order_by("start", "pk")
    body = feeds.events_calendar(events, base=_origin(request), name=_("Gương Sáng — events"))
    return _calendar_response(body, "su-kien.ics")


@require_GET
def event_ics(request, pk):
    event = get_object_or_404(public_events(), pk=pk)
    body = feeds.events_calendar([event], base=_origin(request), name=event.title)
    return _calendar_response(body, f"su-kien-{pk}.ics")


# Open data ----------------------------------------------------------------------------


@require_GET
def opendata_index(request):
    meta = PageMeta(
        title=_("Open data"),
        description=_("The portal's public content as JSON and CSV, free to reuse."),
        path=reverse("portal_share:opendata"),
    )
    context = {"datasets": opendata.DATASETS.values(), "meta": meta}
    return render(request, "portal/share/opendata.html", context)


def _open(response):
    # Open data may be read by scripts on any site; it carries no cookies or private data.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def opendata_json(request, dataset):
    """One page of 1,000 records, with the address of the next page."""
    data = opendata.DATASETS[dataset]
    paginator = Paginator(data.records(), opendata.JSON_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404 from error
    links = Links(_origin(request))
    path = reverse("portal_share:opendata_json", kwargs={"dataset": dataset})

    def link(number):
        return f"{links.origin}{path}?page={number}"

    payload = {
        "dataset": data.slug,
        "title": str(data.title),
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [opendata.as_row(data, record, links) for record in page.object_list],
    }
    return _open(JsonResponse(payload, json_dumps_params={"ensure_ascii": False}))


@require_GET
def opendata_csv(request, dataset):
    data = opendata.DATASETS[dataset]
    response = StreamingHttpResponse(
        opendata.csv_lines(data, Links(_origin(request))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{data.slug}.csv"'
    return _open(response)
