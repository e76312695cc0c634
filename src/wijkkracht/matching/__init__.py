"""Wijkkracht's matching engine: who helps whom, exactly optimal and explained.

Plain Python on NumPy/SciPy; imports nothing from Django. Layers:

- scoring: `candidate_pairs` turns requests and helpers (records or column tables) into admissible
  pairs, each with a score and the parts it is made of;
- solving: `solve` (integer indices) and `assign` (string ids) find the assignment that matches as
  many requests as possible and then has the highest total score, exactly;
- `match` runs both; `HelperIndex.top_k` ranks the best helpers for one request.

See docs/matching.md for the command line and file formats.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wijkkracht.matching.candidates import Candidates, candidate_pairs
    from wijkkracht.matching.engine import MatchResult, assign, match
    from wijkkracht.matching.features import HelperTable, RequestTable, Vocabularies, Vocabulary
    from wijkkracht.matching.io import InputError
    from wijkkracht.matching.solver import Solution, solve
    from wijkkracht.matching.topk import HelperIndex
    from wijkkracht.matching.types import PART_NAMES, Candidate, Helper, MatchOptions, Request, Weights

# Names are imported on first use (PEP 562), so the command line's `solve` does not load the k-d tree and
# scoring layers (SciPy's spatial package alone takes a noticeable part of start-up).
_HOME = {
    "Candidates": "candidates", "candidate_pairs": "candidates",
    "MatchResult": "engine", "assign": "engine", "match": "engine",
    "HelperTable": "features", "RequestTable": "features", "Vocabularies": "features", "Vocabulary": "features",
    "InputError": "io", "Solution": "solver", "solve": "solver", "HelperIndex": "topk",
    "PART_NAMES": "types", "Candidate": "types", "Helper": "types", "MatchOptions": "types", "Request": "types",
    "Weights": "types",
}  # fmt: skip


def __getattr__(name: str) -> object:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])


__all__ = [
    "PART_NAMES",
    "Candidate",
    "Candidates",
    "Helper",
    "HelperIndex",
    "HelperTable",
    "InputError",
    "MatchOptions",
    "MatchResult",
    "Request",
    "RequestTable",
    "Solution",
    "Vocabularies",
    "Vocabulary",
    "Weights",
    "assign",
    "candidate_pairs",
    "match",
    "solve",
]
