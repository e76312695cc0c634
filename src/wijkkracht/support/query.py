"""The read side of support. No access decisions here (see permissions.py)."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Case, CharField, IntegerField, Q, Value, When
from django.urls import reverse

from .constants import (
    BEFORE_INTAKE,
    BEFORE_MATCH,
    LIVE_MATCH,
    LOAD_MATCH,
    Category,
    EscalationReason,
    MatchStatus,
    RequestStatus,
    Urgency,
)

# What a row of the queue or the escalation list needs (see list_rows and the two templates).
LIST_FIELDS = (
    "public_id",
    "district_id",
    "neighbourhood_id",
    "owner_id",
    "category",
    "urgency",
    "status",
    "vulnerable",
    "synthetic",
    "created_at",
    "intake_due_at",
    "match_due_at",
    "district__name",
    "neighbourhood__name",
    "owner__display_name",
    "owner__email",
)


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

    def for_list(self) -> Self:
        """The queue's order with only the columns the queue and the escalation list show (list_rows): no
        resident's name, phone or question is even read, and the rows are cheaper to build."""
        return self.for_queue().only(*LIST_FIELDS)

    def overdue(self, now) -> Self:
        """Open requests the safety net must raise: without an owner, the intake late, or no helper in time.
        `overdue_reason` says which (the first that applies, in that order)."""
        no_owner = Q(owner__isnull=True)
        intake_late = Q(status__in=list(BEFORE_INTAKE), intake_due_at__lt=now)
        match_late = Q(status__in=list(BEFORE_MATCH), match_due_at__lt=now)
        return (
            self.open()
            .filter(no_owner | intake_late | match_late)
            .annotate(
                overdue_reason=Case(
                    When(no_owner, then=Value(EscalationReason.NO_OWNER)),
                    When(intake_late, then=Value(EscalationReason.INTAKE_OVERDUE)),
                    default=Value(EscalationReason.MATCH_OVERDUE),
                    output_field=CharField(),
                )
            )
        )

    def figures_per_district(self) -> list[dict]:
        """Counts per district (asked, open, and closed per outcome), one query; no people."""
        from django.db.models import Count

        closed = Q(status=RequestStatus.CLOSED)
        return list(
            self.values("district__name")
            .annotate(
                asked=Count("pk"),
                open=Count("pk", filter=~closed),
                resolved=Count("pk", filter=closed & Q(outcome="resolved")),
                referred=Count("pk", filter=closed & Q(outcome="referred")),
                withdrawn=Count("pk", filter=closed & Q(outcome="withdrawn")),
            )
            .order_by("district__name")
        )


class FollowUpQuerySet(models.QuerySet):
    def due(self, today) -> Self:
        return self.filter(done_at__isnull=True, due_on__lte=today)

    def in_districts(self, district_ids) -> Self:
        return self.filter(help_request__district_id__in=list(district_ids))


class RequestAccessQuerySet(models.QuerySet):
    def for_request(self, help_request) -> Self:
        return self.filter(help_request=help_request).select_related("viewer").order_by("-at", "-pk")


class MatchQuerySet(models.QuerySet):
    def live(self) -> Self:
        """Proposed, offered or accepted: the one a request has at a time."""
        return self.filter(status__in=list(LIVE_MATCH))

    def load(self) -> Self:
        """Offered or accepted on an open request: what counts against a helper's capacity."""
        return self.filter(status__in=list(LOAD_MATCH)).exclude(help_request__status=RequestStatus.CLOSED)

    def of_volunteer(self, volunteer) -> Self:
        return self.filter(volunteer=volunteer)

    def proposed(self) -> Self:
        return self.filter(status=MatchStatus.PROPOSED)

    def accepted(self) -> Self:
        return self.filter(status=MatchStatus.ACCEPTED)


def list_rows(requests, user) -> list:
    """The rows of the queue and the escalation list, ready to show: the labels of category, urgency and status
    translated once per page (not once per row: `get_FOO_display` hashes every lazy choice label), the link to
    the request formatted from one reversed address, and the owner as "me", a name or nobody. The rows carry
    what the list shows and nothing more (no name, phone or question of the resident)."""
    labels = {
        "category": {value: str(label) for value, label in Category.choices},
        "urgency": {value: str(label) for value, label in Urgency.choices},
        "status": {value: str(label) for value, label in RequestStatus.choices},
    }
    marker = "00000000-0000-0000-0000-000000000000"
    link = reverse("support:detail", args=[marker])
    head, tail = link.split(marker)
    rows = list(requests)
    for r in rows:
        r.category_label = labels["category"].get(r.category, r.category)
        r.urgency_label = labels["urgency"].get(r.urgency, r.urgency)
        r.status_label = labels["status"].get(r.status, r.status)
        r.link = f"{head}{r.public_id}{tail}"
        r.owned_by_me = r.owner_id is not None and r.owner_id == getattr(user, "pk", None)
    return rows
