"""English is kept complete: every string in the code is in its app's catalogue, translated, and compiled.

Each app keeps its own catalogue (`<app>/locale/en/LC_MESSAGES/django.po`), so that apps grow without touching
one shared file; strings outside any app (settings, the root URLconf) live in `src/wijkkracht/locale`.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "wijkkracht"
CATALOGUES = sorted(SRC.glob("**/locale/en/LC_MESSAGES/django.po"))


def _ids(catalogue) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in catalogue if not e.obsolete}


def _name(po: Path) -> str:
    return str(po.relative_to(SRC))


def test_every_app_with_strings_has_a_catalogue():
    apps_with_code = {p.parent.name for p in SRC.glob("*/apps.py")}
    with_catalogue = {p.relative_to(SRC).parts[0] for p in CATALOGUES}
    assert sorted(apps_with_code - with_catalogue) == [], "create <app>/locale/en/LC_MESSAGES and run make messages"


def test_every_string_in_the_code_is_in_its_catalogue(tmp_path):
    copy = tmp_path / "wijkkracht"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {
        **os.environ,
        "WIJKKRACHT_LOCALE_DIR": str(copy / "locale"),
        "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.test",
    }
    subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "makemessages", "-l", "en", "--no-location", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    missing = []
    for po in CATALOGUES:
        fresh = _ids(polib.pofile(str(copy / po.relative_to(SRC))))
        committed = _ids(polib.pofile(str(po)))
        missing += [(_name(po), msgid) for _, msgid in sorted(fresh - committed)]
    assert missing == [], "run `make messages` and translate the new strings"


@pytest.mark.parametrize("po", CATALOGUES, ids=_name)
def test_every_entry_is_translated_and_not_fuzzy(po):
    catalogue = polib.pofile(str(po))
    untranslated = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert untranslated == []


@pytest.mark.parametrize("po", CATALOGUES, ids=_name)
def test_the_compiled_catalogue_matches_the_source(po):
    def entries(catalogue):
        return {(e.msgctxt or "", e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in catalogue}

    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run `make messages` to compile {_name(po)}"
    source = [e for e in polib.pofile(str(po)) if e.translated() and not e.obsolete]
    assert entries(source) == entries(polib.mofile(str(mo))), "run `make messages` to compile"
