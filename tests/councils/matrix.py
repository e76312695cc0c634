"""Authorization matrix entries of the councils app (collected by tests/test_authorization_matrix.py).

`setup(w)` gives the shared test world what the council pages need (once per world): council A's chair is the
council_a persona, its welfare organisation is world.organisation (so the coordinator confirms its members and
approves its plans), a proposed seat, a draft plan, a plan in execution, and assignments to professional_a.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.councils import factories as cf
from tests.matrix import ALL, Entry
from wijkkracht.councils.constants import AssignmentStatus, MemberStatus, PlanStatus, Position
from wijkkracht.councils.permissions import Action as A
from wijkkracht.initiatives.permissions import Action as InitiativeAction

COUNCIL_A_MEMBER = frozenset({"council_a"})
COUNCIL_VIEWERS_MINE = frozenset({"council_a", "council_b", "professional_a", "professional_b", "administrator"})
COUNCIL_A_WORKERS = frozenset({"council_a", "professional_a", "coordinator", "administrator"})
COUNCIL_A_RECORDERS = frozenset({"council_a", "professional_a"})


def setup(w):
    if getattr(w, "councils", None) is not None:
        return w.councils
    from types import SimpleNamespace

    council = w.council_a
    council.organisation = w.organisation
    council.save(update_fields=["organisation"])
    today = timezone.localdate()
    chair = cf.CouncilMemberFactory(council=council, person=w.users["council_a"].person, position=Position.CHAIR)
    proposed = cf.CouncilMemberFactory(
        council=council, person=w.users["resident"].person, status=MemberStatus.PROPOSED, term_start=today
    )
    draft = cf.PlanFactory(council=council, year=today.year, goals=1)
    running = cf.PlanFactory(council=council, year=today.year - 1, status=PlanStatus.IN_EXECUTION, goals=1)
    pro = w.users["professional_a"]
    offered = cf.AssignmentFactory(council=council, professional=pro, title="Zaal inrichten")
    accepted = cf.AssignmentFactory(council=council, professional=pro, title="Flyers", status=AssignmentStatus.ACCEPTED)
    now = timezone.now()
    held = cf.MeetingFactory(
        council=council, starts_at=now - datetime.timedelta(days=1), minutes="Besproken: de zomer."
    )
    coming = cf.MeetingFactory(council=council, starts_at=now + datetime.timedelta(days=10))
    template_goal = cf.TemplateGoalFactory(district=w.district_a, title="Tien activiteiten per maand")
    w.councils = SimpleNamespace(
        template_goal=template_goal,
        held=held,
        coming=coming,
        chair=chair,
        proposed=proposed,
        draft=draft,
        draft_goal=draft.goals.get(),
        running=running,
        running_goal=running.goals.get(),
        offered=offered,
        accepted=accepted,
    )
    return w.councils


def _council(w):
    setup(w)
    return [w.council_a.public_id]


def _draft(w):
    return [setup(w).draft.public_id]


GOAL_DATA = {
    "title": "Jongeren bereiken",
    "target_groups": ["15_55", "15_25"],
    "target_value": "120",
    "measure": "residents_reached",
    "budget": "250",
}

MATRIX: dict[str, Entry] = {
    "councils:mine": Entry(
        actions=(A.LIST_MINE, A.WORK),
        get=COUNCIL_VIEWERS_MINE,
        skip_get=True,
        notes="redirect or list; tests/councils/test_views.py",
    ),
    "councils:detail": Entry(actions=(A.VIEW, A.WORK), get=ALL, args=_council, notes="the public council page"),
    "councils:work": Entry(
        actions=(A.WORK, A.MEMBER_PROPOSE, A.MEMBER_CONFIRM, A.CENTRE_PROFILE_EDIT, A.PLAN_CREATE, A.ASSIGNMENT_CREATE),
        get=COUNCIL_A_WORKERS,
        args=_council,
    ),
    "councils:member_propose": Entry(
        actions=(A.MEMBER_PROPOSE,),
        get=frozenset({"council_a", "administrator"}),
        post=frozenset({"council_a", "administrator"}),
        args=_council,
        data=lambda w: {
            "email": "volunteer@example.org",
            "position": "member",
            "term_start": timezone.localdate().isoformat(),
        },
        notes="the chair or secretary; administrators keep councils",
    ),
    "councils:member_decide": Entry(
        actions=(A.MEMBER_CONFIRM, A.MEMBER_END),
        skip_get=True,
        post=frozenset({"coordinator", "administrator"}),
        args=lambda w: [setup(w).proposed.public_id],
        data=lambda w: {"to": "confirmed"},
        notes="POST only",
    ),
    "councils:centre_profile": Entry(
        actions=(A.CENTRE_PROFILE_EDIT,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=_council,
        data=lambda w: {"profile": "Ontmoeten, leren en samen eten.", "focus": "jongeren"},
    ),
    "councils:tailoring": Entry(
        actions=(A.TAILOR, InitiativeAction.TAILOR),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=_council,
        data=lambda w: {
            "uses_meetings": "on",
            "uses_plans": "on",
            "takes_initiatives": "on",
            "initiative_categories": ["youth", "green"],
        },
        notes="The council tailors its district: assignments and the budget switched off, two kinds of initiative",
    ),
    "councils:template_goal_create": Entry(
        actions=(A.TAILOR,), get=COUNCIL_A_MEMBER, post=COUNCIL_A_MEMBER, args=_council, data=lambda w: GOAL_DATA
    ),
    "councils:template_goal_edit": Entry(
        actions=(A.TAILOR,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=lambda w: [*_council(w), setup(w).template_goal.public_id],
        data=lambda w: GOAL_DATA,
    ),
    "councils:template_goal_delete": Entry(
        actions=(A.TAILOR,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=lambda w: [*_council(w), setup(w).template_goal.public_id],
    ),
    "councils:plan_create": Entry(
        actions=(A.PLAN_CREATE,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=_council,
        data=lambda w: {"year": str(timezone.localdate().year + 1), "summary": "Volgend jaar"},
    ),
    "councils:plan": Entry(
        actions=(A.PLAN_VIEW, A.PLAN_EDIT, A.PLAN_APPROVE),
        get=COUNCIL_A_WORKERS,
        args=_draft,
        notes="a draft; approved plans are public",
    ),
    "councils:plan_edit": Entry(
        actions=(A.PLAN_EDIT,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=_draft,
        data=lambda w: {"summary": "Nieuwe samenvatting", "evaluation": ""},
    ),
    "councils:plan_transition": Entry(
        actions=(A.PLAN_SUBMIT, A.PLAN_APPROVE, A.PLAN_START, A.PLAN_EVALUATE),
        skip_get=True,
        post=COUNCIL_A_MEMBER,
        args=_draft,
        data=lambda w: {"to": "submitted"},
        notes="POST only; the other moves in tests/councils/test_plans.py",
    ),
    "councils:goal_create": Entry(
        actions=(A.PLAN_EDIT,), get=COUNCIL_A_MEMBER, post=COUNCIL_A_MEMBER, args=_draft, data=lambda w: GOAL_DATA
    ),
    "councils:goal_edit": Entry(
        actions=(A.PLAN_EDIT,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=lambda w: [setup(w).draft.public_id, setup(w).draft_goal.public_id],
        data=lambda w: GOAL_DATA,
    ),
    "councils:goal_delete": Entry(
        actions=(A.PLAN_EDIT,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=lambda w: [setup(w).draft.public_id, setup(w).draft_goal.public_id],
    ),
    "councils:goal_realised": Entry(
        actions=(A.PLAN_EVALUATE,),
        skip_get=True,
        post=COUNCIL_A_MEMBER,
        args=lambda w: [setup(w).running.public_id, setup(w).running_goal.public_id],
        data=lambda w: {"realised": "37"},
        notes="POST only",
    ),
    "councils:plan_approvals": Entry(
        actions=(A.PLAN_APPROVALS, A.PLAN_APPROVE), get=frozenset({"coordinator", "analyst"})
    ),
    "councils:assignment_create": Entry(
        actions=(A.ASSIGNMENT_CREATE,),
        get=COUNCIL_A_MEMBER,
        post=COUNCIL_A_MEMBER,
        args=_council,
        data=lambda w: {
            "professional": str(w.users["professional_a"].pk),
            "title": "Huiswerkklas opzetten",
            "due_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
    ),
    "councils:assignment": Entry(
        actions=(A.ASSIGNMENT_VIEW, A.ASSIGNMENT_RESPOND),
        get=frozenset({"council_a", "professional_a"}),
        args=lambda w: [setup(w).offered.public_id],
    ),
    "councils:assignment_transition": Entry(
        actions=(A.ASSIGNMENT_RESPOND, A.ASSIGNMENT_WITHDRAW),
        skip_get=True,
        post=frozenset({"professional_a"}),
        args=lambda w: [setup(w).offered.public_id],
        data=lambda w: {"to": "accepted"},
        notes="POST only",
    ),
    "councils:assignment_progress": Entry(
        actions=(A.ASSIGNMENT_RESPOND,),
        skip_get=True,
        post=frozenset({"professional_a"}),
        args=lambda w: [setup(w).accepted.public_id],
        data=lambda w: {"text": "Drukker gebeld", "progress": "40"},
        notes="POST only",
    ),
    "councils:task_board": Entry(actions=(A.TASK_BOARD,), get=frozenset({"professional_a", "professional_b"})),
    "councils:overview": Entry(
        actions=(A.OVERVIEW,), get=frozenset({"analyst"}), notes="counts per district for the municipality"
    ),
    "councils:meeting_create": Entry(
        actions=(A.MEETING_PLAN,),
        get=COUNCIL_A_RECORDERS,
        post=COUNCIL_A_RECORDERS,
        args=_council,
        data=lambda w: {
            "date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
            "starts": "19:30",
            "ends": "21:00",
            "location": "De grote zaal",
            "agenda": "Opening\nHet plan\nRondvraag",
        },
        notes="the council's members and the professionals who serve it",
    ),
    "councils:meeting_feed": Entry(actions=(A.VIEW,), get=ALL, args=_council, notes="public iCalendar feed"),
    "councils:meeting": Entry(
        actions=(A.MEETING_VIEW, A.MEETING_RECORD),
        get=ALL,
        args=lambda w: [setup(w).held.public_id],
        notes="public: date, place, agenda; the working part for the council's workers",
    ),
    "councils:meeting_edit": Entry(
        actions=(A.MEETING_PLAN,),
        get=COUNCIL_A_RECORDERS,
        post=COUNCIL_A_RECORDERS,
        args=lambda w: [setup(w).coming.public_id],
        data=lambda w: {
            "date": (timezone.localdate() + datetime.timedelta(days=11)).isoformat(),
            "starts": "20:00",
            "location": "Zaal 2",
            "agenda": "Opening",
        },
    ),
    "councils:meeting_attendance": Entry(
        actions=(A.MEETING_RECORD,),
        skip_get=True,
        post=COUNCIL_A_RECORDERS,
        args=lambda w: [setup(w).held.public_id],
        data=lambda w: {"present": [str(setup(w).chair.pk)]},
        notes="POST only",
    ),
    "councils:meeting_minutes": Entry(
        actions=(A.MEETING_RECORD,),
        skip_get=True,
        post=COUNCIL_A_RECORDERS,
        args=lambda w: [setup(w).held.public_id],
        data=lambda w: {"minutes": "Besproken: de zomer en het najaar."},
        notes="POST only",
    ),
    "councils:decision_create": Entry(
        actions=(A.MEETING_RECORD,),
        skip_get=True,
        post=COUNCIL_A_RECORDERS,
        args=lambda w: [setup(w).held.public_id],
        data=lambda w: {"text": "De raad kiest voor een zomerfeest."},
        notes="POST only",
    ),
    "councils:meeting_transition": Entry(
        actions=(A.MEETING_PUBLISH, A.MEETING_PLAN),
        skip_get=True,
        post=COUNCIL_A_MEMBER,
        args=lambda w: [setup(w).held.public_id],
        data=lambda w: {"to": "published"},
        notes="POST only: the chair or secretary publishes; cancelling in tests/councils/test_meetings.py",
    ),
}
