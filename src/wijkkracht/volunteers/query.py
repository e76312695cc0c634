"""The read side of volunteers. No access decisions here (see permissions.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Self

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from .constants import (
    APPLICATION_LIVE,
    ApplicationStatus,
    CertificateKind,
    HoursStatus,
    VacancyStatus,
    VolunteerStatus,
    vog_valid_years,
)


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
