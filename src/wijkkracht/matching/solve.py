"""Solving layer: an exactly optimal capacitated assignment, cardinality first, then total score.

Method (see docs/adr/0002-matching-solver.md):

1. Scores are rounded to an integer number of `resolution` units (1e-6 unless scores are huge), so
   the optimum is defined and found in integer arithmetic.
2. A helper with capacity c becomes c interchangeable slots (c capped at the helper's number of pairs).
3. A maximum-cardinality matching (Hopcroft-Karp) and the Dulmage-Mendelsohn decomposition split the
   graph in three blocks; every maximum matching is the union of a full matching of each block, and
   every such union is a maximum matching. So "most requests first, then highest score" becomes three
   independent minimum-cost full matchings, solved exactly by LAPJVsp
   (`scipy.sparse.csgraph.min_weight_full_bipartite_matching`) on integer-valued costs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import (
    breadth_first_order,
    maximum_bipartite_matching,
    min_weight_full_bipartite_matching,
)

DEFAULT_RESOLUTION = 1e-6
_EXACT_LIMIT = 2**50  # costs and LAPJVsp's dual values stay integers below 2**53 with margin


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


def _full_matching(
    rows: np.ndarray, cols: np.ndarray, cost: np.ndarray, n_rows: int, n_cols: int
) -> tuple[np.ndarray, np.ndarray]:
    """Min-cost matching covering the smaller side of a block; (row, col) pairs in block numbering."""
    graph = sp.csr_array((cost.astype(np.float64), (rows, cols)), shape=(n_rows, n_cols))
    return min_weight_full_bipartite_matching(graph)


def _reachable(n_left: int, n_right: int, adj_l: np.ndarray, adj_r: np.ndarray, mate_r: np.ndarray,
               starts: np.ndarray) -> np.ndarray:
    """Nodes reachable from `starts` (left nodes) by alternating paths: left->right over any edge,
    right->left over the matching. Returns a boolean mask over left nodes then right nodes."""
    n = n_left + n_right + 1
    src = n - 1
    matched = np.flatnonzero(mate_r >= 0)
    tails = np.concatenate((adj_l, n_left + matched, np.full(len(starts), src)))
    heads = np.concatenate((n_left + adj_r, mate_r[matched], starts))
    graph = sp.csr_array((np.ones(len(tails), dtype=np.int8), (tails, heads)), shape=(n, n))
    seen = np.zeros(n, dtype=bool)
    seen[breadth_first_order(graph, src, directed=True, return_predecessors=False)] = True
    return seen[:-1]


def solve_units(
    req: np.ndarray, slot: np.ndarray, units: np.ndarray, n_req: int, n_slot: int
) -> tuple[np.ndarray, np.ndarray]:
    """Core on a unit-capacity graph: positions of chosen edges (maximum cardinality, then maximum
    total units). Edges (req[i], slot[i]) must be distinct."""
    if len(req) == 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    cost = (int(units.max()) + 1 - units).astype(np.float64)  # >= 1: LAPJVsp drops zero weights
    graph = sp.csr_array((np.ones(len(req), dtype=np.int8), (req, slot)), shape=(n_req, n_slot))
    mate_req = np.asarray(maximum_bipartite_matching(graph, perm_type="column"))
    size = int(np.count_nonzero(mate_req >= 0))

    if size in (n_req, n_slot):
        # One side is saturated: the whole graph is one block.
        blocks = [(np.ones(n_req, dtype=bool), np.ones(n_slot, dtype=bool))]
    else:
        mate_slot = np.full(n_slot, -1, dtype=np.intp)
        matched_req = np.flatnonzero(mate_req >= 0)
        mate_slot[mate_req[matched_req]] = matched_req
        free_req = np.flatnonzero(mate_req < 0)
        free_slot = np.flatnonzero(mate_slot < 0)
        under = _reachable(n_req, n_slot, req, slot, mate_slot, free_req)
        over = _reachable(n_slot, n_req, slot, req, mate_req, free_slot)
        r_u, s_u = under[:n_req], under[n_req:]
        s_o, r_o = over[:n_slot], over[n_slot:]
        r_w, s_w = ~(r_u | r_o), ~(s_u | s_o)
        blocks = [(r_u, s_u), (r_w, s_w), (r_o, s_o)]

    chosen_req: list[np.ndarray] = []
    chosen_slot: list[np.ndarray] = []
    for in_r, in_s in blocks:
        n_r, n_s = int(in_r.sum()), int(in_s.sum())
        if n_r == 0 or n_s == 0:
            continue
        e = np.flatnonzero(in_r[req] & in_s[slot])
        r_ids, s_ids = np.flatnonzero(in_r), np.flatnonzero(in_s)
        local_r = np.cumsum(in_r) - 1
        local_s = np.cumsum(in_s) - 1
        r, c = _full_matching(local_r[req[e]], local_s[slot[e]], cost[e], n_r, n_s)
        chosen_req.append(r_ids[r])
        chosen_slot.append(s_ids[c])
    r = np.concatenate(chosen_req) if chosen_req else np.empty(0, dtype=np.intp)
    s = np.concatenate(chosen_slot) if chosen_slot else np.empty(0, dtype=np.intp)
    if len(r) != size:  # pragma: no cover - would be a bug in the decomposition
        raise AssertionError(f"decomposition lost cardinality: {len(r)} != {size}")
    return r, s


def solve(
    request: np.ndarray,
    helper: np.ndarray,
    score: np.ndarray,
    *,
    capacity: np.ndarray | None = None,
    n_requests: int | None = None,
    n_helpers: int | None = None,
) -> Solution:
    """Exactly optimal assignment on candidate pairs given as integer indices.

    request[i], helper[i], score[i] describe pair i (score finite; rounded to `resolution`).
    capacity[h] is how many requests helper h may take (default 1 each; 0 allowed).
    Each request gets at most one helper and each helper at most its capacity; among all such
    assignments the result first matches as many requests as possible, then maximises the sum of the
    rounded scores. Raises ValueError on a repeated pair, a non-finite score or a negative capacity.
    """
    request = np.asarray(request, dtype=np.intp)
    helper = np.asarray(helper, dtype=np.intp)
    score = np.asarray(score, dtype=np.float64)
    if not (request.shape == helper.shape == score.shape) or request.ndim != 1:
        raise ValueError("request, helper and score must be one-dimensional and of equal length")
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
    keys = request.astype(np.int64) * max(n_hel, 1) + helper
    if len(np.unique(keys)) != len(keys):
        raise ValueError("a request-helper pair occurs more than once")

    # Slots: helper h owns min(capacity, pairs) interchangeable slots; pairs to h are copied per slot.
    usable = np.flatnonzero(cap[helper] > 0)
    degree = np.bincount(helper[usable], minlength=n_hel)
    slots = np.minimum(cap, degree)
    first_slot = np.cumsum(slots) - slots
    n_slot = int(slots.sum())
    copies = slots[helper[usable]]
    edge = np.repeat(usable, copies)
    offset = np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
    slot = first_slot[helper[edge]] + offset

    units, resolution = quantize(score, n_req + n_slot)
    r, s = solve_units(request[edge], slot, units[edge], n_req, n_slot)

    # Back from (request, slot) to the input pair.
    slot_helper = np.repeat(np.arange(n_hel), slots)
    order = np.argsort(keys, kind="stable")
    wanted = r.astype(np.int64) * max(n_hel, 1) + slot_helper[s]
    chosen = order[np.searchsorted(keys[order], wanted)]
    chosen = chosen[np.argsort(request[chosen], kind="stable")]
    return Solution(
        edges=chosen,
        matched=len(chosen),
        total_score=math.fsum(score[chosen].tolist()),
        total_units=int(units[chosen].sum()),
        resolution=resolution,
    )
