from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TitlesConfig(AppConfig):
    name = "guongsang.titles"
    verbose_name = _("Titles and awards")
