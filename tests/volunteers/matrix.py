"""Authorization matrix entries of the volunteers app (collected by tests/test_authorization_matrix.py).

`setup(w)`: the volunteer persona (Vera) is an active volunteer of centre_a with one day away; Bram (no account)
registered in district B."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from tests.matrix import ADMINISTRATORS, LOGGED_IN, Entry
from tests.volunteers import factories as vf
from wijkkracht.volunteers.constants import VolunteerStatus
from wijkkracht.volunteers.models import AvailabilityException
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
    w.volunteers = SimpleNamespace(vera=vera, bram=bram, away=away, reason=reason)
    return w.volunteers


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
    "admin:volunteers_tag_add": Entry(
        actions=(A.SETTINGS_MANAGE,),
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        data=lambda w: {"kind": "skill", "name": "Breien", "active": "on"},
    ),
}
