from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "guongsang.reviews"
    verbose_name = _("Councils and reviews")
