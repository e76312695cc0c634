import base64
import re
from urllib.parse import urlencode, urlsplit

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login

from . import services, throttle, tokens
from .forms import EmailAuthenticationForm, LanguageForm, OTPTokenForm, RecoveryCodeForm, SignupCompleteForm, SignupForm
from .permissions import Action, can
from .scope import scope_of
from .two_factor import SETUP, VERIFY, is_exempt, is_verified, second_factor_exempt, second_factor_step


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


def throttled_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "U heeft het te vaak geprobeerd. Wacht %(minutes)s minuut en probeer het dan opnieuw.",
        "U heeft het te vaak geprobeerd. Wacht %(minutes)s minuten en probeer het dan opnieuw.",
        minutes,
    ) % {"minutes": minutes}


def throttled_response(request, template: str, context: dict, seconds: int) -> HttpResponse:
    """The form again with a message to wait, status 429 and Retry-After. Nothing was tried or sent."""
    response = render(request, template, {**context, "throttled": throttled_message(seconds)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def chosen_language(request) -> str | None:
    """The language the visitor chose with the language switch (its cookie), if any."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else None


class LoginView(auth_views.LoginView):
    """Login, throttled (throttle.py): a throttled attempt is not tried at all; a failed one is counted and
    audited. The language chosen before login stays, and is stored on the account."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = EmailAuthenticationForm

    def post(self, request, *args, **kwargs):
        self.address = throttle.normalise_address(request.POST.get("username"))
        self.checks = throttle.login_checks(request, self.address)
        wait = throttle.wait_seconds(self.checks)
        if wait:
            form = self.get_form_class()(request, initial={"username": self.address})
            return throttled_response(request, self.template_name, self.get_context_data(form=form), wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("__all__", "invalid_login") or form.has_error("__all__", "inactive"):
            services.login_failure_record(address=self.address, checks=self.checks)
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)  # logs in; the redirect target is a safe `next` or the home page
        user = self.request.user
        language = chosen_language(self.request)
        if language and language != user.preferred_language:
            services.user_language_update(user=user, language=language)
        step = second_factor_step(user)
        if step is not None and not _is_exempt_path(response.url):
            response = HttpResponseRedirect(reverse(step) + "?" + urlencode({"next": response.url}))
        if not throttle.trusted_device(self.request, self.address):
            response.set_cookie(
                throttle.DEVICE_COOKIE,
                throttle.device_cookie_value(self.address),
                max_age=throttle.DEVICE_COOKIE_AGE,
                path="/account/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return set_language_cookie(response, user.preferred_language)


def _is_exempt_path(url: str) -> bool:
    """Whether `url` (on this site) is a view open before the second step, such as an e-mailed setup link."""
    try:
        return is_exempt(resolve(urlsplit(url).path).func)
    except Resolver404:
        return False


class PasswordResetView(auth_views.PasswordResetView):
    """Password reset, throttled per IP, per (address, IP) and per address (which slows down, never stops)."""

    def form_valid(self, form):
        checks = throttle.mail_checks(self.request, form.cleaned_data["email"], kind="reset")
        wait = throttle.wait_seconds(checks)
        if wait:
            return throttled_response(self.request, self.template_name, self.get_context_data(form=form), wait)
        services.throttle_record(checks=checks)
        return super().form_valid(form)


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_http_methods(["GET", "POST"])
def signup(request):
    """Make an account: step 1, the e-mail address. The answer is the same whether or not it has an account."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        checks = throttle.mail_checks(request, form.cleaned_data["email"], kind="signup")
        wait = throttle.wait_seconds(checks)
        if wait:
            return throttled_response(request, "accounts/signup.html", {"form": form}, wait)
        services.throttle_record(checks=checks)
        services.user_signup_request(
            email=form.cleaned_data["email"], language=get_language(), base_url=_base_url(request)
        )
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


@require_safe
def signup_sent(request):
    return render(request, "accounts/signup_sent.html")


@require_http_methods(["GET", "POST"])
def signup_confirm(request, token):
    """Step 2, from the link in the e-mail: a first name and a password; then the account is ready."""
    found = tokens.read_token(token)
    if found is None or request.user.is_authenticated:
        return render(request, "accounts/signup_confirm.html", {"validlink": False}, status=200)
    user, kind = found
    person = getattr(user, "person", None) if kind == tokens.INVITATION else None
    form = SignupCompleteForm(user, request.POST or None, ask_name=person is None)
    if request.method == "POST" and form.is_valid():
        user = services.user_signup_complete(
            user=user,
            kind=kind,
            first_name=form.cleaned_data.get("first_name", ""),
            password=form.cleaned_data["new_password1"],
            language=get_language(),
        )
        auth_login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, _("Welkom bij Wijkkracht. Uw account is klaar en u bent ingelogd."))
        return set_language_cookie(redirect("people:profile"), user.preferred_language)
    context = {"validlink": True, "form": form, "person": person, "email": user.email}
    return render(request, "accounts/signup_confirm.html", context)


def _next_of(request) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"))


def _with_next(name: str, next_url: str) -> str:
    return reverse(name) + "?" + urlencode({"next": next_url})


WRONG_CODE = _lazy("Deze code klopt niet. Kijk of u de nieuwste code gebruikt en probeer het opnieuw.")


@second_factor_exempt
@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def otp_verify(request):
    """Second step of login: the 6-digit code from the user's authenticator app."""
    next_url = _next_of(request)
    step = second_factor_step(request.user)
    if step is None:
        return redirect(next_url)
    if step != VERIFY:
        return redirect(_with_next(step, next_url))
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.totp_device_verify(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(next_url)
        form.add_error("token", WRONG_CODE)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@second_factor_exempt
@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def otp_recovery(request):
    """Second step of login with a recovery code instead of the app (phone lost). Each code works once."""
    next_url = _next_of(request)
    if second_factor_step(request.user) != VERIFY:
        return redirect(next_url)
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code_set = services.recovery_code_use(user=request.user, code=form.cleaned_data["code"])
        if code_set is not None:
            otp_login(request, code_set)
            request.session.cycle_key()
            left = services.recovery_codes_left(request.user)
            messages.warning(
                request,
                ngettext(
                    "U bent ingelogd met een herstelcode. U heeft nog %(count)d herstelcode. "
                    "Telefoon kwijt? Koppel hier een nieuwe telefoon.",
                    "U bent ingelogd met een herstelcode. U heeft nog %(count)d herstelcodes. "
                    "Telefoon kwijt? Koppel hier een nieuwe telefoon.",
                    left,
                )
                % {"count": left},
            )
            return redirect("accounts:security")
        form.add_error("code", _("Deze herstelcode klopt niet of is al gebruikt."))
    return render(request, "accounts/otp_recovery.html", {"form": form, "next": next_url})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    # Fixed pixel size (the library uses mm), and a white background so dark themes still scan: drawn as a rectangle,
    # because the Content-Security-Policy allows no inline style.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', '<svg width="220" height="220"', svg)
    start = svg.index(">") + 1
    svg = svg[:start] + '<rect width="100%" height="100%" fill="#fff"/>' + svg[start:]
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-title" ', 1)


ENROLMENT_SESSION_KEY = "wijkkracht_otp_enrolment"


@second_factor_exempt
@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def otp_setup(request):
    """Set up two-step login (docs/accounts.md). Without an opened e-mail link: a button that sends the link.
    With the link opened in this session: the QR code and secret of this attempt, confirmed with a first code."""
    next_url = _next_of(request)
    user = request.user
    if services.has_second_factor(user) and not is_verified(user):
        # Replacing the app needs the current one (or a recovery code): otherwise a stolen password would be enough.
        return redirect(_with_next(VERIFY, next_url))
    enrolment = services.second_factor_enrolment_of_session(user=user, claim=request.session.get(ENROLMENT_SESSION_KEY))
    if enrolment is None:
        return _otp_setup_link(request, next_url)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.second_factor_enrolment_complete(
            user=user, claim=request.session.get(ENROLMENT_SESSION_KEY), token=form.cleaned_data["token"]
        )
        if result is not None:
            device, codes = result
            request.session.pop(ENROLMENT_SESSION_KEY, None)
            otp_login(request, device)
            request.session.cycle_key()
            messages.success(request, _("Inloggen in twee stappen staat nu aan."))
            # Shown once, in this answer only: the codes are not stored anywhere in readable form.
            return render(request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("token", WRONG_CODE)
    secret = base64.b32encode(enrolment.device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "next": next_url,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "qr_svg": mark_safe(_qr_svg(enrolment.device.config_url)),  # noqa: S308 - generated by qrcode, no user input
    }
    return render(request, "accounts/otp_setup.html", context)


def _otp_setup_link(request, next_url: str):
    user = request.user
    if request.method == "POST" and "token" in request.POST:
        # A code typed after the attempt expired (or ended elsewhere): say so, rather than mail a new link.
        messages.error(
            request, _("Het instellen duurde te lang of is ergens anders afgerond. Vraag een nieuwe link aan.")
        )
        return redirect(_with_next(SETUP, next_url))
    if request.method == "POST":
        try:
            services.second_factor_enrolment_start(
                user=user,
                link_for=lambda token: request.build_absolute_uri(reverse("accounts:otp_enrol", args=[token])),
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("We hebben een link gestuurd naar %(email)s. Open de link binnen een uur, in deze browser.")
                % {"email": user.email},
            )
        return redirect(_with_next(SETUP, next_url))
    context = {
        "next": next_url,
        "required": second_factor_step(user) == SETUP,
        "replacing": services.has_second_factor(user),
    }
    return render(request, "accounts/otp_setup_link.html", context)


@second_factor_exempt
@never_cache
@login_required
@require_safe
def otp_enrol(request, token: str):
    """The link from the e-mail: this session claims the setup attempt, then sets it up on the setup page."""
    user = request.user
    if services.has_second_factor(user) and not is_verified(user):
        return redirect(VERIFY)
    try:
        _enrolment, claim = services.second_factor_enrolment_claim(user=user, token=token)
    except services.EnrolmentError:
        messages.error(
            request,
            _(
                "Deze link werkt niet meer. Hij is verlopen, al gebruikt, of hoort bij een ander account. "
                "Vraag hieronder een nieuwe link aan."
            ),
        )
        return redirect(SETUP)
    request.session[ENROLMENT_SESSION_KEY] = claim
    return redirect(SETUP)


@never_cache
@login_required
@require_safe
def security(request):
    """The user's own page for two-step login: switch it on, link a new phone, make new recovery codes."""
    user = request.user
    has_factor = services.has_second_factor(user)
    context = {
        "has_second_factor": has_factor,
        "required": bool(settings.WIJKKRACHT_REQUIRE_STAFF_2FA and scope_of(user).is_staff_role),
        "codes_left": services.recovery_codes_left(user) if has_factor else 0,
    }
    return render(request, "accounts/security.html", context)


@never_cache
@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once."""
    if not services.has_second_factor(request.user):
        return redirect("accounts:security")
    codes = services.recovery_codes_generate(user=request.user)
    return render(request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": reverse("accounts:security")})


@login_required
@require_POST
def otp_disable(request):
    """Switch two-step login off, for a user whose role does not require it."""
    user = request.user
    if settings.WIJKKRACHT_REQUIRE_STAFF_2FA and scope_of(user).is_staff_role:
        raise PermissionDenied
    if services.has_second_factor(user):
        services.second_factor_reset(user=user, actor=user)
        messages.success(request, _("Inloggen in twee stappen staat nu uit."))
    return redirect("accounts:security")


@second_factor_exempt
@require_POST
def language(request):
    """Switch the language: a cookie for everyone, and for a logged-in user also their stored preference."""
    form = LanguageForm(request.POST)
    next_url = safe_next(request, request.POST.get("next"), default=reverse("places:home"))
    if not form.is_valid():
        return redirect(next_url)
    code = form.cleaned_data["language"]
    if can(request.user, Action.OWN_LANGUAGE_CHANGE, request.user):
        services.user_language_update(user=request.user, language=code)
    return set_language_cookie(redirect(next_url), code)
