"""Concerns: raising (with an account, throttled), the reporter seeing only their own concerns and a closing
feedback that says nothing about the person, triage, steps, a help request through support's service, closing
and reopening through the transition map, the access log, anonymisation with a frozen clock, counts with
suppression, least privilege across districts, and flat query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests.concerns.factories import ConcernFactory
from tests.concerns.matrix import help_request_data, raise_data, setup
from wijkkracht.audit.models import AuditEvent
from wijkkracht.concerns import jobs, services
from wijkkracht.concerns.constants import (
    ANONYMISED,
    FEEDBACK_TEXT,
    AuditAction,
    ConcernStatus,
    Feedback,
    ReporterRole,
    StepKind,
)
from wijkkracht.concerns.models import Concern, ConcernAccess, ConcernStep
from wijkkracht.concerns.throttling import RAISE_ACCOUNT
from wijkkracht.concerns.workflows import CONCERN_WORKFLOW
from wijkkracht.support.models import HelpRequest
from wijkkracht.workflow.models import StateChange
from wijkkracht.workflow.testing import walk_workflow

S = ConcernStatus


def _raise(client, world, **data):
    return client.post(reverse("concerns:raise"), {**raise_data(world), **data})


@pytest.mark.parametrize(
    "persona, role",
    [("resident", ReporterRole.RESIDENT), ("volunteer", ReporterRole.VOLUNTEER), ("coordinator", ReporterRole.PARTNER)],
)
def test_a_resident_volunteer_or_partner_raises_a_concern_owned_by_the_districts_professional(
    world, client_for, persona, role
):
    response = _raise(client_for(persona), world)
    assert response["Location"] == reverse("concerns:mine")
    concern = Concern.objects.get()
    assert (concern.district, concern.status, concern.reporter, concern.reporter_role, concern.owner) == (
        world.district_a,
        S.NEW,
        world.users[persona],
        role,
        world.users["professional_a"],
    )
    event = AuditEvent.objects.get(action=AuditAction.RAISE)
    assert set(event.detail) == {"district", "topic", "owner_assigned"}  # no description, no name


def test_a_concern_without_a_topic_or_description_is_refused_and_nothing_saved(world, client_for):
    response = _raise(client_for("resident"), world, topic="", description="", neighbourhood="999999")
    assert response.status_code == 200
    assert {"topic", "description", "neighbourhood"} <= set(response.context["form"].errors)
    assert Concern.objects.count() == 0
    with pytest.raises(ValidationError):
        services.concern_raise(
            actor=world.users["resident"], neighbourhood=world.neighbourhood_a, topic="aliens", description="x"
        )
    assert Concern.objects.count() == 0


def test_raising_is_throttled_per_account(world, client_for):
    client = client_for("resident")
    for _n in range(RAISE_ACCOUNT.limit):
        assert _raise(client, world).status_code == 302
    response = _raise(client, world)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert Concern.objects.count() == RAISE_ACCOUNT.limit


def test_the_reporter_sees_only_their_own_concerns_and_feedback_that_says_nothing_about_the_person(world, client_for):
    data = setup(world)
    pro_a = world.users["professional_a"]
    services.concern_triage(concern=data.own, actor=pro_a, priority="high", note="Dochter belt niet terug.")
    services.concern_step_record(concern=data.own, actor=pro_a, kind=StepKind.CONTACT, note="Huisbezoek gedaan.")
    services.concern_close(concern=data.own, actor=pro_a, feedback=Feedback.ACTED, reason="Thuiszorg geregeld.")
    page = client_for("resident").get(reverse("concerns:mine"))
    assert [c.pk for c in page.context["rows"]] == [data.own.pk]
    text = page.content.decode()
    assert str(FEEDBACK_TEXT[Feedback.ACTED]) in text
    for secret in ("Dochter belt niet terug", "Huisbezoek gedaan", "Thuiszorg geregeld", "Dhr. Jansen", "vandaag"):
        assert secret not in text
    assert client_for("resident").get(data.own.url).status_code == 403
    assert client_for("council_a").get(reverse("concerns:mine")).context["rows"] == []


def test_triage_needs_a_priority_and_an_owner_of_the_district(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    client.post(reverse("concerns:triage", args=[data.own.public_id]), {"priority": ""})
    client.post(
        reverse("concerns:triage", args=[data.own.public_id]),
        {"priority": "high", "owner": world.users["professional_b"].pk},
    )
    data.own.refresh_from_db()
    assert (data.own.status, data.own.priority, data.own.owner) == (S.NEW, "", world.users["professional_a"])
    client.post(reverse("concerns:triage", args=[data.own.public_id]), {"priority": "high", "note": "Snel."})
    data.own.refresh_from_db()
    assert (data.own.status, data.own.priority, data.own.triage_note) == (S.TRIAGED, "high", "Snel.")


def test_steps_need_a_triaged_concern_and_a_partner_when_routed_to_one(world):
    data = setup(world)
    pro_a = world.users["professional_a"]
    with pytest.raises(ValidationError, match="Beoordeel"):
        services.concern_step_record(concern=data.own, actor=pro_a, kind=StepKind.CONTACT)
    with pytest.raises(ValidationError):
        services.concern_step_record(concern=data.triaged, actor=pro_a, kind=StepKind.PARTNER)
    assert ConcernStep.objects.count() == 0
    data.triaged.refresh_from_db()
    assert data.triaged.status == S.TRIAGED
    services.concern_step_record(
        concern=data.triaged, actor=pro_a, kind=StepKind.PARTNER, organisation=world.other_organisation
    )
    data.triaged.refresh_from_db()
    assert data.triaged.status == S.IN_ACTION
    assert ConcernStep.objects.get().organisation == world.other_organisation


def test_a_concern_becomes_a_help_request_through_supports_service(world, client_for):
    data = setup(world)
    response = client_for("professional_a").post(
        reverse("concerns:help_request", args=[data.triaged.public_id]), help_request_data(world)
    )
    help_request = HelpRequest.objects.get()
    assert response["Location"] == help_request.url
    assert (help_request.owner, help_request.vulnerable, help_request.channel) == (
        world.users["professional_a"],
        True,
        "home_visit",
    )
    step = ConcernStep.objects.get()
    assert (step.kind, step.help_request) == (StepKind.HELP_REQUEST, help_request)
    data.triaged.refresh_from_db()
    assert data.triaged.status == S.IN_ACTION
    assert set(AuditEvent.objects.get(action=AuditAction.HELP_REQUEST).detail) == {"help_request"}


def test_a_help_request_with_a_bad_phone_number_changes_nothing(world, client_for):
    data = setup(world)
    response = client_for("professional_a").post(
        reverse("concerns:help_request", args=[data.triaged.public_id]),
        {**help_request_data(world), "contact_phone": "abc"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert HelpRequest.objects.count() == 0 and ConcernStep.objects.count() == 0
    data.triaged.refresh_from_db()
    assert data.triaged.status == S.TRIAGED


def test_closing_needs_a_feedback_from_the_list_and_reopening_a_reason(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    url = reverse("concerns:transition", args=[data.triaged.public_id])
    client.post(url, {"to": "closed", "feedback": "Mevrouw De Wit krijgt thuiszorg"})
    data.triaged.refresh_from_db()
    assert (data.triaged.status, data.triaged.feedback) == (S.TRIAGED, "")
    client.post(url, {"to": "closed", "feedback": "passed_on"})
    data.triaged.refresh_from_db()
    assert (data.triaged.status, data.triaged.feedback) == (S.CLOSED, "passed_on")
    client.post(url, {"to": "in_action"})
    data.triaged.refresh_from_db()
    assert data.triaged.status == S.CLOSED
    client.post(url, {"to": "in_action", "reason": "Opnieuw gemeld door de buren."})
    data.triaged.refresh_from_db()
    assert (data.triaged.status, data.triaged.feedback, data.triaged.closed_at) == (S.IN_ACTION, "", None)


def test_every_opening_is_in_the_access_log(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    client.get(data.own.url)
    page = client.get(data.own.url)
    assert ConcernAccess.objects.filter(concern=data.own, viewer=world.users["professional_a"]).count() == 2
    assert len(page.context["accesses"]) == 2
    client.head(data.own.url)  # a HEAD request shows nothing: no access
    assert ConcernAccess.objects.filter(concern=data.own).count() == 2


@pytest.mark.parametrize(
    "name, method, payload",
    [
        ("concerns:detail", "get", None),
        ("concerns:help_request", "get", None),
        ("concerns:triage", "post", {"priority": "high"}),
        ("concerns:step", "post", {"kind": "contact"}),
        ("concerns:help_request", "post", "help"),
        ("concerns:transition", "post", {"to": "closed", "feedback": "acted"}),
    ],
)
@pytest.mark.parametrize("target", ["own", "triaged"])
def test_a_professional_of_district_b_sees_and_changes_nothing_of_district_a(
    world, client_for, name, method, payload, target
):
    data = setup(world)
    concern = getattr(data, target)
    client = client_for("professional_b")
    url = reverse(name, args=[concern.public_id])
    before = (
        sorted(Concern.objects.values_list("pk", "status", "priority", "feedback")),
        ConcernStep.objects.count(),
        ConcernAccess.objects.count(),
        HelpRequest.objects.count(),
    )
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, help_request_data(world) if payload == "help" else payload)
    assert response.status_code == 403
    after = (
        sorted(Concern.objects.values_list("pk", "status", "priority", "feedback")),
        ConcernStep.objects.count(),
        ConcernAccess.objects.count(),
        HelpRequest.objects.count(),
    )
    assert after == before
    queue = client.get(reverse("concerns:queue"))
    assert [c.pk for c in queue.context["page"]] == [data.other.pk]


@override_settings(WIJKKRACHT_CONCERNS_ANONYMISE_DAYS=30)
def test_closed_concerns_are_anonymised_after_the_period_once(world):
    data = setup(world)
    pro_a = world.users["professional_a"]
    # Memberships start today, so the clock moves forward from now (never back before them).
    services.concern_step_record(concern=data.triaged, actor=pro_a, kind=StepKind.CONTACT, note="Gebeld met zus.")
    services.concern_close(concern=data.triaged, actor=pro_a, feedback=Feedback.ACTED, reason="Zus helpt nu.")
    closed_at = Concern.objects.get(pk=data.triaged.pk).closed_at
    with freeze_time(closed_at + timedelta(days=29)):
        assert jobs.anonymise_closed() == 0
    with freeze_time(closed_at + timedelta(days=31)):
        assert jobs.anonymise_closed() == 1
        assert jobs.anonymise_closed() == 0
    data.triaged.refresh_from_db()
    assert (data.triaged.description, data.triaged.person_hint, data.triaged.reporter) == (ANONYMISED, "", None)
    assert data.triaged.anonymised_at is not None and data.triaged.topic == "money"
    assert ConcernStep.objects.get().note == ""
    assert all(change.reason == "" for change in StateChange.objects.for_object(data.triaged))
    data.own.refresh_from_db()
    assert data.own.description != ANONYMISED  # open: kept


def test_counts_per_district_with_under_5_suppressed(world, client_for):
    for _n in range(6):
        ConcernFactory(neighbourhood=world.neighbourhood_a)
    for _n in range(2):
        ConcernFactory(neighbourhood=world.neighbourhood_b)
    rows = {
        r["district"]: dict(r["cells"]) for r in client_for("analyst").get(reverse("concerns:figures")).context["rows"]
    }
    assert rows["Randwijck"]["Gemeld"] == 6 and rows["Randwijck"]["eenzaamheid"] == 6
    assert rows["Westwijk"]["Gemeld"] is None and rows["Westwijk"]["geldzorgen"] == 0
    council = client_for("council_a").get(reverse("concerns:figures")).context["rows"]
    assert [r["district"] for r in council] == ["Randwijck"]
    page = client_for("analyst").get(reverse("concerns:figures")).content.decode()
    assert "Dhr. Jansen" not in page and "minder dan 5" in page


def test_home_and_district_pages_invite_to_raise_a_concern(world, client_for):
    client = client_for("anonymous")
    for url in (reverse("places:home"), reverse("places:district", args=[world.district_a.slug])):
        assert reverse("concerns:raise") in client.get(url).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_pages_make_the_same_number_of_queries_for_more_concerns(world, client_for):
    data = setup(world)
    pro, resident, analyst = client_for("professional_a"), client_for("resident"), client_for("analyst")
    pages = [(pro, reverse("concerns:queue")), (pro, data.triaged.url), (resident, reverse("concerns:mine"))]
    pages.append((analyst, reverse("concerns:figures")))
    [_queries(client, url) for client, url in pages]  # warm up (content types are cached after the first use)
    few = [_queries(client, url) for client, url in pages]
    pro_a = world.users["professional_a"]
    for n in range(12):
        ConcernFactory(neighbourhood=world.neighbourhood_a, reporter=world.users["resident"], owner=pro_a)
        services.concern_step_record(concern=data.triaged, actor=pro_a, kind=StepKind.CONTACT, note=f"Stap {n}")
        ConcernFactory(neighbourhood=world.neighbourhood_b, status=S.CLOSED)
    assert [_queries(client, url) for client, url in pages] == few


def test_the_concern_workflow(world):
    pro_a = world.users["professional_a"]

    def make(state):
        return ConcernFactory(
            neighbourhood=world.neighbourhood_a, status=state, owner=pro_a, priority="normal", feedback="acted"
        )

    walk = walk_workflow(
        CONCERN_WORKFLOW,
        make=make,
        by=pro_a,
        denied_by=world.users["professional_b"],
        blocked={
            (S.NEW, S.TRIAGED): lambda: ConcernFactory(neighbourhood=world.neighbourhood_a, priority=""),
            (S.TRIAGED, S.CLOSED): lambda: ConcernFactory(neighbourhood=world.neighbourhood_a, status=S.TRIAGED),
        },
    )
    assert walk.allowed == 6


def test_a_concern_is_closed_on_time_by_nobody_but_the_district(world):
    """Closing is a professional's move: the reporter cannot close their own concern."""
    data = setup(world)
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the policy
        services.concern_close(concern=data.own, actor=world.users["resident"], feedback=Feedback.NO_ACTION)
    data.own.refresh_from_db()
    assert data.own.status == S.NEW and timezone.now() - data.own.created_at < timedelta(minutes=5)
