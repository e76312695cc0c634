"""Authorization matrix entries of the support app (collected by tests/test_authorization_matrix.py).

`setup(w)`: district A has an open request of the resident (Ria, with her account) and one of a resident
without an account, owned by professional_a; district B has one open request owned by professional_b.
Opening a request's personal data writes the access log (support.RequestAccess) for everyone but the resident
who asked it: `logs` names who must leave a row there."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from tests.matrix import ALL, LOGGED_IN, Entry
from tests.support.factories import HelpRequestFactory
from wijkkracht.support.constants import RequestStatus
from wijkkracht.support.models import FollowUp, NetworkContact
from wijkkracht.support.permissions import Action as A

PROFESSIONALS = frozenset({"professional_a", "professional_b"})
PROFESSIONAL_A = frozenset({"professional_a"})


def setup(w):
    if getattr(w, "support", None) is not None:
        return w.support
    pro_a, pro_b = w.users["professional_a"], w.users["professional_b"]
    ria = w.users["resident"].person
    own = HelpRequestFactory(neighbourhood=w.neighbourhood_a, person=ria, owner=pro_a, contact_name="Ria")
    phone = HelpRequestFactory(neighbourhood=w.neighbourhood_a, owner=pro_a, status=RequestStatus.INTAKE)
    other = HelpRequestFactory(neighbourhood=w.neighbourhood_b, owner=pro_b)
    contact = NetworkContact.objects.create(
        help_request=phone, name="Buurman Kees", relation="neighbour", consent_at=timezone.now()
    )
    follow_up = FollowUp.objects.create(help_request=phone, due_on=timezone.localdate())
    w.support = SimpleNamespace(own=own, phone=phone, other=other, contact=contact, follow_up=follow_up)
    return w.support


def _id(name):
    return lambda w: [getattr(setup(w), name).public_id]


def ask_data(w):
    return {
        "category": "shopping",
        "what": "Wie doet boodschappen voor mij?",
        "urgency": "normal",
        "neighbourhood": w.neighbourhood_a.pk,
        "contact_name": "Henk",
        "contact_phone": "020 765 43 21",
    }


MATRIX: dict[str, Entry] = {
    "support:ask": Entry(actions=(A.ASK,), get=ALL, post=ALL, data=ask_data, args=lambda w: [] if setup(w) else []),
    "support:thanks": Entry(actions=(A.ASK,), get=ALL),
    "support:mine": Entry(actions=(A.MINE,), get=LOGGED_IN, args=lambda w: [] if setup(w) else []),
    "support:queue": Entry(actions=(A.QUEUE, A.HANDLE), get=PROFESSIONALS, args=lambda w: [] if setup(w) else []),
    "support:take": Entry(
        actions=(A.ASK_ON_BEHALF,),
        get=PROFESSIONALS,
        post=PROFESSIONAL_A,
        data=lambda w: {**ask_data(w), "channel": "phone", "vulnerable": "on"},
        denied_as={"professional_b": 200},
        notes="professional_b may open the form, but district A's neighbourhoods are not offered: the form "
        "answers 200 with an error and nothing changes",
    ),
    "support:detail": Entry(
        actions=(A.VIEW,),
        get=frozenset({"resident", "professional_a"}),
        args=_id("own"),
        logs={"support.RequestAccess": PROFESSIONAL_A},
        notes="Ria's own request: Ria and the professionals of district A; professional_b never",
    ),
    "support:transition": Entry(
        actions=(A.HANDLE, A.CLOSE),
        skip_get=True,
        post=frozenset({"resident", "professional_a"}),
        args=_id("own"),
        data=lambda w: {"to": "closed", "outcome": "withdrawn"},
        notes="the resident withdraws her own request; the professional of the district closes it",
    ),
    "support:owner": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("own"),
        data=lambda w: {"owner": w.users["professional_a"].pk},
        post_changes=False,
        notes="handing to the owner it already has changes nothing (the change itself: test_support)",
    ),
    "support:intake": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("phone"),
        data=lambda w: {"underlying_need": "Wil niet tot last zijn.", "own_strength": "Kan zelf koken."},
    ),
    "support:contact_add": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("phone"),
        data=lambda w: {"name": "Zus Els", "relation": "family", "consent": "on"},
    ),
    "support:contact_answer": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=lambda w: [setup(w).phone.public_id, setup(w).contact.public_id],
        data=lambda w: {"answer": "yes"},
    ),
    "support:ladder": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("phone"),
        data=lambda w: {"rung": "own_network", "result": "not_possible"},
    ),
    "support:referral": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("phone"),
        data=lambda w: {"to": "wmo_desk", "reason": "Huishoudelijke hulp nodig."},
    ),
    "support:escalations": Entry(actions=(A.QUEUE, A.HANDLE), get=PROFESSIONALS, args=lambda w: [] if setup(w) else []),
    "support:follow_up_done": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=lambda w: [setup(w).phone.public_id, setup(w).follow_up.public_id],
        data=lambda w: {"note": "Gaat goed."},
    ),
    "support:figures": Entry(
        actions=(A.FIGURES,),
        get=frozenset({"analyst", "council_a", "council_b", "professional_a", "professional_b"}),
        args=lambda w: [] if setup(w) else [],
        notes="counts only, under 5 suppressed",
    ),
}
