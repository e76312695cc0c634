"""Administrators keep the lists volunteers choose from (skills, interests, reasons for stopping) here,
through the services. Volunteers themselves hold residents' data and live on their own pages only."""

from django.contrib import admin

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import StopReason, Tag
from .permissions import Action


@admin.register(Tag)
class TagAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = list_action = Action.SETTINGS_MANAGE
    list_display = ("name", "kind", "active")
    list_filter = ("kind", "active")
    fields = ("kind", "name", "active")

    def save_model(self, request, obj, form, change):
        services.tag_save(tag=obj, actor=request.user)


@admin.register(StopReason)
class StopReasonAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = list_action = Action.SETTINGS_MANAGE
    list_display = ("name", "order", "active")
    fields = ("name", "order", "active")

    def save_model(self, request, obj, form, change):
        services.stop_reason_save(reason=obj, actor=request.user)
