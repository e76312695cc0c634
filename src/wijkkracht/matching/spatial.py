"""Spatial index over helpers: a k-d tree on points of the earth's sphere in metres.

Points are stored as 3-D coordinates on a sphere of the earth's mean radius, so the tree's straight-line
(chord) distance is a strictly increasing function of the great-circle distance: radius and
nearest-neighbour queries are exact everywhere, without a map projection's distortion.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius
_SLACK = 1.0 + 1e-9  # widen tree queries a hair; the exact filter is done on great-circle distances


def to_xyz(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """(n, 3) points in metres on a sphere of the earth's mean radius."""
    la = np.radians(np.asarray(lat, dtype=np.float64))
    lo = np.radians(np.asarray(lon, dtype=np.float64))
    cos_la = np.cos(la)
    return EARTH_RADIUS_M * np.column_stack((cos_la * np.cos(lo), cos_la * np.sin(lo), np.sin(la)))


def chord_to_arc(chord: np.ndarray) -> np.ndarray:
    """Great-circle distance in metres for straight-line distances between points on the sphere."""
    ratio = np.minimum(np.asarray(chord, dtype=np.float64) / (2 * EARTH_RADIUS_M), 1.0)
    return 2 * EARTH_RADIUS_M * np.arcsin(ratio)


def arc_to_chord(arc: float | np.ndarray) -> np.ndarray:
    half = np.minimum(np.asarray(arc, dtype=np.float64) / (2 * EARTH_RADIUS_M), np.pi / 2)
    return 2 * EARTH_RADIUS_M * np.sin(half)


def great_circle_m(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance in metres (the same figure the index uses)."""
    return chord_to_arc(np.linalg.norm(to_xyz(lat1, lon1) - to_xyz(lat2, lon2), axis=-1))


class SpatialIndex:
    """k-d tree over helper locations; every query returns great-circle distances in metres."""

    def __init__(
        self, lat: np.ndarray, lon: np.ndarray, max_distance_m: np.ndarray, members: np.ndarray | None = None
    ) -> None:
        """Index the helpers at positions `members` (all if None); queries return those positions."""
        self.members = np.arange(len(lat), dtype=np.intp) if members is None else np.asarray(members, np.intp)
        self.xyz = to_xyz(np.asarray(lat)[self.members], np.asarray(lon)[self.members])
        self.n = len(self.members)
        self.total = len(lat)  # positions run over all helpers; `total` marks a missing neighbour
        self.reach_m = float(np.max(np.asarray(max_distance_m)[self.members])) if self.n else 0.0
        self.tree = cKDTree(self.xyz, balanced_tree=False, compact_nodes=False)

    def _global(self, idx: np.ndarray) -> np.ndarray:
        return np.append(self.members, self.total)[idx]

    def nearest(self, xyz: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest helpers within the largest helper distance, as (n, k) distance and index arrays.

        Missing neighbours have distance inf and index `self.total`.
        """
        k = min(k, self.n)
        if k == 0 or len(xyz) == 0:
            return np.empty((len(xyz), 0)), np.empty((len(xyz), 0), dtype=np.intp)
        bound = float(arc_to_chord(self.reach_m)) * _SLACK
        dist, idx = self.tree.query(xyz, k=k, distance_upper_bound=bound, workers=-1)
        dist = np.asarray(dist).reshape(len(xyz), k)
        idx = np.asarray(idx, dtype=np.intp).reshape(len(xyz), k)
        return chord_to_arc(dist), self._global(idx)

    def within_reach(self, xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every (point, helper, distance) with the helper within the largest helper distance."""
        if self.n == 0 or len(xyz) == 0:
            empty = np.empty(0, dtype=np.intp)
            return empty, empty, np.empty(0)
        bound = float(arc_to_chord(self.reach_m)) * _SLACK
        found = self.tree.query_ball_point(xyz, r=bound, workers=-1, return_sorted=False)
        counts = np.fromiter((len(f) for f in found), dtype=np.intp, count=len(found))
        points = np.repeat(np.arange(len(xyz), dtype=np.intp), counts)
        helpers = np.fromiter((h for f in found for h in f), dtype=np.intp, count=int(counts.sum()))
        chord = np.linalg.norm(xyz[points] - self.xyz[helpers], axis=1)
        return points, self.members[helpers], chord_to_arc(chord)
