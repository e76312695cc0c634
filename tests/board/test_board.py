"""The small-questions board: posting and answering (with an account, throttled), public reading with chosen
names only, no phone numbers or e-mail addresses in public text, private replies, solving, moderation by the
district's professional, an ask handed over as a help request through support's service, least privilege
across districts, the transition map, and flat query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.board.factories import BoardPostFactory, BoardReplyFactory
from tests.board.matrix import hand_over_data, setup
from tests.support.factories import HelpRequestFactory
from wijkkracht.accounts.models import ThrottleEvent
from wijkkracht.audit.models import AuditEvent
from wijkkracht.board import services
from wijkkracht.board.constants import AuditAction, PostKind, PostStatus
from wijkkracht.board.models import BoardPost, BoardReply
from wijkkracht.board.throttling import POST_ACCOUNT
from wijkkracht.board.workflows import BOARD_POST_WORKFLOW
from wijkkracht.support.constants import Channel
from wijkkracht.support.models import HelpRequest
from wijkkracht.workflow.testing import walk_workflow

S = PostStatus


def _create(client, world, **data):
    payload = {"kind": "offer", "title": "Ik help met de computer", "body": "Op zaterdag.", "author_name": "Ria"}
    return client.post(reverse("board:create", args=[world.district_a.slug]), {**payload, **data})


def test_a_resident_offers_help_and_anyone_reads_it_with_only_the_chosen_name(world, client_for):
    response = _create(client_for("resident"), world)
    post = BoardPost.objects.get()
    assert response["Location"] == post.url
    assert (post.district, post.kind, post.status, post.author) == (
        world.district_a,
        PostKind.OFFER,
        S.OPEN,
        world.users["resident"],
    )
    board = client_for("anonymous").get(reverse("board:district", args=[world.district_a.slug]))
    page = board.content.decode()
    assert "Ik help met de computer" in page and "Ria" in page
    assert "resident@example.org" not in page
    detail = client_for("anonymous").get(post.url).content.decode()
    assert "resident@example.org" not in detail
    event = AuditEvent.objects.get(action=AuditAction.POST_CREATE)
    assert set(event.detail) == {"district", "kind"}  # no title, no name


def test_the_form_offers_the_first_name_and_the_kind_from_the_link(world, client_for):
    response = client_for("resident").get(reverse("board:create", args=[world.district_a.slug]) + "?soort=aanbod")
    form = response.context["form"]
    assert form.initial == {"kind": PostKind.OFFER, "author_name": "Ria"}


@pytest.mark.parametrize(
    "field, text",
    [
        ("title", "Ladder nodig, bel 06 12345678"),
        ("body", "Mail mij op ria@example.org"),
        ("body", "Bel +31 20 123 4567"),
    ],
)
def test_public_text_with_a_phone_number_or_e_mail_address_is_refused_and_nothing_saved(world, client_for, field, text):
    response = _create(client_for("resident"), world, **{field: text})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert BoardPost.objects.count() == 0
    assert ThrottleEvent.objects.count() == 0  # a refused post is not counted


def test_empty_or_too_long_input_is_refused_with_a_message(world, client_for):
    response = _create(client_for("resident"), world, title="", author_name="x" * 41, kind="gift")
    assert response.status_code == 200
    assert {"title", "author_name", "kind"} <= set(response.context["form"].errors)
    assert BoardPost.objects.count() == 0


def test_a_private_reply_may_hold_a_phone_number_a_public_one_may_not(world, client_for):
    data = setup(world)
    client = client_for("council_a")
    url = reverse("board:reply", args=[data.ask.public_id])
    client.post(url, {"body": "Bel me: 06 98765432", "author_name": "Kees"})
    assert BoardReply.objects.filter(author=world.users["council_a"]).count() == 0
    client.post(url, {"body": "Bel me: 06 98765432", "author_name": "Kees", "private": "on"})
    assert BoardReply.objects.get(author=world.users["council_a"]).private is True


@pytest.mark.parametrize(
    "persona, sees",
    [
        ("anonymous", False),
        ("council_a", False),
        ("professional_b", False),
        ("resident", True),  # the post's author
        ("volunteer", True),  # the reply's writer
        ("professional_a", True),  # moderates district A
    ],
)
def test_a_private_reply_is_read_only_by_the_author_the_writer_and_the_districts_professional(
    world, client_for, persona, sees
):
    data = setup(world)
    page = client_for(persona).get(data.ask.url).content.decode()
    assert "Ik heb er een" in page  # the public reply
    assert ("06 12345678" in page) is sees


def test_posting_is_throttled_per_account_and_a_throttled_post_saves_nothing(world, client_for):
    client = client_for("resident")
    for n in range(POST_ACCOUNT.limit):
        assert _create(client, world, title=f"Aanbod {n}").status_code == 302
    response = _create(client, world, title="Nog een")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Wacht" in response.content.decode()
    assert BoardPost.objects.count() == POST_ACCOUNT.limit
    assert _create(client_for("volunteer"), world, title="Van Vera").status_code == 302  # another account


def test_the_author_marks_the_post_solved_and_nobody_can_reply_any_more(world, client_for):
    data = setup(world)
    url = reverse("board:transition", args=[data.ask.public_id])
    assert client_for("council_a").post(url, {"to": "solved"}).status_code == 403
    data.ask.refresh_from_db()
    assert data.ask.status == S.OPEN
    client_for("resident").post(url, {"to": "solved"})
    data.ask.refresh_from_db()
    assert data.ask.status == S.SOLVED
    before = BoardReply.objects.count()
    response = client_for("council_a").post(reverse("board:reply", args=[data.ask.public_id]), {"body": "x"})
    assert response.status_code == 403
    assert BoardReply.objects.count() == before
    with pytest.raises(Exception, match="niet meer reageren"):
        services.board_reply_create(
            post=data.ask, actor=None, author=world.users["council_a"], body="x", author_name="Kees"
        )


def test_the_professional_hides_a_post_with_a_reason_the_author_sees_why(world, client_for):
    data = setup(world)
    url = reverse("board:transition", args=[data.ask.public_id])
    client = client_for("professional_a")
    client.post(url, {"to": "hidden"})  # without a reason: refused, nothing changed
    data.ask.refresh_from_db()
    assert data.ask.status == S.OPEN
    client.post(url, {"to": "hidden", "reason": "Dit hoort niet op het prikbord."})
    data.ask.refresh_from_db()
    assert (data.ask.status, data.ask.hidden_reason) == (S.HIDDEN, "Dit hoort niet op het prikbord.")
    board = client_for("anonymous").get(reverse("board:district", args=[world.district_a.slug])).content.decode()
    assert data.ask.title not in board
    assert client_for("anonymous").get(data.ask.url).status_code == 403
    assert client_for("council_a").get(data.ask.url).status_code == 403
    mine = client_for("resident").get(reverse("board:mine")).content.decode()
    assert "Dit hoort niet op het prikbord." in mine
    client.post(url, {"to": "open"})  # restored
    data.ask.refresh_from_db()
    assert (data.ask.status, data.ask.hidden_reason) == (S.OPEN, "")


def test_the_professional_hides_a_reply_with_a_reason(world, client_for):
    data = setup(world)
    url = reverse("board:reply_hide", args=[data.public.public_id])
    client_for("professional_a").post(url, {"reason": ""})
    data.public.refresh_from_db()
    assert data.public.hidden_at is None
    client_for("professional_a").post(url, {"reason": "Niet vriendelijk."})
    data.public.refresh_from_db()
    assert data.public.hidden_at is not None and data.public.hidden_by == world.users["professional_a"]
    assert "Ik heb er een" not in client_for("anonymous").get(data.ask.url).content.decode()
    assert "Ik heb er een" not in client_for("resident").get(data.ask.url).content.decode()  # the post's author
    writer = client_for("volunteer").get(data.ask.url).content.decode()
    assert "Ik heb er een" in writer and "Niet vriendelijk." in writer  # its writer sees why


@pytest.mark.parametrize(
    "name, method, target, payload",
    [
        ("board:transition", "post", "ask", {"to": "hidden", "reason": "x"}),
        ("board:transition", "post", "hidden", {"to": "open"}),
        ("board:hand_over", "get", "ask", {}),
        ("board:hand_over", "post", "ask", None),
        ("board:reply_hide", "post", "public", {"reason": "x"}),
        ("board:post", "get", "hidden", {}),
    ],
)
def test_a_professional_of_district_b_moderates_nothing_of_district_a(world, client_for, name, method, target, payload):
    data = setup(world)
    obj = getattr(data, target)
    before = (
        sorted(BoardPost.objects.values_list("status", "hidden_reason")),
        BoardReply.objects.filter(hidden_at__isnull=False).count(),
        HelpRequest.objects.count(),
    )
    client = client_for("professional_b")
    url = reverse(name, args=[obj.public_id])
    response = client.get(url) if method == "get" else client.post(url, payload or hand_over_data(world))
    assert response.status_code == 403
    after = (
        sorted(BoardPost.objects.values_list("status", "hidden_reason")),
        BoardReply.objects.filter(hidden_at__isnull=False).count(),
        HelpRequest.objects.count(),
    )
    assert after == before
    moderation = client.get(reverse("board:moderation")).content.decode()
    assert data.ask.title not in moderation and data.offer.title in moderation


def test_an_ask_becomes_a_help_request_through_supports_service(world, client_for):
    data = setup(world)
    response = client_for("professional_a").post(
        reverse("board:hand_over", args=[data.ask.public_id]), hand_over_data(world)
    )
    help_request = HelpRequest.objects.get()
    assert response["Location"] == help_request.url
    assert (help_request.district, help_request.channel, help_request.owner, help_request.contact_name) == (
        world.district_a,
        Channel.PHONE,
        world.users["professional_a"],
        "Ria de Vries",
    )
    data.ask.refresh_from_db()
    assert (data.ask.status, data.ask.help_request) == (S.HANDED_OVER, help_request)
    # The author asked on the platform, so the request is theirs: it shows under "Mijn hulpvragen".
    assert help_request.person == data.ask.author.person
    author = Client()
    author.force_login(data.ask.author)
    assert help_request.url in author.get(reverse("support:mine")).content.decode()
    board = client_for("anonymous").get(reverse("board:district", args=[world.district_a.slug])).content.decode()
    assert data.ask.title not in board
    event = AuditEvent.objects.get(action=AuditAction.POST_HAND_OVER)
    assert set(event.detail) == {"help_request"}


def test_a_hand_over_without_a_phone_number_changes_nothing(world, client_for):
    data = setup(world)
    response = client_for("professional_a").post(
        reverse("board:hand_over", args=[data.ask.public_id]), {**hand_over_data(world), "contact_phone": "12"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert HelpRequest.objects.count() == 0
    data.ask.refresh_from_db()
    assert data.ask.status == S.OPEN


def test_an_offer_cannot_become_a_help_request(world, client_for):
    offer = BoardPostFactory(district=world.district_a, kind=PostKind.OFFER)
    assert client_for("professional_a").get(reverse("board:hand_over", args=[offer.public_id])).status_code == 403


def test_offer_help_is_on_the_home_page_and_every_district_page(world, client_for):
    client = client_for("anonymous")
    home = client.get(reverse("places:home")).content.decode()
    assert reverse("board:offer_help") in home
    district = client.get(reverse("places:district", args=[world.district_a.slug])).content.decode()
    assert f"{reverse('board:offer_help')}?wijk={world.district_a.slug}" in district
    offer = client.get(reverse("board:offer_help") + f"?wijk={world.district_a.slug}").content.decode()
    assert f"{reverse('board:create', args=[world.district_a.slug])}?soort=aanbod" in offer
    assert reverse("volunteers:register") in offer


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["anonymous", "professional_a"])
def test_board_pages_make_the_same_number_of_queries_for_more_posts_and_replies(world, client_for, persona):
    data = setup(world)
    client = client_for(persona)
    board_url = reverse("board:district", args=[world.district_a.slug])
    urls = [board_url, data.ask.url, reverse("board:index")]
    if persona == "professional_a":
        urls.append(reverse("board:moderation"))
    [_queries(client, url) for url in urls]  # warm up (content types are cached after the first use)
    few = [_queries(client, url) for url in urls]
    for n in range(15):
        post = BoardPostFactory(district=world.district_a)
        BoardReplyFactory(post=post)
        BoardReplyFactory(post=data.ask, author=world.users["volunteer"], private=bool(n % 2))
    assert [_queries(client, url) for url in urls] == few


def test_the_board_post_workflow(world):
    pro_a, ria = world.users["professional_a"], world.users["resident"]

    def make(state, with_request=True):
        help_request = HelpRequestFactory(neighbourhood=world.neighbourhood_a) if with_request else None
        return BoardPostFactory(district=world.district_a, author=ria, status=state, help_request=help_request)

    walk = walk_workflow(
        BOARD_POST_WORKFLOW,
        make=make,
        by=pro_a,
        denied_by=world.users["professional_b"],
        blocked={(S.OPEN, S.HANDED_OVER): lambda: make(S.OPEN, with_request=False)},
    )
    assert walk.allowed == 6
