from django.contrib import admin

from .models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("__str__", "neighbourhood", "contact_preference", "consent_contact", "synthetic")
    list_filter = ("synthetic",)
    search_fields = ("first_name", "last_name")
    list_select_related = ("neighbourhood",)
    readonly_fields = ("public_id", "consent_given_at", "created_at")
    raw_id_fields = ("user",)
    fields = (
        "public_id",
        "user",
        "first_name",
        "last_name",
        "birth_year",
        "neighbourhood",
        "languages",
        "contact_preference",
        "phone",
        "consent_contact",
        "consent_given_at",
        "synthetic",
        "created_at",
    )
