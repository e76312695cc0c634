from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "wijkkracht.demo"
    verbose_name = _("demo")
    default_auto_field = "django.db.models.BigAutoField"
