import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.councils import factories as cf
from tests.councils.matrix import setup
from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership
from wijkkracht.accounts.scope import scope_of
from wijkkracht.audit.models import AuditEvent
from wijkkracht.councils import services
from wijkkracht.councils.constants import MemberStatus, Position
from wijkkracht.councils.models import CouncilMember
from wijkkracht.councils.workflows import MEMBER_WORKFLOW
from wijkkracht.workflow.maps import TransitionForbidden
from wijkkracht.workflow.testing import walk_workflow


def test_the_chair_proposes_and_the_coordinator_confirms_which_grants_the_role(world, client_for):
    setup(world)
    volunteer = world.users["volunteer"]
    response = client_for("council_a").post(
        reverse("councils:member_propose", args=[world.council_a.public_id]),
        {"email": "Volunteer@example.org", "position": "secretary", "term_start": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    seat = CouncilMember.objects.get(person__user=volunteer)
    assert (seat.status, seat.position) == (MemberStatus.PROPOSED, Position.SECRETARY)
    assert seat.term_end is not None and seat.term_end.year == seat.term_start.year + world.council_a.term_years
    assert not Membership.objects.filter(user=volunteer, role=Role.COUNCIL_MEMBER).exists()

    response = client_for("coordinator").post(
        reverse("councils:member_decide", args=[seat.public_id]), {"to": "confirmed"}
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.status == MemberStatus.CONFIRMED
    assert Membership.objects.filter(user=volunteer, role=Role.COUNCIL_MEMBER, council=world.council_a).count() == 1
    assert AuditEvent.objects.filter(action="councils.member_propose").count() == 1
    assert AuditEvent.objects.filter(action="workflow.transition").count() == 1


def test_an_ordinary_member_may_not_propose(world, client_for):
    data = setup(world)
    CouncilMember.objects.filter(pk=data.chair.pk).update(position=Position.MEMBER)
    response = client_for("council_a").get(reverse("councils:member_propose", args=[world.council_a.public_id]))
    assert response.status_code == 403


def test_an_unknown_email_gets_a_message_and_changes_nothing(world, client_for):
    setup(world)
    before = CouncilMember.objects.count()
    response = client_for("council_a").post(
        reverse("councils:member_propose", args=[world.council_a.public_id]),
        {"email": "nobody@example.org", "position": "member", "term_start": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "We vinden geen bewoner met een account met dit e-mailadres." in response.text
    assert CouncilMember.objects.count() == before


def test_a_term_that_ends_before_it_starts_is_refused(world):
    data = setup(world)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.member_propose(
            council=world.council_a,
            person=world.users["volunteer"].person,
            position=Position.MEMBER,
            term_start=today,
            term_end=today.replace(year=today.year - 1),
            actor=data.chair.person.user,
        )
    assert "term_end" in error.value.message_dict


def test_a_second_chair_cannot_be_confirmed(world):
    data = setup(world)
    seat = services.member_propose(
        council=world.council_a,
        person=world.users["volunteer"].person,
        position=Position.CHAIR,
        term_start=timezone.localdate(),
        actor=world.users["council_a"],
    )
    with pytest.raises(ValidationError) as error:
        services.member_confirm(member=seat, actor=world.users["coordinator"])
    assert "Deze functie is al bezet" in str(error.value)
    seat.refresh_from_db()
    assert seat.status == MemberStatus.PROPOSED
    assert data.chair.status == MemberStatus.CONFIRMED


def test_a_council_member_cannot_confirm_their_own_proposal(world):
    data = setup(world)
    with pytest.raises(TransitionForbidden):
        services.member_confirm(member=data.proposed, actor=world.users["council_a"])


def test_a_member_of_another_council_may_not_propose_here(world):
    setup(world)
    with pytest.raises(PermissionDenied):
        services.member_propose(
            council=world.council_a,
            person=world.users["volunteer"].person,
            position=Position.MEMBER,
            term_start=timezone.localdate(),
            actor=world.users["council_b"],
        )


def test_ending_a_seat_ends_the_role(world):
    data = setup(world)
    services.member_confirm(member=data.proposed, actor=world.users["coordinator"])
    resident = world.users["resident"]
    assert world.council_a.pk in scope_of(resident).council_ids
    services.member_end(member=data.proposed, actor=world.users["administrator"], reason="verhuisd")
    data.proposed.refresh_from_db()
    assert data.proposed.status == MemberStatus.ENDED
    assert data.proposed.term_end == timezone.localdate()
    resident = type(resident).objects.get(pk=resident.pk)
    membership = Membership.objects.get(user=resident, role=Role.COUNCIL_MEMBER)
    assert membership.ends_on == timezone.localdate()


def test_the_member_workflow_map(world):
    setup(world)
    walk = walk_workflow(
        MEMBER_WORKFLOW,
        make=lambda state: cf.CouncilMemberFactory(council=world.council_a, status=state),
        by=world.users["coordinator"],
        denied_by=world.users["council_a"],
    )
    assert walk.allowed == 3


def test_a_person_can_hold_one_open_seat_per_council(world):
    data = setup(world)
    with pytest.raises(ValidationError):
        services.member_propose(
            council=world.council_a,
            person=data.proposed.person,
            position=Position.MEMBER,
            term_start=timezone.localdate(),
            actor=world.users["administrator"],
        )
