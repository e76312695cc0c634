"""Validation where every entry point meets it: one phone rule, one postcode rule, one opening-hours rule, and a
case-insensitive unique room name in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wijkkracht.people.models import Person
from wijkkracht.places import services as places_services
from wijkkracht.places.models import CommunityCentre, OpeningHours, Room
from wijkkracht.validators import (
    normalise_phone,
    normalise_postcode,
    opening_hours_errors,
    validate_opening_hours,
    validate_phone,
    validate_postcode,
)

T = dt.time


@pytest.mark.parametrize("value", ["020 123 45 67", "06-12345678", "+31 6 1234 5678", "(020) 6431234", "0201234567"])
def test_phone_numbers_people_write_are_accepted(value):
    validate_phone(normalise_phone(value))


@pytest.mark.parametrize("value", ["bel me", "12345", "06", "+31 6 1234 5678 9999 99", "0612345678x"])
def test_what_is_no_phone_number_is_refused_in_dutch(value):
    with pytest.raises(ValidationError) as error:
        validate_phone(normalise_phone(value))
    assert error.value.code == "phone"
    assert "Dit lijkt geen telefoonnummer" in error.value.messages[0]


@pytest.mark.parametrize(("raw", "clean"), [("1181aa", "1181 AA"), (" 1181 AA ", "1181 AA"), ("1181  ab", "1181 AB")])
def test_postcodes_are_written_one_way(raw, clean):
    assert normalise_postcode(raw) == clean
    validate_postcode(clean)


@pytest.mark.parametrize("value", ["0181 AA", "12345", "1181 A", "AA 1181", "1181 AAA"])
def test_bad_postcodes_are_refused(value):
    with pytest.raises(ValidationError):
        validate_postcode(normalise_postcode(value))


def test_the_opening_hours_rule_marks_each_bad_row():
    rows = [(0, T(9), T(12)), (0, T(12), T(17)), (0, T(11), T(13)), (1, T(17), T(9)), (1, T(9), T(10))]
    errors = opening_hours_errors(rows)
    assert {i: e.code for i, e in errors.items()} == {2: "overlap", 3: "closes_before_opens"}
    with pytest.raises(ValidationError):
        validate_opening_hours(rows)
    validate_opening_hours(rows[:2])  # touching periods are fine


def test_the_model_refuses_a_bad_postcode_and_phone_from_any_entry_point(world):
    centre = CommunityCentre(name="Import", district=world.district_a, postcode="12345", phone="bel me")
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert set(error.value.message_dict) >= {"postcode", "phone"}
    person = Person(first_name="Ria", phone="bel me")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "phone" in error.value.message_dict


def test_the_service_normalises_and_checks_without_a_form(world):
    centre = places_services.centre_update(
        centre=world.centre_a,
        actor=None,
        profile="",
        focus="",
        street="Laan 1",
        postcode="1181ab",
        city="Amstelveen",
        phone=" 020  123 4567 ",
        email="",
    )
    centre.refresh_from_db()
    assert (centre.postcode, centre.phone) == ("1181 AB", "020 123 4567")
    with pytest.raises(ValidationError):
        places_services.centre_update(
            centre=world.centre_a,
            actor=None,
            profile="",
            focus="",
            street="",
            postcode="12",
            city="Amstelveen",
            phone="",
            email="",
        )
    centre.refresh_from_db()
    assert centre.postcode == "1181 AB"


def test_room_names_are_unique_per_centre_whatever_the_case_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Room.objects.create(centre=world.centre_a, name="GROTE ZAAL", capacity=5)
    Room.objects.create(centre=world.centre_b, name="grote zaal", capacity=5)  # another centre: fine


def test_the_room_service_puts_a_duplicate_name_on_the_name_field(world):
    with pytest.raises(ValidationError) as error:
        places_services.room_create(centre=world.centre_a, actor=None, name=" grote ZAAL ", capacity=3)
    assert error.value.message_dict == {"name": ["Dit wijkcentrum heeft al een zaal met deze naam."]}
    assert Room.objects.filter(centre=world.centre_a).count() == 1


def test_the_opening_hours_service_refuses_overlaps_and_changes_nothing(world):
    places_services.opening_hours_replace(centre=world.centre_a, hours=[(0, T(9), T(17))], actor=None)
    with pytest.raises(ValidationError) as error:
        places_services.opening_hours_replace(
            centre=world.centre_a, hours=[(2, T(9), T(12)), (2, T(11), T(14))], actor=None
        )
    assert error.value.code == "overlap"
    assert list(OpeningHours.objects.filter(centre=world.centre_a).values_list("weekday", flat=True)) == [0]


def test_the_english_page_says_it_in_english(world, client_for):
    from django.conf import settings
    from django.urls import reverse

    client = client_for("professional_a")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("places:room_create", args=[world.centre_a.slug]),
        {"name": "grote zaal", "capacity": "4"},
    )
    assert response.status_code == 200
    assert "This community centre already has a room with this name." in response.text
    assert 'id="id_name_error"' in response.text
    assert 'href="#id_name"' in response.text  # the error summary links to the field
    assert Room.objects.filter(centre=world.centre_a).count() == 1
