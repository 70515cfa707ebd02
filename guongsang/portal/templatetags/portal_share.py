"""Sharing on public pages: {% share_box meta %} and {% feed_links %}.

{% load portal_share %}
{% share_box meta %}                    short address, QR code (an image of the QR endpoint,
                                        cached a day) and its SVG/PNG downloads
{% feed_links %} / {% feed_links section %}   RSS/Atom/ICS discovery links for <head>
"""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse

register = template.Library()


def _absolute(context, url: str) -> str:
    if not url.startswith("/"):
        return url
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.SITE_URL.rstrip("/") + url


@register.inclusion_tag("portal/share/_share_box.html", takes_context=True)
def share_box(context, meta):
    """The short address of a page with its QR code and downloads (meta: a PageMeta)."""
    box = {"request": context.get("request"), "meta": meta, "short_url": ""}
    if not meta or not meta.short:
        return box
    try:
        match = resolve(meta.short)
    except Resolver404:
        return box
    kind, code = match.kwargs.get("kind"), match.kwargs.get("code")
    if match.view_name != "portal_short:short" or not kind:
        return box
    box["short_url"] = _absolute(context, meta.short)
    box["svg_url"] = reverse("portal_share:qr", args=[kind, code, "svg"])
    box["png_url"] = reverse("portal_share:qr", args=[kind, code, "png"])
    return box


@register.inclusion_tag("portal/share/_feed_links.html")
def feed_links(section=None):
    return {"section": section}
