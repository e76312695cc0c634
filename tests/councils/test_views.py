import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.councils import factories as cf
from tests.councils.matrix import setup
from wijkkracht.accounts.constants import Role
from wijkkracht.councils import services
from wijkkracht.councils.constants import MemberStatus, PlanStatus, Position


def test_the_public_page_shows_members_centre_professional_and_approved_plan(world, client_for):
    data = setup(world)
    cf.PlanFactory(council=world.council_a, year=data.draft.year + 1, status=PlanStatus.APPROVED, goals=2)
    cf.CouncilMemberFactory(council=world.council_a, position=Position.TREASURER, person__first_name="Tineke")
    response = client_for("anonymous").get(reverse("councils:detail", args=[world.council_a.public_id]))
    assert response.status_code == 200
    text = response.text
    assert "Kees" in text and "voorzitter" in text
    assert "Tineke" in text and "penningmeester" in text
    assert "Ria" not in text, "a proposed member is not public"
    assert world.centre_a.url in text
    assert "Priya" in text and "pro.a@example.org" in text
    assert f"Plan {data.draft.year + 1}" in text
    assert "Nieuwe samenvatting" not in text
    assert "Naar de werkpagina" not in text


def test_a_draft_plan_is_not_on_the_public_page(world, client_for):
    data = setup(world)
    response = client_for("anonymous").get(reverse("councils:detail", args=[world.council_a.public_id]))
    assert data.draft.url not in response.text
    assert data.running.url in response.text  # last year's plan, still in execution, is the latest public one
    data.running.delete()
    response = client_for("anonymous").get(reverse("councils:detail", args=[world.council_a.public_id]))
    assert "Er is nog geen goedgekeurd plan." in response.text


def test_the_professional_who_serves_the_council_opens_its_working_page(world, client_for):
    setup(world)
    response = client_for("professional_a").get(reverse("councils:work", args=[world.council_a.public_id]))
    assert response.status_code == 200
    assert "Zaal inrichten" in response.text
    assert "Nieuw lid voorstellen" not in response.text


def test_the_professional_of_another_district_is_denied_the_working_page(world, client_for):
    response = client_for("professional_b").get(reverse("councils:work", args=[world.council_a.public_id]))
    assert response.status_code == 403


def test_a_professional_serving_two_councils_gets_a_list(world, client_for):
    f.MembershipFactory(
        user=world.users["professional_a"],
        role=Role.PROFESSIONAL,
        organisation=world.organisation,
        district=world.district_b,
    )
    response = client_for("professional_a").get(reverse("councils:mine"))
    assert response.status_code == 200
    assert [c.name for c in response.context["councils"]] == [world.council_a.name, world.council_b.name]


def test_a_professional_in_a_district_without_a_council_gets_an_empty_list(world, client_for):
    world.council_a.delete()
    response = client_for("professional_a").get(reverse("councils:mine"))
    assert response.status_code == 200
    assert list(response.context["councils"]) == []
    assert "geen gebruikersraad" in response.text


def test_an_unknown_council_is_a_404(world, client_for):
    response = client_for("administrator").get("/raden/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_the_council_edits_its_centres_profile(world, client_for):
    response = client_for("council_a").post(
        reverse("councils:centre_profile", args=[world.council_a.public_id]),
        {"profile": "Samen eten op vrijdag.", "focus": "ontmoeting"},
    )
    assert response.status_code == 302
    world.centre_a.refresh_from_db()
    assert (world.centre_a.profile, world.centre_a.focus) == ("Samen eten op vrijdag.", "ontmoeting")


def test_a_too_long_focus_changes_nothing(world, client_for):
    before = world.centre_a.focus
    response = client_for("council_a").post(
        reverse("councils:centre_profile", args=[world.council_a.public_id]), {"profile": "x", "focus": "y" * 201}
    )
    assert response.status_code == 200
    assert "errorlist" in response.text
    world.centre_a.refresh_from_db()
    assert world.centre_a.focus == before


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("persona", ["anonymous", "council_a"])
def test_council_pages_use_a_constant_number_of_queries(world, client_for, persona):
    data = setup(world)
    client = client_for(persona)
    detail = reverse("councils:detail", args=[world.council_a.public_id])
    work = reverse("councils:work", args=[world.council_a.public_id])
    cf.PlanFactory(council=world.council_a, year=data.draft.year + 1, status=PlanStatus.APPROVED, goals=1)
    small = [_queries(client, detail)] + ([_queries(client, work)] if persona != "anonymous" else [])
    for _ in range(8):
        cf.CouncilMemberFactory(council=world.council_a)
        cf.CouncilMemberFactory(council=world.council_a, status=MemberStatus.PROPOSED)
        cf.PlanGoalFactory(plan=world.council_a.plans.get(year=data.draft.year + 1))
        cf.AssignmentFactory(council=world.council_a, professional=world.users["professional_a"])
    large = [_queries(client, detail)] + ([_queries(client, work)] if persona != "anonymous" else [])
    assert large == small


def test_mine_uses_a_constant_number_of_queries(world, client_for):
    client = client_for("administrator")
    url = reverse("councils:mine")
    small = _queries(client, url)
    for _ in range(10):
        f.CouncilFactory(district=world.district_a)
    assert _queries(client, url) == small


def test_the_plan_page_uses_a_constant_number_of_queries(world, client_for):
    """Goals, versions and moves grow; the plan page's queries do not. Counted goals take one query per kind of
    count (a fixed list), so the small plan already has one goal of every kind."""
    from wijkkracht.councils.constants import Measure

    data = setup(world)
    chair = world.users["council_a"]
    plan = cf.PlanFactory(council=world.council_a, year=data.draft.year + 2, goals=0)
    for measure in Measure.values:
        cf.PlanGoalFactory(plan=plan, measure=measure)
    services.plan_submit(plan=plan, actor=chair)
    services.plan_approve(plan=plan, actor=world.users["coordinator"])
    client = client_for("council_a")
    _queries(client, plan.url)  # warm: the content types' cache
    small = _queries(client, plan.url)
    for _ in range(6):
        cf.PlanGoalFactory(plan=plan, measure="activities_per_month")
        cf.PlanGoalFactory(plan=plan, measure="visits")
    goal = plan.goals.get(measure=Measure.MANUAL)
    for n in range(3):
        services.goal_save(
            plan=plan,
            goal=goal,
            actor=chair,
            title=f"Doel {n}",
            target_groups=["all"],
            target_value=5 + n,
            measure="manual",
            note=f"wijziging {n}",
        )
    assert _queries(client, plan.url) == small


def test_the_working_page_stays_flat_as_meetings_and_the_template_grow(world, client_for):
    setup(world)
    client = client_for("council_a")
    work = reverse("councils:work", args=[world.council_a.public_id])
    small = _queries(client, work)
    now = timezone.now()
    for n in range(1, 9):
        cf.MeetingFactory(council=world.council_a, starts_at=now + datetime.timedelta(days=n), centre=world.centre_a)
        cf.MeetingFactory(council=world.council_a, starts_at=now - datetime.timedelta(days=n * 30))
        cf.TemplateGoalFactory(district=world.district_a)
    assert _queries(client, work) == small
