"""Volunteers in the browser: a resident signs up on a phone, the professional of her centre finds her in the
list, plans the intake and activates her, and she takes a break. axe-core at 1280 and 390 px on every page,
the sign-up form also in its error state."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from tests.volunteers import factories as vf
from wijkkracht.volunteers.constants import VolunteerStatus
from wijkkracht.volunteers.models import Volunteer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_resident_signs_up_the_professional_activates_her_and_she_takes_a_break(page, world, axe_check):
    vf.TagFactory(name="Koken")
    vf.StopReasonFactory(name="Verhuisd")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, world.users["resident"].email)
    page.goto("/vrijwilligers/")
    check(page, axe_check)
    page.get_by_role("link", name="Word vrijwilliger").click()
    page.wait_for_url(re.compile(r"/vrijwilligers/aanmelden/"))
    page.get_by_label(re.compile(r"^Hoeveel uur")).fill("99")  # too many: errors, nothing saved
    page.get_by_role("button", name="Aanmelden").click()
    assert page.locator(".errorlist").count() >= 1
    assert not Volunteer.objects.exists()
    check(page, axe_check)
    page.get_by_role("checkbox", name="Villa Randwijck").check()
    page.get_by_role("checkbox", name="Koken").check()
    page.get_by_role("checkbox", name="woensdag avond").check()
    page.get_by_label(re.compile(r"^Hoeveel uur")).fill("3")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/vrijwilligers/$"))
    check(page, axe_check)
    assert page.get_by_role("link", name="Mijn vrijwilligerswerk").count() == 1  # the role changed the menu
    ria = Volunteer.objects.get(person=world.users["resident"].person)
    assert ria.status == VolunteerStatus.REGISTERED

    log_out(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, world.users["professional_a"].email)
    page.goto("/vrijwilligers/beheer/")
    check(page, axe_check)
    page.get_by_role("link", name=str(ria.person)).click()
    page.wait_for_url(re.compile(r"/beheer/[0-9a-f-]+/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Intake plannen").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Actief maken").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert Volunteer.objects.get(pk=ria.pk).status == VolunteerStatus.ACTIVE
    page.get_by_role("link", name="Profiel wijzigen").click()
    check(page, axe_check)

    log_out(page)
    log_in(page, world.users["resident"].email)
    page.goto("/vrijwilligers/")
    until = timezone.localdate() + datetime.timedelta(days=21)
    page.get_by_label("Pauze tot en met").fill(until.isoformat())
    page.get_by_role("button", name="Pauze nemen").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert Volunteer.objects.get(pk=ria.pk).status == VolunteerStatus.PAUSED
    page.get_by_role("link", name="Profiel wijzigen").click()
    check(page, axe_check)
