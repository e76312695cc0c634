"""Matching a helper to a help request: the ranked helpers with their reasons (the matching engine through the
adapter in support/ranking.py), the professional confirming one, the helper saying yes or no, a decline
proposing the next, the batch "match all open requests", and the bad input (no VOG, over capacity, a minor
for a vulnerable resident, a request someone else just matched)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests.support.factories import HelpRequestFactory
from tests.volunteers import factories as vf
from wijkkracht.audit.models import AuditEvent
from wijkkracht.places.models import Neighbourhood
from wijkkracht.support import ranking, services
from wijkkracht.support.constants import AuditAction, MatchStatus, RequestStatus
from wijkkracht.support.models import HelpRequest, Match, RequestAccess
from wijkkracht.volunteers.constants import VolunteerStatus
from wijkkracht.volunteers.models import AvailabilityException

S = RequestStatus
HERE = (52.300, 4.860)
NEAR = (52.305, 4.865)  # about 650 m
FAR = (52.330, 4.900)  # about 4.3 km


@pytest.fixture(autouse=True)
def _fresh_ranking_cache():
    ranking.clear_cache()
    yield
    ranking.clear_cache()


@pytest.fixture
def place(world):
    """District A's neighbourhood at HERE, a near and a far neighbourhood in district A."""
    Neighbourhood.objects.filter(pk=world.neighbourhood_a.pk).update(centroid_lat=HERE[0], centroid_lon=HERE[1])
    world.neighbourhood_a.refresh_from_db()
    near = f.NeighbourhoodFactory(district=world.district_a, centroid_lat=NEAR[0], centroid_lon=NEAR[1])
    far = f.NeighbourhoodFactory(district=world.district_a, centroid_lat=FAR[0], centroid_lon=FAR[1])
    return {"here": world.neighbourhood_a, "near": near, "far": far}


def helper(neighbourhood, *, name="Helper", skills=(), birth_year=1980, vog=False, **kwargs):
    person = f.PersonFactory(first_name=name, neighbourhood=neighbourhood, birth_year=birth_year)
    volunteer = vf.VolunteerFactory(
        person=person, skills=[vf.TagFactory(name=s) for s in skills], **{"max_hours_per_week": 4, **kwargs}
    )
    if vog:
        vf.CertificateFactory(volunteer=volunteer)
    return volunteer


def seeking(world, **kwargs):
    return HelpRequestFactory(
        neighbourhood=world.neighbourhood_a,
        owner=world.users["professional_a"],
        **{"status": S.MATCHING, "category": "small_jobs", "consent_share": True, **kwargs},
    )


def names(ranked):
    return [r.volunteer.person.first_name for r in ranked]


def test_helpers_are_ranked_by_the_engine_with_their_reasons(world, place):
    handy = helper(place["near"], name="Handig", skills=["Klussen"])
    close = helper(place["here"], name="Dichtbij")
    helper(place["far"], name="Ver")
    helper(place["here"], name="Gestopt", status=VolunteerStatus.STOPPED)
    away = helper(place["here"], name="Weg")
    AvailabilityException.objects.create(volunteer=away, starts_on=timezone.localdate(), ends_on=timezone.localdate())
    elsewhere = helper(place["here"], name="Elders")
    elsewhere.work_districts.set([world.district_b])
    request = seeking(world, slots=["mon_morning"], languages="Nederlands")

    ranked = ranking.ranked_helpers(request, today=timezone.localdate())

    assert names(ranked) == ["Handig", "Dichtbij", "Ver"]  # skills weigh more than 650 m
    assert ranked[0].volunteer == handy and ranked[1].volunteer == close
    reasons = ranked[0].reasons
    assert reasons[0] == "Woont ongeveer 0.7 km verderop"
    assert "Kan: Klussen" in reasons
    assert "Kan op 1 van de 1 momenten" in reasons
    assert "Spreekt nederlands" in reasons
    assert "Helpt nu bij 0 van de 2 vragen die passen" in reasons
    assert "Heeft geen van de gevraagde vaardigheden" in ranked[1].reasons


def test_a_vulnerable_resident_gets_only_adults_with_a_valid_vog(world, place):
    helper(place["here"], name="ZonderVOG")
    helper(place["here"], name="Jong", birth_year=timezone.localdate().year - 17, vog=True)
    helper(place["near"], name="MetVOG", vog=True)
    request = seeking(world, vulnerable=True)
    ranked = ranking.ranked_helpers(request, today=timezone.localdate())
    assert names(ranked) == ["MetVOG"]
    assert "Heeft een geldige VOG en is volwassen" in ranked[0].reasons


def test_having_helped_this_resident_before_counts(world, place):
    ria = world.users["resident"].person
    before = helper(place["far"], name="Bekend")
    helper(place["here"], name="Nieuw")
    earlier = seeking(world, person=ria, status=S.CLOSED)
    Match.objects.create(help_request=earlier, volunteer=before, status=MatchStatus.ACCEPTED)
    ranked = ranking.ranked_helpers(seeking(world, person=ria), today=timezone.localdate())
    assert names(ranked) == ["Bekend", "Nieuw"]
    assert "Heeft deze bewoner eerder geholpen" in ranked[0].reasons


def test_the_professional_asks_the_helper_accepts_and_the_request_has_a_helper(world, place, client_for):
    vera = vf.VolunteerFactory(person=world.users["volunteer"].person)
    request = seeking(world, contact_name="Mevrouw Bos", contact_phone="020 111 22 33")
    pro = client_for("professional_a")

    page = pro.get(request.url)
    assert [r.volunteer for r in page.context["ranked"]] == [vera]
    html = page.content.decode()
    offer = reverse("support:match_offer", args=[request.public_id])
    assert f'<form method="post" action="{offer}">' in html and f'value="{vera.public_id}"' in html
    assert '<td data-label="Waarom">behandeling van de vraag</td>' in html  # the access log, labelled per row
    response = pro.post(reverse("support:match_offer", args=[request.public_id]), {"volunteer": str(vera.public_id)})
    assert response.status_code == 302
    match = Match.objects.get(help_request=request)
    assert (match.status, match.offered_by) == (MatchStatus.OFFERED, world.users["professional_a"])
    assert match.parts["base"] == 1.0 and match.distance_m == 0.0

    helper_client = client_for("volunteer")
    before = helper_client.get(reverse("support:helping")).content.decode()
    assert "Mevrouw Bos" not in before and "020 111 22 33" not in before  # only the minimum before saying yes
    assert RequestAccess.objects.filter(help_request=request, viewer=world.users["volunteer"]).count() == 1
    helper_client.post(reverse("support:match_answer", args=[match.public_id]), {"answer": "yes"})
    match.refresh_from_db()
    request.refresh_from_db()
    assert (match.status, request.status) == (MatchStatus.ACCEPTED, S.MATCHED)
    after = helper_client.get(reverse("support:helping")).content.decode()
    assert "Mevrouw Bos" in after and "020 111 22 33" in after
    actions = list(AuditEvent.objects.filter(action__startswith="support.match").values_list("action", flat=True))
    assert sorted(actions) == sorted([AuditAction.MATCH_OFFER, AuditAction.MATCH_ACCEPT])


def test_without_consent_the_helper_never_sees_the_name(world, place, client_for):
    vera = vf.VolunteerFactory(person=world.users["volunteer"].person)
    request = seeking(world, contact_name="Meneer Geheim", consent_share=False)
    match = services.match_offer(help_request=request, volunteer=vera, actor=world.users["professional_a"])
    services.match_accept(match=match, actor=world.users["volunteer"])
    html = client_for("volunteer").get(reverse("support:helping")).content.decode()
    assert "Meneer Geheim" not in html and "brengt u in contact" in html


def test_a_decline_proposes_the_next_best_helper(world, place):
    first = helper(place["here"], name="Eerste", skills=["Klussen"])
    second = helper(place["near"], name="Tweede")
    request = seeking(world)
    match = services.match_offer(help_request=request, volunteer=first, actor=world.users["professional_a"])
    declined, proposal = services.match_decline(match=match, actor=first.person.user or _account_for(first))
    assert declined.status == MatchStatus.DECLINED
    assert (proposal.volunteer, proposal.status) == (second, MatchStatus.PROPOSED)
    request.refresh_from_db()
    assert request.status == S.MATCHING
    # Whoever declined is never offered this request again, nor proposed by the batch.
    assert names(ranking.ranked_helpers(request, today=timezone.localdate(), exclude=None)) == []
    with pytest.raises(ValidationError, match="al nee gezegd"):
        services.match_offer(help_request=request, volunteer=first, actor=world.users["professional_a"])
    confirmed = services.match_confirm(match=proposal, actor=world.users["professional_a"])
    assert confirmed.status == MatchStatus.OFFERED


def _account_for(volunteer):
    user = f.UserFactory()
    person = volunteer.person
    person.user = user
    person.save(update_fields=["user"])
    return user


def _nothing_changed(request, count_before):
    assert Match.objects.count() == count_before
    assert HelpRequest.objects.get(pk=request.pk).status == request.status


def test_bad_input_is_refused_with_a_reason_and_changes_nothing(world, place):
    pro = world.users["professional_a"]
    no_vog = helper(place["here"], name="ZonderVOG")
    minor = helper(place["here"], name="Jong", birth_year=timezone.localdate().year - 16, vog=True)
    busy = helper(place["here"], name="Druk", max_hours_per_week=2)  # room for one request
    Match.objects.create(help_request=seeking(world), volunteer=busy, status=MatchStatus.ACCEPTED)
    vulnerable = seeking(world, vulnerable=True)
    plain = seeking(world)
    count = Match.objects.count()
    cases = [
        (vulnerable, no_vog, "geldige VOG nodig"),
        (vulnerable, minor, "onder de 18"),
        (plain, busy, "zoveel vragen als past"),
    ]
    for request, volunteer, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.match_offer(help_request=request, volunteer=volunteer, actor=pro)
        _nothing_changed(request, count)
    new = seeking(world, status=S.INTAKE)
    with pytest.raises(ValidationError, match="zoekt een helper"):
        services.match_offer(help_request=new, volunteer=no_vog, actor=pro)
    services.match_offer(help_request=plain, volunteer=no_vog, actor=pro)
    other = helper(place["here"], name="Ander")
    with pytest.raises(ValidationError, match="al een helper gevraagd"):
        services.match_offer(help_request=plain, volunteer=other, actor=pro)
    assert Match.objects.filter(help_request=plain).count() == 1


def test_a_refusal_on_the_page_is_a_message_not_an_error(world, place, client_for):
    no_vog = helper(place["here"], name="ZonderVOG")
    request = seeking(world, vulnerable=True)
    response = client_for("professional_a").post(
        reverse("support:match_offer", args=[request.public_id]), {"volunteer": str(no_vog.public_id)}, follow=True
    )
    assert response.status_code == 200
    assert "geldige VOG nodig" in response.content.decode()
    assert not Match.objects.exists()
    response = client_for("professional_a").post(
        reverse("support:match_offer", args=[request.public_id]), {"volunteer": "geen-id"}, follow=True
    )
    assert "Kies een helper uit de lijst." in response.content.decode()


def test_match_all_proposes_the_best_overall_assignment_for_confirmation(world, place, client_for):
    # Two requests, two helpers with room for one each. Greedy per request would give the first request its
    # best helper (the handyman) and leave the second (which only the handyman can do: it is vulnerable and
    # only he holds a VOG) without anyone; the solver matches both.
    handyman = helper(place["here"], name="Klusser", skills=["Klussen"], vog=True, max_hours_per_week=2)
    other = helper(place["near"], name="Ander", max_hours_per_week=2)
    first = seeking(world, category="small_jobs")
    second = seeking(world, category="company", vulnerable=True)
    pro = client_for("professional_a")
    response = pro.post(reverse("support:match_all", args=[world.district_a.slug]))
    assert response.status_code == 302
    proposals = {m.help_request_id: m.volunteer for m in Match.objects.proposed()}
    assert proposals == {first.pk: other, second.pk: handyman}
    page = pro.get(reverse("support:match_all", args=[world.district_a.slug]))
    assert len(page.context["proposals"]) == 2 and page.context["waiting"] == 0
    pro.post(reverse("support:match_confirm_all", args=[world.district_a.slug]))
    assert set(Match.objects.values_list("status", flat=True)) == {MatchStatus.OFFERED}
    # Run again: nothing open without a match, so nothing new.
    assert services.match_propose_all(district=world.district_a, actor=world.users["professional_a"]) == []


def test_closing_a_request_lets_its_open_proposals_and_offers_lapse(world, place):
    volunteer = helper(place["here"])
    request = seeking(world)
    match = services.match_offer(help_request=request, volunteer=volunteer, actor=world.users["professional_a"])
    services.help_request_close(help_request=request, actor=world.users["professional_a"], outcome="withdrawn")
    match.refresh_from_db()
    assert match.status == MatchStatus.CANCELLED


def test_the_request_page_with_ranked_helpers_makes_the_same_number_of_queries_however_many_helpers(
    world, place, client_for
):
    request = seeking(world)
    pro = client_for("professional_a")

    def count():
        ranking.clear_cache()
        with CaptureQueriesContext(connection) as ctx:
            assert pro.get(request.url).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        helper(place["near"], name=f"A{i}", skills=["Klussen"], vog=True)
    few = count()
    for i in range(30):
        helper(place["far"], name=f"B{i}", skills=["Klussen", "Koken"], vog=bool(i % 2))
    assert count() == few


def test_the_helper_page_and_the_batch_page_make_the_same_number_of_queries_however_many_rows(world, place, client_for):
    vera = vf.VolunteerFactory(person=world.users["volunteer"].person, max_hours_per_week=60)
    others = [helper(place["near"], name=f"H{i}") for i in range(2)]

    def add(n):
        for _ in range(n):
            Match.objects.create(help_request=seeking(world), volunteer=vera, status=MatchStatus.OFFERED)
            Match.objects.create(help_request=seeking(world), volunteer=others[0], status=MatchStatus.PROPOSED)

    def count(client, url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    helping, batch = reverse("support:helping"), reverse("support:match_all", args=[world.district_a.slug])
    add(2)
    few = (count(client_for("volunteer"), helping), count(client_for("professional_a"), batch))
    add(8)
    assert (count(client_for("volunteer"), helping), count(client_for("professional_a"), batch)) == few
    assert RequestAccess.objects.filter(viewer=world.users["volunteer"]).count() == 2 + 10
