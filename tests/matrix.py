"""The authorization matrix's vocabulary: one Entry per URL name, and the persona sets entries use.

An app declares its URLs in `tests/<app>/matrix.py` as `MATRIX: dict[str, Entry]`; test_authorization_matrix
collects every such module, so a new app adds one file instead of editing a shared one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PERSONAS

ALL = frozenset(PERSONAS)
LOGGED_IN = ALL - {"anonymous"}
CENTRE_A_MANAGERS = frozenset({"professional_a", "administrator"})


@dataclass
class Entry:
    get: frozenset[str] = frozenset()
    args: Callable = lambda w: []  # noqa: E731
    ok: int = 200
    post: frozenset[str] | None = None
    data: Callable = lambda w: {}  # noqa: E731
    post_ok: int = 302
    query: str = ""
    skip_get: bool = False
    notes: str = ""


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
