"""Scoring layer: hard constraints and the weighted parts a pair's score is made of (vectorised)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from wijkkracht.matching.features import HelperTable, RequestTable
from wijkkracht.matching.types import PART_NAMES, Weights


class History:
    """Earlier successful help: (resident id, helper id) pairs, looked up per candidate pair."""

    def __init__(self, pairs: Iterable[tuple[str, str]], requests: RequestTable, helpers: HelperTable) -> None:
        self.n_helpers = n_h = len(helpers)
        by_resident: dict[str, set[str]] = {}
        for resident, helper in pairs:
            by_resident.setdefault(resident, set()).add(helper)
        self.request_code = np.full(len(requests), -1, dtype=np.int64)
        self.keys = np.empty(0, dtype=np.int64)
        if not by_resident or n_h == 0:
            return
        codes = {resident: i for i, resident in enumerate(sorted(by_resident))}
        self.request_code = np.fromiter(
            (codes.get(r, -1) if r is not None else -1 for r in requests.residents.tolist()),
            dtype=np.int64,
            count=len(requests),
        )
        helper_index = {h: i for i, h in enumerate(helpers.ids.tolist())}
        keys = [
            codes[resident] * n_h + helper_index[h]
            for resident, helper_ids in by_resident.items()
            for h in helper_ids
            if h in helper_index
        ]
        self.keys = np.unique(np.asarray(keys, dtype=np.int64))

    @classmethod
    def of_one_request(cls, helpers: np.ndarray, n_helpers: int) -> History:
        """History of a one-request table: `helpers` (positions) helped its resident before."""
        self = cls.__new__(cls)
        self.n_helpers = n_helpers
        self.request_code = np.zeros(1, dtype=np.int64)
        self.keys = np.unique(np.asarray(helpers, dtype=np.int64))
        return self

    def __bool__(self) -> bool:
        return len(self.keys) > 0

    def hits(self, req: np.ndarray, hel: np.ndarray) -> np.ndarray:
        """True where the helper helped the request's resident before."""
        if not self:
            return np.zeros(len(req), dtype=bool)
        code = self.request_code[req]
        key = code * self.n_helpers + hel
        pos = np.minimum(np.searchsorted(self.keys, key), len(self.keys) - 1)
        return (code >= 0) & (self.keys[pos] == key)

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """All (request, helper) index pairs where the helper helped the request's resident before."""
        req = np.flatnonzero(self.request_code >= 0)
        if not self or len(req) == 0:
            empty = np.empty(0, dtype=np.intp)
            return empty, empty
        code = self.request_code[req]
        lo = np.searchsorted(self.keys, code * self.n_helpers)
        hi = np.searchsorted(self.keys, (code + 1) * self.n_helpers)
        counts = hi - lo
        reps = np.repeat(req, counts)
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        pos = starts + np.arange(int(counts.sum()))
        hel = self.keys[pos] - np.repeat(code, counts) * self.n_helpers
        return reps.astype(np.intp), hel.astype(np.intp)


def admissible(
    req: np.ndarray, hel: np.ndarray, dist_m: np.ndarray, requests: RequestTable, helpers: HelperTable
) -> np.ndarray:
    """Hard constraints: within the helper's maximum distance, VOG held if required, capacity left."""
    ok = dist_m <= helpers.max_distance_m[hel]
    ok &= helpers.capacity[hel] > helpers.load[hel]
    ok &= ~requests.vog_required[req] | helpers.vog[hel]
    return ok


def _share(asked: np.ndarray, offered: np.ndarray, n_asked: np.ndarray) -> np.ndarray:
    hit = np.bitwise_count(asked & offered).astype(np.float64)
    return np.divide(hit, n_asked, out=np.ones(len(hit)), where=n_asked > 0)


def _parts(
    req: np.ndarray,
    hel: np.ndarray,
    dist_m: np.ndarray,
    requests: RequestTable,
    helpers: HelperTable,
    history: History | None,
) -> Iterator[np.ndarray]:
    """The unweighted parts in PART_NAMES order, each an array in [0, 1]."""
    n = len(req)
    yield np.ones(n)
    max_d = helpers.max_distance_m[hel]
    yield np.clip(1.0 - np.divide(dist_m, max_d, out=np.zeros(n), where=max_d > 0), 0.0, 1.0)
    yield _share(requests.categories[req], helpers.skills[hel], requests.n_categories[req])
    yield _share(requests.slots[req], helpers.slots[hel], requests.n_slots[req])
    shared = (requests.languages[req] & helpers.languages[hel]) != 0
    yield np.where(requests.n_languages[req] > 0, shared, True).astype(np.float64)
    cap = helpers.capacity[hel]
    yield np.clip(1.0 - np.divide(helpers.load[hel], cap, out=np.ones(n), where=cap > 0), 0.0, 1.0)
    yield (history.hits(req, hel) if history is not None else np.zeros(n, dtype=bool)).astype(np.float64)


def scores(
    req: np.ndarray,
    hel: np.ndarray,
    dist_m: np.ndarray,
    requests: RequestTable,
    helpers: HelperTable,
    *,
    weights: Weights,
    history: History | None = None,
) -> np.ndarray:
    """Each pair's score: the weighted parts added in PART_NAMES order."""
    total = np.zeros(len(req))
    for w, part in zip(weights.as_tuple(), _parts(req, hel, dist_m, requests, helpers, history), strict=True):
        total += w * part
    return total


def score_parts(
    req: np.ndarray,
    hel: np.ndarray,
    dist_m: np.ndarray,
    requests: RequestTable,
    helpers: HelperTable,
    *,
    weights: Weights,
    history: History | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(scores, weighted parts as an (n, len(PART_NAMES)) array); scores equal `scores(...)` bit for bit."""
    parts = np.empty((len(req), len(PART_NAMES)))
    total = np.zeros(len(req))
    for j, (w, part) in enumerate(
        zip(weights.as_tuple(), _parts(req, hel, dist_m, requests, helpers, history), strict=True)
    ):
        parts[:, j] = w * part
        total += parts[:, j]
    return total, parts
