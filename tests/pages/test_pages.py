"""Contact and statements per municipality: in the footer of every page, editable by administrators."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from wijkkracht.audit.models import AuditEvent
from wijkkracht.pages.models import SiteInformation
from wijkkracht.places.models import OpeningHours


@pytest.fixture
def info(world, settings):
    settings.WIJKKRACHT_MUNICIPALITY = world.municipality.cbs_code
    return SiteInformation.objects.create(
        municipality=world.municipality,
        contact_name="Participe Amstelland",
        contact_phone="020 543 04 30",
        contact_phone_hours="maandag tot en met vrijdag, van 9.00 tot 17.00 uur",
        contact_visit_hours="De wijkcentra zijn op werkdagen open van 9.00 tot 17.00 uur.",
        controller_name="Gemeente Amstelveen",
        privacy_email="privacy@example.org",
        accessibility_status="B",
        accessibility_email="toegankelijk@example.org",
        accessibility_known_issues="De kaart heeft nog geen namen.\n\nTabellen zijn breed.",
        statement_date=datetime.date(2026, 11, 1),
        operator_name="Gemeente Amstelveen met Participe Amstelland",
    )


@pytest.mark.parametrize(
    "name", ["places:home", "pages:contact", "pages:privacy", "pages:accessibility", "accounts:login"]
)
def test_every_page_has_the_phone_number_and_the_statements_in_its_footer(client, info, name):
    text = client.get(reverse(name)).content.decode()
    footer = text[text.index('<footer class="site-footer">') :]
    assert '<a class="phone" href="tel:0205430430">020 543 04 30</a>' in footer
    assert "maandag tot en met vrijdag, van 9.00 tot 17.00 uur" in footer  # when to call
    assert "Of kom langs in een wijkcentrum. De wijkcentra zijn op werkdagen open van 9.00 tot 17.00 uur." in footer
    for url in ("/contact/", "/privacy/", "/toegankelijkheid/", "/colofon/"):
        assert f'href="{url}"' in footer


def test_the_home_page_says_whom_to_call_and_which_centres_are_open_today(client, world, info):
    from django.utils import timezone

    OpeningHours.objects.create(
        centre=world.centre_a,
        weekday=timezone.localdate().weekday(),
        opens=datetime.time(9),
        closes=datetime.time(17),
    )
    text = client.get(reverse("places:home")).content.decode()
    main = text[text.index("<main") : text.index("</main>")]
    assert "Liever iemand spreken?" in main and "020 543 04 30" in main
    assert 'Villa Randwijck</a>:\n      <span class="hours">09.00–17.00</span>' in main
    assert "Westend</a>:\n      gesloten" in main


def test_the_contact_page_lists_centres_with_opening_hours(client, world, info):
    OpeningHours.objects.create(centre=world.centre_a, weekday=0, opens=datetime.time(9), closes=datetime.time(12))
    text = client.get(reverse("pages:contact")).content.decode()
    assert '<th scope="row">Maandag</th><td><span class="hours">09.00–12.00</span></td>' in text
    assert "Bel even voordat u komt." in text  # Westend has no hours yet


def test_the_privacy_statement_names_who_is_responsible_and_how_to_ask(client, info):
    text = client.get(reverse("pages:privacy")).content.decode()
    for expected in (
        "Gemeente Amstelveen is verantwoordelijk",
        "privacy@example.org",
        "Hoe lang?",
        "Uw rechten",
        "Autoriteit Persoonsgegevens",
        "Mijn gegevens",
    ):
        assert expected in text


def test_the_accessibility_statement_follows_the_dutch_model(client, info):
    text = client.get(reverse("pages:accessibility")).content.decode()
    assert "B: voldoet gedeeltelijk aan de eisen" in text
    assert "WCAG 2.1 op niveau AA" in text
    assert "<li>De kaart heeft nog geen namen.</li><li>Tabellen zijn breed.</li>" in text
    assert "toegankelijk@example.org" in text and "Een probleem melden" in text


def test_the_colophon_names_who_runs_the_site(client, info):
    assert "Gemeente Amstelveen met Participe Amstelland" in client.get(reverse("pages:colophon")).content.decode()


def test_without_settings_the_pages_still_work_and_say_so(client, world):
    for name in ("pages:contact", "pages:privacy", "pages:accessibility", "pages:colophon"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "De gemeente heeft deze gegevens nog niet ingevuld." in response.content.decode()


def test_in_english(client, info):
    client.cookies["django_language"] = "en"
    text = client.get(reverse("pages:privacy")).content.decode()
    assert "Privacy statement" in text and "Rather talk to someone?" in text


def test_administrator_changes_the_phone_number_in_the_admin_audited(client_for, info):
    url = reverse("admin:pages_siteinformation_change", args=[info.pk])
    client = client_for("administrator")
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(municipality=info.municipality.pk, contact_phone="020 111 22 33", statement_date="2026-11-01")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    info.refresh_from_db()
    assert info.contact_phone == "020 111 22 33"
    assert AuditEvent.objects.filter(action="site_information.changed", object_id=str(info.pk)).count() == 1


def test_others_cannot_open_it_in_the_admin(client_for, info):
    assert client_for("professional_a").get(reverse("admin:pages_siteinformation_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("field", "value"),
    [("contact_phone", "bel ons maar"), ("contact_name", "Participe\u202eAmstelland"), ("privacy_extra", "x" * 2001)],
)
def test_the_value_rules_hold_for_the_contact_details(info, field, value):
    from django.core.exceptions import ValidationError

    from wijkkracht.pages.services import site_information_save

    setattr(info, field, value)
    with pytest.raises(ValidationError) as refused:
        site_information_save(info=info, actor=None)
    assert list(refused.value.message_dict) == [field]
    info.refresh_from_db()
    assert info.contact_phone == "020 543 04 30"


def test_the_footer_says_which_centres_are_open_today_and_when(client, world, info):
    from tests import factories as f

    today = timezone.localdate()
    hours = [(world.centre_a, 13, 17), (world.centre_a, 9, 12), (world.centre_b, 10, 16)]
    for centre, opens, closes in hours:
        OpeningHours.objects.create(
            centre=centre, weekday=today.weekday(), opens=datetime.time(opens), closes=datetime.time(closes)
        )
    closed = f.CommunityCentreFactory(district=world.district_a, name="Dicht Vandaag")
    OpeningHours.objects.create(
        centre=closed, weekday=(today.weekday() + 1) % 7, opens=datetime.time(9), closes=datetime.time(17)
    )
    text = client.get(reverse("pages:privacy")).content.decode()
    footer = text[text.index('<footer class="site-footer">') :]
    day = formats.date_format(today, "l")
    assert f"Vandaag ({day}) open:" in footer
    items = [
        (url, name, re.sub(r"<[^>]+>", "", hours))
        for url, name, hours in re.findall(r'<li><a href="([^"]+)">([^<]+)</a>: (.+?)</li>', footer)
    ]
    assert items == [
        (world.centre_a.url, "Villa Randwijck", "09.00–12.00, 13.00–17.00"),
        (world.centre_b.url, "Westend", "10.00–16.00"),
    ]
    assert "Dicht Vandaag" not in footer
    assert '<a href="/contact/">Adressen en alle openingstijden</a>' in footer


def test_the_footer_says_closed_today_only_when_hours_are_known(client, world, info):
    today = timezone.localdate()
    text = client.get(reverse("pages:privacy")).content.decode()
    assert "open:" not in text and "dicht" not in text  # no hours entered anywhere: say nothing about today
    OpeningHours.objects.create(
        centre=world.centre_a, weekday=(today.weekday() + 1) % 7, opens=datetime.time(9), closes=datetime.time(17)
    )
    text = client.get(reverse("pages:privacy")).content.decode()
    assert f"Vandaag ({formats.date_format(today, 'l')}) zijn de wijkcentra dicht." in text


def test_the_footer_in_english(client, world, info):
    from django.utils import translation

    OpeningHours.objects.create(
        centre=world.centre_a, weekday=timezone.localdate().weekday(), opens=datetime.time(9), closes=datetime.time(17)
    )
    with translation.override("nl"):
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        text = client.get(reverse("pages:privacy")).content.decode()
    footer = text[text.index('<footer class="site-footer">') :]
    assert "Open today (" in footer and 'Villa Randwijck</a>: <span class="hours">09.00–17.00</span>' in footer
    assert "All addresses and opening hours" in footer


@pytest.mark.parametrize("name", ["pages:contact", "places:home", "pages:privacy"])
def test_contact_pages_use_a_constant_number_of_queries(client, world, info, name):
    from tests.places.test_pages import count_queries, grow

    small = count_queries(client, reverse(name))
    grow(world)
    assert count_queries(client, reverse(name)) == small
