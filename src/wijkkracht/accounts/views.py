import base64
import re
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from . import services
from .forms import LanguageForm, OTPTokenForm
from .scope import scope_of


def safe_next(request: HttpRequest, candidate: str | None, default: str | None = None) -> str:
    """`candidate` when it is a path or URL on this site, otherwise the default (the home page)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    """The LocaleMiddleware reads this cookie; Django has no session key for the language any more."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def is_verified(user) -> bool:
    # OTPMiddleware adds is_verified() per request; a user logged in during this request lacks it.
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def needs_second_factor(user) -> bool:
    return bool(
        settings.WIJKKRACHT_REQUIRE_STAFF_2FA
        and user.is_authenticated
        and not is_verified(user)
        and scope_of(user).is_staff_role
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # logs in; the redirect target is a safe `next` or the home page
        user = self.request.user
        if needs_second_factor(user):
            step = "accounts:otp_verify" if services.user_has_totp_device(user) else "accounts:otp_setup"
            response = HttpResponseRedirect(reverse(step) + "?" + urlencode({"next": response.url}))
        return set_language_cookie(response, user.preferred_language)


def _next_of(request) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    """Second step of login: the 6-digit code from the user's authenticator app."""
    next_url = _next_of(request)
    if is_verified(request.user):
        return redirect(next_url)
    if not services.user_has_totp_device(request.user):
        return redirect(reverse("accounts:otp_setup") + "?" + urlencode({"next": next_url}))
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.totp_device_verify(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(next_url)
        form.add_error("token", _("Deze code klopt niet. Kijk of u de nieuwste code gebruikt en probeer het opnieuw."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    # Fixed pixel size (the library uses mm), white background so dark themes still scan.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg width="220" height="220" style="background:#fff"', svg)
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-title" ', 1)


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Set up two-step login: scan a QR code (or type the secret), then confirm with a first code."""
    next_url = _next_of(request)
    if services.user_has_totp_device(request.user):
        # Adding another device needs the first one: otherwise a stolen password would be enough.
        if not is_verified(request.user):
            return redirect(reverse("accounts:otp_verify") + "?" + urlencode({"next": next_url}))
        messages.info(request, _("Inloggen in twee stappen staat al aan."))
        return redirect(next_url)
    device = services.totp_device_pending(user=request.user)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.totp_device_confirm(user=request.user, token=form.cleaned_data["token"])
        if confirmed is not None:
            otp_login(request, confirmed)
            request.session.cycle_key()
            messages.success(request, _("Inloggen in twee stappen staat nu aan."))
            return redirect(next_url)
        form.add_error("token", _("Deze code klopt niet. Kijk of u de nieuwste code gebruikt en probeer het opnieuw."))
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "next": next_url,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - generated by qrcode, no user input
    }
    return render(request, "accounts/otp_setup.html", context)


@require_POST
def language(request):
    """Switch the language: a cookie for everyone, and for a logged-in user also their stored preference."""
    form = LanguageForm(request.POST)
    next_url = safe_next(request, request.POST.get("next"), default=reverse("places:home"))
    if not form.is_valid():
        return redirect(next_url)
    code = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.user_language_update(user=request.user, language=code)
    return set_language_cookie(redirect(next_url), code)
