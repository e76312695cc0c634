"""A clone of the repository alone runs the demo: nothing is read from ../shared or anywhere outside it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_demo_seeds_from_a_clone_without_shared_beside_it(tmp_path):
    # Given a copy of the repository's code in a folder with no ../shared beside it
    clone = tmp_path / "clone"
    shutil.copytree(REPO / "src", clone / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(REPO / "manage.py", clone / "manage.py")
    assert not (tmp_path / "shared").exists()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "WIJKKRACHT_", "DATABASE_URL", "PYTHONPATH"))
    }
    env |= {"DJANGO_SETTINGS_MODULE": "wijkkracht.conf.dev", "WIJKKRACHT_VAR_DIR": str(tmp_path / "var")}

    def manage(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    # When the demo is migrated and seeded there
    migrated = manage("migrate", "--noinput", "-v0")
    seeded = manage("seed_demo")

    # Then it succeeds from the shipped CBS data
    assert migrated.returncode == 0, migrated.stderr
    assert seeded.returncode == 0, seeded.stderr
    assert "Traceback" not in seeded.stderr
    assert "Demo data ready" in seeded.stdout
    assert (tmp_path / "var" / "wijkkracht.sqlite3").exists()
