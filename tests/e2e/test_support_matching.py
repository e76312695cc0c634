"""Matching in the browser: the professional does the intake of a vulnerable resident, finds no one in the
network, matches a volunteer from the ranked list (with the reasons); the volunteer accepts on her own page
(the name appears only then); the help starts, the request closes, and the follow-up check-in appears. And the
batch page "match all open requests". axe-core at 1280 and 390 px, no sideways scroll."""

import re

import pytest

from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from tests.support.factories import HelpRequestFactory
from tests.volunteers import factories as vf
from wijkkracht.places.models import Neighbourhood
from wijkkracht.support import ranking
from wijkkracht.support.constants import MatchStatus, Outcome, RequestStatus
from wijkkracht.support.models import FollowUp, HelpRequest, Match

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def vera(world):
    ranking.clear_cache()
    Neighbourhood.objects.filter(pk=world.neighbourhood_a.pk).update(centroid_lat=52.30, centroid_lon=4.86)
    volunteer = vf.VolunteerFactory(person=world.users["volunteer"].person, centres=[world.centre_a])
    vf.CertificateFactory(volunteer=volunteer)  # a valid VOG: she may help a vulnerable resident
    yield volunteer
    ranking.clear_cache()


def test_intake_no_one_in_the_network_a_volunteer_accepts_the_request_closes_the_follow_up_appears(
    page, world, vera, axe_check
):
    pro = world.users["professional_a"]
    help_request = HelpRequestFactory(
        neighbourhood=world.neighbourhood_a,
        owner=pro,
        channel="phone",
        category="company",
        contact_name="Mevrouw Bos",
        contact_phone="020 111 22 33",
        consent_share=True,
    )
    log_in(page, pro.email)
    page.goto(help_request.url)
    page.get_by_role("button", name="Begin het gesprek (intake)").click()
    page.wait_for_load_state()
    page.get_by_role("textbox", name="De vraag achter de vraag").fill("Eenzaam sinds haar man overleed.")
    page.get_by_label("Kwetsbare inwoner").check()
    page.get_by_label("dinsdag middag").check()
    page.get_by_role("button", name="Intake opslaan").click()
    page.wait_for_load_state()
    page.locator("#id_name").fill("Dochter Ellen")
    page.get_by_label("Wie is het?").select_option("family")
    page.get_by_label(re.compile(r"^De bewoner vindt het goed dat ik")).check()
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_load_state()
    page.get_by_label("Antwoord van Dochter Ellen").select_option("no")
    page.locator("section[aria-labelledby=netwerk]").get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    page.get_by_label("Trede").select_option("own_network")
    page.get_by_label("Wat kwam eruit?").select_option("not_possible")
    page.get_by_role("button", name="Stap vastleggen").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Zoek een helper").click()
    page.wait_for_load_state()
    helpers = page.locator("section[aria-labelledby=helper]")
    assert "Heeft een geldige VOG en is volwassen" in helpers.inner_text()
    assert "Kan op 0 van de 1 momenten" in helpers.inner_text()  # Vera: Monday and Wednesday only
    check(page, axe_check)
    helpers.get_by_role("button", name=re.compile(r"^Vraag Vera")).click()
    page.wait_for_load_state()
    assert "is gevraagd op" in page.locator("section[aria-labelledby=helper]").inner_text()
    match = Match.objects.get()
    assert match.status == MatchStatus.OFFERED

    log_out(page)
    log_in(page, world.users["volunteer"].email)
    page.get_by_role("link", name="Hulp die ik geef").first.click()
    page.wait_for_url(re.compile(r"/hulp/ik-help/$"))
    check(page, axe_check)
    assert "Mevrouw Bos" not in page.locator("main").inner_text()
    page.get_by_role("button", name="Ja, ik help").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert "Mevrouw Bos" in page.locator("main").inner_text()
    help_request.refresh_from_db()
    assert help_request.status == RequestStatus.MATCHED

    log_out(page)
    log_in(page, pro.email)
    page.goto(help_request.url)
    assert "helpt bij deze vraag" in page.locator("section[aria-labelledby=helper]").inner_text()
    page.get_by_role("button", name="De hulp is begonnen").click()
    page.wait_for_load_state()
    page.get_by_label("geholpen").check()
    page.get_by_role("button", name="Sluit de vraag af").click()
    page.wait_for_load_state()
    check(page, axe_check)
    help_request.refresh_from_db()
    assert (help_request.status, help_request.outcome) == (RequestStatus.CLOSED, Outcome.RESOLVED)
    follow_up = FollowUp.objects.get(help_request=help_request)
    assert "Bel de bewoner op of na" in page.locator("section[aria-labelledby=nagesprek]").inner_text()
    assert follow_up.done_at is None


def test_match_all_open_requests_proposes_and_the_professional_confirms(page, world, vera, axe_check):
    pro = world.users["professional_a"]
    HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=pro, status=RequestStatus.MATCHING)
    log_in(page, pro.email)
    page.goto("/hulp/wachtrij/")
    page.get_by_role("link", name="Koppel alle open vragen in Randwijck").click()
    page.wait_for_url(re.compile(r"/hulp/wijk/[a-z0-9-]+/koppelen/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Maak voorstellen").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert Match.objects.get().status == MatchStatus.PROPOSED
    page.get_by_role("button", name="Bevestig alle voorstellen en vraag de helpers").click()
    page.wait_for_load_state()
    assert Match.objects.get().status == MatchStatus.OFFERED
    assert HelpRequest.objects.get().status == RequestStatus.MATCHING  # until the helper says yes
