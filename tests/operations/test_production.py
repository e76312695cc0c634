"""Production settings, proven in a subprocess: `check --deploy` is clean, TLS ends at the proxy, HSTS, cookies,
and the demo refuses to seed."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKKRACHT_", "DATABASE_URL"))}
    return env | {
        "PYTHONPATH": str(REPO / "src"),
        "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "wijkkracht.example.org,127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "WIJKKRACHT_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        **extra,
    }


def _run(args, env, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def test_check_deploy_with_production_settings_reports_no_issues(tmp_path):
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], _env(tmp_path))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_seed_demo_refuses_under_production_settings(tmp_path):
    result = _run([sys.executable, "manage.py", "seed_demo"], _env(tmp_path))
    assert result.returncode == 1
    assert "seed_demo refuses to run" in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(tmp_path / "prod.sqlite3") as db:  # nothing was created
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone() == (0,)


def test_seed_demo_refuses_when_demo_mode_is_off(db, settings):
    from django.core.management import CommandError, call_command

    from wijkkracht.accounts.models import User

    settings.WIJKKRACHT_DEMO = False
    with pytest.raises(CommandError, match="refuses to run"):
        call_command("seed_demo")
    assert User.objects.count() == 0


PROBE = r"""
import json
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", verbosity=0, interactive=False)
from django.test import Client
out = {}
c = Client()
r = c.get("/", HTTP_HOST="wijkkracht.example.org")
out["plain"] = [r.status_code, r.get("Location")]
r = c.get("/", HTTP_HOST="wijkkracht.example.org", HTTP_X_FORWARDED_PROTO="https")
out["proxied"] = [r.status_code, r.get("Strict-Transport-Security"), r.get("Content-Security-Policy")]
r = c.get("/gezond/", HTTP_HOST="127.0.0.1")
out["health_plain"] = r.status_code
r = c.head("/", HTTP_HOST="wijkkracht.example.org", HTTP_X_FORWARDED_PROTO="https")
out["head"] = [r.status_code, len(r.content)]
c = Client(enforce_csrf_checks=True)
c.get("/", HTTP_HOST="wijkkracht.example.org", HTTP_X_FORWARDED_PROTO="https")
token = c.cookies["csrftoken"].value
r = c.post("/account/taal/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
           HTTP_HOST="wijkkracht.example.org", HTTP_X_FORWARDED_PROTO="https", HTTP_ORIGIN="https://wijkkracht.example.org")
cookie = r.cookies.get("django_language")
out["language"] = [r.status_code, bool(cookie["secure"]), cookie["samesite"], bool(cookie["httponly"])]
r = c.post("/account/taal/", {"language": "nl", "next": "/", "csrfmiddlewaretoken": token},
           HTTP_HOST="wijkkracht.example.org", HTTP_X_FORWARDED_PROTO="https", HTTP_ORIGIN="https://evil.example")
out["foreign_origin"] = r.status_code
from django.contrib.staticfiles.storage import staticfiles_storage
name = staticfiles_storage.stored_name("ui/site.css")
out["static"] = [name, (staticfiles_storage.location + "/" + name + ".gz")]
print("PROBE" + json.dumps(out))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    result = _run([sys.executable, "-c", "import django; django.setup()\n" + PROBE], _env(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith("PROBE"))
    return json.loads(line[len("PROBE") :])


def test_plain_http_is_redirected_to_https(probe):
    assert probe["plain"] == [301, "https://wijkkracht.example.org/"]


def test_a_request_the_proxy_marks_https_is_served_with_hsts_and_csp(probe):
    status, hsts, csp = probe["proxied"]
    assert status == 200
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in csp


def test_the_health_floor_answers_plain_http_on_loopback(probe):
    assert probe["health_plain"] == 200


def test_head_is_answered_in_production(probe):
    assert probe["head"] == [200, 0]


def test_the_language_cookie_is_secure_samesite_and_httponly_in_production(probe):
    assert probe["language"] == [302, True, "Lax", True]


def test_a_post_from_a_foreign_origin_is_refused(probe):
    assert probe["foreign_origin"] == 403


def test_static_files_are_cache_busted_and_compressed(probe):
    name, gz = probe["static"]
    assert name.startswith("ui/site.") and name.endswith(".css") and name != "ui/site.css"
    assert Path(gz).exists()
