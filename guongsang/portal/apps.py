from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal: pages, search, sharing, feeds and open data. It owns no tables."""

    name = "guongsang.portal"
    verbose_name = _("Public portal")
