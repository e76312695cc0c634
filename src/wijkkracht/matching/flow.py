"""OR-tools backend: exact min-cost maximum flow (`SimpleMinCostFlow.SolveMaxFlowWithMinCost`), and its
assignment solver (`SimpleLinearSumAssignment`) where every maximum matching is a perfect one.

Min-cost flow: source -> request (capacity 1) -> helper (capacity 1, cost -units) -> sink (capacity =
helper's capacity). The solver first maximises the flow (matched requests), then minimises the cost among
maximum flows, in 64-bit integer arithmetic (cost scaling).

Assignment: when the requests that have pairs and the helpers' usable slots (min(capacity, pairs)) are
equally many and a perfect matching exists (a unit-capacity maximum flow decides that, ~0.15 s on 1M pairs),
every maximum matching is perfect, so the minimum-cost perfect matching is the exact optimum. Goldberg and
Kennedy's cost-scaling assignment algorithm finds it several times faster than the general min-cost flow
(1M pairs, 20k x 20k: ~0.3 s against ~1 s). Optional: used when `ortools` is installed.
"""

from __future__ import annotations

import numpy as np

# No SciPy here: importing scipy.sparse takes ~0.6 s, a third of the command line's whole budget.
try:  # pragma: no cover - depends on the environment
    from ortools.graph.python import linear_sum_assignment, max_flow, min_cost_flow
except ImportError:  # pragma: no cover - depends on the environment
    linear_sum_assignment = max_flow = min_cost_flow = None

ASSIGNMENT_MAX_EXPANSION = 2  # slot-expanded arcs at most this many times the pairs, else min-cost flow


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


def match_perfect(
    req: np.ndarray, hel: np.ndarray, w: np.ndarray, cap: np.ndarray, n_req: int, n_hel: int
) -> np.ndarray | None:
    """Positions of the chosen pairs when a perfect matching of the asking requests and the usable slots
    exists (then it is the exact optimum: most pairs first, then the largest sum of w); None otherwise,
    or when the assignment solver cannot prove its result free of overflow."""
    if linear_sum_assignment is None or len(req) == 0:
        return None
    asked = np.bincount(req, minlength=n_req)
    asking = np.flatnonzero(asked)
    deg = np.bincount(hel, minlength=n_hel)
    slots = np.minimum(cap, deg)
    n_slot = int(slots.sum())
    if n_slot != len(asking):
        return None
    copies = slots[hel]
    if (copies == 0).any():  # a helper without capacity: not used by this path
        return None
    if int(copies.sum()) > ASSIGNMENT_MAX_EXPANSION * len(req):
        return None
    r_loc = np.zeros(n_req, dtype=np.int32)
    r_loc[asking] = np.arange(len(asking), dtype=np.int32)
    first_slot = (np.cumsum(slots) - slots).astype(np.int32)
    if (copies == 1).all():
        edge = None
        left, right, cost = r_loc[req], first_slot[hel], -w
    else:  # a helper with c slots: each of its pairs once per slot
        edge = np.repeat(np.arange(len(req)), copies)
        within = np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
        left, right, cost = r_loc[req[edge]], first_slot[hel[edge]] + within.astype(np.int32), -w[edge]
    n = len(asking)
    if not _has_perfect_matching(left, right, n):
        return None  # not every request can be matched: the general min-cost flow decides who
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    solver.add_arcs_with_cost(left, right, cost)
    if solver.solve() != solver.OPTIMAL:
        return None
    mate = np.fromiter(map(solver.right_mate, range(n)), dtype=np.int64, count=n)
    arcs = np.flatnonzero(mate[left] == right)
    return arcs if edge is None else edge[arcs]


def _has_perfect_matching(left: np.ndarray, right: np.ndarray, n: int) -> bool:
    """Does the bipartite graph (left i -- right j, n nodes a side) match every node? A unit-capacity
    maximum flow from a source through the left nodes and the right nodes to a sink reaches n exactly then."""
    solver = max_flow.SimpleMaxFlow()
    source, sink = 2 * n, 2 * n + 1
    nodes = np.arange(n, dtype=np.int32)
    tails = np.concatenate((np.full(n, source, dtype=np.int32), left.astype(np.int32), n + nodes))
    heads = np.concatenate((nodes, n + right.astype(np.int32), np.full(n, sink, dtype=np.int32)))
    solver.add_arcs_with_capacity(tails, heads, np.ones(len(tails), dtype=np.int64))
    if solver.solve(source, sink) != solver.OPTIMAL:
        return False
    return int(solver.optimal_flow()) == n
