from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "wijkkracht.mail"
    label = "mail"
    verbose_name = _("e-mail")
    default_auto_field = "django.db.models.BigAutoField"
