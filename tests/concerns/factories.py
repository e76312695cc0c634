"""Factories for concerns."""

import factory

from tests import factories as f
from wijkkracht.concerns.constants import ConcernStatus, ReporterRole, Topic
from wijkkracht.concerns.models import Concern


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    neighbourhood = factory.SubFactory(f.NeighbourhoodFactory)
    district = factory.LazyAttribute(lambda o: o.neighbourhood.district)
    topic = Topic.LONELINESS
    description = "Mijn buurman komt al weken niet buiten; de post stapelt zich op."
    about_person = True
    person_hint = "Dhr. Jansen, nummer 12"
    reporter_role = ReporterRole.RESIDENT
    status = ConcernStatus.NEW
    priority = factory.LazyAttribute(lambda o: "" if o.status == ConcernStatus.NEW else "normal")
    feedback = factory.LazyAttribute(lambda o: "acted" if o.status == ConcernStatus.CLOSED else "")
    synthetic = True
