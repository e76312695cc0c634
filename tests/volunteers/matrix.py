"""Authorization matrix entries of the volunteers app (collected by tests/test_authorization_matrix.py).

`setup(w)`: the volunteer persona (Vera) is an active volunteer of centre_a with one day away; Bram (no account)
registered in district B."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from tests.matrix import ADMINISTRATORS, ALL, LOGGED_IN, Entry
from tests.volunteers import factories as vf
from wijkkracht.volunteers.constants import VolunteerStatus
from wijkkracht.volunteers.models import AvailabilityException, Volunteer
from wijkkracht.volunteers.permissions import Action as A

VERA = frozenset({"volunteer"})
PRO_A = frozenset({"professional_a"})
PROFESSIONALS = frozenset({"professional_a", "professional_b"})


def setup(w):
    if getattr(w, "volunteers", None) is not None:
        return w.volunteers
    vera = vf.VolunteerFactory(person=w.users["volunteer"].person, centres=[w.centre_a])
    away = AvailabilityException.objects.create(
        volunteer=vera,
        starts_on=timezone.localdate() + datetime.timedelta(days=7),
        ends_on=timezone.localdate() + datetime.timedelta(days=9),
    )
    bram = vf.VolunteerFactory(status=VolunteerStatus.REGISTERED, districts=[w.district_b])
    reason = vf.StopReasonFactory()
    vacancy = vf.VacancyFactory(centre=w.centre_a, title="Gastvrouw koffieochtend")
    other = vf.VacancyFactory(centre=w.centre_a, title="Taalmaatje")
    ria = w.users["resident"].person
    application = vf.ApplicationFactory(vacancy=other, person=ria, name="Ria", email="resident@example.org")
    entry = vf.HoursEntryFactory(volunteer=vera, centre=w.centre_a, district=w.district_a)
    vf.HoursEntryFactory(volunteer=vera, centre=w.centre_a, district=w.district_a, status="approved", date=_day(-800))
    Volunteer.objects.filter(pk=vera.pk).update(feed_token="geheim-token-van-vera-0123456789")
    vera.feed_token = "geheim-token-van-vera-0123456789"
    olga = vf.VolunteerFactory(centres=[w.centre_a])
    own_shift = vf.ShiftFactory(centre=w.centre_a, volunteer=vera)
    open_shift = vf.ShiftFactory(centre=w.centre_a, starts_at=own_shift.starts_at + datetime.timedelta(days=1))
    olga_shift = vf.ShiftFactory(
        centre=w.centre_a, volunteer=olga, starts_at=own_shift.starts_at + datetime.timedelta(days=2)
    )
    asked = vf.StandInFactory(shift=olga_shift)
    past_shift = vf.ShiftFactory(
        centre=w.centre_a,
        volunteer=vera,
        starts_at=timezone.now() - datetime.timedelta(days=2, hours=3),
        ends_at=timezone.now() - datetime.timedelta(days=2, hours=1),
    )
    w.volunteers = SimpleNamespace(
        olga=olga,
        own_shift=own_shift,
        open_shift=open_shift,
        asked=asked,
        past_shift=past_shift,
        entry=entry,
        vera=vera,
        bram=bram,
        away=away,
        reason=reason,
        vacancy=vacancy,
        other=other,
        application=application,
    )
    return w.volunteers


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _later(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


MATRIX: dict[str, Entry] = {
    "volunteers:mine": Entry(
        actions=(A.OWN_VIEW, A.REGISTER, A.OWN_CHANGE, A.PAUSE, A.RESUME, A.STOP),
        get=LOGGED_IN,
        args=lambda w: [] if setup(w) else [],
        notes="a volunteer's own page; others see the invitation to sign up",
    ),
    "volunteers:register": Entry(
        actions=(A.REGISTER,),
        get=LOGGED_IN - VERA,
        post=LOGGED_IN - VERA,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {"centres": [w.centre_a.pk], "max_hours_per_week": "4", "availability": ["mon_morning"]},
        notes="everyone with an account who is not a volunteer yet",
    ),
    "volunteers:profile": Entry(
        actions=(A.OWN_CHANGE,),
        get=VERA,
        post=VERA,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {"centres": [w.centre_a.pk], "max_hours_per_week": "6", "availability": ["tue_evening"]},
    ),
    "volunteers:own_transition": Entry(
        actions=(A.PAUSE, A.STOP),
        skip_get=True,
        post=VERA,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {"to": "paused", "until": _later(10)},
    ),
    "volunteers:own_exception_add": Entry(
        actions=(A.OWN_CHANGE,),
        skip_get=True,
        post=VERA,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {"afwezig-starts_on": _later(20), "afwezig-ends_on": _later(21)},
    ),
    "volunteers:own_exception_remove": Entry(
        actions=(A.OWN_CHANGE,),
        skip_get=True,
        post=VERA,
        args=lambda w: [setup(w).away.public_id],
    ),
    "volunteers:list": Entry(actions=(A.LIST, A.VIEW), get=PROFESSIONALS, args=lambda w: [] if setup(w) else []),
    "volunteers:detail": Entry(
        actions=(A.VIEW, A.MANAGE, A.PAUSE, A.STOP),
        get=PRO_A,
        args=lambda w: [setup(w).vera.public_id],
        notes="only the professionals of the volunteer's centres and districts",
    ),
    "volunteers:edit": Entry(
        actions=(A.MANAGE,),
        get=PRO_A,
        post=PRO_A,
        args=lambda w: [setup(w).vera.public_id],
        data=lambda w: {"centres": [w.centre_a.pk], "max_hours_per_week": "5"},
    ),
    "volunteers:transition": Entry(
        actions=(A.MANAGE, A.PAUSE, A.STOP, A.RESUME),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).vera.public_id],
        data=lambda w: {"to": "paused", "until": _later(10)},
    ),
    "volunteers:board": Entry(
        actions=(A.BOARD, A.VACANCY_MANAGE), get=ALL, args=lambda w: [] if setup(w) else [], query="?day_part=morning"
    ),
    "volunteers:vacancy": Entry(
        actions=(A.VACANCY_VIEW, A.APPLY, A.VACANCY_MANAGE), get=ALL, args=lambda w: [setup(w).vacancy.public_id]
    ),
    "volunteers:apply": Entry(
        actions=(A.APPLY,),
        get=ALL,
        post=ALL,
        args=lambda w: [setup(w).vacancy.public_id],
        data=lambda w: {"name": "Sanne", "phone": "06 1234 5678", "message": "Ik help graag."},
        notes="with or without an account",
    ),
    "volunteers:vacancy_create": Entry(
        actions=(A.VACANCY_MANAGE,),
        get=PROFESSIONALS,
        post=PRO_A,
        data=lambda w: {
            "title": "Chauffeur",
            "description": "Bewoners naar de markt rijden.",
            "place": "centre",
            "centre": w.centre_a.pk,
            "hours_per_week": "2",
            "places": "1",
        },
        denied_as={"professional_b": 200},
        notes="professional_b may open the form; centre A is not theirs: the form says so and nothing is saved",
    ),
    "volunteers:vacancy_edit": Entry(
        actions=(A.VACANCY_MANAGE,),
        get=PRO_A,
        post=PRO_A,
        args=lambda w: [setup(w).vacancy.public_id],
        data=lambda w: {
            "title": "Gastvrouw of gastheer",
            "description": "Koffie schenken.",
            "place": "centre",
            "centre": w.centre_a.pk,
            "hours_per_week": "3",
            "places": "2",
        },
    ),
    "volunteers:vacancy_manage": Entry(
        actions=(A.VACANCY_MANAGE, A.VIEW), get=PRO_A, args=lambda w: [setup(w).vacancy.public_id]
    ),
    "volunteers:phone_application": Entry(
        actions=(A.VACANCY_MANAGE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).vacancy.public_id],
        data=lambda w: {"telefoon-name": "Henk", "telefoon-phone": "020 123 4567"},
    ),
    "volunteers:vacancy_transition": Entry(
        actions=(A.VACANCY_MANAGE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).vacancy.public_id],
        data=lambda w: {"to": "closed"},
    ),
    "volunteers:application_decide": Entry(
        actions=(A.DECIDE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).application.public_id],
        data=lambda w: {"to": "declined", "reason": "De plaatsen zijn al vergeven."},
    ),
    "volunteers:application_make_volunteer": Entry(
        actions=(A.DECIDE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).application.public_id],
        notes="Ria (with an account) becomes a volunteer of centre A",
    ),
    "volunteers:application_withdraw": Entry(
        actions=(A.WITHDRAW,),
        skip_get=True,
        post=frozenset({"resident", "professional_a"}),
        args=lambda w: [setup(w).application.public_id],
    ),
    "volunteers:certificate_add": Entry(
        actions=(A.MANAGE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).vera.public_id],
        data=lambda w: {"certificaat-kind": "vog", "certificaat-issued_on": _later(-10)},
    ),
    "volunteers:consent_record": Entry(
        actions=(A.MANAGE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).vera.public_id],
        data=lambda w: {"toestemming-guardian_name": "Moeder de Vries", "toestemming-given_on": _later(-1)},
    ),
    "volunteers:schedule": Entry(
        actions=(A.SCHEDULE, A.SHIFT_TAKE, A.STAND_IN_ASK, A.STAND_IN_TAKE),
        get=VERA,
        args=lambda w: [] if setup(w) else [],
    ),
    "volunteers:feed_reset": Entry(
        actions=(A.SCHEDULE,), skip_get=True, post=VERA, args=lambda w: [] if setup(w) else []
    ),
    "volunteers:feed": Entry(
        actions=(A.SCHEDULE,),
        get=ALL,
        args=lambda w: [setup(w).vera.feed_token],
        notes="the secret token is the key (calendar apps cannot log in); it names nobody",
    ),
    "volunteers:shift_take": Entry(
        actions=(A.SHIFT_TAKE,), skip_get=True, post=VERA, args=lambda w: [setup(w).open_shift.public_id]
    ),
    "volunteers:stand_in_ask": Entry(
        actions=(A.STAND_IN_ASK,),
        skip_get=True,
        post=VERA | PRO_A,
        args=lambda w: [setup(w).own_shift.public_id],
        data=lambda w: {"note": "Ik ben ziek."},
    ),
    "volunteers:stand_in_take": Entry(
        actions=(A.STAND_IN_TAKE,), skip_get=True, post=VERA, args=lambda w: [setup(w).asked.public_id]
    ),
    "volunteers:stand_in_withdraw": Entry(
        actions=(A.STAND_IN_WITHDRAW,), skip_get=True, post=PRO_A, args=lambda w: [setup(w).asked.public_id]
    ),
    "volunteers:shift_hours": Entry(
        actions=(A.HOURS_LOG,), skip_get=True, post=VERA, args=lambda w: [setup(w).past_shift.public_id]
    ),
    "volunteers:shifts": Entry(
        actions=(A.SHIFT_MANAGE,),
        get=PROFESSIONALS,
        post=PRO_A,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {
            "title": "Bar",
            "centre": w.centre_a.pk,
            "date": _later(5),
            "start": "14:00",
            "end": "16:00",
            "weeks": "2",
            "places": "1",
        },
        denied_as={"professional_b": 200},
        notes="professional_b may open the page; centre A is not among their choices: the form says so",
    ),
    "volunteers:shift_assign": Entry(
        actions=(A.SHIFT_MANAGE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).open_shift.public_id],
        data=lambda w: {"volunteer": setup(w).vera.pk},
    ),
    "volunteers:shift_release": Entry(
        actions=(A.SHIFT_MANAGE,), skip_get=True, post=PRO_A, args=lambda w: [setup(w).own_shift.public_id]
    ),
    "volunteers:figures": Entry(
        actions=(A.FIGURES,),
        get=PROFESSIONALS | {"coordinator", "analyst", "council_a", "council_b"},
        args=lambda w: [] if setup(w) else [],
        notes="counts only, under 5 suppressed",
    ),
    "volunteers:appreciation": Entry(
        actions=(A.APPRECIATION,), get=PROFESSIONALS, args=lambda w: [] if setup(w) else [], query="?jaar=2026"
    ),
    "volunteers:messages": Entry(
        actions=(A.MESSAGE_SEND, A.VACANCY_MANAGE),
        get=PROFESSIONALS,
        post=PRO_A,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {
            "audience": "district",
            "district": w.district_a.pk,
            "subject": "Vrijwilligersavond",
            "body": "Kom je ook?",
        },
        denied_as={"professional_b": 200},
        notes="professional_b does not work in district A: the form refuses the choice",
    ),
    "volunteers:own_messages_setting": Entry(
        actions=(A.OWN_CHANGE,),
        skip_get=True,
        post=VERA,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {"opt_out": "on"},
    ),
    "volunteers:own_statement": Entry(
        actions=(A.STATEMENT,), get=VERA, args=lambda w: [] if setup(w) else [], notes="a PDF"
    ),
    "volunteers:statement": Entry(
        actions=(A.STATEMENT,), get=VERA | PRO_A, args=lambda w: [setup(w).vera.public_id], notes="a PDF"
    ),
    "volunteers:attention": Entry(
        actions=(A.ATTENTION_VIEW,), get=PROFESSIONALS, args=lambda w: [] if setup(w) else []
    ),
    "volunteers:hours": Entry(
        actions=(A.HOURS_VIEW, A.HOURS_DECIDE), get=PROFESSIONALS, args=lambda w: [] if setup(w) else []
    ),
    "volunteers:hours_log": Entry(
        actions=(A.HOURS_LOG,),
        skip_get=True,
        post=VERA,
        args=lambda w: [] if setup(w) else [],
        data=lambda w: {"uren-date": _later(-2), "uren-hours": "2,5", "uren-description": "Taalcafé"},
    ),
    "volunteers:hours_decide": Entry(
        actions=(A.HOURS_DECIDE,),
        skip_get=True,
        post=PRO_A,
        args=lambda w: [setup(w).entry.public_id],
        data=lambda w: {"to": "approved"},
    ),
    "admin:volunteers_tag_add": Entry(
        actions=(A.SETTINGS_MANAGE,),
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        data=lambda w: {"kind": "skill", "name": "Breien", "active": "on"},
    ),
}
