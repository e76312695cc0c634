"""Property tests: feasibility, optimality against the references, cardinality first, relabelling."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import maximum_bipartite_matching

from tests.matching.reference import brute_force, check_feasible, dense_assignment
from wijkkracht.matching import flow, solve
from wijkkracht.matching.flow import available as ortools_available
from wijkkracht.matching.solver import quantize

BACKENDS = ["scipy", "ortools"] if ortools_available() else ["scipy"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw: st.DrawFn, max_req: int = 7, max_hel: int = 6):
    n_req = draw(st.integers(0, max_req))
    n_hel = draw(st.integers(0, max_hel))
    cells = [(r, h) for r in range(n_req) for h in range(n_hel)]
    pairs = draw(st.lists(st.sampled_from(cells), unique=True, max_size=len(cells))) if cells else []
    # Scores on a 1e-3 grid with deliberate ties, including tiny ones.
    score = draw(st.lists(st.integers(1, 20_000).map(lambda k: k / 1000), min_size=len(pairs), max_size=len(pairs)))
    cap = draw(st.lists(st.integers(0, 3), min_size=n_hel, max_size=n_hel))
    req = np.array([p[0] for p in pairs], dtype=np.intp)
    hel = np.array([p[1] for p in pairs], dtype=np.intp)
    return req, hel, np.array(score, dtype=float), np.array(cap, dtype=np.int64), n_req, n_hel


def max_cardinality(req: np.ndarray, hel: np.ndarray, cap: np.ndarray, n_req: int) -> int:
    """Largest number of requests that can be matched, ignoring scores (Hopcroft-Karp on slots)."""
    first = np.cumsum(cap) - cap
    rows, cols = [], []
    for r, h in zip(req.tolist(), hel.tolist(), strict=True):
        for t in range(int(cap[h])):
            rows.append(r)
            cols.append(int(first[h]) + t)
    if not rows:
        return 0
    graph = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n_req, int(cap.sum())))
    return int(np.count_nonzero(maximum_bipartite_matching(graph, perm_type="column") >= 0))


@SETTINGS
@given(instances(), st.sampled_from(BACKENDS), st.sampled_from(["direct", "sparse"]))
def test_feasible_and_optimal(inst, backend: str, strategy: str) -> None:
    req, hel, score, cap, n_req, n_hel = inst
    sol = solve(req, hel, score, capacity=cap, n_requests=n_req, n_helpers=n_hel, backend=backend, strategy=strategy)
    check_feasible(req, hel, cap, sol.edges)
    assert (sol.matched, sol.total_units) == dense_assignment(req, hel, score, cap, n_req)


@SETTINGS
@given(instances(max_req=4, max_hel=4), st.sampled_from(BACKENDS))
def test_equals_brute_force(inst, backend: str) -> None:
    req, hel, score, cap, n_req, n_hel = inst
    sol = solve(req, hel, score, capacity=cap, n_requests=n_req, n_helpers=n_hel, backend=backend)
    assert (sol.matched, sol.total_units) == brute_force(req, hel, score, cap, n_req)


@SETTINGS
@given(instances(), st.sampled_from(BACKENDS))
def test_cardinality_comes_first(inst, backend: str) -> None:
    # However the scores are set, no assignment matches more requests.
    req, hel, score, cap, n_req, n_hel = inst
    sol = solve(req, hel, score, capacity=cap, n_requests=n_req, n_helpers=n_hel, backend=backend)
    assert sol.matched == max_cardinality(req, hel, cap, n_req)
    # Even if the scores are turned upside down.
    flipped = solve(req, hel, 20.001 - score, capacity=cap, n_requests=n_req, n_helpers=n_hel, backend=backend)
    assert flipped.matched == sol.matched


@SETTINGS
@given(instances(), st.randoms(use_true_random=False), st.sampled_from(BACKENDS))
def test_stable_under_relabelling(inst, rnd, backend: str) -> None:
    # Renumbering requests and helpers and shuffling the pairs changes nothing but the labels.
    req, hel, score, cap, n_req, n_hel = inst
    base = solve(req, hel, score, capacity=cap, n_requests=n_req, n_helpers=n_hel, backend=backend)
    p_req = np.array(rnd.sample(range(n_req), n_req), dtype=np.intp)
    p_hel = np.array(rnd.sample(range(n_hel), n_hel), dtype=np.intp)
    order = np.array(rnd.sample(range(len(req)), len(req)), dtype=np.intp)
    new_cap = np.empty_like(cap)
    new_cap[p_hel] = cap
    other = solve(
        p_req[req[order]] if len(req) else req,
        p_hel[hel[order]] if len(hel) else hel,
        score[order],
        capacity=new_cap,
        n_requests=n_req,
        n_helpers=n_hel,
        backend=backend,
    )
    assert (other.matched, other.total_units) == (base.matched, base.total_units)


@st.composite
def square_instances(draw: st.DrawFn):
    """Instances whose asking requests and usable slots are equally many, a perfect matching included by
    construction (a random permutation), so the assignment solver's path is taken."""
    n_hel = draw(st.integers(1, 5))
    cap = np.array(draw(st.lists(st.integers(1, 2), min_size=n_hel, max_size=n_hel)), dtype=np.int64)
    n_req = int(cap.sum())
    slot_owner = np.repeat(np.arange(n_hel), cap)
    perm = draw(st.permutations(range(n_req)))
    pairs = {(int(perm[s]), int(slot_owner[s])) for s in range(n_req)}
    extra = draw(st.lists(st.tuples(st.integers(0, n_req - 1), st.integers(0, n_hel - 1)), max_size=12))
    pairs |= set(extra)
    pairs = sorted(pairs)
    score = draw(st.lists(st.integers(1, 20_000).map(lambda k: k / 1000), min_size=len(pairs), max_size=len(pairs)))
    req = np.array([p[0] for p in pairs], dtype=np.intp)
    hel = np.array([p[1] for p in pairs], dtype=np.intp)
    return req, hel, np.array(score, dtype=float), cap, n_req, n_hel


@pytest.mark.skipif(not ortools_available(), reason="ortools not installed")
@SETTINGS
@given(square_instances())
def test_assignment_path_is_exact(inst) -> None:
    # Every helper's usable slots taken exactly once in some assignment: the assignment solver answers
    # (not the general min-cost flow), and its optimum is the brute-force one.
    req, hel, score, cap, n_req, n_hel = inst
    w, _ = quantize(score, n_req + n_hel)
    chosen = flow.match_perfect(req, hel, w, cap, n_req, n_hel)
    assert chosen is not None
    check_feasible(req, hel, cap, chosen)
    assert (len(chosen), int(w[chosen].sum())) == dense_assignment(req, hel, score, cap, n_req)
    sol = solve(req, hel, score, capacity=cap, n_requests=n_req, n_helpers=n_hel, backend="ortools")
    assert (sol.matched, sol.total_units) == (len(chosen), int(w[chosen].sum()))


@pytest.mark.skipif(not ortools_available(), reason="ortools not installed")
def test_assignment_path_declines_when_not_every_request_can_be_matched() -> None:
    # Two requests and two helpers, but both requests only know helper 0: no perfect matching.
    req, hel, w = np.array([0, 1, 1]), np.array([0, 0, 1]), np.array([5, 3, 1])
    cap = np.array([1, 1])
    assert flow.match_perfect(np.array([0, 1]), np.array([0, 0]), np.array([5, 3]), cap, 2, 2) is None
    assert sorted(flow.match_perfect(req, hel, w, cap, 2, 2).tolist()) == [0, 2]
