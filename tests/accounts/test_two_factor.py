"""Two-step login (TOTP) for staff roles when WIJKKRACHT_REQUIRE_STAFF_2FA is on."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from wijkkracht.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("world")

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:otp_verify")
SETUP = reverse("accounts:otp_setup")
STAFF = ["professional_a", "professional_b", "coordinator", "analyst", "administrator"]
NOT_STAFF = ["resident", "volunteer", "council_a", "council_b"]


def login(client, user, next_url=""):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def code(device, offset=0):
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=offset):06d}"


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
@pytest.mark.parametrize("persona", STAFF)
def test_staff_without_device_is_sent_to_setup_and_cannot_go_elsewhere(world, client, persona):
    response = login(client, world.users[persona], next_url="/mijn/gegevens/")
    assert response.status_code == 302
    url = urlparse(response["Location"])
    assert url.path == SETUP
    assert parse_qs(url.query) == {"next": ["/mijn/gegevens/"]}
    blocked = client.get("/mijn/gegevens/")
    assert blocked.status_code == 302
    assert urlparse(blocked["Location"]).path == VERIFY
    # otp_verify sends a user without a device on to setup
    assert urlparse(client.get(VERIFY)["Location"]).path == SETUP


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_setup_shows_secret_and_inline_qr_and_confirms_with_a_first_code(world, client):
    user = world.users["professional_a"]
    login(client, user)
    page = client.get(SETUP + "?next=/mijn/gegevens/")
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is False
    svg = html.split("<svg", 1)[1].split("</svg>")[0]
    assert 'role="img"' in svg
    assert "<?xml" not in html
    assert "href" not in svg and "src=" not in svg  # inline, no outside requests
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in html
    # reloading keeps the same pending device (the secret shown does not change)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(SETUP, {"token": "000000" if code(device) != "000000" else "111111", "next": "/mijn/gegevens/"})
    assert wrong.status_code == 200
    assert "Deze code klopt niet." in wrong.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False

    ok = client.post(SETUP, {"token": code(device), "next": "/mijn/gegevens/"})
    assert ok.status_code == 302
    assert ok["Location"] == "/mijn/gegevens/"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/mijn/gegevens/").status_code == 200
    assert AuditEvent.objects.filter(action="totp_device.confirmed").count() == 1


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
@pytest.mark.parametrize("persona", STAFF)
def test_staff_with_device_must_verify_before_anything_else(world, client, persona):
    user = world.users[persona]
    device = confirmed_device(user)
    response = login(client, user, next_url="/mijn/gegevens/")
    assert urlparse(response["Location"]).path == VERIFY
    assert client.get("/mijn/gegevens/").status_code == 302
    assert client.get(VERIFY).status_code == 200
    # with a device, setup does not allow adding another one before verifying
    assert urlparse(client.get(SETUP)["Location"]).path == VERIFY
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(VERIFY, {"token": "12345x", "next": "/mijn/gegevens/"})
    assert wrong.status_code == 200
    assert "De code heeft 6 cijfers." in wrong.content.decode()
    assert client.get("/mijn/gegevens/").status_code == 302

    ok = client.post(VERIFY, {"token": code(device), "next": "/mijn/gegevens/"})
    assert ok.status_code == 302
    assert ok["Location"] == "/mijn/gegevens/"
    assert client.get("/mijn/gegevens/").status_code == 200


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_wrong_six_digit_code_shows_an_error(world, client):
    user = world.users["professional_a"]
    device = confirmed_device(user)
    login(client, user)
    bad = "000000" if code(device) != "000000" else "111111"
    response = client.post(VERIFY, {"token": bad})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get("/mijn/gegevens/").status_code == 302
    assert AuditEvent.objects.filter(action="totp.failed").count() == 1


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
def test_right_code_just_after_a_wrong_one_is_throttled(world, client):
    # django-otp's throttling: after a failure the next try must wait (1 s, 2 s, 4 s, ...)
    user = world.users["professional_b"]
    device = confirmed_device(user)
    login(client, user)
    bad = "000000" if code(device) != "000000" else "111111"
    client.post(VERIFY, {"token": bad})
    response = client.post(VERIFY, {"token": code(device)})
    assert response.status_code == 200
    assert client.get("/mijn/gegevens/").status_code == 302


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


@override_settings(WIJKKRACHT_REQUIRE_STAFF_2FA=True)
@pytest.mark.parametrize("persona", NOT_STAFF)
def test_residents_are_never_asked(world, client, persona):
    response = login(client, world.users[persona], next_url="/mijn/gegevens/")
    assert response["Location"] == "/mijn/gegevens/"
    assert client.get("/mijn/gegevens/").status_code == 200


@pytest.mark.parametrize("persona", STAFF)
def test_switch_off_staff_are_not_asked(world, client, persona):
    # tests run with WIJKKRACHT_REQUIRE_STAFF_2FA=False, like the demo (env var WIJKKRACHT_REQUIRE_STAFF_2FA=0)
    response = login(client, world.users[persona], next_url="/mijn/gegevens/")
    assert response["Location"] == "/mijn/gegevens/"


@pytest.mark.parametrize("url", [VERIFY, SETUP])
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
    response = client.post("/mijn/gegevens/", {"first_name": "Hacked", "contact_preference": "email"})
    assert response.status_code == 302
    assert Person.objects.get(user=user).first_name == "Priya"
    redirected = client.get("/mijn/gegevens/?a=1&b=2")
    assert parse_qs(urlparse(redirected["Location"]).query) == {"next": ["/mijn/gegevens/?a=1&b=2"]}
    # the language switch stays open before the second step
    assert client.post(reverse("accounts:language"), {"language": "en", "next": "/"}).status_code == 302
