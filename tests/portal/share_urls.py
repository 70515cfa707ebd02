"""The project's URLs, with stand-ins for the public page names not yet written.

The sharing tests reverse portal:home, portal:profile_detail … Real views are used for every
name guongsang/portal/urls.py defines; only missing names get a trivial stand-in view.
"""

from django.http import HttpResponse
from django.urls import URLResolver, get_resolver, include, path

from guongsang import urls as project
from guongsang.portal import urls as portal_urls

REQUIRED = [
    ("home", ""),
    ("section_detail", "chuyen-muc/<slug:slug>/"),
    ("browse", "dien-hinh/"),
    ("profile_detail", "dien-hinh/<int:pk>/"),
    ("profile_detail", "dien-hinh/<int:pk>/<slug:slug>/"),
    ("story_detail", "bai-viet/<int:pk>/"),
    ("story_detail", "bai-viet/<int:pk>/<slug:slug>/"),
    ("event_list", "su-kien/"),
    ("event_detail", "su-kien/<int:pk>/"),
    ("event_detail", "su-kien/<int:pk>/<slug:slug>/"),
    ("search", "tim-kiem/"),
]


def stand_in(request, **kwargs):
    return HttpResponse("stand-in public page")


_defined = {name for name in get_resolver(portal_urls).reverse_dict if isinstance(name, str)}
_missing = [path(route, stand_in, name=name) for name, route in REQUIRED if name not in _defined]
MISSING_NAMES = sorted({name for name, _route in REQUIRED if name not in _defined})


def _is_portal(pattern) -> bool:
    return isinstance(pattern, URLResolver) and pattern.namespace == "portal"


urlpatterns = [
    path("cong-thong-tin/", include((portal_urls.urlpatterns + _missing, "portal")))
    if _is_portal(pattern)
    else pattern
    for pattern in project.urlpatterns
]
