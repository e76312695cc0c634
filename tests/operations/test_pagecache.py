"""The public page cache: anonymous visitors share one render; nobody ever gets another user's page; every write
to page data is seen at once. Transactional tests: writes commit, as they do on a running site."""

import re

import pytest
from django.db import connection
from django.test import Client

from tests import factories as f
from wijkkracht.places.models import CommunityCentre

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def centre():
    municipality = f.MunicipalityFactory()
    district = f.DistrictFactory(municipality=municipality, cbs_code="WK036201", name="Randwijck")
    return f.CommunityCentreFactory(district=district, name="Villa Randwijck")


def test_an_anonymous_visitor_gets_the_cached_render_with_a_token_of_their_own(centre):
    first = Client().get("/")
    second_client = Client(enforce_csrf_checks=True)
    second = second_client.get("/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert TOKEN.sub("", first.text) == TOKEN.sub("", second.text)
    assert "Villa Randwijck" in second.text
    # The token in the cached page belongs to this visitor: their language switch works.
    token = TOKEN.search(second.text).group(1)
    assert token != TOKEN.search(first.text).group(1)
    assert "csrftoken" in second.cookies
    response = second_client.post("/account/taal/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_cache_hit_runs_no_query(centre, django_assert_num_queries):
    Client().get(centre.url)
    with django_assert_num_queries(0):
        assert Client().get(centre.url)["X-Page-Cache"] == "hit"


def test_head_is_served_from_the_cache_too(centre):
    Client().get("/")
    response = Client().head("/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit" and response.content == b""


def test_a_logged_in_user_never_reads_or_fills_the_cache(centre):
    user = f.UserFactory(display_name="Ria")
    client = Client()
    client.force_login(user)
    mine = client.get("/")
    assert "X-Page-Cache" not in mine
    assert "Uitloggen" in mine.text
    anonymous = Client().get("/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert "Uitloggen" not in anonymous.text
    assert "X-Page-Cache" not in client.get("/")


def test_languages_are_cached_apart(centre):
    Client().get("/")
    english = Client()
    english.cookies["django_language"] = "en"
    response = english.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in response.text
    assert english.get("/")["X-Page-Cache"] == "hit"


def test_a_query_string_bypasses_the_cache(centre):
    Client().get("/")
    assert "X-Page-Cache" not in Client().get("/?x=1")


@pytest.mark.parametrize(
    "write",
    [
        lambda c: CommunityCentre.objects.filter(pk=c.pk).update(name="Villa Nieuw"),  # bulk update
        lambda c: (setattr(c, "name", "Villa Nieuw"), c.save()),  # model save
        lambda c: connection.cursor().execute(  # raw SQL
            "UPDATE places_communitycentre SET name = %s WHERE id = %s", ["Villa Nieuw", c.pk]
        ),
    ],
    ids=["update", "save", "raw-sql"],
)
def test_every_write_to_page_data_is_seen_at_once(centre, write):
    assert "Villa Randwijck" in Client().get(centre.url).text
    assert Client().get(centre.url)["X-Page-Cache"] == "hit"
    write(centre)
    response = Client().get(centre.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Villa Nieuw" in response.text


def test_a_write_inside_a_transaction_counts_when_it_commits(centre):
    from django.db import transaction

    Client().get(centre.url)
    with transaction.atomic():
        CommunityCentre.objects.filter(pk=centre.pk).update(name="Villa Nieuw")
        # This connection sees its own uncommitted write: it must neither read nor fill the cache.
        assert "X-Page-Cache" not in Client().get(centre.url)
    response = Client().get(centre.url)
    assert response["X-Page-Cache"] == "miss" and "Villa Nieuw" in response.text


def test_logins_do_not_empty_the_cache(centre):
    user = f.UserFactory()
    Client().get("/")
    Client().force_login(user)  # writes a session and last_login
    assert Client().get("/")["X-Page-Cache"] == "hit"


def test_a_visitor_with_a_session_gets_a_fresh_render(centre):
    Client().get("/")
    client = Client()
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get("/")


def test_a_change_to_an_account_empties_the_cache_but_a_login_does_not(centre):
    user = f.UserFactory()
    Client().get("/")
    Client().force_login(user)
    assert Client().get("/")["X-Page-Cache"] == "hit"
    user.display_name = "Nieuwe naam"
    user.save()
    assert Client().get("/")["X-Page-Cache"] == "miss"
