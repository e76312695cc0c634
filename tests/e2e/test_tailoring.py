"""Issue 7 in the browser: a council member tailors the district (tools, kinds of initiative, the plan template)
and starts a plan from the template; a professional turns an approved initiative into an activity. Every page
passes axe-core at 1280 px and 390 px wide, forms also in their error state."""

import re

import pytest
from django.utils import timezone

from tests.activities.factories import CategoryFactory
from tests.councils.matrix import setup
from tests.e2e.test_councils import check
from tests.e2e.test_journeys import log_in
from tests.initiatives.factories import InitiativeFactory
from wijkkracht.activities.constants import ActivityStatus
from wijkkracht.activities.models import Activity
from wijkkracht.councils.models import DistrictTailoring, Plan, TemplateGoal
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import DistrictSettings

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_council_member_tailors_the_district_and_starts_a_plan_from_its_template(page, world, axe_check):
    data = setup(world)
    data.draft.delete()
    log_in(page, world.users["council_a"].email)
    page.goto(f"/raden/{world.council_a.public_id}/werk/")
    page.get_by_role("link", name="Maatwerk van de wijk").click()
    page.wait_for_url(re.compile(r"/maatwerk/$"))
    check(page, axe_check)

    # No kind of initiative at all is refused, changing nothing.
    for box in page.get_by_role("group", name="Soorten initiatieven die de wijk vraagt").get_by_role("checkbox").all():
        box.uncheck()
    page.get_by_label("Opdrachten aan de beroepskracht").uncheck()
    page.get_by_role("button", name="Maatwerk opslaan").click()
    page.wait_for_load_state()
    assert "Kies minstens één soort initiatief" in page.locator("main").inner_text()
    check(page, axe_check)
    assert not DistrictTailoring.objects.exists()

    page.get_by_label("jeugd en jongeren").check()
    page.get_by_label("groen en buiten").check()
    page.get_by_label("Opdrachten aan de beroepskracht").uncheck()
    page.get_by_role("button", name="Maatwerk opslaan").click()
    page.wait_for_load_state()
    assert "Het maatwerk van de wijk is opgeslagen." in page.locator("main").inner_text()
    assert DistrictTailoring.objects.get().uses_assignments is False
    assert DistrictSettings.objects.get().categories == ["youth", "green"]

    # The plan template: a goal, first with an error.
    page.get_by_role("link", name="Doel toevoegen aan het sjabloon").click()
    page.wait_for_url(re.compile(r"/maatwerk/doelen/nieuw/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 2
    check(page, axe_check)
    page.get_by_label(re.compile(r"^Doel\b")).fill("Twee buurtmaaltijden per maand")
    page.get_by_label("alle leeftijden").check()
    page.get_by_label("Streefwaarde").fill("24")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/maatwerk/(#sjabloon)?$"))
    assert "Twee buurtmaaltijden per maand" in page.locator("main").inner_text()
    check(page, axe_check)
    assert TemplateGoal.objects.filter(district=world.district_a).count() == 2

    page.get_by_role("link", name=re.compile(r"Verwijderen\s*: Tien activiteiten per maand")).click()
    check(page, axe_check)
    page.get_by_role("button", name="Uit het sjabloon halen").click()
    page.wait_for_url(re.compile(r"/maatwerk/(#sjabloon)?$"))
    assert "Tien activiteiten per maand" not in page.locator("main").inner_text()

    # The working page leaves out the assignments; a new plan starts from the template.
    page.get_by_role("link", name="Terug naar de werkpagina").click()
    page.wait_for_url(re.compile(r"/werk/$"))
    assert page.get_by_role("heading", name="Opdrachten aan de beroepskracht").count() == 0
    page.get_by_role("link", name="Nieuw plan maken").click()
    check(page, axe_check)
    page.get_by_label("Jaar").select_option(str(timezone.localdate().year))
    assert page.get_by_label("Begin met de doelen uit het plansjabloon van de wijk").is_checked()
    page.get_by_role("button", name="Plan maken").click()
    page.wait_for_url(re.compile(r"/raden/plannen/"))
    assert "Twee buurtmaaltijden per maand" in page.locator("main").inner_text()
    plan = Plan.objects.get(council=world.council_a, year=timezone.localdate().year)
    assert [g.title for g in plan.goals.all()] == ["Twee buurtmaaltijden per maand"]

    # The resident's proposal form offers the two kinds the district asks for.
    page.context.clear_cookies()
    log_in(page, world.users["resident"].email)
    page.goto("/initiatieven/nieuw/")
    options = page.get_by_label("Soort").locator("option").all_inner_texts()
    assert options == ["jeugd en jongeren", "groen en buiten"]
    check(page, axe_check)


def test_a_professional_turns_an_approved_initiative_into_an_activity(page, world, axe_check):
    CategoryFactory(slug="doen", name="Repareren en doen")
    initiative = InitiativeFactory(
        district=world.district_a,
        initiator=world.users["resident"].person,
        status=InitiativeStatus.APPROVED,
        title="Buurtmoestuin",
        category="green",
        audience="Iedereen met groene vingers",
        when="Zaterdagochtend",
    )
    log_in(page, world.users["professional_a"].email)
    page.goto(initiative.url)
    check(page, axe_check)
    page.get_by_role("button", name="Maak er een activiteit van").click()
    page.wait_for_url(re.compile(r"/wijzigen/$"))
    assert "Het initiatief is nu een activiteit in concept" in page.locator("main").inner_text()
    check(page, axe_check)
    activity = Activity.objects.get(initiative=initiative)
    assert activity.status == ActivityStatus.DRAFT and activity.category.slug == "doen"
    assert page.get_by_label("Naam").first.input_value() == "Buurtmoestuin"

    page.goto(initiative.url)
    assert page.get_by_role("button", name="Maak er een activiteit van").count() == 0
    page.get_by_role("link", name="Buurtmoestuin").click()
    page.wait_for_url(re.compile(rf"/{activity.public_id}/$"))
    check(page, axe_check)
