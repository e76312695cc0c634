from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .admin_base import PolicyInline, PolicyModelAdmin
from .models import Membership, User
from .permissions import Action

# Roles are memberships; Django's groups and model permissions play no part (see accounts.policy).
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class MembershipInline(PolicyInline):
    """Read-only overview; roles are granted and ended in the Membership admin, through the services."""

    model = Membership
    view_action = Action.MEMBERSHIP_VIEW
    fields = ("role", "council", "organisation", "municipality", "centre", "district", "starts_on", "ends_on")
    readonly_fields = fields
    show_change_link = True


@admin.register(User)
class UserAdmin(PolicyModelAdmin):
    """Accounts are created by sign-up or invitation, never here; an account is switched off, never deleted.
    Roles are memberships (below), not Django's staff/superuser flags."""

    view_action = list_action = Action.USER_VIEW
    change_action = Action.USER_CHANGE
    list_display = ("email", "display_name", "preferred_language", "is_active", "date_joined")
    list_filter = ("is_active",)
    search_fields = ("email", "display_name")
    ordering = ("email",)
    readonly_fields = ("public_id", "last_login", "date_joined")
    # The password hash is never shown or edited here: users reset their password by e-mail.
    fieldsets = (
        (None, {"fields": ("public_id", "email", "display_name", "preferred_language")}),
        (_("Toegang"), {"fields": ("is_active",)}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        services.user_update(
            user=obj, actor=request.user, **{name: form.cleaned_data[name] for name in services.USER_ADMIN_FIELDS}
        )


@admin.register(Membership)
class MembershipAdmin(PolicyModelAdmin):
    """Granting a role and ending it go through the services (audited). A membership is ended, never deleted:
    the only change after granting is its end date."""

    view_action = list_action = Action.MEMBERSHIP_VIEW
    add_action = Action.MEMBERSHIP_GRANT
    change_action = Action.MEMBERSHIP_END
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
    actions = ["end_today"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "ends_on" in form.base_fields:
            # Changing a membership means ending it: the end date is required (a new role is a new grant).
            form.base_fields["ends_on"].required = True
        return form

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("user", "role", "council", "organisation", "municipality", "centre", "district", "starts_on")

    def save_model(self, request, obj, form, change):
        if change:
            if "ends_on" in form.changed_data:
                services.membership_end(membership=obj, ends_on=obj.ends_on, actor=request.user)
            return
        granted = services.membership_grant(
            user=obj.user,
            role=obj.role,
            council=obj.council,
            organisation=obj.organisation,
            municipality=obj.municipality,
            centre=obj.centre,
            district=obj.district,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            actor=request.user,
        )
        obj.pk = granted.pk

    @admin.action(description=_("Geselecteerde rollen vandaag beëindigen"), permissions=["change"])
    def end_today(self, request, queryset):
        ended = 0
        for membership in queryset:
            try:
                services.membership_end(membership=membership, actor=request.user)
            except ValidationError as error:
                self.message_user(request, f"{membership}: {' '.join(error.messages)}", messages.ERROR)
            else:
                ended += 1
        self.message_user(
            request, ngettext("%(n)d rol beëindigd.", "%(n)d rollen beëindigd.", ended) % {"n": ended}, messages.SUCCESS
        )


# Authenticator apps: django-otp's own admin shows each secret key and QR code to every administrator. Ours shows
# who has one and lets an administrator remove it (both phone and recovery codes lost), never the key.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(PolicyModelAdmin):
    view_action = delete_action = Action.SECOND_FACTOR_RESET
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__email",)
    list_select_related = ("user",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def delete_model(self, request, obj):
        services.second_factor_reset(user=obj.user, actor=request.user)

    def delete_queryset(self, request, queryset):
        for user in {device.user for device in queryset.select_related("user")}:
            services.second_factor_reset(user=user, actor=request.user)
