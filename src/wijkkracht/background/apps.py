from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "wijkkracht.background"
    label = "background"
    verbose_name = _("achtergrondwerk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app declares its periodic jobs in `<app>/jobs.py`; importing them registers them (one registry).
        autodiscover_modules("jobs")
