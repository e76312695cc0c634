"""Authorization matrix entries of concerns (collected by tests/test_authorization_matrix.py).

`setup(w)`: district A has a new concern raised by the resident (Ria) and a triaged one raised by the volunteer,
both owned by professional_a; district B has one raised by council_b, owned by professional_b. Opening a
concern writes the access log (concerns.ConcernAccess); the reporter never opens the professional's page (her
own concerns are on "Mijn meldingen")."""

from __future__ import annotations

from types import SimpleNamespace

from tests.concerns.factories import ConcernFactory
from tests.matrix import LOGGED_IN, Entry
from wijkkracht.concerns.constants import ConcernStatus
from wijkkracht.concerns.permissions import Action as A

PROFESSIONALS = frozenset({"professional_a", "professional_b"})
PROFESSIONAL_A = frozenset({"professional_a"})


def setup(w):
    if getattr(w, "concerns", None) is not None:
        return w.concerns
    pro_a, pro_b = w.users["professional_a"], w.users["professional_b"]
    own = ConcernFactory(neighbourhood=w.neighbourhood_a, reporter=w.users["resident"], owner=pro_a)
    triaged = ConcernFactory(
        neighbourhood=w.neighbourhood_a,
        reporter=w.users["volunteer"],
        reporter_role="volunteer",
        owner=pro_a,
        status=ConcernStatus.TRIAGED,
        topic="money",
    )
    other = ConcernFactory(neighbourhood=w.neighbourhood_b, reporter=w.users["council_b"], owner=pro_b)
    w.concerns = SimpleNamespace(own=own, triaged=triaged, other=other)
    return w.concerns


def _id(name):
    return lambda w: [getattr(setup(w), name).public_id]


def _setup(w):
    setup(w)
    return []


def raise_data(w):
    return {
        "topic": "loneliness",
        "description": "De buurvrouw op nummer 3 lijkt erg alleen.",
        "neighbourhood": w.neighbourhood_a.pk,
        "about_person": "on",
        "person_hint": "Mevrouw De Wit",
    }


def help_request_data(w):
    return {
        "channel": "home_visit",
        "contact_name": "Mevrouw De Wit",
        "contact_phone": "020 123 45 67",
        "neighbourhood": w.neighbourhood_a.pk,
        "category": "company",
        "what": "Zou graag af en toe bezoek krijgen.",
        "urgency": "normal",
        "vulnerable": "on",
        "consent_share": "on",
    }


MATRIX: dict[str, Entry] = {
    "concerns:raise": Entry(actions=(A.RAISE,), get=LOGGED_IN, post=LOGGED_IN, data=raise_data),
    "concerns:mine": Entry(actions=(A.MINE,), get=LOGGED_IN, args=_setup),
    "concerns:queue": Entry(actions=(A.QUEUE, A.HANDLE), get=PROFESSIONALS, args=_setup),
    "concerns:figures": Entry(
        actions=(A.FIGURES,),
        get=frozenset({"analyst", "council_a", "council_b", "professional_a", "professional_b"}),
        args=_setup,
        notes="counts only, under 5 suppressed",
    ),
    "concerns:detail": Entry(
        actions=(A.VIEW,),
        get=PROFESSIONAL_A,
        args=_id("own"),
        logs={"concerns.ConcernAccess": PROFESSIONAL_A},
        notes="the reporter (resident) sees her concern on concerns:mine, never this page",
    ),
    "concerns:triage": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("own"),
        data=lambda w: {"priority": "high", "note": "Vandaag langsgaan."},
    ),
    "concerns:step": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("triaged"),
        data=lambda w: {"kind": "contact", "note": "Gebeld."},
    ),
    "concerns:help_request": Entry(
        actions=(A.HANDLE,),
        get=PROFESSIONAL_A,
        post=PROFESSIONAL_A,
        args=_id("triaged"),
        data=help_request_data,
    ),
    "concerns:transition": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("triaged"),
        data=lambda w: {"to": "closed", "feedback": "passed_on"},
    ),
}
