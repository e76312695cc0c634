"""The demo has concerns in every state in the home district, all synthetic, and seeding twice adds none."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from wijkkracht.concerns.constants import ConcernStatus, StepKind
from wijkkracht.concerns.models import Concern, ConcernStep
from wijkkracht.demo.seed import DEMO_DOMAIN, HOME_CENTRE
from wijkkracht.places.models import CommunityCentre


def test_the_demo_has_a_concern_in_every_state_and_seeding_twice_adds_none(db):
    call_command("seed_demo", stdout=StringIO())
    home = CommunityCentre.objects.get(name=HOME_CENTRE)
    rows = Concern.objects.filter(district=home.district)
    assert set(rows.values_list("status", flat=True)) == set(ConcernStatus.values)
    assert not Concern.objects.filter(synthetic=False).exists() and not rows.filter(owner__isnull=True).exists()
    assert {StepKind.HELP_REQUEST, StepKind.PARTNER, StepKind.MUNICIPALITY} <= set(
        ConcernStep.objects.values_list("kind", flat=True)
    )
    count = Concern.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Concern.objects.count() == count
    professional = Client()
    professional.force_login(rows.first().owner)
    assert professional.get("/zorgsignalen/wachtrij/").status_code == 200
    resident = Client()
    resident.force_login(rows.get(topic="loneliness").reporter)
    mine = resident.get("/zorgsignalen/mijn/")
    assert all(c.reporter.email == f"bewoner@{DEMO_DOMAIN}" for c in mine.context["rows"])


def test_seed_scale_makes_concerns_over_five_years_once(world):
    from django.utils import timezone

    from wijkkracht.demo.concerns import seed_concern_scale

    assert seed_concern_scale(people=300) == {"concerns": 50}
    rows = Concern.objects.all()
    assert rows.count() == 50
    assert rows.filter(status=ConcernStatus.CLOSED).exclude(feedback="").count() == rows.closed().count()
    assert rows.filter(anonymised_at__isnull=False).exists()
    oldest = rows.order_by("created_at").first().created_at
    assert (timezone.now() - oldest).days > 365  # spread over the years, not all stamped today
    assert seed_concern_scale(people=300) == {"concerns": 0}
    assert Concern.objects.count() == 50
