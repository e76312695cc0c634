from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site: health, backups, the public page cache, logs. Imports no other Wijkkracht app."""

    name = "wijkkracht.operations"
    verbose_name = _("Beheer van de installatie")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import pagecache

        connection_created.connect(pagecache.watch_writes, dispatch_uid="wijkkracht-pagecache-watch")
