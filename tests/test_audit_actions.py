"""Audit actions are constants with labels in words (Dutch, English), one name per event at every entry point."""

from __future__ import annotations

import ast
from pathlib import Path

from django.urls import reverse
from django.utils import translation

import wijkkracht
from wijkkracht.audit.events import action_label, registered_actions
from wijkkracht.audit.models import AuditEvent
from wijkkracht.audit.services import audit_record

SRC = Path(wijkkracht.__file__).parent


def _action_arguments():
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "audit_record"
            ):
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        yield path.relative_to(SRC), keyword.value


def test_no_audit_action_is_a_string_literal():
    literals = [
        f"{path}:{value.lineno}"
        for path, value in _action_arguments()
        for node in ast.walk(value)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    assert literals == [], "use the app's AuditAction constants (constants.py), not strings"


def test_every_registered_action_reads_in_dutch_and_english():
    actions = registered_actions()
    assert {"membership.granted", "membership.ended", "places.centre_update", "person.viewed"} <= set(actions)
    for code in actions:
        with translation.override("nl"):
            dutch = action_label(code)
        with translation.override("en"):
            english = action_label(code)
        assert dutch != code and english != code, code
        assert dutch != english or dutch.lower() in {"account"}, (code, dutch)


def test_the_audit_trail_shows_events_in_words(world, client_for):
    audit_record(actor=world.users["administrator"], action="membership.granted", obj=world.users["resident"])
    event = AuditEvent.objects.get(action="membership.granted")
    with translation.override("nl"):
        assert event.action_label == "rol toegekend"
    with translation.override("en"):
        assert event.action_label == "role granted"
    page = client_for("administrator").get(reverse("admin:audit_auditevent_changelist"))
    assert page.status_code == 200
    assert "rol toegekend" in page.text


def test_an_unregistered_code_is_shown_as_it_is():
    assert action_label("someapp.something_new") == "someapp.something_new"
