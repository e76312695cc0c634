"""Factories for centre life."""

import datetime as dt

import factory

from tests import factories as f
from wijkkracht.activities.constants import ActivityStatus
from wijkkracht.activities.models import Activity, Category, Session


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Soort {n}")
    slug = factory.Sequence(lambda n: f"soort-{n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """A weekly activity on Wednesdays 19:30–21:00 from 4 November 2026 (rows only: no sessions are made)."""

    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    description = "Samen iets doen."
    category = factory.SubFactory(CategoryFactory)
    centre = factory.SubFactory(f.CommunityCentreFactory)
    district = factory.SelfAttribute("centre.district")
    age_25_45 = True
    starts_on = dt.date(2026, 11, 4)
    start_time = dt.time(19, 30)
    end_time = dt.time(21, 0)
    rrule = "FREQ=WEEKLY;BYDAY=WE"
    status = ActivityStatus.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory)
    date = dt.date(2026, 11, 25)
    starts_at = factory.LazyAttribute(lambda o: dt.datetime.combine(o.date, o.activity.start_time, tzinfo=dt.UTC))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1, minutes=30))
