"""Concerns in the browser: a resident raises a concern from the home page (first with the form's errors); the
district's professional finds it in the queue without personal data, opens it (the access log shows it), triages
it and turns it into a help request, then closes it with a fixed message; the resident sees that message and
nothing about the person. axe-core at 1280 and 390 px, no sideways scroll."""

import re

import pytest

from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from wijkkracht.concerns.constants import ConcernStatus, StepKind
from wijkkracht.concerns.models import Concern, ConcernAccess, ConcernStep
from wijkkracht.support.models import HelpRequest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_concern_is_raised_triaged_and_turned_into_a_help_request(page, world, axe_check):
    log_in(page, world.users["resident"].email)
    page.goto("/")
    page.get_by_role("link", name="Meld een zorg").click()
    page.wait_for_url(re.compile(r"/zorgsignalen/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Verstuur mijn melding").click()  # empty: errors, nothing saved
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 2
    check(page, axe_check)
    assert Concern.objects.count() == 0
    page.get_by_label("eenzaamheid").check()
    page.get_by_label("Wat ziet of hoort u?").fill("Mijn buurvrouw komt al weken niet buiten.")
    page.get_by_label("In welke buurt is het?").select_option(label="Randwijck West")
    page.get_by_label("Het gaat over een persoon").check()
    page.get_by_label("Over wie gaat het? (mag leeg blijven)").fill("Mevrouw De Wit")
    page.get_by_role("button", name="Verstuur mijn melding").click()
    page.wait_for_url(re.compile(r"/zorgsignalen/mijn/$"))
    check(page, axe_check)
    concern = Concern.objects.get()
    assert "Wit" not in page.url

    log_out(page)
    log_in(page, world.users["professional_a"].email)
    page.get_by_role("link", name="Zorgsignalen").first.click()
    page.wait_for_url(re.compile(r"/zorgsignalen/wachtrij/"))
    check(page, axe_check)
    assert "De Wit" not in page.locator("main").inner_text()  # the queue shows no personal data
    page.get_by_role("link", name="Eenzaamheid").click()
    page.wait_for_url(re.compile(r"/zorgsignalen/[0-9a-f-]+/$"))
    check(page, axe_check)
    assert "Mevrouw De Wit" in page.locator("main").inner_text()
    assert ConcernAccess.objects.filter(concern=concern).count() == 1
    page.get_by_label("Hoe dringend?").select_option("high")
    page.get_by_label("Notitie bij de beoordeling").fill("Vandaag langsgaan.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    page.wait_for_load_state()
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.TRIAGED
    page.get_by_role("link", name="Maak er een hulpvraag van").click()
    page.wait_for_url(re.compile(r"/hulpvraag/$"))
    check(page, axe_check)
    page.get_by_label("Hoe sprak u de bewoner?").select_option("home_visit")
    page.get_by_label("Telefoonnummer van de bewoner").fill("020 123 45 67")
    page.get_by_label("Soort hulp").select_option("company")
    page.get_by_label("Wat is de vraag?").fill("Wil graag af en toe bezoek.")
    page.get_by_label("Kwetsbare inwoner").check()
    page.get_by_role("button", name="Maak de hulpvraag").click()
    page.wait_for_url(re.compile(r"/hulp/[0-9a-f-]+/$"))
    help_request = HelpRequest.objects.get()
    assert (help_request.contact_name, help_request.owner) == ("Mevrouw De Wit", world.users["professional_a"])
    assert ConcernStep.objects.get().kind == StepKind.HELP_REQUEST

    page.goto(concern.url)
    page.get_by_label(re.compile(r"doorgegeven aan wie er het beste mee kan helpen")).check()
    page.get_by_role("button", name="Sluit af met een bericht aan de melder").click()
    page.wait_for_load_state()
    check(page, axe_check)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED

    log_out(page)
    log_in(page, world.users["resident"].email)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/zorgsignalen/mijn/")
    text = page.locator("main").inner_text()
    assert "doorgegeven aan wie er het beste mee kan helpen" in text
    assert "Vandaag langsgaan" not in text and "bezoek" not in text
    check(page, axe_check)


def test_concerns_in_figures_pass_axe(page, world, axe_check):
    from tests.concerns.factories import ConcernFactory

    for _n in range(6):
        ConcernFactory(neighbourhood=world.neighbourhood_a)
    ConcernFactory(neighbourhood=world.neighbourhood_b)
    log_in(page, world.users["analyst"].email)
    page.goto("/zorgsignalen/cijfers/")
    text = page.locator("main").inner_text()
    assert "minder dan 5" in text and "Dhr. Jansen" not in text
    check(page, axe_check)
