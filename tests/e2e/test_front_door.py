"""The front door in a real browser, on a phone (390 px) and a desktop (1280 px): every page touched passes
axe-core and is never wider than the screen; maps name their places, link to the table and have big enough
targets; a resident finds their district by an everyday name, with and without JavaScript."""

import re

import pytest
from django.urls import reverse

from wijkkracht.demo.seed import DEMO_PASSWORD, seed_demo
from wijkkracht.places.models import CommunityCentre, District

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


@pytest.fixture
def demo(transactional_db):
    seed_demo(log=lambda *args, **kwargs: None)


def no_sideways_scroll(page):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide on a {widths[1]} px screen"


def check(page, axe_check):
    no_sideways_scroll(page)
    axe_check(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_public_place_pages_fit_the_screen_and_pass_axe(page, demo, axe_check, width):
    page.set_viewport_size({"width": width, "height": 900})
    with_centre = CommunityCentre.objects.select_related("district").get(name="Villa Randwijck")
    without = District.objects.get(cbs_code="WK036203")  # Elsrijk: no centre of its own
    pages = [
        "/",
        with_centre.district.url,
        without.url,
        with_centre.url,
        reverse("places:figures"),
        reverse("places:search") + "?q=westwijk",
        reverse("places:search") + "?q=randwyk",
        reverse("places:search") + "?q=1181+AB",
        reverse("places:search"),
    ]
    for url in pages:
        page.goto(url)
        check(page, axe_check)
    page.goto(without.url)
    assert page.get_by_role("heading", name="Wijkcentra bij u in de buurt").is_visible()
    assert page.locator("#council-heading + p").inner_text().startswith("Deze wijk heeft geen eigen gebruikersraad")


@pytest.mark.parametrize("width", WIDTHS)
def test_centre_management_pages_fit_the_screen_and_pass_axe(page, demo, axe_check, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill("beroepskracht@demo.wijkkracht.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    centre = CommunityCentre.objects.get(name="Villa Randwijck")
    page.goto(centre.url)
    assert page.get_by_role("heading", name="Beheer van dit wijkcentrum").is_visible()  # logged in, may manage
    room = centre.rooms.order_by("name").first()
    for url in (
        centre.url,
        reverse("places:centre_edit", args=[centre.slug]),
        reverse("places:centre_hours", args=[centre.slug]),
        reverse("places:room_create", args=[centre.slug]),
        reverse("places:room_edit", args=[centre.slug, room.public_id]),
        reverse("places:room_delete", args=[centre.slug, room.public_id]),
    ):
        page.goto(url)
        assert page.url.endswith(url), page.url
        check(page, axe_check)
    page.goto(reverse("places:centre_hours", args=[centre.slug]))
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    check(page, axe_check)


def test_journey_find_a_district_by_its_everyday_name_on_a_phone(page, demo, axe_check):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.get_by_role("searchbox", name="Zoek uw wijk").fill("het dorp")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"/zoeken/\?q=het\+dorp"))
    check(page, axe_check)
    results = page.locator(".result-list a")
    assert results.all_inner_texts()[0] == "Wijk Keizer Karelpark"
    assert "ook wel: Het Dorp" in page.locator(".result-list li").first.inner_text()
    results.first.click()
    page.wait_for_url("**/wijken/keizer-karelpark/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wijk Keizer Karelpark"
    check(page, axe_check)


def test_journey_find_a_district_without_javascript(nojs_page, demo):
    page = nojs_page
    page.goto("/")
    page.get_by_role("searchbox", name="Zoek uw wijk").fill("Westwijk")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    assert set(page.locator(".result-list a").all_inner_texts()) == {
        "Wijk Bovenkerk - Westwijk Noord",
        "Wijk Westwijk Zuid",
    }
    page.get_by_role("link", name="Wijk Westwijk Zuid").click()
    page.wait_for_url("**/wijken/westwijk-zuid/")


def test_maps_name_places_mark_centres_and_have_big_enough_targets(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    texts = page.locator("svg.map a text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert len(texts) == 14 and any("Stadshart" in t for t in texts)
    assert page.locator("svg.map .marker").count() == 7
    for path in ["/", *(d.url for d in District.objects.order_by("name"))]:
        page.goto(path)
        small = page.evaluate(
            """() => [...document.querySelectorAll('svg.map a')].map(a => {
                 const r = a.getBoundingClientRect(); return [a.getAttribute('aria-label'), r.width, r.height];
               }).filter(([, w, h]) => w < 44 || h < 44)"""
        )
        assert small == [], f"{path}: targets under 44×44 px: {small}"


def test_a_neighbourhood_on_the_map_leads_to_its_row(page, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(District.objects.get(cbs_code="WK036208").url)
    page.locator('svg.map a[aria-label="Oude Dorp"]').click()
    assert page.url.endswith("#buurt-oude-dorp")
    row = page.locator("tr#buurt-oude-dorp")
    assert row.evaluate("r => getComputedStyle(r).backgroundColor") != "rgba(0, 0, 0, 0)"  # marked as :target
    assert row.locator("th").inner_text() == "Oude Dorp"


def test_focus_on_a_map_shape_shows_its_name_and_a_visible_ring(page, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    link = page.locator('svg.map a[aria-label="Stadshart"]')
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Stadshart"
    label = link.locator("text")
    assert label.text_content().strip() == "Stadshart" and label.is_visible()
    assert label.evaluate("t => getComputedStyle(t).fontWeight") == "700"
    ring = link.locator("use.hit").evaluate("u => [getComputedStyle(u).stroke, getComputedStyle(u).strokeWidth]")
    assert ring == ["rgb(163, 65, 0)", "5px"]


def test_the_header_focus_ring_stands_out_against_the_header(page, demo):
    page.goto("/")
    page.locator(".site-header a.brand").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    colours = page.evaluate(
        """() => [getComputedStyle(document.activeElement).outlineColor,
                  getComputedStyle(document.querySelector('.site-header')).backgroundColor]"""
    )
    assert colours == ["rgb(255, 221, 0)", "rgb(11, 83, 148)"]  # yellow on the Amstelveen blue: 5.8:1


def test_an_old_uuid_link_lands_on_the_readable_address(page, demo):
    district = District.objects.get(cbs_code="WK036201")
    page.goto(f"/wijken/{district.public_id}/")
    assert page.url.endswith("/wijken/randwijck/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wijk Randwijck"


def test_figures_in_english_use_english_numbers(page, demo, axe_check):
    page.goto(reverse("places:figures"))
    assert page.locator("tfoot td").first.inner_text() == "94.435"
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.locator("tfoot td").first.inner_text() == "94,435"
    assert page.locator("thead th").nth(2).inner_text() == "0 to 14 years"
    check(page, axe_check)
