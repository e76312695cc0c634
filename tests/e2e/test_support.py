"""Help requests in the browser: a resident without an account asks for help on a phone (first with the form's
errors), the district's professional finds it in the queue, opens it (the access log shows it), moves it through
intake, matching and a helper from the resident's own network to closed, and the resident with an account
withdraws her own. axe-core at 1280 and 390 px."""

import re

import pytest

from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from tests.support.factories import HelpRequestFactory
from wijkkracht.support.constants import Outcome, RequestStatus
from wijkkracht.support.models import HelpRequest, LadderStep, NetworkContact, RequestAccess

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_resident_asks_for_help_and_the_professional_takes_it_to_closed(page, world, axe_check):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(world.district_a.url)
    page.get_by_role("link", name="Vraag hulp").click()
    page.wait_for_url(re.compile(r"/hulp/\?wijk="))
    check(page, axe_check)
    page.get_by_role("button", name="Verstuur mijn vraag").click()  # empty: errors, nothing saved
    assert page.locator(".errorlist").count() >= 3
    check(page, axe_check)
    assert HelpRequest.objects.count() == 0
    page.get_by_label("Waarmee wilt u hulp?").select_option("transport")
    page.get_by_label("Vertel kort wat u nodig hebt").fill("Een lift naar het ziekenhuis op donderdag.")
    page.get_by_label("vandaag of morgen").check()
    page.get_by_label("In welke buurt woont u?").select_option(label="Randwijck West")
    page.get_by_label("Uw naam").fill("Henk")
    page.get_by_label("Uw telefoonnummer").fill("06 12 34 56 78")
    page.get_by_label(re.compile(r"^Ik vind het goed")).check()
    page.get_by_role("button", name="Verstuur mijn vraag").click()
    page.wait_for_url(re.compile(r"/hulp/bedankt/$"))
    check(page, axe_check)
    assert "Henk" not in page.url and "06" not in page.url
    help_request = HelpRequest.objects.get()
    assert help_request.owner == world.users["professional_a"]

    log_in(page, world.users["professional_a"].email)
    page.get_by_role("link", name="Hulpvragen").first.click()
    page.wait_for_url(re.compile(r"/hulp/wachtrij/"))
    check(page, axe_check)
    assert "Henk" not in page.locator("main").inner_text()  # the queue shows no names
    page.get_by_role("link", name="Vervoer").click()
    page.wait_for_url(re.compile(r"/hulp/[0-9a-f-]+/$"))
    check(page, axe_check)
    assert "Henk" in page.locator("main").inner_text()
    assert RequestAccess.objects.filter(help_request=help_request).count() == 1
    page.get_by_role("button", name="Begin het gesprek (intake)").click()
    page.wait_for_load_state()
    page.get_by_role("textbox", name="De vraag achter de vraag").fill("Hij durft niet alleen naar het ziekenhuis.")
    page.get_by_role("textbox", name="Eigen kracht").fill("Kan zelf lopen met een rollator.")
    page.get_by_role("button", name="Intake opslaan").click()
    page.wait_for_load_state()
    page.locator("#id_name").fill("Zoon Kevin")
    page.get_by_label("Wie is het?").select_option("family")
    page.get_by_role("button", name="Toevoegen").click()  # without the resident's consent: refused
    page.wait_for_load_state()
    assert NetworkContact.objects.count() == 0
    page.locator("#id_name").fill("Zoon Kevin")
    page.get_by_label("Wie is het?").select_option("family")
    page.get_by_label(re.compile(r"^De bewoner vindt het goed dat ik")).check()
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_load_state()
    page.get_by_label("Antwoord van Zoon Kevin").select_option("no")
    page.locator("section[aria-labelledby=netwerk]").get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    page.get_by_label("Trede").select_option("own_network")
    page.get_by_label("Wat kwam eruit?").select_option("not_possible")
    page.get_by_role("button", name="Stap vastleggen").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert NetworkContact.objects.get().answer == "no"
    assert [s.rung for s in LadderStep.objects.all()] == ["own_network"]
    page.get_by_role("button", name="Zoek een helper").click()
    page.wait_for_load_state()
    page.get_by_label("Toelichting (Er is een helper)").fill("Een vrijwilliger uit de buurt rijdt.")
    page.get_by_role("button", name="Er is een helper").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="De hulp is begonnen").click()
    page.wait_for_load_state()
    page.get_by_label("geholpen").check()
    page.get_by_role("button", name="Sluit de vraag af").click()
    page.wait_for_load_state()
    check(page, axe_check)
    help_request.refresh_from_db()
    assert (help_request.status, help_request.outcome) == (RequestStatus.CLOSED, Outcome.RESOLVED)
    assert "Een vrijwilliger uit de buurt rijdt." in page.locator("main").inner_text()  # the history, with the reasons


def test_a_resident_with_an_account_sees_and_withdraws_her_own_request(page, world, axe_check):
    ria = world.users["resident"]
    HelpRequestFactory(neighbourhood=world.neighbourhood_a, person=ria.person, contact_name="Ria")
    log_in(page, ria.email)
    page.goto("/hulp/mijn/")
    check(page, axe_check)
    page.get_by_role("link", name="Boodschappen").click()
    page.wait_for_url(re.compile(r"/hulp/[0-9a-f-]+/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Trek mijn vraag in").click()
    page.wait_for_load_state()
    assert HelpRequest.objects.get().outcome == Outcome.WITHDRAWN
    assert RequestAccess.objects.count() == 0
    log_out(page)
    page.goto("/hulp/mijn/")
    assert "/account/inloggen/" in page.url


def test_the_take_form_and_its_errors(page, world, axe_check):
    log_in(page, world.users["professional_b"].email)
    page.goto("/hulp/noteren/")
    check(page, axe_check)
    page.get_by_role("button", name="Vraag opslaan").click()
    assert page.locator(".errorlist").count() >= 3
    check(page, axe_check)
    assert HelpRequest.objects.count() == 0


def test_the_escalation_list_and_a_follow_up_check_in(page, world, axe_check):
    from datetime import timedelta

    from django.utils import timezone

    from wijkkracht.support.models import FollowUp

    pro = world.users["professional_a"]
    HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=pro, intake_due_at=timezone.now() - timedelta(days=1))
    closed = HelpRequestFactory(
        neighbourhood=world.neighbourhood_a, owner=pro, status=RequestStatus.CLOSED, vulnerable=True, category="company"
    )
    FollowUp.objects.create(help_request=closed, due_on=timezone.localdate())
    log_in(page, pro.email)
    page.goto("/hulp/escalaties/")
    check(page, axe_check)
    assert "intake te laat" in page.locator("main").inner_text()
    page.get_by_role("link", name=re.compile(r"^Gezelschap")).click()
    page.wait_for_url(re.compile(r"/hulp/[0-9a-f-]+/#nagesprek$"))
    check(page, axe_check)
    page.get_by_label("Hoe gaat het met de bewoner?").fill("Gaat goed, komt naar de koffieochtend.")
    page.get_by_role("button", name="Nagesprek gehouden").click()
    page.wait_for_load_state()
    assert FollowUp.objects.get().done_at is not None


def test_the_figures_page(page, world, axe_check):
    for _ in range(5):
        HelpRequestFactory(neighbourhood=world.neighbourhood_a)
    log_in(page, world.users["analyst"].email)
    page.goto("/hulp/cijfers/")
    check(page, axe_check)
    assert "Randwijck" in page.locator("main").inner_text()
