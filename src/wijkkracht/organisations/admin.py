from django.contrib import admin

from . import services
from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality")
    list_filter = ("kind",)
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj, actor=request.user)
