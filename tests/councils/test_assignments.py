import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.councils import factories as cf
from tests.councils.matrix import setup
from wijkkracht.accounts.constants import Role
from wijkkracht.councils import services
from wijkkracht.councils.constants import AssignmentStatus
from wijkkracht.councils.models import Assignment
from wijkkracht.councils.workflows import ASSIGNMENT_WORKFLOW
from wijkkracht.workflow.maps import ReasonRequired
from wijkkracht.workflow.testing import walk_workflow


def test_the_council_gives_an_assignment_and_the_professional_completes_it(world, client_for):
    setup(world)
    due = timezone.localdate() + datetime.timedelta(days=10)
    response = client_for("council_a").post(
        reverse("councils:assignment_create", args=[world.council_a.public_id]),
        {"professional": world.users["professional_a"].pk, "title": "Buurtfeest voorbereiden", "due_on": due},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(title="Buurtfeest voorbereiden")
    pro = client_for("professional_a")
    board = pro.get(reverse("councils:task_board"))
    assert "Buurtfeest voorbereiden" in board.text
    pro.post(reverse("councils:assignment_transition", args=[assignment.public_id]), {"to": "accepted"})
    pro.post(
        reverse("councils:assignment_progress", args=[assignment.public_id]), {"text": "Tent besteld", "progress": 60}
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.progress) == (AssignmentStatus.ACCEPTED, 60)
    council_view = client_for("council_a").get(assignment.url)
    assert "Tent besteld" in council_view.text
    pro.post(reverse("councils:assignment_transition", args=[assignment.public_id]), {"to": "done"})
    assignment.refresh_from_db()
    assert (assignment.status, assignment.progress) == (AssignmentStatus.DONE, 100)


def test_declining_needs_a_reason_which_the_council_sees(world, client_for):
    data = setup(world)
    with pytest.raises(ReasonRequired):
        services.assignment_decline(assignment=data.offered, actor=world.users["professional_a"], reason=" ")
    assert Assignment.objects.get(pk=data.offered.pk).status == AssignmentStatus.OFFERED
    services.assignment_decline(
        assignment=data.offered, actor=world.users["professional_a"], reason="Past niet in mijn uren."
    )
    page = client_for("council_a").get(data.offered.url)
    assert "Past niet in mijn uren." in page.text


def test_only_a_professional_who_serves_the_council_can_be_given_a_task(world):
    setup(world)
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            council=world.council_a,
            professional=world.users["professional_b"],
            title="Iets",
            due_on=timezone.localdate(),
            actor=world.users["council_a"],
        )
    assert "professional" in error.value.message_dict


def test_a_due_date_in_the_past_is_refused(world, client_for):
    setup(world)
    before = Assignment.objects.count()
    response = client_for("council_a").post(
        reverse("councils:assignment_create", args=[world.council_a.public_id]),
        {
            "professional": world.users["professional_a"].pk,
            "title": "Te laat",
            "due_on": timezone.localdate() - datetime.timedelta(days=1),
        },
    )
    assert response.status_code == 200
    assert "De datum ligt in het verleden." in response.text
    assert Assignment.objects.count() == before


def test_the_council_never_sees_employment_details(world, client_for):
    data = setup(world)
    page = client_for("council_a").get(data.offered.url)
    assert world.organisation.name not in page.text
    assert "pro.a@example.org" not in page.text


def test_the_assignment_workflow_map(world):
    setup(world)
    walk = walk_workflow(
        ASSIGNMENT_WORKFLOW,
        make=lambda state: cf.AssignmentFactory(
            council=world.council_a, professional=world.users["professional_a"], status=state
        ),
        by=lambda move: world.users[
            "council_a" if move and move.target == AssignmentStatus.WITHDRAWN else "professional_a"
        ],
        denied_by=world.users["professional_b"],
    )
    assert walk.allowed == 5


def test_the_task_board_spans_every_council_with_flat_queries(world, client_for):
    setup(world)
    pro = world.users["professional_a"]
    f.MembershipFactory(user=pro, role=Role.PROFESSIONAL, organisation=world.organisation, district=world.district_b)
    client = client_for("professional_a")
    url = reverse("councils:task_board")
    cf.AssignmentFactory(council=world.council_b, professional=pro, title="Voor Westend")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx), response

    small, response = count()
    assert "Voor Westend" in response.text and "Zaal inrichten" in response.text
    for i in range(10):
        cf.AssignmentFactory(council=world.council_b, professional=pro, status=AssignmentStatus.ACCEPTED)
        cf.AssignmentFactory(council=world.council_a, professional=pro, status=AssignmentStatus.DONE)
        cf.AssignmentFactory(
            council=world.council_a, professional=pro, due_on=timezone.localdate() - datetime.timedelta(days=i + 1)
        )
    large, response = count()
    assert large == small
    assert "te laat" in response.text


def test_overdue_assignments_are_found(world):
    data = setup(world)
    Assignment.objects.filter(pk=data.offered.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    assert list(Assignment.objects.overdue()) == [Assignment.objects.get(pk=data.offered.pk)]
