"""sitemap.xml: the portal's public pages with their last change, for search engines.

django.contrib.sitemaps is used for its classes (items, locations, pagination) and its index
view; the app itself need not be installed (the index template is under portal/share/, and
without django.contrib.sites the domain comes from the request). The <urlset> files are
written directly rather than through a template: one holds up to 50,000 addresses.
"""

import datetime
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from guongsang.portal import selectors_share
from guongsang.portal.sharing import Links
from guongsang.propagation.selectors import public_events
from guongsang.stories.selectors import public_profiles, public_stories

# At most this many addresses in one file (the sitemaps.org limit); beyond it sitemap.xml
# becomes an index of per-kind files, each paginated with ?p=.
URLS_PER_FILE = 50_000


class PortalSitemap(Sitemap):
    @property
    def limit(self):
        return URLS_PER_FILE

    @cached_property
    def paginator(self):
        # One paginator (one COUNT) per sitemap and request.
        return super().paginator


class PagesSitemap(PortalSitemap):
    """The portal's fixed pages."""

    changefreq = "daily"
    names = ("portal:home", "portal:browse", "portal:event_list", "portal_share:opendata")

    def items(self):
        return list(self.names)

    def location(self, item):
        return reverse(item)

    @cached_property
    def latest_story(self):
        return public_stories().aggregate(last=Max("published_at"))["last"]

    def lastmod(self, item):
        return self.latest_story if item == "portal:home" else None

    def get_latest_lastmod(self):
        return None


class SectionSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return selectors_share.sections_with_lastmod()

    def location(self, item):
        return reverse("portal:section_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.last_story

    def get_latest_lastmod(self):
        return (
            public_stories()
            .filter(section__isnull=False)
            .aggregate(last=Max("published_at"))["last"]
        )


class _PublishedSitemap(PortalSitemap):
    """Public records of one kind, by pk, dated by their last recorded change (their history)
    or their publication, whichever is later."""

    kind = ""
    date_fields: tuple[str, ...] = ("published_at",)
    slug_fields: tuple[str, ...] = ("title",)  # what the canonical slug is made of
    related: tuple[str, ...] = ()

    def queryset(self):
        raise NotImplementedError

    def _changes(self):
        return self.queryset().model.history

    def items(self):
        last_change = (
            self._changes()
            .filter(id=OuterRef("pk"))
            .order_by("-history_date")
            .values("history_date")
        )
        items = self.queryset().select_related(None)
        if self.related:
            items = items.select_related(*self.related)
        return (
            items.annotate(last_change=Subquery(last_change[:1]))
            .only("pk", *self.date_fields, *self.slug_fields)
            .order_by("pk")
        )

    @cached_property
    def links(self):
        return Links()

    def location(self, item):
        return self.links.canonical(self.kind, item)

    def lastmod(self, item):
        dates = [getattr(item, name) for name in (*self.date_fields, "last_change")]
        return max((date for date in dates if date), default=None)

    def get_latest_lastmod(self):
        public = self.queryset().values("pk")
        changed = self._changes().filter(id__in=public).aggregate(last=Max("history_date"))
        published = [self.queryset().aggregate(last=Max(name))["last"] for name in self.date_fields]
        return max((date for date in (changed["last"], *published) if date), default=None)


class ProfileSitemap(_PublishedSitemap):
    kind = "profile"
    slug_fields = ("exemplar__subject_name",)
    related = ("exemplar",)
    changefreq = "weekly"

    def queryset(self):
        return public_profiles()


class StorySitemap(_PublishedSitemap):
    kind = "story"
    slug_fields = ("slug", "title")
    changefreq = "weekly"

    def queryset(self):
        return public_stories()


class EventSitemap(_PublishedSitemap):
    kind = "event"
    changefreq = "weekly"
    date_fields = ()

    def queryset(self):
        return public_events()


SITEMAPS = {
    "trang": PagesSitemap,
    "chuyen-muc": SectionSitemap,
    "guong-dien-hinh": ProfileSitemap,
    "bai-viet": StorySitemap,
    "su-kien": EventSitemap,
}


def _w3c(moment) -> str:
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).isoformat(timespec="seconds")
    return moment.isoformat()


def urlset_xml(urls: list[dict]) -> str:
    """A sitemaps.org <urlset> of the urls Sitemap.get_urls() returns."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{_w3c(url['lastmod'])}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{url['changefreq']}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{url['priority']}</priority>")
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)
