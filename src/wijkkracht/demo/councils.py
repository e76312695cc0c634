"""The councils at work in the demo: the home council's seats, plans, and assignments to the demo professional.

Idempotent: everything is found by its natural key (council and person, council and year, council and title)
and made only when missing. Writes go through councils.services and the workflow rail, with the demo logins as
the actors a real council would have (the chair submits, the coordinator confirms and approves)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.models import User
from wijkkracht.councils import services
from wijkkracht.councils.constants import AssignmentStatus, Measure, MemberStatus, PlanStatus, Position
from wijkkracht.councils.models import Assignment, Council, CouncilMember, Plan, PlanGoal
from wijkkracht.organisations.models import Organisation
from wijkkracht.people.models import Person

from .seed import DEMO_DOMAIN, HOME_CENTRE, WELFARE

PURPOSE = (
    "Wij zijn bewoners van de wijk. Wij maken elk jaar het plan voor het wijkcentrum, kiezen de activiteiten en "
    "sturen de beroepskracht aan. Iedereen uit de wijk mag meedenken: kom naar een vergadering."
)
GOALS = [
    {
        "title": "120 verschillende bewoners van 15 tot 55 jaar bereikt",
        "target_groups": ["15_55"],
        "target_value": 120,
        "measure": Measure.RESIDENTS_REACHED,
        "planned_activities": "Avondcafé, sport in de zaal, taalmaatjes",
        "budget": Decimal("2500"),
        "realised": 47,
    },
    {
        "title": "10 activiteiten per maand",
        "target_groups": ["all"],
        "target_value": 10,
        "measure": Measure.ACTIVITIES_PER_MONTH,
        "planned_activities": "Koffieochtend, repair café, kookclub, huiswerkklas",
        "budget": Decimal("4000"),
        "realised": 8,
    },
    {
        "title": "25 actieve vrijwilligers",
        "target_groups": ["15_55", "65_plus"],
        "target_value": 25,
        "measure": Measure.VOLUNTEERS,
        "planned_activities": "Vrijwilligersavond, training gastvrouw/gastheer",
        "budget": Decimal("750"),
        "realised": 19,
    },
]
ASSIGNMENTS = [
    ("Avondcafé voor werkende buurtbewoners opzetten", 21, AssignmentStatus.OFFERED, 0),
    ("Huiswerkklas: vrijwilligers werven", 30, AssignmentStatus.ACCEPTED, 40),
    ("Jaarcijfers bereik aanleveren voor de evaluatie", -3, AssignmentStatus.ACCEPTED, 70),
    ("Zaalverhuur aan de buurtvereniging regelen", -20, AssignmentStatus.DONE, 100),
]


def _login(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _plan(council: Council, year: int, chair: User, coordinator: User, target: str, summary: str) -> int:
    if Plan.objects.filter(council=council, year=year).exists():
        return 0
    plan = services.plan_create(council=council, year=year, actor=chair, summary=summary, from_template=False)
    for goal in GOALS:
        services.goal_save(plan=plan, actor=chair, **{k: v for k, v in goal.items() if k != "realised"})
    services.plan_submit(plan=plan, actor=chair)
    if target == PlanStatus.SUBMITTED:
        return 1
    plan = Plan.objects.select_related("council__district__municipality__council_settings").get(pk=plan.pk)
    services.plan_approve(plan=plan, actor=coordinator)
    services.plan_start(plan=plan, actor=chair)
    for goal, spec in zip(plan.goals.order_by("order", "pk"), GOALS, strict=True):
        realised = spec["realised"] if target == PlanStatus.IN_EXECUTION else spec["target_value"] - 2
        services.goal_realised_set(goal=goal, actor=chair, realised=realised)
    if target == PlanStatus.EVALUATED:
        services.plan_update(
            plan=plan,
            actor=chair,
            summary=plan.summary,
            evaluation="Bijna alle doelen gehaald. Volgend jaar meer aandacht voor werkende ouders.",
        )
        services.plan_evaluate(plan=plan, actor=chair)
    return 1


@transaction.atomic
def ensure_council_life() -> str:
    welfare = Organisation.objects.get(name=WELFARE)
    today = timezone.localdate()
    chair, coordinator, professional = _login("raadslid"), _login("coordinator"), _login("beroepskracht")
    # Every demo council is supported by the welfare organisation (its coordinator confirms and approves).
    for council in Council.objects.filter(organisation__isnull=True).select_related("centre"):
        council.organisation = welfare
        council.purpose = PURPOSE
        council.composition = "Vijf tot negen bewoners uit de wijk"
        services.council_save(council=council, actor=None)
    home = Council.objects.select_related("district", "centre").get(centre__name=HOME_CENTRE)
    made = 0
    # Seats: the demo council member chairs; four synthetic residents of the district; one proposal waiting.
    neighbours = list(Person.objects.synthetic().without_account().in_district(home.district).order_by("public_id")[:5])
    seats = [(chair.person, Position.CHAIR)] + list(
        zip(neighbours, [Position.SECRETARY, Position.TREASURER, Position.MEMBER, Position.MEMBER, None], strict=False)
    )
    for person, position in seats:
        if CouncilMember.objects.filter(council=home, person=person).exists():
            continue
        # A later run may pick other neighbours (the demo grows): an office already held, or a proposal already
        # waiting, is not filled a second time.
        taken = (
            CouncilMember.objects.filter(council=home).filter(position=position, status=MemberStatus.CONFIRMED)
            if position
            else CouncilMember.objects.filter(council=home, status=MemberStatus.PROPOSED)
        )
        if position != Position.MEMBER and taken.exists():
            continue
        seat = services.member_propose(
            council=home,
            person=person,
            position=position or Position.MEMBER,
            term_start=today - datetime.timedelta(days=400) if position else today,
            actor=None,
        )
        made += 1
        if position is not None:
            services.member_confirm(member=seat, actor=coordinator)
    assert CouncilMember.objects.filter(council=home, status=MemberStatus.CONFIRMED).exists()
    # Plans: last year evaluated, this year in execution, next year's draft.
    made += _plan(home, today.year - 1, chair, coordinator, PlanStatus.EVALUATED, "Meer bewoners bereiken.")
    made += _plan(home, today.year, chair, coordinator, PlanStatus.IN_EXECUTION, "Jong en oud, werkend en niet.")
    # Next year's plan waits for the coordinator's approval.
    made += _plan(home, today.year + 1, chair, coordinator, PlanStatus.SUBMITTED, "Eerste ideeën voor volgend jaar.")
    # Assignments to the demo professional.
    for title, days, status, progress in ASSIGNMENTS:
        if Assignment.objects.filter(council=home, title=title).exists():
            continue
        assignment = services.assignment_create(
            council=home,
            professional=professional,
            title=title,
            due_on=today + datetime.timedelta(days=days),
            # Given weeks ago (an overdue one, a finished one): a user may not give a due date in the past, the
            # system records one as it would look today.
            actor=chair if days >= 1 else None,
            description="Afgesproken in de vergadering van de raad.",
        )
        if status != AssignmentStatus.OFFERED:
            services.assignment_accept(assignment=assignment, actor=professional)
        if progress and status == AssignmentStatus.ACCEPTED:
            services.assignment_progress(
                assignment=assignment, actor=professional, text="Eerste stappen gezet.", progress=progress
            )
        if status == AssignmentStatus.DONE:
            services.assignment_complete(assignment=assignment, actor=professional, text="Geregeld.")
        made += 1
    made += _meetings(home, chair, professional)
    made += _tailoring(home, chair)
    return f"council life: {made} created"


# The home district's plan template: a new plan of its council starts with these goals.
TEMPLATE_GOALS = [GOALS[1], GOALS[0]]


def _tailoring(home: Council, chair: User) -> int:
    """The home council tailors its district: it uses every council tool and its budget, asks for every kind of
    initiative but "anders" (the professional helps with those), and keeps a plan template of two goals."""
    from wijkkracht.councils.models import DistrictTailoring, TemplateGoal
    from wijkkracht.initiatives.constants import Category

    made = 0
    if not DistrictTailoring.objects.filter(district=home.district).exists():
        services.tailoring_save(
            council=home,
            actor=chair,
            uses_meetings=True,
            uses_plans=True,
            uses_assignments=True,
            takes_initiatives=True,
            uses_budget=True,
            initiative_categories=[c for c in Category.values if c != Category.OTHER],
        )
        made += 1
    for goal in TEMPLATE_GOALS:
        if TemplateGoal.objects.filter(district=home.district, title=goal["title"]).exists():
            continue
        services.template_goal_save(
            council=home, actor=chair, **{k: v for k, v in goal.items() if k not in ("realised", "budget")}
        )
        made += 1
    return made


def _meetings(home: Council, chair: User, professional: User) -> int:
    """A meeting three weeks ago with published minutes and decisions, one last week with draft minutes, and the
    next one in nine days (its reminders go out through the scheduler)."""
    from wijkkracht.councils.models import Meeting

    if Meeting.objects.filter(council=home).exists():
        return 0
    now = timezone.localtime().replace(hour=19, minute=30, second=0, microsecond=0)
    agenda = ["Opening en mededelingen", "Het plan: hoe staan we ervoor?", "Bewonersinitiatieven", "Rondvraag"]
    held = services.meeting_plan(
        council=home,
        actor=chair,
        starts_at=now - datetime.timedelta(days=21),
        centre=home.centre,
        location="De grote zaal",
        agenda=agenda,
    )
    seated = list(CouncilMember.objects.filter(council=home).seated())
    services.meeting_attendance_set(meeting=held, actor=professional, present={m.pk for m in seated[:-1]})
    services.meeting_minutes_save(
        meeting=held,
        actor=professional,
        minutes=(
            "De raad bespreekt het plan van dit jaar. Het bereik onder jongeren groeit, maar werkende bewoners "
            "komen nog weinig. De beroepskracht zoekt uit of een avondprogramma kan."
        ),
    )
    goal = PlanGoal.objects.filter(plan__council=home, plan__year=timezone.localdate().year).first()
    services.decision_add(
        meeting=held,
        actor=professional,
        text="Vanaf volgende maand is het wijkcentrum ook op dinsdagavond open.",
        plan_goal=goal,
    )
    services.meeting_publish(meeting=held, actor=chair)
    last = services.meeting_plan(
        council=home,
        actor=chair,
        starts_at=now - datetime.timedelta(days=7),
        centre=home.centre,
        location="De grote zaal",
        agenda=agenda,
    )
    services.meeting_minutes_save(meeting=last, actor=professional, minutes="Concept: de avondopenstelling loopt.")
    services.meeting_plan(
        council=home,
        actor=professional,
        starts_at=now + datetime.timedelta(days=9),
        centre=home.centre,
        location="De grote zaal",
        agenda=agenda,
    )
    return 3


# --- benchmark scale -----------------------------------------------------------------------------------------

SCALE_TITLE = "Schaalopdracht"


def seed_council_scale(*, history_years: int, assignments_per_council_year: int, using: str = "default") -> dict:
    """Councils' history at a benchmark scale (bulk, on top of the demo): for every council a plan per past year
    (evaluated, six goals), seats of earlier terms (ended), and a stream of assignments to the demo professional,
    nearly all done, a few still open. Idempotent: a second run finds the scale assignments and adds nothing.
    Bulk writes on purpose (benchmark data, like demo.scale); the demo itself goes through the services."""
    from wijkkracht.councils.models import PlanGoal

    if Assignment.objects.using(using).filter(title__startswith=SCALE_TITLE).exists():
        return {"plans": 0, "goals": 0, "seats": 0, "assignments": 0, "meetings": 0}
    today = timezone.localdate()
    professional = User.objects.using(using).get(email=f"beroepskracht@{DEMO_DOMAIN}")
    chair = User.objects.using(using).get(email=f"raadslid@{DEMO_DOMAIN}")
    councils = list(Council.objects.using(using).order_by("pk"))
    people = list(
        Person.objects.using(using)
        .filter(synthetic=True, user__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[: 8 * history_years * len(councils) + 1]
    )
    plans, goals, seats, assignments = [], [], [], []
    have_years = set(Plan.objects.using(using).values_list("council_id", "year"))
    person_iter = iter(people)
    for council in councils:
        for back in range(2, history_years + 2):
            year = today.year - back
            if (council.pk, year) not in have_years:
                plans.append(
                    Plan(
                        council=council,
                        year=year,
                        status=PlanStatus.EVALUATED,
                        summary="Jaarplan",
                        evaluation="Geëvalueerd.",
                        version=1,
                    )
                )
        for term in range(history_years // 3 + 1):
            start = today.replace(year=today.year - 3 * (term + 1), month=1, day=1)
            for position in (Position.CHAIR, Position.SECRETARY, Position.TREASURER, Position.MEMBER, Position.MEMBER):
                person = next(person_iter, None)
                if person is None:
                    break
                seats.append(
                    CouncilMember(
                        council=council,
                        person_id=person,
                        position=position,
                        status=MemberStatus.ENDED,
                        term_start=start,
                        term_end=start.replace(year=start.year + 3) - datetime.timedelta(days=1),
                    )
                )
        for i in range(history_years * assignments_per_council_year):
            open_ = i < 3  # a handful still open per council; the rest is history
            assignments.append(
                Assignment(
                    council=council,
                    professional=professional,
                    title=f"{SCALE_TITLE} {council.pk}-{i}",
                    due_on=today + datetime.timedelta(days=7 + i) if open_ else today - datetime.timedelta(days=i),
                    status=AssignmentStatus.ACCEPTED if open_ else AssignmentStatus.DONE,
                    progress=50 if open_ else 100,
                    created_by=chair,
                )
            )
    Plan.objects.using(using).bulk_create(plans, batch_size=1000)
    for plan in Plan.objects.using(using).filter(status=PlanStatus.EVALUATED, goals__isnull=True):
        for spec in GOALS + GOALS[:3]:
            goals.append(
                PlanGoal(
                    plan=plan,
                    title=spec["title"],
                    target_groups=spec["target_groups"],
                    target_value=spec["target_value"],
                    measure=spec["measure"],
                    budget=spec["budget"],
                    realised_manual=spec["realised"],
                )
            )
    PlanGoal.objects.using(using).bulk_create(goals, batch_size=2000)
    CouncilMember.objects.using(using).bulk_create(seats, batch_size=2000)
    Assignment.objects.using(using).bulk_create(assignments, batch_size=2000)
    meetings = _scale_meetings(councils, history_years=history_years, using=using)
    return {
        "plans": len(plans),
        "goals": len(goals),
        "seats": len(seats),
        "assignments": len(assignments),
        "meetings": meetings,
    }


def _scale_meetings(councils: list, *, history_years: int, using: str) -> int:
    """Ten meetings a year per council over the history: agenda, published minutes and two decisions each."""
    from wijkkracht.councils.constants import MeetingStatus
    from wijkkracht.councils.models import AgendaItem, Decision, Meeting

    now = timezone.now().replace(hour=18, minute=30, second=0, microsecond=0)
    meetings = [
        Meeting(
            council=council,
            starts_at=now - datetime.timedelta(days=36 * n + 14),
            location="Vergaderzaal",
            status=MeetingStatus.PUBLISHED,
            minutes="Verslag van de vergadering.",
            published_at=now - datetime.timedelta(days=36 * n + 7),
        )
        for council in councils
        for n in range(history_years * 10)
    ]
    ids = [m.pk for m in Meeting.objects.using(using).bulk_create(meetings, batch_size=2000)]
    AgendaItem.objects.using(using).bulk_create(
        [
            AgendaItem(meeting_id=pk, order=i, title=t)
            for pk in ids
            for i, t in enumerate(("Opening", "Plan", "Rondvraag"))
        ],
        batch_size=5000,
    )
    Decision.objects.using(using).bulk_create(
        [Decision(meeting_id=pk, text=f"Besluit {i + 1}.") for pk in ids for i in range(2)], batch_size=5000
    )
    return len(meetings)
