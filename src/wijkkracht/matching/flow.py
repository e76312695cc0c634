"""OR-tools backend: exact min-cost maximum flow (`SimpleMinCostFlow.SolveMaxFlowWithMinCost`).

Source -> request (capacity 1) -> helper (capacity 1, cost -units) -> sink (capacity = helper's
capacity). The solver first maximises the flow (matched requests), then minimises the cost among
maximum flows, in 64-bit integer arithmetic (cost scaling). Optional: used when `ortools` is installed.
"""

from __future__ import annotations

import numpy as np

try:  # pragma: no cover - depends on the environment
    from ortools.graph.python import min_cost_flow
except ImportError:  # pragma: no cover - depends on the environment
    min_cost_flow = None


def available() -> bool:
    return min_cost_flow is not None


def match_ortools(
    req: np.ndarray, hel: np.ndarray, w: np.ndarray, cap: np.ndarray, n_req: int, n_hel: int
) -> np.ndarray:
    """Positions of the chosen pairs: most pairs first, then the largest sum of w (int64)."""
    if min_cost_flow is None:
        raise RuntimeError("ortools is not installed")
    if len(req) == 0:
        return np.empty(0, dtype=np.intp)
    asking = np.flatnonzero(np.bincount(req, minlength=n_req))
    offering = np.flatnonzero(np.bincount(hel, minlength=n_hel))
    # Nodes: asking requests 0.., offering helpers after them, then source and sink.
    r_node = np.zeros(n_req, dtype=np.int32)
    r_node[asking] = np.arange(len(asking))
    h_node = np.zeros(n_hel, dtype=np.int32)
    h_node[offering] = len(asking) + np.arange(len(offering))
    source, sink = len(asking) + len(offering), len(asking) + len(offering) + 1
    tails = np.concatenate((np.full(len(asking), source), r_node[req], h_node[offering])).astype(np.int32)
    heads = np.concatenate((r_node[asking], h_node[hel], np.full(len(offering), sink))).astype(np.int32)
    caps = np.concatenate((np.ones(len(asking) + len(req), dtype=np.int64), cap[offering]))
    costs = np.concatenate((np.zeros(len(asking), dtype=np.int64), -w, np.zeros(len(offering), dtype=np.int64)))
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, len(asking))
    flow.set_node_supply(sink, -len(asking))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    pair_arcs = np.asarray(arcs)[len(asking) : len(asking) + len(req)]
    return np.flatnonzero(np.asarray(flow.flows(pair_arcs)) > 0)
