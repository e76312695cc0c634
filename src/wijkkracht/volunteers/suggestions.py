"""Ranked suggestions of volunteers for a vacancy, each with the reasons for its rank.

The ranking is the matching engine's (`wijkkracht.matching.HelperIndex.top_k`): a vacancy is a request located
at its centre (or its district's middle), asking for its skills in its weekly slots, with a VOG when the role
needs one; each volunteer is a helper at their neighbourhood's middle (or their centre), with their skills,
weekly slots, hours left and VOG. Hard rules come first, in the database: only active volunteers the
professional may see, who want to work in the vacancy's district (or named no district), are not away today,
have not reacted already and have the hours left for the role."""

from __future__ import annotations

import datetime
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkkracht.matching import Helper, HelperIndex, Request

from .constants import APPLICATION_LIVE, SLOTS, ApplicationStatus, VolunteerStatus
from .models import Application, AvailabilityException, Certificate, Vacancy, Volunteer

# Amstelveen is about 10 km across: every volunteer of the municipality is within reach; the districts they
# want to work in are the real rule (applied in the database).
REACH_M = 30_000.0


@dataclass
class Suggestion:
    volunteer: Volunteer
    score: float
    reasons: list[str] = field(default_factory=list)


def _point(obj) -> tuple[float, float] | None:
    lat, lon = getattr(obj, "lat", None), getattr(obj, "lon", None)
    if lat is None:
        lat, lon = getattr(obj, "centroid_lat", None), getattr(obj, "centroid_lon", None)
    return (lat, lon) if lat is not None and lon is not None else None


def vacancy_point(vacancy: Vacancy) -> tuple[float, float] | None:
    return (_point(vacancy.centre) if vacancy.centre_id else None) or _point(vacancy.district)


def candidates(vacancy: Vacancy, visible, today: datetime.date, *, reacted: bool = True):
    """The volunteers who may be suggested at all (the hard rules), from the `visible` QuerySet. With
    `reacted=False` those who reacted to the vacancy already are left in (the cached pool leaves them out
    per call)."""
    work = Volunteer.work_districts.through.objects.filter(volunteer_id=OuterRef("pk"))
    away = AvailabilityException.objects.filter(volunteer_id=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    pool = (
        visible.filter(status=VolunteerStatus.ACTIVE)
        .filter(Exists(work.filter(district_id=vacancy.district_id)) | ~Exists(work))
        .exclude(Exists(away))
    )
    if reacted:
        live = Application.objects.filter(
            volunteer_id=OuterRef("pk"), vacancy_id=vacancy.pk, status__in=APPLICATION_LIVE
        )
        pool = pool.exclude(Exists(live))
    return pool


@dataclass
class _Pool:
    """The candidates of one district for one viewer, as the engine's index (for one number of hours a week:
    who has the hours left depends on it)."""

    index: HelperIndex | None
    by_id: dict[str, Helper]
    ranked: dict[tuple, list] = field(default_factory=dict)  # the engine's answer per request, kept with the pool

    def top(self, request: Request, k: int) -> list:
        key = (request.lat, request.lon, request.categories, request.slots, request.vog_required, k)
        found = self.ranked.get(key)
        if found is None and self.index is not None:
            found = self.ranked[key] = self.index.top_k(request, k=k)
        return found or []


_CACHE: OrderedDict[tuple, _Pool] = OrderedDict()
_CACHE_SIZE = 64
_LOCK = threading.Lock()
# A backstop for what the version cannot see (a volunteer's neighbourhood moving): rebuild at least this often.
CACHE_SECONDS = 600


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def _version() -> tuple:
    """Changes whenever anything a pool is built from changes (one query of index look-ups, whatever the number
    of rows): the latest change to a volunteer (services touch `updated_at` also when only their centres,
    districts, skills or absences change), to a reaction or role, and the newest row of the tables that only
    grow through the services (relations, absences, certificates)."""
    latest = [(Volunteer._meta.db_table, "updated_at"), (Application._meta.db_table, "updated_at")]
    newest = [
        Volunteer.centres.through._meta.db_table,
        Volunteer.districts.through._meta.db_table,
        Volunteer.work_districts.through._meta.db_table,
        Volunteer.skills.through._meta.db_table,
        AvailabilityException._meta.db_table,
        Certificate._meta.db_table,
    ]
    quote = connection.ops.quote_name
    # Table and column names come from the models' own metadata, never from input.
    parts = [f"(SELECT MAX({quote(column)}) FROM {quote(table)})" for table, column in latest]  # noqa: S608
    parts += [f"(SELECT MAX({quote('id')}) FROM {quote(table)})" for table in newest]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return (*row, int(time.time() // CACHE_SECONDS))


def _build(vacancy: Vacancy, visible, today: datetime.date) -> _Pool:
    """Read the pool in a handful of queries (plain values, never model instances) and index it."""
    pool = candidates(vacancy, visible, today, reacted=False)
    rows = list(
        pool.values_list(
            "pk",
            "availability",
            "max_hours_per_week",
            "person__neighbourhood__centroid_lat",
            "person__neighbourhood__centroid_lon",
        )
    )
    if not rows:
        return _Pool(None, {})
    skills: dict[int, set[str]] = {}
    for pk, name in Volunteer.skills.through.objects.filter(volunteer__in=pool).values_list(
        "volunteer_id", "tag__name"
    ):
        skills.setdefault(pk, set()).add(name)
    centre_points: dict[int, tuple[float, float]] = {}
    for pk, lat, lon in Volunteer.centres.through.objects.filter(
        volunteer__in=pool, communitycentre__lat__isnull=False, communitycentre__lon__isnull=False
    ).values_list("volunteer_id", "communitycentre__lat", "communitycentre__lon"):
        centre_points.setdefault(pk, (lat, lon))
    hours = dict(
        Application.objects.filter(volunteer__in=pool, status=ApplicationStatus.ACCEPTED)
        .values("volunteer_id")
        .annotate(h=Sum("vacancy__hours_per_week"))
        .values_list("volunteer_id", "h")
    )
    with_vog = set(
        Certificate.objects.filter(volunteer__in=pool).valid_vog(today).values_list("volunteer_id", flat=True)
    )
    here = vacancy_point(vacancy) or (0.0, 0.0)
    helpers = []
    for pk, availability, maximum, lat, lon in rows:
        load = hours.get(pk) or 0
        if load + vacancy.hours_per_week > maximum:
            continue  # no hours left for a role of this size
        point = (lat, lon) if lat is not None and lon is not None else centre_points.get(pk, here)
        helpers.append(
            Helper(
                id=str(pk),
                lat=point[0],
                lon=point[1],
                max_distance_m=REACH_M,
                skills=frozenset(skills.get(pk, ())),
                slots=frozenset(availability),
                vog=pk in with_vog,
                capacity=maximum,
                load=load,
            )
        )
    return _Pool(HelperIndex(helpers) if helpers else None, {h.id: h for h in helpers})


def _pool(vacancy: Vacancy, visible, today: datetime.date) -> _Pool:
    """The cached pool for the vacancy's district, the viewer (the SQL of `visible` names their areas), the
    role's hours and today; rebuilt when the version changes."""
    key = (str(visible.query), vacancy.district_id, vacancy.hours_per_week, vacancy_point(vacancy), today, _version())
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
    built = _build(vacancy, visible, today)
    with _LOCK:
        _CACHE[key] = built
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def suggest(vacancy: Vacancy, visible, *, today: datetime.date, k: int = 10) -> list[Suggestion]:
    """The k best volunteers for the vacancy. The pool (every candidate with their skills, slots, hours and VOG,
    and the engine's index over them) is read once and kept until anything it is built from changes; a call
    then costs a few small queries and one vectorised ranking, whatever the number of volunteers."""
    pool = _pool(vacancy, visible, today)
    if pool.index is None:
        return []
    asked = {t.name for t in vacancy.skills.all()}
    reacted = {
        str(pk)
        for pk in Application.objects.filter(
            vacancy=vacancy, status__in=APPLICATION_LIVE, volunteer__isnull=False
        ).values_list("volunteer_id", flat=True)
    }
    here = vacancy_point(vacancy) or (0.0, 0.0)
    request = Request(
        id=str(vacancy.public_id),
        lat=here[0],
        lon=here[1],
        categories=frozenset(asked),
        slots=frozenset(s for s in vacancy.slots if s in SLOTS),
        vog_required=vacancy.vog_required,
    )
    wanted = min(k + len(reacted), len(pool.by_id))
    ranked = [c for c in pool.top(request, wanted) if c.helper not in reacted][:k]
    chosen = Volunteer.objects.select_related("person").in_bulk([int(c.helper) for c in ranked])
    located = vacancy_point(vacancy) is not None
    return [
        Suggestion(
            volunteer=chosen[int(c.helper)],
            score=round(c.score, 1),
            reasons=_reasons(vacancy, pool.by_id[c.helper], c.distance_m if located else None, asked),
        )
        for c in ranked
        if int(c.helper) in chosen
    ]


def _reasons(vacancy: Vacancy, helper: Helper, distance_m: float | None, asked: set[str]) -> list[str]:
    reasons = []
    if asked:
        have = sorted(set(helper.skills) & asked)
        reasons.append(
            _("Kan %(skills)s (%(n)d van %(total)d gevraagd)")
            % {"skills": ", ".join(have), "n": len(have), "total": len(asked)}
            if have
            else _("Heeft geen van de gevraagde vaardigheden")
        )
    if vacancy.slots:
        hit = len(set(vacancy.slots) & set(helper.slots))
        reasons.append(_("Kan op %(n)d van de %(total)d momenten") % {"n": hit, "total": len(vacancy.slots)})
    if distance_m is not None:
        reasons.append(_("Woont ongeveer %(km)s km verderop") % {"km": f"{distance_m / 1000:.1f}"})
    left = helper.capacity - helper.load
    reasons.append(
        ngettext("Heeft nog %(n)d uur per week vrij", "Heeft nog %(n)d uur per week vrij", left) % {"n": left}
    )
    if vacancy.vog_required:
        reasons.append(_("Heeft een geldige VOG"))
    return reasons
