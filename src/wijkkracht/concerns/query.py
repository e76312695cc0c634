"""The read side of concerns. No access decisions here (see permissions.py)."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Case, Count, IntegerField, Q, Value, When

from .constants import ConcernStatus, Priority, Topic


class ConcernQuerySet(models.QuerySet):
    def open(self) -> Self:
        return self.exclude(status=ConcernStatus.CLOSED)

    def closed(self) -> Self:
        return self.filter(status=ConcernStatus.CLOSED)

    def reported_by(self, user) -> Self:
        return self.filter(reporter=user)

    def for_queue(self) -> Self:
        """New first, then the most urgent and the oldest."""
        rank = Case(
            When(status=ConcernStatus.NEW, then=Value(0)),
            When(priority=Priority.HIGH, then=Value(1)),
            When(priority=Priority.NORMAL, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        return (
            self.select_related("district", "neighbourhood", "owner")
            .annotate(queue_rank=rank)
            .order_by("queue_rank", "created_at", "pk")
        )

    def figures_per_district(self) -> list[dict]:
        """Counts per district: raised, open, closed and per topic; one query, no people."""
        closed = Q(status=ConcernStatus.CLOSED)
        per_topic = {t.value: Count("pk", filter=Q(topic=t.value)) for t in Topic}
        return list(
            self.values("district__name")
            .annotate(
                raised=Count("pk"), open=Count("pk", filter=~closed), closed=Count("pk", filter=closed), **per_topic
            )
            .order_by("district__name")
        )


class ConcernAccessQuerySet(models.QuerySet):
    def for_concern(self, concern) -> Self:
        return self.filter(concern=concern).select_related("viewer").order_by("-at", "-pk")
