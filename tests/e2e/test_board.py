"""The board in the browser: a resident offers help from the district page ("Bied hulp aan"), first with the
form's errors; a neighbour answers (public, then privately with a phone number); the author marks it solved;
the district's professional hides a post with a reason. axe-core at 1280 and 390 px, no sideways scroll."""

import re

import pytest

from tests.e2e.test_councils import check, log_out
from tests.e2e.test_journeys import log_in
from wijkkracht.board.constants import PostStatus
from wijkkracht.board.models import BoardPost, BoardReply

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_resident_offers_help_and_a_neighbour_answers(page, world, axe_check):
    log_in(page, world.users["resident"].email)
    page.goto(world.district_a.url)
    page.get_by_role("link", name="Bied hulp aan").click()
    page.wait_for_url(re.compile(r"/prikbord/bied-hulp-aan/\?wijk="))
    check(page, axe_check)
    page.get_by_role("link", name=re.compile(r"^Zet een aanbod op het prikbord")).click()
    page.wait_for_url(re.compile(r"/prikbord/wijk/[a-z0-9-]+/nieuw/\?soort=aanbod"))
    check(page, axe_check)
    page.get_by_label("Kort gezegd").fill("Ik help met de computer, bel 06 12345678")  # a phone number: refused
    page.get_by_role("button", name="Zet op het prikbord").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    check(page, axe_check)
    assert BoardPost.objects.count() == 0
    page.get_by_label("Kort gezegd").fill("Ik help met de computer")
    page.get_by_label("Meer uitleg (mag leeg blijven)").fill("Op zaterdagochtend, bij u thuis of in het wijkcentrum.")
    page.get_by_role("button", name="Zet op het prikbord").click()
    page.wait_for_url(re.compile(r"/prikbord/[0-9a-f-]+/$"))
    check(page, axe_check)
    post = BoardPost.objects.get()
    assert post.kind == "offer" and post.author_name == "Ria"

    log_out(page)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(world.district_a.url)
    page.get_by_role("link", name="Prikbord van Randwijck").click()
    page.wait_for_url(re.compile(r"/prikbord/wijk/"))
    check(page, axe_check)
    page.get_by_role("link", name="Ik help met de computer").click()
    page.wait_for_url(re.compile(r"/prikbord/[0-9a-f-]+/$"))
    assert page.get_by_role("link", name="Log in om te reageren").count() == 1

    log_in(page, world.users["volunteer"].email)
    page.goto(post.url)
    page.get_by_label("Uw reactie").fill("Graag! Mijn printer doet het niet.")
    page.get_by_role("button", name="Plaats reactie").click()
    page.wait_for_load_state()
    page.get_by_label("Uw reactie").fill("Bel me gerust: 06 98765432")
    page.get_by_label("Alleen de schrijver van het bericht mag dit lezen").check()
    page.get_by_role("button", name="Plaats reactie").click()
    page.wait_for_load_state()
    check(page, axe_check)
    assert BoardReply.objects.filter(post=post).count() == 2

    log_out(page)
    page.goto(post.url)
    text = page.locator("main").inner_text()
    assert "Mijn printer" in text and "06 98765432" not in text  # the private reply is not public

    log_in(page, world.users["resident"].email)
    page.goto(post.url)
    assert "06 98765432" in page.locator("main").inner_text()  # the author reads it
    page.get_by_role("button", name="Markeer als opgelost").click()
    page.wait_for_load_state()
    check(page, axe_check)
    post.refresh_from_db()
    assert post.status == PostStatus.SOLVED


def test_the_professional_moderates_the_districts_board(page, world, axe_check):
    from tests.board.matrix import setup

    data = setup(world)
    log_in(page, world.users["professional_a"].email)
    page.get_by_role("link", name="Prikbord").first.click()
    page.wait_for_url(re.compile(r"/prikbord/moderatie/"))
    check(page, axe_check)
    page.get_by_role("link", name=data.ask.title).click()
    page.wait_for_url(re.compile(r"/prikbord/[0-9a-f-]+/$"))
    check(page, axe_check)
    page.get_by_label("Waarom? (de schrijver ziet dit)").fill("Dit past beter bij een hulpvraag.")
    page.get_by_role("button", name="Verberg dit bericht").click()
    page.wait_for_load_state()
    data.ask.refresh_from_db()
    assert data.ask.status == PostStatus.HIDDEN
    check(page, axe_check)
    page.get_by_role("button", name="Zet weer open").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Maak er een hulpvraag van").click()
    page.wait_for_url(re.compile(r"/hulpvraag/$"))
    check(page, axe_check)
    page.get_by_role("button", name="Maak de hulpvraag").click()  # empty: errors, nothing changed
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() >= 1
    check(page, axe_check)


def test_the_board_index_and_my_posts_pass_axe(page, world, axe_check):
    from tests.board.matrix import setup

    setup(world)
    page.goto("/")
    page.get_by_role("link", name="Prikborden van de wijken").click()
    page.wait_for_url(re.compile(r"/prikbord/$"))
    check(page, axe_check)
    page.goto("/prikbord/bied-hulp-aan/")  # without a district: choose one
    check(page, axe_check)
    log_in(page, world.users["resident"].email)
    page.goto("/prikbord/mijn/")
    assert "Reclame" in page.locator("main").inner_text()  # why her post was hidden
    check(page, axe_check)
