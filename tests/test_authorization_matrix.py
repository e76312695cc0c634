"""The authorization matrix: every URL pattern, every persona, allowed or denied as the policy says.

A URL pattern missing from MATRIX fails `test_every_url_is_in_the_matrix`. For each entry:
- `get`: the personas who may GET it (200, or the given `ok` status); every other persona is denied with one
  exact status (Entry.denial_for: a redirect to the login page for anonymous, `denied` (403) for the others).
- `post`: for writes, the personas who may POST, with valid `data`; an allowed POST changes data, a denied
  POST changes nothing.
- `actions`: the policy actions the URL asks; every declared action must be covered by some entry.

Core entries are below; an app adds its own in `tests/<app>/matrix.py` (see tests/matrix.py).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS
from tests.councils.matrix import COUNCIL_VIEWERS_MINE
from tests.matrix import ADMINISTRATORS, ALL, CENTRE_A_MANAGERS, LOGGED_IN, Entry, app_entries
from wijkkracht.accounts.permissions import Action as AccountAction
from wijkkracht.accounts.policy import declared_actions, menu_items
from wijkkracht.councils.permissions import Action as CouncilAction
from wijkkracht.organisations.permissions import Action as OrganisationAction
from wijkkracht.people.permissions import Action as PeopleAction
from wijkkracht.places.permissions import Action as PlacesAction

MATRIX: dict[str, Entry] = {
    "ui:health": Entry(get=ALL),
    "places:home": Entry(get=ALL, actions=(PlacesAction.VIEW,)),
    "places:figures": Entry(get=ALL, actions=(PlacesAction.FIGURES_VIEW,)),
    "places:district": Entry(get=ALL, args=lambda w: [w.district_a.slug]),
    "places:centre": Entry(get=ALL, args=lambda w: [w.centre_a.slug]),
    "places:centre_edit": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.slug],
        data=lambda w: {
            "profile": "Ontmoeten en leren",
            "focus": "taal",
            "street": "Laan 1",
            "postcode": "1181 AA",
            "city": "Amstelveen",
            "phone": "020 123 4567",
            "email": "info@example.org",
        },
        actions=(PlacesAction.CENTRE_CHANGE,),
    ),
    "places:centre_hours": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.slug],
        data=lambda w: {
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "0",
            "hours-0-weekday": "0",
            "hours-0-opens": "09:00",
            "hours-0-closes": "17:00",
        },
        actions=(PlacesAction.CENTRE_HOURS_SET,),
    ),
    "places:room_create": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.slug],
        data=lambda w: {"name": "Tuinkamer", "capacity": "12"},
        actions=(PlacesAction.ROOM_MANAGE,),
    ),
    "places:room_edit": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.slug, w.room_a.public_id],
        data=lambda w: {"name": "Grote zaal", "capacity": "40"},
        actions=(PlacesAction.ROOM_MANAGE,),
    ),
    "places:room_delete": Entry(
        get=CENTRE_A_MANAGERS,
        post=CENTRE_A_MANAGERS,
        args=lambda w: [w.centre_a.slug, w.room_a.public_id],
        actions=(PlacesAction.ROOM_MANAGE,),
    ),
    "accounts:login": Entry(get=ALL, notes="logged-in users are redirected"),
    "accounts:logout": Entry(skip_get=True, post=ALL, post_changes=False, notes="POST only; ends the session"),
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
        actions=(PeopleAction.OWN_VIEW, PeopleAction.OWN_CHANGE),
        notes="own data only",
    ),
    "people:export": Entry(
        skip_get=True,
        post=LOGGED_IN,
        post_ok=200,
        actions=(PeopleAction.OWN_EXPORT,),
        notes="POST only (audited); own data",
    ),
    "accounts:language": Entry(
        skip_get=True,
        post=ALL,
        data=lambda w: {"language": "en", "next": "/"},
        post_changes=LOGGED_IN,
        actions=(AccountAction.OWN_LANGUAGE_CHANGE,),
        notes="POST only; also stores preferred_language when logged in",
    ),
    "organisations:workplace": Entry(
        get=frozenset({"professional_a", "professional_b"}), actions=(OrganisationAction.WORKPLACE_VIEW,)
    ),
    "organisations:mine": Entry(get=frozenset({"coordinator"}), actions=(OrganisationAction.STAFF_VIEW,)),
    "set_language": Entry(skip_get=True, post=ALL, post_changes=False, data=lambda w: {"language": "en", "next": "/"}),
    # The admin asks the same policy: the administrator role (not is_staff or is_superuser) opens it.
    "admin:index": Entry(get=ADMINISTRATORS, actions=(AccountAction.ADMIN_SITE_USE,)),
    "admin:accounts_user_changelist": Entry(get=ADMINISTRATORS, actions=(AccountAction.USER_VIEW,)),
    "admin:accounts_user_change": Entry(
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        args=lambda w: [w.users["resident"].pk],
        data=lambda w: {
            "email": "resident@example.org",
            "display_name": "Ria R.",
            "preferred_language": "nl",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
        actions=(AccountAction.USER_CHANGE,),
    ),
    "admin:accounts_membership_changelist": Entry(get=ADMINISTRATORS, actions=(AccountAction.MEMBERSHIP_VIEW,)),
    "admin:accounts_membership_add": Entry(
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        data=lambda w: {
            "user": w.users["resident"].pk,
            "role": "council_member",
            "council": w.council_b.pk,
            "starts_on": "2026-01-01",
        },
        actions=(AccountAction.MEMBERSHIP_GRANT,),
    ),
    "admin:accounts_membership_change": Entry(
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        args=lambda w: [w.users["council_a"].memberships.get(role="council_member").pk],
        data=lambda w: {"ends_on": "2099-12-31"},
        actions=(AccountAction.MEMBERSHIP_END,),
    ),
    "admin:otp_totp_totpdevice_changelist": Entry(get=ADMINISTRATORS, actions=(AccountAction.SECOND_FACTOR_RESET,)),
    "admin:audit_auditevent_changelist": Entry(get=ADMINISTRATORS, actions=(AccountAction.AUDIT_TRAIL_VIEW,)),
    "admin:places_district_changelist": Entry(get=ADMINISTRATORS, actions=(PlacesAction.AREAS_VIEW_ADMIN,)),
    "admin:places_communitycentre_add": Entry(
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        data=lambda w: {"name": "De Meent", "district": w.district_a.pk, "postcode": "1181 AB", "city": "Amstelveen"},
        actions=(PlacesAction.CENTRE_CREATE,),
    ),
    "admin:places_communitycentre_change": Entry(
        get=ADMINISTRATORS,
        args=lambda w: [w.centre_a.pk],
        actions=(PlacesAction.CENTRE_CHANGE,),
        notes="professional_a may change centre_a on its own pages, but the admin is for administrators",
    ),
    "admin:councils_council_add": Entry(
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        data=lambda w: {"name": "Raad Randwijck-Zuid", "district": w.district_a.pk, "term_years": "3"},
        actions=(CouncilAction.MANAGE,),
    ),
    "admin:organisations_organisation_add": Entry(
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        data=lambda w: {"name": "Buurtsportcoach", "kind": "sports", "municipality": w.municipality.pk},
        actions=(OrganisationAction.MANAGE,),
    ),
    "admin:people_person_change": Entry(
        get=ADMINISTRATORS,
        post=ADMINISTRATORS,
        args=lambda w: [w.users["resident"].person.pk],
        data=lambda w: {"first_name": "Ria", "last_name": "Jansen", "contact_preference": "email", "languages": ""},
        actions=(PeopleAction.PERSON_VIEW, PeopleAction.PERSON_CHANGE),
        notes="opening the record is audited, so an allowed GET writes one audit event",
    ),
}
# Each app's own entries live in tests/<app>/matrix.py (a dict named MATRIX), so apps grow without one shared file.
MATRIX.update(app_entries(MATRIX))

# Namespaces whose every URL needs no entry: the admin asks the policy through PolicyModelAdmin; the entries
# above cover each admin action (lists, grant, end, change).
COVERED_NAMESPACES = {"admin"}


def _walk(resolver: URLResolver, namespace: str = ""):
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            ns = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _walk(item, ns)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}"


def test_every_url_is_in_the_matrix():
    all_names = set(_walk(get_resolver()))
    names = {n for n in all_names if n.split(":")[0] not in COVERED_NAMESPACES}
    missing = sorted(names - MATRIX.keys())
    assert missing == [], f"URL patterns missing from the authorization matrix: {missing}"
    stale = sorted(n for n in MATRIX if n not in all_names)
    assert stale == []


def test_every_action_is_covered_by_the_matrix():
    covered = {str(action) for entry in MATRIX.values() for action in entry.actions}
    missing = sorted(str(a) for a in declared_actions() if str(a) not in covered)
    assert missing == [], f"actions no matrix entry covers (add them to an Entry's actions): {missing}"


def test_every_menu_item_is_in_the_matrix_with_its_action():
    for item in menu_items():
        assert item.url_name in MATRIX, item.url_name
        assert item.action in MATRIX[item.url_name].actions, item.url_name


def snapshot(*, without: frozenset[str] = frozenset()) -> dict:
    """Every row of every project table (the test world is small): a denied write must leave it unchanged."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "contenttypes", "admin"} or model._meta.label in without:
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


def _assert_denied(response, entry: Entry, persona: str):
    expected = entry.denial_for(persona)
    assert response.status_code == expected, (persona, response.status_code, expected)
    if expected == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "persona", "allowed"), list(_cases("get")))
def test_get(world, client_for, name, persona, allowed):
    entry = MATRIX[name]
    url = reverse(name, args=entry.args(world)) + entry.query
    client = client_for(persona)
    audited = allowed and any(str(a) == PeopleAction.PERSON_VIEW for a in entry.actions)
    before = snapshot()
    response = client.get(url)
    if allowed:
        expected = entry.ok
        if name == "accounts:login" and persona != "anonymous":
            expected = 302
        assert response.status_code == expected, (url, response.status_code)
    else:
        _assert_denied(response, entry, persona)
    after = snapshot()
    for label, viewers in entry.logs.items():
        # An access log (who opened personal data, when, why): a row for exactly the listed personas.
        logged = after.pop(label) != before.pop(label)
        assert logged == (allowed and persona in viewers), (label, persona, logged)
    if audited:
        # Opening a resident's record is logged: the only change is the audit event.
        assert after.pop("audit.AuditEvent") != before.pop("audit.AuditEvent"), "opening a record was not audited"
    assert after == before, "a GET changed data"


@pytest.mark.parametrize(("name", "persona", "allowed"), list(_cases("post")))
def test_post(world, client_for, name, persona, allowed):
    entry = MATRIX[name]
    url = reverse(name, args=entry.args(world))
    client = client_for(persona)
    before = snapshot()
    response = client.post(url, entry.data(world))
    if allowed:
        errors = response.context.get("errors") if response.context and response.status_code == 200 else None
        assert response.status_code == entry.post_ok, (url, response.status_code, errors)
        if entry.changes_for(persona):
            assert snapshot() != before, "an allowed POST changed nothing"
        else:
            assert snapshot() == before, "this POST should change no data"
    else:
        _assert_denied(response, entry, persona)
        assert snapshot() == before, "a denied POST changed data"


def test_councils_mine_sends_a_member_to_their_council(world, client_for):
    response = client_for("council_a").get(reverse("councils:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("councils:work", args=[world.council_a.public_id])


@pytest.mark.parametrize("persona", sorted(ALL - COUNCIL_VIEWERS_MINE))
def test_councils_mine_denied(world, client_for, persona):
    _assert_denied(client_for(persona).get(reverse("councils:mine")), MATRIX["councils:mine"], persona)


def test_council_b_cannot_see_council_a(world, client_for):
    response = client_for("council_b").get(reverse("councils:work", args=[world.council_a.public_id]))
    assert response.status_code == 403
