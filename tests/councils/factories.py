"""Factories for the councils app (seats, plans, goals, assignments)."""

import datetime

import factory
from django.utils import timezone

from tests import factories as f
from wijkkracht.councils.constants import AssignmentStatus, Measure, MemberStatus, PlanStatus, Position
from wijkkracht.councils.models import Assignment, CouncilMember, CouncilSettings, Meeting, Plan, PlanGoal, TemplateGoal


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(f.CouncilFactory)
    person = factory.SubFactory(f.PersonFactory)
    position = Position.MEMBER
    status = MemberStatus.CONFIRMED
    term_start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    term_end = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3 * 365))


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    council = factory.SubFactory(f.CouncilFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    status = PlanStatus.DRAFT
    summary = "Meer jongeren en werkenden in het wijkcentrum."

    @factory.post_generation
    def goals(obj, create, extracted, **kwargs):
        """goals=N adds N goals (default 1); goals=0 none."""
        if create:
            for _ in range(1 if extracted is None else extracted):
                PlanGoalFactory(plan=obj)


class PlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(PlanFactory, goals=0)
    title = factory.Sequence(lambda n: f"Doel {n}")
    target_groups = factory.LazyFunction(lambda: ["15_55"])
    target_value = 120
    measure = Measure.RESIDENTS_REACHED


class TemplateGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateGoal

    district = factory.SubFactory(f.DistrictFactory)
    title = factory.Sequence(lambda n: f"Sjabloondoel {n}")
    target_groups = factory.LazyFunction(lambda: ["15_55"])
    target_value = 10
    measure = Measure.ACTIVITIES_PER_MONTH
    order = factory.Sequence(lambda n: n + 1)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    council = factory.SubFactory(f.CouncilFactory)
    professional = factory.SubFactory(f.UserFactory)
    title = factory.Sequence(lambda n: f"Opdracht {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    status = AssignmentStatus.OFFERED


class CouncilSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilSettings
        django_get_or_create = ("municipality",)

    municipality = factory.SubFactory(f.MunicipalityFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(f.CouncilFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    location = "De grote zaal"
