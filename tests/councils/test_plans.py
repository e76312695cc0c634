from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.councils import factories as cf
from tests.councils.matrix import setup
from wijkkracht.councils import services
from wijkkracht.councils.constants import PlanApprover, PlanStatus
from wijkkracht.councils.models import Plan, PlanGoal, PlanVersion
from wijkkracht.councils.workflows import PLAN_WORKFLOW
from wijkkracht.workflow.maps import GuardFailed, TransitionForbidden, TransitionNotAllowed
from wijkkracht.workflow.models import StateChange
from wijkkracht.workflow.testing import walk_workflow


def _who(world):
    """Approving and returning are the coordinator's moves (the organisation approves by default)."""
    return lambda move: world.users["coordinator" if move and move.source == PlanStatus.SUBMITTED else "council_a"]


def test_the_plan_workflow_map(world):
    setup(world)
    year = iter(range(2030, 2100))

    def make(state):
        plan = cf.PlanFactory(council=world.council_a, year=next(year), status=state, goals=1)
        Plan.objects.filter(pk=plan.pk).update(evaluation="Goed gegaan.")
        plan.evaluation = "Goed gegaan."
        return plan

    walk = walk_workflow(
        PLAN_WORKFLOW,
        make=make,
        by=_who(world),
        denied_by=world.users["council_b"],
        blocked={
            (PlanStatus.DRAFT, PlanStatus.SUBMITTED): lambda: cf.PlanFactory(
                council=world.council_a, year=next(year), goals=0
            ),
            (PlanStatus.IN_EXECUTION, PlanStatus.EVALUATED): lambda: cf.PlanFactory(
                council=world.council_a, year=next(year), status=PlanStatus.IN_EXECUTION
            ),
        },
    )
    assert walk.allowed == 5


def test_a_council_writes_a_plan_submits_it_and_the_organisation_approves(world, client_for):
    setup(world)
    member = client_for("council_a")
    response = member.post(
        reverse("councils:plan_create", args=[world.council_a.public_id]), {"year": "2027", "summary": "Jong en oud"}
    )
    plan = Plan.objects.get(council=world.council_a, year=2027)
    assert response["Location"] == plan.url
    response = member.post(
        reverse("councils:goal_create", args=[plan.public_id]),
        {
            "title": "120 bewoners van 15 tot 55 bereikt",
            "target_groups": ["15_55"],
            "target_value": "120",
            "measure": "residents_reached",
            "budget": "1500,50",
        },
    )
    assert response.status_code == 302, response.content
    goal = plan.goals.get()
    assert (goal.target_groups, goal.target_value, goal.budget) == (["15_55"], 120, Decimal("1500.50"))
    member.post(reverse("councils:plan_transition", args=[plan.public_id]), {"to": "submitted"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED

    approvals = client_for("coordinator").get(reverse("councils:plan_approvals"))
    assert plan.url in approvals.text
    client_for("coordinator").post(reverse("councils:plan_transition", args=[plan.public_id]), {"to": "approved"})
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (PlanStatus.APPROVED, 1)
    version = PlanVersion.objects.get(plan=plan)
    assert version.snapshot["goals"][0]["target_value"] == 120
    # Now public.
    assert client_for("anonymous").get(plan.url).status_code == 200


def test_the_municipality_approves_where_it_says_so(world):
    data = setup(world)
    cf.CouncilSettingsFactory(municipality=world.municipality, plan_approver=PlanApprover.MUNICIPALITY)
    services.plan_submit(plan=data.draft, actor=world.users["council_a"])
    plan = Plan.objects.select_related("council__district__municipality__council_settings").get(pk=data.draft.pk)
    with pytest.raises(TransitionForbidden):
        services.plan_approve(plan=plan, actor=world.users["coordinator"])
    services.plan_approve(plan=plan, actor=world.users["analyst"])
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED


def test_returning_a_plan_needs_a_reason_the_council_sees(world, client_for):
    data = setup(world)
    services.plan_submit(plan=data.draft, actor=world.users["council_a"])
    coordinator = client_for("coordinator")
    coordinator.post(reverse("councils:plan_transition", args=[data.draft.public_id]), {"to": "draft"})
    assert Plan.objects.get(pk=data.draft.pk).status == PlanStatus.SUBMITTED
    coordinator.post(
        reverse("councils:plan_transition", args=[data.draft.public_id]),
        {"to": "draft", "reason": "Doel 1 is niet meetbaar."},
    )
    assert Plan.objects.get(pk=data.draft.pk).status == PlanStatus.DRAFT
    page = client_for("council_a").get(data.draft.url)
    assert "Doel 1 is niet meetbaar." in page.text


def test_a_plan_without_goals_cannot_be_submitted(world, client_for):
    setup(world)
    plan = cf.PlanFactory(council=world.council_a, year=2031, goals=0)
    response = client_for("council_a").post(
        reverse("councils:plan_transition", args=[plan.public_id]), {"to": "submitted"}, follow=True
    )
    assert "Een plan heeft minstens één doel nodig" in response.text
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    assert not StateChange.objects.for_object(plan).exists()


def test_a_forbidden_move_changes_nothing(world):
    data = setup(world)
    with pytest.raises(TransitionNotAllowed):
        services.plan_evaluate(plan=data.draft, actor=world.users["council_a"])
    assert Plan.objects.get(pk=data.draft.pk).status == PlanStatus.DRAFT


def test_changes_after_approval_are_kept_as_versions(world):
    data = setup(world)
    services.plan_submit(plan=data.draft, actor=world.users["council_a"])
    services.plan_approve(plan=data.draft, actor=world.users["coordinator"])
    plan = Plan.objects.get(pk=data.draft.pk)
    goal = plan.goals.get()
    services.goal_save(
        plan=plan,
        goal=goal,
        actor=world.users["council_a"],
        title=goal.title,
        target_groups=["15_55"],
        target_value=150,
        measure=goal.measure,
        note="Streven verhoogd",
    )
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].snapshot["goals"][0]["target_value"] == 120
    assert versions[1].snapshot["goals"][0]["target_value"] == 150
    assert versions[1].note == "Streven verhoogd"


def test_a_submitted_plan_cannot_be_edited(world):
    data = setup(world)
    services.plan_submit(plan=data.draft, actor=world.users["council_a"])
    with pytest.raises(PermissionDenied):
        services.plan_update(plan=data.draft, actor=world.users["council_a"], summary="stiekem")


def test_a_goal_needs_target_groups_and_a_positive_target(world, client_for):
    data = setup(world)
    response = client_for("council_a").post(
        reverse("councils:goal_create", args=[data.draft.public_id]),
        {"title": "Iets", "target_value": "0", "measure": "manual", "budget": "-5"},
    )
    assert response.status_code == 200
    assert response.text.count('class="errorlist"') >= 3
    assert PlanGoal.objects.filter(plan=data.draft).count() == 1
    with pytest.raises(ValidationError):
        services.goal_save(
            plan=data.draft,
            actor=world.users["council_a"],
            title="x",
            target_groups=["12_99"],
            target_value=5,
            measure="manual",
        )


def test_the_plan_page_shows_target_against_realised(world, client_for):
    data = setup(world)
    services.goal_realised_set(goal=data.running_goal, actor=world.users["council_a"], realised=30)
    page = client_for("anonymous").get(data.running.url)
    assert page.status_code == 200
    assert '30 <span class="muted">(25%)</span>' in page.text
    assert 'value="25"' in page.text


def test_evaluating_needs_an_evaluation(world):
    data = setup(world)
    with pytest.raises(GuardFailed):
        services.plan_evaluate(plan=data.running, actor=world.users["council_a"])
    services.plan_update(plan=data.running, actor=world.users["council_a"], summary="", evaluation="Goed jaar.")
    services.plan_evaluate(plan=data.running, actor=world.users["council_a"])
    assert Plan.objects.get(pk=data.running.pk).status == PlanStatus.EVALUATED
