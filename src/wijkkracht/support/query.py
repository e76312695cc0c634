"""The read side of support. No access decisions here (see permissions.py)."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Case, IntegerField, Value, When

from .constants import RequestStatus, Urgency


class HelpRequestQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.exclude(status=RequestStatus.CLOSED)

    def closed(self) -> Self:
        return self.filter(status=RequestStatus.CLOSED)

    def in_district(self, district) -> Self:
        return self.filter(district=district)

    def in_districts(self, district_ids) -> Self:
        return self.filter(district_id__in=list(district_ids))

    def owned_by(self, user) -> Self:
        return self.filter(owner=user)

    def of_person(self, person) -> Self:
        return self.filter(person=person)

    def for_queue(self) -> Self:
        """Most urgent first, then the oldest: the order a professional works through the queue."""
        rank = Case(
            When(urgency=Urgency.HIGH, then=Value(0)),
            When(urgency=Urgency.NORMAL, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return (
            self.select_related("district", "neighbourhood", "owner")
            .annotate(urgency_rank=rank)
            .order_by("urgency_rank", "-vulnerable", "created_at", "pk")
        )


class RequestAccessQuerySet(models.QuerySet):
    def for_request(self, help_request) -> Self:
        return self.filter(help_request=help_request).select_related("viewer").order_by("-at", "-pk")
