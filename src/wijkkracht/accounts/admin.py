from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership, User
from .services import membership_grant, second_factor_reset


class MembershipInline(admin.TabularInline):
    """Read-only overview; roles are granted in the Membership admin, which goes through the services."""

    model = Membership
    extra = 0
    fields = ("role", "council", "organisation", "municipality", "centre", "district", "starts_on", "ends_on")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "display_name", "preferred_language", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff")
    search_fields = ("email", "display_name")
    ordering = ("email",)
    readonly_fields = ("public_id", "last_login", "date_joined")
    # The password hash is never shown or edited here: users reset their password by e-mail.
    fieldsets = (
        (None, {"fields": ("public_id", "email", "display_name", "preferred_language")}),
        (_("Toegang"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "role",
        "council",
        "organisation",
        "municipality",
        "centre",
        "district",
        "starts_on",
        "ends_on",
    )
    list_filter = ("role",)
    search_fields = ("user__email",)
    list_select_related = ("user", "council", "organisation", "municipality", "centre", "district")
    raw_id_fields = ("user",)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        granted = membership_grant(
            user=obj.user,
            role=obj.role,
            council=obj.council,
            organisation=obj.organisation,
            municipality=obj.municipality,
            centre=obj.centre,
            district=obj.district,
            starts_on=obj.starts_on,
            actor=request.user,
        )
        obj.pk = granted.pk


# Authenticator apps: django-otp's own admin shows each secret key and QR code to every administrator. Ours shows
# who has one and lets an administrator remove it (both phone and recovery codes lost), never the key.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        second_factor_reset(user=obj.user, actor=request.user)

    def delete_queryset(self, request, queryset):
        for user in {device.user for device in queryset.select_related("user")}:
            second_factor_reset(user=user, actor=request.user)
