"""The authorization matrix: every URL pattern, every persona, allowed or denied as the policy says.

A URL pattern missing from MATRIX fails `test_every_url_is_in_the_matrix`. For each entry:
- `get`: the personas who may GET it (200, or the given `ok` status); every other persona is denied
  (anonymous: a redirect to the login page; others: 403 or 404).
- `post`: for writes, the personas who may POST, with valid `data`; a denied POST must change nothing.

Core entries are below; an app adds its own in `tests/<app>/matrix.py` (see tests/matrix.py).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS
from tests.matrix import ALL, CENTRE_A_MANAGERS, LOGGED_IN, Entry, app_entries

MATRIX: dict[str, Entry] = {
    "ui:health": Entry(get=ALL),
    "places:home": Entry(get=ALL),
    "places:figures": Entry(get=ALL),
    "places:district": Entry(get=ALL, args=lambda w: [w.district_a.public_id]),
    "places:centre": Entry(get=ALL, args=lambda w: [w.centre_a.public_id]),
    "places:centre_edit": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.public_id],
        data=lambda w: {
            "profile": "Ontmoeten en leren",
            "focus": "taal",
            "street": "Laan 1",
            "postcode": "1181 AA",
            "city": "Amstelveen",
            "phone": "020 123 4567",
            "email": "info@example.org",
        },
    ),
    "places:centre_hours": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.public_id],
        data=lambda w: {
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "0",
            "hours-0-weekday": "0",
            "hours-0-opens": "09:00",
            "hours-0-closes": "17:00",
        },
    ),
    "places:room_create": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.public_id],
        data=lambda w: {"name": "Tuinkamer", "capacity": "12"},
    ),
    "places:room_edit": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.public_id, w.room_a.public_id],
        data=lambda w: {"name": "Grote zaal", "capacity": "40"},
    ),
    "places:room_delete": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.public_id, w.room_a.public_id],
    ),
    "accounts:login": Entry(get=ALL, notes="logged-in users are redirected"),
    "accounts:logout": Entry(skip_get=True, post=ALL, notes="POST only"),
    "accounts:otp_verify": Entry(get=ALL, skip_get=True, notes="tested in tests/accounts"),
    "accounts:otp_setup": Entry(get=ALL, skip_get=True, notes="tested in tests/accounts"),
    "accounts:password_reset": Entry(get=ALL),
    "accounts:password_reset_done": Entry(get=ALL),
    "accounts:password_reset_confirm": Entry(
        get=ALL, args=lambda w: ["MQ", "set-password"], skip_get=True, notes="token flow tested in tests/accounts"
    ),
    "accounts:password_reset_complete": Entry(get=ALL),
    "people:profile": Entry(
        get=LOGGED_IN,
        post=LOGGED_IN,
        data=lambda w: {"first_name": "Nieuw", "birth_year": "1970", "contact_preference": "email", "languages": ""},
        notes="own data only",
    ),
    "people:export": Entry(skip_get=True, post=LOGGED_IN, post_ok=200, notes="POST only (audited); own data"),
    "accounts:language": Entry(
        skip_get=True,
        post=ALL,
        data=lambda w: {"language": "en", "next": "/"},
        notes="POST only; also stores preferred_language when logged in",
    ),
    "councils:mine": Entry(
        get=frozenset({"council_a", "council_b", "professional_a", "professional_b", "administrator"}),
        skip_get=True,
        notes="redirect or list; below",
    ),
    "councils:detail": Entry(
        get=frozenset({"council_a", "professional_a", "administrator"}), args=lambda w: [w.council_a.public_id]
    ),
    "organisations:workplace": Entry(get=frozenset({"professional_a", "professional_b"})),
    "organisations:mine": Entry(get=frozenset({"coordinator"})),
    "set_language": Entry(skip_get=True, post=ALL, data=lambda w: {"language": "en", "next": "/"}),
    "admin:index": Entry(get=frozenset({"administrator"})),
}
# Each app's own entries live in tests/<app>/matrix.py (a dict named MATRIX), so apps grow without one shared file.
MATRIX.update(app_entries(MATRIX))

# Namespaces covered by one representative entry: Django's admin checks is_staff on every page.
COVERED_NAMESPACES = {"admin"}


def _walk(resolver: URLResolver, namespace: str = ""):
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _walk(item, ns)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}"


def test_every_url_is_in_the_matrix():
    names = {n for n in _walk(get_resolver()) if n.split(":")[0] not in COVERED_NAMESPACES}
    missing = sorted(names - MATRIX.keys())
    assert missing == [], f"URL patterns missing from the authorization matrix: {missing}"
    stale = sorted(n for n in MATRIX if n not in names and n.split(":")[0] not in COVERED_NAMESPACES)
    assert stale == []


def snapshot() -> dict:
    """Every row of every project table (the test world is small): a denied write must leave it unchanged."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "contenttypes", "admin"}:
            continue
        state[model._meta.label] = sorted(map(repr, model.objects.order_by("pk").values()))
    return state


def _cases(kind: str):
    for name, entry in MATRIX.items():
        allowed = entry.get if kind == "get" else entry.post
        if (kind == "get" and entry.skip_get) or (kind == "post" and entry.post is None):
            continue
        for persona in PERSONAS:
            yield pytest.param(name, persona, persona in allowed, id=f"{name}-{persona}")


def _assert_denied(response, persona):
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code in (403, 404), response.status_code


@pytest.mark.parametrize(("name", "persona", "allowed"), list(_cases("get")))
def test_get(world, client_for, name, persona, allowed):
    entry = MATRIX[name]
    url = reverse(name, args=entry.args(world)) + entry.query
    client = client_for(persona)
    before = snapshot()
    response = client.get(url)
    if allowed:
        expected = entry.ok
        if name == "accounts:login" and persona != "anonymous":
            expected = 302
        assert response.status_code == expected, (url, response.status_code)
    else:
        _assert_denied(response, persona)
    assert snapshot() == before, "a GET changed data"


@pytest.mark.parametrize(("name", "persona", "allowed"), list(_cases("post")))
def test_post(world, client_for, name, persona, allowed):
    entry = MATRIX[name]
    url = reverse(name, args=entry.args(world))
    client = client_for(persona)
    before = snapshot()
    response = client.post(url, entry.data(world))
    if allowed:
        assert response.status_code == entry.post_ok, (url, response.status_code)
    else:
        _assert_denied(response, persona)
        assert snapshot() == before, "a denied POST changed data"


def test_councils_mine_sends_a_member_to_their_council(world, client_for):
    response = client_for("council_a").get(reverse("councils:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("councils:detail", args=[world.council_a.public_id])


@pytest.mark.parametrize(
    "persona", sorted(ALL - {"council_a", "council_b", "professional_a", "professional_b", "administrator"})
)
def test_councils_mine_denied(world, client_for, persona):
    _assert_denied(client_for(persona).get(reverse("councils:mine")), persona)


def test_council_b_cannot_see_council_a(world, client_for):
    response = client_for("council_b").get(reverse("councils:detail", args=[world.council_a.public_id]))
    assert response.status_code == 403
