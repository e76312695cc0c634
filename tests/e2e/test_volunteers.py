"""Volunteers in the browser: a resident signs up on a phone, the professional of her centre finds her in the
list, plans the intake and activates her, and she takes a break. axe-core at 1280 and 390 px on every page,
the sign-up form also in its error state."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from tests.volunteers import factories as vf
from wijkkracht.volunteers.constants import VolunteerStatus
from wijkkracht.volunteers.models import HoursEntry, Volunteer

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


def test_a_resident_applies_on_a_phone_and_the_professional_accepts_after_recording_a_vog(page, world, axe_check):
    cook = vf.TagFactory(name="Koken")
    vacancy = vf.VacancyFactory(
        centre=world.centre_a, title="Kok voor de buurtmaaltijd", skills=[cook], vog_required=True, places=1
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/vrijwilligers/vacatures/")
    check(page, axe_check)
    page.get_by_label("Vaardigheid").select_option(label="Koken")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Kok voor de buurtmaaltijd").click()
    check(page, axe_check)
    page.get_by_role("link", name="Reageer op deze vacature").click()
    page.get_by_role("button", name="Reactie versturen").click()  # nothing filled in: errors
    assert page.locator(".errorlist").count() >= 1
    check(page, axe_check)
    page.get_by_label("Uw naam").fill("Sanne de Boer")
    page.get_by_label("Telefoonnummer").fill("06 1234 5678")
    page.get_by_role("button", name="Reactie versturen").click()
    page.wait_for_url(re.compile(r"/vacatures/[0-9a-f-]+/$"))
    check(page, axe_check)

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, world.users["professional_a"].email)
    page.goto(f"/vrijwilligers/vacatures/{vacancy.public_id}/beheer/")
    check(page, axe_check)
    page.get_by_role("button", name=re.compile(r"^Aannemen\W+Sanne de Boer")).click()
    page.wait_for_load_state()
    assert "geldige VOG" in page.locator("main").inner_text()  # refused: no VOG yet
    assert not Volunteer.objects.exists()
    page.get_by_role("button", name=re.compile(r"^Vastleggen als vrijwilliger\W+Sanne de Boer")).click()
    page.wait_for_url(re.compile(r"/beheer/[0-9a-f-]+/$"))
    page.get_by_label("Datum van afgifte").fill((timezone.localdate() - datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    check(page, axe_check)
    page.goto(f"/vrijwilligers/vacatures/{vacancy.public_id}/beheer/")
    page.get_by_role("button", name=re.compile(r"^Aannemen\W+Sanne de Boer")).click()
    page.wait_for_load_state()
    check(page, axe_check)
    vacancy.refresh_from_db()
    assert vacancy.status == "filled"


def test_a_volunteer_writes_hours_on_a_phone_and_the_professional_approves_them(page, world, axe_check):
    vf.VolunteerFactory(person=world.users["volunteer"].person, centres=[world.centre_a])
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, world.users["volunteer"].email)
    page.goto("/vrijwilligers/")
    page.get_by_label(re.compile(r"^Uren\b")).fill("30")  # more than a day has: refused
    page.get_by_label(re.compile(r"^Wat hebt u gedaan")).fill("Taalcafé")
    page.get_by_role("button", name="Uren schrijven").click()
    page.wait_for_load_state()
    assert "24" in page.locator(".message-error, .errorlist, [role=alert]").first.inner_text()
    assert not HoursEntry.objects.exists()
    page.get_by_label(re.compile(r"^Uren\b")).fill("2,5")
    page.get_by_label(re.compile(r"^Wat hebt u gedaan")).fill("Taalcafé")
    page.get_by_role("button", name="Uren schrijven").click()
    page.wait_for_load_state()
    check(page, axe_check)
    entry = HoursEntry.objects.get()
    assert entry.hours == Decimal("2.5")

    log_out(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, world.users["professional_a"].email)
    page.goto("/vrijwilligers/uren/")
    check(page, axe_check)
    page.get_by_role("button", name=re.compile(r"^Goedkeuren")).click()
    page.wait_for_load_state()
    check(page, axe_check)
    entry.refresh_from_db()
    assert entry.status == "approved"
    assert "2,5" in page.locator("main").inner_text()


def test_the_retention_list_flags_a_volunteer_who_went_quiet(page, world, axe_check):
    from freezegun import freeze_time

    from wijkkracht.volunteers import jobs

    with freeze_time(timezone.now() - datetime.timedelta(days=200)):
        quiet = vf.VolunteerFactory(centres=[world.centre_a])
    assert jobs.retention() == 1
    log_in(page, world.users["professional_a"].email)
    page.goto("/vrijwilligers/beheer/")
    page.get_by_role("link", name="Wie heeft aandacht nodig?").click()
    page.wait_for_url(re.compile(r"/aandacht/$"))
    check(page, axe_check)
    text = page.locator("main").inner_text()
    assert str(quiet.person) in text and "Nog nooit uren geschreven." in text
