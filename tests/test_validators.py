"""Shared value rules (wijkkracht.validators): names and free text shown to others cannot hide or reorder text,
and free text has a maximum length."""

import pytest
from django.core.exceptions import ValidationError

from tests import factories as f
from wijkkracht.validators import TEXT_MAX, unsafe_characters, validate_name, validate_text

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Ria\u202eexe.gnp" shows as "Riapng.exe"


@pytest.mark.parametrize(
    "value",
    [
        f"Ria{RLO}exe.gnp",
        "Ria\u2066x\u2069",  # isolates
        "Ria\u202ax",  # embedding
        "Ria\x00",
        "Ria\x1b[31m",  # a terminal escape
        "Ria\nKees",
        "R\u200bia",  # zero-width space
        "Ria\ufeff",
        "Ria\u2028",
        "Ria\ue000",  # private use
        "Ria\u200f",  # right-to-left mark
    ],
)
def test_names_refuse_control_bidi_and_invisible_characters(value):
    with pytest.raises(ValidationError) as error:
        validate_name(value)
    assert error.value.code == "unsafe_text"


@pytest.mark.parametrize(
    "value",
    ["Ria de Vries", "Zoë O'Brien-Çelik", "محمد", "דוד", "李小龙", "Ана", "👩\u200d👩\u200d👧", "नमस्\u200dते"],
)
def test_names_in_any_script_are_accepted(value):
    validate_name(value)


def test_free_text_allows_lines_and_tabs_but_not_overrides():
    validate_text("Koffie op maandag.\r\n\tEn op dinsdag.")
    with pytest.raises(ValidationError):
        validate_text(f"Koffie{RLO} op maandag")
    assert unsafe_characters(f"a{RLO}b\x00{RLO}", multiline=True) == ["U+202E", "U+0000"]


def test_the_error_names_the_characters_in_dutch():
    with pytest.raises(ValidationError) as error:
        validate_name(f"Ria{RLO}")
    assert "U+202E" in error.value.messages[0]
    assert "leesrichting" in error.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (f.CommunityCentreFactory, "name"),
        (f.RoomFactory, "name"),
        (f.CouncilFactory, "name"),
        (f.OrganisationFactory, "name"),
        (f.UserFactory, "display_name"),
        (f.PersonFactory, "first_name"),
        (f.PersonFactory, "last_name"),
    ],
)
def test_names_shown_to_others_are_checked_by_the_model(factory, field):
    obj = factory()
    setattr(obj, field, f"Ria{RLO}exe.gnp")
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    assert field in error.value.error_dict


@pytest.mark.django_db
@pytest.mark.parametrize(("factory", "field"), [(f.CommunityCentreFactory, "profile"), (f.RoomFactory, "description")])
def test_free_text_has_a_maximum_length(factory, field):
    obj = factory()
    setattr(obj, field, "x" * TEXT_MAX)
    obj.full_clean()
    setattr(obj, field, "x" * 100_000)
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    assert field in error.value.error_dict


def test_a_100000_character_profile_on_the_public_centre_page_is_refused(world, client_for):
    # Given the professional who may edit centre A
    client = client_for("professional_a")
    before = type(world.centre_a).objects.get(pk=world.centre_a.pk).profile
    # When they save a profile of 100,000 characters
    response = client.post(
        f"/wijkcentra/{world.centre_a.slug}/bewerken/",
        {"profile": "x" * 100_000, "focus": "", "street": "", "postcode": "", "city": "Amstelveen"},
    )
    # Then the form says so and nothing changed
    assert response.status_code == 200
    assert "2000" in response.text.replace(".", "").replace(",", "")
    assert type(world.centre_a).objects.get(pk=world.centre_a.pk).profile == before


def test_a_bidi_override_in_a_room_name_is_refused_on_the_form(world, client_for):
    client = client_for("professional_a")
    response = client.post(f"/wijkcentra/{world.centre_a.slug}/zalen/nieuw/", {"name": f"Zaal{RLO}1", "capacity": "10"})
    assert response.status_code == 200
    assert "leesrichting" in response.text
    assert not world.centre_a.rooms.filter(name__contains=RLO).exists()


def test_add_service_errors_puts_messages_on_their_fields_and_the_rest_on_top():
    from django import forms
    from django.core.exceptions import ValidationError

    from wijkkracht.validators import add_service_errors

    class Form(forms.Form):
        name = forms.CharField()

    form = Form({"name": "Zaal"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"name": "Bestaat al.", "capacity": "Te groot."}))
    add_service_errors(form, ValidationError("Iemand anders was u voor."))
    assert form.errors["name"] == ["Bestaat al."]
    assert form.non_field_errors() == ["Te groot.", "Iemand anders was u voor."]
