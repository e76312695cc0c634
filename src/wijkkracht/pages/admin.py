from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import SiteInformation
from .permissions import Action


@admin.register(SiteInformation)
class SiteInformationAdmin(PolicyModelAdmin):
    view_action = list_action = add_action = change_action = Action.SITE_INFORMATION_CHANGE
    list_display = ("municipality", "contact_phone", "statement_date", "updated_at")
    list_select_related = ("municipality",)
    fieldsets = (
        (None, {"fields": ("municipality",)}),
        (
            _("Contact: een mens bereiken"),
            {
                "fields": (
                    "contact_name",
                    "contact_phone",
                    "contact_phone_hours",
                    "contact_visit_hours",
                    "contact_email",
                    "contact_extra",
                )
            },
        ),
        (_("Privacyverklaring"), {"fields": ("controller_name", "privacy_email", "privacy_officer", "privacy_extra")}),
        (
            _("Toegankelijkheidsverklaring"),
            {
                "fields": (
                    "accessibility_status",
                    "accessibility_tested_on",
                    "accessibility_tested_by",
                    "accessibility_report_url",
                    "accessibility_known_issues",
                    "accessibility_email",
                )
            },
        ),
        (_("Colofon"), {"fields": ("operator_name", "operator_address", "colophon_extra", "statement_date")}),
    )

    def save_model(self, request, obj, form, change):
        services.site_information_save(info=obj, actor=request.user)
