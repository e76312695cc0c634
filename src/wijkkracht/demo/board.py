"""The board in the demo: asks and offers in the home district and three more, some answered (publicly and
privately), some solved, one hidden by the professional with a reason. Written by the demo logins (resident,
volunteer, council member) under the names they chose; all synthetic and marked as such. Idempotent (found by
title and district); every row through the board's services."""

from __future__ import annotations

from django.db import transaction

from wijkkracht.accounts.models import User
from wijkkracht.board import services
from wijkkracht.board.constants import PostKind, PostStatus
from wijkkracht.board.models import BoardPost
from wijkkracht.places.models import CommunityCentre, District

from .seed import DEMO_DOMAIN, HOME_CENTRE, MUNICIPALITY_CODE

ASK, OFFER = PostKind.ASK, PostKind.OFFER
# (district index: 0 = home, 1-3 = others), author key, chosen name, kind, title, body, replies, end state
# replies: (author key, chosen name, text, private)
POSTS = [
    (
        0,
        "bewoner",
        "Ria",
        ASK,
        "Wie kan mij een ladder lenen?",
        "Voor een middag, om de dakgoot schoon te maken.",
        [
            ("vrijwilliger", "Vera", "Ik heb er een van drie meter. Wanneer wilt u hem hebben?", False),
            ("vrijwilliger", "Vera", "Mijn nummer is 06 0000 1111, bel maar.", True),
        ],
        PostStatus.SOLVED,
    ),
    (
        0,
        "vrijwilliger",
        "Vera",
        OFFER,
        "Ik help met de computer of telefoon",
        "Bijvoorbeeld videobellen, foto's versturen of een app instellen. Op zaterdagochtend.",
        [("raadslid", "Kees", "Mijn buurvrouw wil graag leren videobellen. Mag ik haar naar u sturen?", False)],
        None,
    ),
    (
        0,
        "raadslid",
        "Kees",
        ASK,
        "Wie wil mee wandelen op dinsdag?",
        "Een rondje door het park, rustig tempo.",
        [],
        None,
    ),
    (0, "bewoner", "Ria", OFFER, "Gratis: kinderfiets, 20 inch", "", [], "hidden"),
    (1, "vrijwilliger", "Vera", OFFER, "Ik kan uw planten water geven in de vakantie", "", [], None),
    (
        1,
        "raadslid",
        "Kees",
        ASK,
        "Wie heeft een boormachine te leen?",
        "Voor twee gaatjes in de muur.",
        [("bewoner", "Ria", "Ja, ik! Kom maar langs in het wijkcentrum.", False)],
        PostStatus.SOLVED,
    ),
    (
        2,
        "bewoner",
        "Ria",
        ASK,
        "Wie helpt mij met een formulier van de gemeente?",
        "Ik snap de brief niet goed.",
        [],
        None,
    ),
    (
        2,
        "raadslid",
        "Kees",
        OFFER,
        "Ik bak elke vrijdag te veel soep",
        "Wie wil een kom? Haal het op bij de buurttafel.",
        [],
        None,
    ),
    (
        3,
        "vrijwilliger",
        "Vera",
        ASK,
        "Wie past een uurtje op mijn hond?",
        "Woensdagmiddag, als ik naar de dokter ga.",
        [("bewoner", "Ria", "Dat kan ik wel doen.", False)],
        PostStatus.SOLVED,
    ),
    (3, "bewoner", "Ria", OFFER, "Ik leer u schaken", "Beginners welkom, in het wijkcentrum.", [], None),
]
HIDDEN_REASON = "Spullen weggeven kan beter via de weggeefkast in het wijkcentrum."


def _login(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _districts() -> list[District]:
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE).district
    others = list(
        District.objects.filter(municipality__cbs_code=MUNICIPALITY_CODE).exclude(pk=home.pk).order_by("cbs_code")[:3]
    )
    return [home, *others]


@transaction.atomic
def ensure_board() -> str:
    districts = _districts()
    professional = _login("beroepskracht")
    made = 0
    for index, key, name, kind, title, body, replies, end in POSTS:
        district = districts[index % len(districts)]
        if BoardPost.objects.filter(synthetic=True, district=district, title=title).exists():
            continue
        post = services.board_post_create(
            actor=None,
            author=_login(key),
            district=district,
            kind=kind,
            title=title,
            body=body,
            author_name=name,
            synthetic=True,
        )
        for reply_key, reply_name, text, private in replies:
            services.board_reply_create(
                post=post,
                actor=None,
                author=_login(reply_key),
                author_name=reply_name,
                body=text,
                private=private,
                synthetic=True,
            )
        if end == PostStatus.SOLVED:
            services.board_post_solve(post=post, actor=_login(key))
        elif end == "hidden":
            services.board_post_hide(post=post, actor=professional, reason=HIDDEN_REASON)
        made += 1
    return f"board posts: {made} created"
