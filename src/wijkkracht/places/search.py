"""Finding your district: by its name, an everyday name (alias), a neighbourhood or centre in it, or a postcode.

Reads only, a fixed number of queries whatever the data: every name of one municipality is fetched in three
small queries and compared in Python (a municipality has tens of districts, not thousands), so accents,
hyphens and commas never stand in the way ("bovenkerk westwijk" finds "Bovenkerk - Westwijk Noord").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.urls import reverse

from .models import CommunityCentre, District, DistrictAlias, Neighbourhood, PostcodeArea, search_key

POSTCODE = re.compile(r"^\s*(\d{4})\s*([a-zA-Z]{2})?\s*$")
MAX_RESULTS = 20


@dataclass
class Hit:
    district: District
    # Why this district matched, for the result line: ("alias", "Het Dorp"), ("neighbourhood", "Oude Dorp"),
    # ("centre", "Westend"), ("postcode", "1181 AB") or ("name", "").
    reason: str = "name"
    via: str = ""
    neighbourhood_slug: str = ""  # the neighbourhood found (by its name or a full postcode): its own page
    rank: int = 9

    @property
    def url(self) -> str:
        """The neighbourhood's page when a neighbourhood was found, else the district's page."""
        if self.neighbourhood_slug:
            return reverse("places:neighbourhood", args=[self.neighbourhood_slug])
        return self.district.url


@dataclass
class SearchResult:
    query: str
    kind: str = "name"  # "name", "postcode" or "empty"
    hits: list[Hit] = field(default_factory=list)
    suggestions: list[District] = field(default_factory=list)
    postcode: str = ""
    postcode_table_loaded: bool = True


def _rank(key: str, text_key: str) -> int | None:
    """0 exact, 1 starts with, 2 a word starts with, 3 anywhere; None: no match."""
    if not key or not text_key:
        return None
    if text_key == key:
        return 0
    if text_key.startswith(key):
        return 1
    if f" {key}" in f" {text_key}":
        return 2
    if len(key) >= 3 and key in text_key:
        return 3
    return None


def _add(hits: dict[int, Hit], hit: Hit) -> None:
    """Keep the best reason per district (a lower rank; on a tie, the district's own name first)."""
    current = hits.get(hit.district.pk)
    if current is None or (hit.rank, hit.reason != "name") < (current.rank, current.reason != "name"):
        hits[hit.district.pk] = hit


def find_by_name(query: str, municipality) -> SearchResult:
    key = search_key(query)
    result = SearchResult(query=query, kind="name" if key else "empty")
    if not key:
        return result
    districts = {d.pk: d for d in District.objects.in_municipality(municipality).only("name", "slug", "cbs_code")}
    hits: dict[int, Hit] = {}
    for district in districts.values():
        rank = _rank(key, search_key(district.name))
        if rank is not None:
            _add(hits, Hit(district=district, rank=rank))
    for district_id, name in DistrictAlias.objects.filter(district__in=list(districts)).values_list(
        "district_id", "name"
    ):
        rank = _rank(key, search_key(name))
        if rank is not None:
            _add(hits, Hit(district=districts[district_id], reason="alias", via=name, rank=rank))
    for district_id, name, slug in Neighbourhood.objects.filter(district__in=list(districts)).values_list(
        "district_id", "name", "slug"
    ):
        rank = _rank(key, search_key(name))
        if rank is not None:
            _add(
                hits,
                Hit(
                    district=districts[district_id],
                    reason="neighbourhood",
                    via=name,
                    neighbourhood_slug=slug,
                    rank=rank,
                ),
            )
    for district_id, name in CommunityCentre.objects.filter(district__in=list(districts)).values_list(
        "district_id", "name"
    ):
        rank = _rank(key, search_key(name))
        if rank is not None:
            _add(hits, Hit(district=districts[district_id], reason="centre", via=name, rank=rank))
    result.hits = sorted(hits.values(), key=lambda h: (h.rank, h.district.name))[:MAX_RESULTS]
    if not result.hits:
        by_key = {search_key(d.name): d for d in districts.values()}
        close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
        result.suggestions = [by_key[k] for k in close]
    return result


def find_by_postcode(digits: str, letters: str, municipality, *, table_loaded: bool = True) -> SearchResult:
    """A full postcode (1181 AB) finds its neighbourhood; four digits (1181) every district they touch."""
    postcode = f"{digits}{letters.upper()}"
    result = SearchResult(query=f"{digits} {letters.upper()}".strip(), kind="postcode", postcode=postcode)
    rows = PostcodeArea.objects.filter(neighbourhood__district__municipality=municipality).select_related(
        "neighbourhood__district"
    )
    rows = rows.filter(postcode=postcode) if letters else rows.filter(postcode__startswith=digits)
    hits: dict[int, Hit] = {}
    addresses: dict[int, int] = {}
    for row in rows.only(
        "postcode",
        "addresses",
        "neighbourhood__name",
        "neighbourhood__slug",
        "neighbourhood__district__name",
        "neighbourhood__district__slug",
        "neighbourhood__district__cbs_code",
    ):
        district = row.neighbourhood.district
        addresses[district.pk] = addresses.get(district.pk, 0) + row.addresses
        if district.pk not in hits:
            hits[district.pk] = Hit(
                district=district,
                reason="postcode",
                via=row.neighbourhood.name,
                neighbourhood_slug=row.neighbourhood.slug if letters else "",
                rank=0,
            )
    result.hits = sorted(hits.values(), key=lambda h: (-addresses[h.district.pk], h.district.name))
    result.postcode_table_loaded = table_loaded
    return result


def find(query: str, municipality, *, postcode_table_loaded: bool = True) -> SearchResult:
    query = (query or "").strip()[:100]
    match = POSTCODE.match(query)
    if match:
        return find_by_postcode(match.group(1), match.group(2) or "", municipality, table_loaded=postcode_table_loaded)
    return find_by_name(query, municipality)


def postcode_table_loaded() -> bool:
    return PostcodeArea.objects.exists()
