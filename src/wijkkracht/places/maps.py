"""What a map needs beyond its shapes: where each name goes, where the centres are, how big the letters are.

Reads only, no queries. Label points are the "pole of inaccessibility" of each shape (the inside point
farthest from its edges, so a name sits inside even a hooked or hollow neighbourhood); they are computed
from the pre-drawn SVG path once per process and cached, so pages pay nothing after the first request.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import geometry

_POINT = re.compile(r"([MLZ])\s*(?:(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?))?")
LINE_CHARS = 13  # wrap names longer than this over two or three lines
PHONE_MAP_PX = 340  # the narrowest a map is drawn (a 390 px phone, less the page margins)
TARGET_PX = 44  # the smallest touch target (WCAG 2.5.5)


@dataclass(frozen=True)
class Marker:
    name: str
    url: str
    x: float
    y: float


def _rings(path: str) -> list[list[tuple[float, float]]]:
    rings: list[list[tuple[float, float]]] = []
    for command, x, y in _POINT.findall(path):
        if command == "M":
            rings.append([(float(x), float(y))])
        elif command == "L" and rings:
            rings[-1].append((float(x), float(y)))
    return [r for r in rings if len(r) >= 3]


def _signed_distance(x: float, y: float, rings) -> float:
    """Distance to the nearest edge, negative outside (even-odd rule, like the map's fill-rule)."""
    inside = False
    best = math.inf
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            dx, dy = bx - ax, by - ay
            length = dx * dx + dy * dy
            t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length))
            best = min(best, (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2)
    return math.sqrt(best) * (1 if inside else -1)


@lru_cache(maxsize=4096)
def label_point(path: str) -> tuple[float, float, float]:
    """(x, y, room): the inside point of the shape farthest from its edges, and that distance.

    Mapbox's polylabel idea: split the bounding box into cells, refine the cells that could still hold a
    better point (best-first), stop at 1/40 of the shape's size."""
    rings = _rings(path)
    if not rings:
        return 0.0, 0.0, 0.0
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    min_x, min_y, max_x, max_y = min(xs), min(ys), max(xs), max(ys)
    size = min(max_x - min_x, max_y - min_y)
    if size <= 0:
        return min_x, min_y, 0.0
    precision = max(max_x - min_x, max_y - min_y) / 40
    half = size / 2
    heap: list[tuple[float, float, float, float, float]] = []

    def push(cx: float, cy: float, h: float) -> None:
        d = _signed_distance(cx, cy, rings)
        heapq.heappush(heap, (-(d + h * math.sqrt(2)), d, cx, cy, h))

    x = min_x
    while x < max_x:
        y = min_y
        while y < max_y:
            push(x + half, y + half, half)
            y += size
        x += size
    cx, cy = (min_x + max_x) / 2, (min_y + max_y) / 2
    best = (_signed_distance(cx, cy, rings), cx, cy)
    steps = 0
    while heap and steps < 2000:
        steps += 1
        _, d, cx, cy, h = heapq.heappop(heap)
        if d > best[0]:
            best = (d, cx, cy)
        if d + h * math.sqrt(2) - best[0] <= precision:
            continue
        h /= 2
        for ox in (-h, h):
            for oy in (-h, h):
                push(cx + ox, cy + oy, h)
    return best[1], best[2], max(best[0], 0.0)


def label_lines(name: str) -> list[str]:
    """A name over lines that fit a map: 'Bovenkerk - Westwijk Noord' -> ['Bovenkerk -', 'Westwijk Noord']."""
    words = name.split()
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARS and not lines[-1].endswith((",", "-")):
            lines[-1] += " " + word
        elif lines and word == "-":
            lines[-1] += " -"
        else:
            lines.append(word)
    return lines or [name]


def font_size(view_box: str, divisor: float = 34.0) -> float:
    """Letter height in map units, so names are about the same size on every map."""
    try:
        _x, _y, width, height = (float(v) for v in view_box.split())
    except ValueError:
        return 0.0
    return round(max(width, height) / divisor, 1)


def _box(x: float, y: float, lines: list[str], size: float) -> tuple[float, float, float, float]:
    width = max(len(line) for line in lines) * size * 0.56
    height = len(lines) * size * 1.1
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label(areas: list, view_box: str, near: list[Marker] | None = None) -> float:
    """Give each area with a shape `label_x`, `label_y`, `label_lines`, `label_dy` (em: where the first line
    starts, so the block is centred on the point) and `label_scale` (1 or smaller where the shape is small).

    Names go where they have the most room; a name that would cover an earlier one (or a centre marker)
    moves up or down inside its shape, and shrinks when it must. Returns the letter size for the map."""
    size = font_size(view_box)
    placed: list[tuple[float, float, float, float]] = [
        (m.x - size * 0.7, m.y - size * 0.7, m.x + size * 0.7, m.y + size * 0.7) for m in near or []
    ]
    shaped = [a for a in areas if getattr(a, "svg_path", "")]
    points = {id(a): label_point(a.svg_path) for a in shaped}
    for area in sorted(shaped, key=lambda a: -points[id(a)][2]):
        x, y, room = points[id(area)]
        lines = label_lines(area.name)
        rings = _rings(area.svg_path)
        best = None
        for scale in (1.0, 0.85, 0.7):
            fs = size * scale
            step = fs * 1.1
            for k in (0, 1, -1, 2, -2, 3, -3):
                cy = y + k * step
                box = _box(x, cy, lines, fs)
                if k and _signed_distance(x, cy, rings) <= 0:
                    continue
                if not any(_overlaps(box, other) for other in placed):
                    best = (scale, cy, box)
                    break
            if best:
                break
        if best is None:
            best = (0.7, y, _box(x, y, lines, size * 0.7))
        scale, cy, box = best
        placed.append(box)
        area.label_lines = lines
        area.label_x, area.label_y = round(x), round(cy)
        area.label_scale = f"{scale:.2f}"
        area.label_dy = f"{-(len(lines) - 1) * 1.1 / 2 + 0.35:.2f}"
        area.hit_box = _hit_box(area, x, cy, view_box)
    return size


def _hit_box(area, x: float, y: float, view_box: str) -> tuple[int, int, int, int] | None:
    """A shape narrower or lower than a 44 px touch target on a phone gets an invisible square of that size
    around its name, so a finger can hit it (the list beside the map is the other way in)."""
    try:
        width = float(view_box.split()[2])
    except (IndexError, ValueError):
        return None
    side = TARGET_PX * width / PHONE_MAP_PX
    bbox = getattr(area, "bbox", None)
    if not bbox or (bbox[2] - bbox[0] >= side and bbox[3] - bbox[1] >= side):
        return None
    return round(x - side / 2), round(y - side / 2), round(side), round(side)


def markers(centres) -> list[Marker]:
    """Map markers for community centres that have a location."""
    found = []
    for centre in centres:
        if centre.lon is None or centre.lat is None:
            continue
        x, y = geometry.project(centre.lon, centre.lat)
        found.append(Marker(name=centre.name, url=centre.url, x=round(x), y=round(y)))
    return found


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Straight-line distance in kilometres (the map's projection; within a municipality that is exact enough)."""
    x1, y1 = geometry.project(lon1, lat1)
    x2, y2 = geometry.project(lon2, lat2)
    return math.hypot(x2 - x1, y2 - y1) / 1000


def inside_lonlat(path: str) -> tuple[float, float]:
    """A point well inside a shape, as (lon, lat): where a marker for the area can go (the demo's centres)."""
    x, y, _room = label_point(path)
    return geometry.REF_LON + x / geometry.M_PER_DEG_LON, geometry.REF_LAT - y / geometry.M_PER_DEG_LAT
