"""The policy rail: one registry of actions, unknown actions raise, every action is asked in the code, the menu
is built from the policy, and "administrator" means the role."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

import wijkkracht
from tests import factories as f
from tests.conftest import PERSONAS
from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.permissions import Action as AccountAction
from wijkkracht.accounts.policy import (
    MenuItem,
    Policy,
    PolicyAction,
    UnknownAction,
    can,
    declared_actions,
    is_administrator,
    menu_for,
    policies,
    register_menu,
    require,
    require_actor,
    visible_to,
)
from wijkkracht.councils.models import Council
from wijkkracht.councils.permissions import Action as CouncilAction
from wijkkracht.places.permissions import Action as PlacesAction

SRC = Path(wijkkracht.__file__).parent


def test_every_app_with_a_permissions_module_has_a_policy_with_a_rule_for_every_action():
    found = policies()
    assert set(found) == {"accounts", "places", "councils", "organisations", "people"} | (
        set(found) - {"accounts", "places", "councils", "organisations", "people"}
    )
    for app_dir in SRC.iterdir():
        if (app_dir / "permissions.py").exists():
            assert app_dir.name in found, f"{app_dir.name}/permissions.py declares no Policy"
    for policy in found.values():
        assert policy.missing_rules() == [], f"{policy.app}: actions without a rule"


def test_action_values_are_unique_and_name_their_app():
    values = [str(a) for a in declared_actions()]
    assert len(values) == len(set(values))
    for policy in policies().values():
        assert all(str(a).startswith(policy.app + ".") for a in policy.actions)


@pytest.mark.parametrize("action", ["change_centre", "places.nonsense", "", None, 3])
def test_an_unknown_action_raises(world, action):
    with pytest.raises(UnknownAction):
        can(world.users["administrator"], action, world.centre_a)


def test_require_raises_permission_denied_where_can_says_no(world):
    from django.core.exceptions import PermissionDenied

    require(world.users["administrator"], PlacesAction.CENTRE_CHANGE, world.centre_a)  # allowed: returns
    with pytest.raises(PermissionDenied):
        require(world.users["resident"], PlacesAction.CENTRE_CHANGE, world.centre_a)
    with pytest.raises(UnknownAction):
        require(world.users["administrator"], "places.nonsense", world.centre_a)


def test_require_actor_lets_the_system_through_and_asks_the_policy_for_a_user(world):
    from django.core.exceptions import PermissionDenied

    require_actor(None, PlacesAction.CENTRE_CHANGE, world.centre_a)  # the system: a command, a task, the seed
    require_actor(world.users["administrator"], PlacesAction.CENTRE_CHANGE, world.centre_a)
    with pytest.raises(PermissionDenied):
        require_actor(world.users["resident"], PlacesAction.CENTRE_CHANGE, world.centre_a)
    with pytest.raises(UnknownAction):  # a typo is a typo, also for the system
        require_actor(None, "places.nonsense")


def test_an_action_without_a_list_filter_raises_on_visible_to(world):
    with pytest.raises(UnknownAction):
        visible_to(world.users["administrator"], Council.objects.all(), CouncilAction.LIST_MINE)


def test_a_policy_refuses_a_rule_for_an_action_of_another_app():
    class Sample(PolicyAction):
        ONE = "sampletest.one"

    policy = Policy(Sample, register=False)
    with pytest.raises(UnknownAction):
        policy.rule(PlacesAction.VIEW)(lambda user, scope, obj: True)
    assert policy.missing_rules() == ["sampletest.one"]


def test_an_action_enumeration_must_name_one_app():
    class Mixed(PolicyAction):
        ONE = "mixedtest.one"
        TWO = "othertest.two"

    with pytest.raises(ValueError, match="starts with"):
        Policy(Mixed, register=False)


def _action_aliases(tree: ast.Module, package: str) -> tuple[dict[str, str], dict[str, str]]:
    """Names bound to an app's Action enumeration, and names bound to an app's permissions module."""
    actions, modules = {}, {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        base = node.module or ""
        if node.level:
            parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            base = f"{parent}.{base}" if base else parent
        for alias in node.names:
            bound = alias.asname or alias.name
            if alias.name == "Action" and base.endswith(".permissions"):
                actions[bound] = base.split(".")[-2]
            elif alias.name == "permissions":
                modules[bound] = base.split(".")[-1]
    return actions, modules


def _asked_actions() -> set[str]:
    """Every `<app>.Action.NAME` the source mentions outside the app's own rules (its permissions.py)."""
    asked: set[str] = set()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        package = "wijkkracht." + ".".join(rel.parts[:-1])
        tree = ast.parse(path.read_text(encoding="utf-8"))
        actions, modules = _action_aliases(tree, package)
        own_app = rel.parts[0] if rel.name == "permissions.py" else None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            value = node.value
            app = None
            if isinstance(value, ast.Name) and value.id in actions:
                app = actions[value.id]
            elif (
                isinstance(value, ast.Attribute)
                and value.attr == "Action"
                and isinstance(value.value, ast.Name)
                and value.value.id in modules
            ):
                app = modules[value.value.id]
            if app is None or app == own_app:
                continue
            asked.add(f"{app}:{node.attr}")
    return asked


def test_every_declared_action_is_asked_somewhere_in_the_code():
    asked = _asked_actions()
    never = sorted(
        str(action) for action in declared_actions() if f"{str(action).split('.')[0]}:{action.name}" not in asked
    )
    assert never == [], f"declared actions nothing asks (remove them, or ask them where they apply): {never}"


def test_administrator_is_the_role_not_the_django_flags(world):
    superuser = f.UserFactory(is_superuser=True, is_staff=True)
    assert not is_administrator(superuser)
    assert not can(superuser, AccountAction.ADMIN_SITE_USE)
    assert is_administrator(world.users["administrator"])
    assert not world.users["administrator"].is_staff
    assert not world.users["administrator"].is_superuser


def test_an_ended_administrator_role_grants_nothing(world):
    import datetime as dt

    user = f.UserFactory()
    f.MembershipFactory(user=user, role=Role.ADMINISTRATOR, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2021, 1, 1))
    assert not can(user, AccountAction.ADMIN_SITE_USE)


def test_an_inactive_account_may_do_nothing(world):
    user = world.users["administrator"]
    user.is_active = False
    user.save()
    user.refresh_from_db()
    assert not can(user, AccountAction.ADMIN_SITE_USE)


MENUS = {
    "anonymous": ["Wijken", "Agenda", "Initiatieven", "Vacatures", "Cijfers"],
    "resident": ["Wijken", "Agenda", "Initiatieven", "Vacatures", "Cijfers", "Mijn gegevens"],
    "volunteer": [
        "Wijken",
        "Agenda",
        "Initiatieven",
        "Vacatures",
        "Mijn vrijwilligerswerk",
        "Hulp die ik geef",
        "Cijfers",
        "Mijn gegevens",
    ],
    "council_a": ["Wijken", "Agenda", "Initiatieven", "Vacatures", "Mijn raad", "Cijfers", "Bereik", "Mijn gegevens"],
    "council_b": ["Wijken", "Agenda", "Initiatieven", "Vacatures", "Mijn raad", "Cijfers", "Bereik", "Mijn gegevens"],
    "professional_a": [
        "Wijken",
        "Agenda",
        "Initiatieven",
        "Vacatures",
        "Mijn raad",
        "Mijn taken",
        "Mijn werkplek",
        "Activiteiten beheren",
        "Vrijwilligers",
        "Hulpvragen",
        "Balie",
        "Prikbord",
        "Zorgsignalen",
        "Cijfers",
        "Bereik",
        "Mijn gegevens",
    ],
    "professional_b": [
        "Wijken",
        "Agenda",
        "Initiatieven",
        "Vacatures",
        "Mijn raad",
        "Mijn taken",
        "Mijn werkplek",
        "Activiteiten beheren",
        "Vrijwilligers",
        "Hulpvragen",
        "Balie",
        "Prikbord",
        "Zorgsignalen",
        "Cijfers",
        "Bereik",
        "Mijn gegevens",
    ],
    "coordinator": [
        "Wijken",
        "Agenda",
        "Initiatieven",
        "Vacatures",
        "Plannen goedkeuren",
        "Organisatie",
        "Cijfers",
        "Mijn gegevens",
    ],
    "analyst": [
        "Wijken",
        "Agenda",
        "Initiatieven",
        "Vacatures",
        "Plannen goedkeuren",
        "Raden in cijfers",
        "Cijfers",
        "Bereik",
        "Mijn gegevens",
    ],
    "administrator": [
        "Wijken",
        "Agenda",
        "Initiatieven",
        "Vacatures",
        "Mijn raad",
        "Balie",
        "Cijfers",
        "Beheer",
        "Postvak",
        "Mijn gegevens",
    ],
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_menu_is_what_the_policy_allows(world, persona, client_for):
    user = world.users[persona] or AnonymousUser()
    assert [str(link.label) for link in menu_for(user)] == MENUS[persona]
    page = client_for(persona).get("/")
    assert [str(link.label) for link in page.context["menu"]] == MENUS[persona]


def test_every_menu_item_leads_to_a_page_the_persona_may_open(world, client_for):
    for persona in PERSONAS:
        client = client_for(persona)
        user = world.users[persona] or AnonymousUser()
        for link in menu_for(user):
            assert client.get(link.url).status_code in (200, 302), (persona, link.url)


def test_an_app_registers_its_own_menu_item(world):
    item = MenuItem("Proef", "ui:health", AccountAction.ADMIN_SITE_USE, order=1)
    register_menu(item)
    try:
        assert [str(link.label) for link in menu_for(world.users["administrator"])][0] == "Proef"
        assert "Proef" not in [str(link.label) for link in menu_for(world.users["resident"])]
    finally:
        from wijkkracht.accounts import policy

        policy._MENU.pop("ui:health")


def test_a_menu_item_needs_a_declared_action():
    with pytest.raises(UnknownAction):
        register_menu(MenuItem("Proef", "ui:health", "accounts.admin_site_use"))
