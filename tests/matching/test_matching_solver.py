"""The exact solver: cardinality first, then the highest total score, within capacities."""

from __future__ import annotations

import numpy as np
import pytest

from tests.matching.reference import brute_force, check_feasible, dense_assignment, units
from wijkkracht.matching import assign, solve
from wijkkracht.matching.certify import violations
from wijkkracht.matching.flow import available as ortools_available
from wijkkracht.matching.solver import quantize

BACKENDS = [
    "scipy",
    pytest.param("ortools", marks=pytest.mark.skipif(not ortools_available(), reason="ortools not installed")),
]
STRATEGIES = ["direct", "sparse"]


def arrays(pairs: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    req, hel, score = zip(*pairs, strict=True) if pairs else ((), (), ())
    return np.array(req, dtype=np.intp), np.array(hel, dtype=np.intp), np.array(score, dtype=float)


def random_instance(seed: int, n_req: int, n_hel: int, density: float):
    rng = np.random.default_rng(seed)
    pairs = [(r, h) for r in range(n_req) for h in range(n_hel) if rng.random() < density]
    req = np.array([p[0] for p in pairs], dtype=np.intp)
    hel = np.array([p[1] for p in pairs], dtype=np.intp)
    score = np.round(rng.uniform(0.001, 10.0, len(pairs)), 3)
    if rng.random() < 0.3:  # many ties
        score = np.round(score / 3.0) + 1.0
    cap = rng.integers(0, 4, n_hel)
    return req, hel, score, cap


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_more_requests_matched_beats_higher_score(backend: str, strategy: str) -> None:
    # Given r0 scores 10 with h0 and 0.5 with h1, and r1 can only go to h0 (score 9)
    req, hel, score = arrays([(0, 0, 10.0), (0, 1, 0.5), (1, 0, 9.0)])
    # When solved
    sol = solve(req, hel, score, n_requests=2, n_helpers=2, backend=backend, strategy=strategy)
    # Then both are matched (9.5 in total) rather than only r0 (10)
    assert sorted(zip(req[sol.edges].tolist(), hel[sol.edges].tolist(), strict=True)) == [(0, 1), (1, 0)]
    assert (sol.matched, sol.total_score, sol.total_units) == (2, 9.5, 9_500_000)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_highest_total_among_the_largest_assignments(backend: str, strategy: str) -> None:
    # Given two requests that both prefer h0, r0 by a little and r1 by a lot
    req, hel, score = arrays([(0, 0, 5.0), (0, 1, 4.9), (1, 0, 8.0), (1, 1, 1.0)])
    # When solved
    sol = solve(req, hel, score, backend=backend, strategy=strategy)
    # Then r1 gets h0 and r0 takes its second choice: 12.9 beats 6.0
    assert sol.edges.tolist() == [1, 2]
    assert sol.total_units == 12_900_000


@pytest.mark.parametrize("backend", BACKENDS)
def test_capacity_lets_one_helper_take_several_requests(backend: str) -> None:
    # Given three requests that only h0 can help, with capacity 2
    req, hel, score = arrays([(0, 0, 1.0), (1, 0, 3.0), (2, 0, 2.0)])
    # When solved
    sol = solve(req, hel, score, capacity=np.array([2]), backend=backend)
    # Then h0 takes the two best-scoring requests
    assert req[sol.edges].tolist() == [1, 2]
    assert sol.matched == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_capacity_zero_and_requests_without_pairs_stay_unmatched(backend: str) -> None:
    # Given h0 with capacity 0, h1 with capacity 1, and request 2 without any pair
    req, hel, score = arrays([(0, 0, 9.0), (1, 1, 1.0)])
    # When solved
    sol = solve(req, hel, score, capacity=np.array([0, 1]), n_requests=3, n_helpers=2, backend=backend)
    # Then only r1 is matched
    assert sol.edges.tolist() == [1]


def test_no_pairs_gives_an_empty_assignment() -> None:
    sol = solve(np.array([], dtype=int), np.array([], dtype=int), np.array([]), n_requests=2, n_helpers=1)
    assert (sol.edges.tolist(), sol.matched, sol.total_score, sol.total_units) == ([], 0, 0.0, 0)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("seed", range(60))
def test_equals_brute_force(seed: int, backend: str, strategy: str) -> None:
    # Given a small random instance
    req, hel, score, cap = random_instance(seed, n_req=5, n_hel=4, density=0.45)
    # When solved
    sol = solve(req, hel, score, capacity=cap, n_requests=5, n_helpers=4, backend=backend, strategy=strategy)
    # Then it is feasible and as good as the best of all choices
    check_feasible(req, hel, cap, sol.edges)
    assert (sol.matched, sol.total_units) == brute_force(req, hel, score, cap, 5)
    assert sol.total_units == int(units(score)[sol.edges].sum())


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("seed", range(12))
def test_equals_dense_linear_sum_assignment(seed: int, backend: str, strategy: str) -> None:
    # Given a random instance of 40 requests and 30 helpers
    req, hel, score, cap = random_instance(1000 + seed, n_req=40, n_hel=30, density=0.12)
    # When solved
    sol = solve(req, hel, score, capacity=cap, n_requests=40, n_helpers=30, backend=backend, strategy=strategy)
    # Then it matches SciPy's dense assignment with capacity expanded into columns
    check_feasible(req, hel, cap, sol.edges)
    assert (sol.matched, sol.total_units) == dense_assignment(req, hel, score, cap, 40)


def test_backends_and_strategies_agree_on_a_larger_instance() -> None:
    # Given 1,000 requests, 2,000 helpers and ~3 pairs per request
    rng = np.random.default_rng(5)
    req = np.repeat(np.arange(1000), 3)
    hel = rng.integers(0, 2000, len(req))
    keys = np.unique(req * 2000 + hel)
    req, hel = keys // 2000, keys % 2000
    score = np.round(rng.uniform(0.01, 10.0, len(req)), 6)
    cap = rng.integers(0, 3, 2000)
    # When solved every way there is
    runs = {
        (b, s): solve(req, hel, score, capacity=cap, n_requests=1000, n_helpers=2000, backend=b, strategy=s)
        for b in (["scipy", "ortools"] if ortools_available() else ["scipy"])
        for s in STRATEGIES
    }
    # Then all find the same optimum, which the LP certificate accepts for all pairs
    assert len({(s.matched, s.total_units) for s in runs.values()}) == 1
    first = next(iter(runs.values()))
    check_feasible(req, hel, cap, first.edges)
    every = np.ones(len(req), dtype=bool)
    assert not violations(req, hel, units(score), cap, first.edges, every, 1000, 2000).any()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"request": [0, 0], "helper": [1, 1], "score": [1.0, 2.0]}, "more than once"),
        ({"request": [0], "helper": [0], "score": [float("nan")]}, "finite"),
        ({"request": [0], "helper": [0], "score": [float("inf")]}, "finite"),
        ({"request": [0], "helper": [0], "score": [1.0], "capacity": [-1]}, ">= 0"),
        ({"request": [0, 1], "helper": [0], "score": [1.0]}, "equal length"),
        ({"request": [0], "helper": [3], "score": [1.0], "n_helpers": 2}, "out of range"),
        ({"request": [0], "helper": [0], "score": [1.0], "strategy": "fast"}, "unknown strategy"),
    ],
)
def test_bad_input_is_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        solve(**kwargs)


def test_scores_are_rounded_to_a_millionth() -> None:
    q, resolution = quantize(np.array([0.1, 2.0000004, 2.0000006]), n_nodes=10)
    assert (q.tolist(), resolution) == ([100_000, 2_000_000, 2_000_001], 1e-6)


def test_huge_scores_get_a_coarser_resolution_to_stay_exact() -> None:
    # Given scores up to 1e12 on 1,000 nodes: 1e18 units would not stay exact in float64 duals
    q, resolution = quantize(np.array([1e12, 3.4]), n_nodes=1000)
    # Then whole units are used, the finest power of ten that keeps units x nodes below 2**50
    assert resolution == 1.0
    assert q.tolist() == [1_000_000_000_000, 3]


def test_assign_works_on_string_ids() -> None:
    # Given pairs with string ids and one helper with capacity 2
    pairs = [("anna", "bert", 2.0), ("cor", "bert", 3.0), ("dirk", "bert", 1.0), ("dirk", "eva", 0.5)]
    # When assigned
    chosen = assign(pairs, {"bert": 2})
    # Then bert helps anna and cor, eva helps dirk, in order of first appearance
    assert chosen == [("anna", "bert", 2.0), ("cor", "bert", 3.0), ("dirk", "eva", 0.5)]


def test_certificate_rejects_a_matching_that_is_not_optimal() -> None:
    # Given r0 matched to its worse helper h1 while h0 (score 5 for r0) is free
    req, hel, score = arrays([(0, 0, 5.0), (0, 1, 1.0), (1, 1, 2.0)])
    chosen = np.array([1])  # only (r0, h1): also leaves r1 unmatched
    only_chosen = np.array([False, True, False])
    # When certified against all pairs
    bad = violations(req, hel, units(score), np.array([1, 1]), chosen, only_chosen, 2, 2)
    # Then the pairs that would improve it are reported
    assert bad.tolist() == [True, False, True]


def test_certificate_accepts_the_optimum() -> None:
    req, hel, score = arrays([(0, 0, 5.0), (0, 1, 1.0), (1, 1, 2.0)])
    every = np.ones(3, dtype=bool)
    bad = violations(req, hel, units(score), np.array([1, 1]), np.array([0, 2]), every, 2, 2)
    assert bad.tolist() == [False, False, False]
