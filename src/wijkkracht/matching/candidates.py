"""Candidate pairs: admissible request–helper pairs found through the spatial index, with score parts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from wijkkracht.matching.features import HelperTable, RequestTable
from wijkkracht.matching.scoring import History, admissible, score_parts, scores
from wijkkracht.matching.spatial import SpatialIndex, chord_to_arc, to_xyz
from wijkkracht.matching.types import PART_NAMES, Candidate, MatchOptions, Weights


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
    index = index if index is not None else SpatialIndex(helpers.lat, helpers.lon, helpers.max_distance_m)
    req_xyz = to_xyz(requests.lat, requests.lon)
    n_h = len(helpers)
    keep = options.max_candidates
    truncated = 0

    if options.neighbours is None:
        req, hel, dist = index.within_reach(req_xyz)
        ok = admissible(req, hel, dist, requests, helpers)
        req, hel, dist = req[ok], hel[ok], dist[ok]
        if keep is not None:
            sel = _top_per_row(req, scores(req, hel, dist, requests, helpers, weights=weights, history=hist), keep)
            req, hel, dist = req[sel], hel[sel], dist[sel]
    else:
        dist2, idx2 = index.nearest(req_xyz, options.neighbours)
        k = idx2.shape[1]
        if k and k < n_h:
            truncated = int(np.count_nonzero(idx2[:, -1] < n_h))
        present = idx2 < n_h
        rows, cols = np.nonzero(present)
        req, hel, dist = rows, idx2[rows, cols], dist2[rows, cols]
        ok = admissible(req, hel, dist, requests, helpers)
        rows, cols, req, hel, dist = rows[ok], cols[ok], req[ok], hel[ok], dist[ok]
        if keep is not None and keep < k:
            table = np.full((len(requests), k), -np.inf)
            table[rows, cols] = scores(req, hel, dist, requests, helpers, weights=weights, history=hist)
            best = np.argpartition(-table, keep - 1, axis=1)[:, :keep]
            best.sort(axis=1)
            r = np.repeat(np.arange(len(requests)), keep)
            c = best.ravel()
            live = table[r, c] > -np.inf
            req, hel, dist = r[live], idx2[r[live], c[live]], dist2[r[live], c[live]]

    if hist:
        # Former helpers within their distance are candidates even when the search above missed them.
        h_req, h_hel = hist.pairs()
        h_dist = chord_to_arc(np.linalg.norm(req_xyz[h_req] - index.xyz[h_hel], axis=1))
        ok = admissible(h_req, h_hel, h_dist, requests, helpers)
        h_req, h_hel, h_dist = h_req[ok], h_hel[ok], h_dist[ok]
        new = ~np.isin(h_req * n_h + h_hel, req.astype(np.int64) * n_h + hel)
        req = np.concatenate((req, h_req[new]))
        hel = np.concatenate((hel, h_hel[new]))
        dist = np.concatenate((dist, h_dist[new]))

    req = req.astype(np.intp, copy=False)
    hel = hel.astype(np.intp, copy=False)
    total, parts = score_parts(req, hel, dist, requests, helpers, weights=weights, history=hist)
    return Candidates(requests, helpers, req, hel, dist, total, parts, truncated)
