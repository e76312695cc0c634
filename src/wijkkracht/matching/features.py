"""Column tables of request and helper features, with set-valued features stored as 64-bit masks."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from wijkkracht.matching.types import Helper, Request

MAX_TERMS = 64


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Up to 64 terms (categories/skills, weekly slots or languages), each owning one bit."""

    terms: tuple[str, ...] = ()
    _bit: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.terms) > MAX_TERMS:
            raise ValueError(f"at most {MAX_TERMS} distinct terms per kind, got {len(self.terms)}")
        if len(set(self.terms)) != len(self.terms):
            raise ValueError("vocabulary terms must be distinct")
        object.__setattr__(self, "_bit", {t: i for i, t in enumerate(self.terms)})

    @classmethod
    def of(cls, *collections: Iterable[Collection[str]]) -> Vocabulary:
        """The sorted union of all terms in the given collections of sets."""
        found: set[str] = set()
        for sets in collections:
            for terms in sets:
                found.update(terms)
        return cls(tuple(sorted(found)))

    def encode(self, terms: Collection[str]) -> tuple[int, int]:
        """(bit mask of the known terms, number of distinct terms including unknown ones)."""
        distinct = set(terms)
        mask = 0
        for term in distinct:
            bit = self._bit.get(term)
            if bit is not None:
                mask |= 1 << bit
        return mask, len(distinct)

    def decode(self, mask: int) -> frozenset[str]:
        return frozenset(t for i, t in enumerate(self.terms) if (int(mask) >> i) & 1)


@dataclass(frozen=True, slots=True)
class Vocabularies:
    skills: Vocabulary = Vocabulary()  # request categories and helper skills share one vocabulary
    slots: Vocabulary = Vocabulary()
    languages: Vocabulary = Vocabulary()

    @classmethod
    def of(cls, requests: Sequence[Request], helpers: Sequence[Helper]) -> Vocabularies:
        return cls(
            skills=Vocabulary.of((r.categories for r in requests), (h.skills for h in helpers)),
            slots=Vocabulary.of((r.slots for r in requests), (h.slots for h in helpers)),
            languages=Vocabulary.of((r.languages for r in requests), (h.languages for h in helpers)),
        )


def _float(values: object, n: int, name: str) -> np.ndarray:
    a = np.ascontiguousarray(values, dtype=np.float64)
    if a.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), got {a.shape}")
    if not np.isfinite(a).all():
        raise ValueError(f"{name} must be finite")
    return a


def _typed(values: object, n: int, name: str, dtype: type) -> np.ndarray:
    a = np.ascontiguousarray(values)
    if a.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), got {a.shape}")
    if dtype is np.bool_ and a.dtype != np.bool_:
        raise ValueError(f"{name} must be boolean")
    if dtype is not np.bool_ and a.dtype.kind not in "iu":
        raise ValueError(f"{name} must be integers")
    return a.astype(dtype, copy=False)


def _ids(ids: object, name: str) -> np.ndarray:
    a = np.asarray(ids, dtype=object)
    if a.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if len(set(a.tolist())) != len(a):
        raise ValueError(f"{name} must be unique")
    return a


def _objects(values: list[object]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _check_coordinates(lat: np.ndarray, lon: np.ndarray) -> None:
    if (np.abs(lat) > 90).any() or (np.abs(lon) > 180).any():
        raise ValueError("lat must be within [-90, 90] and lon within [-180, 180]")


@dataclass(frozen=True, slots=True, eq=False)
class RequestTable:
    """Requests as columns; build with `from_records` or directly from arrays (bulk exports)."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    categories: np.ndarray  # uint64 masks
    n_categories: np.ndarray  # distinct categories asked for, known to the vocabulary or not
    slots: np.ndarray
    n_slots: np.ndarray
    languages: np.ndarray
    n_languages: np.ndarray
    vog_required: np.ndarray
    residents: np.ndarray  # resident id (str) or None
    vocab: Vocabularies = Vocabularies()

    def __post_init__(self) -> None:
        ids = _ids(self.ids, "request ids")
        n = len(ids)
        cols = {
            "ids": ids,
            "lat": _float(self.lat, n, "lat"),
            "lon": _float(self.lon, n, "lon"),
            "vog_required": _typed(self.vog_required, n, "vog_required", np.bool_),
            "residents": np.asarray(self.residents, dtype=object),
        }
        for name in ("categories", "slots", "languages"):
            cols[name] = _typed(getattr(self, name), n, name, np.uint64)
            cols[f"n_{name}"] = _typed(getattr(self, f"n_{name}"), n, f"n_{name}", np.int64)
        if cols["residents"].shape != (n,):
            raise ValueError(f"residents must have shape ({n},)")
        _check_coordinates(cols["lat"], cols["lon"])
        for name, value in cols.items():
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_records(cls, requests: Sequence[Request], vocab: Vocabularies) -> RequestTable:
        cats = [vocab.skills.encode(r.categories) for r in requests]
        slots = [vocab.slots.encode(r.slots) for r in requests]
        langs = [vocab.languages.encode(r.languages) for r in requests]
        return cls(
            ids=_objects([r.id for r in requests]),
            lat=np.array([r.lat for r in requests], dtype=np.float64),
            lon=np.array([r.lon for r in requests], dtype=np.float64),
            categories=np.array([m for m, _ in cats], dtype=np.uint64),
            n_categories=np.array([k for _, k in cats], dtype=np.int64),
            slots=np.array([m for m, _ in slots], dtype=np.uint64),
            n_slots=np.array([k for _, k in slots], dtype=np.int64),
            languages=np.array([m for m, _ in langs], dtype=np.uint64),
            n_languages=np.array([k for _, k in langs], dtype=np.int64),
            vog_required=np.array([bool(r.vog_required) for r in requests], dtype=np.bool_),
            residents=_objects([r.resident for r in requests]),
            vocab=vocab,
        )


@dataclass(frozen=True, slots=True, eq=False)
class HelperTable:
    """Helpers as columns; build with `from_records` or directly from arrays (bulk exports)."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    max_distance_m: np.ndarray
    skills: np.ndarray  # uint64 masks
    slots: np.ndarray
    languages: np.ndarray
    vog: np.ndarray
    capacity: np.ndarray
    load: np.ndarray
    vocab: Vocabularies = Vocabularies()

    def __post_init__(self) -> None:
        ids = _ids(self.ids, "helper ids")
        n = len(ids)
        cols = {
            "ids": ids,
            "lat": _float(self.lat, n, "lat"),
            "lon": _float(self.lon, n, "lon"),
            "max_distance_m": _float(self.max_distance_m, n, "max_distance_m"),
            "vog": _typed(self.vog, n, "vog", np.bool_),
            "capacity": _typed(self.capacity, n, "capacity", np.int64),
            "load": _typed(self.load, n, "load", np.int64),
        }
        for name in ("skills", "slots", "languages"):
            cols[name] = _typed(getattr(self, name), n, name, np.uint64)
        _check_coordinates(cols["lat"], cols["lon"])
        if (cols["max_distance_m"] < 0).any():
            raise ValueError("max_distance_m must be >= 0")
        if (cols["capacity"] < 0).any() or (cols["load"] < 0).any():
            raise ValueError("capacity and load must be >= 0")
        for name, value in cols.items():
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def remaining(self) -> np.ndarray:
        """How many more requests each helper can take (capacity - load, at least 0)."""
        return np.maximum(self.capacity - self.load, 0)

    @classmethod
    def from_records(cls, helpers: Sequence[Helper], vocab: Vocabularies) -> HelperTable:
        return cls(
            ids=_objects([h.id for h in helpers]),
            lat=np.array([h.lat for h in helpers], dtype=np.float64),
            lon=np.array([h.lon for h in helpers], dtype=np.float64),
            max_distance_m=np.array([h.max_distance_m for h in helpers], dtype=np.float64),
            skills=np.array([vocab.skills.encode(h.skills)[0] for h in helpers], dtype=np.uint64),
            slots=np.array([vocab.slots.encode(h.slots)[0] for h in helpers], dtype=np.uint64),
            languages=np.array([vocab.languages.encode(h.languages)[0] for h in helpers], dtype=np.uint64),
            vog=np.array([bool(h.vog) for h in helpers], dtype=np.bool_),
            capacity=np.array([h.capacity for h in helpers], dtype=np.int64),
            load=np.array([h.load for h in helpers], dtype=np.int64),
            vocab=vocab,
        )


def tables(
    requests: RequestTable | Sequence[Request], helpers: HelperTable | Sequence[Helper]
) -> tuple[RequestTable, HelperTable]:
    """Both sides as tables that share one vocabulary (records are encoded with their joint one)."""
    if isinstance(requests, RequestTable) and isinstance(helpers, HelperTable):
        if requests.vocab != helpers.vocab:
            raise ValueError("request and helper tables were encoded with different vocabularies")
        return requests, helpers
    if isinstance(requests, RequestTable) or isinstance(helpers, HelperTable):
        raise TypeError("pass both sides as tables or both as records")
    vocab = Vocabularies.of(requests, helpers)
    return RequestTable.from_records(requests, vocab), HelperTable.from_records(helpers, vocab)
