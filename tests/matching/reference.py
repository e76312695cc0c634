"""Exact reference solvers for small instances: brute force and SciPy's dense assignment."""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import linear_sum_assignment


def units(scores: np.ndarray) -> np.ndarray:
    """Scores rounded to 1e-6 as integers, as the engine does for scores of this size."""
    return np.rint(np.asarray(scores, dtype=np.float64) * 1e6).astype(np.int64)


def brute_force(req: np.ndarray, hel: np.ndarray, scores: np.ndarray, cap: np.ndarray, n_req: int) -> tuple[int, int]:
    """(most requests matched, then most score units) by trying every choice of one pair or none per
    request; only for a handful of pairs."""
    w = units(scores)
    options = [[None, *np.flatnonzero(req == r).tolist()] for r in range(n_req)]
    best = (0, 0)
    for pick in itertools.product(*options):
        chosen = [e for e in pick if e is not None]
        load = np.bincount(hel[chosen], minlength=len(cap)) if chosen else np.zeros(len(cap), dtype=int)
        if (load <= cap).all():
            best = max(best, (len(chosen), int(w[chosen].sum()) if chosen else 0))
    return best


def dense_assignment(
    req: np.ndarray, hel: np.ndarray, scores: np.ndarray, cap: np.ndarray, n_req: int
) -> tuple[int, int]:
    """The same optimum from SciPy's linear_sum_assignment: each helper expanded into `capacity`
    columns, cardinality first through a weight of (score + M) with M above any total score."""
    w = units(scores)
    columns = np.repeat(np.arange(len(cap)), cap)
    if n_req == 0 or len(columns) == 0 or len(req) == 0:
        return 0, 0
    big = (int(np.abs(w).max()) + 1) * (n_req + 1)
    gain = np.zeros((n_req, len(columns)))
    for r, h, u in zip(req.tolist(), hel.tolist(), w.tolist(), strict=True):
        gain[r, columns == h] = big + u
    rows, cols = linear_sum_assignment(gain, maximize=True)
    picked = gain[rows, cols]
    picked = picked[picked > 0]
    return len(picked), int(round(picked.sum() - big * len(picked)))


def check_feasible(req: np.ndarray, hel: np.ndarray, cap: np.ndarray, chosen: np.ndarray) -> None:
    """Each request at most once, each helper at most its capacity."""
    assert len(np.unique(req[chosen])) == len(chosen)
    assert (np.bincount(hel[chosen], minlength=len(cap)) <= cap).all()
