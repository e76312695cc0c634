"""The admin speaks Dutch throughout (and English in English).

Why it leaked English: Django 6.1's own Dutch catalogue lacks some strings ("- Select an option -" is new in 6.1
and missing; "Filter by %(field_name)s" is left empty), and django-otp has no Dutch at all and writes its model
names ("TOTP devices") as plain strings that never pass through gettext. The fix: a Dutch catalogue for exactly
those strings in LOCALE_PATHS (src/wijkkracht/locale/nl, which outranks Django's), and TOTPConfig
(wijkkracht.ui.apps) that passes django-otp's names through gettext."""

from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.contrib import admin
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

DJANGO = Path(django.__file__).parent
# Django's catalogues the admin draws on: the framework itself, the admin, and auth.
DJANGO_CATALOGUES = ["conf/locale/{}/LC_MESSAGES/django.po", "contrib/admin/locale/{}/LC_MESSAGES/django.po"]
# Strings whose Dutch is the same as the English.
SAME_IN_DUTCH = {", ", "ID", "t0"}


def _gaps(template: str) -> list[polib.POEntry]:
    english = polib.pofile(str(DJANGO / template.format("en")))
    dutch = polib.pofile(str(DJANGO / template.format("nl")))
    done = {(e.msgctxt, e.msgid) for e in dutch if e.translated() and not e.obsolete}
    return [e for e in english if not e.obsolete and (e.msgctxt, e.msgid) not in done]


@pytest.mark.parametrize("template", DJANGO_CATALOGUES)
def test_every_string_django_leaves_without_dutch_has_dutch_here(template):
    missing = []
    with translation.override("nl"):
        for entry in _gaps(template):
            if entry.msgid_plural:
                dutch = translation.ngettext(entry.msgid, entry.msgid_plural, 2)
                english = entry.msgid_plural
            else:
                dutch, english = translation.gettext(entry.msgid), entry.msgid
            if dutch == english and entry.msgid not in SAME_IN_DUTCH:
                missing.append(entry.msgid)
    assert missing == [], "add Dutch for these to src/wijkkracht/locale/nl/LC_MESSAGES/django.po"


def test_the_blank_choice_and_the_otp_names_are_dutch_in_dutch_and_english_in_english():
    with translation.override("nl"):
        assert str(BLANK_CHOICE_LABEL) == "- Kies een optie -"
        assert str(TOTPDevice._meta.verbose_name_plural) == "TOTP-apparaten"
        assert str(TOTPDevice._meta.get_field("confirmed").verbose_name) == "bevestigd"
    with translation.override("en"):
        assert str(BLANK_CHOICE_LABEL) == "- Select an option -"
        assert str(TOTPDevice._meta.verbose_name_plural) == "TOTP devices"


def test_the_project_catalogue_comes_first():
    assert settings.LOCALE_PATHS[0] == Path(__file__).resolve().parents[2] / "src" / "wijkkracht" / "locale"
    assert (settings.LOCALE_PATHS[0] / "nl" / "LC_MESSAGES" / "django.mo").exists()


ENGLISH_LEAKS = ("Select an option", "Filter by", "TOTP device", "Two-step login", "OTP_TOTP", "Is this device")


def _admin_pages(world):
    yield reverse("admin:index")
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        yield reverse("admin:{}_{}_changelist".format(*info))
    yield reverse("admin:accounts_membership_add")
    device = TOTPDevice.objects.create(user=world.users["professional_a"], name="Telefoon", confirmed=True)
    yield reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    yield reverse("admin:audit_auditevent_changelist")


def test_admin_pages_in_dutch_show_no_english(world, client_for):
    client = client_for("administrator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    leaks = {}
    for url in _admin_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        found = [leak for leak in ENGLISH_LEAKS if leak in text]
        if found:
            leaks[url] = found
    assert leaks == {}
    index = client.get(reverse("admin:index")).content.decode()
    assert "TOTP-apparaten" in index and "Inloggen in twee stappen" in index
    assert "- Kies een optie -" in client.get(reverse("admin:accounts_membership_add")).content.decode()


def test_admin_in_english_speaks_english(world, client_for):
    client = client_for("administrator")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    index = client.get(reverse("admin:index")).content.decode()
    assert "TOTP devices" in index and "Two-step login" in index
