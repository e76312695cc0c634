"""The real demo data in a real browser: the 14 districts and 47 neighbourhoods of Amstelveen, their maps
drawn from the CBS boundaries, every page checked with axe-core."""

import re

import pytest

from wijkkracht.demo.seed import seed_demo
from wijkkracht.places.models import CommunityCentre, District

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    seed_demo(log=lambda *args, **kwargs: None)


def test_the_real_map_and_every_district_page_pass_axe(page, demo, axe_check):
    page.goto("/")
    assert page.locator("svg.map a").count() == 14
    assert "bron: CBS" in page.locator("figure.map-figure figcaption").inner_text()
    assert "verzonnen" in page.locator(".demo-banner").inner_text()
    axe_check(page)

    for district in District.objects.order_by("name"):
        page.goto(district.url)
        assert page.get_by_role("heading", level=1).inner_text() == f"Wijk {district.name}"
        assert page.locator("figure:not(.map-small) svg.map defs path").count() == district.neighbourhoods.count()
        axe_check(page)


def test_a_map_link_leads_to_its_district(page, demo):
    page.goto("/")
    page.locator('svg.map a[aria-label="Westwijk Zuid"]').click()
    page.wait_for_url(re.compile(r"/wijken/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Wijk Westwijk Zuid"


def test_every_centre_page_passes_axe(page, demo, axe_check):
    for centre in CommunityCentre.objects.order_by("name"):
        page.goto(centre.url)
        assert page.get_by_role("heading", level=1).inner_text() == centre.name
        axe_check(page)
