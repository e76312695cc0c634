"""Centre management: details, opening hours and rooms, for the professionals serving a centre and admins."""

import datetime as dt

import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import PERSONAS
from wijkkracht.audit.models import AuditEvent
from wijkkracht.places.models import CommunityCentre, OpeningHours, Room

ALLOWED_A = {"professional_a", "administrator"}  # may change centre_a
ALLOWED_B = {"professional_b", "administrator"}  # professional_b serves all of district_b


def centre_state(centre):
    return (
        CommunityCentre.objects.filter(pk=centre.pk).values().get(),
        list(OpeningHours.objects.filter(centre=centre).values_list("weekday", "opens", "closes")),
        list(
            Room.objects.filter(centre=centre).values_list("name", "capacity", "wheelchair_accessible", "description")
        ),
        AuditEvent.objects.count(),
    )


def centre_data(**overrides):
    data = {
        "profile": "Een huis voor de hele wijk.",
        "focus": "ouderen",
        "street": "Lindenlaan 2",
        "postcode": "1181 xx",
        "city": "Amstelveen",
        "phone": "020 123 45 67",
        "email": "info@example.org",
    }
    return {**data, **overrides}


def hours_data(rows, initial=0):
    data = {
        "hours-TOTAL_FORMS": str(len(rows)),
        "hours-INITIAL_FORMS": str(initial),
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"hours-{i}-{key}"] = value
    return data


def room_data(**overrides):
    return {
        "name": "Tuinkamer",
        "capacity": "12",
        "wheelchair_accessible": "on",
        "description": "Met tuin.",
        **overrides,
    }


def urls(world):
    c, r = world.centre_a.slug, world.room_a.public_id
    return {
        "centre_edit": (reverse("places:centre_edit", args=[c]), centre_data()),
        "centre_hours": (
            reverse("places:centre_hours", args=[c]),
            hours_data([{"weekday": "0", "opens": "09:00", "closes": "17:00"}]),
        ),
        "room_create": (reverse("places:room_create", args=[c]), room_data()),
        "room_edit": (reverse("places:room_edit", args=[c, r]), room_data(name="Grote zaal", capacity="40")),
        "room_delete": (reverse("places:room_delete", args=[c, r]), {}),
    }


VIEWS = ("centre_edit", "centre_hours", "room_create", "room_edit", "room_delete")


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_is_for_the_professional_of_the_centre_and_administrators(world, client_for, persona, view):
    url, _data = urls(world)[view]
    response = client_for(persona).get(url)
    if persona in ALLOWED_A:
        assert response.status_code == 200
        assert 'method="post"' in response.text
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - ALLOWED_A))
def test_a_denied_post_changes_nothing(world, client_for, persona, view):
    url, data = urls(world)[view]
    before = centre_state(world.centre_a)
    response = client_for(persona).post(url, data)
    assert response.status_code == (302 if persona == "anonymous" else 403)
    assert centre_state(world.centre_a) == before


@pytest.mark.parametrize("persona", sorted(ALLOWED_A))
def test_allowed_post_changes_details(world, client_for, persona):
    url, data = urls(world)["centre_edit"]
    response = client_for(persona).post(url, data, follow=True)
    assert response.redirect_chain == [(world.centre_a.url, 302)]
    assert "De gegevens van het wijkcentrum zijn opgeslagen." in response.text
    centre = CommunityCentre.objects.get(pk=world.centre_a.pk)
    assert (centre.profile, centre.focus, centre.street, centre.postcode, centre.phone, centre.email) == (
        "Een huis voor de hele wijk.",
        "ouderen",
        "Lindenlaan 2",
        "1181 XX",
        "020 123 45 67",
        "info@example.org",
    )
    event = AuditEvent.objects.get(action="places.centre_update")
    assert event.actor == world.users[persona]
    assert event.detail["fields"] == ["email", "focus", "phone", "postcode", "profile", "street"]


def test_a_professional_serving_the_district_may_change_its_centre(world, client_for):
    url = reverse("places:room_create", args=[world.centre_b.slug])
    response = client_for("professional_b").post(url, room_data(name="Zolder"))
    assert response.status_code == 302
    assert Room.objects.filter(centre=world.centre_b, name="Zolder").exists()


def test_the_centre_page_links_to_management_only_for_allowed_users(world, client_for):
    edit = reverse("places:centre_edit", args=[world.centre_a.slug])
    room_edit = reverse("places:room_edit", args=[world.centre_a.slug, world.room_a.public_id])
    for persona in PERSONAS:
        text = client_for(persona).get(world.centre_a.url).text
        assert (edit in text) == (persona in ALLOWED_A), persona
        assert (room_edit in text) == (persona in ALLOWED_A), persona


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "12345", "Vul een postcode in zoals 1181 AA."),
        ("email", "geen-mail", "Voer een geldig e-mailadres in."),
        ("city", "", "Dit veld is verplicht."),
        ("phone", "bel me", "Dit lijkt geen telefoonnummer"),
    ],
)
def test_invalid_details_show_a_field_error_and_change_nothing(world, client_for, field, value, message):
    before = centre_state(world.centre_a)
    url, data = urls(world)["centre_edit"]
    response = client_for("professional_a").post(url, {**data, field: value})
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.text
    assert message in response.text
    assert centre_state(world.centre_a) == before


def test_saving_unchanged_details_writes_no_audit_event(world, client_for):
    client = client_for("professional_a")
    url = reverse("places:centre_edit", args=[world.centre_a.slug])
    c = world.centre_a
    client.post(
        url,
        centre_data(
            profile=c.profile, focus=c.focus, street=c.street, postcode=c.postcode, phone=c.phone, email=c.email
        ),
    )
    assert AuditEvent.objects.filter(action="places.centre_update").count() == 0


# --- opening hours ------------------------------------------------------------------------------------------


def test_opening_hours_are_replaced_with_the_filled_in_rows(world, client_for):
    OpeningHours.objects.create(centre=world.centre_a, weekday=0, opens=dt.time(9), closes=dt.time(12))
    OpeningHours.objects.create(centre=world.centre_a, weekday=1, opens=dt.time(9), closes=dt.time(12))
    client = client_for("professional_a")
    url = reverse("places:centre_hours", args=[world.centre_a.slug])
    page = client.get(url)
    assert page.context["formset"].total_form_count() == 5  # two rows and three empty ones
    data = hours_data(
        [
            {"weekday": "0", "opens": "09:00", "closes": "13:00"},  # changed
            {"weekday": "1", "opens": "09:00", "closes": "12:00", "DELETE": "on"},  # removed
            {"weekday": "0", "opens": "19:00", "closes": "22:00"},  # added
            {"weekday": "", "opens": "", "closes": ""},  # empty: ignored
        ],
        initial=2,
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(OpeningHours.objects.filter(centre=world.centre_a).values_list("weekday", "opens", "closes")) == [
        (0, dt.time(9), dt.time(13)),
        (0, dt.time(19), dt.time(22)),
    ]
    assert AuditEvent.objects.get(action="places.opening_hours_replace").detail["hours"] == [
        [0, "09:00", "13:00"],
        [0, "19:00", "22:00"],
    ]


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ([{"weekday": "2", "opens": "17:00", "closes": "09:00"}], "closes", "De sluittijd moet later zijn"),
        ([{"weekday": "2", "opens": "09:00", "closes": "09:00"}], "closes", "De sluittijd moet later zijn"),
        ([{"weekday": "2", "opens": "negen", "closes": "17:00"}], "opens", "Voer een geldige tijd in."),
        ([{"weekday": "9", "opens": "09:00", "closes": "17:00"}], "weekday", "Selecteer een geldige keuze"),
        (
            [
                {"weekday": "2", "opens": "09:00", "closes": "17:00"},
                {"weekday": "2", "opens": "12:00", "closes": "18:00"},
            ],
            "opens",
            "valt samen met een andere openingstijd",
        ),
    ],
)
def test_bad_opening_hours_show_a_field_error_and_change_nothing(world, client_for, rows, field, message):
    OpeningHours.objects.create(centre=world.centre_a, weekday=0, opens=dt.time(9), closes=dt.time(12))
    before = centre_state(world.centre_a)
    url = reverse("places:centre_hours", args=[world.centre_a.slug])
    response = client_for("professional_a").post(url, hours_data(rows))
    assert response.status_code == 200
    assert f'-{field}_error"' in response.text
    assert message in response.text
    assert centre_state(world.centre_a) == before


def test_a_post_without_the_management_form_changes_nothing(world, client_for):
    before = centre_state(world.centre_a)
    url = reverse("places:centre_hours", args=[world.centre_a.slug])
    response = client_for("professional_a").post(url, {"hours-0-weekday": "1"})
    assert response.status_code == 200
    assert centre_state(world.centre_a) == before


# --- rooms --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", sorted(ALLOWED_A))
def test_allowed_users_add_edit_and_delete_rooms(world, client_for, persona):
    client = client_for(persona)
    c = world.centre_a.slug
    response = client.post(reverse("places:room_create", args=[c]), room_data(), follow=True)
    assert "Zaal Tuinkamer is toegevoegd." in response.text
    room = Room.objects.get(centre=world.centre_a, name="Tuinkamer")
    assert (room.capacity, room.wheelchair_accessible, room.description) == (12, True, "Met tuin.")

    response = client.post(
        reverse("places:room_edit", args=[c, room.public_id]),
        room_data(name="Serre", capacity="8", wheelchair_accessible=""),
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.name, room.capacity, room.wheelchair_accessible) == ("Serre", 8, False)

    response = client.post(reverse("places:room_delete", args=[c, room.public_id]), follow=True)
    assert "Zaal Serre is verwijderd." in response.text
    assert not Room.objects.filter(pk=room.pk).exists()
    assert list(
        AuditEvent.objects.filter(actor=world.users[persona]).values_list("action", flat=True).order_by("pk")
    ) == ["places.room_create", "places.room_update", "places.room_delete"]


@pytest.mark.parametrize(
    ("view", "data", "field", "message"),
    [
        ("room_create", room_data(capacity="0"), "capacity", "Zorg ervoor dat deze waarde minstens 1 is."),
        ("room_create", room_data(capacity="veel"), "capacity", "Voer een geheel getal in."),
        ("room_create", room_data(name="Grote zaal"), "name", "Dit wijkcentrum heeft al een zaal met deze naam."),
        ("room_create", room_data(name="grote ZAAL "), "name", "Dit wijkcentrum heeft al een zaal met deze naam."),
        ("room_create", room_data(name=""), "name", "Dit veld is verplicht."),
        ("room_edit", room_data(name="Tweede zaal"), "name", "Dit wijkcentrum heeft al een zaal met deze naam."),
        (
            "room_edit",
            room_data(name="Grote zaal", capacity="-1"),
            "capacity",
            "Zorg ervoor dat deze waarde minstens 1 is.",
        ),
    ],
)
def test_bad_room_input_shows_a_field_error_and_changes_nothing(world, client_for, view, data, field, message):
    f.RoomFactory(centre=world.centre_a, name="Tweede zaal")
    before = centre_state(world.centre_a)
    url = urls(world)[view][0]
    response = client_for("professional_a").post(url, data)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.text
    assert message in response.text
    assert centre_state(world.centre_a) == before


def test_the_same_room_name_is_fine_in_another_centre(world, client_for):
    response = client_for("administrator").post(urls(world)["room_create"][0], room_data(name="Keuken"))
    assert response.status_code == 302
    assert Room.objects.filter(name="Keuken").count() == 2


def test_a_room_of_another_centre_is_not_found_through_this_centre(world, client_for):
    url = reverse("places:room_edit", args=[world.centre_a.slug, world.room_b.public_id])
    before = centre_state(world.centre_b)
    assert client_for("administrator").post(url, room_data()).status_code == 404
    assert (
        client_for("professional_a")
        .get(reverse("places:room_delete", args=[world.centre_a.slug, world.room_b.public_id]))
        .status_code
        == 404
    )
    assert centre_state(world.centre_b) == before


def test_unknown_centre_is_404(world, client_for):
    url = reverse("places:centre_edit", args=["bestaat-niet"])
    assert client_for("administrator").get(url).status_code == 404


def test_writes_need_a_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["professional_a"])
    before = centre_state(world.centre_a)
    url, data = urls(world)["room_create"]
    assert client.post(url, data).status_code == 403
    assert centre_state(world.centre_a) == before


def test_other_methods_are_refused(world, client_for):
    url, _data = urls(world)["room_delete"]
    assert client_for("professional_a").delete(url).status_code == 405
    assert Room.objects.filter(pk=world.room_a.pk).exists()
