from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import is_exempt, second_factor_step


class TwoFactorRequiredMiddleware:
    """Until the second step of login is passed, only views marked @second_factor_exempt answer; every other view
    sends the user to that step (see two_factor.py for who must pass it).
    Must come after django_otp.middleware.OTPMiddleware (which adds user.is_verified)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_exempt(view_func):
            return None
        step = second_factor_step(request.user)
        if step is None:
            return None
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else "/"
        return redirect(reverse(step) + "?" + urlencode({"next": next_url}))
