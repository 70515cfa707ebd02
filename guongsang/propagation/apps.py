from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropagationConfig(AppConfig):
    name = "guongsang.propagation"
    verbose_name = _("Propagation, events and replication")

    def ready(self):
        from django.db.backends.signals import connection_created

        from guongsang.propagation.search import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="guongsang_fold")
