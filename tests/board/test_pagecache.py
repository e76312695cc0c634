"""The public board pages come from the public page cache (ADR 0006) for anonymous visitors, and a new reply
empties it at once; a logged-in visitor never gets the anonymous page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.board.matrix import setup

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_board_comes_from_the_page_cache_and_a_new_reply_shows_at_once(world, client_for):
    data = setup(world)
    for url in (data.ask.url, reverse("board:district", args=[world.district_a.slug]), reverse("board:index")):
        assert Client().get(url)["X-Page-Cache"] == "miss"
        assert Client().get(url)["X-Page-Cache"] == "hit"
    client_for("council_a").post(
        reverse("board:reply", args=[data.ask.public_id]), {"body": "Zaterdag kan ik.", "author_name": "Kees"}
    )
    fresh = Client().get(data.ask.url)
    assert fresh["X-Page-Cache"] == "miss" and "Zaterdag kan ik" in fresh.text  # the write emptied the cache
    assert "06 12345678" not in fresh.text  # the private reply is never in the anonymous page
    own = client_for("resident").get(data.ask.url)
    assert "X-Page-Cache" not in own and "06 12345678" in own.text
