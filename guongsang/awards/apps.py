from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "guongsang.awards"
    verbose_name = _("Decisions and awards")

    def ready(self):
        from guongsang.awards import rules  # noqa: F401  (the decision permissions)
