"""The calendar's filters, "what's on" on the home, district and centre pages, the activity pages and the
professional's form (bad input: a clear message, nothing changed). Dutch and English."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse
from freezegun import freeze_time

from tests.activities.factories import ActivityFactory, CategoryFactory, SessionFactory
from tests.activities.matrix import activity_data
from tests.test_authorization_matrix import snapshot
from wijkkracht.activities.constants import ActivityStatus, SessionStatus
from wijkkracht.activities.models import Activity

NOW = "2026-11-23 12:00:00+01:00"  # Monday
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time(NOW):
        yield


def _session(activity, day, hour=19, status=SessionStatus.SCHEDULED):
    starts = dt.datetime(2026, 11, day, hour - 1, 0, tzinfo=dt.UTC)  # local hour in winter
    return SessionFactory(
        activity=activity,
        date=dt.date(2026, 11, day),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        status=status,
    )


@pytest.fixture
def week(world):
    """Sessions this week in both districts: young people's, paid, free, at a centre and outside one."""
    taal, sport = CategoryFactory(slug="taal", name="Taal"), CategoryFactory(slug="sport", name="Sport")
    a = ActivityFactory(centre=world.centre_a, category=taal, title="Taalcafé", price=0, age_25_45=True)
    young = ActivityFactory(
        centre=world.centre_b, category=sport, title="Jongerenavond", age_15_25=True, age_25_45=False, price=2
    )
    park = ActivityFactory(
        centre=None,
        district=world.district_b,
        neighbourhood=world.neighbourhood_b,
        category=sport,
        title="Bootcamp in het park",
        age_45_65=True,
        age_25_45=False,
        price=0,
    )
    draft = ActivityFactory(centre=world.centre_a, category=taal, title="Geheim concept", status=ActivityStatus.DRAFT)
    sessions = {
        "taal": _session(a, 25),
        "young": _session(young, 27, hour=20),
        "park": _session(park, 28, hour=10),
        "draft": _session(draft, 26),
        "next_week": _session(a, 30),
        "cancelled": _session(a, 24, status=SessionStatus.CANCELLED),
    }
    return sessions


def _titles(response) -> list[str]:
    return [s.activity.title for _day, sessions in response.context["days"] for s in sessions]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ["Taalcafé", "Taalcafé", "Jongerenavond", "Bootcamp in het park"]),
        ("?wijk=westwijk", ["Jongerenavond", "Bootcamp in het park"]),
        ("?centrum=villa-randwijck", ["Taalcafé", "Taalcafé"]),
        ("?soort=sport", ["Jongerenavond", "Bootcamp in het park"]),
        ("?leeftijd=15_25", ["Jongerenavond"]),
        ("?leeftijd=15_55", ["Taalcafé", "Taalcafé", "Jongerenavond", "Bootcamp in het park"]),
        ("?leeftijd=65_plus", []),
        ("?prijs=paid", ["Jongerenavond"]),
        ("?prijs=free&wijk=westwijk", ["Bootcamp in het park"]),
        ("?buurt=westwijk-noord", ["Jongerenavond", "Bootcamp in het park"]),  # and what is for the whole district
        ("?vanaf=2026-11-26", ["Jongerenavond", "Bootcamp in het park", "Taalcafé"]),
    ],
)
def test_the_calendar_filters(client, world, week, query, titles):
    response = client.get(reverse("activities:calendar") + query)
    assert response.status_code == 200
    assert _titles(response) == titles


def test_a_neighbourhood_shows_its_own_activities_and_the_whole_districts(client, world, week):
    other = type(world.neighbourhood_b).objects.create(
        district=world.district_b, cbs_code="BU03620702", name="Westwijk Zuid"
    )
    response = client.get(reverse("activities:calendar") + f"?buurt={other.slug}")
    assert _titles(response) == ["Jongerenavond"]  # the bootcamp is in Westwijk Noord


def test_a_cancelled_session_shows_as_not_going_ahead(client, world, week):
    response = client.get(reverse("activities:calendar"))
    html = response.content.decode()
    assert "Gaat niet door" in html
    assert "Geheim concept" not in html  # drafts are not on the calendar


@pytest.mark.parametrize(
    "query", ["?wijk=bestaat-niet", "?vanaf=gisteren", "?leeftijd=99&prijs=duur", "?soort=x&soort=y"]
)
def test_unknown_filters_are_left_out_and_the_page_still_answers(client, world, week, query):
    response = client.get(reverse("activities:calendar") + query)
    assert response.status_code == 200
    assert len(_titles(response)) >= 1


def test_the_calendar_runs_a_fixed_number_of_queries(client, world, week, django_assert_max_num_queries):
    for n in range(20):
        _session(ActivityFactory(centre=world.centre_a, title=f"Extra {n}"), 26)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("activities:calendar"))
    assert len(_titles(response)) == 24


def test_a_busy_week_is_shown_a_page_at_a_time_in_a_fixed_number_of_queries(
    client, world, week, django_assert_max_num_queries
):
    """However many sessions a week holds, a page shows CALENDAR_PAGE of them: the rows and the queries stay the
    same (the calendar must not grow with the data)."""
    from wijkkracht.activities.constants import CALENDAR_PAGE

    for n in range(CALENDAR_PAGE + 15):
        _session(ActivityFactory(centre=world.centre_a, title=f"Druk {n:02d}"), 24 + n % 3, hour=9 + n % 10)
    with django_assert_max_num_queries(7):
        first = client.get(reverse("activities:calendar") + "?prijs=free")
    titles = _titles(first)
    assert len(titles) == CALENDAR_PAGE
    assert first.context["count"] == CALENDAR_PAGE + 15 + 3  # three of the week's own are free too
    assert first.context["pages"] == 2 and "pagina=2" in first.context["next_page"]
    with django_assert_max_num_queries(7):
        second = client.get(reverse("activities:calendar") + "?" + first.context["next_page"])
    assert len(_titles(second)) == 18 and not set(_titles(second)) & set(titles)
    assert second.context["next_page"] is None and "pagina" not in second.context["previous_page"]
    assert "Meer bijeenkomsten deze week" in first.content.decode()


def test_the_week_can_be_turned(client, world, week):
    response = client.get(reverse("activities:calendar") + "?wijk=westwijk")
    assert "vanaf=2026-11-30" in response.context["next_query"]
    assert "wijk=westwijk" in response.context["next_query"]
    response = client.get(reverse("activities:calendar") + "?" + response.context["next_query"])
    assert response.context["start"] == dt.date(2026, 11, 30)


def test_whats_on_is_on_the_home_district_and_centre_pages(client, world, week):
    home = client.get(reverse("places:home")).content.decode()
    assert "Deze week te doen" in home
    assert "Jongerenavond" in home and "Taalcafé" in home
    assert "Voor jongeren (15 tot 25 jaar)" in home
    district = client.get(reverse("places:district", args=[world.district_b.slug])).content.decode()
    assert "Jongerenavond" in district and "Taalcafé" not in district
    assert "?wijk=westwijk&amp;leeftijd=15_25" in district
    centre = client.get(reverse("places:centre", args=[world.centre_a.slug])).content.decode()
    assert "Taalcafé" in centre and "Jongerenavond" not in centre
    assert "Gaat niet door" not in centre  # what's on lists what goes ahead


def test_the_calendar_speaks_english(client, world, week):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("activities:calendar") + "?leeftijd=15_25")
    html = response.content.decode()
    assert "Calendar: things to do" in html
    assert "young people (15 to 25)" in html


def test_an_activity_page_shows_its_facts_and_sessions(client, world, week):
    activity = week["taal"].activity
    response = client.get(activity.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Elke week op woensdag" in html
    assert "Gratis" in html
    assert "Afgelasten" not in html  # only for those who manage it


def test_a_draft_is_seen_only_by_its_managers(client_for, world, week):
    url = week["draft"].activity.url
    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("resident").get(url).status_code == 403
    assert client_for("professional_b").get(url).status_code == 403
    assert client_for("professional_a").get(url).status_code == 200


def test_a_professional_sees_buttons_to_call_off_sessions(client_for, world, week):
    html = client_for("professional_a").get(week["taal"].activity.url).content.decode()
    assert "Afgelasten" in html
    assert "Activiteit wijzigen" in html


def test_an_invalid_rule_on_the_form_gets_a_clear_message_and_nothing_changes(client_for, world, week):
    client = client_for("professional_a")
    data = {**activity_data(world), "repeat": "custom", "rrule": "FREQ=HOURLY"}
    before = snapshot()
    response = client.post(reverse("activities:create"), data)
    assert response.status_code == 200
    assert "Deze herhaalregel klopt niet" in response.content.decode()
    assert snapshot() == before


def test_the_form_saves_a_draft_and_it_is_published(client_for, world, week):
    client = client_for("professional_a")
    response = client.post(reverse("activities:create"), {**activity_data(world), "title": "Breiclub"})
    activity = Activity.objects.get(title="Breiclub")
    assert response["Location"] == activity.url
    assert activity.rrule == "FREQ=WEEKLY;BYDAY=TU"  # the weekday of the first date (tomorrow, a Tuesday)
    client.post(reverse("activities:transition", args=[activity.public_id]), {"to": "published"})
    assert activity.sessions.count() == 13
    edit = client.get(reverse("activities:edit", args=[activity.public_id]))
    assert edit.context["form"].initial["repeat"] == "weekly"


def test_the_form_refuses_a_place_the_professional_does_not_run(client_for, world, week):
    client = client_for("professional_a")
    data = {**activity_data(world), "where": f"c-{world.centre_b.pk}"}
    before = snapshot()
    response = client.post(reverse("activities:create"), data)
    assert response.status_code == 403
    assert snapshot() == before


def test_the_manage_page_lists_only_the_professionals_own_activities(client_for, world, week):
    html = client_for("professional_a").get(reverse("activities:manage")).content.decode()
    assert "Taalcafé" in html and "Geheim concept" in html
    assert "Jongerenavond" not in html
    assert re.search(r"Jongerenavond", client_for("professional_b").get(reverse("activities:manage")).content.decode())
