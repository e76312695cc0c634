"""Factories for initiatives and district budgets."""

from decimal import Decimal

import factory
from django.utils import timezone

from tests import factories as f
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import DistrictBudget, Grant, Initiative, Milestone

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    district = factory.SubFactory(f.DistrictFactory)
    initiator = factory.SubFactory(f.PersonFactory)
    title = factory.Sequence(lambda n: f"Initiatief {n}")
    description = "Samen koken voor de buurt."
    audience = "Buren"
    needs = factory.LazyFunction(lambda: ["room", "money"])
    amount_requested = Decimal("300")
    is_public = True
    status = InitiativeStatus.PROPOSED


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Stap {n}")
    order = factory.Sequence(lambda n: n + 1)


class DistrictBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictBudget

    district = factory.SubFactory(f.DistrictFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    amount = Decimal("1000")


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    budget = factory.SubFactory(DistrictBudgetFactory)
    initiative = factory.SubFactory(InitiativeFactory, status=InitiativeStatus.APPROVED)
    amount = Decimal("200")
