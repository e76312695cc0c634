"""Two-step login in the browser, every page checked with axe-core at 1280 px and 390 px wide: a staff member sets
it up through the e-mailed link, keeps the recovery codes, and later logs in with one instead of the phone."""

import re

import pytest
from django.core import mail
from django_otp.oath import totp

from tests.e2e.test_journeys import log_in
from wijkkracht.accounts.models import RecoveryCode, SecondFactorEnrolment
from wijkkracht.audit.models import AuditEvent

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = ((1280, 900), (390, 844))


@pytest.fixture
def axe_at_both_widths(page, axe_check):
    """axe-core at both widths; also fails on anything the Content-Security-Policy blocked on the page."""
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )

    def check(page):
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            axe_check(page)
        page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
        assert blocked == [], blocked

    return check


def submit(page):
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()


def test_staff_sets_up_two_step_login_through_the_emailed_link(page, world, settings, axe_at_both_widths):
    settings.WIJKKRACHT_REQUIRE_STAFF_2FA = True
    user = world.users["professional_b"]
    log_in(page, user.email)
    page.wait_for_url(re.compile(r"/twee-stappen/instellen/"))
    assert page.locator("main svg").count() == 0  # the password alone shows no secret
    axe_at_both_widths(page)

    page.get_by_role("button", name="Stuur mij de link").click()
    page.wait_for_load_state()
    assert page.locator(".message-success").count() == 1
    axe_at_both_widths(page)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/twee-stappen/koppelen/\S+/", mail.outbox[0].body).group(0)

    page.goto(link)
    page.wait_for_url(re.compile(r"/twee-stappen/instellen/$"))
    assert page.locator("main svg").count() == 1  # this attempt's QR code, drawn inline
    axe_at_both_widths(page)
    submit(page)  # no code: a field error
    assert page.locator("main .errorlist").count() >= 1
    axe_at_both_widths(page)

    device = SecondFactorEnrolment.objects.get(user=user).device
    page.locator("main input[name=token]").fill(f"{totp(device.bin_key):06d}")
    submit(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Uw herstelcodes"
    codes = page.locator("main .recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    axe_at_both_widths(page)
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    page.wait_for_load_state()
    assert "/twee-stappen/" not in page.url

    page.goto("/account/beveiliging/")
    assert "U heeft nog 10 herstelcodes" in page.locator("main").inner_text()
    axe_at_both_widths(page)


def test_log_in_with_a_recovery_code_after_losing_the_phone(page, world, settings, axe_at_both_widths):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkkracht.accounts import services

    settings.WIJKKRACHT_REQUIRE_STAFF_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = world.users["coordinator"]
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = services.recovery_codes_generate(user=user)

    log_in(page, user.email)
    page.wait_for_url(re.compile(r"/twee-stappen/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen: stap 2"
    axe_at_both_widths(page)
    page.get_by_role("link", name="Telefoon kwijt? Log in met een herstelcode").click()
    page.wait_for_url(re.compile(r"/twee-stappen/herstelcode/"))
    axe_at_both_widths(page)

    page.get_by_label("Herstelcode").fill("aaaa-bbbb-cccc")
    submit(page)
    assert "Deze herstelcode klopt niet of is al gebruikt." in page.locator("main").inner_text()
    axe_at_both_widths(page)

    page.get_by_label("Herstelcode").fill(codes[0].upper())
    submit(page)
    page.wait_for_url(re.compile(r"/account/beveiliging/"))
    assert "U heeft nog 9 herstelcodes" in page.locator("main").inner_text()
    assert RecoveryCode.objects.filter(code_set__user=user, used_at__isnull=False).count() == 1
    assert AuditEvent.objects.filter(action="recovery_code.used", actor=user).count() == 1
    axe_at_both_widths(page)

    page.get_by_role("button", name="Nieuwe herstelcodes maken").click()
    page.wait_for_load_state()
    assert page.locator("main .recovery-codes code").count() == 10
    axe_at_both_widths(page)
