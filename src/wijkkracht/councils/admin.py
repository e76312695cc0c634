"""The admin for councils asks the councils policy: administrators keep councils and the municipality's
settings; seats, plans and assignments are read-only here (they change on the councils' own pages, through
their workflows)."""

from django.contrib import admin

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import Assignment, Council, CouncilMember, CouncilSettings, Plan
from .permissions import Action


@admin.register(Council)
class CouncilAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = list_action = Action.MANAGE
    list_display = ("name", "district", "centre", "organisation")
    list_select_related = ("district", "centre", "organisation")
    search_fields = ("name",)
    fields = ("name", "district", "centre", "organisation", "purpose", "composition", "term_years")

    def save_model(self, request, obj, form, change):
        services.council_save(council=obj, actor=request.user)


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = Action.MANAGE
    list_display = ("municipality", "plan_approver")

    def save_model(self, request, obj, form, change):
        services.council_settings_save(settings=obj, actor=request.user)


@admin.register(CouncilMember)
class CouncilMemberAdmin(PolicyModelAdmin):
    view_action = Action.MANAGE
    list_display = ("council", "position", "status", "term_start", "term_end")
    list_filter = ("status", "position")
    list_select_related = ("council",)
    exclude = ("person",)


@admin.register(Plan)
class PlanAdmin(PolicyModelAdmin):
    view_action = list_action = Action.MANAGE
    list_display = ("council", "year", "status", "version")
    list_filter = ("status", "year")
    list_select_related = ("council",)


@admin.register(Assignment)
class AssignmentAdmin(PolicyModelAdmin):
    view_action = Action.MANAGE
    list_display = ("title", "council", "status", "due_on")
    list_filter = ("status",)
    list_select_related = ("council",)
