"""Every page of the site in the browser with axe-core, including forms in their error state: the centre
management pages, password reset and the error pages (two-step login: test_two_step_login.py)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import log_in
from wijkkracht.places.models import Room

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_centre_management_pages_and_their_errors_pass_axe(page, world, axe_check):
    log_in(page, world.users["professional_a"].email)
    centre, room = world.centre_a, world.room_a
    page.goto(centre.url)
    axe_check(page)

    page.get_by_role("link", name="Gegevens wijzigen").click()
    page.wait_for_url(re.compile(r"/bewerken/"))
    axe_check(page)
    page.get_by_label("Postcode").fill("niet goed")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    axe_check(page)

    page.goto(reverse("places:centre_hours", args=[centre.slug]))
    axe_check(page)

    page.goto(reverse("places:room_create", args=[centre.slug]))
    axe_check(page)
    page.get_by_label("Naam").fill("Grote zaal")  # already taken in this centre
    page.get_by_label("Aantal personen").fill("0")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    assert Room.objects.filter(centre=centre).count() == 1
    axe_check(page)

    page.goto(reverse("places:room_edit", args=[centre.slug, room.public_id]))
    axe_check(page)
    page.goto(reverse("places:room_delete", args=[centre.slug, room.public_id]))
    axe_check(page)
    page.get_by_role("button", name="Ja, verwijderen").click()
    page.wait_for_url(re.compile(r"/wijkcentra/"))
    assert not Room.objects.filter(pk=room.pk).exists()


def test_password_reset_pages_pass_axe_from_request_to_new_password(page, world, axe_check):
    page.goto(reverse("accounts:login"))
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    axe_check(page)
    page.get_by_label("E-mailadres").fill("resident@example.org")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/wachtwoord-herstellen/[^\s]+", mail.outbox[0].body).group(0)
    page.goto(link)
    page.wait_for_load_state()
    axe_check(page)
    fields = page.locator("main input[type=password]")
    fields.nth(0).fill("een heel nieuw wachtwoord 2026")
    fields.nth(1).fill("een heel nieuw wachtwoord 2026")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)
    world.users["resident"].refresh_from_db()
    assert world.users["resident"].check_password("een heel nieuw wachtwoord 2026")
    assert not world.users["resident"].check_password(PASSWORD)


def test_error_pages_pass_axe(page, world, axe_check):
    page.goto("/bestaat-niet/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    axe_check(page)
    log_in(page, world.users["resident"].email)
    page.goto(reverse("organisations:workplace"))
    assert page.get_by_role("heading", level=1).inner_text() == "Geen toegang"
    axe_check(page)


def test_the_english_site_is_translated(page, world, axe_check):
    page.goto(world.district_a.url)
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.get_by_role("heading", level=1).inner_text() == "District Randwijck"
    assert page.get_by_role("link", name="Log in").is_visible()
    axe_check(page)
