"""Short, stable addresses for printed material and QR codes: /g/<code> (an exemplar's
profile), /b/<code> (a story), /s/<code> (an event); the code is the record's id in base 36."""

from django.urls import re_path

from guongsang.portal import views_short

app_name = "portal_short"

urlpatterns = [
    re_path(r"^(?P<kind>[gbs])/(?P<code>[0-9a-z]{1,12})$", views_short.short, name="short"),
]
