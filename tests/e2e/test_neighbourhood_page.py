"""The neighbourhood page in a real browser, at 1280 px and 390 px, in Dutch and English: axe-core passes, the page
is never wider than the screen, the map marks the neighbourhood and leads to its neighbours, and a resident reaches
it from the district page and from search, with and without JavaScript."""

import pytest

from wijkkracht.places.models import District, Neighbourhood

from .test_front_door import check, demo  # noqa: F401 - demo is a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", (1280, 390))
def test_neighbourhood_pages_fit_the_screen_and_pass_axe(page, demo, axe_check, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    oude_dorp = Neighbourhood.objects.get(slug="oude-dorp")
    page.goto(oude_dorp.get_absolute_url())
    check(page, axe_check)
    assert page.get_by_role("heading", level=1).inner_text() == "Buurt Oude Dorp"
    assert page.locator('svg.map a[aria-current="page"]').get_attribute("aria-label") == "Oude Dorp"
    assert page.locator("#centres-heading ~ ul.card-list li").count() >= 1
    assert page.locator("#council-heading + p").inner_text().strip() != ""
    # A neighbourhood of a district without a centre of its own (Elsrijk), and the same page in English.
    elsrijk = Neighbourhood.objects.filter(district__cbs_code="WK036203").order_by("name").first()
    page.goto(elsrijk.get_absolute_url())
    check(page, axe_check)
    assert "ongeveer" in page.locator("#centres-heading ~ ul.card-list").inner_text()
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"**{elsrijk.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == f"Neighbourhood {elsrijk.name}"
    check(page, axe_check)


def test_from_the_district_page_and_the_map_to_a_neighbour(page, demo):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(District.objects.get(cbs_code="WK036208").url)
    page.locator("tr#buurt-oude-dorp th a").click()
    page.wait_for_url("**/buurten/oude-dorp/")
    # Every shape on the map is a big enough target for a finger (44 × 44 px).
    small = page.evaluate(
        """() => [...document.querySelectorAll('svg.map a')].map(a => {
             const r = a.getBoundingClientRect(); return [a.getAttribute('aria-label'), r.width, r.height];
           }).filter(([, w, h]) => w < 44 || h < 44)"""
    )
    assert small == []
    # On the neighbourhood's map, a neighbour is a link to its own page.
    neighbour = page.locator('svg.map a:not([aria-current="page"])').first
    name = neighbour.get_attribute("aria-label")
    neighbour.click()
    page.wait_for_url(f"**{Neighbourhood.objects.get(name=name).get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == f"Buurt {name}"


def test_search_finds_the_neighbourhood_page_without_javascript(nojs_page, demo):  # noqa: F811
    nojs_page.set_viewport_size({"width": 390, "height": 844})
    nojs_page.goto("/zoeken/")
    nojs_page.locator("#search-q").fill("oude dorp")
    nojs_page.keyboard.press("Enter")
    nojs_page.get_by_role("link", name="Buurt Oude Dorp").click()
    nojs_page.wait_for_url("**/buurten/oude-dorp/")
    assert nojs_page.locator("#figures-heading").is_visible()
