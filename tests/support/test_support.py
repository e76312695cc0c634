"""Help requests: asking (with and without an account), taking on behalf, the owner, the queue, the request
page and its access log, the transition map, and a professional of another district seeing nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from tests import factories as f
from tests.support.factories import HelpRequestFactory
from tests.support.matrix import ask_data, setup
from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import ThrottleEvent
from wijkkracht.audit.models import AuditEvent
from wijkkracht.support import jobs, services
from wijkkracht.support.constants import (
    AuditAction,
    Channel,
    EscalationReason,
    Outcome,
    RequestStatus,
    offered_categories,
)
from wijkkracht.support.models import FollowUp, HelpRequest, LadderStep, NetworkContact, Referral, RequestAccess
from wijkkracht.support.workflows import HELP_REQUEST_WORKFLOW
from wijkkracht.workflow.maps import GuardFailed, TransitionNotAllowed
from wijkkracht.workflow.models import StateChange
from wijkkracht.workflow.testing import walk_workflow

S = RequestStatus


def test_a_resident_without_an_account_asks_with_a_name_and_a_phone_number(world, client_for):
    response = client_for("anonymous").post(reverse("support:ask"), ask_data(world))
    assert response.status_code == 302
    assert response["Location"] == reverse("support:thanks")
    help_request = HelpRequest.objects.get()
    assert (help_request.district, help_request.person, help_request.channel, help_request.status) == (
        world.district_a,
        None,
        Channel.ONLINE,
        S.NEW,
    )
    assert (help_request.contact_name, help_request.contact_phone) == ("Henk", "020 765 43 21")
    assert help_request.owner == world.users["professional_a"]  # the district's professional
    event = AuditEvent.objects.get(action=AuditAction.ASK)
    assert event.object_id == str(help_request.public_id)
    assert set(event.detail) == {"district", "owner_assigned"}  # ids and a flag: no name, no phone


def test_without_a_phone_number_an_anonymous_request_is_refused_and_nothing_is_saved(world, client_for):
    data = {**ask_data(world), "contact_phone": ""}
    response = client_for("anonymous").post(reverse("support:ask"), data)
    assert response.status_code == 200
    assert "contact_phone" in response.context["form"].errors
    assert HelpRequest.objects.count() == 0


def test_the_service_refuses_a_request_without_a_way_to_reach_the_resident(world):
    data = {**ask_data(world), "contact_phone": ""}
    data.pop("neighbourhood")
    with pytest.raises(ValidationError) as error:
        services.help_request_ask(actor=None, neighbourhood=world.neighbourhood_a, **data)
    assert "contact_phone" in error.value.error_dict
    assert HelpRequest.objects.count() == 0


def test_a_resident_with_an_account_asks_without_a_phone_and_sees_it_under_my_requests(world, client_for):
    client = client_for("resident")
    form = client.get(reverse("support:ask")).context["form"]
    assert form.initial["neighbourhood"] == world.neighbourhood_a.pk
    response = client.post(reverse("support:ask"), {**ask_data(world), "contact_phone": "", "vulnerable": "on"})
    assert response["Location"] == reverse("support:mine")
    help_request = HelpRequest.objects.get()
    assert help_request.person == world.users["resident"].person
    assert help_request.vulnerable is False  # the professional decides that at the intake
    mine = client.get(reverse("support:mine"))
    assert [r.pk for r in mine.context["rows"]] == [help_request.pk]
    # Opening one's own request is not someone else's view of personal data: no access log row.
    assert client.get(help_request.url).status_code == 200
    assert RequestAccess.objects.count() == 0


def test_the_district_page_offers_only_its_own_neighbourhoods(world, client_for):
    f.NeighbourhoodFactory(district=world.district_b, cbs_code="BU03620702", name="Westwijk Zuid")
    response = client_for("anonymous").get(reverse("support:ask") + f"?wijk={world.district_b.slug}")
    choices = response.context["form"].fields["neighbourhood"].choices
    offered = [name for _group, items in choices[1:] for _pk, name in items]
    assert offered == ["Westwijk Noord", "Westwijk Zuid"]


@pytest.mark.parametrize("page", ["places:home", "places:district"])
def test_home_and_district_pages_have_an_ask_for_help_button(world, client_for, page):
    args = [world.district_a.slug] if page == "places:district" else []
    html = client_for("anonymous").get(reverse(page, args=args)).content.decode()
    expected = reverse("support:ask") + (f"?wijk={world.district_a.slug}" if args else "")
    assert f'href="{expected}"' in html


@override_settings(WIJKKRACHT_SUPPORT_CATEGORIES=["company", "shopping", "nonsense"])
def test_the_categories_are_configurable_and_an_unoffered_one_is_refused(world):
    assert [value for value, _label in offered_categories()] == ["company", "shopping"]
    data = {**ask_data(world), "category": "transport"}
    data.pop("neighbourhood")
    with pytest.raises(ValidationError):
        services.help_request_ask(actor=None, neighbourhood=world.neighbourhood_a, **data)
    assert HelpRequest.objects.count() == 0


def test_a_professional_takes_a_request_by_phone_and_owns_it(world, client_for):
    data = {**ask_data(world), "channel": "desk", "vulnerable": "on", "consent_share": "on"}
    response = client_for("professional_a").post(reverse("support:take"), data)
    help_request = HelpRequest.objects.get()
    assert response["Location"] == help_request.url
    assert (help_request.channel, help_request.vulnerable, help_request.consent_share) == (Channel.DESK, True, True)
    assert help_request.consent_given_at is not None
    assert help_request.owner == world.users["professional_a"] == help_request.created_by
    assert AuditEvent.objects.filter(action=AuditAction.ASK_ON_BEHALF, object_id=str(help_request.public_id)).exists()


def test_a_professional_cannot_take_a_request_for_another_district(world):
    data = {**ask_data(world), "category": "shopping"}
    data.pop("neighbourhood")
    with pytest.raises(PermissionDenied):
        services.help_request_take(
            actor=world.users["professional_b"], neighbourhood=world.neighbourhood_a, channel="phone", **data
        )
    assert HelpRequest.objects.count() == 0


def test_the_default_owner_is_the_district_professional_with_the_fewest_open_requests(world):
    second = f.UserFactory(email="pro.a2@example.org")
    f.MembershipFactory(user=second, role=Role.PROFESSIONAL, organisation=world.organisation, district=world.district_a)
    HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=world.users["professional_a"])
    HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=second, status=S.CLOSED)  # closed: not counted
    assert services.default_owner(world.district_a.pk) == second
    assert services.default_owner(world.district_b.pk) == world.users["professional_b"]


def test_opening_a_request_is_written_to_the_access_log_and_shown_to_the_professionals(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    client.get(data.own.url)
    response = client.get(data.own.url)
    access = RequestAccess.objects.filter(help_request=data.own)
    assert [(a.viewer, a.purpose) for a in access] == [(world.users["professional_a"], "handling")] * 2
    assert len(response.context["accesses"]) == 2
    # The resident sees her own request, not the log and not the professionals' notes.
    resident_page = client_for("resident").get(data.own.url)
    assert "accesses" not in resident_page.context
    assert resident_page.context["handles"] is False


def test_a_professional_of_district_b_cannot_see_district_a_by_any_url_or_id(world, client_for):
    data = setup(world)
    client = client_for("professional_b")
    queue = client.get(reverse("support:queue") + "?status=")
    assert [r.pk for r in queue.context["page"]] == [data.other.pk]
    for status in [*S.values, "closed"]:
        listed = client.get(reverse("support:queue") + f"?status={status}").context["page"]
        assert data.own.pk not in [r.pk for r in listed] and data.phone.pk not in [r.pk for r in listed]
    for target in (data.own, data.phone):
        assert client.get(target.url).status_code == 403
        before = (HelpRequest.objects.get(pk=target.pk).status, HelpRequest.objects.get(pk=target.pk).owner_id)
        for name, payload in (
            ("support:transition", {"to": "matching"}),
            ("support:transition", {"to": "closed", "outcome": "resolved"}),
            ("support:owner", {"owner": world.users["professional_b"].pk}),
        ):
            assert client.post(reverse(name, args=[target.public_id]), payload).status_code == 403
        after = HelpRequest.objects.get(pk=target.pk)
        assert (after.status, after.owner_id) == before
    assert RequestAccess.objects.count() == 0
    # The service says the same, whatever the view does.
    with pytest.raises(PermissionDenied):
        services.help_request_view_record(help_request=data.own, actor=world.users["professional_b"])
    with pytest.raises(PermissionDenied):
        services.help_request_set_owner(
            help_request=data.own, actor=world.users["professional_b"], owner=world.users["professional_b"]
        )


def test_the_queue_shows_no_personal_data(world, client_for):
    data = setup(world)
    html = client_for("professional_a").get(reverse("support:queue")).content.decode()
    assert data.own.url in html
    for secret in (data.own.contact_name, data.phone.contact_name, "020 123 45 67", data.own.what):
        assert secret not in html


def test_the_queue_is_urgent_and_old_first_with_a_constant_number_of_queries(world, client_for):
    client = client_for("professional_a")
    url = reverse("support:queue")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    HelpRequestFactory(neighbourhood=world.neighbourhood_a, urgency="low")
    few = count()
    urgent = HelpRequestFactory(
        neighbourhood=world.neighbourhood_a, urgency="high", owner=world.users["professional_a"]
    )
    for _ in range(5):
        HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=world.users["professional_a"])
    assert count() == few
    page = client.get(url).context["page"]
    assert page[0] == urgent


def test_the_lists_show_labels_links_and_owners_with_queries_that_stay_flat_as_rows_grow(world, client_for):
    """The queue and the escalation list translate their labels once per page and format the links from one
    reversed address; what a row shows (category, urgency, status, owner as "ik", a name or "niemand") and the
    number of queries stay the same however many rows there are."""
    me, other = world.users["professional_a"], world.users["professional_b"]
    client = client_for("professional_a")

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        # The lists never even read the resident's name, phone number or question.
        private = ('"support_helprequest"."contact_name"', '"support_helprequest"."what"')
        leaks = [q["sql"][:150] for q in ctx.captured_queries if any(column in q["sql"] for column in private)]
        assert not leaks, leaks
        return len(ctx.captured_queries), response.content.decode()

    mine = HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=me, urgency="high", category="shopping")
    nobody = HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=None, status=S.INTAKE)
    closed = HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=me, status=S.CLOSED, category="company")
    FollowUp.objects.create(help_request=closed, due_on=timezone.localdate())
    few_queue, _html = count(reverse("support:queue"))
    few_escalations, _html = count(reverse("support:escalations"))
    someone = HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=other)
    for _ in range(8):
        HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=None)
        HelpRequestFactory(neighbourhood=world.neighbourhood_a, owner=me)
        FollowUp.objects.create(help_request=closed, due_on=timezone.localdate())
    queue_queries, html = count(reverse("support:queue"))
    escalation_queries, escalations = count(reverse("support:escalations"))
    assert (queue_queries, escalation_queries) == (few_queue, few_escalations)
    for row in (mine, nobody, someone):
        assert f'href="{row.url}"' in html
    assert f'<a href="{mine.url}">{mine.get_category_display().capitalize()}</a>' in html
    assert f">{mine.get_urgency_display()}</td>" in html
    assert f">{nobody.get_status_display()}</td>" in html
    assert ">ik</td>" in html and f">{other}</td>" in html and "<strong>niemand</strong>" in html
    assert f'href="{nobody.url}"' in escalations and f'href="{mine.url}"' not in escalations
    assert f'href="{closed.url}#nagesprek">{closed.get_category_display().capitalize()}, ' in escalations
    assert "zonder eigenaar" in escalations and f">{nobody.get_status_display()}</td>" in escalations


def test_the_professional_moves_a_request_through_the_map_and_every_step_is_history(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    url = reverse("support:transition", args=[data.own.public_id])
    client.post(url, {"to": "intake"})
    client.post(url, {"to": "matching"})
    client.post(url, {"to": "matched", "reason": "De buurvrouw doet de boodschappen."})
    client.post(url, {"to": "in_progress"})
    client.post(url, {"to": "closed", "outcome": "resolved"})
    help_request = HelpRequest.objects.get(pk=data.own.pk)
    assert (help_request.status, help_request.outcome) == (S.CLOSED, Outcome.RESOLVED)
    assert help_request.closed_at is not None
    history = [c.target for c in StateChange.objects.for_object(help_request)]
    assert history == ["intake", "matching", "matched", "in_progress", "closed"]
    assert AuditEvent.objects.filter(action=AuditAction.STATUS, object_id=str(help_request.public_id)).count() == 5
    assert AuditEvent.objects.filter(action=AuditAction.CLOSE).count() == 1
    client.post(url, {"to": "reopened", "reason": "Ze belde terug: de buurvrouw is verhuisd."})
    help_request.refresh_from_db()
    assert (help_request.status, help_request.outcome, help_request.closed_at) == (S.REOPENED, "", None)


def test_a_move_the_map_forbids_changes_nothing_and_says_so(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    response = client.post(reverse("support:transition", args=[data.own.public_id]), {"to": "in_progress"}, follow=True)
    assert HelpRequest.objects.get(pk=data.own.pk).status == S.NEW
    assert "niet" in " ".join(str(m) for m in response.context["messages"])
    with pytest.raises(TransitionNotAllowed):
        services.help_request_move(help_request=data.own, actor=world.users["professional_a"], to=S.IN_PROGRESS)
    # Closing without an outcome is refused by the guard.
    with pytest.raises(ValidationError):
        services.help_request_close(help_request=data.own, actor=world.users["professional_a"], outcome="")
    assert HelpRequest.objects.get(pk=data.own.pk).status == S.NEW
    assert StateChange.objects.count() == 0


def test_the_resident_can_only_withdraw_and_only_before_the_help_starts(world, client_for):
    data = setup(world)
    resident = world.users["resident"]
    with pytest.raises(PermissionDenied):
        services.help_request_close(help_request=data.own, actor=resident, outcome=Outcome.RESOLVED)
    with pytest.raises(PermissionDenied):
        services.help_request_move(help_request=data.own, actor=resident, to=S.INTAKE)
    client_for("resident").post(reverse("support:transition", args=[data.own.public_id]), {"to": "closed"})
    assert HelpRequest.objects.get(pk=data.own.pk).outcome == Outcome.WITHDRAWN
    started = HelpRequestFactory(neighbourhood=world.neighbourhood_a, person=resident.person, status=S.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.help_request_close(help_request=started, actor=resident, outcome=Outcome.WITHDRAWN)


def test_the_owner_is_handed_only_to_a_professional_of_the_district(world, client_for):
    data = setup(world)
    second = f.UserFactory(email="pro.a2@example.org", display_name="Pim")
    f.MembershipFactory(user=second, role=Role.PROFESSIONAL, organisation=world.organisation, district=world.district_a)
    client = client_for("professional_a")
    client.post(reverse("support:owner", args=[data.own.public_id]), {"owner": world.users["professional_b"].pk})
    assert HelpRequest.objects.get(pk=data.own.pk).owner == world.users["professional_a"]
    client.post(reverse("support:owner", args=[data.own.public_id]), {"owner": second.pk})
    assert HelpRequest.objects.get(pk=data.own.pk).owner == second
    event = AuditEvent.objects.get(action=AuditAction.OWNER)
    assert event.detail == {"owner": second.pk}


def test_the_help_request_workflow(world):
    def make(state):
        return HelpRequestFactory(neighbourhood=world.neighbourhood_a, status=state, outcome="resolved")

    walk = walk_workflow(
        HELP_REQUEST_WORKFLOW,
        make=make,
        by=world.users["professional_a"],
        denied_by=world.users["professional_b"],
        blocked={(S.NEW, S.CLOSED): lambda: HelpRequestFactory(neighbourhood=world.neighbourhood_a, outcome="")},
    )
    assert (walk.allowed, walk.guarded) == (23, 1)
    assert walk.refused == len(S.values) ** 2 - 23


def test_a_closed_request_must_have_an_outcome_in_the_database(world):
    with pytest.raises(ValidationError):
        HelpRequestFactory.build(
            neighbourhood=world.neighbourhood_a, district=world.district_a, status=S.CLOSED, outcome=""
        ).full_clean()
    with pytest.raises(GuardFailed):
        from wijkkracht.workflow.services import transition

        transition(
            HelpRequestFactory(neighbourhood=world.neighbourhood_a, outcome=""),
            to=S.CLOSED,
            by=world.users["professional_a"],
        )


def test_the_pages_speak_english_too(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    client.cookies["django_language"] = "en"
    assert "Ask for help" in client.get(reverse("support:ask")).content.decode()
    queue = client.get(reverse("support:queue")).content.decode()
    assert "Help requests in your districts" in queue and "shopping" in queue.lower()
    page = client.get(data.own.url).content.decode()
    assert "Start the conversation (intake)" in page and "Who has viewed this request" in page


def test_the_intake_records_the_question_behind_the_question_and_audits_only_field_names(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    response = client.post(
        reverse("support:intake", args=[data.own.public_id]),
        {"underlying_need": "Ze is bang om te vallen.", "own_strength": "Kan zelf koken.", "vulnerable": "on"},
    )
    assert response["Location"] == data.own.url + "#intake"
    help_request = HelpRequest.objects.get(pk=data.own.pk)
    assert (help_request.underlying_need, help_request.own_strength, help_request.vulnerable) == (
        "Ze is bang om te vallen.",
        "Kan zelf koken.",
        True,
    )
    assert help_request.intake_at is not None
    event = AuditEvent.objects.get(action=AuditAction.INTAKE)
    assert event.detail == {"fields": ["intake_at", "own_strength", "underlying_need", "vulnerable"]}


def test_a_network_contact_needs_the_residents_consent(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    url = reverse("support:contact_add", args=[data.own.public_id])
    client.post(url, {"name": "Zus Els", "relation": "family"})
    assert NetworkContact.objects.filter(help_request=data.own).count() == 0
    client.post(url, {"name": "Zus Els", "relation": "family", "phone": "06 11 22 33 44", "consent": "on"})
    contact = NetworkContact.objects.get(help_request=data.own)
    assert (contact.name, contact.answer, contact.added_by) == ("Zus Els", "not_asked", world.users["professional_a"])
    client.post(reverse("support:contact_answer", args=[data.own.public_id, contact.public_id]), {"answer": "no"})
    assert NetworkContact.objects.get(pk=contact.pk).answer == "no"
    events = AuditEvent.objects.filter(action__in=[AuditAction.CONTACT_ADD, AuditAction.CONTACT_ANSWER])
    assert all("Els" not in str(e.detail) and "06" not in str(e.detail.get("relation", "")) for e in events)
    # A contact of another request cannot be reached through this request's address.
    other = NetworkContact.objects.create(
        help_request=data.phone, name="Kees", relation="neighbour", consent_at=contact.consent_at
    )
    response = client.post(
        reverse("support:contact_answer", args=[data.own.public_id, other.public_id]), {"answer": "yes"}
    )
    assert response.status_code == 404
    assert NetworkContact.objects.get(pk=other.pk).answer == "not_asked"


def test_the_ladder_and_a_referral_are_recorded_and_referred_needs_a_referral(world, client_for):
    data = setup(world)
    client = client_for("professional_a")
    client.post(reverse("support:ladder", args=[data.own.public_id]), {"rung": "own_network", "result": "not_possible"})
    client.post(reverse("support:ladder", args=[data.own.public_id]), {"rung": "nonsense", "result": "enough"})
    assert [(s.rung, s.result) for s in LadderStep.objects.filter(help_request=data.own)] == [
        ("own_network", "not_possible")
    ]
    pro = world.users["professional_a"]
    with pytest.raises(ValidationError):
        services.help_request_close(help_request=data.own, actor=pro, outcome=Outcome.REFERRED)
    assert HelpRequest.objects.get(pk=data.own.pk).status == S.NEW
    client.post(
        reverse("support:referral", args=[data.own.public_id]),
        {"to": "social_team", "reason": "Schulden en eenzaamheid."},
    )
    referral = Referral.objects.get(help_request=data.own)
    assert (referral.to, referral.referred_by) == ("social_team", pro)
    services.help_request_close(help_request=data.own, actor=pro, outcome=Outcome.REFERRED)
    assert HelpRequest.objects.get(pk=data.own.pk).outcome == Outcome.REFERRED
    page = client.get(data.own.url).content.decode()
    assert "sociaal wijkteam" in page and "Schulden en eenzaamheid." in page


def test_a_professional_of_district_b_cannot_write_the_intake_network_ladder_or_referral_of_district_a(
    world, client_for
):
    data = setup(world)
    client = client_for("professional_b")
    before = (NetworkContact.objects.count(), LadderStep.objects.count(), Referral.objects.count())
    for name, args, payload in (
        ("support:intake", [data.phone.public_id], {"underlying_need": "x"}),
        ("support:contact_add", [data.phone.public_id], {"name": "X", "relation": "family", "consent": "on"}),
        ("support:contact_answer", [data.phone.public_id, data.contact.public_id], {"answer": "yes"}),
        ("support:ladder", [data.phone.public_id], {"rung": "own_strength", "result": "enough"}),
        ("support:referral", [data.phone.public_id], {"to": "wmo_desk", "reason": "x"}),
    ):
        assert client.post(reverse(name, args=args), payload).status_code == 403
    assert (NetworkContact.objects.count(), LadderStep.objects.count(), Referral.objects.count()) == before
    assert HelpRequest.objects.get(pk=data.phone.pk).underlying_need == ""
    assert NetworkContact.objects.get(pk=data.contact.pk).answer == "not_asked"


def test_deadlines_count_working_days_for_the_intake_and_days_for_the_match(world):
    from datetime import datetime

    amsterdam = timezone.get_default_timezone()
    friday = datetime(2026, 11, 20, 10, 0, tzinfo=amsterdam)
    assert services.working_days_after(friday, 3) == datetime(2026, 11, 25, 10, 0, tzinfo=amsterdam)  # Wednesday
    with freeze_time("2026-11-20 09:00:00+00:00"):
        data = {**ask_data(world)}
        data.pop("neighbourhood")
        help_request = services.help_request_ask(actor=None, neighbourhood=world.neighbourhood_a, **data)
    assert timezone.localtime(help_request.intake_due_at) == datetime(2026, 11, 25, 10, 0, tzinfo=amsterdam)
    assert timezone.localtime(help_request.match_due_at) == datetime(2026, 12, 4, 10, 0, tzinfo=amsterdam)


def test_the_escalation_job_raises_overdue_requests_once_and_finds_an_owner(world, client_for):
    with freeze_time("2027-11-26 09:00:00+00:00"):
        data = {**ask_data(world)}
        data.pop("neighbourhood")
        late_intake = services.help_request_ask(actor=None, neighbourhood=world.neighbourhood_a, **data)
        in_intake = services.help_request_ask(actor=None, neighbourhood=world.neighbourhood_a, **data)
        services.help_request_move(help_request=in_intake, actor=world.users["professional_a"], to=S.INTAKE)
        unowned = HelpRequestFactory(neighbourhood=world.neighbourhood_b, owner=None)
    with freeze_time("2027-12-01 08:59:00+00:00"):  # a minute before the intake deadline: only the unowned one
        assert jobs.escalate_overdue() == 1
        assert HelpRequest.objects.get(pk=unowned.pk).owner == world.users["professional_b"]
    with freeze_time("2027-12-01 09:01:00+00:00"):
        assert jobs.escalate_overdue() == 1
        assert jobs.escalate_overdue() == 0  # run twice: nothing more
        row = HelpRequest.objects.get(pk=late_intake.pk)
        assert row.escalation_reason == EscalationReason.INTAKE_OVERDUE
        listed = client_for("professional_a").get(reverse("support:escalations")).context["overdue"]
        assert [r.pk for r in listed] == [late_intake.pk]
        assert client_for("professional_b").get(reverse("support:escalations")).context["overdue"] == []
    with freeze_time("2027-12-10 09:01:00+00:00"):  # no helper after 14 days: the one past its intake rises again
        assert jobs.escalate_overdue() == 1
        assert jobs.escalate_overdue() == 0
        reasons = dict(HelpRequest.objects.filter(district=world.district_a).values_list("pk", "escalation_reason"))
        assert reasons == {
            late_intake.pk: EscalationReason.INTAKE_OVERDUE,
            in_intake.pk: EscalationReason.MATCH_OVERDUE,
        }
    events = AuditEvent.objects.filter(action=AuditAction.ESCALATE)
    assert events.count() == 3
    assert all(set(e.detail) == {"reason", "owner_assigned"} for e in events)


def test_a_vulnerable_resident_gets_a_follow_up_that_appears_when_due(world, client_for):
    data = setup(world)
    data.follow_up.delete()  # the matrix's own
    pro = world.users["professional_a"]
    services.help_request_intake_save(help_request=data.phone, actor=pro, vulnerable=True)
    with freeze_time("2026-11-23 12:00:00+00:00"):
        services.help_request_close(help_request=data.phone, actor=pro, outcome=Outcome.RESOLVED)
        services.help_request_close(help_request=data.own, actor=pro, outcome=Outcome.RESOLVED)  # not vulnerable
    follow_up = FollowUp.objects.get()
    assert (follow_up.help_request, follow_up.due_on.isoformat()) == (data.phone, "2027-01-04")
    with freeze_time("2027-01-03 12:00:00+00:00"):
        client = client_for("professional_a")
        assert client.get(reverse("support:escalations")).context["follow_ups"] == []
    with freeze_time("2027-01-04 12:00:00+00:00"):
        client = client_for("professional_a")
        assert client.get(reverse("support:escalations")).context["follow_ups"] == [follow_up]
        assert client_for("professional_b").get(reverse("support:escalations")).context["follow_ups"] == []
        url = reverse("support:follow_up_done", args=[data.phone.public_id, follow_up.public_id])
        assert client_for("professional_b").post(url, {"note": "x"}).status_code == 403
        client.post(url, {"note": "Het gaat goed; ze gaat naar de maaltijd."})
        assert client.get(reverse("support:escalations")).context["follow_ups"] == []
    assert FollowUp.objects.get().done_by == pro
    with pytest.raises(ValidationError):
        services.follow_up_done(follow_up=FollowUp.objects.get(), actor=pro)


def test_closed_requests_are_anonymised_after_the_retention_period_once(world):
    data = setup(world)
    pro = world.users["professional_a"]
    services.help_request_intake_save(help_request=data.phone, actor=pro, underlying_need="Schulden.", vulnerable=True)
    services.ladder_step_record(help_request=data.phone, actor=pro, rung="own_network", result="partly", note="Zus")
    services.referral_record(help_request=data.phone, actor=pro, to="social_team", reason="Schulden bij de huur.")
    with freeze_time("2026-11-24 12:00:00+00:00"):
        services.help_request_close(help_request=data.phone, actor=pro, outcome=Outcome.REFERRED, reason="Zie Els.")
    with freeze_time("2027-11-24 11:00:00+00:00"):  # 365 days minus an hour: not yet
        assert jobs.anonymise_closed() == 0
    with freeze_time("2027-11-24 13:00:00+00:00"):
        assert jobs.anonymise_closed() == 1
        assert jobs.anonymise_closed() == 0  # run twice: nothing more
    row = HelpRequest.objects.get(pk=data.phone.pk)
    assert (row.contact_name, row.contact_phone, row.what, row.underlying_need, row.person) == ("—", "", "—", "", None)
    assert (row.category, row.district, row.outcome) == (data.phone.category, world.district_a, Outcome.REFERRED)
    assert not NetworkContact.objects.filter(help_request=row).exists()
    assert list(LadderStep.objects.filter(help_request=row).values_list("note", flat=True)) == [""]
    assert list(Referral.objects.filter(help_request=row).values_list("reason", flat=True)) == ["—"]
    assert all(c.reason == "" for c in StateChange.objects.for_object(row))
    assert HelpRequest.objects.get(pk=data.own.pk).contact_name == "Ria"  # open: untouched
    assert AuditEvent.objects.filter(action=AuditAction.ANONYMISE, object_id=str(row.public_id)).count() == 1


def test_figures_are_counts_per_district_with_small_numbers_suppressed(world, client_for):
    data = setup(world)  # district A: 5 open (2, and 3 looking for a helper); district B: 1 open
    for _ in range(5):
        HelpRequestFactory(neighbourhood=world.neighbourhood_a, status=S.CLOSED, outcome="resolved")
    analyst = client_for("analyst").get(reverse("support:figures"))
    rows = {r["district"]: r["cells"] for r in analyst.context["rows"]}
    # asked, open, resolved, referred, withdrawn; None = fewer than 5
    assert rows == {"Randwijck": [10, 5, 5, 0, 0], "Westwijk": [None, None, 0, 0, 0]}
    html = analyst.content.decode()
    assert data.own.contact_name not in html and "minder dan 5" in html
    council_b = client_for("council_b").get(reverse("support:figures")).context["rows"]
    assert [r["district"] for r in council_b] == ["Westwijk"]
    professional_a = client_for("professional_a").get(reverse("support:figures")).context["rows"]
    assert [r["district"] for r in professional_a] == ["Randwijck"]


def test_the_anonymous_form_is_throttled_without_locking_anyone_out(world, client_for):
    """ADR 0005: three requests an hour from one number and address, then a clear "wait" (429, nothing asked);
    the same number from elsewhere, and a logged-in resident, still get through."""
    anonymous = client_for("anonymous")
    with freeze_time("2027-03-01 10:00:00+00:00"):
        for _ in range(3):
            assert anonymous.post(reverse("support:ask"), ask_data(world)).status_code == 302
        count = HelpRequest.objects.count()
        response = anonymous.post(reverse("support:ask"), ask_data(world))
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
        assert "Wacht" in response.content.decode() and HelpRequest.objects.count() == count
        other_place = anonymous.post(reverse("support:ask"), ask_data(world), REMOTE_ADDR="10.1.2.3")
        assert other_place.status_code == 302  # the same number from another address: not shut out
        assert client_for("resident").post(reverse("support:ask"), ask_data(world)).status_code == 302
    with freeze_time("2027-03-01 11:00:01+00:00"):  # an hour later the first address asks again
        assert anonymous.post(reverse("support:ask"), ask_data(world)).status_code == 302
    assert not any("020" in str(v) for v in ThrottleEvent.objects.values_list("key", flat=True))


def test_a_shared_address_is_slowed_down_never_shut(world, client_for):
    anonymous = client_for("anonymous")
    with freeze_time("2027-03-01 10:00:00+00:00") as clock:
        for i in range(10):
            data = {**ask_data(world), "contact_phone": f"020 555 00 {i:02d}"}
            assert anonymous.post(reverse("support:ask"), data).status_code == 302
        data = {**ask_data(world), "contact_phone": "020 555 00 99"}
        assert anonymous.post(reverse("support:ask"), data).status_code == 429
        clock.tick(5 * 60 + 1)  # one more every five minutes
        assert anonymous.post(reverse("support:ask"), data).status_code == 302
