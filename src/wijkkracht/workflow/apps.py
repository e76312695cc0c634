from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "wijkkracht.workflow"
    label = "workflow"
    verbose_name = _("werkstromen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app declares its transition maps in `<app>/workflows.py`; importing them registers them.
        autodiscover_modules("workflows")
