"""Shifts: planning (a session, a weekly slot), taking an open shift, asking for a stand-in and taking one over
(one of two wins), hours from a shift, the schedule page and the secret calendar feed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests import factories as f
from tests.activities import factories as af
from tests.volunteers import factories as vf
from wijkkracht.volunteers import services, shift_services
from wijkkracht.volunteers.constants import HoursStatus, StandInStatus, VolunteerStatus
from wijkkracht.volunteers.models import HoursEntry, Shift, StandIn
from wijkkracht.volunteers.workflows import STAND_IN_WORKFLOW
from wijkkracht.workflow.testing import walk_workflow


def _vera(world):
    return vf.VolunteerFactory(person=world.users["volunteer"].person, centres=[world.centre_a])


def _state():
    return sorted(Shift.objects.values_list("pk", "volunteer_id")), sorted(
        StandIn.objects.values_list("pk", "status", "taken_by_id")
    )


def test_a_professional_plans_a_weekly_slot_with_two_places(world):
    start = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=30, second=0, microsecond=0)
    made = shift_services.shift_plan(
        actor=world.users["professional_a"],
        title="Koffie",
        centre=world.centre_a,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        places=2,
        weeks=3,
    )
    assert len(made) == 6
    assert len({s.series for s in made}) == 1 and made[0].series is not None
    # The same local time every week, also across a change of summer time.
    assert {timezone.localtime(s.starts_at).time() for s in made} == {datetime.time(9, 30)}
    assert all(s.district_id == world.district_a.pk and s.volunteer_id is None for s in made)


def test_planning_is_refused_outside_ones_centres_and_for_nonsense(world):
    start = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(PermissionDenied):
        shift_services.shift_plan(
            actor=world.users["professional_b"], title="X", centre=world.centre_a, starts_at=start,
            ends_at=start + datetime.timedelta(hours=1),
        )  # fmt: skip
    for ends, weeks in ((start - datetime.timedelta(hours=1), 1), (start + datetime.timedelta(hours=13), 1),
                        (start + datetime.timedelta(hours=1), 27)):  # fmt: skip
        with pytest.raises(ValidationError):
            shift_services.shift_plan(
                actor=world.users["professional_a"], title="X", centre=world.centre_a, starts_at=start,
                ends_at=ends, weeks=weeks,
            )  # fmt: skip
    assert Shift.objects.count() == 0


def test_shifts_at_an_activity_session(world):
    session = af.SessionFactory(
        activity=af.ActivityFactory(centre=world.centre_a, district=world.district_a),
        date=timezone.localdate() + datetime.timedelta(days=5),
    )
    made = shift_services.shift_plan(actor=world.users["professional_a"], session=session, places=2)
    assert [(s.session_id, s.title, s.starts_at, s.centre_id) for s in made] == [
        (session.pk, session.activity.title, session.starts_at, world.centre_a.pk)
    ] * 2


def test_a_volunteer_takes_an_open_shift_and_a_second_taker_is_told(world):
    vera = _vera(world)
    other = vf.VolunteerFactory(centres=[world.centre_a])
    shift = vf.ShiftFactory(centre=world.centre_a)
    shift_services.shift_take(shift=shift, volunteer=vera, actor=world.users["volunteer"])
    assert Shift.objects.get(pk=shift.pk).volunteer == vera
    stale = Shift.objects.get(pk=shift.pk)
    stale.volunteer = None  # the second volunteer loaded the page before
    with pytest.raises(ValidationError, match="doet deze dienst al"):
        shift_services.shift_assign(shift=stale, volunteer=other, actor=world.users["professional_a"])
    assert Shift.objects.get(pk=shift.pk).volunteer == vera


def test_the_conditional_write_lets_exactly_one_of_two_win(world):
    # Both passed every check; the write itself decides (no row lock needed on SQLite).
    vera, other = _vera(world), vf.VolunteerFactory(centres=[world.centre_a])
    shift = vf.ShiftFactory(centre=world.centre_a)
    shift_services._claim(shift, vera)
    with pytest.raises(ValidationError):
        shift_services._claim(shift, other)
    assert Shift.objects.get(pk=shift.pk).volunteer == vera


def test_taking_a_shift_is_refused_elsewhere_when_away_overlapping_or_young_without_consent(world):
    vera = _vera(world)
    before = _state()
    elsewhere = vf.ShiftFactory(centre=world.centre_b)
    with pytest.raises(ValidationError, match="niet bij een van uw"):
        shift_services.shift_take(shift=elsewhere, volunteer=vera, actor=world.users["volunteer"])
    mine = vf.ShiftFactory(centre=world.centre_a, volunteer=vera)
    overlapping = vf.ShiftFactory(centre=world.centre_a, starts_at=mine.starts_at + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match="andere dienst"):
        shift_services.shift_take(shift=overlapping, volunteer=vera, actor=world.users["volunteer"])
    young = vf.VolunteerFactory(person=f.PersonFactory(birth_year=timezone.localdate().year - 16),
                                centres=[world.centre_a])  # fmt: skip
    with pytest.raises(ValidationError, match="ouder of voogd"):
        shift_services.shift_assign(shift=overlapping, volunteer=young, actor=world.users["professional_a"])
    assert Shift.objects.get(pk=overlapping.pk).volunteer is None
    assert len(before[0]) == 0


def test_a_stand_in_is_asked_and_the_first_colleague_takes_it_over(world, mailoutbox):
    vera = _vera(world)
    colleague_user = f.UserFactory(email="olga@example.org")
    f.PersonFactory(user=colleague_user, first_name="Olga")
    f.MembershipFactory(user=colleague_user, role="volunteer")
    olga = vf.VolunteerFactory(person=colleague_user.person, centres=[world.centre_a])
    stranger = vf.VolunteerFactory(centres=[world.centre_b])
    shift = vf.ShiftFactory(centre=world.centre_a, volunteer=vera)
    stand_in = shift_services.stand_in_ask(shift=shift, actor=world.users["volunteer"], note="Ziek")
    assert [m.to for m in mailoutbox] == [["olga@example.org"]]  # the centre's others, not district B's
    with pytest.raises(ValidationError, match="al een invaller"):
        shift_services.stand_in_ask(shift=shift, actor=world.users["volunteer"])
    with pytest.raises(PermissionDenied):  # Vera cannot take her own request
        shift_services.stand_in_take(stand_in=stand_in, volunteer=vera, actor=world.users["volunteer"])

    shift_services.stand_in_take(stand_in=stand_in, volunteer=olga, actor=colleague_user)
    stored = StandIn.objects.get(pk=stand_in.pk)
    assert (stored.status, stored.taken_by, Shift.objects.get(pk=shift.pk).volunteer) == (
        StandInStatus.TAKEN, olga, olga,
    )  # fmt: skip
    assert mailoutbox[-1].to == [world.users["volunteer"].email]
    # Someone else, a moment later: told, nothing written.
    late = StandIn.objects.get(pk=stand_in.pk)
    late.status = StandInStatus.OPEN
    before = _state()
    with pytest.raises(ValidationError, match="al overgenomen"):
        shift_services.stand_in_take(stand_in=late, volunteer=stranger, actor=None)
    assert _state() == before


def test_the_stand_in_workflow(world):
    def make(state):
        shift = vf.ShiftFactory(centre=world.centre_a, volunteer=vf.VolunteerFactory(centres=[world.centre_a]))
        return vf.StandInFactory(shift=shift, status=state)

    takers = {StandInStatus.TAKEN: world.users["volunteer"], StandInStatus.WITHDRAWN: world.users["professional_a"]}
    walk = walk_workflow(
        STAND_IN_WORKFLOW,
        make=make,
        by=lambda move: takers[move.target] if move else None,
        denied_by=world.users["professional_b"],
    )
    assert (walk.allowed, walk.refused) == (2, 7)


def test_hours_from_a_worked_shift_once(world):
    vera = _vera(world)
    now = timezone.now()
    shift = vf.ShiftFactory(
        centre=world.centre_a, volunteer=vera, starts_at=now - datetime.timedelta(hours=5),
        ends_at=now - datetime.timedelta(hours=2, minutes=30),
    )  # fmt: skip
    entry = services.hours_log(volunteer=vera, actor=world.users["volunteer"], shift=shift)
    assert (str(entry.hours), entry.shift, entry.centre, entry.status) == ("2.50", shift, world.centre_a, "submitted")
    with pytest.raises(ValidationError, match="al geschreven"):
        services.hours_log(volunteer=vera, actor=world.users["volunteer"], shift=shift)
    ahead = vf.ShiftFactory(centre=world.centre_a, volunteer=vera)
    with pytest.raises(ValidationError, match="voorbij"):
        services.hours_log(volunteer=vera, actor=world.users["volunteer"], shift=ahead)
    assert HoursEntry.objects.exclude(status=HoursStatus.DECLINED).count() == 1


def test_the_schedule_page_takes_a_flat_number_of_queries(world, client_for):
    vera = _vera(world)
    client = client_for("volunteer")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("volunteers:schedule")).status_code == 200
        return len(ctx)

    vf.ShiftFactory(centre=world.centre_a, volunteer=vera)
    small = count()
    for day in range(2, 8):
        start = timezone.now() + datetime.timedelta(days=day * 2)
        vf.ShiftFactory(
            centre=world.centre_a, volunteer=vera, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
        )
        vf.ShiftFactory(centre=world.centre_a, starts_at=start + datetime.timedelta(hours=3),
                        ends_at=start + datetime.timedelta(hours=4))  # fmt: skip
    assert count() == small


def test_the_feed_is_behind_a_secret_token_and_names_nobody(world, client):
    vera = _vera(world)
    shift = vf.ShiftFactory(centre=world.centre_a, volunteer=vera, title="Bar")
    vf.ShiftFactory(centre=world.centre_a, title="Niet van Vera")
    assert client.get(reverse("volunteers:feed", args=["geraden"])).status_code == 404
    token = shift_services.feed_token_reset(volunteer=vera, actor=world.users["volunteer"])
    assert len(token) >= 40 and str(vera.public_id) not in token
    response = client.get(reverse("volunteers:feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert [(str(e["summary"]), e["uid"]) for e in events] == [("Bar", f"shift-{shift.public_id}@wijkkracht")]
    assert vera.person.first_name.encode() not in response.content
    # A new link: the old one stops working.
    shift_services.feed_token_reset(volunteer=vera, actor=world.users["volunteer"])
    assert client.get(reverse("volunteers:feed", args=[token])).status_code == 404


def test_a_stopped_volunteers_feed_is_gone(world, client):
    vera = _vera(world)
    token = shift_services.feed_token_reset(volunteer=vera, actor=world.users["volunteer"])
    services.volunteer_stop(volunteer=vera, actor=world.users["volunteer"], reason=vf.StopReasonFactory())
    assert vera.status == VolunteerStatus.STOPPED
    assert client.get(reverse("volunteers:feed", args=[token])).status_code == 404
