"""Feature-level matching: candidate pairs from the scoring layer, then the exact solver."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from wijkkracht.matching.candidates import Candidates, candidate_pairs
from wijkkracht.matching.features import HelperTable, RequestTable, tables
from wijkkracht.matching.solver import Solution, solve
from wijkkracht.matching.types import PART_NAMES, Candidate, Helper, MatchOptions, Request, Weights


@dataclass(frozen=True, slots=True, eq=False)
class MatchResult:
    candidates: Candidates
    solution: Solution
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def matched(self) -> int:
        return self.solution.matched

    @property
    def total_score(self) -> float:
        return self.solution.total_score

    @property
    def chosen(self) -> np.ndarray:
        """Positions of the chosen pairs in `candidates`, sorted by request."""
        return self.solution.edges

    def assignments(self) -> list[Candidate]:
        """The chosen pairs with their score parts, in request order."""
        return [self.candidates.explain(int(i)) for i in self.chosen]

    def helper_of(self) -> dict[str, str]:
        """Request id -> helper id for every matched request."""
        c = self.candidates
        ids_r, ids_h = c.requests.ids, c.helpers.ids
        return dict(zip(ids_r[c.request[self.chosen]].tolist(), ids_h[c.helper[self.chosen]].tolist(), strict=True))

    def unmatched(self) -> list[str]:
        c = self.candidates
        matched = np.zeros(len(c.requests), dtype=bool)
        matched[c.request[self.chosen]] = True
        return c.requests.ids[~matched].tolist()

    def to_json(self) -> dict[str, object]:
        c = self.candidates
        return {
            "matched": self.matched,
            "requests": len(c.requests),
            "helpers": len(c.helpers),
            "candidates": len(c),
            "total_score": self.total_score,
            "score_resolution": self.solution.resolution,
            "truncated_searches": c.truncated,
            "seconds": self.seconds,
            "part_names": list(PART_NAMES),
            "assignments": [
                {
                    "request": a.request,
                    "helper": a.helper,
                    "score": a.score,
                    "distance_m": a.distance_m,
                    "parts": a.parts,
                }
                for a in self.assignments()
            ],
            "unmatched": self.unmatched(),
        }


def match(
    requests: RequestTable | Sequence[Request],
    helpers: HelperTable | Sequence[Helper],
    *,
    history: Iterable[tuple[str, str]] = (),
    weights: Weights = Weights(),  # noqa: B008 - frozen dataclass
    options: MatchOptions = MatchOptions(),  # noqa: B008 - frozen dataclass
) -> MatchResult:
    """Who helps whom: as many requests as possible matched, then the highest total score.

    `history` holds (resident id, helper id) pairs of earlier successful help. Helpers take at most
    `capacity - load` requests. The optimum is exact over the candidate pairs (see MatchOptions).
    """
    t0 = time.perf_counter()
    req_t, hel_t = tables(requests, helpers)
    t1 = time.perf_counter()
    cands = candidate_pairs(req_t, hel_t, weights=weights, options=options, history=history)
    t2 = time.perf_counter()
    solution = solve(
        cands.request,
        cands.helper,
        cands.score,
        capacity=hel_t.remaining,
        n_requests=len(req_t),
        n_helpers=len(hel_t),
    )
    t3 = time.perf_counter()
    seconds = {"encode": t1 - t0, "candidates": t2 - t1, "solve": t3 - t2, "total": t3 - t0}
    return MatchResult(cands, solution, seconds)


def assign(
    pairs: Iterable[tuple[str, str, float]], capacities: Mapping[str, int] | None = None
) -> list[tuple[str, str, float]]:
    """The exact solver on string ids: (request, helper, score) pairs -> the chosen pairs.

    A helper missing from `capacities` has capacity 1. Chosen pairs come in order of the requests'
    first appearance in `pairs`.
    """
    capacities = capacities or {}
    req_code: dict[str, int] = {}
    hel_code: dict[str, int] = {}
    rows = [(req_code.setdefault(r, len(req_code)), hel_code.setdefault(h, len(hel_code)), s) for r, h, s in pairs]
    req_ids, hel_ids = list(req_code), list(hel_code)
    sol = solve(
        np.fromiter((r for r, _, _ in rows), dtype=np.intp, count=len(rows)),
        np.fromiter((h for _, h, _ in rows), dtype=np.intp, count=len(rows)),
        np.fromiter((s for _, _, s in rows), dtype=np.float64, count=len(rows)),
        capacity=np.array([capacities.get(h, 1) for h in hel_ids], dtype=np.int64),
        n_requests=len(req_ids),
        n_helpers=len(hel_ids),
    )
    return [(req_ids[rows[i][0]], hel_ids[rows[i][1]], rows[i][2]) for i in sol.edges.tolist()]
