"""Every write to councils goes through here: councils, seats, the centre's profile, plans and assignments.

Keyword-only and typed; each checks the policy for a user actor (actor=None: the system — seeds, tasks),
validates with full_clean, runs in one transaction and writes an audit event. States change only through the
workflow rail's `transition` (maps in workflows.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.policy import require_actor
from wijkkracht.audit.services import audit_record
from wijkkracht.workflow.services import locked, transition

from .constants import (
    PLAN_VERSIONED,
    AssignmentStatus,
    AuditAction,
    MeetingStatus,
    MemberStatus,
    PlanStatus,
    ReminderKind,
)
from .models import (
    AgendaItem,
    Assignment,
    AssignmentUpdate,
    Council,
    CouncilMember,
    CouncilSettings,
    Decision,
    DistrictTailoring,
    Meeting,
    MeetingAttendance,
    Plan,
    PlanGoal,
    PlanVersion,
    Reminder,
    TemplateGoal,
)
from .permissions import Action
from .query import Tools, serving_professionals


def _save(obj) -> None:
    """full_clean, then save; a lost race on a unique constraint becomes the constraint's own message."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError(_("Dit bestaat al of is intussen door iemand anders gewijzigd.")) from exc


# --- councils ----------------------------------------------------------------------------------------------


@transaction.atomic
def council_save(*, council: Council, actor) -> Council:
    """Create or change a council (administrators, through the admin)."""
    require_actor(actor, Action.MANAGE, council)
    created = council.pk is None
    _save(council)
    audit_record(
        actor=actor, action=AuditAction.COUNCIL_CREATED if created else AuditAction.COUNCIL_UPDATED, obj=council
    )
    return council


@transaction.atomic
def council_settings_save(*, settings: CouncilSettings, actor) -> CouncilSettings:
    """Who approves the plans in a municipality (administrators, through the admin)."""
    require_actor(actor, Action.MANAGE, settings)
    _save(settings)
    audit_record(actor=actor, action=AuditAction.SETTINGS_UPDATE, obj=settings, plan_approver=settings.plan_approver)
    return settings


@transaction.atomic
def centre_profile_update(*, council: Council, actor, profile: str, focus: str):
    """The council sets its centre's public profile text and focus (tailoring per district)."""
    from wijkkracht.places.services import centre_update

    require_actor(actor, Action.CENTRE_PROFILE_EDIT, council)
    centre = council.centre
    if centre is None:
        raise ValidationError(_("Deze raad hoort niet bij een wijkcentrum."))
    others = {name: getattr(centre, name) for name in ("street", "postcode", "city", "phone", "email")}
    # The council's own right (checked above); the places service is called as the system for this one change.
    centre = centre_update(centre=centre, actor=None, profile=profile.strip(), focus=focus.strip(), **others)
    audit_record(actor=actor, action=AuditAction.CENTRE_PROFILE, obj=council, centre=str(centre.public_id))
    return centre


# --- tailoring per district ------------------------------------------------------------------------------


def _tool_in_use(council: Council, tool: str) -> None:
    """Refuse a write for a tool the council's district switched off (tailoring)."""
    labels = {
        "meetings": _("vergaderingen"),
        "plans": _("een inhoudelijk plan"),
        "assignments": _("opdrachten aan de beroepskracht"),
    }
    if not getattr(Tools(DistrictTailoring.objects.filter(district_id=council.district_id).first()), tool):
        raise ValidationError(
            _("Wijk %(district)s gebruikt %(tool)s niet in Wijkkracht (maatwerk van de wijk).")
            % {"district": council.district.name, "tool": labels[tool]}
        )


@transaction.atomic
def tailoring_save(
    *,
    council: Council,
    actor,
    uses_meetings: bool,
    uses_plans: bool,
    uses_assignments: bool,
    takes_initiatives: bool,
    uses_budget: bool,
    initiative_categories: list[str],
) -> DistrictTailoring:
    """The council tailors its district: which tools it uses and which initiatives it asks for. The initiatives'
    part is kept by initiatives (its own service and policy: a council of the district)."""
    from wijkkracht.initiatives.services import district_settings_save

    require_actor(actor, Action.TAILOR, council)
    district = council.district
    tailoring = DistrictTailoring.objects.select_for_update().filter(district=district).first()
    tailoring = tailoring or DistrictTailoring(district=district)
    tailoring.uses_meetings, tailoring.uses_plans = uses_meetings, uses_plans
    tailoring.uses_assignments = uses_assignments
    try:
        district_settings_save(
            district=district,
            actor=actor,
            takes_initiatives=takes_initiatives,
            uses_budget=uses_budget,
            categories=initiative_categories,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "categories" in error.error_dict:
            raise ValidationError({"initiative_categories": error.error_dict["categories"]}) from error
        raise
    _save(tailoring)
    district.council_tailoring = tailoring
    audit_record(actor=actor, action=AuditAction.TAILORING_SAVE, obj=council, district=str(district.public_id))
    return tailoring


@transaction.atomic
def template_goal_save(
    *,
    council: Council,
    actor,
    title: str,
    target_groups: list[str],
    target_value: int,
    measure: str,
    description: str = "",
    planned_activities: str = "",
    budget: Decimal = Decimal("0"),
    goal: TemplateGoal | None = None,
) -> TemplateGoal:
    """Add a goal to the district's plan template, or change one. Plans made earlier keep their own goals."""
    require_actor(actor, Action.TAILOR, council)
    if goal is None:
        last = TemplateGoal.objects.filter(district=council.district).aggregate(last=Max("order"))["last"]
        goal = TemplateGoal(district=council.district, order=(last or 0) + 1)
    elif goal.district_id != council.district_id:
        raise ValidationError(_("Dit doel hoort bij het sjabloon van een andere wijk."))
    goal.title = title.strip()
    goal.description = description.strip()
    goal.target_groups = list(target_groups)
    goal.target_value = target_value
    goal.measure = measure
    goal.planned_activities = planned_activities.strip()
    goal.budget = budget
    _save(goal)
    audit_record(actor=actor, action=AuditAction.TEMPLATE_GOAL_SAVE, obj=goal, council=str(council.public_id))
    return goal


@transaction.atomic
def template_goal_delete(*, council: Council, goal: TemplateGoal, actor) -> None:
    require_actor(actor, Action.TAILOR, council)
    if goal.district_id != council.district_id:
        raise ValidationError(_("Dit doel hoort bij het sjabloon van een andere wijk."))
    audit_record(actor=actor, action=AuditAction.TEMPLATE_GOAL_DELETE, obj=goal, council=str(council.public_id))
    goal.delete()


# --- seats -------------------------------------------------------------------------------------------------


@transaction.atomic
def member_propose(
    *,
    council: Council,
    person,
    position: str,
    term_start: datetime.date,
    term_end: datetime.date | None = None,
    actor,
) -> CouncilMember:
    """The chair or secretary proposes a resident for a seat; the coordinator or an administrator confirms."""
    require_actor(actor, Action.MEMBER_PROPOSE, council)
    if term_end is None:
        try:
            term_end = term_start.replace(year=term_start.year + council.term_years) - datetime.timedelta(days=1)
        except ValueError:  # 29 February
            term_end = term_start.replace(day=28, year=term_start.year + council.term_years)
    member = CouncilMember(
        council=council,
        person=person,
        position=position,
        term_start=term_start,
        term_end=term_end,
        proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _save(member)
    audit_record(actor=actor, action=AuditAction.MEMBER_PROPOSE, obj=member, council=str(council.public_id))
    return member


@transaction.atomic
def member_confirm(*, member: CouncilMember, actor) -> CouncilMember:
    """Confirm a proposed seat. A member with an account gets the council-member role for the term."""
    from wijkkracht.accounts.constants import Role
    from wijkkracht.accounts.models import Membership
    from wijkkracht.accounts.services import membership_grant

    transition(member, to=MemberStatus.CONFIRMED, by=actor)
    user = member.person.user
    if (
        user is not None
        and not Membership.objects.filter(user=user, role=Role.COUNCIL_MEMBER, council=member.council).exists()
    ):
        membership_grant(
            user=user, role=Role.COUNCIL_MEMBER, council=member.council, starts_on=member.term_start, actor=None
        )
    return member


@transaction.atomic
def member_reject(*, member: CouncilMember, actor, reason: str) -> CouncilMember:
    transition(member, to=MemberStatus.REJECTED, by=actor, reason=reason)
    return member


@transaction.atomic
def member_end(*, member: CouncilMember, actor, reason: str = "", ends_on: datetime.date | None = None):
    """End a seat (default today) and the council-member role that came with it."""
    from wijkkracht.accounts.constants import Role
    from wijkkracht.accounts.models import Membership
    from wijkkracht.accounts.services import membership_end

    ends_on = ends_on or timezone.localdate()
    transition(member, to=MemberStatus.ENDED, by=actor, reason=reason)
    if member.term_end is None or member.term_end > ends_on:
        member.term_end = max(ends_on, member.term_start)
        member.full_clean()
        member.save(update_fields=["term_end"])
    if member.person.user_id is not None:
        for membership in Membership.objects.filter(
            user_id=member.person.user_id, role=Role.COUNCIL_MEMBER, council=member.council
        ):
            membership_end(membership=membership, ends_on=max(ends_on, membership.starts_on), actor=None)
    return member


# --- plans -------------------------------------------------------------------------------------------------

GOAL_FIELDS = ("title", "description", "target_groups", "target_value", "measure", "planned_activities", "budget")


def plan_snapshot(plan: Plan) -> dict:
    return {
        "year": plan.year,
        "status": plan.status,
        "summary": plan.summary,
        "evaluation": plan.evaluation,
        "goals": [
            {
                "public_id": str(g.public_id),
                **{name: getattr(g, name) for name in GOAL_FIELDS if name != "budget"},
                "budget": str(g.budget),
            }
            for g in plan.goals.order_by("order", "pk")
        ],
    }


def _version(plan: Plan, *, actor, note: str) -> PlanVersion:
    plan = locked(plan)
    plan.version += 1
    plan.save(update_fields=["version"])
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=plan_snapshot(plan),
        note=note[:200],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action=AuditAction.PLAN_VERSION, obj=plan, number=version.number)
    return version


def _after_change(plan: Plan, *, actor, note: str) -> None:
    if plan.status in PLAN_VERSIONED:
        _version(plan, actor=actor, note=note or _("Plan gewijzigd na goedkeuring"))


@transaction.atomic
def plan_create(*, council: Council, year: int, actor, summary: str = "", from_template: bool = True) -> Plan:
    """A new draft plan; with `from_template` it starts with the goals of the district's plan template."""
    require_actor(actor, Action.PLAN_CREATE, council)
    _tool_in_use(council, "plans")
    plan = Plan(council=council, year=year, summary=summary.strip())
    _save(plan)
    template = list(TemplateGoal.objects.of_district(council.district)) if from_template else []
    goals = [
        PlanGoal(
            plan=plan,
            order=number,
            **{name: getattr(t, name) for name in GOAL_FIELDS},
        )
        for number, t in enumerate(template, start=1)
    ]
    for goal in goals:
        goal.full_clean()
    PlanGoal.objects.bulk_create(goals)
    audit_record(actor=actor, action=AuditAction.PLAN_CREATE, obj=plan, year=year, template_goals=len(goals))
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, actor, summary: str, evaluation: str = "", note: str = "") -> Plan:
    require_actor(actor, Action.PLAN_EDIT, plan)
    plan.summary, plan.evaluation = summary.strip(), evaluation.strip()
    plan.full_clean()
    plan.save(update_fields=["summary", "evaluation", "updated_at"])
    audit_record(actor=actor, action=AuditAction.PLAN_UPDATE, obj=plan)
    _after_change(plan, actor=actor, note=note)
    return plan


@transaction.atomic
def goal_save(
    *,
    plan: Plan,
    actor,
    title: str,
    target_groups: list[str],
    target_value: int,
    measure: str,
    description: str = "",
    planned_activities: str = "",
    budget: Decimal = Decimal("0"),
    goal: PlanGoal | None = None,
    note: str = "",
) -> PlanGoal:
    """Add a goal to a plan, or change one. After approval the change is kept as a new version."""
    require_actor(actor, Action.PLAN_EDIT, plan)
    if goal is None:
        goal = PlanGoal(plan=plan, order=plan.goals.count() + 1)
    elif goal.plan_id != plan.pk:
        raise ValidationError(_("Dit doel hoort niet bij dit plan."))
    goal.title = title.strip()
    goal.description = description.strip()
    goal.target_groups = list(target_groups)
    goal.target_value = target_value
    goal.measure = measure
    goal.planned_activities = planned_activities.strip()
    goal.budget = budget
    _save(goal)
    audit_record(actor=actor, action=AuditAction.GOAL_SAVE, obj=goal, plan=str(plan.public_id))
    _after_change(plan, actor=actor, note=note)
    return goal


@transaction.atomic
def goal_delete(*, goal: PlanGoal, actor, note: str = "") -> None:
    plan = goal.plan
    require_actor(actor, Action.PLAN_EDIT, plan)
    audit_record(actor=actor, action=AuditAction.GOAL_DELETE, obj=goal, plan=str(plan.public_id))
    goal.delete()
    _after_change(plan, actor=actor, note=note)


@transaction.atomic
def goal_realised_set(*, goal: PlanGoal, actor, realised: int | None) -> PlanGoal:
    """The council's own count for a goal, until the activities capability counts it (no new version)."""
    require_actor(actor, Action.PLAN_EVALUATE, goal.plan)
    if goal.plan.status not in (PlanStatus.IN_EXECUTION, PlanStatus.APPROVED):
        raise ValidationError(_("Resultaten vult u in als het plan is goedgekeurd of in uitvoering is."))
    goal.realised_manual = realised
    goal.full_clean()
    goal.save(update_fields=["realised_manual"])
    audit_record(actor=actor, action=AuditAction.GOAL_REALISED, obj=goal)
    return goal


@transaction.atomic
def plan_submit(*, plan: Plan, actor) -> Plan:
    transition(plan, to=PlanStatus.SUBMITTED, by=actor)
    return plan


@transaction.atomic
def plan_approve(*, plan: Plan, actor) -> Plan:
    """Approve a submitted plan; the approved content becomes version 1 (or the next number)."""
    transition(plan, to=PlanStatus.APPROVED, by=actor)
    _version(plan, actor=actor, note=_("Goedgekeurd"))
    plan.refresh_from_db(fields=["version"])
    return plan


@transaction.atomic
def plan_return(*, plan: Plan, actor, reason: str) -> Plan:
    """Send a submitted plan back to the council with the reason (it becomes a draft again)."""
    transition(plan, to=PlanStatus.DRAFT, by=actor, reason=reason)
    return plan


@transaction.atomic
def plan_start(*, plan: Plan, actor) -> Plan:
    transition(plan, to=PlanStatus.IN_EXECUTION, by=actor)
    return plan


@transaction.atomic
def plan_evaluate(*, plan: Plan, actor) -> Plan:
    transition(plan, to=PlanStatus.EVALUATED, by=actor)
    return plan


# --- assignments -------------------------------------------------------------------------------------------


@transaction.atomic
def assignment_create(
    *, council: Council, professional, title: str, due_on: datetime.date, actor, description: str = ""
) -> Assignment:
    """The council gives a professional who serves it a task."""
    require_actor(actor, Action.ASSIGNMENT_CREATE, council)
    _tool_in_use(council, "assignments")
    if professional is None or not serving_professionals(council).filter(pk=professional.pk).exists():
        raise ValidationError({"professional": _("Kies een beroepskracht die voor deze raad werkt.")})
    if due_on < timezone.localdate() and actor is not None:  # the system may record an older one (an import)
        raise ValidationError({"due_on": _("De datum ligt in het verleden.")})
    assignment = Assignment(
        council=council,
        professional=professional,
        title=title.strip(),
        description=description.strip(),
        due_on=due_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _save(assignment)
    audit_record(actor=actor, action=AuditAction.ASSIGNMENT_CREATE, obj=assignment, council=str(council.public_id))
    return assignment


@transaction.atomic
def assignment_accept(*, assignment: Assignment, actor) -> Assignment:
    transition(assignment, to=AssignmentStatus.ACCEPTED, by=actor)
    return assignment


@transaction.atomic
def assignment_decline(*, assignment: Assignment, actor, reason: str) -> Assignment:
    transition(assignment, to=AssignmentStatus.DECLINED, by=actor, reason=reason)
    return assignment


@transaction.atomic
def assignment_complete(*, assignment: Assignment, actor, text: str = "") -> Assignment:
    transition(assignment, to=AssignmentStatus.DONE, by=actor, reason=text)
    assignment.progress = 100
    assignment.save(update_fields=["progress", "updated_at"])
    return assignment


@transaction.atomic
def assignment_withdraw(*, assignment: Assignment, actor, reason: str) -> Assignment:
    transition(assignment, to=AssignmentStatus.WITHDRAWN, by=actor, reason=reason)
    return assignment


@transaction.atomic
def assignment_progress(*, assignment: Assignment, actor, text: str, progress: int) -> AssignmentUpdate:
    """The professional reports progress on an accepted assignment."""
    require_actor(actor, Action.ASSIGNMENT_RESPOND, assignment)
    assignment = locked(assignment)
    if assignment.status != AssignmentStatus.ACCEPTED:
        raise ValidationError(_("U meldt voortgang op een opdracht die u hebt aangenomen."))
    update = AssignmentUpdate(
        assignment=assignment,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        text=text.strip(),
        progress=progress,
    )
    update.full_clean()
    update.save()
    assignment.progress = progress
    assignment.full_clean()
    assignment.save(update_fields=["progress", "updated_at"])
    audit_record(actor=actor, action=AuditAction.ASSIGNMENT_PROGRESS, obj=assignment, progress=progress)
    return update


# --- meetings --------------------------------------------------------------------------------------------------

AGENDA_MAX_ITEMS = 30


def _agenda(lines: list[str]) -> list[str]:
    items = [line.strip() for line in lines if line.strip()]
    if len(items) > AGENDA_MAX_ITEMS:
        raise ValidationError({"agenda": _("Een agenda heeft hoogstens %(n)d punten.") % {"n": AGENDA_MAX_ITEMS}})
    for item in items:
        if len(item) > 200:
            raise ValidationError({"agenda": _("Een agendapunt is hoogstens 200 tekens lang.")})
    return items


def _agenda_replace(meeting: Meeting, items: list[str]) -> None:
    AgendaItem.objects.filter(meeting=meeting).delete()
    for order, title in enumerate(items):
        item = AgendaItem(meeting=meeting, order=order, title=title)
        item.full_clean()
        item.save()


def _meeting_fields(
    meeting: Meeting,
    *,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    centre,
    location: str,
) -> None:
    if starts_at is None:
        raise ValidationError({"starts_at": _("Vul de datum en het begintijdstip in.")})
    meeting.starts_at, meeting.ends_at, meeting.centre, meeting.location = starts_at, ends_at, centre, location.strip()
    if centre is None and not meeting.location:
        raise ValidationError({"location": _("Kies een wijkcentrum of schrijf waar de vergadering is.")})


@transaction.atomic
def meeting_plan(
    *,
    council: Council,
    actor,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None = None,
    centre=None,
    location: str = "",
    agenda: list[str] | None = None,
) -> Meeting:
    """Plan a council meeting: when, where and the agenda (one point per line)."""
    require_actor(actor, Action.MEETING_PLAN, council)
    _tool_in_use(council, "meetings")
    items = _agenda(agenda or [])
    meeting = Meeting(council=council, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    _meeting_fields(meeting, starts_at=starts_at, ends_at=ends_at, centre=centre, location=location)
    _save(meeting)
    _agenda_replace(meeting, items)
    audit_record(actor=actor, action=AuditAction.MEETING_PLAN, obj=meeting, council=str(council.public_id))
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    actor,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None = None,
    centre=None,
    location: str = "",
    agenda: list[str] | None = None,
) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    require_actor(actor, Action.MEETING_PLAN, meeting)
    items = _agenda(agenda or [])
    _meeting_fields(meeting, starts_at=starts_at, ends_at=ends_at, centre=centre, location=location)
    _save(meeting)
    _agenda_replace(meeting, items)
    audit_record(actor=actor, action=AuditAction.MEETING_UPDATE, obj=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    transition(meeting, to=MeetingStatus.CANCELLED, by=actor, reason=reason)
    return meeting


@transaction.atomic
def meeting_attendance_set(*, meeting: Meeting, actor, present: set[int]) -> list[MeetingAttendance]:
    """Record who of the members seated on the meeting's day was there (`present`: CouncilMember pks)."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    require_actor(actor, Action.MEETING_RECORD, meeting)
    seated = list(
        CouncilMember.objects.filter(council=meeting.council).seated(timezone.localtime(meeting.starts_at).date())
    )
    unknown = present - {m.pk for m in seated}
    if unknown:
        raise ValidationError(_("Kies alleen leden die op die dag in de raad zaten."))
    rows = []
    for member in seated:
        row, _created = MeetingAttendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"present": member.pk in present}
        )
        rows.append(row)
    audit_record(actor=actor, action=AuditAction.MEETING_ATTENDANCE, obj=meeting, present=len(present))
    return rows


@transaction.atomic
def meeting_minutes_save(*, meeting: Meeting, actor, minutes: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    require_actor(actor, Action.MEETING_RECORD, meeting)
    meeting.minutes = minutes.strip()
    _save(meeting)
    audit_record(actor=actor, action=AuditAction.MEETING_MINUTES, obj=meeting)
    return meeting


@transaction.atomic
def decision_add(*, meeting: Meeting, actor, text: str, plan_goal=None, initiative=None, assignment=None) -> Decision:
    """A decision of the meeting, optionally about one of this council's plan goals or assignments, or an
    initiative in its district."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    require_actor(actor, Action.MEETING_RECORD, meeting)
    council = meeting.council
    if plan_goal is not None and plan_goal.plan.council_id != council.pk:
        raise ValidationError({"plan_goal": _("Kies een doel uit een plan van deze raad.")})
    if assignment is not None and assignment.council_id != council.pk:
        raise ValidationError({"assignment": _("Kies een opdracht van deze raad.")})
    if initiative is not None and initiative.district_id != council.district_id:
        raise ValidationError({"initiative": _("Kies een initiatief uit de wijk van deze raad.")})
    decision = Decision(
        meeting=meeting, text=text.strip(), plan_goal=plan_goal, initiative=initiative, assignment=assignment
    )
    _save(decision)
    audit_record(actor=actor, action=AuditAction.DECISION_ADD, obj=decision, meeting=str(meeting.public_id))
    return decision


@transaction.atomic
def meeting_publish(*, meeting: Meeting, actor) -> Meeting:
    """Publish the minutes and decisions: from now on they are on the council's public page."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    transition(meeting, to=MeetingStatus.PUBLISHED, by=actor)
    meeting.published_at = timezone.now()
    meeting.save(update_fields=["published_at"])
    return meeting


# --- reminders -------------------------------------------------------------------------------------------------


def _claim_reminder(kind: str, key: str) -> Reminder | None:
    """The one row that says this reminder went out; None when it already did (the job ran before)."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(kind=kind, subject_key=key)
    except IntegrityError:
        return None


def _remind(users, *, template: str, context: dict) -> int:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    sent = 0
    for user in users:
        if not user.email or not user.is_active:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            ctx = {"user": user, "site": settings.WIJKKRACHT_SITE_URL, **context}
            subject = render_to_string(f"councils/mail/{template}_subject.txt", ctx).strip()
            body = render_to_string(f"councils/mail/{template}_email.txt", ctx)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


def _council_users(council: Council, *, professionals: bool = True) -> list:
    from wijkkracht.accounts.models import User

    member_users = User.objects.filter(
        pk__in=CouncilMember.objects.filter(council=council).seated().values("person__user_id")
    )
    users = {u.pk: u for u in member_users}
    if professionals:
        users.update({u.pk: u for u in serving_professionals(council)})
    return list(users.values())


def reminders_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send the councils' reminders that are due, each once: meetings a week and a day before (to the members
    and the professionals who serve the council), open assignments past their date (to the council and the
    professional), plans not evaluated after their year (to the council and the professionals). Safe to run
    any number of times: a reminder is claimed once (unique kind + subject)."""
    now = now or timezone.now()
    counts = {kind: 0 for kind in ReminderKind.values}
    windows = {
        # A week ahead (or, for a meeting planned at shorter notice, as soon as it is planned), and a day ahead.
        ReminderKind.MEETING_WEEK: (now + datetime.timedelta(days=1), now + datetime.timedelta(days=7)),
        ReminderKind.MEETING_DAY: (now, now + datetime.timedelta(days=1)),
    }
    for kind, (start, end) in windows.items():
        for meeting in Meeting.objects.starting_between(start, end).select_related("council", "centre"):
            with transaction.atomic():
                reminder = _claim_reminder(kind, str(meeting.public_id))
                if reminder is None:
                    continue
                reminder.recipients = _remind(
                    _council_users(meeting.council),
                    template="meeting",
                    context={"meeting": meeting, "tomorrow": kind == ReminderKind.MEETING_DAY},
                )
                reminder.save(update_fields=["recipients"])
                counts[kind] += 1
    today = timezone.localdate(now)
    for assignment in Assignment.objects.overdue(today).select_related("council", "professional"):
        with transaction.atomic():
            reminder = _claim_reminder(ReminderKind.ASSIGNMENT_OVERDUE, str(assignment.public_id))
            if reminder is None:
                continue
            users = {u.pk: u for u in _council_users(assignment.council, professionals=False)}
            users[assignment.professional_id] = assignment.professional
            reminder.recipients = _remind(
                users.values(), template="assignment_overdue", context={"assignment": assignment}
            )
            reminder.save(update_fields=["recipients"])
            counts[ReminderKind.ASSIGNMENT_OVERDUE] += 1
    for plan in Plan.objects.not_evaluated_after(today.year).select_related("council"):
        with transaction.atomic():
            reminder = _claim_reminder(ReminderKind.PLAN_NOT_EVALUATED, str(plan.public_id))
            if reminder is None:
                continue
            reminder.recipients = _remind(
                _council_users(plan.council), template="plan_evaluate", context={"plan": plan}
            )
            reminder.save(update_fields=["recipients"])
            counts[ReminderKind.PLAN_NOT_EVALUATED] += 1
    if any(counts.values()):
        audit_record(actor=None, action=AuditAction.REMINDER_SENT, obj=None, sent=counts)
    return counts
