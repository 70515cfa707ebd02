"""The embeddable widget: one <script> snippet another agency pastes into its site.

/nhung/guong-sang.js inserts a sandboxed, lazy <iframe> pointing at /nhung/<unit>/, a tiny
self-contained page (no cookies, inline CSS, no scripts) listing the public profiles and
stories of the unit's subtree. Only that page may be framed by other sites; every other page
keeps the site's X-Frame-Options.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from guongsang.orgs.models import Unit
from guongsang.portal import selectors_share
from guongsang.portal.forms_share import LIMIT_DEFAULT, WidgetForm, clamp_limit
from guongsang.portal.sharing import PageMeta, canonical_path

FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox"
FRAME_HEIGHT = 420


def _origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def snippet(*, origin: str, unit_id: int, limit: int = LIMIT_DEFAULT) -> str:
    script = reverse("portal_share:widget_script")
    return (
        f'<script src="{origin}{script}" data-unit="{int(unit_id)}" '
        f'data-limit="{int(limit)}" async></script>'
    )


@require_GET
@cache_control(public=True, max_age=3600)
def widget_script(request):
    # Rendered without the request: no context processor, no session, no cookie.
    body = render_to_string(
        "portal/widget/guong-sang.js",
        {
            "frame_path": reverse("portal_share:widget_frame", kwargs={"unit_id": 0}),
            "sandbox": FRAME_SANDBOX,
            "height": FRAME_HEIGHT,
        },
    )
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")


@require_GET
@xframe_options_exempt
@cache_control(public=True, max_age=300)
def widget_frame(request, unit_id):
    unit = get_object_or_404(Unit, pk=unit_id)
    limit = clamp_limit(request.GET.get("limit"))
    language = "en" if request.GET.get("lang") == "en" else settings.LANGUAGE_CODE
    origin = _origin(request)
    profiles = selectors_share.unit_public_profiles(unit=unit, limit=limit)
    stories = selectors_share.unit_public_stories(unit=unit, limit=limit)
    context = {
        "unit": unit,
        "language": language,
        "home_url": origin + reverse("portal:home"),
        "profiles": [(p, origin + canonical_path("profile", p)) for p in profiles],
        "stories": [(s, origin + canonical_path("story", s)) for s in stories],
    }
    with translation.override(language):
        body = render_to_string("portal/widget/frame.html", context)
    return HttpResponse(body)


@require_GET
def widget_builder(request):
    """The public page that writes the snippet for a chosen unit (a copy-paste box)."""
    form = WidgetForm(request.GET or None)
    units, unit, code = [], None, ""
    limit = LIMIT_DEFAULT
    if form.is_valid():
        units = selectors_share.units_for_widget(query=form.cleaned_data["q"])
        unit = form.cleaned_data["unit"]
        limit = form.cleaned_data["limit"] or LIMIT_DEFAULT
        if unit is not None:
            code = snippet(origin=_origin(request), unit_id=unit.pk, limit=limit)
    context = {
        "form": form,
        "units": units,
        "unit": unit,
        "limit": limit,
        "snippet": code,
        "sandbox": FRAME_SANDBOX,
        "height": FRAME_HEIGHT,
        "meta": PageMeta(
            title=_("Embed exemplars on your website"),
            description=_("One line of code shows a unit's exemplars and stories on any website."),
            path=reverse("portal_share:widget_builder"),
        ),
    }
    return render(request, "portal/share/embed.html", context)
