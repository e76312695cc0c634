"""The read side of volunteers. No access decisions here (see permissions.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Self

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from .constants import (
    ADULT_AGE,
    APPLICATION_LIVE,
    ApplicationStatus,
    CertificateKind,
    HoursStatus,
    StandInStatus,
    VacancyStatus,
    VolunteerStatus,
    vog_valid_years,
)

# --- young volunteers -----------------------------------------------------------------------------------------
# A Person records only a birth year. Someone born in `today.year - ADULT_AGE` may still be 17 until their
# birthday, so they count as young for that whole year: the safe side. An unknown birth year counts as adult
# (the platform cannot know more than was recorded; the intake asks it).


def youngest_adult_birth_year(today: datetime.date) -> int:
    """Born in this year or earlier: certainly 18 or older today."""
    return today.year - ADULT_AGE - 1


def is_minor(birth_year: int | None, today: datetime.date | None = None) -> bool:
    """Possibly under 18 today (see above)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return birth_year is not None and birth_year > youngest_adult_birth_year(today)


def may_help_alone(volunteer, *, vulnerable: bool, today: datetime.date | None = None) -> bool:
    """The rule for young volunteers: a volunteer under 18 never helps a vulnerable resident alone (with a
    resident who is not vulnerable, or together with an adult, they may). Reads `volunteer.person.birth_year`
    (select_related("person") for lists; `Volunteer.objects.may_help_alone(vulnerable=...)` is the same rule
    as a filter)."""
    return not (vulnerable and is_minor(volunteer.person.birth_year, today))


def young_without_consent(volunteer) -> str | None:
    """Why a volunteer may not be active, be given a role or take a shift yet: under 18 and no consent of a
    parent or guardian recorded (translated); None when nothing stands in the way."""
    from django.utils.translation import gettext as _

    if is_minor(volunteer.person.birth_year) and volunteer.guardian_consent_on is None:
        return _("Deze vrijwilliger is jonger dan 18. Leg eerst de toestemming van een ouder of voogd vast.")
    return None


class VolunteerQuerySet(models.QuerySet):
    def with_status(self, status: str) -> Self:
        return self.filter(status=status)

    def current(self) -> Self:
        """Everyone who has not stopped."""
        return self.exclude(status=VolunteerStatus.STOPPED)

    def of_areas(self, *, centre_ids: Iterable[int], district_ids: Iterable[int]) -> Self:
        """Volunteers who belong to one of these centres, to one of these districts, or to a centre in one of
        these districts (EXISTS subqueries: no duplicate rows, no DISTINCT)."""
        centre_ids, district_ids = list(centre_ids), list(district_ids)
        if not centre_ids and not district_ids:
            return self.none()
        centres = self.model.centres.through.objects.filter(volunteer_id=OuterRef("pk"))  # type: ignore[attr-defined]
        districts = self.model.districts.through.objects.filter(volunteer_id=OuterRef("pk"))  # type: ignore[attr-defined]
        return self.filter(
            Exists(
                centres.filter(Q(communitycentre_id__in=centre_ids) | Q(communitycentre__district_id__in=district_ids))
            )
            | Exists(districts.filter(district_id__in=district_ids))
        )

    def in_centre(self, centre_id: int) -> Self:
        through = self.model.centres.through.objects  # type: ignore[attr-defined]
        return self.filter(Exists(through.filter(volunteer_id=OuterRef("pk"), communitycentre_id=centre_id)))

    def search(self, text: str) -> Self:
        text = text.strip()
        if not text:
            return self
        q = Q()
        for word in text.split()[:4]:
            q &= Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
        return self.filter(q)

    def for_list(self) -> Self:
        return self.select_related("person").prefetch_related("centres", "districts", "skills")

    def minors(self, today: datetime.date | None = None) -> Self:
        """Volunteers who may be under 18 today (query.is_minor)."""
        from django.utils import timezone

        return self.filter(person__birth_year__gt=youngest_adult_birth_year(today or timezone.localdate()))

    def may_help_alone(self, *, vulnerable: bool, today: datetime.date | None = None) -> Self:
        """Those who may be matched alone with the resident: everyone, except volunteers under 18 when the
        resident is vulnerable (query.may_help_alone, as a filter)."""
        if not vulnerable:
            return self
        from django.utils import timezone

        young = youngest_adult_birth_year(today or timezone.localdate())
        return self.filter(Q(person__birth_year__isnull=True) | Q(person__birth_year__lte=young))

    def with_areas(self) -> Self:
        """The centres and districts a volunteer belongs to, prefetched: the policy reads them without a query."""
        return self.select_related("person", "stop_reason").prefetch_related("centres", "districts")


class VacancyQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.filter(status=VacancyStatus.OPEN)

    def in_district(self, district_id: int) -> Self:
        return self.filter(district_id=district_id)

    def with_skill(self, tag_id: int) -> Self:
        through = self.model.skills.through.objects  # type: ignore[attr-defined]
        return self.filter(Exists(through.filter(vacancy_id=OuterRef("pk"), tag_id=tag_id)))

    def search(self, text: str) -> Self:
        q = Q()
        for word in text.split()[:4]:
            q &= Q(title__icontains=word) | Q(description__icontains=word) | Q(activity_name__icontains=word)
        return self.filter(q)

    def with_taken(self) -> Self:
        """`taken`: accepted applications, in the same query."""
        return self.annotate(
            taken=Count("applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED), distinct=True)
        )

    def for_board(self) -> Self:
        return self.select_related("centre", "district").prefetch_related("skills")

    def of_areas(self, *, centre_ids: Iterable[int], district_ids: Iterable[int]) -> Self:
        """Vacancies at these centres, or anywhere in these districts."""
        return self.filter(Q(centre_id__in=list(centre_ids)) | Q(district_id__in=list(district_ids)))


class ApplicationQuerySet(models.QuerySet):
    def live(self) -> Self:
        return self.filter(status__in=APPLICATION_LIVE)

    def accepted(self) -> Self:
        return self.filter(status=ApplicationStatus.ACCEPTED)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` later (or earlier); 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def vog_valid_from(today: datetime.date) -> datetime.date:
    """A VOG issued after this date is valid today."""
    return add_years(today, -vog_valid_years())


class CertificateQuerySet(models.QuerySet):
    def vog(self) -> Self:
        return self.filter(kind=CertificateKind.VOG)

    def valid_vog(self, today: datetime.date) -> Self:
        """VOGs valid today: issued on or before today and less than the validity period ago."""
        return self.vog().filter(issued_on__gt=vog_valid_from(today), issued_on__lte=today)

    def lapsing_within(self, today: datetime.date, days: int) -> Self:
        """Valid VOGs that lapse within `days` from today."""
        edge = vog_valid_from(today + datetime.timedelta(days=days))
        return self.valid_vog(today).filter(issued_on__lte=edge)


def valid_until(issued_on: datetime.date) -> datetime.date:
    """The last day a VOG issued on `issued_on` counts as valid."""
    return add_years(issued_on, vog_valid_years()) - datetime.timedelta(days=1)


class OfVolunteersQuerySet(models.QuerySet):
    """Rows that belong to a volunteer (hours, attention): narrowed to the volunteers of some areas."""

    def of_areas(self, *, centre_ids: Iterable[int], district_ids: Iterable[int]) -> Self:
        """Rows of the volunteers who belong to these centres or districts (VolunteerQuerySet.of_areas)."""
        volunteers: Any = self.model._meta.get_field("volunteer").related_model._default_manager  # type: ignore[union-attr]
        return self.filter(volunteer__in=volunteers.of_areas(centre_ids=centre_ids, district_ids=district_ids))


class AttentionQuerySet(OfVolunteersQuerySet):
    pass


class HoursQuerySet(OfVolunteersQuerySet):
    def approved(self) -> Self:
        return self.filter(status=HoursStatus.APPROVED)

    def waiting(self) -> Self:
        return self.filter(status=HoursStatus.SUBMITTED)

    def between(self, start: datetime.date, end: datetime.date) -> Self:
        return self.filter(date__gte=start, date__lte=end)

    def totals(self, *fields: str) -> list[dict]:
        """Summed hours and the number of entries per value of `fields`, largest first (one query)."""
        return list(
            self.order_by()
            .values(*fields)
            .annotate(total=models.Sum("hours"), entries=Count("pk"))
            .order_by("-total", *fields)
        )


class ShiftQuerySet(models.QuerySet):
    def upcoming(self, now: datetime.datetime) -> Self:
        return self.filter(ends_at__gt=now)

    def between(self, start: datetime.datetime, end: datetime.datetime) -> Self:
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def open(self) -> Self:
        """Nobody works it yet."""
        return self.filter(volunteer__isnull=True)

    def of(self, volunteer) -> Self:
        return self.filter(volunteer=volunteer)

    def of_areas(self, *, centre_ids: Iterable[int], district_ids: Iterable[int]) -> Self:
        """Shifts at these centres, or anywhere in these districts."""
        return self.filter(Q(centre_id__in=list(centre_ids)) | Q(district_id__in=list(district_ids)))

    def for_volunteer_areas(self, volunteer) -> Self:
        """Shifts at the volunteer's centres, or in their districts without a centre (prefetched areas)."""
        centre_ids = [c.pk for c in volunteer.centres.all()]
        district_ids = [d.pk for d in volunteer.districts.all()]
        return self.filter(Q(centre_id__in=centre_ids) | Q(centre__isnull=True, district_id__in=district_ids))

    def for_page(self) -> Self:
        return self.select_related("centre", "district", "session__activity", "volunteer__person")


class StandInQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.filter(status=StandInStatus.OPEN)


class MessageQuerySet(models.QuerySet):
    def of_areas(self, *, centre_ids: Iterable[int], district_ids: Iterable[int]) -> Self:
        """Messages to groups in these districts."""
        return self.filter(district_id__in=list(district_ids))

    def with_counts(self) -> Self:
        """`n`: how many volunteers received it."""
        return self.annotate(n=Count("recipients"))
