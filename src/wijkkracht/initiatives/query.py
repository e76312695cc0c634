"""The read side of initiatives. No access decisions here (see permissions.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from django.db import models
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce


class InitiativeQuerySet(models.QuerySet):
    def in_district(self, district) -> Self:
        return self.filter(district=district)

    def public(self) -> Self:
        return self.filter(is_public=True)

    def with_backing_count(self) -> Self:
        return self.annotate(backing_count=Count("backings", distinct=True))

    def for_list(self) -> Self:
        return self.select_related("district").with_backing_count()


class DistrictBudgetQuerySet(models.QuerySet):
    def with_remaining(self) -> Self:
        """`granted` (sum of grants) and `remaining` on every budget, in the same query."""
        zero = Value(Decimal("0"), output_field=models.DecimalField(max_digits=10, decimal_places=2))
        return self.annotate(granted=Coalesce(Sum("grants__amount"), zero)).annotate(
            remaining=models.F("amount") - models.F("granted")
        )

    def current(self, district, year: int) -> Self:
        return self.filter(district=district, year=year)


def backed_by(person, initiatives) -> set[int]:
    """The ids of these initiatives that `person` backs (one query)."""
    from .models import Backing

    if person is None:
        return set()
    return set(
        Backing.objects.filter(person=person, initiative__in=initiatives).values_list("initiative_id", flat=True)
    )


def visible_q(*, person_id, user_id, district_ids) -> Q:
    """Public initiatives, the user's own, and all of the districts they serve or decide for."""
    q = Q(is_public=True) | Q(district_id__in=district_ids)
    if person_id is not None:
        q |= Q(initiator_id=person_id)
    if user_id is not None:
        q |= Q(submitted_by_id=user_id)
    return q


class Tailoring:
    """What a district does with initiatives (its DistrictSettings, or the defaults without one)."""

    def __init__(self, settings=None) -> None:
        from .constants import Category

        self.takes_initiatives = settings.takes_initiatives if settings is not None else True
        self.uses_budget = settings.uses_budget if settings is not None else True
        chosen = set(settings.categories) if settings is not None and settings.categories else None
        self.categories = [(value, label) for value, label in Category.choices if chosen is None or value in chosen]
        self.category_values = {value for value, _label in self.categories}


def tailoring_of(district) -> Tailoring:
    """The district's initiative tailoring: `district.initiative_settings` (select_related it to save a query)."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        settings = district.initiative_settings
    except ObjectDoesNotExist:
        settings = None
    return Tailoring(settings)
