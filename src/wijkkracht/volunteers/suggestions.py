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


def volunteer_point(volunteer: Volunteer) -> tuple[float, float] | None:
    neighbourhood = volunteer.person.neighbourhood
    if neighbourhood is not None and _point(neighbourhood):
        return _point(neighbourhood)
    for centre in volunteer.centres.all():
        if _point(centre):
            return _point(centre)
    return None


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
        .select_related("person__neighbourhood")
        .prefetch_related("skills", "centres")
    )


def suggest(vacancy: Vacancy, visible, *, today: datetime.date, k: int = 10) -> list[Suggestion]:
    volunteers = {str(v.public_id): v for v in candidates(vacancy, visible, today)}
    if not volunteers:
        return []
    pks = [v.pk for v in volunteers.values()]
    hours = dict(
        Application.objects.filter(volunteer_id__in=pks, status=ApplicationStatus.ACCEPTED)
        .values("volunteer_id")
        .annotate(h=Sum("vacancy__hours_per_week"))
        .values_list("volunteer_id", "h")
    )
    with_vog = set(
        Certificate.objects.filter(volunteer_id__in=pks).valid_vog(today).values_list("volunteer_id", flat=True)
    )
    asked = {t.name for t in vacancy.skills.all()}
    here = vacancy_point(vacancy) or (0.0, 0.0)
    helpers = []
    for key, v in volunteers.items():
        load = hours.get(v.pk) or 0
        if load + vacancy.hours_per_week > v.max_hours_per_week:
            continue  # no hours left for this role
        point = volunteer_point(v) or here
        helpers.append(
            Helper(
                id=key,
                lat=point[0],
                lon=point[1],
                max_distance_m=REACH_M,
                skills=frozenset(t.name for t in v.skills.all()) & asked,
                slots=frozenset(v.availability),
                vog=v.pk in with_vog,
                capacity=v.max_hours_per_week,
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
    located = vacancy_point(vacancy) is not None
    return [
        Suggestion(
            volunteer=volunteers[c.helper],
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
