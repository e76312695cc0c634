"""Ranked suggestions of volunteers for a vacancy, each with the reasons for its rank.

The ranking is the matching engine's (`wijkkracht.matching.HelperIndex.top_k`): a vacancy is a request located
at its centre (or its district's middle), asking for its skills in its weekly slots, with a VOG when the role
needs one; each volunteer is a helper at their neighbourhood's middle (or their centre), with their skills,
weekly slots, hours left and VOG. Hard rules come first, in the database: only active volunteers the
professional may see, who want to work in the vacancy's district (or named no district), are not away today,
have not reacted already and have the hours left for the role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

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


def candidates(vacancy: Vacancy, visible, today: datetime.date):
    """The volunteers who may be suggested at all (the hard rules), from the `visible` QuerySet."""
    work = Volunteer.work_districts.through.objects.filter(volunteer_id=OuterRef("pk"))
    away = AvailabilityException.objects.filter(volunteer_id=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    reacted = Application.objects.filter(
        volunteer_id=OuterRef("pk"), vacancy_id=vacancy.pk, status__in=APPLICATION_LIVE
    )
    return (
        visible.filter(status=VolunteerStatus.ACTIVE)
        .filter(Exists(work.filter(district_id=vacancy.district_id)) | ~Exists(work))
        .exclude(Exists(away))
        .exclude(Exists(reacted))
    )


def suggest(vacancy: Vacancy, visible, *, today: datetime.date, k: int = 10) -> list[Suggestion]:
    """The k best volunteers for the vacancy. Reads plain values (no model instances) for every candidate, in a
    handful of queries with subqueries (never a list of ids), and loads the k suggested volunteers at the end."""
    pool = candidates(vacancy, visible, today)
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
        return []
    asked_ids = {t.pk: t.name for t in vacancy.skills.all()}
    asked = set(asked_ids.values())
    skills: dict[int, set[str]] = {}
    for pk, tag_id in Volunteer.skills.through.objects.filter(volunteer__in=pool, tag_id__in=asked_ids).values_list(
        "volunteer_id", "tag_id"
    ):
        skills.setdefault(pk, set()).add(asked_ids[tag_id])
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
            continue  # no hours left for this role
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
    if not helpers:
        return []
    request = Request(
        id=str(vacancy.public_id),
        lat=here[0],
        lon=here[1],
        categories=frozenset(asked),
        slots=frozenset(s for s in vacancy.slots if s in SLOTS),
        vog_required=vacancy.vog_required,
    )
    ranked = HelperIndex(helpers).top_k(request, k=k)
    by_id = {h.id: h for h in helpers}
    chosen = Volunteer.objects.select_related("person").in_bulk([int(c.helper) for c in ranked])
    located = vacancy_point(vacancy) is not None
    return [
        Suggestion(
            volunteer=chosen[int(c.helper)],
            score=round(c.score, 1),
            reasons=_reasons(vacancy, by_id[c.helper], c.distance_m if located else None, asked),
        )
        for c in ranked
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
