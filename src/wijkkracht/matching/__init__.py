"""Wijkkracht's matching engine: who helps whom, exactly optimal and explained.

Plain Python on NumPy/SciPy; imports nothing from Django. Layers:

- scoring: `candidate_pairs` turns requests and helpers (records or column tables) into admissible
  pairs, each with a score and the parts it is made of;
- solving: `solve` (integer indices) and `assign` (string ids) find the assignment that matches as
  many requests as possible and then has the highest total score, exactly;
- `match` runs both; `HelperIndex.top_k` ranks the best helpers for one request.

See docs/matching.md for the command line and file formats.
"""

from wijkkracht.matching.candidates import Candidates, candidate_pairs
from wijkkracht.matching.engine import MatchResult, assign, match
from wijkkracht.matching.features import HelperTable, RequestTable, Vocabularies, Vocabulary
from wijkkracht.matching.io import InputError
from wijkkracht.matching.solver import Solution, solve
from wijkkracht.matching.topk import HelperIndex
from wijkkracht.matching.types import PART_NAMES, Candidate, Helper, MatchOptions, Request, Weights

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
