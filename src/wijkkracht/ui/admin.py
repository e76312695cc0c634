"""The audit trail in the admin: read-only for everyone, administrators see it (accounts.Action.AUDIT_TRAIL_VIEW).

Registered here, beside the admin site, because the audit app imports nothing from the other apps."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.admin_base import PolicyModelAdmin
from wijkkracht.accounts.permissions import Action
from wijkkracht.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(PolicyModelAdmin):
    view_action = Action.AUDIT_TRAIL_VIEW
    list_display = ("at", "event", "action", "object_type", "object_id", "actor")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "action")
    date_hierarchy = "at"
    list_select_related = ("actor",)
    readonly_fields = ("at", "event", "action", "actor", "object_type", "object_id", "detail")

    @admin.display(description=_("gebeurtenis"))
    def event(self, obj: AuditEvent) -> str:
        return obj.action_label
