"""Plain geometry for CBS boundaries: projection to metres, simplification, centroids and SVG paths.

No GIS stack: Amstelveen-sized polygons are small, and everything here runs once, on import.
The projection is an equirectangular approximation around 52.2° N (error < 0.5% within the Netherlands),
in metres with y pointing down, so SVG can draw it directly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

REF_LON, REF_LAT = 5.0, 52.2
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(REF_LAT))

Ring = Sequence[Sequence[float]]


class GeometryError(ValueError):
    pass


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - REF_LON) * M_PER_DEG_LON, -(lat - REF_LAT) * M_PER_DEG_LAT


def polygons_of(geometry: dict) -> list[list[Ring]]:
    """The polygons (each a list of rings, outer first) of a Polygon or MultiPolygon geometry."""
    if not isinstance(geometry, dict):
        raise GeometryError("geometry is missing")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        raise GeometryError(f"geometry type {kind!r} is not Polygon or MultiPolygon")
    if not isinstance(polygons, list) or not polygons:
        raise GeometryError("coordinates are empty")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise GeometryError("a polygon has no rings")
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                raise GeometryError("a ring has fewer than 4 positions")
            for pos in ring:
                if (
                    not isinstance(pos, list | tuple)
                    or len(pos) < 2
                    or not all(isinstance(v, int | float) and math.isfinite(v) for v in pos[:2])
                    or not (-180 <= pos[0] <= 180 and -90 <= pos[1] <= 90)
                ):
                    raise GeometryError(f"position {pos!r} is not a valid lon/lat pair")
    return polygons


def polygon_key(polygon: list[Ring]) -> tuple:
    """The outer ring of a polygon as a key that is the same for the same ring whatever vertex it starts at
    and whichever way it runs (positions rounded to 1e-7 degrees, about 1 cm): equal keys, same polygon."""
    pts = [(round(x, 7), round(y, 7)) for x, y, *_ in polygon[0]]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    start = pts.index(min(pts))
    forward = pts[start:] + pts[:start]
    backward = forward[:1] + forward[1:][::-1]
    return tuple(min(forward, backward))


def _ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid of a ring in projected metres (shoelace formula)."""
    pts = [project(x, y) for x, y, *_ in ring]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        return 0.0, pts[0][0], pts[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def centroid(geometries: Iterable[dict]) -> tuple[float, float]:
    """Area-weighted centroid (lon, lat) of one or more polygon geometries; holes subtract."""
    total = sx = sy = 0.0
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for index, ring in enumerate(polygon):
                area, cx, cy = _ring_area_centroid(ring)
                weight = abs(area) if index == 0 else -abs(area)
                total += weight
                sx += cx * weight
                sy += cy * weight
    if total == 0:
        raise GeometryError("the area is empty")
    x, y = sx / total, sy / total
    return REF_LON + x / M_PER_DEG_LON, REF_LAT - y / M_PER_DEG_LAT


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x0, y0), (x1, y1) = points[start], points[end]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(start + 1, end):
            px, py = points[i]
            d = abs(dy * px - dx * py + x1 * y0 - y1 * x0) / norm if norm else math.hypot(px - x0, py - y0)
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack.append((start, index))
            stack.append((index, end))
    return [p for p, k in zip(points, keep, strict=True) if k]


def outline(geometries: Iterable[dict]) -> list[list[tuple[float, float]]]:
    """The outer outline of adjoining polygons (a district from its neighbourhoods): every edge that two
    polygons share cancels out, and the edges left are chained into closed rings. CBS boundaries are
    topologically exact (neighbours share their vertices), so no GIS library is needed."""
    count: dict[frozenset, int] = {}
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                pts = [(round(x, 7), round(y, 7)) for x, y, *_ in ring]
                for a, b in zip(pts, pts[1:], strict=False):
                    if a != b:
                        edge = frozenset((a, b))
                        count[edge] = count.get(edge, 0) + 1
    neighbours: dict[tuple, list[tuple]] = {}
    for edge, n in count.items():
        if n % 2 == 1:
            a, b = tuple(edge)
            neighbours.setdefault(a, []).append(b)
            neighbours.setdefault(b, []).append(a)
    rings = []
    for start in list(neighbours):
        while neighbours.get(start):
            ring, here = [start], start
            while True:
                nxt = neighbours[here].pop()
                neighbours[nxt].remove(here)
                ring.append(nxt)
                here = nxt
                if here == start or not neighbours[here]:
                    break
            if len(ring) >= 4 and ring[0] == ring[-1]:
                rings.append(ring)
    return rings


def svg_path(
    geometries: Iterable[dict], tolerance_m: float = 3.0, *, dissolve: bool = False
) -> tuple[str, list[float]]:
    """An SVG path (metres, rounded) and its bounding box [min_x, min_y, max_x, max_y].
    With `dissolve`, adjoining polygons are drawn as one shape (see `outline`)."""
    parts: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    geometries = list(geometries)
    if dissolve:
        rings = outline(geometries)
    else:
        rings = [ring for geometry in geometries for polygon in polygons_of(geometry) for ring in polygon]
    for ring in rings:
        pts = _simplify([project(x, y) for x, y, *_ in ring], tolerance_m)
        if len(pts) < 3:
            continue
        xs.extend(p[0] for p in pts)
        ys.extend(p[1] for p in pts)
        head, *tail = pts
        parts.append(f"M{head[0]:.0f} {head[1]:.0f}" + "".join(f"L{x:.0f} {y:.0f}" for x, y in tail) + "Z")
    if not parts:
        raise GeometryError("nothing left to draw")
    return "".join(parts), [min(xs), min(ys), max(xs), max(ys)]


def view_box(bbox: Sequence[float], margin: float = 0.03) -> str:
    min_x, min_y, max_x, max_y = bbox
    pad = max(max_x - min_x, max_y - min_y) * margin
    return f"{min_x - pad:.0f} {min_y - pad:.0f} {max_x - min_x + 2 * pad:.0f} {max_y - min_y + 2 * pad:.0f}"


def union_bbox(boxes: Iterable[Sequence[float]]) -> list[float]:
    boxes = [b for b in boxes if b]
    if not boxes:
        raise GeometryError("no boxes")
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
