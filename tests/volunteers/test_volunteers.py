"""Volunteers: the record and its lifecycle, the profile, least privilege, the pause job, the pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests import factories as f
from tests.volunteers import factories as vf
from tests.volunteers.matrix import setup
from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership
from wijkkracht.audit.models import AuditEvent
from wijkkracht.volunteers import jobs, services
from wijkkracht.volunteers.constants import AuditAction, TagKind, VolunteerStatus
from wijkkracht.volunteers.models import AvailabilityException, Volunteer
from wijkkracht.volunteers.permissions import Action, can, visible_to
from wijkkracht.volunteers.workflows import VOLUNTEER_WORKFLOW
from wijkkracht.workflow.maps import GuardFailed, TransitionForbidden
from wijkkracht.workflow.models import StateChange
from wijkkracht.workflow.testing import walk_workflow

S = VolunteerStatus


def _state(volunteer) -> tuple:
    fresh = Volunteer.objects.get(pk=volunteer.pk)
    return (fresh.status, fresh.paused_until, fresh.stop_reason_id, fresh.stop_note, StateChange.objects.count())


def test_the_whole_volunteer_workflow(world):
    def make(state):  # passes every guard: a pause end ahead, a reason for stopping
        return vf.VolunteerFactory(
            status=state,
            centres=[world.centre_a],
            paused_until=timezone.localdate() + datetime.timedelta(days=30),
            stop_reason=vf.StopReasonFactory(),
        )

    walk = walk_workflow(
        VOLUNTEER_WORKFLOW,
        make=make,
        by=world.users["professional_a"],
        denied_by=world.users["professional_b"],
        blocked={
            (S.ACTIVE, S.PAUSED): lambda: vf.VolunteerFactory(status=S.ACTIVE, centres=[world.centre_a]),
            (S.ACTIVE, S.STOPPED): lambda: vf.VolunteerFactory(status=S.ACTIVE, centres=[world.centre_a]),
        },
    )
    assert (walk.allowed, walk.guarded) == (10, 2)
    assert walk.refused == 25 - 10


def test_a_resident_signs_up_gets_the_volunteer_role_and_belongs_to_their_district(world, client_for):
    setup(world)
    skill = vf.TagFactory(name="Koken")
    response = client_for("resident").post(
        reverse("volunteers:register"),
        {"skills": [skill.pk], "availability": ["wed_evening", "mon_morning"], "max_hours_per_week": "3"},
    )
    assert response.status_code == 302
    ria = Volunteer.objects.get(person=world.users["resident"].person)
    assert (ria.status, ria.availability, ria.max_hours_per_week) == (S.REGISTERED, ["mon_morning", "wed_evening"], 3)
    assert list(ria.districts.all()) == [world.district_a]  # her neighbourhood's district
    assert list(ria.skills.all()) == [skill]
    assert Membership.objects.filter(user=world.users["resident"], role=Role.VOLUNTEER).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.REGISTER, object_id=str(ria.public_id)).count() == 1
    # The role changes the menu; signing up again is no longer offered.
    page = client_for("resident").get(reverse("volunteers:mine"))
    assert "Mijn vrijwilligerswerk" in [str(link.label) for link in page.context["menu"]]
    assert client_for("resident").get(reverse("volunteers:register")).status_code == 403


def test_signing_up_without_any_centre_or_district_is_refused_and_changes_nothing(world):
    person = f.PersonFactory(user=f.UserFactory(email="nowhere@example.org"), neighbourhood=None)
    with pytest.raises(ValidationError) as error:
        services.volunteer_register(person=person, actor=person.user, max_hours_per_week=2)
    assert "wijkcentrum" in " ".join(error.value.messages)
    assert not Volunteer.objects.filter(person=person).exists()
    assert not Membership.objects.filter(user=person.user).exists()


def test_a_skill_where_an_interest_belongs_is_refused(world):
    person = world.users["resident"].person
    skill = vf.TagFactory(kind=TagKind.SKILL, name="Klussen")
    with pytest.raises(ValidationError):
        services.volunteer_register(person=person, actor=person.user, interests=[skill])
    assert not Volunteer.objects.filter(person=person).exists()


def test_professionals_see_only_the_volunteers_of_their_centres_and_districts(world):
    data = setup(world)
    in_b_centre = vf.VolunteerFactory(centres=[world.centre_b])
    qs = Volunteer.objects.all()
    assert set(visible_to(world.users["professional_a"], qs, Action.LIST)) == {data.vera, data.olga}
    assert set(visible_to(world.users["professional_b"], qs, Action.LIST)) == {data.bram, in_b_centre}
    for persona in ("administrator", "coordinator", "analyst", "council_a", "volunteer", "resident"):
        assert not visible_to(world.users[persona], qs, Action.LIST).exists(), persona
    vera = Volunteer.objects.with_areas().get(pk=data.vera.pk)
    assert can(world.users["professional_a"], Action.VIEW, vera)
    assert not can(world.users["professional_b"], Action.VIEW, vera)
    assert not can(world.users["administrator"], Action.VIEW, vera)  # structure, not personal data
    assert can(world.users["volunteer"], Action.OWN_VIEW, vera)
    assert not can(world.users["resident"], Action.OWN_VIEW, vera)


def test_a_professional_may_not_hand_a_volunteer_away_from_every_area_they_serve(world):
    data = setup(world)
    before = _state(data.vera)
    with pytest.raises(PermissionDenied):
        services.volunteer_update(
            volunteer=data.vera, actor=world.users["professional_a"], centres=[world.centre_b], districts=[]
        )
    assert list(Volunteer.objects.get(pk=data.vera.pk).centres.all()) == [world.centre_a]
    assert _state(data.vera) == before


def test_a_volunteer_without_any_area_is_refused(world):
    data = setup(world)
    with pytest.raises(ValidationError):
        services.volunteer_update(volunteer=data.vera, actor=world.users["volunteer"], centres=[])
    assert list(Volunteer.objects.get(pk=data.vera.pk).centres.all()) == [world.centre_a]


def test_a_pause_needs_an_end_from_today_and_a_refusal_changes_nothing(world):
    data = setup(world)
    before = _state(data.vera)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.volunteer_pause(volunteer=data.vera, actor=world.users["volunteer"], until=yesterday)
    with pytest.raises(ValidationError):
        services.volunteer_pause(
            volunteer=data.vera, actor=world.users["volunteer"], until=timezone.localdate() + datetime.timedelta(900)
        )
    with pytest.raises(PermissionDenied):
        services.volunteer_pause(
            volunteer=data.vera, actor=world.users["professional_b"], until=timezone.localdate() + datetime.timedelta(9)
        )
    assert _state(data.vera) == before


def test_the_guard_refuses_a_pause_without_an_end_whoever_calls(world):
    from wijkkracht.workflow.services import transition

    volunteer = vf.VolunteerFactory(centres=[world.centre_a])
    with pytest.raises(GuardFailed):
        transition(volunteer, to=S.PAUSED, by=world.users["professional_a"])


def test_stopping_needs_a_reason_from_the_list(world):
    data = setup(world)
    before = _state(data.vera)
    with pytest.raises(ValidationError):
        services.volunteer_stop(volunteer=data.vera, actor=world.users["volunteer"], reason=None, note="Druk")
    assert _state(data.vera) == before
    services.volunteer_stop(volunteer=data.vera, actor=world.users["volunteer"], reason=data.reason, note="Verhuisd")
    stopped = Volunteer.objects.get(pk=data.vera.pk)
    assert (stopped.status, stopped.stop_reason, stopped.stop_note) == (S.STOPPED, data.reason, "Verhuisd")
    change = StateChange.objects.for_object(stopped).latest_first().first()
    assert (change.source, change.target, change.reason) == (S.ACTIVE, S.STOPPED, data.reason.name)
    # A stopped volunteer no longer changes their profile, and only a professional takes them back.
    assert not can(world.users["volunteer"], Action.OWN_CHANGE, stopped)
    with pytest.raises(TransitionForbidden):
        services.volunteer_move(volunteer=stopped, actor=world.users["volunteer"], to=S.INTAKE)
    services.volunteer_move(volunteer=stopped, actor=world.users["professional_a"], to=S.INTAKE)
    assert Volunteer.objects.get(pk=data.vera.pk).status == S.INTAKE


def test_the_daily_job_ends_pauses_once(world):
    data = setup(world)
    with freeze_time("2026-03-02 10:00:00+01:00"):
        services.volunteer_pause(volunteer=data.vera, actor=world.users["volunteer"], until=datetime.date(2026, 3, 10))
    with freeze_time("2026-03-10 23:00:00+01:00"):
        assert jobs.end_pauses() == 0  # the last day of the pause
    with freeze_time("2026-03-11 00:15:00+01:00"):
        assert jobs.end_pauses() == 1
        assert jobs.end_pauses() == 0  # twice: nothing more
    vera = Volunteer.objects.get(pk=data.vera.pk)
    assert vera.status == S.ACTIVE
    last = StateChange.objects.for_object(vera).latest_first().first()
    assert (last.source, last.target, last.actor_id) == (S.PAUSED, S.ACTIVE, None)


def test_an_exception_ending_before_it_starts_is_refused(world, client_for):
    data = setup(world)
    count = AvailabilityException.objects.count()
    today = timezone.localdate()
    client = client_for("volunteer")
    client.post(
        reverse("volunteers:own_exception_add"),
        {"afwezig-starts_on": (today + datetime.timedelta(5)).isoformat(), "afwezig-ends_on": today.isoformat()},
    )
    assert AvailabilityException.objects.count() == count
    page = client.get(reverse("volunteers:mine"))
    assert "De einddatum ligt voor de begindatum." in page.text
    assert data.vera.exceptions.count() == 1


def test_the_volunteer_pauses_on_their_own_page(world, client_for):
    data = setup(world)
    until = timezone.localdate() + datetime.timedelta(days=14)
    client = client_for("volunteer")
    client.post(reverse("volunteers:own_transition"), {"to": "paused", "until": until.isoformat()})
    assert _state(data.vera)[:2] == (S.PAUSED, until)
    page = client.get(reverse("volunteers:mine"))
    assert "U hebt pauze tot en met" in page.text
    client.post(reverse("volunteers:own_transition"), {"to": "active"})
    assert Volunteer.objects.get(pk=data.vera.pk).status == S.ACTIVE


def test_the_professional_plans_an_intake_and_activates(world, client_for):
    bram = vf.VolunteerFactory(status=S.REGISTERED, districts=[world.district_b])
    client = client_for("professional_b")
    page = client.get(reverse("volunteers:detail", args=[bram.public_id]))
    assert "Intake plannen" in page.text
    client.post(reverse("volunteers:transition", args=[bram.public_id]), {"to": "intake"})
    client.post(reverse("volunteers:transition", args=[bram.public_id]), {"to": "active"})
    assert Volunteer.objects.get(pk=bram.pk).status == S.ACTIVE
    assert [c.target for c in StateChange.objects.for_object(bram)] == [S.INTAKE, S.ACTIVE]


def test_the_list_filters_and_costs_the_same_number_of_queries_for_more_volunteers(world, client_for):
    setup(world)
    client = client_for("professional_a")
    skill = vf.TagFactory(name="Fietsen")
    vf.VolunteerFactory(centres=[world.centre_a], skills=[skill], person=f.PersonFactory(first_name="Sanne"))
    client.get(reverse("volunteers:list"))
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("volunteers:list"))
    assert "Sanne" in page.text and "Fietsen" in page.text
    for _ in range(5):
        vf.VolunteerFactory(centres=[world.centre_a], skills=[skill])
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("volunteers:list"))
    assert len(more) == len(few)
    found = client.get(reverse("volunteers:list"), {"q": "sanne", "status": "active", "centre": world.centre_a.pk})
    assert [str(v.person) for v in found.context["page"]] == ["Sanne Test"]


def test_the_pages_speak_english(world, client_for):
    setup(world)
    client = client_for("volunteer")
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    page = client.get(reverse("volunteers:mine"))
    assert "My volunteering" in page.text
    assert "Take a break" in page.text
