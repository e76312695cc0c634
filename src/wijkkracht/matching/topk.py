"""Top-k: the best helpers for one request, with explanations, from a prebuilt index."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from wijkkracht.matching.features import HelperTable, RequestTable, Vocabularies
from wijkkracht.matching.scoring import History, admissible, score_parts
from wijkkracht.matching.spatial import SpatialIndex, to_xyz
from wijkkracht.matching.types import PART_NAMES, Candidate, Helper, Request, Weights


class HelperIndex:
    """Helpers and a spatial index over them, built once; `top_k` answers in milliseconds.

    The ranking is exact: every helper whose own maximum distance reaches the request is scored.
    """

    def __init__(
        self,
        helpers: HelperTable | Sequence[Helper],
        *,
        weights: Weights = Weights(),  # noqa: B008 - frozen dataclass
    ) -> None:
        if not isinstance(helpers, HelperTable):
            helpers = HelperTable.from_records(helpers, Vocabularies.of([], helpers))
        self.helpers = helpers
        self.weights = weights
        available = np.flatnonzero(helpers.capacity > helpers.load)
        self.spatial = SpatialIndex(helpers.lat, helpers.lon, helpers.max_distance_m, available)
        self._position = {h: i for i, h in enumerate(helpers.ids.tolist())}

    def __len__(self) -> int:
        return len(self.helpers)

    def top_k(self, request: Request, *, k: int = 10, helped_before: Collection[str] = ()) -> list[Candidate]:
        """The k best admissible helpers for `request`, best first (ties: nearer first, then id).

        `helped_before` names helpers who helped this request's resident successfully before.
        """
        if k < 1:
            raise ValueError("k must be >= 1")
        table = RequestTable.from_records([request], self.helpers.vocab)
        _, hel, dist = self.spatial.within_reach(to_xyz(table.lat, table.lon))
        req = np.zeros(len(hel), dtype=np.intp)
        ok = admissible(req, hel, dist, table, self.helpers)
        req, hel, dist = req[ok], hel[ok], dist[ok]
        known = [self._position[h] for h in helped_before if h in self._position]
        history = History.of_one_request(np.asarray(known, dtype=np.intp), len(self.helpers))
        total, parts = score_parts(req, hel, dist, table, self.helpers, weights=self.weights, history=history)
        if len(total) > k:
            cut = np.argpartition(-total, k - 1)[:k]
            threshold = total[cut].min()
            keep = np.flatnonzero(total >= threshold)  # all ties at the cut, ordered below
        else:
            keep = np.arange(len(total))
        ids = self.helpers.ids
        order = sorted(keep.tolist(), key=lambda i: (-total[i], dist[i], ids[hel[i]]))[:k]
        return [
            Candidate(
                request=request.id,
                helper=str(ids[hel[i]]),
                score=float(total[i]),
                distance_m=float(dist[i]),
                parts={name: float(v) for name, v in zip(PART_NAMES, parts[i], strict=True)},
            )
            for i in order
        ]
