"""Tailoring per district: the council chooses which of its tools the district uses, which initiatives it asks
for, whether it gives money from its budget, and the plan template a new plan starts from."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.councils import factories as cf
from tests.councils.matrix import setup
from tests.initiatives import factories as nf
from tests.test_authorization_matrix import snapshot
from wijkkracht.councils import services
from wijkkracht.councils.models import DistrictTailoring, Meeting, Plan, TemplateGoal
from wijkkracht.councils.query import tools_of
from wijkkracht.initiatives import services as initiative_services
from wijkkracht.initiatives.constants import Category as InitiativeCategory
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import DistrictSettings, Grant, Initiative
from wijkkracht.initiatives.query import tailoring_of

ALL_ON = {
    "uses_meetings": True,
    "uses_plans": True,
    "uses_assignments": True,
    "takes_initiatives": True,
    "uses_budget": True,
    "initiative_categories": list(InitiativeCategory.values),
}


def _tailor(world, actor="council_a", **changes):
    return services.tailoring_save(council=world.council_a, actor=world.users[actor], **{**ALL_ON, **changes})


def _fresh(world):
    from wijkkracht.places.models import District

    return District.objects.select_related("council_tailoring", "initiative_settings").get(pk=world.district_a.pk)


def test_without_tailoring_a_district_uses_everything(world):
    tools, initiatives = tools_of(world.district_a), tailoring_of(world.district_a)
    assert tools.meetings and tools.plans and tools.assignments
    assert initiatives.takes_initiatives and initiatives.uses_budget and len(initiatives.categories) == 7


def test_the_council_switches_tools_off_and_their_writes_are_refused_changing_nothing(world):
    setup(world)
    _tailor(world, uses_meetings=False, uses_plans=False, uses_assignments=False)
    district = _fresh(world)
    assert not any([tools_of(district).meetings, tools_of(district).plans, tools_of(district).assignments])
    world.council_a.district = district
    chair, before = world.users["council_a"], snapshot()
    with pytest.raises(ValidationError, match="gebruikt vergaderingen niet"):
        services.meeting_plan(
            council=world.council_a, actor=chair, starts_at=timezone.now() + datetime.timedelta(days=3), location="Zaal"
        )
    with pytest.raises(ValidationError, match="inhoudelijk plan niet"):
        services.plan_create(council=world.council_a, year=2031, actor=chair)
    with pytest.raises(ValidationError, match="opdrachten"):
        services.assignment_create(
            council=world.council_a,
            professional=world.users["professional_a"],
            title="Zaal",
            due_on=timezone.localdate(),
            actor=chair,
        )
    assert snapshot() == before


def test_the_working_and_public_pages_leave_out_what_the_district_does_not_use(world, client_for):
    setup(world)
    _tailor(world, uses_meetings=False, uses_assignments=False)
    work = client_for("council_a").get(reverse("councils:work", args=[world.council_a.public_id])).content.decode()
    assert 'id="meetings-heading"' not in work and 'id="assignments-heading"' not in work
    assert 'id="plans-heading"' in work and reverse("councils:tailoring", args=[world.council_a.public_id]) in work
    public = client_for("anonymous").get(world.council_a.url).content.decode()
    assert 'id="meetings-heading"' not in public and 'id="plan-heading"' in public


def test_initiatives_follow_the_districts_kinds_and_can_be_switched_off(world, client_for):
    ria = world.users["resident"]
    _tailor(world, initiative_categories=["youth", "green"])
    form = client_for("resident").get(reverse("initiatives:propose")).content.decode()
    assert 'value="youth"' in form and 'value="green"' in form and 'value="culture"' not in form
    fields = {"title": "Buurtbieb", "description": "Boeken", "audience": "Iedereen", "needs": ["room"]}
    district = ria.person.neighbourhood.district
    with pytest.raises(ValidationError) as error:
        initiative_services.initiative_propose(
            initiator=ria.person, district=district, actor=ria, category="culture", **fields
        )
    assert "category" in error.value.message_dict
    initiative_services.initiative_propose(
        initiator=ria.person, district=district, actor=ria, category="youth", **fields
    )
    _tailor(world, takes_initiatives=False, initiative_categories=["youth"])
    page = client_for("resident").get(reverse("initiatives:propose")).content.decode()
    assert "neemt geen initiatieven aan" in page and '<form method="post" novalidate>' not in page
    with pytest.raises(ValidationError, match="neemt geen initiatieven aan"):
        initiative_services.initiative_propose(
            initiator=ria.person, district=district, actor=ria, category="youth", **fields
        )
    assert Initiative.objects.count() == 1


def test_without_a_budget_no_money_is_granted(world, client_for):
    nf.DistrictBudgetFactory(district=world.district_a)
    approved = nf.InitiativeFactory(district=world.district_a, status=InitiativeStatus.APPROVED)
    _tailor(world, uses_budget=False)
    assert "grant-heading" not in client_for("council_a").get(approved.url).content.decode()
    with pytest.raises(ValidationError, match="geen geld uit een wijkbudget"):
        initiative_services.grant_award(initiative=approved, amount=Decimal("50"), actor=world.users["council_a"])
    assert Grant.objects.count() == 0


def test_asking_for_initiatives_of_no_kind_is_refused_and_changes_nothing(world):
    _tailor(world, uses_meetings=False)  # every kind is stored as "all"
    assert DistrictSettings.objects.get().categories == []
    before = snapshot()
    for wrong in ([], ["nonsense"]):
        with pytest.raises(ValidationError) as error:
            _tailor(world, uses_plans=False, initiative_categories=wrong)
        assert "initiative_categories" in error.value.message_dict
    assert snapshot() == before
    assert DistrictTailoring.objects.get().uses_plans is True


@pytest.mark.parametrize("persona", ["council_b", "professional_a", "resident", "coordinator", "administrator"])
def test_only_the_councils_own_members_tailor_its_district(world, persona):
    setup(world)
    with pytest.raises(PermissionDenied):
        _tailor(world, actor=persona, uses_plans=False)
    with pytest.raises(PermissionDenied):
        services.template_goal_save(
            council=world.council_a,
            actor=world.users[persona],
            title="X",
            target_groups=["all"],
            target_value=1,
            measure="manual",
        )
    assert not DistrictTailoring.objects.exists() and not DistrictSettings.objects.exists()


def test_a_new_plan_starts_from_the_districts_template(world):
    setup(world)
    chair = world.users["council_a"]
    services.template_goal_save(
        council=world.council_a,
        actor=chair,
        title="120 jongeren bereikt",
        target_groups=["15_55"],
        target_value=120,
        measure="residents_reached",
        budget=Decimal("300"),
    )
    template = list(TemplateGoal.objects.of_district(world.district_a))
    assert [g.title for g in template] == ["Tien activiteiten per maand", "120 jongeren bereikt"]
    plan = services.plan_create(council=world.council_a, year=2031, actor=chair)
    goals = list(plan.goals.order_by("order"))
    assert [(g.title, g.target_value, g.order) for g in goals] == [
        ("Tien activiteiten per maand", 10, 1),
        ("120 jongeren bereikt", 120, 2),
    ]
    assert goals[1].budget == Decimal("300") and goals[1].target_groups == ["15_55"]
    # The template changes later; the plan keeps its own goals. Without the template a plan starts empty.
    services.template_goal_delete(council=world.council_a, goal=template[0], actor=chair)
    assert plan.goals.count() == 2
    empty = services.plan_create(council=world.council_a, year=2032, actor=chair, from_template=False)
    assert empty.goals.count() == 0


def test_a_template_goal_of_another_district_is_refused(world):
    setup(world)
    other = cf.TemplateGoalFactory(district=world.district_b)
    with pytest.raises(ValidationError):
        services.template_goal_delete(council=world.council_a, goal=other, actor=world.users["council_a"])
    assert TemplateGoal.objects.filter(pk=other.pk).exists()


def test_the_tailoring_pages_through_the_browser_in_dutch_and_english(world, client_for):
    setup(world)
    chair = client_for("council_a")
    url = reverse("councils:tailoring", args=[world.council_a.public_id])
    page = chair.get(url).content.decode()
    assert "Maatwerk voor wijk" in page and "Tien activiteiten per maand" in page
    response = chair.post(url, {"uses_plans": "on", "takes_initiatives": "on", "initiative_categories": []})
    assert response.status_code == 200 and "Kies minstens één soort" in response.content.decode()
    assert not DistrictTailoring.objects.exists()
    response = chair.post(url, {"uses_plans": "on", "initiative_categories": ["sport"]})
    assert response.status_code == 302
    district = _fresh(world)
    assert not tools_of(district).meetings and tools_of(district).plans
    assert not tailoring_of(district).takes_initiatives and tailoring_of(district).category_values == {"sport"}
    create = chair.post(
        reverse("councils:plan_create", args=[world.council_a.public_id]),
        {"year": str(timezone.localdate().year + 1), "from_template": "on"},
    )
    plan = Plan.objects.get(year=timezone.localdate().year + 1)
    assert create.status_code == 302 and [g.title for g in plan.goals.all()] == ["Tien activiteiten per maand"]
    english = chair.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Tailoring for district" in english and "Plan template" in english


def test_the_tailoring_page_runs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    setup(world)
    chair = client_for("council_a")
    url = reverse("councils:tailoring", args=[world.council_a.public_id])
    chair.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        chair.get(url)
    for n in range(6):
        cf.TemplateGoalFactory(district=world.district_a, title=f"Doel {n}")
    _tailor(world, uses_meetings=False)
    with CaptureQueriesContext(connection) as many:
        assert chair.get(url).content.decode().count('<th scope="row">') == 7
    assert len(many) == len(few)
    assert Meeting.objects.exists()  # unchanged by a page view
