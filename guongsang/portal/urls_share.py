"""Sharing and open data, mounted at the site root (addresses kept in Vietnamese like the
rest of the portal). The /cong-thong-tin/… addresses here sit beside the portal's pages."""

from django.urls import path, re_path

from guongsang.portal import feeds, views_share, views_widget
from guongsang.portal.opendata import DATASETS

app_name = "portal_share"

_DATASET = "(?P<dataset>" + "|".join(DATASETS) + ")"

urlpatterns = [
    path("robots.txt", views_share.robots_txt, name="robots"),
    path("sitemap.xml", views_share.sitemap_xml, name="sitemap"),
    path("sitemap-<slug:section>.xml", views_share.sitemap_section, name="sitemap_section"),
    re_path(
        r"^qr/(?P<kind>[gbs])/(?P<code>[0-9a-z]{1,12})\.(?P<extension>svg|png)$",
        views_share.qr_code,
        name="qr",
    ),
    # Feeds of stories, site-wide and per section.
    path("cong-thong-tin/rss/", feeds.LatestStoriesFeed(), name="feed_rss"),
    path("cong-thong-tin/atom/", feeds.LatestStoriesAtom(), name="feed_atom"),
    path(
        "cong-thong-tin/chuyen-muc/<slug:slug>/rss/",
        feeds.SectionStoriesFeed(),
        name="section_feed_rss",
    ),
    path(
        "cong-thong-tin/chuyen-muc/<slug:slug>/atom/",
        feeds.SectionStoriesAtom(),
        name="section_feed_atom",
    ),
    # The events calendar.
    path("cong-thong-tin/su-kien.ics", views_share.events_ics, name="events_ics"),
    path("cong-thong-tin/su-kien/<int:pk>.ics", views_share.event_ics, name="event_ics"),
    # The embeddable widget.
    path("nhung/guong-sang.js", views_widget.widget_script, name="widget_script"),
    path("nhung/<int:unit_id>/", views_widget.widget_frame, name="widget_frame"),
    path("cong-thong-tin/nhung/", views_widget.widget_builder, name="widget_builder"),
    # Open data.
    path("du-lieu-mo/", views_share.opendata_index, name="opendata"),
    re_path(rf"^du-lieu-mo/{_DATASET}\.json$", views_share.opendata_json, name="opendata_json"),
    re_path(rf"^du-lieu-mo/{_DATASET}\.csv$", views_share.opendata_csv, name="opendata_csv"),
]
