"""Activities and their sessions through the services: validation, permissions, idempotent session making,
exceptions, the nightly job and the plan's realisation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from tests.activities.factories import ActivityFactory, CategoryFactory, SessionFactory
from tests.test_authorization_matrix import snapshot
from wijkkracht.activities import jobs, services
from wijkkracht.activities.constants import ActivityStatus, SessionStatus
from wijkkracht.activities.models import Activity, Session
from wijkkracht.activities.workflows import ACTIVITY_WORKFLOW, SESSION_WORKFLOW
from wijkkracht.audit.models import AuditEvent
from wijkkracht.councils.constants import Measure, PlanStatus
from wijkkracht.councils.models import Plan, PlanGoal
from wijkkracht.councils.query import attach_realisation
from wijkkracht.workflow.testing import walk_workflow

NOW = "2026-11-23 12:00:00+01:00"  # a Monday
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def taal(db):
    return CategoryFactory(slug="taal", name="Taal")


def _save(world, actor="professional_a", **changes):
    values = {
        "title": "Taalcafé",
        "description": "Nederlands oefenen met buren.",
        "category": CategoryFactory(slug="taal", name="Taal"),
        "centre": world.centre_a,
        "age_bands": ["15_25", "25_45"],
        "starts_on": dt.date(2026, 11, 23),  # a Monday; the rule says Wednesdays
        "start_time": dt.time(19, 30),
        "end_time": dt.time(21, 0),
        "rrule": "FREQ=WEEKLY;BYDAY=WE",
    }
    values.update(changes)
    return services.activity_save(actor=world.users[actor] if actor else None, **values)


@freeze_time(NOW)
def test_a_professional_creates_a_draft_at_their_centre(world):
    activity = _save(world)
    assert activity.status == ActivityStatus.DRAFT
    assert activity.district == world.district_a
    assert activity.starts_on == dt.date(2026, 11, 25)  # moved to the first Wednesday
    assert (activity.age_15_25, activity.age_25_45, activity.age_65_plus) == (True, True, False)
    assert activity.sessions.count() == 0  # a draft has no sessions yet
    assert (
        AuditEvent.objects.filter(action="activities.activity_create", object_id=str(activity.public_id)).count() == 1
    )


@freeze_time(NOW)
def test_publishing_makes_the_sessions_up_to_the_horizon_once(world):
    activity = _save(world)
    services.activity_move(activity=activity, to=ActivityStatus.PUBLISHED, actor=world.users["professional_a"])
    sessions = list(activity.sessions.order_by("date"))
    # Wednesdays from 25 November 2026 up to 22 February 2027 (91 days ahead).
    assert len(sessions) == 13
    assert sessions[0].date == dt.date(2026, 11, 25)
    assert sessions[-1].date == dt.date(2027, 2, 17)
    first = sessions[0]
    assert first.starts_at == dt.datetime(2026, 11, 25, 18, 30, tzinfo=dt.UTC)  # 19:30 in Amsterdam (winter)
    assert first.ends_at == dt.datetime(2026, 11, 25, 20, 0, tzinfo=dt.UTC)
    before = snapshot()
    assert services.sessions_generate(activity=activity) == 0
    assert snapshot() == before


@freeze_time(NOW)
@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"rrule": "FREQ=HOURLY"}, "rrule", "niet vaker dan eens per dag"),
        ({"rrule": "FREQ=WEEKLY;BYDAY=WE;UNTIL=20261101"}, "rrule", "geen enkele bijeenkomst"),
        ({"end_time": dt.time(19, 0)}, "end_time", "eindtijd"),
        ({"age_bands": []}, "age_bands", "leeftijdsgroep"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(world, changes, field, says):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        _save(world, **changes)
    assert says in " ".join(error.value.message_dict[field])
    assert snapshot() == before


@freeze_time(NOW)
def test_links_must_belong_to_the_same_district(world):
    other_goal = PlanGoal.objects.create(
        plan=Plan.objects.create(council=world.council_b, year=2026), title="Doel B", target_value=10
    )
    local = CategoryFactory(slug="dorp", name="Dorpsleven")
    local.districts.set([world.district_b])
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        _save(world, neighbourhood=world.neighbourhood_b, category=local, plan_goals=[other_goal])
    assert set(error.value.message_dict) == {"neighbourhood", "category", "plan_goals"}
    assert snapshot() == before


@freeze_time(NOW)
def test_only_the_professionals_of_the_centre_manage_its_activities(world):
    before = snapshot()
    for persona in ("professional_b", "council_a", "resident", "administrator"):
        with pytest.raises(PermissionDenied):
            _save(world, actor=persona)
    assert snapshot() == before
    # professional_b serves all of district B: a centre there, and the district outside any centre.
    assert _save(world, actor="professional_b", centre=world.centre_b).centre == world.centre_b
    outside = _save(world, actor="professional_b", centre=None, district=world.district_b, location="Speelveld")
    assert (outside.centre, outside.district) == (None, world.district_b)
    with pytest.raises(PermissionDenied):  # a centre's professional does not run the whole district
        _save(world, centre=None, district=world.district_a)


@freeze_time(NOW)
def test_calling_off_a_session_makes_an_exception_that_survives_regeneration(world):
    activity = _save(world)
    pro = world.users["professional_a"]
    services.activity_move(activity=activity, to=ActivityStatus.PUBLISHED, actor=pro)
    session = activity.sessions.get(date=dt.date(2026, 12, 2))
    services.session_cancel(session=session, actor=pro)
    activity.refresh_from_db()
    assert activity.exdates == ["2026-12-02"]
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED
    services.sessions_generate(activity=activity)
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED
    with pytest.raises(PermissionDenied):
        services.session_restore(session=session, actor=world.users["professional_b"])
    services.session_restore(session=session, actor=pro)
    activity.refresh_from_db()
    assert activity.exdates == []
    assert Session.objects.get(pk=session.pk).status == SessionStatus.SCHEDULED


@freeze_time(NOW)
def test_a_session_that_is_over_cannot_be_called_off(world):
    session = SessionFactory(activity=ActivityFactory(centre=world.centre_a), date=dt.date(2026, 11, 18))
    before = snapshot()
    with pytest.raises(ValidationError, match="al voorbij"):
        services.session_cancel(session=session, actor=world.users["professional_a"])
    assert snapshot() == before


@freeze_time(NOW)
def test_a_changed_schedule_moves_the_future_sessions(world):
    pro = world.users["professional_a"]
    activity = _save(world)
    services.activity_move(activity=activity, to=ActivityStatus.PUBLISHED, actor=pro)
    kept = activity.sessions.get(date=dt.date(2026, 11, 25))
    # Later in the evening, and on Thursdays instead of Wednesdays.
    _save(world, activity=activity, start_time=dt.time(20, 0), end_time=dt.time(21, 30), rrule="FREQ=WEEKLY;BYDAY=TH")
    dates = sorted(activity.sessions.values_list("date", flat=True))
    assert dates[0] == dt.date(2026, 11, 26)
    assert all(d.weekday() == 3 for d in dates)
    assert not Session.objects.filter(pk=kept.pk).exists()
    assert activity.sessions.get(date=dt.date(2026, 11, 26)).starts_at == dt.datetime(
        2026, 11, 26, 19, 0, tzinfo=dt.UTC
    )


@freeze_time(NOW)
def test_stopping_calls_off_the_future_sessions(world):
    pro = world.users["professional_a"]
    activity = _save(world)
    services.activity_move(activity=activity, to=ActivityStatus.PUBLISHED, actor=pro)
    services.activity_move(activity=activity, to=ActivityStatus.STOPPED, actor=pro)
    assert set(activity.sessions.values_list("status", flat=True)) == {SessionStatus.CANCELLED}
    assert services.sessions_generate(activity=activity) == 0


def test_the_nightly_job_tops_up_sessions_and_a_second_run_changes_nothing(world):
    activity = ActivityFactory(centre=world.centre_a)
    ActivityFactory(centre=world.centre_a, status=ActivityStatus.DRAFT)
    with freeze_time(NOW):
        assert jobs.generate_sessions() == 13
        before = snapshot()
        assert jobs.generate_sessions() == 0
        assert snapshot() == before
    with freeze_time("2026-11-30 02:15:00+01:00"):  # a week later: one more Wednesday comes into the horizon
        assert jobs.generate_sessions() == 1
    assert Session.objects.filter(activity=activity).count() == 14


def test_the_activity_workflow(world):
    walk = walk_workflow(
        ACTIVITY_WORKFLOW,
        make=lambda state: ActivityFactory(centre=world.centre_a, status=state),
        by=world.users["professional_a"],
        denied_by=world.users["professional_b"],
    )
    assert walk.allowed == 4


@freeze_time(NOW)
def test_the_session_workflow(world):
    activity = ActivityFactory(centre=world.centre_a)
    days = iter(dt.date(2026, 12, 2) + dt.timedelta(weeks=n) for n in range(20))
    walk = walk_workflow(
        SESSION_WORKFLOW,
        make=lambda state: SessionFactory(activity=activity, date=next(days), status=state),
        by=world.users["professional_a"],
        denied_by=world.users["council_a"],
    )
    assert walk.allowed == 2


@freeze_time(NOW)
def test_plan_goals_count_the_sessions_that_took_place(world):
    plan = Plan.objects.create(council=world.council_a, year=2026, status=PlanStatus.IN_EXECUTION)
    total = PlanGoal.objects.create(plan=plan, title="Activiteiten", target_value=40, measure=Measure.ACTIVITIES_TOTAL)
    monthly = PlanGoal.objects.create(
        plan=plan, title="Per maand", target_value=4, measure=Measure.ACTIVITIES_PER_MONTH
    )
    activity = ActivityFactory(centre=world.centre_a)
    activity.plan_goals.set([total, monthly])
    for day in (4, 11, 18):  # took place
        SessionFactory(activity=activity, date=dt.date(2026, 11, day))
    SessionFactory(activity=activity, date=dt.date(2026, 10, 28), status=SessionStatus.CANCELLED)
    SessionFactory(activity=activity, date=dt.date(2026, 11, 25))  # still to come
    SessionFactory(activity=activity, date=dt.date(2025, 12, 31))  # another plan year
    goals = attach_realisation(list(plan.goals.all()))
    assert [(g.realised, g.realised_source) for g in goals] == [(3, "counted"), (0, "counted")]  # 3 // 11 months


@freeze_time(NOW)
def test_the_price_is_never_negative(world):
    with pytest.raises(ValidationError):
        _save(world, price=Decimal("-1"))
    assert Activity.objects.count() == 0


@freeze_time(NOW)
def test_plan_goals_count_residents_reached_in_their_target_groups_and_visits(world):
    from wijkkracht.activities.models import Attendance, HeadCount

    plan = Plan.objects.create(council=world.council_a, year=2026, status=PlanStatus.IN_EXECUTION)
    young = PlanGoal.objects.create(
        plan=plan, title="15-55", target_value=100, measure=Measure.RESIDENTS_REACHED, target_groups=["15_55"]
    )
    everyone = PlanGoal.objects.create(
        plan=plan, title="Iedereen", target_value=100, measure=Measure.RESIDENTS_REACHED, target_groups=["all"]
    )
    visits = PlanGoal.objects.create(plan=plan, title="Bezoeken", target_value=500, measure=Measure.VISITS)
    activity = ActivityFactory(centre=world.centre_a)
    activity.plan_goals.set([young, everyone, visits])
    first, second = (SessionFactory(activity=activity, date=dt.date(2026, 11, day)) for day in (4, 11))
    ria = world.users["resident"].person  # born 1980: 46 in 2026
    for session in (first, second):  # Ria twice: one person, two visits
        Attendance.objects.create(session=session, person=ria, birth_year=1980)
    Attendance.objects.create(session=first, name="Ahmed", birth_year=2007)  # 19
    Attendance.objects.create(session=second, name="ahmed", birth_year=2007)  # the same at the door
    Attendance.objects.create(session=first, name="Mevrouw Bos", birth_year=1948)  # 78
    Attendance.objects.create(session=first, name="Onbekend")  # no birth year
    HeadCount.objects.create(session=first, age_band="15_25", new=3, returning=4)
    goals = attach_realisation(list(plan.goals.all()))
    assert [g.realised for g in goals] == [2, 4, 13]  # Ria and Ahmed; + Bos and Onbekend; 7 counted + 6 named


@freeze_time(NOW)
def test_a_goal_without_linked_activities_keeps_the_councils_own_count(world):
    plan = Plan.objects.create(council=world.council_a, year=2026, status=PlanStatus.IN_EXECUTION)
    goal = PlanGoal.objects.create(
        plan=plan, title="Bereik", target_value=100, measure=Measure.RESIDENTS_REACHED, realised_manual=47
    )
    (shown,) = attach_realisation(list(plan.goals.all()))
    assert (shown.realised, shown.realised_source) == (47, "manual")
    ActivityFactory(centre=world.centre_a).plan_goals.set([goal])
    (shown,) = attach_realisation(list(plan.goals.all()))
    assert (shown.realised, shown.realised_source) == (0, "counted")
