from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "wijkkracht.activities"
    label = "activities"
    verbose_name = _("activiteiten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Plan realisation: the councils' goals count activities and sessions through this app's counters.
        from . import realisation

        realisation.register()
