from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "guongsang.stories"
    verbose_name = _("Stories and the public portal's content")
