"""Authorization matrix entries of the activities app (collected by tests/test_authorization_matrix.py).

`setup(w)`: a published weekly activity at centre_a with a session next week, and a draft one at centre_a."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from tests.activities.factories import ActivityFactory, CategoryFactory, SessionFactory
from tests.matrix import ADMINISTRATORS, ALL, LOGGED_IN, Entry
from wijkkracht.activities import services
from wijkkracht.activities.constants import ActivityStatus, BookingKind, RegistrationStatus
from wijkkracht.activities.models import Attendance, Registration, RoomBooking
from wijkkracht.activities.permissions import Action as A
from wijkkracht.activities.recurrence import local_datetime
from wijkkracht.places.models import OpeningHours

PROFESSIONALS = frozenset({"professional_a", "professional_b"})
PRO_A = frozenset({"professional_a"})


def setup(w):
    if getattr(w, "activities", None) is not None:
        return w.activities
    category = CategoryFactory(slug="ontmoeten", name="Ontmoeten")
    published = ActivityFactory(centre=w.centre_a, category=category, title="Koffieochtend", capacity=10)
    draft = ActivityFactory(centre=w.centre_a, category=category, title="Nieuw plan", status=ActivityStatus.DRAFT)
    session = SessionFactory(activity=published, date=timezone.localdate() + dt.timedelta(days=7))
    open_session = SessionFactory(activity=published, date=timezone.localdate() + dt.timedelta(days=14))
    now = timezone.now()
    now_session = SessionFactory(
        activity=published,
        date=timezone.localdate(),
        starts_at=now - dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(hours=1),
    )
    walk_in = Attendance.objects.create(session=now_session, name="Ahmed", birth_year=2007)
    for weekday in range(7):
        OpeningHours.objects.get_or_create(centre=w.centre_a, weekday=weekday, opens=dt.time(8), closes=dt.time(23))
    day = timezone.localdate() + dt.timedelta(days=7)
    booking = RoomBooking.objects.create(
        room=w.room_a,
        kind=BookingKind.HIRER,
        holder="Yogaschool Amstel",
        attendees=12,
        starts_at=local_datetime(day, dt.time(10)),
        ends_at=local_datetime(day, dt.time(11)),
    )
    ria = w.users["resident"].person
    registration = Registration.objects.create(session=session, person=ria, status=RegistrationStatus.REGISTERED)
    w.activities = SimpleNamespace(
        category=category,
        published=published,
        draft=draft,
        session=session,
        open_session=open_session,
        registration=registration,
        now_session=now_session,
        walk_in=walk_in,
        booking=booking,
    )
    return w.activities


def _approved_initiative(w):
    from tests.initiatives.factories import InitiativeFactory
    from wijkkracht.initiatives.constants import InitiativeStatus

    setup(w)  # the category district A uses
    if getattr(w, "approved_initiative", None) is None:
        w.approved_initiative = InitiativeFactory(
            district=w.district_a, initiator=w.users["resident"].person, status=InitiativeStatus.APPROVED
        )
    return w.approved_initiative


def activity_data(w) -> dict:
    return {
        "title": "Taalcafé",
        "description": "Nederlands oefenen met buren.",
        "category": setup(w).category.pk,
        "where": f"c-{w.centre_a.pk}",
        "age_bands": ["15_25", "25_45"],
        "starts_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
        "start_time": "19:30",
        "end_time": "21:00",
        "repeat": "weekly",
        "price": "0",
        "organiser_kind": "volunteers",
    }


MATRIX: dict[str, Entry] = {
    "activities:calendar": Entry(actions=(A.CALENDAR_VIEW,), get=ALL, args=lambda w: [] if setup(w) else []),
    "activities:activity": Entry(
        actions=(A.VIEW, A.MANAGE),
        get=ALL,
        args=lambda w: [setup(w).published.public_id],
        notes="published; drafts in tests/activities/test_views.py",
    ),
    "activities:manage": Entry(actions=(A.MANAGE,), get=PROFESSIONALS, args=lambda w: [] if setup(w) else []),
    "activities:create": Entry(
        actions=(A.MANAGE,),
        get=PROFESSIONALS,
        post=PRO_A,
        args=lambda w: [] if setup(w) else [],
        data=activity_data,
        notes="professional_b may open the form but not add an activity at centre_a",
    ),
    "activities:edit": Entry(
        actions=(A.MANAGE,),
        get=PRO_A,
        post=PRO_A,
        args=lambda w: [setup(w).draft.public_id],
        data=activity_data,
    ),
    "activities:transition": Entry(
        actions=(A.MANAGE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).draft.public_id],
        data=lambda w: {"to": "published"},
    ),
    "activities:from_initiative": Entry(
        actions=(A.FROM_INITIATIVE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [_approved_initiative(w).public_id],
        notes="POST only: a professional of district A turns the approved initiative into a draft activity",
    ),
    "activities:session_status": Entry(
        actions=(A.MANAGE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).session.public_id],
        data=lambda w: {"to": "cancelled"},
    ),
    "admin:activities_category_add": Entry(
        actions=(A.CATEGORY_MANAGE,),
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        data=lambda w: {"name": "Muziek", "slug": "muziek", "order": "3"},
    ),
}
MATRIX.update(
    {
        "activities:feed": Entry(
            actions=(A.VIEW,), get=ALL, args=lambda w: [setup(w).published.public_id], notes="drafts: 404"
        ),
        "activities:feed_centre": Entry(actions=(A.CALENDAR_VIEW,), get=ALL, args=lambda w: [w.centre_a.slug]),
        "activities:feed_district": Entry(actions=(A.CALENDAR_VIEW,), get=ALL, args=lambda w: [w.district_a.slug]),
    }
)
MATRIX.update(
    {
        "activities:session": Entry(actions=(A.MANAGE,), get=PRO_A, args=lambda w: [setup(w).session.public_id]),
        "activities:register": Entry(
            actions=(A.REGISTER,),
            skip_get=True,
            post=LOGGED_IN,
            args=lambda w: [setup(w).open_session.public_id],
            notes="every account may belong to a resident (a Person)",
        ),
        "activities:register_desk": Entry(
            actions=(A.MANAGE,),
            skip_get=True,
            post=PRO_A,
            args=lambda w: [setup(w).session.public_id],
            data=lambda w: {"name": "Mevrouw Bos", "phone": "06 1234 5678", "birth_year": "1950"},
        ),
        "activities:cancel": Entry(
            actions=(A.REGISTRATION_CANCEL,),
            skip_get=True,
            post=frozenset({"resident", "professional_a"}),
            args=lambda w: [setup(w).registration.public_id],
        ),
        "activities:cancel_by_link": Entry(
            actions=(A.CALENDAR_VIEW,),
            get=ALL,
            post=ALL,
            post_ok=200,
            args=lambda w: [services.cancel_token(setup(w).registration)],
            notes="the signed link is the proof: no login",
        ),
        "activities:mine": Entry(actions=(A.MY_REGISTRATIONS,), get=LOGGED_IN, args=lambda w: [] if setup(w) else []),
    }
)
MATRIX.update(
    {
        "activities:check_in": Entry(
            actions=(A.MANAGE,),
            skip_get=True,
            post=PRO_A,
            args=lambda w: [setup(w).now_session.public_id],
            data=lambda w: {"binnen-name": "Mevrouw Bos", "binnen-birth_year": "1948"},
        ),
        "activities:head_count": Entry(
            actions=(A.MANAGE,),
            skip_get=True,
            post=PRO_A,
            args=lambda w: [setup(w).now_session.public_id],
            data=lambda w: {"new_15_25": "3", "returning_15_25": "2"},
        ),
        "activities:check_in_list": Entry(
            actions=(A.MANAGE,), get=PRO_A, args=lambda w: [setup(w).now_session.public_id]
        ),
        "activities:check_in_undo": Entry(
            actions=(A.MANAGE,), skip_get=True, post=PRO_A, args=lambda w: [setup(w).walk_in.public_id]
        ),
    }
)
MATRIX.update(
    {
        "activities:reach": Entry(
            actions=(A.REACH_VIEW,),
            get=frozenset({"analyst", "council_a", "council_b", "professional_a", "professional_b"}),
            notes="aggregates only; each sees the districts they may (tests/activities/test_reach.py)",
        ),
    }
)
MATRIX.update(
    {
        "activities:rooms": Entry(actions=(A.MANAGE,), get=PROFESSIONALS, args=lambda w: [] if setup(w) else []),
        "activities:room": Entry(
            actions=(A.MANAGE,),
            get=PRO_A,
            post=PRO_A,
            args=lambda w: [w.room_a.public_id] if setup(w) else [],
            data=lambda w: {
                "day": (timezone.localdate() + dt.timedelta(days=8)).isoformat(),
                "start_time": "10:00",
                "end_time": "11:00",
                "kind": "hirer",
                "holder": "Schaakclub",
                "attendees": "6",
            },
        ),
        "activities:booking_cancel": Entry(
            actions=(A.MANAGE,), skip_get=True, post=PRO_A, args=lambda w: [setup(w).booking.public_id]
        ),
        "activities:session_room": Entry(
            actions=(A.MANAGE,),
            skip_get=True,
            post=PRO_A,
            args=lambda w: [setup(w).session.public_id],
            data=lambda w: {"room": w.room_a.pk},
        ),
    }
)
