"""Factories for help requests."""

import factory

from tests import factories as f
from wijkkracht.support.constants import Category, Channel, RequestStatus, Urgency
from wijkkracht.support.models import HelpRequest


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest

    neighbourhood = factory.SubFactory(f.NeighbourhoodFactory)
    district = factory.LazyAttribute(lambda o: o.neighbourhood.district)
    contact_name = factory.Sequence(lambda n: f"Bewoner {n}")
    contact_phone = "020 123 45 67"
    channel = Channel.ONLINE
    category = Category.SHOPPING
    what = "Boodschappen doen, ik kan niet meer lopen."
    urgency = Urgency.NORMAL
    status = RequestStatus.NEW
    outcome = factory.LazyAttribute(lambda o: "resolved" if o.status == RequestStatus.CLOSED else "")
    synthetic = True
