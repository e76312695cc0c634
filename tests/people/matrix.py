"""The desk: professionals and administrators register residents without an account."""

from tests.matrix import Entry
from wijkkracht.people.permissions import Action

DESK = frozenset({"professional_a", "professional_b", "administrator"})
# The desk person below lives in district A: professional_a serves it (centre A), professional_b does not.
DESK_A = frozenset({"professional_a", "administrator"})


def _desk_person(w):
    from wijkkracht.people.models import Person

    person = Person.objects.filter(channel="desk", first_name="Balie").first()
    if person is None:
        person = Person.objects.create(
            first_name="Balie",
            neighbourhood=w.neighbourhood_a,
            channel="desk",
            contact_preference="phone",
            phone="0201234567",
        )
    return person


MATRIX = {
    "desk:index": Entry(get=DESK, actions=(Action.DESK_REGISTER, Action.DESK_VIEW)),
    "desk:register": Entry(
        get=DESK,
        actions=(Action.DESK_REGISTER,),
        post=DESK,
        data=lambda w: {
            "channel": "desk",
            "first_name": "Jan",
            "neighbourhood": str(w.neighbourhood_a.pk),
            "contact_preference": "phone",
            "phone": "020 123 4567",
            "languages": "",
        },
    ),
    "desk:person": Entry(
        get=DESK_A,
        args=lambda w: [_desk_person(w).public_id],
        actions=(Action.DESK_VIEW,),
        logs={"audit.AuditEvent": frozenset({"administrator"})},
        notes="an administrator opening a desk record is audited (person.viewed)",
    ),
    "desk:invite": Entry(
        skip_get=True,
        post=DESK_A,
        args=lambda w: [_desk_person(w).public_id],
        data=lambda w: {"email": "jan.nieuw@example.org"},
        actions=(Action.DESK_INVITE,),
        notes="POST only",
    ),
}
