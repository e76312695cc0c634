"""The demo shows help requests in every state for the demo professional, all synthetic, idempotently."""

from io import StringIO

from django.core.management import call_command
from django.test import Client

from wijkkracht.demo.seed import DEMO_DOMAIN, HOME_CENTRE
from wijkkracht.places.models import CommunityCentre
from wijkkracht.support.constants import MatchStatus, RequestStatus
from wijkkracht.support.models import HelpRequest, Match


def test_the_demo_has_a_help_request_in_every_state_and_seeding_twice_adds_none(db):
    call_command("seed_demo", stdout=StringIO())
    home = CommunityCentre.objects.get(name=HOME_CENTRE)
    rows = HelpRequest.objects.filter(district=home.district)
    assert set(rows.values_list("status", flat=True)) == set(RequestStatus.values)
    assert not HelpRequest.objects.filter(synthetic=False).exists()
    assert not rows.filter(owner__isnull=True).exists()
    # Matching: the demo volunteer was asked, a helper said yes, one said no (the next was proposed), and
    # "match all open requests" proposed helpers for the rest.
    assert set(Match.objects.values_list("status", flat=True)) == {
        MatchStatus.OFFERED,
        MatchStatus.ACCEPTED,
        MatchStatus.DECLINED,
        MatchStatus.PROPOSED,
    }
    vera_match = Match.objects.get(
        volunteer__person__user__email=f"vrijwilliger@{DEMO_DOMAIN}", help_request__contact_name="Demo: Sanne Peters"
    )
    assert vera_match.status == MatchStatus.OFFERED
    count, matches = HelpRequest.objects.count(), Match.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert (HelpRequest.objects.count(), Match.objects.count()) == (count, matches)
    helper = Client()
    helper.force_login(vera_match.volunteer.person.user)
    assert vera_match in helper.get("/hulp/ik-help/").context["rows"]

    professional = Client()
    professional.force_login(home.district.help_requests.first().owner)
    queue = professional.get("/hulp/wachtrij/")
    assert queue.status_code == 200
    assert queue.context["page"].paginator.count == rows.open().count()
    resident = Client()
    resident.force_login(HelpRequest.objects.get(contact_name="Ria de Vries").person.user)
    assert resident.get("/hulp/mijn/").context["rows"][0].person.user.email == f"bewoner@{DEMO_DOMAIN}"
