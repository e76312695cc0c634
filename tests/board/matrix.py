"""Authorization matrix entries of the board (collected by tests/test_authorization_matrix.py).

`setup(w)`: district A has an open ask of the resident (Ria) with a public and a private reply of the volunteer,
and a post hidden by the professional; district B has an open offer of council_b. Reading is public; writing
needs an account; professional_a works in district A (through centre_a) and moderates there, professional_b
works in district B and moderates nothing of A."""

from __future__ import annotations

from types import SimpleNamespace

from tests.board.factories import BoardPostFactory, BoardReplyFactory
from tests.matrix import ALL, LOGGED_IN, Entry
from wijkkracht.board.constants import PostKind, PostStatus
from wijkkracht.board.permissions import Action as A

PROFESSIONALS = frozenset({"professional_a", "professional_b"})
PROFESSIONAL_A = frozenset({"professional_a"})


def setup(w):
    if getattr(w, "board", None) is not None:
        return w.board
    ria, vera = w.users["resident"], w.users["volunteer"]
    ask = BoardPostFactory(district=w.district_a, author=ria, author_name="Ria")
    public = BoardReplyFactory(post=ask, author=vera, author_name="Vera")
    private = BoardReplyFactory(post=ask, author=vera, author_name="Vera", private=True, body="Bel me: 06 12345678")
    hidden = BoardPostFactory(
        district=w.district_a, author=ria, status=PostStatus.HIDDEN, hidden_reason="Reclame", title="Te koop"
    )
    offer = BoardPostFactory(
        district=w.district_b, author=w.users["council_b"], author_name="Karin", kind=PostKind.OFFER
    )
    w.board = SimpleNamespace(ask=ask, public=public, private=private, hidden=hidden, offer=offer)
    return w.board


def _id(name):
    return lambda w: [getattr(setup(w), name).public_id]


def _setup(w):
    setup(w)
    return []


def hand_over_data(w):
    return {
        "channel": "phone",
        "contact_name": "Ria de Vries",
        "contact_phone": "020 123 45 67",
        "neighbourhood": w.neighbourhood_a.pk,
        "category": "small_jobs",
        "what": "Een ladder lenen en hulp bij de dakgoot.",
        "urgency": "normal",
    }


MATRIX: dict[str, Entry] = {
    "board:index": Entry(actions=(A.READ,), get=ALL, args=_setup),
    "board:offer_help": Entry(actions=(A.READ,), get=ALL),
    "board:mine": Entry(actions=(A.MINE,), get=LOGGED_IN, args=_setup),
    "board:moderation": Entry(actions=(A.MODERATE,), get=PROFESSIONALS, args=_setup),
    "board:district": Entry(actions=(A.READ,), get=ALL, args=lambda w: [setup(w) and w.district_a.slug]),
    "board:create": Entry(
        actions=(A.WRITE,),
        get=LOGGED_IN,
        post=LOGGED_IN,
        args=lambda w: [w.district_a.slug],
        data=lambda w: {"kind": "offer", "title": "Ik help met de computer", "author_name": "Buur"},
    ),
    "board:post": Entry(
        actions=(A.READ, A.READ_REPLY, A.REPLY, A.SOLVE),
        get=ALL,
        args=_id("ask"),
        notes="public; the private reply is shown only to Ria, Vera and professional_a (test_board)",
    ),
    "board:reply": Entry(
        actions=(A.REPLY,),
        skip_get=True,
        post=LOGGED_IN,
        args=_id("ask"),
        data=lambda w: {"body": "Ik kan zaterdag helpen.", "author_name": "Buur"},
    ),
    "board:transition": Entry(
        actions=(A.SOLVE, A.MODERATE),
        skip_get=True,
        post=frozenset({"resident", "professional_a"}),
        args=_id("ask"),
        data=lambda w: {"to": "solved"},
        notes="the author or a professional of the district marks it solved",
    ),
    "board:hand_over": Entry(
        actions=(A.HAND_OVER,),
        get=PROFESSIONAL_A,
        post=PROFESSIONAL_A,
        args=_id("ask"),
        data=hand_over_data,
    ),
    "board:reply_hide": Entry(
        actions=(A.MODERATE,),
        skip_get=True,
        post=PROFESSIONAL_A,
        args=_id("public"),
        data=lambda w: {"reason": "Niet vriendelijk."},
    ),
}
