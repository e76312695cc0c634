from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    default = True
    name = "wijkkracht.ui"
    label = "ui"
    verbose_name = _("weergave")


class WijkkrachtAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "wijkkracht.ui.admin_site.WijkkrachtAdminSite"
