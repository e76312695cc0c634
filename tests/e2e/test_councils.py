"""Councils in the browser: a council member writes a plan with goals and submits it, the coordinator approves
it; the council gives an assignment and the professional completes it. Every page passes axe-core at 1280 px
and 390 px wide, without sideways scrolling."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.councils.matrix import setup
from tests.e2e.test_journeys import log_in
from wijkkracht.councils.constants import AssignmentStatus, PlanStatus
from wijkkracht.councils.models import Assignment, Plan

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


def check(page, axe_check):
    """axe-core at each width, and no sideways scroll."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        axe_check(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        wide = page.evaluate(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right >"
            " document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)"
        )
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px: {wide}"
    page.set_viewport_size({"width": 1280, "height": 900})


def log_out(page):
    page.context.clear_cookies()


def test_a_council_writes_a_plan_submits_it_and_it_is_approved(page, world, axe_check):
    data = setup(world)
    data.draft.delete()
    log_in(page, world.users["council_a"].email)
    page.goto(f"/raden/{world.council_a.public_id}/")
    check(page, axe_check)
    page.get_by_role("link", name="Naar de werkpagina van de raad").click()
    page.wait_for_url(re.compile(r"/werk/"))
    check(page, axe_check)

    page.get_by_role("link", name="Nieuw plan maken").click()
    check(page, axe_check)
    page.get_by_label("Jaar").select_option(str(timezone.localdate().year))
    page.get_by_label("Samenvatting").fill("Meer jongeren en werkende ouders in het wijkcentrum.")
    page.get_by_role("button", name="Plan maken").click()
    page.wait_for_url(re.compile(r"/raden/plannen/"))
    check(page, axe_check)

    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_role("button", name="Opslaan").click()  # empty: errors, nothing saved
    assert page.locator(".errorlist").count() >= 2
    check(page, axe_check)
    page.get_by_label(re.compile(r"^Doel\b")).fill("120 bewoners van 15 tot 55 jaar bereikt")
    page.get_by_label("15 tot 55 jaar (speciale aandacht)").check()
    page.get_by_label("Streefwaarde").fill("120")
    page.get_by_label("Begroting (euro)").fill("1500")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/raden/plannen/[0-9a-f-]+/$"))
    assert "120 bewoners van 15 tot 55 jaar bereikt" in page.locator("main").inner_text()
    page.get_by_role("button", name="Indienen ter goedkeuring").click()
    page.wait_for_load_state()
    assert "ingediend" in page.locator("main").inner_text()
    check(page, axe_check)
    plan = Plan.objects.get(council=world.council_a, year=timezone.localdate().year)
    assert plan.status == PlanStatus.SUBMITTED

    log_out(page)
    log_in(page, world.users["coordinator"].email)
    page.goto("/raden/plannen/goedkeuren/")
    check(page, axe_check)
    page.get_by_role("link", name=re.compile(r"Plan \d{4} van")).first.click()
    page.wait_for_url(re.compile(r"/raden/plannen/"))
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    check(page, axe_check)
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (PlanStatus.APPROVED, 1)


def test_the_council_gives_an_assignment_and_the_professional_completes_it(page, world, axe_check):
    setup(world)
    log_in(page, world.users["council_a"].email)
    page.goto(f"/raden/{world.council_a.public_id}/opdrachten/nieuw/")
    check(page, axe_check)
    page.get_by_label(re.compile(r"^Opdracht\b")).fill("Buurtfeest voorbereiden")
    page.get_by_label("Klaar op").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Opdracht geven").click()
    page.wait_for_url(re.compile(r"/werk/"))
    assignment = Assignment.objects.get(title="Buurtfeest voorbereiden")

    log_out(page)
    log_in(page, world.users["professional_a"].email)
    page.goto("/raden/taken/")
    check(page, axe_check)
    page.get_by_role("link", name="Buurtfeest voorbereiden").click()
    page.wait_for_url(re.compile(r"/raden/opdrachten/"))
    check(page, axe_check)
    page.get_by_role("button", name="Aannemen").click()
    page.wait_for_load_state()
    page.get_by_label("Wat is er gedaan?").fill("Tent en muziek geregeld.")
    page.get_by_label("Voortgang in procenten").fill("80")
    page.get_by_role("button", name="Melden").click()
    page.wait_for_load_state()
    check(page, axe_check)
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_load_state()
    assignment.refresh_from_db()
    assert (assignment.status, assignment.progress) == (AssignmentStatus.DONE, 100)

    log_out(page)
    log_in(page, world.users["council_a"].email)
    page.goto(assignment.url)
    assert "Tent en muziek geregeld." in page.locator("main").inner_text()
    check(page, axe_check)


def test_the_other_council_pages_pass_axe(page, world, axe_check):
    data = setup(world)
    log_in(page, world.users["council_a"].email)
    for url in (
        f"/raden/{world.council_a.public_id}/leden/voorstellen/",
        f"/raden/{world.council_a.public_id}/wijkcentrum/",
        f"/raden/plannen/{data.draft.public_id}/wijzigen/",
        f"/raden/plannen/{data.draft.public_id}/doelen/{data.draft_goal.public_id}/",
        f"/raden/plannen/{data.draft.public_id}/doelen/{data.draft_goal.public_id}/verwijderen/",
        data.running.url,
    ):
        page.goto(url)
        check(page, axe_check)
    page.goto(f"/raden/{world.council_a.public_id}/leden/voorstellen/")
    page.get_by_role("button", name="Voorstellen").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    check(page, axe_check)
    log_out(page)
    log_in(page, world.users["coordinator"].email)
    page.goto(f"/raden/{world.council_a.public_id}/werk/")
    check(page, axe_check)


def test_a_council_plans_a_meeting_records_it_and_the_chair_publishes_the_minutes(page, world, axe_check):
    from wijkkracht.councils.constants import MeetingStatus
    from wijkkracht.councils.models import Meeting

    data = setup(world)
    # The professional plans the meeting.
    log_in(page, world.users["professional_a"].email)
    page.goto(f"/raden/{world.council_a.public_id}/werk/")
    page.get_by_role("link", name="Vergadering plannen").click()
    page.get_by_role("button", name="Vergadering plannen").click()  # empty: errors, nothing saved
    assert page.locator(".errorlist").count() >= 1
    check(page, axe_check)
    page.get_by_label("Datum").fill((timezone.localdate() + datetime.timedelta(days=12)).isoformat())
    page.get_by_label("Begint om").fill("19:30")
    page.get_by_label("Plaats").fill("De grote zaal")
    page.get_by_label("Agenda").fill("Opening\nHet zomerfeest\nRondvraag")
    page.get_by_role("button", name="Vergadering plannen").click()
    page.wait_for_url(re.compile(r"/raden/vergaderingen/"))
    assert page.get_by_role("listitem").filter(has_text="Het zomerfeest").count() == 1
    check(page, axe_check)

    # The meeting held yesterday: minutes, a decision and who came.
    page.goto(data.held.url)
    page.get_by_role("textbox", name="Notulen").fill("We spraken over het zomerfeest in juli.")
    page.get_by_role("button", name="Notulen opslaan").click()
    page.get_by_role("textbox", name=re.compile(r"^Besluit")).fill("Het zomerfeest is op zaterdag 4 juli.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    check(page, axe_check)
    assert page.get_by_role("button", name="Notulen publiceren").count() == 0  # the chair publishes
    log_out(page)

    log_in(page, world.users["council_a"].email)
    page.goto(data.held.url)
    page.get_by_role("button", name="Notulen publiceren").click()
    page.wait_for_load_state()
    assert Meeting.objects.get(pk=data.held.pk).status == MeetingStatus.PUBLISHED
    log_out(page)

    # Anyone reads the published minutes and decision, never who came.
    page.goto(f"/raden/{world.council_a.public_id}/")
    assert page.get_by_text("Het zomerfeest is op zaterdag 4 juli.").count() == 1
    check(page, axe_check)
    page.goto(data.held.url)
    assert page.get_by_text("We spraken over het zomerfeest in juli.").count() == 1
    assert page.get_by_role("heading", name="Aanwezig").count() == 0
    check(page, axe_check)


def test_the_analyst_reads_the_councils_in_figures(page, world, axe_check):
    setup(world)
    log_in(page, world.users["analyst"].email)
    page.goto("/")
    page.get_by_role("link", name="Raden in cijfers").first.click()
    page.wait_for_url(re.compile(r"/raden/overzicht/"))
    assert page.get_by_role("row").filter(has_text=world.district_a.name).count() == 1
    check(page, axe_check)
