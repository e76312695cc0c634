"""Solving layer: an exactly optimal capacitated assignment, cardinality first, then total score.

Scores are rounded to integer multiples of `resolution` (1e-6 unless scores are huge), so "optimal"
is defined and found in integer arithmetic. Backends (see docs/adr/0002-matching-solver.md):

- "ortools": min-cost maximum flow (OR-tools, when installed);
- "scipy": Dulmage-Mendelsohn decomposition + LAPJVsp (lapjv.py), always available.

Strategy "sparse" (chosen automatically when helpers' slots far outnumber requests) solves on each
request's best pairs, proves the result optimal for all pairs with an LP dual (certify.py), and adds
the pairs that break the proof until none does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from wijkkracht.matching import flow
from wijkkracht.matching.certify import violations

DEFAULT_RESOLUTION = 1e-6
_EXACT_LIMIT = 2**50  # costs and LAPJVsp's dual values stay integers below 2**53 with margin
SPARSE_FROM = 1e9  # "auto": certify-and-grow above this many rows x slot columns ...
SPARSE_TOP = 6  # ... starting from each request's best six pairs
SPARSE_ROUNDS = 30  # then give up and solve all pairs at once


@dataclass(frozen=True, slots=True)
class Solution:
    """Chosen pairs as positions into the input pair arrays, sorted by request."""

    edges: np.ndarray
    matched: int
    total_score: float  # exact (math.fsum) sum of the chosen pairs' input scores
    total_units: int  # sum of the rounded scores: the figure that is maximised
    resolution: float  # score units: scores were rounded to multiples of this


def quantize(scores: np.ndarray, n_nodes: int) -> tuple[np.ndarray, float]:
    """Scores as integer multiples of a power-of-ten resolution (1e-6 unless that risks inexactness)."""
    scores = np.asarray(scores, dtype=np.float64)
    if len(scores) == 0:
        return np.zeros(0, dtype=np.int64), DEFAULT_RESOLUTION
    top = float(np.max(np.abs(scores)))
    exponent = -6
    while (top * 10.0**-exponent + 2) * (n_nodes + 2) >= _EXACT_LIMIT:
        exponent += 1
    scale = 10.0**-exponent
    return np.rint(scores * scale).astype(np.int64), 10.0**exponent


def _match(
    req: np.ndarray, hel: np.ndarray, w: np.ndarray, cap: np.ndarray, n_req: int, n_hel: int, backend: str
) -> np.ndarray:
    if backend == "ortools":
        chosen = flow.match_perfect(req, hel, w, cap, n_req, n_hel)
        return flow.match_ortools(req, hel, w, cap, n_req, n_hel) if chosen is None else chosen
    from wijkkracht.matching.lapjv import match_scipy  # SciPy only when asked for (its import takes ~0.6 s)

    cost = (int(w.max(initial=0)) + 1 - w).astype(np.float64)  # >= 1: LAPJVsp ignores zero weights
    return match_scipy(req, hel, cost, cap, n_req, n_hel)


def _sparse(
    req: np.ndarray, hel: np.ndarray, w: np.ndarray, cap: np.ndarray, n_req: int, n_hel: int, backend: str
) -> np.ndarray:
    """Solve on each request's best pairs, prove optimality for all pairs with an LP dual, and add the
    pairs that break it until none does (see certify.py)."""
    if len(req) == 0:
        return np.empty(0, dtype=np.intp)
    low, high = int(w.min()), int(w.max())
    order = np.argsort(req.astype(np.int64) * (high - low + 1) + (high - w))  # < 2**51, see quantize
    rank = np.empty(len(req), dtype=np.intp)
    rank[order] = np.arange(len(req)) - np.searchsorted(req[order], req[order])
    active = rank < SPARSE_TOP
    for _ in range(SPARSE_ROUNDS):
        idx = np.flatnonzero(active)
        chosen = idx[_match(req[idx], hel[idx], w[idx], cap, n_req, n_hel, backend)]
        bad = violations(req, hel, w, cap, chosen, active, n_req, n_hel)
        if not bad.any():
            return chosen
        active |= bad
    return _match(req, hel, w, cap, n_req, n_hel, backend)


def solve(
    request: np.ndarray,
    helper: np.ndarray,
    score: np.ndarray,
    *,
    capacity: np.ndarray | None = None,
    n_requests: int | None = None,
    n_helpers: int | None = None,
    strategy: str = "auto",
    backend: str = "auto",
) -> Solution:
    """Exactly optimal assignment on candidate pairs given as integer indices.

    request[i], helper[i], score[i] describe pair i (score finite; rounded to `resolution`).
    capacity[h] is how many requests helper h may take (default 1 each; 0 allowed).
    Each request gets at most one helper and each helper at most its capacity; among all such
    assignments the result first matches as many requests as possible, then maximises the sum of the
    rounded scores. Raises ValueError on a repeated pair, a non-finite score or a negative capacity.

    strategy: "direct" solves all pairs at once; "sparse" solves on each request's best pairs and
    certifies the result for all pairs (fast when helpers far outnumber requests); "auto" picks.
    backend: "ortools", "scipy", or "auto" (OR-tools when installed). All combinations are exact.
    """
    request = np.asarray(request, dtype=np.intp)
    helper = np.asarray(helper, dtype=np.intp)
    score = np.asarray(score, dtype=np.float64)
    if not (request.shape == helper.shape == score.shape) or request.ndim != 1:
        raise ValueError("request, helper and score must be one-dimensional and of equal length")
    if strategy not in ("auto", "direct", "sparse"):
        raise ValueError(f"unknown strategy {strategy!r}")
    if backend not in ("auto", "ortools", "scipy"):
        raise ValueError(f"unknown backend {backend!r}")
    if backend == "auto":
        backend = "ortools" if flow.available() else "scipy"
    n_req = int(request.max(initial=-1)) + 1 if n_requests is None else n_requests
    n_hel = int(helper.max(initial=-1)) + 1 if n_helpers is None else n_helpers
    if len(request) and (request.min() < 0 or request.max() >= n_req or helper.min() < 0 or helper.max() >= n_hel):
        raise ValueError("pair indices out of range")
    if not np.isfinite(score).all():
        raise ValueError("scores must be finite")
    cap = np.ones(n_hel, dtype=np.int64) if capacity is None else np.asarray(capacity, dtype=np.int64)
    if cap.shape != (n_hel,):
        raise ValueError(f"capacity must have shape ({n_hel},)")
    if (cap < 0).any():
        raise ValueError("capacities must be >= 0")
    keys = np.sort(request.astype(np.int64) * max(n_hel, 1) + helper)
    if (keys[1:] == keys[:-1]).any():
        raise ValueError("a request-helper pair occurs more than once")

    usable = np.flatnonzero(cap[helper] > 0)
    req, hel = request[usable], helper[usable]
    n_slot = int(np.minimum(cap, np.bincount(hel, minlength=n_hel)).sum())
    units, resolution = quantize(score, n_req + n_slot)
    w = units[usable]
    if strategy == "auto":
        n_asking = int(np.count_nonzero(np.bincount(req, minlength=n_req)))
        strategy = "sparse" if n_slot >= 4 * n_asking and n_asking * n_slot > SPARSE_FROM else "direct"
    if strategy == "sparse":
        chosen = usable[_sparse(req, hel, w, cap, n_req, n_hel, backend)]
    else:
        chosen = usable[_match(req, hel, w, cap, n_req, n_hel, backend)]
    chosen = chosen[np.argsort(request[chosen], kind="stable")]
    return Solution(
        edges=chosen,
        matched=len(chosen),
        total_score=math.fsum(score[chosen].tolist()),
        total_units=int(units[chosen].sum()),
        resolution=resolution,
    )
