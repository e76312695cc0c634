"""The board and concerns with the demo data in a real browser: the demo professional's moderation list, every
demo post, the concerns queue and every demo concern; the demo resident's posts and reports. axe-core at 1280
and 390 px, no sideways scroll."""

import pytest

from tests.e2e.test_councils import check, log_out
from wijkkracht.board.models import BoardPost
from wijkkracht.concerns.models import Concern
from wijkkracht.demo.seed import DEMO_DOMAIN, DEMO_PASSWORD, seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, key):
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(f"{key}@{DEMO_DOMAIN}")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_demo_board_and_concerns_pages_pass_axe(page, transactional_db, axe_check):
    seed_demo(log=lambda *args, **kwargs: None)
    _log_in(page, "beroepskracht")
    for url in ("/prikbord/moderatie/", "/zorgsignalen/wachtrij/", "/zorgsignalen/cijfers/"):
        page.goto(url)
        check(page, axe_check)
    for post in BoardPost.objects.order_by("pk"):
        page.goto(post.url)
        assert page.locator("main h1").inner_text() == post.title
        check(page, axe_check)
    for concern in Concern.objects.order_by("pk"):
        page.goto(concern.url)
        check(page, axe_check)
    log_out(page)
    _log_in(page, "bewoner")
    for url in ("/prikbord/mijn/", "/zorgsignalen/mijn/"):
        page.goto(url)
        check(page, axe_check)
    assert "Demo-beoordeling" not in page.locator("main").inner_text()  # the reporter never sees the triage
