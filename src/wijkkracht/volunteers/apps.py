from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "wijkkracht.volunteers"
    label = "volunteers"
    verbose_name = _("vrijwilligers")
    default_auto_field = "django.db.models.BigAutoField"
