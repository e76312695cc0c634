"""Plain record types of the matching engine: what callers build and what they get back."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field, fields

#: Largest capacity, load or option value accepted: far beyond any real use, and sums of it stay in int64.
MAX_COUNT = 1_000_000_000
#: Largest value of a MatchOptions field (neighbours, max_candidates, crowd_factor, max_neighbours).
MAX_OPTION = 1_000_000

#: Names of the score parts, in the order they are stored and shown.
PART_NAMES: tuple[str, ...] = ("base", "distance", "skills", "time", "language", "load", "history")


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """A request for help, located at an address point or a neighbourhood centroid (WGS84 degrees)."""

    id: str
    lat: float
    lon: float
    categories: Collection[str] = frozenset()
    slots: Collection[str] = frozenset()
    languages: Collection[str] = frozenset()
    vog_required: bool = False
    resident: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Helper:
    """A volunteer or professional who can take on `capacity - load` more requests."""

    id: str
    lat: float
    lon: float
    max_distance_m: float
    skills: Collection[str] = frozenset()
    slots: Collection[str] = frozenset()
    languages: Collection[str] = frozenset()
    vog: bool = False
    capacity: int = 1
    load: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Weights:
    """Weight of each score part; every part is a number in [0, 1] before weighting.

    base      constant 1: keeps every admissible pair's score > 0 (does not change the optimum,
              because the solver first maximises the number of matched requests)
    distance  1 - distance / helper's maximum distance
    skills    share of the request's categories that are among the helper's skills (1 if none asked)
    time      share of the request's weekly slots in which the helper is available (1 if none given)
    language  1 if they share a language or the request names none, else 0
    load      1 - current load / capacity: spreads work over helpers
    history   1 if the helper helped this resident successfully before
    """

    base: float = 1.0
    distance: float = 3.0
    skills: float = 4.0
    time: float = 2.0
    language: float = 2.0
    load: float = 1.0
    history: float = 3.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ValueError(f"weight {f.name} must be a finite number >= 0, got {value!r}")
        if self.base <= 0:
            raise ValueError("weight base must be > 0 so that every admissible pair scores > 0")

    def as_tuple(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, name)) for name in PART_NAMES)


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchOptions:
    """How candidate pairs are gathered.

    neighbours      per request, how many nearest helpers (within the largest helper distance) the
                    spatial index returns before the hard constraints are applied; None = all helpers
                    whose own maximum distance reaches the request (exhaustive, slower in dense cities)
    max_candidates  per request, keep only this many best-scoring admissible pairs; None = keep all
    crowd_factor    g requests at one location (e.g. a neighbourhood centroid) would all see the same
                    nearest helpers, so the group examines crowd_factor x g more, shared out between
                    its members (each keeps its share whatever the score)
    max_neighbours  upper bound on the helpers one such group examines
    """

    neighbours: int | None = 128
    max_candidates: int | None = 50
    crowd_factor: int = 4
    max_neighbours: int = 4096

    def __post_init__(self) -> None:
        for name in ("neighbours", "max_candidates", "crowd_factor", "max_neighbours"):
            value = getattr(self, name)
            optional = name in ("neighbours", "max_candidates")
            if (value is None and not optional) or (
                value is not None
                and (not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_OPTION)
            ):
                raise ValueError(
                    f"{name} must be an integer from 1 to {MAX_OPTION:,}{' or None' if optional else ''}, got {value!r}"
                )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One admissible request–helper pair with the parts its score is made of (in score units)."""

    request: str
    helper: str
    score: float
    distance_m: float
    parts: dict[str, float] = field(default_factory=dict)
