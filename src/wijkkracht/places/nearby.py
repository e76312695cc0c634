"""What is near a district or neighbourhood: the nearest community centres and the council that covers it.

Reads only, no queries: the callers load the municipality's centres (with their councils prefetched) once and
pass them in, so a page needs the same queries however many centres and councils there are.
"""

from __future__ import annotations

from . import maps

NEAREST = 3  # centres shown for an area without its own


def nearest_centres(lon: float | None, lat: float | None, centres: list, *, limit: int = NEAREST) -> list:
    """The `limit` located centres nearest to (lon, lat), nearest first, each with `distance_km` set.
    Without a point (an area without a boundary) there is no order by distance: nothing."""
    if lon is None or lat is None:
        return []
    located = [c for c in centres if c.lon is not None and c.lat is not None]
    for centre in located:
        centre.distance_km = maps.distance_km(lon, lat, centre.lon, centre.lat)
    return sorted(located, key=lambda c: (c.distance_km, c.name))[:limit]


def covering_councils(district, nearest: list) -> tuple[list, object | None]:
    """(councils, via): the district's own councils (via None); else those of the nearest centre that has a
    council (via: that centre); else ([], None). `district.councils` and each centre's `councils` should be
    prefetched by the caller."""
    own = list(district.councils.all())
    if own:
        return own, None
    for centre in nearest:
        councils = list(centre.councils.all())
        if councils:
            return councils, centre
    return [], None
