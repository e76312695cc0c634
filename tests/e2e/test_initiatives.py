"""Initiatives in the browser: a resident proposes one, neighbours back it, the council approves it and grants
money, the budget page shows the remainder, the initiator uploads a receipt. axe-core at 1280 and 390 px."""

import re

import pytest

from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from tests.initiatives import factories as nf
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import Backing, Grant, Initiative, Receipt

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_resident_proposes_neighbours_back_the_council_grants_and_a_receipt_is_uploaded(
    page, world, axe_check, tmp_path
):
    nf.DistrictBudgetFactory(district=world.district_a)
    log_in(page, world.users["resident"].email)
    page.goto("/initiatieven/")
    check(page, axe_check)
    page.get_by_role("link", name="Initiatief indienen").click()
    page.wait_for_url(re.compile(r"/nieuw/"))
    page.get_by_role("button", name="Indienen").click()  # empty: errors, nothing saved
    assert page.locator(".errorlist").count() >= 2
    check(page, axe_check)
    page.get_by_label(re.compile(r"^Naam van uw initiatief")).fill("Buurtbieb bij het wijkcentrum")
    page.get_by_label(re.compile(r"^Wat gaat u doen")).fill("Een kast met boeken om te ruilen.")
    page.get_by_label(re.compile(r"^Voor wie")).fill("Iedereen die leest")
    page.get_by_role("checkbox", name="geld").check()
    page.get_by_label(re.compile(r"^Hoeveel geld")).fill("250")
    page.get_by_role("button", name="Indienen").click()
    page.wait_for_url(re.compile(r"/initiatieven/[0-9a-f-]+/$"))
    check(page, axe_check)
    initiative = Initiative.objects.get(title="Buurtbieb bij het wijkcentrum")

    for neighbour in ("volunteer", "council_a"):
        log_out(page)
        log_in(page, world.users[neighbour].email)
        page.goto(initiative.url)
        page.get_by_role("button", name="Ik steun dit initiatief").click()
        page.wait_for_load_state()
    assert Backing.objects.filter(initiative=initiative).count() == 2

    # council_a is still logged in: the council decides and grants.
    page.goto(initiative.url)
    check(page, axe_check)
    page.get_by_label("Reden (Goedkeuren)").fill("Leuk en goedkoop.")
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    page.get_by_label(re.compile(r"^Bedrag")).fill("250")
    page.get_by_role("button", name="Geld toekennen").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.APPROVED
    assert Grant.objects.get(initiative=initiative).amount == 250
    page.goto("/initiatieven/wijkbudgetten/")
    assert "€ 750" in page.locator("main").inner_text()
    check(page, axe_check)

    log_out(page)
    log_in(page, world.users["resident"].email)
    page.goto(initiative.url)
    assert "Leuk en goedkoop." in page.locator("main").inner_text()
    receipt = tmp_path / "bon.pdf"
    receipt.write_bytes(nf.PDF)
    page.get_by_label(re.compile(r"^Bonnetje")).set_input_files(str(receipt))
    page.locator("#id_amount").fill("19,95")
    page.get_by_label(re.compile(r"^Waarvoor")).fill("Boekenplank")
    page.get_by_role("button", name="Bonnetje uploaden").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert Receipt.objects.filter(grant__initiative=initiative).count() == 1
    page.get_by_role("button", name=re.compile(r"^Gedaan")).first.click()
    page.wait_for_load_state()
    check(page, axe_check)
