from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .scope import scope_of

# Paths a staff user may reach before the second factor: the 2FA pages themselves, logout, language, static.
_OPEN_PREFIXES = ("/account/twee-stappen/", "/account/uitloggen/", "/account/taal/", "/i18n/", "/static/")


class TwoFactorRequiredMiddleware:
    """Staff roles must pass TOTP before anything else, when WIJKKRACHT_REQUIRE_STAFF_2FA is on.
    Must come after django_otp.middleware.OTPMiddleware (which adds user.is_verified)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.WIJKKRACHT_REQUIRE_STAFF_2FA
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
            and scope_of(user).is_staff_role
        ):
            next_url = request.get_full_path() if request.method == "GET" else "/"
            return redirect(reverse("accounts:otp_verify") + "?" + urlencode({"next": next_url}))
        return self.get_response(request)
