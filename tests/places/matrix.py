"""Places URLs added for readable addresses and search (the older places entries are in the core matrix)."""

from tests.matrix import ALL, Entry

MATRIX: dict[str, Entry] = {
    "places:search": Entry(get=ALL, query="?q=randwijck"),
    "places:neighbourhood": Entry(get=ALL, args=lambda w: [w.neighbourhood_a.slug]),
    "places:district_moved": Entry(get=ALL, ok=301, args=lambda w: [w.district_a.public_id]),
    "places:centre_moved": Entry(get=ALL, ok=301, args=lambda w: [w.centre_a.public_id]),
    "places:centre_page_moved": Entry(
        get=ALL, ok=301, args=lambda w: [w.centre_a.public_id, "bewerken/"], notes="the new address then checks access"
    ),
}
