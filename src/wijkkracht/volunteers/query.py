"""The read side of volunteers. No access decisions here (see permissions.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from django.db import models
from django.db.models import Exists, OuterRef, Q

from .constants import VolunteerStatus


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
