"""Two-step login: who is asked, setting it up through an e-mailed link, recovery codes, views marked exempt."""

import base64
import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from wijkkracht.accounts import services
from wijkkracht.accounts.models import RecoveryCode, RecoveryCodeSet, SecondFactorEnrolment
from wijkkracht.accounts.two_factor import is_exempt
from wijkkracht.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("world")

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:otp_verify")
SETUP = reverse("accounts:otp_setup")
RECOVERY = reverse("accounts:otp_recovery")
SECURITY = reverse("accounts:security")
PROFILE = "/mijn/gegevens/"
STAFF = ["professional_a", "professional_b", "coordinator", "analyst", "administrator"]
NOT_STAFF = ["resident", "volunteer", "council_a", "council_b"]
LINK = re.compile(r"https?://[^\s]+/account/twee-stappen/koppelen/[^\s/]+/")


def login(client, user, next_url=""):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def code(device, offset=0):
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=offset):06d}"


def wrong_code(device):
    return "000000" if code(device) != "000000" else "111111"


def secret_of(device):
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def shown(device):
    """The secret as the setup page shows it: in groups of four."""
    secret = secret_of(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def request_link(client):
    """Ask for the setup link on the setup page; returns the link from the e-mail."""
    before = len(mail.outbox)
    response = client.post(SETUP, {"next": PROFILE})
    assert response.status_code == 302
    assert len(mail.outbox) == before + 1
    return LINK.search(mail.outbox[-1].body).group(0)


def open_link(client, link):
    return client.get(urlparse(link).path)


def enrol(client, user):
    """The whole setup for a logged-in `user`: link, QR page, first code. Returns the device and recovery codes."""
    open_link(client, request_link(client))
    device = SecondFactorEnrolment.objects.get(user=user, completed_at__isnull=True).device
    response = client.post(SETUP, {"token": code(device), "next": PROFILE})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z0-9-]+)</code>", response.content.decode())
    device.refresh_from_db()
    assert device.confirmed is True
    return device, codes


# --- who is asked ----------------------------------------------------------------------------------------------


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
@pytest.mark.parametrize("persona", STAFF)
def test_staff_without_device_is_sent_to_setup_and_cannot_go_elsewhere(world, client, persona):
    response = login(client, world.users[persona], next_url=PROFILE)
    assert response.status_code == 302
    url = urlparse(response["Location"])
    assert url.path == SETUP
    assert parse_qs(url.query) == {"next": [PROFILE]}
    blocked = client.get(PROFILE)
    assert blocked.status_code == 302
    assert urlparse(blocked["Location"]).path == SETUP
    assert urlparse(client.get(VERIFY)["Location"]).path == SETUP


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
@pytest.mark.parametrize("persona", STAFF)
def test_staff_with_device_must_verify_before_anything_else(world, client, persona):
    user = world.users[persona]
    device = confirmed_device(user)
    response = login(client, user, next_url=PROFILE)
    assert urlparse(response["Location"]).path == VERIFY
    assert client.get(PROFILE).status_code == 302
    assert client.get(VERIFY).status_code == 200
    # with a device, setting up another one needs the first one
    assert urlparse(client.get(SETUP)["Location"]).path == VERIFY
    assert urlparse(client.post(SETUP)["Location"]).path == VERIFY
    assert len(mail.outbox) == 0

    wrong = client.post(VERIFY, {"token": "12345x", "next": PROFILE})
    assert wrong.status_code == 200
    assert "De code heeft 6 cijfers." in wrong.content.decode()
    assert client.get(PROFILE).status_code == 302

    ok = client.post(VERIFY, {"token": code(device), "next": PROFILE})
    assert ok.status_code == 302
    assert ok["Location"] == PROFILE
    assert client.get(PROFILE).status_code == 200


@pytest.mark.parametrize("persona", NOT_STAFF + STAFF)
def test_everyone_with_a_device_is_asked_for_it_whatever_their_role(world, client, persona):
    # Issue 12: a non-staff user could switch two-step login on but was never asked for it. Now whoever has it is
    # asked, with or without WIJKKRACHT_REQUIRE_STAFF_2FA (off in tests, as in the demo).
    user = world.users[persona]
    device = confirmed_device(user)
    response = login(client, user, next_url=PROFILE)
    assert urlparse(response["Location"]).path == VERIFY
    assert urlparse(client.get(PROFILE)["Location"]).path == VERIFY
    assert client.post(VERIFY, {"token": code(device), "next": PROFILE})["Location"] == PROFILE
    assert client.get(PROFILE).status_code == 200


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
@pytest.mark.parametrize("persona", NOT_STAFF)
def test_residents_without_a_device_are_not_asked(world, client, persona):
    response = login(client, world.users[persona], next_url=PROFILE)
    assert response["Location"] == PROFILE
    assert client.get(PROFILE).status_code == 200


@pytest.mark.parametrize("persona", STAFF)
def test_switch_off_staff_without_device_are_not_asked(world, client, persona):
    response = login(client, world.users[persona], next_url=PROFILE)
    assert response["Location"] == PROFILE


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_wrong_six_digit_code_shows_an_error(world, client):
    user = world.users["professional_a"]
    device = confirmed_device(user)
    login(client, user)
    response = client.post(VERIFY, {"token": wrong_code(device)})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get(PROFILE).status_code == 302
    assert AuditEvent.objects.filter(action="totp.failed").count() == 1


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_right_code_just_after_a_wrong_one_is_throttled(world, client):
    # django-otp's throttling: after a failure the next try must wait (1 s, 2 s, 4 s, ...)
    user = world.users["professional_b"]
    device = confirmed_device(user)
    login(client, user)
    client.post(VERIFY, {"token": wrong_code(device)})
    response = client.post(VERIFY, {"token": code(device)})
    assert response.status_code == 200
    assert client.get(PROFILE).status_code == 302


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_verify_ignores_an_outside_next(world, client):
    user = world.users["coordinator"]
    device = confirmed_device(user)
    login(client, user)
    response = client.post(VERIFY, {"token": code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("places:home")


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_staff_may_log_out_before_the_second_step(world, client):
    login(client, world.users["analyst"])
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", [VERIFY, SETUP, RECOVERY, SECURITY])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == LOGIN


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_unverified_staff_post_changes_nothing_and_next_keeps_the_query(world, client):
    from wijkkracht.people.models import Person

    user = world.users["professional_a"]
    confirmed_device(user)
    login(client, user)
    response = client.post(PROFILE, {"first_name": "Hacked", "contact_preference": "email"})
    assert response.status_code == 302
    assert Person.objects.get(user=user).first_name == "Priya"
    redirected = client.get(PROFILE + "?a=1&b=2")
    assert parse_qs(urlparse(redirected["Location"]).query) == {"next": [PROFILE + "?a=1&b=2"]}
    # the language switches stay open before the second step
    assert client.post(reverse("accounts:language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.post(reverse("set_language"), {"language": "nl", "next": "/"}).status_code == 302
    # and so does logout; the admin does not
    assert urlparse(client.get("/beheer/")["Location"]).path == VERIFY


def _walk(resolver, namespace=""):
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            yield from _walk(item, f"{namespace}{item.namespace}:" if item.namespace else namespace)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}", item.callback


def test_the_views_open_before_the_second_step_are_marked_on_the_view():
    exempt = sorted(name for name, view in _walk(get_resolver()) if is_exempt(view))
    assert exempt == [
        "accounts:language",
        "accounts:login",
        "accounts:logout",
        "accounts:otp_enrol",
        "accounts:otp_recovery",
        "accounts:otp_setup",
        "accounts:otp_verify",
        "set_language",
    ]


# --- setting it up: an e-mailed link, one secret per attempt ----------------------------------------------------


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_setup_needs_the_emailed_link_then_shows_this_attempts_secret_and_confirms_with_a_first_code(world, client):
    user = world.users["professional_a"]
    user.preferred_language = "en"
    user.save()
    login(client, user, next_url=PROFILE)

    # the password alone shows no secret and creates none
    page = client.get(SETUP + "?next=" + PROFILE)
    assert page.status_code == 200
    assert "<svg" not in page.content.decode() and "otp-secret" not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()

    link = request_link(client)
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == "Set up two-step login for Wijkkracht"  # the account holder's language
    assert AuditEvent.objects.filter(action="second_factor.link_sent").count() == 1
    # a second link within the minute: refused, no second mail
    again = client.post(SETUP, {"next": PROFILE}, follow=True)
    assert "We have just sent you a link." in again.content.decode()  # in the language of the login
    assert len(mail.outbox) == 1

    opened = open_link(client, link)
    assert opened.status_code == 302 and urlparse(opened["Location"]).path == SETUP
    page = client.get(SETUP)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    assert SecondFactorEnrolment.objects.get(user=user).device == device
    svg = html.split("<svg", 1)[1].split("</svg>")[0]
    assert 'role="img"' in svg
    assert "<?xml" not in html
    assert "href" not in svg and "src=" not in svg  # inline, no outside requests
    assert "style=" not in svg  # the Content-Security-Policy allows no inline style
    assert '<rect width="100%" height="100%" fill="#fff"/>' in svg  # a white background for dark themes
    assert shown(device) in html
    # reloading keeps this attempt's secret
    assert shown(device) in client.get(SETUP).content.decode()
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(SETUP, {"token": wrong_code(device), "next": PROFILE})
    assert wrong.status_code == 200
    assert "Deze code klopt niet." in wrong.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False

    ok = client.post(SETUP, {"token": code(device), "next": PROFILE})
    assert ok.status_code == 200
    codes = re.findall(r"<code>([a-z0-9-]+)</code>", ok.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", c) for c in codes)
    assert f'href="{PROFILE}"' in ok.content.decode()
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(PROFILE).status_code == 200
    assert AuditEvent.objects.filter(action="totp_device.confirmed").count() == 1
    # the link is spent
    open_link(client, link)
    assert TOTPDevice.objects.filter(user=user).count() == 1


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_a_stolen_password_opened_first_gives_no_working_second_factor(world):
    # Issue 12 (high): the pending secret was one per account, so whoever opened the setup page first with only
    # the password kept a working second factor after the real user set it up.
    user = world.users["professional_b"]
    attacker, owner = Client(), Client()
    login(attacker, user)
    seen_by_attacker = attacker.get(SETUP).content.decode() + attacker.post(SETUP, follow=True).content.decode()
    # the password alone shows no secret and makes none that could become the account's later
    assert "otp-secret" not in seen_by_attacker and "<svg" not in seen_by_attacker
    assert not TOTPDevice.objects.filter(user=user).exists()

    login(owner, user)
    link = LINK.search(mail.outbox[-1].body).group(0)  # the owner reads the mail the attacker asked for
    open_link(owner, link)
    device = SecondFactorEnrolment.objects.get(user=user, completed_at__isnull=True).device
    assert owner.post(SETUP, {"token": code(device)}).status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True

    assert shown(device)[:9] not in seen_by_attacker and "otp-secret" not in seen_by_attacker
    assert TOTPDevice.objects.filter(user=user).count() == 1
    # the attacker cannot open the link a second time, nor get past the second step
    open_link(attacker, link)
    assert urlparse(attacker.get(PROFILE)["Location"]).path == VERIFY


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_each_attempt_has_its_own_secret_and_the_link_belongs_to_the_session_that_opened_it(world):
    user = world.users["coordinator"]
    first, second = Client(), Client()
    login(first, user)
    login(second, user)
    link_1 = request_link(first)
    enrolment_1 = SecondFactorEnrolment.objects.get()
    enrolment_1.created_at -= dt.timedelta(minutes=2)  # past the one-link-a-minute limit
    enrolment_1.save()
    link_2 = request_link(second)

    open_link(first, link_1)
    # the same link in another session: refused, and that session sees no secret
    refused = open_link(second, link_1)
    assert urlparse(refused["Location"]).path == SETUP
    assert "<svg" not in second.get(SETUP).content.decode()
    open_link(second, link_2)

    device_1 = SecondFactorEnrolment.objects.get(token_hash=enrolment_1.token_hash).device
    device_2 = SecondFactorEnrolment.objects.exclude(token_hash=enrolment_1.token_hash).get().device
    assert device_1.bin_key != device_2.bin_key
    assert shown(device_1) in first.get(SETUP).content.decode()
    assert shown(device_2) in second.get(SETUP).content.decode()

    # completing one attempt ends the other one with its secret
    assert second.post(SETUP, {"token": code(device_2)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=user)) == [device_2]
    assert not SecondFactorEnrolment.objects.filter(user=user, completed_at__isnull=True).exists()
    # the first session now has to pass the second step before it could start again, and its secret is worthless
    assert urlparse(first.post(SETUP, {"token": code(device_1)})["Location"]).path == VERIFY
    assert "<svg" not in first.get(SETUP, follow=True).content.decode()
    assert first.post(VERIFY, {"token": code(device_1)}).status_code == 200
    assert urlparse(first.get(PROFILE)["Location"]).path == VERIFY


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_a_link_of_another_account_or_an_expired_link_is_refused(world, client):
    owner, other = world.users["professional_a"], world.users["analyst"]
    login(client, owner)
    link = request_link(client)
    other_client = Client()
    login(other_client, other)
    refused = other_client.get(urlparse(link).path, follow=True)
    assert "Deze link werkt niet meer." in refused.content.decode()
    assert SecondFactorEnrolment.objects.get().claim_hash == ""

    SecondFactorEnrolment.objects.update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    expired = client.get(urlparse(link).path, follow=True)
    assert "Deze link werkt niet meer." in expired.content.decode()
    assert not TOTPDevice.objects.exists()


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_a_link_opened_in_a_browser_that_is_not_logged_in_leads_through_the_password_to_the_qr_code(world, client):
    user = world.users["analyst"]
    asking = Client()
    login(asking, user)
    path = urlparse(request_link(asking)).path
    to_login = client.get(path)
    assert urlparse(to_login["Location"]).path == LOGIN
    after_password = login(client, user, next_url=path)
    assert after_password["Location"] == path  # the link is open before the second step
    assert urlparse(client.get(path)["Location"]).path == SETUP
    assert client.get(SETUP).content.decode().count("<svg") == 1


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_the_secret_and_qr_code_are_never_shown_in_the_admin(world, client):
    # Issue 12: every administrator could read each staff member's TOTP key and QR code in the admin.
    device = confirmed_device(world.users["professional_a"])
    admin_user = world.users["administrator"]
    admin_device = confirmed_device(admin_user)
    login(client, admin_user)
    client.post(VERIFY, {"token": code(admin_device)})
    secret_hex, secret_b32 = device.key, secret_of(device)
    pages = [
        client.get(reverse("admin:otp_totp_totpdevice_changelist")),
        client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])),
        client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/config/", follow=True),
        client.get(f"/beheer/otp_totp/totpdevice/{device.pk}/qrcode/", follow=True),
    ]
    assert [p.status_code for p in pages] == [200, 200, 200, 200]
    for page in pages:
        html = page.content.decode()
        assert secret_hex not in html and secret_b32 not in html and shown(device) not in html
        assert "otpauth" not in html and "qr-code" not in html
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    assert client.post(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]), {"name": "x"}).status_code == 403


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_an_administrator_removes_a_lost_second_factor_in_the_admin_through_the_service(world, client):
    owner = world.users["professional_a"]
    device = confirmed_device(owner)
    services.recovery_codes_generate(user=owner)
    admin_user = world.users["administrator"]
    admin_device = confirmed_device(admin_user)
    login(client, admin_user)
    client.post(VERIFY, {"token": code(admin_device)})
    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert not RecoveryCodeSet.objects.filter(user=owner).exists()
    event = AuditEvent.objects.get(action="second_factor.reset")
    assert event.actor == admin_user and event.object_id == str(owner.public_id)


# --- recovery codes ---------------------------------------------------------------------------------------------


def test_recovery_codes_are_stored_hashed_and_each_works_once(world):
    user = world.users["resident"]
    confirmed_device(user)
    codes = services.recovery_codes_generate(user=user)
    stored = list(RecoveryCode.objects.filter(code_set__user=user).values_list("code_hash", flat=True))
    assert len(stored) == 10
    for c in codes:
        assert all(c not in h and c.replace("-", "") not in h for h in stored)
    assert sum(check_password(codes[0].replace("-", ""), h) for h in stored) == 1

    assert services.recovery_code_use(user=user, code=" " + codes[0].upper().replace("-", " ") + " ") is not None
    assert services.recovery_codes_left(user) == 9
    assert services.recovery_code_use(user=user, code=codes[0]) is None  # spent
    assert services.recovery_code_use(user=world.users["volunteer"], code=codes[1]) is None  # someone else's


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_log_in_with_a_recovery_code_when_the_phone_is_lost(world, client):
    user = world.users["professional_b"]
    device = confirmed_device(user)
    codes = services.recovery_codes_generate(user=user)
    response = login(client, user, next_url=PROFILE)
    assert urlparse(response["Location"]).path == VERIFY
    verify_page = client.get(response["Location"]).content.decode()
    assert RECOVERY in verify_page  # "Telefoon kwijt?"

    page = client.get(RECOVERY + "?next=" + PROFILE)
    assert page.status_code == 200
    wrong = client.post(RECOVERY, {"code": "aaaa-bbbb-cccc", "next": PROFILE})
    assert wrong.status_code == 200
    assert "Deze herstelcode klopt niet of is al gebruikt." in wrong.content.decode()
    assert AuditEvent.objects.filter(action="recovery_code.failed").count() == 1
    assert client.get(PROFILE).status_code == 302

    RecoveryCodeSet.objects.update(throttling_failure_timestamp=None, throttling_failure_count=0)
    ok = client.post(RECOVERY, {"code": codes[3], "next": PROFILE})
    assert ok.status_code == 302 and ok["Location"] == SECURITY  # where a new phone is linked
    assert "U heeft nog 9 herstelcodes." in client.get(SECURITY).content.decode()
    assert client.get(PROFILE).status_code == 200
    used = AuditEvent.objects.get(action="recovery_code.used")
    assert used.actor == user and used.detail == {"left": 9}
    # the account holder is told, so a code used by someone else does not go unnoticed
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == "Er is ingelogd met een herstelcode"
    assert "U heeft nog 9 herstelcodes." in mail.outbox[0].body
    assert codes[3] not in mail.outbox[0].body

    # the same code does not work twice
    again = Client()
    login(again, user)
    assert again.post(RECOVERY, {"code": codes[3]}).status_code == 200
    assert again.get(PROFILE).status_code == 302
    # the phone still works
    assert again.post(VERIFY, {"token": code(device)}).status_code == 302


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
@override_settings(OTP_TOTP_THROTTLE_FACTOR=600)  # the wait after a wrong code outlasts a slow machine's request
def test_a_right_recovery_code_just_after_a_wrong_one_is_throttled(world, client):
    user = world.users["analyst"]
    confirmed_device(user)
    codes = services.recovery_codes_generate(user=user)
    login(client, user)
    client.post(RECOVERY, {"code": "aaaa-bbbb-cccc"})
    assert client.post(RECOVERY, {"code": codes[0]}).status_code == 200
    assert client.get(PROFILE).status_code == 302
    assert services.recovery_codes_left(user) == 10


def test_recovery_page_without_a_second_factor_just_goes_on(world, client):
    login(client, world.users["resident"])
    assert client.get(RECOVERY + "?next=" + PROFILE)["Location"] == PROFILE


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_new_recovery_codes_from_the_users_own_page_replace_the_old_ones(world, client):
    user = world.users["professional_a"]
    login(client, user)
    _device, first_codes = enrol(client, user)
    assert len(first_codes) == 10
    page = client.get(SECURITY).content.decode()
    assert "U heeft nog 10 herstelcodes" in page
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.status_code == 200
    new_codes = re.findall(r"<code>([a-z0-9-]+)</code>", response.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(first_codes)
    assert services.recovery_code_use(user=user, code=first_codes[0]) is None
    assert services.recovery_code_use(user=user, code=new_codes[0]) is not None
    assert AuditEvent.objects.filter(action="recovery_codes.generated").count() == 2


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_new_phone_replaces_the_old_one_through_a_new_link(world, client):
    user = world.users["coordinator"]
    login(client, user)
    old, _codes = enrol(client, user)
    SecondFactorEnrolment.objects.update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert "Nieuwe telefoon koppelen" in client.get(SECURITY).content.decode()
    new, _codes = enrol(client, user)
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert new.pk != old.pk


# --- residents may switch it on (and are then asked), or off ----------------------------------------------------


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_resident_switches_it_on_is_asked_at_the_next_login_and_may_switch_it_off(world, client):
    user = world.users["resident"]
    login(client, user)
    page = client.get(SECURITY)
    assert page.status_code == 200
    assert "Inloggen in twee stappen aanzetten" in page.content.decode()
    device, codes = enrol(client, user)

    client.post(reverse("accounts:logout"))
    response = login(client, user, next_url=PROFILE)
    assert urlparse(response["Location"]).path == VERIFY
    assert client.get(PROFILE).status_code == 302
    # the next 30-second step: django-otp does not accept the code used to set it up a second time
    assert client.post(VERIFY, {"token": code(device, offset=1), "next": PROFILE})["Location"] == PROFILE

    assert client.post(reverse("accounts:otp_disable")).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCodeSet.objects.filter(user=user).exists()
    client.post(reverse("accounts:logout"))
    assert login(client, user, next_url=PROFILE)["Location"] == PROFILE


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_staff_cannot_switch_it_off(world, client):
    user = world.users["professional_a"]
    device = confirmed_device(user)
    login(client, user)
    client.post(VERIFY, {"token": code(device)})
    assert "Inloggen in twee stappen uitzetten" not in client.get(SECURITY).content.decode()
    assert client.post(reverse("accounts:otp_disable")).status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_a_code_typed_after_the_attempt_expired_sends_no_new_link(world, client):
    user = world.users["professional_a"]
    login(client, user)
    open_link(client, request_link(client))
    device = SecondFactorEnrolment.objects.get(user=user).device
    SecondFactorEnrolment.objects.update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    response = client.post(SETUP, {"token": code(device)}, follow=True)
    assert "Het instellen duurde te lang" in response.content.decode()
    assert len(mail.outbox) == 1
    device.refresh_from_db()
    assert device.confirmed is False
    assert "<svg" not in response.content.decode()
