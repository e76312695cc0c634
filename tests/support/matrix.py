"""Authorization matrix entries of the support app (collected by tests/test_authorization_matrix.py).

`setup(w)`: district A has an open request of the resident (Ria, with her account) and one of a resident
without an account, owned by professional_a; district B has one open request owned by professional_b.
Opening a request's personal data writes the access log (support.RequestAccess) for everyone but the resident
who asked it: `logs` names who must leave a row there."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from tests import factories as f
from tests.matrix import ALL, LOGGED_IN, Entry
from tests.support.factories import HelpRequestFactory
from tests.volunteers import factories as vf
from wijkkracht.places.models import Neighbourhood
from wijkkracht.support.constants import MatchStatus, RequestStatus
from wijkkracht.support.models import FollowUp, Match, NetworkContact
from wijkkracht.support.permissions import Action as A
from wijkkracht.volunteers.models import Volunteer

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
    # Matching: district A's neighbourhood has a centroid; Vera (the volunteer persona) and Bram are active
    # volunteers there. `seeking` looks for a helper; Vera was asked for `asked`; Bram is proposed for `proposed`.
    Neighbourhood.objects.filter(pk=w.neighbourhood_a.pk).update(centroid_lat=52.30, centroid_lon=4.86)
    w.neighbourhood_a.refresh_from_db()
    vera = Volunteer.objects.filter(person=w.users["volunteer"].person).first() or vf.VolunteerFactory(
        person=w.users["volunteer"].person, centres=[w.centre_a]
    )
    bram = vf.VolunteerFactory(person=f.PersonFactory(first_name="Bram", neighbourhood=w.neighbourhood_a))
    matching = {"neighbourhood": w.neighbourhood_a, "owner": pro_a, "status": RequestStatus.MATCHING}
    seeking, asked, proposed = (HelpRequestFactory(**matching) for _ in range(3))
    offered = Match.objects.create(help_request=asked, volunteer=vera, status=MatchStatus.OFFERED)
    proposal = Match.objects.create(help_request=proposed, volunteer=bram, status=MatchStatus.PROPOSED)
    w.support = SimpleNamespace(
        own=own,
        phone=phone,
        other=other,
        contact=contact,
        follow_up=follow_up,
        vera=vera,
        seeking=seeking,
        proposed=proposed,
        offered=offered,
        proposal=proposal,
    )
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
    "support:match_offer": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("seeking"),
        data=lambda w: {"volunteer": str(setup(w).vera.public_id)},
        notes="the professional asks a helper from the ranked list",
    ),
    "support:match_confirm": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=lambda w: [setup(w).proposed.public_id, setup(w).proposal.public_id],
    ),
    "support:match_cancel": Entry(
        actions=(A.HANDLE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=lambda w: [setup(w).proposed.public_id, setup(w).proposal.public_id],
    ),
    "support:helping": Entry(
        actions=(A.HELPING,),
        get=frozenset({"volunteer"}),
        args=lambda w: [] if setup(w) else [],
        logs={"support.RequestAccess": frozenset({"volunteer"})},
        notes="the helper's own page: the minimum of the requests they were asked for; every view logged",
    ),
    "support:match_answer": Entry(
        actions=(A.ANSWER,),
        skip_get=True,
        post=frozenset({"volunteer"}),
        args=lambda w: [setup(w).offered.public_id],
        data=lambda w: {"answer": "yes"},
        notes="only the helper who was asked says yes or no",
    ),
    "support:match_all": Entry(
        actions=(A.MATCH_ALL,),
        get=PROFESSIONAL_A,
        post=PROFESSIONAL_A,
        args=lambda w: [w.district_a.slug] if setup(w) else [],
        notes="the best overall assignment for district A's open requests, as proposals",
    ),
    "support:match_confirm_all": Entry(
        actions=(A.MATCH_ALL,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=lambda w: [w.district_a.slug] if setup(w) else [],
    ),
    "support:figures": Entry(
        actions=(A.FIGURES,),
        get=frozenset({"analyst", "council_a", "council_b", "professional_a", "professional_b"}),
        args=lambda w: [] if setup(w) else [],
        notes="counts only, under 5 suppressed",
    ),
}
