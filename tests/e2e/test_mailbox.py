"""The mail path in the browser: a password-reset request goes through the outbox and the task into the demo
mailbox, where the administrator reads it (axe-core at 1280 px and 390 px)."""

import re

import pytest
from django.urls import reverse

from tests.e2e.test_journeys import log_in
from wijkkracht.mail.models import MailboxMessage, OutgoingMail

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_reset_mail_lands_in_the_mailbox_the_administrator_reads(page, world, axe_check, settings):
    settings.MAILERS = {
        "default": {"BACKEND": "wijkkracht.mail.backends.OutboxBackend"},
        "delivery": {"BACKEND": "wijkkracht.mail.backends.MailboxBackend"},
    }
    page.goto(reverse("accounts:password_reset"))
    page.get_by_label("E-mailadres").fill("resident@example.org")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/verstuurd/"))
    assert OutgoingMail.objects.get().status == "sent"
    message = MailboxMessage.objects.get()

    log_in(page, world.users["administrator"].email)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(reverse("mail:inbox"))
        axe_check(page)
        page.get_by_role("link", name="Nieuw wachtwoord voor Wijkkracht").click()
        page.wait_for_url(re.compile(str(message.public_id)))
        axe_check(page)
    link = page.locator("main pre a").first.get_attribute("href")
    assert "/wachtwoord-herstellen/" in link
    page.goto(link)
    page.wait_for_load_state()
    assert page.locator("main input[type=password]").count() == 2
