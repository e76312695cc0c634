"""Council meetings: planning, the agenda, attendance, minutes (draft → published), decisions, the iCalendar
feed and the reminders (a week and a day before; overdue assignments; plans not evaluated)."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests.councils import factories as cf
from tests.councils.matrix import setup
from wijkkracht.councils import services
from wijkkracht.councils.constants import AssignmentStatus, MeetingStatus, PlanStatus, ReminderKind
from wijkkracht.councils.models import AgendaItem, Decision, Meeting, MeetingAttendance, Reminder
from wijkkracht.councils.query import overview
from wijkkracht.councils.workflows import MEETING_WORKFLOW
from wijkkracht.workflow.maps import GuardFailed, TransitionForbidden
from wijkkracht.workflow.testing import walk_workflow


def _in(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def test_a_member_plans_a_meeting_with_an_agenda(world):
    setup(world)
    meeting = services.meeting_plan(
        council=world.council_a,
        actor=world.users["council_a"],
        starts_at=_in(14),
        ends_at=_in(14) + datetime.timedelta(hours=2),
        location="De grote zaal",
        agenda=["Opening", "", "  Het plan  ", "Rondvraag"],
    )
    assert [i.title for i in meeting.agenda_items.all()] == ["Opening", "Het plan", "Rondvraag"]
    assert meeting.status == MeetingStatus.PLANNED


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"starts_at": None, "location": "Zaal"}, "starts_at"),  # a meeting without a date
        ({"starts_at": "soon", "location": ""}, "location"),  # nowhere
        ({"starts_at": "soon", "location": "Zaal", "ends_at": "before"}, "ends_at"),
        ({"starts_at": "soon", "location": "Zaal", "agenda": ["x" * 201]}, "agenda"),
    ],
)
def test_bad_meetings_are_refused_and_change_nothing(world, fields, field):
    setup(world)
    before = Meeting.objects.count(), AgendaItem.objects.count()
    start = _in(5)
    values = {"starts_at": start, "location": "Zaal", "agenda": []}
    values |= {k: v for k, v in fields.items()}
    if values["starts_at"] == "soon":
        values["starts_at"] = start
    if values.get("ends_at") == "before":
        values["ends_at"] = start - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        services.meeting_plan(council=world.council_a, actor=world.users["council_a"], **values)
    assert field in error.value.message_dict
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == before


def test_only_the_council_and_its_professionals_plan_its_meetings(world):
    setup(world)
    for persona in ("council_b", "professional_b", "resident", "coordinator", "administrator"):
        with pytest.raises(PermissionDenied):
            services.meeting_plan(council=world.council_a, actor=world.users[persona], starts_at=_in(3), location="X")
    meeting = services.meeting_plan(
        council=world.council_a, actor=world.users["professional_a"], starts_at=_in(3), location="Zaal 1"
    )
    assert meeting.created_by == world.users["professional_a"]


def test_the_meeting_workflow_map(world):
    s = setup(world)

    def make(state):
        meeting = cf.MeetingFactory(council=world.council_a, starts_at=_in(-1), minutes="Notulen.")
        Meeting.objects.filter(pk=meeting.pk).update(status=state)
        meeting.status = state
        return meeting

    walk = walk_workflow(
        MEETING_WORKFLOW,
        make=make,
        by=world.users["council_a"],  # the chair: may cancel and publish
        denied_by=world.users["council_b"],
        blocked={
            (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED): lambda: cf.MeetingFactory(
                council=world.council_a, starts_at=_in(3), minutes="Te vroeg."
            ),
        },
    )
    assert walk.allowed == 2
    assert s.chair.position == "chair"


def test_minutes_are_published_by_the_chair_after_the_meeting_and_only_then_public(world, client_for):
    s = setup(world)
    meeting = s.held
    pro = world.users["professional_a"]
    services.meeting_minutes_save(meeting=meeting, actor=pro, minutes="We spraken over het zomerfeest.")
    goal = s.running_goal
    services.decision_add(meeting=meeting, actor=pro, text="Zomerfeest op 5 juli.", plan_goal=goal)
    services.meeting_attendance_set(meeting=meeting, actor=pro, present={s.chair.pk})

    anonymous = client_for("anonymous").get(meeting.url)
    page = anonymous.content.decode()
    assert "Zomerfeest op 5 juli" not in page and "zomerfeest" not in page  # drafts are not public
    assert s.chair.person.first_name not in page  # attendance never is
    council_page = client_for("anonymous").get(world.council_a.url).content.decode()
    assert "Zomerfeest op 5 juli" not in council_page

    with pytest.raises(TransitionForbidden):  # the professional records, the chair publishes
        services.meeting_publish(meeting=meeting, actor=pro)
    services.meeting_publish(meeting=meeting, actor=world.users["council_a"])
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED and meeting.published_at is not None

    page = client_for("anonymous").get(meeting.url).content.decode()
    assert "We spraken over het zomerfeest." in page and "Zomerfeest op 5 juli." in page
    assert s.chair.person.first_name not in page
    council_page = client_for("anonymous").get(world.council_a.url).content.decode()
    assert "Zomerfeest op 5 juli." in council_page
    with pytest.raises(PermissionDenied):  # published minutes are closed
        services.meeting_minutes_save(meeting=meeting, actor=pro, minutes="Later veranderd.")


def test_minutes_cannot_be_published_before_the_meeting_or_when_empty(world):
    s = setup(world)
    chair = world.users["council_a"]
    with pytest.raises(GuardFailed):
        services.meeting_publish(meeting=s.coming, actor=chair)
    empty = cf.MeetingFactory(council=world.council_a, starts_at=_in(-2), minutes="")
    with pytest.raises(GuardFailed):
        services.meeting_publish(meeting=empty, actor=chair)
    assert Meeting.objects.filter(status=MeetingStatus.PUBLISHED).count() == 0


def test_a_cancelled_meeting_needs_a_reason_and_leaves_the_feed_as_cancelled(world, client_for):
    s = setup(world)
    services.meeting_cancel(meeting=s.coming, actor=world.users["council_a"], reason="Te weinig leden")
    s.coming.refresh_from_db()
    assert s.coming.status == MeetingStatus.CANCELLED
    response = client_for("anonymous").get(reverse("councils:meeting_feed", args=[world.council_a.public_id]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    cancelled = events[f"meeting-{s.coming.public_id}@wijkkracht"]
    assert str(cancelled["status"]) == "CANCELLED"
    held = events[f"meeting-{s.held.public_id}@wijkkracht"]
    assert str(held["status"]) == "CONFIRMED"
    assert held.decoded("dtstart").tzinfo is not None
    assert str(held["dtstart"].params.get("TZID")) == "Europe/Amsterdam"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert held.decoded("dtstart") == s.held.starts_at.replace(microsecond=0)


def test_decisions_link_only_to_the_councils_own_goals_and_assignments(world):
    s = setup(world)
    other_goal = cf.PlanGoalFactory(plan=cf.PlanFactory(council=world.council_b, goals=0))
    other_assignment = cf.AssignmentFactory(council=world.council_b)
    for field, value in (("plan_goal", other_goal), ("assignment", other_assignment)):
        with pytest.raises(ValidationError) as error:
            services.decision_add(meeting=s.held, actor=world.users["council_a"], text="Besluit", **{field: value})
        assert field in error.value.message_dict
    assert Decision.objects.count() == 0


def test_attendance_only_of_members_seated_that_day(world):
    s = setup(world)
    other = cf.CouncilMemberFactory(council=world.council_b)
    with pytest.raises(ValidationError):
        services.meeting_attendance_set(meeting=s.held, actor=world.users["council_a"], present={other.pk})
    assert MeetingAttendance.objects.count() == 0
    services.meeting_attendance_set(meeting=s.held, actor=world.users["council_a"], present={s.chair.pk})
    assert MeetingAttendance.objects.get(member=s.chair).present is True


def _mails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


@pytest.mark.usefixtures("mailoutbox")
def test_reminders_a_week_and_a_day_before_each_once(world, django_capture_on_commit_callbacks):
    s = setup(world)
    chair_mail = world.users["council_a"].email
    with freeze_time(s.coming.starts_at - datetime.timedelta(days=7, hours=-1)):
        with django_capture_on_commit_callbacks(execute=True):
            first = services.reminders_send()
        with django_capture_on_commit_callbacks(execute=True):
            again = services.reminders_send()
    assert first[ReminderKind.MEETING_WEEK] == 1 and again[ReminderKind.MEETING_WEEK] == 0
    week = [m for m in _mails_to(chair_mail) if "vergadert" in m.subject]
    assert len(week) == 1
    assert s.coming.url in week[0].body and "De grote zaal" in week[0].body
    with freeze_time(s.coming.starts_at - datetime.timedelta(hours=20)):
        with django_capture_on_commit_callbacks(execute=True):
            day = services.reminders_send()
        with django_capture_on_commit_callbacks(execute=True):
            day_again = services.reminders_send()
    assert day[ReminderKind.MEETING_DAY] == 1 and day_again[ReminderKind.MEETING_DAY] == 0
    assert any(m.subject.startswith("Morgen vergadert") for m in _mails_to(chair_mail))
    assert Reminder.objects.filter(kind=ReminderKind.MEETING_DAY).get().recipients >= 2  # chair + professional


@pytest.mark.usefixtures("mailoutbox")
def test_overdue_assignments_and_unevaluated_plans_are_reminded_once(world, django_capture_on_commit_callbacks):
    s = setup(world)
    pro = world.users["professional_a"]
    s.accepted.due_on = timezone.localdate() - datetime.timedelta(days=1)
    s.accepted.save()
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.reminders_send()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.reminders_send()
    assert counts[ReminderKind.ASSIGNMENT_OVERDUE] == 1 and again[ReminderKind.ASSIGNMENT_OVERDUE] == 0
    assert any("Flyers" in m.subject for m in _mails_to(pro.email))
    # The plan of last year is still in execution: not evaluated.
    assert s.running.status == PlanStatus.IN_EXECUTION
    assert counts[ReminderKind.PLAN_NOT_EVALUATED] == 1 and again[ReminderKind.PLAN_NOT_EVALUATED] == 0
    assert s.accepted.status == AssignmentStatus.ACCEPTED


def test_the_reminder_job_is_registered_with_the_scheduler():
    from wijkkracht.background.periodic import get_job

    assert get_job("councils.reminders").every == datetime.timedelta(hours=1)


def test_a_meeting_planned_through_the_page_in_english(world, client_for):
    setup(world)
    client = client_for("council_a")
    url = reverse("councils:meeting_create", args=[world.council_a.public_id])
    bad = client.post(url, {"date": "", "starts": "19:30", "location": "Zaal"})
    assert bad.status_code == 200 and Meeting.objects.count() == 2  # the two of the world
    ok = client.post(
        url,
        {
            "date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "starts": "19:30",
            "location": "Zaal 3",
            "agenda": "Opening\nRondvraag",
        },
    )
    assert ok.status_code == 302
    meeting = Meeting.objects.get(location="Zaal 3")
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "19:30"


def test_the_analyst_sees_counts_per_district_and_no_names(world, client_for, django_assert_max_num_queries):
    s = setup(world)
    services.meeting_publish(meeting=s.held, actor=world.users["council_a"])
    client = client_for("analyst")
    url = reverse("councils:overview")
    with django_assert_max_num_queries(14):  # sessions, user, scope, districts and the grouped counts
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert world.district_a.name in page and world.district_b.name in page
    assert s.chair.person.first_name not in page and s.chair.person.last_name not in page
    row = next(r for r in overview({world.municipality.pk}) if r["district"] == world.district_a)
    assert row["councils"] == 1 and row["seats"] == 1  # the chair; a proposed seat is not seated yet
    assert row["meetings"] == 1 and row["published"] == 1  # the meeting held yesterday; the coming one not yet
    assert row["open"] == 2 and row["overdue"] == 0
    assert row["plans"] == {"draft": 1}  # this year's draft; last year's plan is not this year's
