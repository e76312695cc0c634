"""Journeys through the site in a real browser, each page checked with axe-core (WCAG 2.1 A/AA)."""

import re

import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Role-specific items ("Wijken" and "Cijfers" are public, "Mijn gegevens" is for everyone logged in).
ALL_ITEMS = {"Mijn raad", "Mijn werkplek", "Organisatie", "Beheer"}
# persona -> (role-specific navigation items it must see, the item to follow and check)
PERSONAS = {
    "resident": (set(), "Mijn gegevens"),
    "volunteer": (set(), "Mijn gegevens"),
    "council_a": ({"Mijn raad"}, "Mijn raad"),
    "professional_a": ({"Mijn raad", "Mijn werkplek"}, "Mijn werkplek"),
    "coordinator": ({"Organisatie"}, "Organisatie"),
    "analyst": (set(), "Cijfers"),
    "administrator": ({"Mijn raad", "Beheer"}, "Cijfers"),
}


def nav_items(page) -> set[str]:
    return {t.strip() for t in page.locator("nav.main-nav li").all_inner_texts()}


def district_link(page, name):
    return page.locator("#districts-heading + ul").get_by_role("link", name=name, exact=True)


def log_in(page, email):
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_home_to_district_to_centre_by_clicking(page, world, axe_check):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nl"
    axe_check(page)

    district_link(page, "Randwijck").click()
    page.wait_for_url(re.compile(r"/wijken/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Wijk Randwijck"
    axe_check(page)

    page.locator("main").get_by_role("link", name="Villa Randwijck").first.click()
    page.wait_for_url(re.compile(r"/wijkcentra/"))
    assert "Villa Randwijck" in page.get_by_role("heading", level=1).inner_text()
    axe_check(page)


def test_skip_link_moves_focus_to_main(page, world):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    assert page.locator(".skip-link").is_visible()  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_log_in_as_persona_shows_its_navigation(page, world, axe_check, persona):
    expected, follow = PERSONAS[persona]
    log_in(page, world.users[persona].email)

    items = nav_items(page)
    assert {"Wijken", "Mijn gegevens", "Uitloggen"} <= items, items
    assert items & ALL_ITEMS == expected
    axe_check(page)

    page.locator("nav.main-nav").get_by_role("link", name=follow, exact=True).click()
    page.wait_for_load_state()
    assert page.locator("main h1").count() == 1
    axe_check(page)


def test_wrong_password_shows_an_error_and_passes_axe(page, world, axe_check):
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill("resident@example.org")
    page.get_by_label("Wachtwoord").fill("wrong password")
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert "Inloggen" in nav_items(page)
    axe_check(page)


def test_switch_language_to_english_and_back(page, world, axe_check):
    page.goto(world.district_a.url)
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.url.endswith(world.district_a.url)  # stays on the same page
    assert page.get_by_role("heading", level=1).inner_text() == "District Randwijck"
    assert page.get_by_role("button", name="Nederlands").is_visible()
    axe_check(page)

    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_function("() => document.documentElement.lang === 'nl'")
    assert page.get_by_role("button", name="English").is_visible()


def test_pages_work_without_javascript(nojs_page, world):
    page = nojs_page
    page.goto("/")
    district_link(page, "Westwijk").click()
    page.wait_for_url(re.compile(r"/wijken/"))
    page.locator("main").get_by_role("link", name="Westend").first.click()
    page.wait_for_url(re.compile(r"/wijkcentra/"))
    assert "Westend" in page.get_by_role("heading", level=1).inner_text()

    log_in(page, world.users["resident"].email)
    assert "Mijn gegevens" in nav_items(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
