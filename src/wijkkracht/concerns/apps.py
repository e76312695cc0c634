from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "wijkkracht.concerns"
    label = "concerns"
    verbose_name = _("zorgsignalen")
    default_auto_field = "django.db.models.BigAutoField"
