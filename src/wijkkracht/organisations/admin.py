from django.contrib import admin

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import Organisation
from .permissions import Action


@admin.register(Organisation)
class OrganisationAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = list_action = Action.MANAGE
    list_display = ("name", "kind", "municipality")
    list_filter = ("kind",)
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj, actor=request.user)
