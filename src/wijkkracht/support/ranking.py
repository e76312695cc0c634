"""The adapter from the database to the matching engine (`wijkkracht.matching`): which volunteers may help with a
help request, ranked, each with the reasons; and the best overall assignment for a district's open requests.

Hard rules, in the database: only active volunteers who want to help in the request's district (or named no
district), who are not away today, and who are not the resident themselves. Hard rules in the engine: within
reach (WIJKKRACHT_SUPPORT_REACH_M between neighbourhood centroids), a valid VOG when the resident is vulnerable,
capacity left (max_hours_per_week // WIJKKRACHT_SUPPORT_HOURS_PER_MATCH requests at once; offered and accepted
matches on open requests count). A volunteer under 18 is never matched with a vulnerable resident: for the
engine such a volunteer holds no VOG (the volunteers app's rule, `volunteers.query.is_minor` and
`may_help_alone`: the birth year is all the platform knows, so "under 18" is decided on the safe side).
Soft parts (the score): distance, skills for
the category (constants.CATEGORY_SKILLS), weekly slots, language, current load, having helped this resident
before (an accepted match on an earlier request of the same resident: the same account, or the same phone).

The helpers of a district are read once and kept, with the engine's index, until anything they are built from
changes (a version read in a few aggregate queries): the ranking for one request is then milliseconds.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkkracht.matching import (
    Candidate,
    Helper,
    HelperIndex,
    Request,
    RequestTable,
    candidate_pairs,
    solve,
)
from wijkkracht.volunteers.constants import SLOTS, VolunteerStatus
from wijkkracht.volunteers.models import AvailabilityException, Certificate, Volunteer
from wijkkracht.volunteers.query import is_minor

from .constants import CATEGORY_SKILLS, MatchStatus, support_setting
from .models import HelpRequest, Match

ADULT_AFTER_YEARS = 19
CACHE_SECONDS = 120


@dataclass(frozen=True, slots=True)
class HelperRow:
    """One candidate's plain values, as the engine and the reasons need them."""

    pk: int
    public_id: object
    person_id: int
    first_name: str
    last_name: str
    lat: float
    lon: float
    skills: frozenset[str]
    slots: frozenset[str]
    languages: frozenset[str]
    vog: bool
    minor: bool
    capacity: int


@dataclass
class RankedHelper:
    volunteer: Volunteer
    score: float
    distance_m: float
    parts: dict[str, float]
    reasons: list[str] = field(default_factory=list)
    load: int = 0
    capacity: int = 1


def _languages(text: str) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in (text or "").split(",") if part.strip())


def request_point(help_request: HelpRequest) -> tuple[float, float] | None:
    """The request's place: its neighbourhood's centroid, else its district's (never an address)."""
    for area in (help_request.neighbourhood, help_request.district):
        if area.centroid_lat is not None and area.centroid_lon is not None:
            return (area.centroid_lat, area.centroid_lon)
    return None


def pool(district_id: int, today: datetime.date):
    """Volunteers who may be asked for a request in this district at all (the database's hard rules)."""
    work = Volunteer.work_districts.through.objects.filter(volunteer_id=OuterRef("pk"))
    away = AvailabilityException.objects.filter(volunteer_id=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    return (
        Volunteer.objects.filter(status=VolunteerStatus.ACTIVE)
        .filter(Exists(work.filter(district_id=district_id)) | ~Exists(work))
        .exclude(Exists(away))
    )


def _version(district_id: int, today: datetime.date) -> tuple:
    """Changes whenever what the district's helpers are built from changes, in one query of index lookups:
    the newest volunteer change, the newest certificate, absence, skill and district rows, and the newest match
    change (offering, answering, cancelling; closing or reopening a request touches its accepted match). A
    removed skill or district row is seen within CACHE_SECONDS; the services check every rule again anyway."""
    tables = {
        "volunteer": (Volunteer._meta.db_table, "updated_at"),
        "certificate": (Certificate._meta.db_table, "id"),
        "absence": (AvailabilityException._meta.db_table, "id"),
        "skills": (Volunteer.skills.through._meta.db_table, "id"),
        "districts": (Volunteer.work_districts.through._meta.db_table, "id"),
        "match": (Match._meta.db_table, "updated_at"),
    }
    quote = connection.ops.quote_name
    # Names from the models' metadata, quoted: no input reaches this SQL.
    parts = [f"(SELECT MAX({quote(column)}) FROM {quote(table)})" for table, column in tables.values()]  # noqa: S608
    sql = "SELECT " + ", ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        stamps = cursor.fetchone()
    ttl = int(time.time() // CACHE_SECONDS)  # a backstop for what the stamps cannot see (a person moving)
    return (district_id, today, ttl, *stamps)


def helper_rows(district_id: int, today: datetime.date) -> list[HelperRow]:
    """The district's candidates as plain values: a few queries, whatever their number."""
    candidates = pool(district_id, today)
    rows = list(
        candidates.values_list(
            "pk",
            "public_id",
            "person_id",
            "person__first_name",
            "person__last_name",
            "languages",
            "person__languages",
            "person__birth_year",
            "availability",
            "max_hours_per_week",
            "person__neighbourhood__centroid_lat",
            "person__neighbourhood__centroid_lon",
            "person__neighbourhood__district__centroid_lat",
            "person__neighbourhood__district__centroid_lon",
        )
    )
    if not rows:
        return []
    skills: dict[int, set[str]] = {}
    for pk, name in Volunteer.skills.through.objects.filter(volunteer__in=candidates).values_list(
        "volunteer_id", "tag__name"
    ):
        skills.setdefault(pk, set()).add(name)
    with_vog = set(
        Certificate.objects.filter(volunteer__in=candidates).valid_vog(today).values_list("volunteer_id", flat=True)
    )
    per_match = max(1, support_setting("HOURS_PER_MATCH"))
    result = []
    for pk, public_id, person_id, first, last, languages, person_languages, birth_year, slots, hours, *place in rows:
        lat, lon, dlat, dlon = place
        if lat is None or lon is None:
            lat, lon = dlat, dlon
        if lat is None or lon is None:
            continue  # nowhere known: distance cannot be judged
        minor = is_minor(birth_year, today)
        result.append(
            HelperRow(
                pk=pk,
                public_id=public_id,
                person_id=person_id,
                first_name=first,
                last_name=last,
                lat=lat,
                lon=lon,
                skills=frozenset(skills.get(pk, ())),
                slots=frozenset(slots or ()),
                languages=_languages(languages or person_languages),
                vog=pk in with_vog,
                minor=minor,
                capacity=max(1, hours // per_match),
            )
        )
    return result


def current_loads() -> dict[int, int]:
    """Offered and accepted matches on open requests, per volunteer (one query)."""
    return dict(
        Match.objects.load().order_by().values("volunteer_id").annotate(n=Count("pk")).values_list("volunteer_id", "n")
    )


def _helpers(rows: list[HelperRow], loads: dict[int, int]) -> list[Helper]:
    reach = float(support_setting("REACH_M"))
    return [
        Helper(
            id=str(r.pk),
            lat=r.lat,
            lon=r.lon,
            max_distance_m=reach,
            skills=r.skills,
            slots=r.slots,
            languages=r.languages,
            vog=r.vog and not r.minor,  # a minor never counts as cleared for a vulnerable resident
            capacity=r.capacity,
            load=min(loads.get(r.pk, 0), r.capacity),
        )
        for r in rows
    ]


@dataclass
class _District:
    rows: list[HelperRow]
    by_pk: dict[int, HelperRow]
    loads: dict[int, int]
    index: HelperIndex | None


_CACHE: OrderedDict[tuple, _District] = OrderedDict()
_CACHE_SIZE = 32
_LOCK = threading.Lock()


def district_helpers(district_id: int, today: datetime.date) -> _District:
    """The district's candidates and the engine's index over them, rebuilt when the version changes."""
    key = _version(district_id, today)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
    rows = helper_rows(district_id, today)
    loads = current_loads()
    helpers = _helpers(rows, loads)
    built = _District(rows, {r.pk: r for r in rows}, loads, HelperIndex(helpers) if helpers else None)
    with _LOCK:
        _CACHE[key] = built
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def wanted_skills(help_request: HelpRequest) -> frozenset[str]:
    return frozenset(CATEGORY_SKILLS.get(help_request.category, ()))


def to_request(help_request: HelpRequest, point: tuple[float, float]) -> Request:
    return Request(
        id=str(help_request.pk),
        lat=point[0],
        lon=point[1],
        categories=wanted_skills(help_request),
        slots=frozenset(s for s in help_request.slots or () if s in SLOTS),
        languages=_languages(help_request.languages),
        vog_required=help_request.vulnerable,
        resident=resident_key(help_request.person_id, help_request.contact_phone),
    )


def resident_key(person_id: int | None, phone: str) -> str | None:
    """Who the resident is, for "helped this resident before": their account, else their phone number."""
    if person_id is not None:
        return f"p{person_id}"
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return f"t{digits}" if digits else None


def helped_before(help_requests: list[HelpRequest]) -> list[tuple[str, int]]:
    """(resident key, volunteer pk) of accepted matches on other requests of these residents (indexed look-ups
    by account and by phone number, at most two queries)."""
    people = {r.person_id for r in help_requests if r.person_id is not None}
    phones = {r.contact_phone for r in help_requests if r.person_id is None and r.contact_phone}
    accepted = Match.objects.accepted().exclude(help_request__in=[r.pk for r in help_requests])
    rows = []
    if people:
        rows += accepted.filter(help_request__person_id__in=people).values_list(
            "help_request__person_id", "help_request__contact_phone", "volunteer_id"
        )
    if phones:
        rows += accepted.filter(help_request__contact_phone__in=phones, help_request__person__isnull=True).values_list(
            "help_request__person_id", "help_request__contact_phone", "volunteer_id"
        )
    pairs = []
    for person_id, phone, volunteer_id in rows:
        key = resident_key(person_id, phone)
        if key is not None:
            pairs.append((key, volunteer_id))
    return pairs


def excluded_for(help_request: HelpRequest) -> set[int]:
    """Volunteers never offered this request again: who declined it, or whose match for it is live."""
    return set(
        Match.objects.filter(help_request=help_request)
        .filter(Q(status=MatchStatus.DECLINED) | Q(status__in=[MatchStatus.PROPOSED, MatchStatus.OFFERED]))
        .values_list("volunteer_id", flat=True)
    )


def ranked_helpers(
    help_request: HelpRequest, *, today: datetime.date, k: int = 10, exclude: set[int] | None = None
) -> list[RankedHelper]:
    """The k best helpers for the request, best first, each with the reasons for its place."""
    point = request_point(help_request)
    district = district_helpers(help_request.district_id, today)
    if district.index is None or point is None:
        return []
    skip = excluded_for(help_request) if exclude is None else exclude
    own_person = help_request.person_id
    before = {str(v) for key, v in helped_before([help_request])}
    # Ask for a few more than k: the ones skipped (declined, the resident themselves) are dropped afterwards.
    extra = len(skip) + 1
    ranked = district.index.top_k(to_request(help_request, point), k=k + extra, helped_before=before)
    chosen = [c for c in ranked if int(c.helper) not in skip and district.by_pk[int(c.helper)].person_id != own_person][
        :k
    ]
    result = []
    for c in chosen:
        row = district.by_pk[int(c.helper)]
        load = district.loads.get(row.pk, 0)
        result.append(
            RankedHelper(
                volunteer=_volunteer(row),
                score=round(c.score, 1),
                distance_m=c.distance_m,
                parts=c.parts,
                reasons=reasons(help_request, row, c, load),
                load=load,
                capacity=row.capacity,
            )
        )
    return result


def _volunteer(row: HelperRow) -> Volunteer:
    """The volunteer as the list needs it (id, public id, name), from the kept values: no query. Services load
    the row itself again before they write."""
    person_model = Volunteer._meta.get_field("person").related_model  # people is not imported (architecture)
    person = person_model(pk=row.person_id, first_name=row.first_name, last_name=row.last_name)
    return Volunteer(pk=row.pk, public_id=row.public_id, person=person)


def reasons(help_request: HelpRequest, row: HelperRow, candidate: Candidate, load: int) -> list[str]:
    """Why this helper is on the list, in plain words (the engine's parts, explained)."""
    said = [_("Woont ongeveer %(km)s km verderop") % {"km": f"{candidate.distance_m / 1000:.1f}"}]
    asked = wanted_skills(help_request)
    if asked:
        have = sorted(row.skills & asked)
        said.append(
            _("Kan: %(skills)s") % {"skills": ", ".join(have)}
            if have
            else _("Heeft geen van de gevraagde vaardigheden")
        )
    if help_request.slots:
        hit = len(set(help_request.slots) & row.slots)
        said.append(_("Kan op %(n)d van de %(total)d momenten") % {"n": hit, "total": len(help_request.slots)})
    languages = _languages(help_request.languages)
    if languages:
        shared = sorted(languages & row.languages)
        said.append(
            _("Spreekt %(languages)s") % {"languages": ", ".join(shared)}
            if shared
            else _("Spreekt geen van de gevraagde talen")
        )
    if help_request.vulnerable:
        said.append(_("Heeft een geldige VOG en is volwassen"))
    said.append(
        ngettext(
            "Helpt nu bij %(load)d van de %(capacity)d vragen die past",
            "Helpt nu bij %(load)d van de %(capacity)d vragen die passen",
            row.capacity,
        )
        % {"load": load, "capacity": row.capacity}
    )
    if candidate.parts.get("history", 0) > 0:
        said.append(_("Heeft deze bewoner eerder geholpen"))
    return said


@dataclass
class Proposal:
    help_request: HelpRequest
    volunteer_id: int
    candidate: Candidate


def best_assignment(help_requests: list[HelpRequest], *, district_id: int, today: datetime.date) -> list[Proposal]:
    """The best overall assignment for these requests (the engine's exact solver): as many requests as possible
    get a helper, then the highest total score; a helper takes no more than their capacity left. Pairs the
    single ranking would never offer (declined before, the resident themselves) are left out."""
    district = district_helpers(district_id, today)
    placed = [(r, request_point(r)) for r in help_requests]
    placed = [(r, p) for r, p in placed if p is not None]
    if district.index is None or not placed:
        return []
    requests = [to_request(r, p) for r, p in placed]
    # The kept index's helper table and spatial index (built once per version): the requests are encoded in its
    # vocabulary (a term no helper has counts as asked and not offered, as in the single ranking).
    hel_t = district.index.helpers
    req_t = RequestTable.from_records(requests, hel_t.vocab)
    history = [(key, str(v)) for key, v in helped_before([r for r, _p in placed])]
    cands = candidate_pairs(req_t, hel_t, history=history, index=district.index.spatial)
    declined: set[tuple[int, int]] = set(
        Match.objects.filter(help_request__in=[r.pk for r, _p in placed], status=MatchStatus.DECLINED).values_list(
            "help_request_id", "volunteer_id"
        )
    )
    request_pk = np.array([int(i) for i in req_t.ids.tolist()], dtype=np.int64)
    helper_pk = np.array([int(i) for i in hel_t.ids.tolist()], dtype=np.int64)
    person_of_request = np.array([r.person_id or -1 for r, _p in placed], dtype=np.int64)
    person_of_helper = np.array([district.by_pk[int(i)].person_id for i in hel_t.ids.tolist()], dtype=np.int64)
    keep = person_of_request[cands.request] != person_of_helper[cands.helper]
    if declined:
        pairs = zip(request_pk[cands.request].tolist(), helper_pk[cands.helper].tolist(), strict=True)
        keep &= np.fromiter(((r, h) not in declined for r, h in pairs), dtype=bool, count=len(cands))
    positions = np.flatnonzero(keep)
    solution = solve(
        cands.request[positions],
        cands.helper[positions],
        cands.score[positions],
        capacity=hel_t.remaining,
        n_requests=len(req_t),
        n_helpers=len(hel_t),
    )
    by_pk = {r.pk: r for r, _p in placed}
    proposals = []
    for edge in solution.edges.tolist():
        candidate = cands.explain(int(positions[edge]))
        proposals.append(Proposal(by_pk[int(candidate.request)], int(candidate.helper), candidate))
    return proposals


def score_one(help_request: HelpRequest, volunteer_pk: int, *, today: datetime.date) -> Candidate | None:
    """The engine's score for one helper and this request, or None when the engine does not admit the pair
    (not in the district's pool, too far, no VOG, no capacity left). Loads are read fresh."""
    point = request_point(help_request)
    row = district_helpers(help_request.district_id, today).by_pk.get(volunteer_pk)
    if point is None or row is None:
        return None
    loads = {volunteer_pk: Match.objects.load().filter(volunteer_id=volunteer_pk).count()}
    before = {str(v) for _key, v in helped_before([help_request])}
    found = HelperIndex(_helpers([row], loads)).top_k(to_request(help_request, point), k=1, helped_before=before)
    return found[0] if found else None
