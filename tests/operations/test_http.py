"""HTTP rules of every page: HEAD like GET, CSP without inline code, no-store for personal pages, clean 400/503,
quiet 403 logs, structured logs without personal data."""

import json
import logging
import re
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

import wijkkracht
from tests.test_authorization_matrix import MATRIX
from wijkkracht.operations.logs import JsonFormatter

# The least privileged persona who may GET each page (HEAD must answer for them exactly as GET does).
ORDER = ("anonymous", "resident", "volunteer", "council_a", "professional_a", "professional_b", "coordinator")
HEAD_CASES = [
    name for name, entry in MATRIX.items() if entry.get and not entry.skip_get and not name.startswith("admin:")
] + ["admin:index"]


def _persona(entry):
    return next((p for p in ORDER if p in entry.get), sorted(entry.get)[0])


@pytest.mark.parametrize("name", HEAD_CASES)
def test_every_page_answers_head_as_it_answers_get(world, client_for, name):
    entry = MATRIX[name]
    client = client_for(_persona(entry))
    url = reverse(name, args=entry.args(world)) + entry.query
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code == entry.ok
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
    if "Content-Length" in head:
        assert int(head["Content-Length"]) == len(get.content)


def test_head_on_the_home_page_is_not_405(world):
    assert Client().head("/").status_code == 200


def test_pages_carry_a_content_security_policy_without_inline_code(world):
    policy = Client().get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "event handler attribute"),
    (re.compile(r"[\"']\s*javascript:", re.I), "javascript: URL"),
]


def test_no_template_has_inline_scripts_or_styles():
    found = []
    for path in Path(wijkkracht.__file__).parent.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize(
    ("persona", "url"),
    [("resident", "/mijn/gegevens/"), ("professional_a", "/organisaties/werkplek/"), ("administrator", "/beheer/")],
)
def test_pages_for_a_logged_in_user_are_never_stored(client_for, persona, url):
    response = client_for(persona).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_logged_in_user_gets_no_store_even_on_a_public_page(client_for):
    assert "no-store" in client_for("resident").get("/")["Cache-Control"]


def test_public_pages_for_anonymous_visitors_may_be_stored(world):
    assert "no-store" not in Client().get("/").get("Cache-Control", "")


def test_a_form_post_in_latin_1_is_a_400_page_not_a_500(world):
    # Given a visitor with a valid CSRF cookie and token (so the request reaches the form)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/account/inloggen/")
    token = client.cookies["csrftoken"].value
    # When the form is posted declaring a charset Django refuses for url-encoded forms
    response = client.post(
        "/account/inloggen/",
        data=b"username=a%40example.org&password=x",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
        HTTP_X_CSRFTOKEN=token,
    )
    # Then it is a clear 400 page, not a server error
    assert response.status_code == 400
    assert "Verzoek niet begrepen" in response.text


def test_a_403_is_logged_as_one_line_without_a_traceback(client_for, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client_for("resident").get("/organisaties/werkplek/")
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.status_code for r in records] == [403]
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


@override_settings(ROOT_URLCONF="tests.operations.urls_faults", DEBUG=False)
def test_a_database_outage_is_a_clean_503_without_a_traceback(world, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = Client(raise_request_exception=False).get("/db-weg/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Even niet bereikbaar" in response.text
    assert "5432" not in response.text and "Traceback" not in response.text
    assert all(r.exc_info is None for r in caplog.records if r.name == "django.request")


def _record(request=None, exc_info=None, status=None, message="%s: %s", args=("Internal Server Error", "/x/")):
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, message, args, exc_info)
    if request is not None:
        record.request = request
    if status is not None:
        record.status_code = status
    return record


def test_json_logs_carry_path_and_status_but_no_query_string_or_exception_message(rf):
    request = rf.get("/wijken/abc/?email=ria%40example.org")
    try:
        raise ValueError("duplicate key value (email)=(ria@example.org)")
    except ValueError:
        exc_info = sys.exc_info()
    line = JsonFormatter().format(_record(request, exc_info, 500))
    data = json.loads(line)
    assert data["level"] == "ERROR" and data["logger"] == "django.request" and data["status"] == 500
    assert data["method"] == "GET" and data["path"] == "/wijken/abc/"
    assert data["exception"]["type"] == "builtins.ValueError"
    assert data["exception"]["stack"][-1].endswith(
        "in test_json_logs_carry_path_and_status_but_no_query_string_or_exception_message"
    )
    assert "example.org" not in line and "\n" not in line
