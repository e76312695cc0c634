"""The demo shows councils at work for the demo logins, and seeding twice changes nothing."""

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wijkkracht.accounts.models import User
from wijkkracht.councils.constants import PlanStatus
from wijkkracht.councils.models import Assignment, CouncilMember, Plan, PlanVersion
from wijkkracht.demo.seed import DEMO_DOMAIN
from wijkkracht.workflow.models import StateChange


def _client(key: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=f"{key}@{DEMO_DOMAIN}"))
    return client


def _counts():
    from wijkkracht.activities.models import Activity
    from wijkkracht.councils.models import DistrictTailoring, TemplateGoal

    models = (CouncilMember, Plan, PlanVersion, Assignment, StateChange, DistrictTailoring, TemplateGoal, Activity)
    return [m.objects.count() for m in models]


def test_the_demo_shows_councils_at_work(db):
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first

    statuses = set(Plan.objects.values_list("status", flat=True))
    assert {PlanStatus.EVALUATED, PlanStatus.IN_EXECUTION, PlanStatus.SUBMITTED} <= statuses

    member = _client("raadslid")
    work = member.get(reverse("councils:mine"), follow=True)
    assert work.status_code == 200
    assert "in uitvoering" in work.text and "Avondcafé voor werkende buurtbewoners opzetten" in work.text

    board = _client("beroepskracht").get(reverse("councils:task_board"))
    assert board.status_code == 200
    assert "Huiswerkklas: vrijwilligers werven" in board.text and "te laat" in board.text

    approvals = _client("coordinator").get(reverse("councils:plan_approvals"))
    assert Plan.objects.get(status=PlanStatus.SUBMITTED).url in approvals.text

    running = Plan.objects.get(status=PlanStatus.IN_EXECUTION)
    public = Client().get(running.url)
    assert public.status_code == 200 and "47" in public.text

    # Tailoring: the home council's district asks for every kind of initiative but "anders", and keeps a template.
    home = running.council
    tailoring = member.get(reverse("councils:tailoring", args=[home.public_id]))
    assert tailoring.status_code == 200 and "10 activiteiten per maand" in tailoring.text
    assert 'value="other" id=' in tailoring.text and 'value="other" id="id_initiative_categories_6" checked' not in (
        tailoring.text
    )
    propose = _client("bewoner").get(reverse("initiatives:propose"))
    assert 'value="green"' in propose.text and 'value="other"' not in propose.text

    # An approved initiative became an activity on the calendar; its page links to it.
    from wijkkracht.activities.constants import ActivityStatus
    from wijkkracht.activities.models import Activity

    activity = Activity.objects.select_related("initiative").get(initiative__title="Moestuin achter het wijkcentrum")
    assert activity.status == ActivityStatus.PUBLISHED and activity.synthetic
    assert activity.url in Client().get(activity.initiative.url).text


def test_the_council_scale_is_seeded_once(db):
    from wijkkracht.demo.councils import seed_council_scale

    call_command("seed_demo", verbosity=0)
    first = seed_council_scale(history_years=2, assignments_per_council_year=5)
    assert first["plans"] == 7 * 2 and first["goals"] == 14 * 6 and first["assignments"] == 7 * 2 * 5
    assert first["meetings"] == 7 * 2 * 10
    assert seed_council_scale(history_years=2, assignments_per_council_year=5)["assignments"] == 0
    board = _client("beroepskracht").get(reverse("councils:task_board"))
    assert board.status_code == 200


def test_the_demo_shows_initiatives_in_every_state_and_budgets_with_grants(db):
    from wijkkracht.initiatives.constants import InitiativeStatus
    from wijkkracht.initiatives.models import Backing, Grant, Initiative, Receipt

    call_command("seed_demo", verbosity=0)
    counts = [m.objects.count() for m in (Initiative, Backing, Grant, Receipt)]
    call_command("seed_demo", verbosity=0)
    assert [m.objects.count() for m in (Initiative, Backing, Grant, Receipt)] == counts
    assert set(Initiative.objects.values_list("status", flat=True)) == set(InitiativeStatus.values)
    assert counts[1] > 0 and counts[2] == 2 and counts[3] == 1
    budgets = Client().get(reverse("initiatives:budgets"))
    assert "€ 3.850" in budgets.text or "€ 3,850" in budgets.text  # 5000 − 750 − 400
    mine = _client("bewoner").get(reverse("initiatives:list"))
    assert "Moestuin achter het wijkcentrum" in mine.text
