"""factory_boy factories shared by every app's tests."""

import factory

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership, User
from wijkkracht.councils.models import Council
from wijkkracht.organisations.constants import OrganisationKind
from wijkkracht.organisations.models import Organisation
from wijkkracht.people.models import Person
from wijkkracht.places.models import AreaShape, CommunityCentre, District, Municipality, Neighbourhood, Room

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[4.85, 52.30], [4.86, 52.30], [4.86, 52.31], [4.85, 52.31], [4.85, 52.30]]],
}


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        skip_postgeneration_save = True
        django_get_or_create = ("cbs_code",)

    cbs_code = "GM0362"
    name = "Amstelveen"
    shape = factory.RelatedFactory("tests.factories.AreaShapeFactory", cbs_code=factory.SelfAttribute("..cbs_code"))


class AreaShapeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaShape
        django_get_or_create = ("cbs_code",)

    cbs_code = "GM0362"
    boundary = SQUARE
    svg_path = "M0 0L10 0L10 10Z"
    bbox = [0, 0, 10, 10]


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    cbs_code = factory.Sequence(lambda n: f"WK0362{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    shape = factory.RelatedFactory("tests.factories.AreaShapeFactory", cbs_code=factory.SelfAttribute("..cbs_code"))


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    cbs_code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.district.cbs_code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    shape = factory.RelatedFactory("tests.factories.AreaShapeFactory", cbs_code=factory.SelfAttribute("..cbs_code"))


class CommunityCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityCentre

    name = factory.Sequence(lambda n: f"Wijkcentrum {n}")
    district = factory.SubFactory(DistrictFactory)
    street = "Voorbeeldstraat 1"
    postcode = "1181 AA"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    centre = factory.SubFactory(CommunityCentreFactory)
    name = factory.Sequence(lambda n: f"Zaal {n}")
    capacity = 20


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.WELFARE
    municipality = factory.SubFactory(MunicipalityFactory)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Gebruikersraad {n}")
    district = factory.SubFactory(DistrictFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Bewoner{n}")
    last_name = "Test"
    birth_year = 1980
    synthetic = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.RESIDENT
