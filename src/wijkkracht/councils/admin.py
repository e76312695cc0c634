from django.contrib import admin

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import Council
from .permissions import Action


@admin.register(Council)
class CouncilAdmin(PolicyModelAdmin):
    view_action = add_action = change_action = list_action = Action.MANAGE
    list_display = ("name", "district", "centre")
    list_select_related = ("district", "centre")
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        services.council_save(council=obj, actor=request.user)
