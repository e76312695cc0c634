"""The Django admin asks the same policy as the rest of the platform.

Every ModelAdmin derives from `PolicyModelAdmin` and names the actions that decide its permissions; Django's
own `is_staff`, `is_superuser` and model permissions play no part. A model admin without an action for
add/change/delete refuses it. Writes go through the app's services: override `save_model`/`delete_model`
(`PolicyModelAdmin` refuses a delete unless the subclass implements `delete_model`)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from .policy import PolicyAction, can, visible_to


class PolicyModelAdmin(admin.ModelAdmin):
    # The action that lets a user see the list and the objects (None: nobody).
    view_action: PolicyAction | None = None
    # The list filter: visible_to(user, qs, list_action). Defaults to view_action when that has a filter.
    list_action: PolicyAction | None = None
    add_action: PolicyAction | None = None
    change_action: PolicyAction | None = None
    delete_action: PolicyAction | None = None

    def _may(self, request, action: PolicyAction | None, obj=None) -> bool:
        return action is not None and can(request.user, action, obj)

    def has_module_permission(self, request) -> bool:
        return self._may(request, self.view_action) or self._may(request, self.change_action)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may(request, self.view_action, obj) or self.has_change_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return self._may(request, self.add_action)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may(request, self.change_action, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may(request, self.delete_action, obj)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        action = self.list_action
        return visible_to(request.user, qs, action) if action is not None else qs

    def delete_queryset(self, request, queryset):
        # Bulk deletes bypass delete_model; go through it one by one so every delete is a service call.
        for obj in queryset:
            self.delete_model(request, obj)

    def delete_model(self, request, obj):
        raise PermissionDenied  # a subclass that allows deleting calls its service here


class PolicyInline(admin.TabularInline):
    """A read-only inline whose visibility follows the parent admin's view action."""

    view_action: PolicyAction | None = None
    can_delete = False
    extra = 0

    def has_view_permission(self, request, obj=None) -> bool:
        return self.view_action is not None and can(request.user, self.view_action, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
