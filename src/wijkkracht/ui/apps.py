from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPDefaultConfig


class UiConfig(AppConfig):
    default = True
    name = "wijkkracht.ui"
    label = "ui"
    verbose_name = _("weergave")


class WijkkrachtAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "wijkkracht.ui.admin_site.WijkkrachtAdminSite"


class TOTPConfig(TOTPDefaultConfig):
    """django-otp's TOTP app with names that can be translated (in INSTALLED_APPS instead of its own config).

    django-otp writes its model and field names as plain English strings that never pass through gettext, so
    the Dutch admin showed "TOTP devices". Here they are wrapped in gettext_lazy with the same English msgid
    (migrations read Meta.original_attrs and field arguments, which do not change); their Dutch lives in
    src/wijkkracht/locale/nl, beside the strings Django's own Dutch catalogue lacks."""

    default = False
    verbose_name = _("Inloggen in twee stappen")

    def ready(self):
        super().ready()
        opts = self.get_model("TOTPDevice")._meta
        opts.verbose_name = _lazy(opts.verbose_name)
        opts.verbose_name_plural = _lazy(opts.verbose_name_plural)
        for field in opts.fields:
            field.verbose_name = _lazy(field.verbose_name)
            if field.help_text:
                field.help_text = _lazy(field.help_text)


def _lazy(text):
    from django.utils.translation import gettext_lazy

    return gettext_lazy(str(text))
