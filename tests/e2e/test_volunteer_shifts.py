"""Volunteers' shifts, the school statement and the figures in the browser (axe-core at 1280 and 390 px): the
volunteer takes an open shift and asks for a stand-in for another; a young volunteer with a parent's consent
downloads the statement of her hours; an analyst reads the recruitment and retention figures."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories as f
from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from tests.volunteers import factories as vf
from wijkkracht.volunteers.models import Shift, StandIn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_volunteer_takes_a_shift_and_asks_for_a_stand_in(page, world, axe_check):
    vera = vf.VolunteerFactory(person=world.users["volunteer"].person, centres=[world.centre_a])
    vf.VolunteerFactory(centres=[world.centre_a])  # a colleague who will be asked
    open_shift = vf.ShiftFactory(centre=world.centre_a, title="Koffieochtend")
    later = open_shift.starts_at + datetime.timedelta(days=2)
    mine = vf.ShiftFactory(centre=world.centre_a, title="Bar", volunteer=vera, starts_at=later,
                           ends_at=later + datetime.timedelta(hours=2))  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, world.users["volunteer"].email)
    page.goto("/vrijwilligers/")
    page.get_by_role("link", name=re.compile("Mijn rooster")).click()
    page.wait_for_url(re.compile(r"/vrijwilligers/rooster/$"))
    check(page, axe_check)
    page.get_by_role("button", name=re.compile("Deze dienst neem ik")).click()
    page.wait_for_load_state()
    assert Shift.objects.get(pk=open_shift.pk).volunteer == vera
    check(page, axe_check)
    page.get_by_label(re.compile("Kunt u niet")).last.fill("Ik ben die dag weg.")
    page.get_by_role("button", name=re.compile(r"Invaller vragen.*Bar")).click()
    page.wait_for_load_state()
    ask = StandIn.objects.get(shift=mine)
    assert (ask.status, ask.note) == ("open", "Ik ben die dag weg.")
    assert page.get_by_text("U hebt om een invaller gevraagd").count() == 1
    page.get_by_role("button", name=re.compile("Agendalink maken")).click()
    page.wait_for_load_state()
    assert "/vrijwilligers/agenda/" in page.get_by_label("Uw agendalink").input_value()
    check(page, axe_check)


def test_a_young_volunteer_downloads_the_statement_of_her_hours(page, world, axe_check):
    user = f.UserFactory(email="noor@example.org")
    f.PersonFactory(user=user, first_name="Noor", birth_year=timezone.localdate().year - 16)
    f.MembershipFactory(user=user, role="volunteer")
    noor = vf.VolunteerFactory(
        person=user.person, centres=[world.centre_a], guardian_name="Moeder", guardian_consent_on=timezone.localdate()
    )
    vf.HoursEntryFactory(volunteer=noor, district=world.district_a, hours=Decimal(3), status="approved")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, user.email)
    page.goto("/vrijwilligers/")
    check(page, axe_check)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Verklaring downloaden")).click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    log_out(page)
    # Her professional sees that she is under 18 and who consented.
    log_in(page, world.users["professional_a"].email)
    page.goto(f"/vrijwilligers/beheer/{noor.public_id}/")
    assert page.get_by_text("Toestemming van Moeder").count() == 1
    check(page, axe_check)


def test_the_figures_dashboard(page, world, axe_check):
    for year in (1990, 1990, 1990, 1990, 1990, 1950):
        vf.VolunteerFactory(
            person=f.PersonFactory(birth_year=year), districts=[world.district_a],
            activated_on=timezone.localdate() - datetime.timedelta(days=400),
        )  # fmt: skip
    log_in(page, world.users["analyst"].email)
    page.goto("/vrijwilligers/cijfers/")
    assert page.get_by_role("img", name=re.compile("Staafdiagram")).count() == 1
    assert page.get_by_role("table").count() == 3
    first_band = page.get_by_role("table").nth(1).locator("tbody tr th").first.inner_text()
    assert first_band.startswith("15 tot 55")
    check(page, axe_check)


def test_the_professional_plans_shifts_writes_to_volunteers_and_reads_the_appreciation_list(page, world, axe_check):
    vera = vf.VolunteerFactory(person=world.users["volunteer"].person, centres=[world.centre_a])
    vf.ShiftFactory(centre=world.centre_a, volunteer=vera)
    log_in(page, world.users["professional_a"].email)
    page.goto("/vrijwilligers/diensten/")
    check(page, axe_check)
    page.get_by_role("button", name="Plannen").click()  # nothing filled in: errors, nothing planned
    page.wait_for_load_state()
    assert Shift.objects.count() == 1
    check(page, axe_check)
    page.locator("#id_title").fill("Bar")
    page.locator("#id_centre").select_option(label=world.centre_a.name)
    page.locator("#id_date").fill((timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page.locator("#id_start").fill("14:00")
    page.locator("#id_end").fill("16:00")
    page.locator("#id_weeks").fill("2")
    page.get_by_role("button", name="Plannen").click()
    page.wait_for_load_state()
    assert Shift.objects.count() == 3
    page.goto("/vrijwilligers/berichten/")
    check(page, axe_check)
    page.goto("/vrijwilligers/waardering/")
    check(page, axe_check)
