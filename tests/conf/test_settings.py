"""Production settings fail closed: no secret, hosts or database, no start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")
BASE_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "PYTHONPATH": SRC,
    "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.production",
}
GOOD = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "wijkkracht.example.org",
    "DATABASE_URL": "postgres://wk@db.invalid:5432/wk",
}


def _load(env: dict) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.WIJKKRACHT_REQUIRE_STAFF_2FA, settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], env={**BASE_ENV, **env}, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("missing", sorted(GOOD))
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = _load(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_with_its_secrets_requires_two_factor_and_no_debug():
    result = _load(GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


def test_a_short_secret_is_refused():
    result = _load({**GOOD, "DJANGO_SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
