"""English is kept complete: every string in the code is in the catalogue, translated, and compiled."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "src" / "wijkkracht" / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _ids(catalogue) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in catalogue if not e.obsolete}


def test_every_string_in_the_code_is_in_the_english_catalogue(tmp_path):
    shutil.copytree(LOCALE, tmp_path / "locale")
    env = {
        **os.environ,
        "WIJKKRACHT_LOCALE_DIR": str(tmp_path / "locale"),
        "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.test",
    }
    subprocess.run(
        [
            sys.executable,
            str(REPO / "manage.py"),
            "makemessages",
            "-l",
            "en",
            "--no-location",
            "--no-obsolete",
            "--ignore",
            "tests/*",
            "--ignore",
            "bench/*",
            "--ignore",
            ".venv/*",
            "--ignore",
            ".tools/*",
        ],
        cwd=REPO / "src" / "wijkkracht",
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = _ids(polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")))
    committed = _ids(polib.pofile(str(PO)))
    assert sorted(fresh - committed) == [], "run `make messages` and translate the new strings"


def test_every_entry_is_translated_and_not_fuzzy():
    catalogue = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source():
    po = {
        (e.msgctxt or "", e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(PO))
        if e.translated() and not e.obsolete
    }
    mo = {(e.msgctxt or "", e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in polib.mofile(str(MO))}
    assert po == mo, "run `make messages` to compile the catalogue"
