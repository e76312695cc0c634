from django.contrib import admin

from . import services
from .models import Council


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "centre")
    list_select_related = ("district", "centre")
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        services.council_save(council=obj, actor=request.user)
