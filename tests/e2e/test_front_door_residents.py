"""The front door in a real browser, at 1280 px and at 390 px (a phone), axe-core on every page and no page
wider than the screen: sign up and confirm the address, the desk, keyboard only, English kept across login,
contact and the statements, Mijn gegevens on a phone."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.e2e.test_journeys import log_in
from wijkkracht.accounts.models import User
from wijkkracht.pages.models import SiteInformation
from wijkkracht.people.models import Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)
NEW_PASSWORD = "een lange zin als wachtwoord"


@pytest.fixture
def info(world, settings):
    settings.WIJKKRACHT_MUNICIPALITY = world.municipality.cbs_code
    return SiteInformation.objects.create(
        municipality=world.municipality,
        contact_name="Participe Amstelland",
        contact_phone="020 123 45 67",
        contact_phone_hours="maandag tot en met vrijdag, van 9.00 tot 17.00 uur",
        controller_name="Gemeente Amstelveen",
        privacy_email="privacy@example.org",
        accessibility_status="B",
        accessibility_email="toegankelijkheid@example.org",
        accessibility_known_issues="Er is nog geen onderzoek door een deskundige gedaan.",
        statement_date=datetime.date(2026, 11, 1),
        operator_name="Gemeente Amstelveen, samen met Participe Amstelland",
    )


def assert_fits(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        wide = page.evaluate(
            """(w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w
                || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))""",
            page.viewport_size["width"],
        )
        raise AssertionError(f"{page.url} is {width} px wide at {page.viewport_size['width']} px: {wide}")


@pytest.fixture
def check(axe_check):
    """check(page): axe-core and 'no wider than the screen' at 1280 px and at 390 px; ends at 1280 px."""

    def run(page):
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            assert_fits(page)
            axe_check(page)

    return run


def confirmation_link(index=-1) -> str:
    return re.search(r"https?://[^\s]+/account/bevestigen/[^\s]+/", mail.outbox[index].body).group(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_sign_up_and_confirm_the_address(page, world, info, check, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("accounts:login"))
    page.get_by_role("link", name="Maak een account").click()
    page.wait_for_url(re.compile(r"/aanmelden/$"))
    check(page)
    page.locator("main button[type=submit]").click()  # empty: a field error
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    check(page)
    page.get_by_label("E-mailadres").fill("nieuw@example.org")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/aanmelden/verstuurd/$"))
    check(page)
    assert len(mail.outbox) == 1

    page.goto(confirmation_link())
    check(page)
    page.get_by_label("Uw voornaam").fill("Nina")
    page.get_by_label("Kies een wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Typ het wachtwoord nog een keer").fill("iets anders dan het eerste")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    check(page)
    page.get_by_label("Kies een wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Typ het wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mijn/gegevens/$"))
    assert "Uw account is klaar" in page.locator("main").inner_text()
    assert page.locator('input[name="first_name"]').input_value() == "Nina"
    check(page)
    assert User.objects.get(email="nieuw@example.org").is_active


@pytest.mark.parametrize("width", WIDTHS)
def test_a_professional_registers_a_resident_at_the_desk(page, world, info, check, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, world.users["professional_a"].email)
    page.goto("/")
    if width == 390:
        assert_fits(page)
    page.locator("nav.main-nav").get_by_role("link", name="Balie").click()
    page.wait_for_url(re.compile(r"/balie/$"))
    check(page)
    page.get_by_role("link", name="Bewoner inschrijven").click()
    page.wait_for_url(re.compile(r"/balie/inschrijven/$"))
    check(page)
    page.locator("main button[type=submit]").click()  # nothing filled in: errors
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    check(page)
    page.get_by_label("via de telefoon").check()
    page.get_by_label("Voornaam").fill("Henk")
    page.get_by_label("Geboortejaar").fill("1941")
    page.get_by_label("Buurt").select_option(label="Randwijck West")
    page.get_by_label("Telefoonnummer").fill("020 123 4567")
    page.get_by_label("De bewoner geeft toestemming").check()
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/balie/bewoners/"))
    check(page)
    person = Person.objects.get(first_name="Henk")
    assert (person.channel, person.user, person.registered_by) == ("phone", None, world.users["professional_a"])

    page.get_by_label("E-mailadres van de bewoner").fill("henk@example.org")
    page.get_by_role("button", name="Stuur de uitnodiging").click()
    page.wait_for_load_state()
    assert "De link werkt 14 dagen." in page.locator("main").inner_text()
    check(page)
    link = confirmation_link()

    # The resident claims the account from the link, in another browser.
    page.context.clear_cookies()
    page.goto(link)
    assert "Welkom, Henk." in page.locator("main").inner_text()
    check(page)
    page.get_by_label("Kies een wachtwoord").fill(NEW_PASSWORD)
    page.get_by_label("Typ het wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mijn/gegevens/$"))
    person.refresh_from_db()
    assert person.user.is_active and person.user.email == "henk@example.org"


def _tab_to(page, selector: str, limit: int = 80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_through_sign_up(page, world, info):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/")
    _tab_to(page, "nav.main-nav a[href='/account/inloggen/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/inloggen/"))
    _tab_to(page, "main a[href='/account/aanmelden/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/aanmelden/$"))
    _tab_to(page, "input[name=email]")
    page.keyboard.type("toetsenbord@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/verstuurd/$"))

    page.goto(confirmation_link())
    _tab_to(page, "input[name=first_name]")
    page.keyboard.type("Tom")
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_PASSWORD)
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/mijn/gegevens/$"))
    assert User.objects.get(email="toetsenbord@example.org").is_active


def test_english_is_kept_across_login(page, world, info, axe_check):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.goto(reverse("accounts:login"))
    page.get_by_label("Email address").fill(world.users["resident"].email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(reverse("people:profile"))
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page)
    world.users["resident"].refresh_from_db()
    assert world.users["resident"].preferred_language == "en"
    # and after logging out and in again on a browser without the cookie, English comes from the account
    page.context.clear_cookies()
    page.goto(reverse("accounts:login"))
    page.get_by_label("E-mailadres").fill(world.users["resident"].email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize(
    "name", ["places:home", "pages:contact", "pages:privacy", "pages:accessibility", "pages:colophon"]
)
def test_contact_and_statements_pass_axe_and_fit_a_phone(page, world, info, check, name):
    page.goto(reverse(name))
    check(page)
    footer = page.locator("footer")
    assert footer.get_by_role("link", name="020 123 45 67").is_visible()
    for label in ("Contact", "Privacy", "Toegankelijkheid", "Colofon"):
        assert footer.get_by_role("link", name=label, exact=True).is_visible()


@pytest.mark.parametrize("persona", ["resident", "professional_a", "administrator"])
def test_my_details_fits_a_phone(page, world, info, check, persona):
    log_in(page, world.users[persona].email)
    page.goto(reverse("people:profile"))
    check(page)
    page.get_by_label("Voornaam").fill("")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    check(page)


def test_login_and_reset_throttled_pages_pass_axe(page, world, info, check):
    for _ in range(6):
        page.goto(reverse("accounts:login"))
        page.get_by_label("E-mailadres").fill(world.users["resident"].email)
        page.get_by_label("Wachtwoord").fill("fout wachtwoord")
        page.locator("main").get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    assert "Wacht 15 minuten" in page.get_by_role("alert").inner_text()
    check(page)


# Not visited by the sweep: the admin (Django's own pages), downloads, and the demo mailbox.
SWEEP_SKIP = ("/beheer/", "/mijn/gegevens/downloaden/", "/postvak/")
DOWNLOADS = (".ics", ".csv", ".json", ".pdf")
SWEEP_LIMIT = 30


@pytest.mark.parametrize("persona", ["anonymous", "resident", "council_a", "professional_a", "coordinator", "analyst"])
def test_no_page_a_persona_can_reach_scrolls_sideways_on_a_phone(page, world, info, persona):
    """From the home page, every page a persona reaches by links (up to SWEEP_LIMIT) fits a 390 px screen."""
    page.set_viewport_size({"width": 390, "height": 900})
    if persona != "anonymous":
        log_in(page, world.users[persona].email)
    queue, seen, wide = ["/"], set(), []
    while queue and len(seen) < SWEEP_LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 390:
            wide.append((url, width))
        for href in page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"):
            href = href.split("#")[0]
            local = href.startswith("/") and not href.startswith(("//", *SWEEP_SKIP))
            local = local and not href.split("?")[0].endswith(DOWNLOADS)
            if local and href not in seen:
                queue.append(href)
    assert wide == []
    assert len(seen) >= 8, seen  # the sweep did reach the site's pages
