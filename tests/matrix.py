"""The authorization matrix's vocabulary: one Entry per URL name, and the persona sets entries use.

An app declares its URLs in `tests/<app>/matrix.py` as `MATRIX: dict[str, Entry]`; test_authorization_matrix
collects every such module, so a new app adds one file instead of editing a shared one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import PERSONAS

ALL = frozenset(PERSONAS)
LOGGED_IN = ALL - {"anonymous"}
CENTRE_A_MANAGERS = frozenset({"professional_a", "administrator"})
ADMINISTRATORS = frozenset({"administrator"})


@dataclass
class Entry:
    """One URL name. `get`/`post`: the personas allowed; every other persona is denied with ONE exact status:
    `denied` for logged-in personas (default 403), a redirect to the login page for anonymous, unless
    `denied_as` names another status for a persona (e.g. {"anonymous": 403}).

    An allowed POST must change data (the snapshot differs), unless `post_changes` says it changes nothing
    (False) or names the personas for whom it does. `actions`: the policy actions this URL asks; together the
    entries must cover every declared action (test_every_action_is_covered_by_the_matrix)."""

    get: frozenset[str] = frozenset()
    args: Callable = lambda w: []  # noqa: E731
    ok: int = 200
    post: frozenset[str] | None = None
    data: Callable = lambda w: {}  # noqa: E731
    post_ok: int = 302
    post_changes: bool | frozenset[str] = True
    denied: int = 403
    denied_as: dict[str, int] = field(default_factory=dict)
    actions: tuple = ()
    query: str = ""
    skip_get: bool = False
    # Access logs an allowed GET writes: {model label: the personas whose view must leave a row there}.
    logs: dict[str, frozenset[str]] = field(default_factory=dict)
    notes: str = ""

    def denial_for(self, persona: str) -> int:
        """The one status a denied persona gets (302 means: a redirect to the login page)."""
        if persona in self.denied_as:
            return self.denied_as[persona]
        return 302 if persona == "anonymous" else self.denied

    def changes_for(self, persona: str) -> bool:
        if isinstance(self.post_changes, bool):
            return self.post_changes
        return persona in self.post_changes


def app_entries(core: dict[str, Entry]) -> dict[str, Entry]:
    """Every tests/<app>/matrix.py's MATRIX; a URL name declared twice is an error."""
    found: dict[str, Entry] = {}
    for path in sorted(Path(__file__).parent.glob("*/matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.matrix")
        for name, entry in module.MATRIX.items():
            if name in core or name in found:
                raise AssertionError(f"{name} is declared twice in the authorization matrix")
            found[name] = entry
    return found
