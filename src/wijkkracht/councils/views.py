"""Council pages: the public page, the working pages of members and the professionals who serve the council,
plans with goals, and assignments with the professional's task board. Views parse, ask the policy and call
services; they never write models themselves."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.policy import require
from wijkkracht.validators import add_service_errors
from wijkkracht.workflow.web import history, move_buttons, post_move

from . import services
from .constants import ASSIGNMENT_OPEN, MOVE_LABELS, AssignmentStatus, MeetingStatus, MemberStatus, PlanStatus
from .forms import (
    AssignmentForm,
    AttendanceForm,
    CentreProfileForm,
    DecisionForm,
    GoalForm,
    MeetingForm,
    MemberProposeForm,
    MinutesForm,
    PlanCreateForm,
    PlanForm,
    ProgressForm,
    RealisedForm,
    TailoringForm,
    TemplateGoalForm,
)
from .models import (
    Assignment,
    AssignmentUpdate,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    Plan,
    PlanGoal,
    TemplateGoal,
)
from .permissions import Action, can, visible_to
from .query import attach_realisation, serving_professionals, tools_of

PLAN_RELATED = ("council__district__municipality__council_settings", "council__centre", "council__organisation")


def _data(request):
    return request.POST if request.method == "POST" else None


def _council(public_id) -> Council:
    return get_object_or_404(Council.objects.for_page(), public_id=public_id)


def _plan(public_id) -> Plan:
    return get_object_or_404(Plan.objects.select_related(*PLAN_RELATED), public_id=public_id)


def _assignment(public_id) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("council__district", "council__centre", "professional"), public_id=public_id
    )


# Only the columns the list pages show (the full rows carry minutes, descriptions and the person's details).
SEAT_FIELDS = (
    "public_id",
    "council_id",
    "position",
    "status",
    "term_start",
    "term_end",
    "person__first_name",
    "person__last_name",
)
ASSIGNMENT_CARD_FIELDS = ("public_id", "council_id", "professional_id", "title", "due_on", "status", "progress")
MEETING_LIST_FIELDS = ("public_id", "council_id", "starts_at", "status", "location", "centre_id")

# --- the council ---------------------------------------------------------------------------------------------


@require_GET
@login_required
def mine(request):
    require(request.user, Action.LIST_MINE)
    councils = list(visible_to(request.user, Council.objects.for_page(), Action.WORK))
    if len(councils) == 1:
        return redirect("councils:work", public_id=councils[0].public_id)
    return render(request, "councils/list.html", {"councils": councils})


@require_GET
def council_detail(request, public_id):
    """The public page: members' names and positions, the centre, who serves the council, the approved plan."""
    council = _council(public_id)
    require(request.user, Action.VIEW, council)
    members = list(CouncilMember.objects.filter(council=council).seated().select_related("person"))
    plan = (
        Plan.objects.current_for(council)
        .published()
        .prefetch_related(Prefetch("goals", queryset=PlanGoal.objects.order_by("order", "pk")))
        .first()
    )
    goals = attach_realisation(list(plan.goals.all())) if plan else []
    return render(
        request,
        "councils/detail.html",
        {
            "council": council,
            "members": members,
            "professionals": list(serving_professionals(council).only("display_name", "email")),
            "plan": plan,
            "goals": goals,
            "can_work": can(request.user, Action.WORK, council),
            "tools": tools_of(council.district),
            "coming_meetings": list(Meeting.objects.of_council(council).coming().select_related("centre")[:5]),
            "decisions": list(
                Decision.objects.of_council(council).published().select_related("meeting").order_by("-created_at")[:10]
            ),
        },
    )


@require_GET
@login_required
def council_work(request, public_id):
    """The working page: seats (also proposed), plans, assignments and what this user may do next."""
    council = _council(public_id)
    require(request.user, Action.WORK, council)
    seats = list(
        CouncilMember.objects.filter(council=council, status__in=[MemberStatus.PROPOSED, MemberStatus.CONFIRMED])
        .select_related("person")
        .only(*SEAT_FIELDS)
        .order_by("status", "position", "term_start")
    )
    for seat in seats:
        seat.council = council
        seat.can_decide = can(request.user, Action.MEMBER_CONFIRM, seat)
    assignments = (
        visible_to(request.user, Assignment.objects.filter(council=council), Action.ASSIGNMENT_VIEW)
        .select_related("professional")
        .only(*ASSIGNMENT_CARD_FIELDS, "professional__display_name")
    )
    open_assignments = list(assignments.open().order_by("due_on", "pk"))
    closed_assignments = list(assignments.exclude(status__in=ASSIGNMENT_OPEN).order_by("-updated_at", "-pk")[:10])
    today = timezone.localdate()
    return render(
        request,
        "councils/work.html",
        {
            "council": council,
            "seats": seats,
            "plans": list(council.plans.only("public_id", "council_id", "year", "status").order_by("-year")),
            "open_assignments": open_assignments,
            "closed_assignments": closed_assignments,
            "today": today,
            "coming_meetings": list(
                Meeting.objects.of_council(council)
                .coming()
                .select_related("centre")
                .only(*MEETING_LIST_FIELDS, "centre__name")[:10]
            ),
            "past_meetings": list(Meeting.objects.of_council(council).past().only(*MEETING_LIST_FIELDS)[:5]),
            "may": {
                "meeting": can(request.user, Action.MEETING_PLAN, council),
                "propose": can(request.user, Action.MEMBER_PROPOSE, council),
                "centre": can(request.user, Action.CENTRE_PROFILE_EDIT, council),
                "plan": can(request.user, Action.PLAN_CREATE, council),
                "assign": can(request.user, Action.ASSIGNMENT_CREATE, council),
                "tailor": can(request.user, Action.TAILOR, council),
            },
            "tools": tools_of(council.district),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_propose(request, public_id):
    from wijkkracht.people.models import Person

    council = _council(public_id)
    require(request.user, Action.MEMBER_PROPOSE, council)
    form = MemberProposeForm(_data(request), initial={"term_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        person = Person.objects.with_active_account(form.cleaned_data["email"]).first()
        if person is None:
            form.add_error("email", _("We vinden geen bewoner met een account met dit e-mailadres."))
        else:
            try:
                services.member_propose(
                    council=council,
                    person=person,
                    position=form.cleaned_data["position"],
                    term_start=form.cleaned_data["term_start"],
                    term_end=form.cleaned_data["term_end"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("%(name)s is voorgesteld. De coördinator bevestigt het lidmaatschap.") % {"name": person}
                )
                return redirect("councils:work", public_id=council.public_id)
    return render(request, "councils/member_propose.html", {"council": council, "form": form})


MEMBER_MOVES = {
    MemberStatus.CONFIRMED: lambda m, user, reason: services.member_confirm(member=m, actor=user),
    MemberStatus.REJECTED: lambda member, user, reason: services.member_reject(
        member=member, actor=user, reason=reason
    ),
    MemberStatus.ENDED: lambda m, user, reason: services.member_end(member=m, actor=user, reason=reason),
}


@login_required
@require_POST
def member_decide(request, member_id):
    """Confirm, reject or end a seat (the coordinator or an administrator)."""
    member = get_object_or_404(
        CouncilMember.objects.select_related("council__district", "council__organisation", "person"),
        public_id=member_id,
    )
    target = request.POST.get("to", "")
    action = Action.MEMBER_END if target == MemberStatus.ENDED else Action.MEMBER_CONFIRM
    require(request.user, action, member)
    return post_move(
        request,
        member,
        MEMBER_MOVES,
        success={
            MemberStatus.CONFIRMED: _("Het lidmaatschap is bevestigd."),
            MemberStatus.REJECTED: _("Het voorstel is niet bevestigd."),
            MemberStatus.ENDED: _("Het lidmaatschap is beëindigd."),
        },
        redirect_to=reverse("councils:work", kwargs={"public_id": member.council.public_id}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_profile(request, public_id):
    council = _council(public_id)
    require(request.user, Action.CENTRE_PROFILE_EDIT, council)
    centre = council.centre
    form = CentreProfileForm(_data(request), initial={"profile": centre.profile, "focus": centre.focus})
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_profile_update(council=council, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het profiel van het wijkcentrum is opgeslagen."))
            return redirect("councils:work", public_id=council.public_id)
    return render(request, "councils/centre_profile.html", {"council": council, "centre": centre, "form": form})


# --- tailoring per district ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tailoring(request, public_id):
    """Maatwerk: which tools the council's district uses, which initiatives it asks for, its plan template."""
    from wijkkracht.initiatives.query import tailoring_of

    council = _council(public_id)
    require(request.user, Action.TAILOR, council)
    tools = tools_of(council.district)
    initiatives = tailoring_of(council.district)
    initial = {
        "uses_meetings": tools.meetings,
        "uses_plans": tools.plans,
        "uses_assignments": tools.assignments,
        "takes_initiatives": initiatives.takes_initiatives,
        "uses_budget": initiatives.uses_budget,
        "initiative_categories": sorted(initiatives.category_values),
    }
    form = TailoringForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.tailoring_save(council=council, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het maatwerk van de wijk is opgeslagen."))
            return redirect("councils:tailoring", public_id=council.public_id)
    return render(
        request,
        "councils/tailoring.html",
        {
            "council": council,
            "form": form,
            "template_goals": list(TemplateGoal.objects.of_district(council.district)),
            "may_centre": can(request.user, Action.CENTRE_PROFILE_EDIT, council),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def template_goal_edit(request, public_id, goal_id=None):
    council = _council(public_id)
    require(request.user, Action.TAILOR, council)
    goal = get_object_or_404(TemplateGoal, district=council.district, public_id=goal_id) if goal_id else None
    initial = (
        {name: getattr(goal, name) for name in services.GOAL_FIELDS}
        if goal
        else {"target_groups": ["15_55"], "budget": 0}
    )
    form = TemplateGoalForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_goal_save(council=council, goal=goal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het doel staat in het plansjabloon."))
            return redirect(reverse("councils:tailoring", args=[council.public_id]) + "#sjabloon")
    return render(request, "councils/template_goal_form.html", {"council": council, "goal": goal, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def template_goal_delete(request, public_id, goal_id):
    council = _council(public_id)
    require(request.user, Action.TAILOR, council)
    goal = get_object_or_404(TemplateGoal, district=council.district, public_id=goal_id)
    if request.method == "POST":
        services.template_goal_delete(council=council, goal=goal, actor=request.user)
        messages.success(request, _("Het doel is uit het plansjabloon gehaald. Bestaande plannen houden het."))
        return redirect(reverse("councils:tailoring", args=[council.public_id]) + "#sjabloon")
    return render(request, "councils/template_goal_delete.html", {"council": council, "goal": goal})


# --- plans -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, public_id):
    council = _council(public_id)
    require(request.user, Action.PLAN_CREATE, council)
    form = PlanCreateForm(_data(request))
    template_goals = list(TemplateGoal.objects.of_district(council.district).only("title"))
    if not template_goals:
        del form.fields["from_template"]
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(council=council, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het plan is aangemaakt. Voeg nu de doelen toe."))
            return redirect(plan.url)
    return render(
        request,
        "councils/plan_create.html",
        {"council": council, "form": form, "template_goals": template_goals, "tools": tools_of(council.district)},
    )


@require_GET
def plan_detail(request, plan_id):
    plan = _plan(plan_id)
    if not can(request.user, Action.PLAN_VIEW, plan):
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        raise PermissionDenied
    goals = attach_realisation(list(plan.goals.order_by("order", "pk")))
    working = can(request.user, Action.WORK, plan.council) or can(request.user, Action.PLAN_APPROVE, plan)
    moves = move_buttons(plan, request.user, MOVE_LABELS)
    return render(
        request,
        "councils/plan.html",
        {
            "plan": plan,
            "council": plan.council,
            "goals": goals,
            "total_budget": sum((g.budget for g in goals), start=0),
            "moves": moves,
            "working": working,
            "can_edit": can(request.user, Action.PLAN_EDIT, plan),
            "can_count": working
            and can(request.user, Action.PLAN_EVALUATE, plan)
            and plan.status in (PlanStatus.APPROVED, PlanStatus.IN_EXECUTION),
            "history": history(plan) if working else [],
            "versions": list(plan.versions.only("number", "note", "created_at")) if working else [],
        },
    )


def _login_url() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id):
    plan = _plan(plan_id)
    require(request.user, Action.PLAN_EDIT, plan)
    form = PlanForm(_data(request), initial={"summary": plan.summary, "evaluation": plan.evaluation})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het plan is opgeslagen."))
            return redirect(plan.url)
    return render(request, "councils/plan_edit.html", {"plan": plan, "council": plan.council, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, plan_id, goal_id=None):
    plan = _plan(plan_id)
    require(request.user, Action.PLAN_EDIT, plan)
    goal = get_object_or_404(PlanGoal, plan=plan, public_id=goal_id) if goal_id else None
    initial = (
        {name: getattr(goal, name) for name in services.GOAL_FIELDS}
        if goal
        else {"target_groups": ["15_55"], "budget": 0}
    )
    form = GoalForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_save(plan=plan, goal=goal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect(plan.url)
    return render(
        request, "councils/goal_form.html", {"plan": plan, "council": plan.council, "goal": goal, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, plan_id, goal_id):
    plan = _plan(plan_id)
    require(request.user, Action.PLAN_EDIT, plan)
    goal = get_object_or_404(PlanGoal, plan=plan, public_id=goal_id)
    if request.method == "POST":
        goal.plan = plan
        services.goal_delete(goal=goal, actor=request.user, note=request.POST.get("note", "")[:200])
        messages.success(request, _("Het doel is verwijderd."))
        return redirect(plan.url)
    return render(request, "councils/goal_delete.html", {"plan": plan, "council": plan.council, "goal": goal})


@login_required
@require_POST
def goal_realised(request, plan_id, goal_id):
    plan = _plan(plan_id)
    require(request.user, Action.PLAN_EVALUATE, plan)
    goal = get_object_or_404(PlanGoal, plan=plan, public_id=goal_id)
    goal.plan = plan
    form = RealisedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul een heel getal in van 0 of meer."))
    else:
        try:
            services.goal_realised_set(goal=goal, actor=request.user, realised=form.cleaned_data["realised"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het resultaat is opgeslagen."))
    return redirect(plan.url)


PLAN_MOVES = {
    PlanStatus.SUBMITTED: lambda plan, user, reason: services.plan_submit(plan=plan, actor=user),
    PlanStatus.APPROVED: lambda plan, user, reason: services.plan_approve(plan=plan, actor=user),
    PlanStatus.DRAFT: lambda plan, user, reason: services.plan_return(plan=plan, actor=user, reason=reason),
    PlanStatus.IN_EXECUTION: lambda plan, user, reason: services.plan_start(plan=plan, actor=user),
    PlanStatus.EVALUATED: lambda plan, user, reason: services.plan_evaluate(plan=plan, actor=user),
}


@login_required
@require_POST
def plan_transition(request, plan_id):
    """One step of the plan's lifecycle (the map in workflows.py decides which steps exist and who may)."""
    plan = _plan(plan_id)
    require(request.user, Action.PLAN_VIEW, plan)
    return post_move(request, plan, PLAN_MOVES, success=_("Het plan is nu: %(status)s."), redirect_to=plan.url)


@require_GET
@login_required
def plan_approvals(request):
    require(request.user, Action.PLAN_APPROVALS)
    plans = list(
        visible_to(request.user, Plan.objects.filter(status=PlanStatus.SUBMITTED), Action.PLAN_APPROVE)
        .select_related("council__district")
        .order_by("year", "council__name")
    )
    return render(request, "councils/plan_approvals.html", {"plans": plans})


# --- assignments -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request, public_id):
    council = _council(public_id)
    require(request.user, Action.ASSIGNMENT_CREATE, council)
    professionals = serving_professionals(council)
    form = AssignmentForm(_data(request), professionals=professionals)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_create(council=council, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De opdracht is gegeven. De beroepskracht ziet haar op het takenbord."))
            return redirect("councils:work", public_id=council.public_id)
    return render(
        request,
        "councils/assignment_create.html",
        {"council": council, "form": form, "has_professionals": professionals.exists()},
    )


@require_GET
@login_required
def assignment_detail(request, assignment_id):
    assignment = _assignment(assignment_id)
    require(request.user, Action.ASSIGNMENT_VIEW, assignment)
    return render(
        request,
        "councils/assignment.html",
        {
            "assignment": assignment,
            "council": assignment.council,
            "updates": list(AssignmentUpdate.objects.filter(assignment=assignment).select_related("author")),
            "history": history(assignment),
            "moves": move_buttons(assignment, request.user, MOVE_LABELS),
            "can_report": can(request.user, Action.ASSIGNMENT_RESPOND, assignment)
            and assignment.status == AssignmentStatus.ACCEPTED,
            "progress_form": ProgressForm(initial={"progress": assignment.progress}),
            "overdue": assignment.status in (AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED)
            and assignment.due_on < timezone.localdate(),
        },
    )


ASSIGNMENT_MOVES = {
    AssignmentStatus.ACCEPTED: lambda a, user, reason: services.assignment_accept(assignment=a, actor=user),
    AssignmentStatus.DECLINED: lambda a, user, reason: services.assignment_decline(
        assignment=a, actor=user, reason=reason
    ),
    AssignmentStatus.DONE: lambda a, user, reason: services.assignment_complete(assignment=a, actor=user, text=reason),
    AssignmentStatus.WITHDRAWN: lambda a, user, reason: services.assignment_withdraw(
        assignment=a, actor=user, reason=reason
    ),
}


@login_required
@require_POST
def assignment_transition(request, assignment_id):
    assignment = _assignment(assignment_id)
    require(request.user, Action.ASSIGNMENT_VIEW, assignment)
    return post_move(
        request,
        assignment,
        ASSIGNMENT_MOVES,
        success=_("De opdracht is nu: %(status)s."),
        redirect_to=assignment.url,
    )


@login_required
@require_POST
def assignment_progress(request, assignment_id):
    assignment = _assignment(assignment_id)
    require(request.user, Action.ASSIGNMENT_RESPOND, assignment)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Beschrijf wat er is gedaan en geef een voortgang van 0 tot 100 procent."))
    else:
        try:
            services.assignment_progress(assignment=assignment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De voortgang is gemeld aan de raad."))
    return redirect(assignment.url)


@require_GET
@login_required
def task_board(request):
    """The professional's one board across every council they serve."""
    require(request.user, Action.TASK_BOARD)
    mine = (
        Assignment.objects.for_professional(request.user)
        .select_related("council")
        .only(*ASSIGNMENT_CARD_FIELDS, "council__name")
    )
    today = timezone.localdate()
    open_rows = list(mine.open().order_by("due_on", "pk"))
    for row in open_rows:
        row.overdue = row.due_on < today
    done = list(mine.filter(status=AssignmentStatus.DONE).order_by("-updated_at", "-pk")[:10])
    councils = list(visible_to(request.user, Council.objects.only("public_id", "name"), Action.WORK))
    return render(
        request,
        "councils/task_board.html",
        {
            "columns": [
                (
                    _("Nieuw: aannemen of afwijzen"),
                    [row for row in open_rows if row.status == AssignmentStatus.OFFERED],
                    _("Geen nieuwe opdrachten."),
                ),
                (
                    _("Mee bezig"),
                    [row for row in open_rows if row.status == AssignmentStatus.ACCEPTED],
                    _("U werkt nu niet aan een opdracht."),
                ),
                (_("Onlangs afgerond"), done, _("Nog niets afgerond.")),
            ],
            "councils": councils,
        },
    )


# --- meetings ----------------------------------------------------------------------------------------------


def _meeting(public_id) -> Meeting:
    return get_object_or_404(Meeting.objects.for_page(), public_id=public_id)


def _centres(council: Council):
    from wijkkracht.places.models import CommunityCentre

    return CommunityCentre.objects.filter(district_id=council.district_id).order_by("name")


def _meeting_form(council: Council, data=None, meeting: Meeting | None = None) -> MeetingForm:
    initial: dict = {"centre": council.centre_id}
    if meeting is not None:
        local = timezone.localtime(meeting.starts_at)
        initial = {
            "date": local.date(),
            "starts": local.time(),
            "ends": timezone.localtime(meeting.ends_at).time() if meeting.ends_at else None,
            "centre": meeting.centre_id,
            "location": meeting.location,
            "agenda": "\n".join(item.title for item in meeting.agenda_items.all()),
        }
    return MeetingForm(data, initial=initial, centres=_centres(council))


def _meeting_save(request, form: MeetingForm, *, council: Council, meeting: Meeting | None):
    data = form.cleaned_data
    fields = {
        "starts_at": data.get("starts_at"),
        "ends_at": data.get("ends_at"),
        "centre": data["centre"],
        "location": data["location"],
        "agenda": data["agenda"].splitlines(),
    }
    if meeting is None:
        return services.meeting_plan(council=council, actor=request.user, **fields)
    return services.meeting_update(meeting=meeting, actor=request.user, **fields)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, public_id):
    council = _council(public_id)
    require(request.user, Action.MEETING_PLAN, council)
    form = _meeting_form(council, _data(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = _meeting_save(request, form, council=council, meeting=None)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("De vergadering is gepland. De leden krijgen een week en een dag vooraf een herinnering.")
            )
            return redirect(meeting.url)
    return render(request, "councils/meeting_form.html", {"council": council, "form": form, "meeting": None})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id):
    meeting = _meeting(meeting_id)
    require(request.user, Action.MEETING_PLAN, meeting)
    form = _meeting_form(meeting.council, _data(request), meeting)
    if request.method == "POST" and form.is_valid():
        try:
            _meeting_save(request, form, council=meeting.council, meeting=meeting)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De vergadering is gewijzigd."))
            return redirect(meeting.url)
    return render(request, "councils/meeting_form.html", {"council": meeting.council, "form": form, "meeting": meeting})


@require_GET
def meeting_detail(request, meeting_id):
    """Public: date, place, agenda; minutes and decisions once published. For the council and the professionals
    who serve it also the attendance, the draft minutes and the forms."""
    meeting = _meeting(meeting_id)
    require(request.user, Action.MEETING_VIEW, meeting)
    council = meeting.council
    working = request.user.is_authenticated and can(request.user, Action.WORK, council)
    published = meeting.status == MeetingStatus.PUBLISHED
    context: dict = {
        "meeting": meeting,
        "council": council,
        "agenda": list(meeting.agenda_items.all()),
        "working": working,
        "published": published,
        "decisions": list(meeting.decisions.select_related("plan_goal", "assignment", "initiative"))
        if (published or working)
        else [],
    }
    if working:
        may_record = can(request.user, Action.MEETING_RECORD, meeting)
        members = list(
            CouncilMember.objects.filter(council=council)
            .seated(timezone.localtime(meeting.starts_at).date())
            .select_related("person")
        )
        present = {str(a.member_id) for a in meeting.attendance.filter(present=True)}
        context |= {
            "members": members,
            "present_ids": present,
            "may_plan": can(request.user, Action.MEETING_PLAN, meeting),
            "may_record": may_record,
            "moves": move_buttons(meeting, request.user, MOVE_LABELS),
            "history": history(meeting),
        }
        if may_record:
            context |= {
                "attendance_form": AttendanceForm(initial={"present": sorted(present)}, members=members),
                "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
                "decision_form": _decision_form(meeting),
            }
    return render(request, "councils/meeting.html", context)


def _decision_form(meeting: Meeting, data=None) -> DecisionForm:
    council = meeting.council
    initiatives = Decision._meta.get_field("initiative").related_model.objects.filter(district_id=council.district_id)
    return DecisionForm(
        data,
        goals=PlanGoal.objects.filter(plan__council=council).select_related("plan").order_by("-plan__year", "order"),
        assignments=Assignment.objects.filter(council=council).order_by("-created_at"),
        initiatives=initiatives.order_by("title"),
    )


def _record(request, meeting: Meeting, write, success: str):
    """Run one recording service for the meeting; a refusal becomes a message."""
    try:
        write()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(meeting.url)


@login_required
@require_POST
def meeting_attendance(request, meeting_id):
    meeting = _meeting(meeting_id)
    require(request.user, Action.MEETING_RECORD, meeting)
    members = list(
        CouncilMember.objects.filter(council=meeting.council).seated(timezone.localtime(meeting.starts_at).date())
    )
    form = AttendanceForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Kies alleen leden die op die dag in de raad zaten."))
        return redirect(meeting.url)
    present = {int(pk) for pk in form.cleaned_data["present"]}
    return _record(
        request,
        meeting,
        lambda: services.meeting_attendance_set(meeting=meeting, actor=request.user, present=present),
        _("De aanwezigheid is opgeslagen."),
    )


@login_required
@require_POST
def meeting_minutes(request, meeting_id):
    meeting = _meeting(meeting_id)
    require(request.user, Action.MEETING_RECORD, meeting)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(meeting.url)
    return _record(
        request,
        meeting,
        lambda: services.meeting_minutes_save(
            meeting=meeting, actor=request.user, minutes=form.cleaned_data["minutes"]
        ),
        _("De notulen zijn opgeslagen. Ze zijn openbaar zodra de voorzitter of secretaris ze publiceert."),
    )


@login_required
@require_POST
def decision_create(request, meeting_id):
    meeting = _meeting(meeting_id)
    require(request.user, Action.MEETING_RECORD, meeting)
    form = _decision_form(meeting, request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Schrijf het besluit op, en kies eventueel een doel, opdracht of initiatief uit de lijst.")
        )
        return redirect(meeting.url)
    return _record(
        request,
        meeting,
        lambda: services.decision_add(meeting=meeting, actor=request.user, **form.cleaned_data),
        _("Het besluit is vastgelegd."),
    )


MEETING_MOVES = {
    MeetingStatus.CANCELLED: lambda meeting, user, reason: services.meeting_cancel(
        meeting=meeting, actor=user, reason=reason
    ),
    MeetingStatus.PUBLISHED: lambda meeting, user, reason: services.meeting_publish(meeting=meeting, actor=user),
}


@login_required
@require_POST
def meeting_transition(request, meeting_id):
    """Publish the minutes or cancel the meeting: who may make which move is the workflow's own question (the
    map's action through the policy; `post_move` answers 403 when refused)."""
    meeting = _meeting(meeting_id)
    require(request.user, Action.MEETING_VIEW, meeting)
    return post_move(
        request,
        meeting,
        MEETING_MOVES,
        success=_("De vergadering is nu: %(status)s."),
        redirect_to=meeting.url,
    )


@require_GET
def meeting_feed(request, public_id):
    """The council's meetings as an iCalendar feed (public: date, place and agenda only)."""
    from django.http import HttpResponse

    from wijkkracht.ical import CONTENT_TYPE

    from .calendar import meetings_ical

    council = _council(public_id)
    require(request.user, Action.VIEW, council)
    meetings = list(
        Meeting.objects.of_council(council)
        .filter(starts_at__gte=timezone.now() - datetime.timedelta(days=365))
        .select_related("centre")
        .prefetch_related("agenda_items")
        .order_by("starts_at")[:200]
    )
    body = meetings_ical(council, meetings, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="vergaderingen.ics"'
    return response


@require_GET
@login_required
def overview(request):
    """The analyst's view of the councils of their municipality: counts per district, no persons."""
    from wijkkracht.accounts.scope import scope_of

    from .constants import PlanStatus as P
    from .query import overview as council_overview

    require(request.user, Action.OVERVIEW)
    rows = council_overview(scope_of(request.user).municipality_ids)
    states = list(P.choices)
    keys = ("councils", "seats", "meetings", "published", "open", "overdue", "done")
    totals: dict = {key: sum(r[key] for r in rows) for key in keys}
    totals["plans"] = {state: sum(r["plans"].get(state, 0) for r in rows) for state, _label in states}
    for row in [*rows, totals]:
        row["plan_summary"] = [f"{row['plans'][state]} {label}" for state, label in states if row["plans"].get(state)]
    return render(
        request,
        "councils/overview.html",
        {"rows": rows, "totals": totals, "year": timezone.localdate().year},
    )
