"""Factories for volunteers."""

import datetime

import factory
from django.utils import timezone

from tests import factories as f
from wijkkracht.volunteers.constants import CertificateKind, TagKind, VacancyPlace, VolunteerStatus
from wijkkracht.volunteers.models import (
    Application,
    Certificate,
    HoursEntry,
    Shift,
    StandIn,
    StopReason,
    Tag,
    Vacancy,
    Volunteer,
)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("kind", "name")

    kind = TagKind.SKILL
    name = factory.Sequence(lambda n: f"Vaardigheid {n}")


class StopReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StopReason
        django_get_or_create = ("name",)

    name = "Geen tijd meer"


class VolunteerFactory(factory.django.DjangoModelFactory):
    """A volunteer in any state that passes every guard: a pause has an end, a stop has a reason."""

    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    person = factory.SubFactory(f.PersonFactory)
    status = VolunteerStatus.ACTIVE
    availability = factory.LazyFunction(lambda: ["mon_morning", "wed_afternoon"])
    languages = "Nederlands"
    max_hours_per_week = 4
    paused_until = factory.LazyAttribute(
        lambda o: timezone.localdate() + datetime.timedelta(days=30) if o.status == VolunteerStatus.PAUSED else None
    )
    stop_reason = factory.LazyAttribute(lambda o: StopReasonFactory() if o.status == VolunteerStatus.STOPPED else None)

    @factory.post_generation
    def centres(self, create, extracted, **kwargs):
        if create and extracted:
            self.centres.set(extracted)

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Gastvrouw {n}")
    description = "Koffie schenken en mensen welkom heten."
    place = VacancyPlace.CENTRE
    centre = factory.SubFactory(f.CommunityCentreFactory)
    district = factory.LazyAttribute(lambda o: o.centre.district if o.centre else f.DistrictFactory())
    slots = factory.LazyFunction(lambda: ["mon_morning"])
    hours_per_week = 2
    places = 2

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory)
    name = "Sanne de Boer"
    phone = "06 1234 5678"


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    volunteer = factory.SubFactory(VolunteerFactory)
    kind = CertificateKind.VOG
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class HoursEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursEntry

    volunteer = factory.SubFactory(VolunteerFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    hours = 2
    centre = None
    district = factory.SubFactory(f.DistrictFactory)
    description = "Koffie geschonken"


class ShiftFactory(factory.django.DjangoModelFactory):
    """A shift of two hours, three days ahead, at a centre (pass `centre`)."""

    class Meta:
        model = Shift

    title = "Bar in het wijkcentrum"
    district = factory.LazyAttribute(lambda o: o.centre.district if o.centre else None)
    centre = None
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class StandInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandIn

    shift = factory.SubFactory(ShiftFactory)
    asked_by = factory.LazyAttribute(lambda o: o.shift.volunteer)
