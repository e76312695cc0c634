"""SciPy backend: exact matching with LAPJVsp (`min_weight_full_bipartite_matching`).

A helper with capacity c becomes min(c, pairs) interchangeable slots. Hopcroft-Karp and the
Dulmage-Mendelsohn decomposition split the graph in three blocks; every maximum matching is the union
of a full matching of each block and every such union is a maximum matching, so "most requests first,
then the least cost" becomes independent minimum-cost full matchings, which LAPJVsp solves exactly on
integer-valued costs. Connected components are solved separately (small ones batched), because
LAPJVsp touches every column of its problem once per augmenting path.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import (
    breadth_first_order,
    connected_components,
    maximum_bipartite_matching,
    min_weight_full_bipartite_matching,
)

BATCH_BUDGET = 2e7  # rows x columns of one LAPJVsp call when small components are solved together
PAD_BUDGET = 5e6  # a nearly square block is padded to square (LAPJVsp only initialises square ones):
PAD_RATIO = 16  # at most this many dummy edges, and only 1 dummy per PAD_RATIO vertices of the smaller side


def _full_matching(
    rows: np.ndarray, cols: np.ndarray, cost: np.ndarray, n_rows: int, n_cols: int
) -> tuple[np.ndarray, np.ndarray]:
    """Min-cost matching covering the smaller side of a block; (row, col) pairs in block numbering."""
    small, big = min(n_rows, n_cols), max(n_rows, n_cols)
    extra = big - small
    pad = extra > 0 and extra * big <= PAD_BUDGET
    if pad:
        # Square it up with `extra` dummies on the smaller side, each joined to every vertex of the
        # other side at one constant cost: all perfect matchings then pay the same for the dummies.
        dummy = np.repeat(np.arange(small, big), big)
        other = np.tile(np.arange(big), extra)
        fill = np.full(len(dummy), float(cost.max(initial=0)) + 1.0)
        if n_rows < n_cols:
            rows, cols = np.concatenate((rows, dummy)), np.concatenate((cols, other))
        else:
            rows, cols = np.concatenate((rows, other)), np.concatenate((cols, dummy))
        cost = np.concatenate((cost, fill))
    shape = (big, big) if pad else (n_rows, n_cols)
    graph = sp.csr_array((cost.astype(np.float64), (rows, cols)), shape=shape)
    r, c = min_weight_full_bipartite_matching(graph)
    real = (r < n_rows) & (c < n_cols)
    return r[real], c[real]


def _reachable(
    n_left: int, n_right: int, adj_l: np.ndarray, adj_r: np.ndarray, mate_r: np.ndarray, starts: np.ndarray
) -> np.ndarray:
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


def _dm_match(
    req: np.ndarray, slot: np.ndarray, cost: np.ndarray, n_req: int, n_slot: int
) -> tuple[np.ndarray, np.ndarray]:
    """(request, slot) pairs of a maximum-cardinality matching of least total cost on a unit-capacity
    graph with distinct edges and costs >= 1."""
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
        under = _reachable(n_req, n_slot, req, slot, mate_slot, np.flatnonzero(mate_req < 0))
        over = _reachable(n_slot, n_req, slot, req, mate_req, np.flatnonzero(mate_slot < 0))
        r_u, s_u = under[:n_req], under[n_req:]
        s_o, r_o = over[:n_slot], over[n_slot:]
        blocks = [(r_u, s_u), (~(r_u | r_o), ~(s_u | s_o)), (r_o, s_o)]

    chosen_req: list[np.ndarray] = []
    chosen_slot: list[np.ndarray] = []
    for in_r, in_s in blocks:
        n_r, n_s = int(in_r.sum()), int(in_s.sum())
        if n_r == 0 or n_s == 0:
            continue
        e = np.flatnonzero(in_r[req] & in_s[slot])
        local_r, local_s = np.cumsum(in_r) - 1, np.cumsum(in_s) - 1
        r, c = _full_matching(local_r[req[e]], local_s[slot[e]], cost[e], n_r, n_s)
        chosen_req.append(np.flatnonzero(in_r)[r])
        chosen_slot.append(np.flatnonzero(in_s)[c])
    r = np.concatenate(chosen_req) if chosen_req else np.empty(0, dtype=np.intp)
    s = np.concatenate(chosen_slot) if chosen_slot else np.empty(0, dtype=np.intp)
    if len(r) != size:  # pragma: no cover - would be a bug in the decomposition
        raise AssertionError(f"decomposition lost cardinality: {len(r)} != {size}")
    return r, s


def _compact(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct ids, position of each id among them)."""
    present = np.zeros(int(ids.max()) + 1, dtype=bool)
    present[ids] = True
    return np.flatnonzero(present), (np.cumsum(present) - 1)[ids]


def _match_batch(req: np.ndarray, hel: np.ndarray, cost: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Positions of the chosen edges of one batch (helpers with capacity expanded into slots)."""
    r_ids, r_loc = _compact(req)
    h_ids, h_loc = _compact(hel)
    slots = np.minimum(cap[h_ids], np.bincount(h_loc, minlength=len(h_ids)))
    first_slot = np.cumsum(slots) - slots
    copies = slots[h_loc]
    edge = np.repeat(np.arange(len(req)), copies)
    slot = first_slot[h_loc[edge]] + np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
    r, s = _dm_match(r_loc[edge], slot, cost[edge], len(r_ids), int(slots.sum()))
    keys = r_loc.astype(np.int64) * len(h_ids) + h_loc
    order = np.argsort(keys)
    wanted = r.astype(np.int64) * len(h_ids) + np.repeat(np.arange(len(h_ids)), slots)[s]
    return order[np.searchsorted(keys, wanted, sorter=order)]


def match_scipy(
    req: np.ndarray,
    hel: np.ndarray,
    cost: np.ndarray,
    cap: np.ndarray,
    n_req: int,
    n_hel: int,
    budget: float = BATCH_BUDGET,
) -> np.ndarray:
    """Positions of the chosen edges: each connected component solved exactly, small components
    batched together while (rows x slot columns) of a batch stays within `budget` (LAPJVsp touches
    every column of its problem once per augmentation)."""
    if len(req) == 0:
        return np.empty(0, dtype=np.intp)
    n = n_req + n_hel
    graph = sp.csr_array((np.ones(len(req), dtype=np.int8), (req, n_req + hel)), shape=(n, n))
    n_comp, label = connected_components(graph, directed=False)
    comp = label[req]
    rows = np.bincount(label[:n_req], weights=np.bincount(req, minlength=n_req) > 0, minlength=n_comp)
    rows = rows.astype(np.int64)
    deg = np.bincount(hel, minlength=n_hel)
    cols = np.bincount(label[n_req:], weights=np.minimum(cap, deg), minlength=n_comp)
    live = np.flatnonzero(rows)
    batch_of = np.zeros(n_comp, dtype=np.intp)
    batch, r_sum, c_sum = 0, 0, 0.0
    for c, r_c, c_c in zip(live.tolist(), rows[live].tolist(), cols[live].tolist(), strict=True):
        if r_sum and (r_sum + r_c) * (c_sum + c_c) > budget:
            batch, r_sum, c_sum = batch + 1, 0, 0.0
        batch_of[c] = batch
        r_sum, c_sum = r_sum + r_c, c_sum + c_c
    edge_batch = batch_of[comp]
    order = np.argsort(edge_batch, kind="stable")
    bounds = np.searchsorted(edge_batch[order], np.arange(batch + 2))
    chosen = [
        e[_match_batch(req[e], hel[e], cost[e], cap)]
        for b in range(batch + 1)
        if len(e := order[bounds[b] : bounds[b + 1]])
    ]
    return np.concatenate(chosen) if chosen else np.empty(0, dtype=np.intp)
