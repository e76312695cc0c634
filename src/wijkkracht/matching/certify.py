"""Optimality certificate for a capacitated assignment, by LP duality (integer arithmetic).

The lexicographic goal (most requests matched, then most score units) equals maximising the sum of
w'(e) = w(e) + K over the chosen pairs, with K larger than any score difference a matching can make.
The linear programme of that b-matching has integral optima; its dual asks for u_r >= 0 per request
and v_h >= 0 per helper with u_r + v_h >= w'(r, h) on every pair. A matching is optimal if and only if
such a dual exists with complementary slackness: u_r = 0 for an unmatched request, v_h = 0 for a
helper with capacity left, u_r + v_h = w'(r, h) on chosen pairs.

Writing u_r = w'(r, m(r)) - v_m(r) for a request matched to helper m(r) leaves difference
constraints on v alone:
    v_h >= w(r, h) + K                         for an unmatched request r and each of its pairs (r, h)
    v_h >= v_m(r) - (w(r, m(r)) - w(r, h))     for a matched request r and each other pair (r, h)
    v_h <= U_h = min over r with m(r) = h of (w(r, h) + K), and U_h = 0 if h has capacity left.
`violations` finds the least v satisfying the lower bounds of a subset of pairs (Bellman-Ford style,
vectorised, only along changed helpers) and reports every pair of the full set whose constraint it
breaks. No violation means the matching is optimal for the full set of pairs.
"""

from __future__ import annotations

import numpy as np


def lexicographic_k(w: np.ndarray, n_req: int) -> int:
    """A K for which maximising sum(w + K) maximises the number of pairs first, then sum(w)."""
    if len(w) == 0:
        return 1
    span = abs(int(w.max())) + abs(int(w.min())) + 1
    return (n_req + 1) * span


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of arange(starts[i], starts[i] + counts[i])."""
    total = int(counts.sum())
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)


def violations(
    req: np.ndarray,
    hel: np.ndarray,
    w: np.ndarray,
    cap: np.ndarray,
    chosen: np.ndarray,
    active: np.ndarray,
    n_req: int,
    n_hel: int,
) -> np.ndarray:
    """Pairs whose dual constraint fails under the least dual fitted to the `active` pairs.

    `chosen` must be an optimal matching of the active pairs (else AssertionError). Pairs are
    distinct and every helper has capacity >= 1. An all-False result certifies `chosen` optimal for
    all pairs.
    """
    k = lexicographic_k(w, n_req)
    mate = np.full(n_req, -1, dtype=np.intp)
    mate[req[chosen]] = hel[chosen]
    w_mate = np.zeros(n_req, dtype=np.int64)
    w_mate[req[chosen]] = w[chosen]
    load = np.bincount(hel[chosen], minlength=n_hel)
    upper = np.full(n_hel, np.iinfo(np.int64).max)
    np.minimum.at(upper, hel[chosen], w[chosen] + k)
    upper[load < cap] = 0

    m_edge = mate[req]
    free_edge = m_edge < 0
    v = np.zeros(n_hel, dtype=np.int64)
    low = active & free_edge
    np.maximum.at(v, hel[low], w[low] + k)

    prop = np.flatnonzero(active & ~free_edge & (hel != m_edge))
    src = m_edge[prop]
    order = np.argsort(src, kind="stable")
    src, dst = src[order], hel[prop][order]
    delta = w_mate[req[prop]][order] - w[prop][order]
    indptr = np.searchsorted(src, np.arange(n_hel + 1))
    frontier = np.flatnonzero(np.bincount(src, minlength=n_hel))
    rounds = 0
    while len(frontier):
        idx = _ranges(indptr[frontier], indptr[frontier + 1] - indptr[frontier])
        cand = v[src[idx]] - delta[idx]
        tgt = dst[idx]
        up = cand > v[tgt]
        if not up.any():
            break
        np.maximum.at(v, tgt[up], cand[up])
        frontier = np.flatnonzero(np.bincount(tgt[up], minlength=n_hel))
        rounds += 1
        if rounds > n_hel + 1 or (v[frontier] > upper[frontier]).any():
            raise AssertionError("the matching is not optimal for the active pairs")
    if (v > upper).any():
        raise AssertionError("the matching is not optimal for the active pairs")

    bad = free_edge & (v[hel] < w + k)
    other = np.flatnonzero(~free_edge & (hel != m_edge))
    bad[other] = v[hel[other]] < v[m_edge[other]] - (w_mate[req[other]] - w[other])
    return bad
