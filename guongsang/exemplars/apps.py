from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "guongsang.exemplars"
    verbose_name = _("Exemplars")

    def ready(self):
        from guongsang.exemplars import rules  # noqa: F401  (the exemplar permissions)

        # The eligibility engine's leader rule asks which units are recognised collectives;
        # the engine (plans) cannot import exemplars, so the answer is handed to it here.
        try:
            from guongsang.plans.engine.hooks import register_recognised_collectives
        except ImportError:
            return
        from guongsang.exemplars.selectors import recognised_collective_ids

        register_recognised_collectives(recognised_collective_ids)
