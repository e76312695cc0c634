"""Candidate pairs: admissible request–helper pairs found through the spatial index, with score parts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from wijkkracht.matching.features import HelperTable, RequestTable
from wijkkracht.matching.scoring import History, admissible, score_parts, scores
from wijkkracht.matching.spatial import SpatialIndex, chord_to_arc, to_xyz
from wijkkracht.matching.types import PART_NAMES, Candidate, MatchOptions, Weights

CHUNK = 1024  # requests per radius query when every helper within reach is examined


@dataclass(frozen=True, slots=True, eq=False)
class Candidates:
    """Candidate pairs as columns; `request` and `helper` index the tables they came from."""

    requests: RequestTable
    helpers: HelperTable
    request: np.ndarray
    helper: np.ndarray
    distance_m: np.ndarray
    score: np.ndarray
    parts: np.ndarray  # (n, len(PART_NAMES)) weighted parts; each row adds up to `score`
    truncated: int  # requests whose neighbour search was full, so farther helpers were not looked at

    def __len__(self) -> int:
        return len(self.request)

    def explain(self, i: int) -> Candidate:
        return Candidate(
            request=str(self.requests.ids[self.request[i]]),
            helper=str(self.helpers.ids[self.helper[i]]),
            score=float(self.score[i]),
            distance_m=float(self.distance_m[i]),
            parts={name: float(v) for name, v in zip(PART_NAMES, self.parts[i], strict=True)},
        )


def _top_per_row(req: np.ndarray, score: np.ndarray, keep: int) -> np.ndarray:
    """Positions of the `keep` best scores of each request (ties broken by position)."""
    order = np.lexsort((np.arange(len(req)), -score, req))
    sorted_req = req[order]
    starts = np.searchsorted(sorted_req, sorted_req, side="left")
    return np.sort(order[np.arange(len(order)) - starts < keep])


def _best_of(
    rows: np.ndarray,
    dist2: np.ndarray,
    idx2: np.ndarray,
    requests: RequestTable,
    helpers: HelperTable,
    weights: Weights,
    hist: History,
    keep: int | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Admissible pairs among the helpers idx2[i] (at distances dist2[i]) of request rows[i]; the
    `keep` best-scoring of each row."""
    n_h = len(helpers)
    k = idx2.shape[1]
    i, j = np.nonzero(idx2 < n_h)
    req, hel, dist = rows[i], idx2[i, j], dist2[i, j]
    ok = admissible(req, hel, dist, requests, helpers)
    i, j, req, hel, dist = i[ok], j[ok], req[ok], hel[ok], dist[ok]
    if keep is not None and keep < k:
        table = np.full((len(rows), k), -np.inf)
        table[i, j] = scores(req, hel, dist, requests, helpers, weights=weights, history=hist)
        best = np.argpartition(-table, keep - 1, axis=1)[:, :keep]
        best.sort(axis=1)
        i = np.repeat(np.arange(len(rows)), keep)
        j = best.ravel()
        live = table[i, j] > -np.inf
        i, j = i[live], j[live]
        req, hel, dist = rows[i], idx2[i, j], dist2[i, j]
    return req, hel, dist


def _nearest(
    requests: RequestTable,
    helpers: HelperTable,
    req_xyz: np.ndarray,
    index: SpatialIndex,
    options: MatchOptions,
    weights: Weights,
    hist: History,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Pairs from the nearest-neighbour search, and how many requests had more helpers within reach.

    Every request examines its `neighbours` nearest helpers. Requests sharing one location (say g of
    them at a neighbourhood centroid) would all see the same helpers, so the group examines
    `crowd_factor` x g more: member i also gets every g-th of those, starting at the i-th, whatever
    their score (the group covers them all between its members).
    """
    base, crowd, keep = int(options.neighbours or 0), options.crowd_factor, options.max_candidates
    n_h = len(helpers)
    _, loc, size = np.unique(
        np.column_stack((requests.lat, requests.lon)), axis=0, return_inverse=True, return_counts=True
    )
    loc = loc.ravel()
    g = size[loc]
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    truncated = 0
    lone = np.flatnonzero(g == 1)
    if len(lone):
        dist2, idx2 = index.nearest(req_xyz[lone], base)
        out.append(_best_of(lone, dist2, idx2, requests, helpers, weights, hist, keep))
        truncated += int(np.count_nonzero(idx2[:, -1] < n_h)) if 0 < idx2.shape[1] < index.n else 0
    crowded = np.flatnonzero(g > 1)
    if len(crowded):
        order = crowded[np.argsort(loc[crowded], kind="stable")]
        first = np.searchsorted(loc[order], loc[order])
        pos = np.arange(len(order)) - first  # position within its group
        places, rep = np.unique(loc[order], return_index=True)
        want = np.minimum(base + crowd * size[places], max(base, options.max_neighbours))
        dist_p, idx_p = index.nearest(req_xyz[order[rep]], int(want.max()))
        at = np.searchsorted(places, loc[order])
        k = idx_p.shape[1]
        head = min(base, k)
        out.append(_best_of(order, dist_p[at, :head], idx_p[at, :head], requests, helpers, weights, hist, keep))
        ranks = head + pos[:, None] + g[order][:, None] * np.arange(crowd)[None, :]
        inside = ranks < np.minimum(want[at], k)[:, None]
        i, j = np.nonzero(inside)
        cols = ranks[i, j]
        req, hel, dist = order[i], idx_p[at[i], cols], dist_p[at[i], cols]
        ok = hel < n_h
        req, hel, dist = req[ok], hel[ok], dist[ok]
        ok = admissible(req, hel, dist, requests, helpers)
        out.append((req[ok], hel[ok], dist[ok]))
        truncated += int(np.count_nonzero(idx_p[at, -1] < n_h)) if 0 < k < index.n else 0
    if not out:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty, np.empty(0), 0
    req, hel, dist = (np.concatenate(col) for col in zip(*out, strict=True))
    return req, hel, dist, truncated


def candidate_pairs(
    requests: RequestTable,
    helpers: HelperTable,
    *,
    weights: Weights = Weights(),  # noqa: B008 - frozen dataclass
    options: MatchOptions = MatchOptions(),  # noqa: B008 - frozen dataclass
    history: Iterable[tuple[str, str]] | History = (),
    index: SpatialIndex | None = None,
) -> Candidates:
    """All admissible pairs the spatial index yields, each with its score and score parts.

    Never builds a requests x helpers matrix: per request the `options.neighbours` nearest helpers are
    examined (all helpers within reach if None), hard constraints drop pairs, and at most
    `options.max_candidates` best-scoring pairs per request are kept. A helper who helped the request's
    resident before is always examined, however many helpers are nearer.
    """
    hist = history if isinstance(history, History) else History(history, requests, helpers)
    if index is None:
        available = np.flatnonzero(helpers.capacity > helpers.load)
        index = SpatialIndex(helpers.lat, helpers.lon, helpers.max_distance_m, available)
    req_xyz = to_xyz(requests.lat, requests.lon)
    n_h = len(helpers)
    keep = options.max_candidates
    truncated = 0

    if options.neighbours is None:
        found = []
        for start in range(0, len(requests), CHUNK):  # bounded memory for the tree's Python lists
            req, hel, dist = index.within_reach(req_xyz[start : start + CHUNK])
            req += start
            ok = admissible(req, hel, dist, requests, helpers)
            req, hel, dist = req[ok], hel[ok], dist[ok]
            if keep is not None:
                sel = _top_per_row(req, scores(req, hel, dist, requests, helpers, weights=weights, history=hist), keep)
                req, hel, dist = req[sel], hel[sel], dist[sel]
            found.append((req, hel, dist))
        empty = np.empty(0, dtype=np.intp)
        req, hel, dist = (np.concatenate(c) for c in zip(*found, strict=True)) if found else (empty, empty, empty)
        dist = dist.astype(np.float64, copy=False)
    else:
        req, hel, dist, truncated = _nearest(requests, helpers, req_xyz, index, options, weights, hist)

    if hist:
        # Former helpers within their distance are candidates even when the search above missed them.
        h_req, h_hel = hist.pairs()
        h_xyz = to_xyz(helpers.lat[h_hel], helpers.lon[h_hel])
        h_dist = chord_to_arc(np.linalg.norm(req_xyz[h_req] - h_xyz, axis=1))
        ok = admissible(h_req, h_hel, h_dist, requests, helpers)
        h_req, h_hel, h_dist = h_req[ok], h_hel[ok], h_dist[ok]
        mine = hist.request_code[req] >= 0
        known = np.sort(req[mine].astype(np.int64) * n_h + hel[mine])
        wanted = h_req.astype(np.int64) * n_h + h_hel
        at = np.minimum(np.searchsorted(known, wanted), max(len(known) - 1, 0))
        new = ~((len(known) > 0) & (known[at] == wanted)) if len(known) else np.ones(len(wanted), dtype=bool)
        req = np.concatenate((req, h_req[new]))
        hel = np.concatenate((hel, h_hel[new]))
        dist = np.concatenate((dist, h_dist[new]))

    req = req.astype(np.intp, copy=False)
    hel = hel.astype(np.intp, copy=False)
    total, parts = score_parts(req, hel, dist, requests, helpers, weights=weights, history=hist)
    return Candidates(requests, helpers, req, hel, dist, total, parts, truncated)
