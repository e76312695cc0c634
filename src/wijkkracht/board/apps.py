from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "wijkkracht.board"
    label = "board"
    verbose_name = _("prikbord")
    default_auto_field = "django.db.models.BigAutoField"
