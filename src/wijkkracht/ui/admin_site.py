from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.permissions import Action as AccountAction
from wijkkracht.accounts.policy import can


class WijkkrachtAdminSite(admin.AdminSite):
    """The admin behind the platform's own login (with its second factor): no login page of its own;
    a logged-in user without admin rights gets 403, not a second login form. Who may enter is the policy's
    answer (accounts.Action.ADMIN_SITE_USE, the administrator role), not Django's is_staff."""

    site_header = _("Wijkkracht beheer")
    site_title = _("Wijkkracht beheer")

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return _copy_attrs(wrapper, inner)

    def has_permission(self, request) -> bool:
        return can(request.user, AccountAction.ADMIN_SITE_USE)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", "/beheer/"))


def _copy_attrs(wrapper, inner):
    for attr in ("csrf_exempt", "admin_site"):
        if hasattr(inner, attr):
            setattr(wrapper, attr, getattr(inner, attr))
    return wrapper
