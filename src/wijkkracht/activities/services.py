"""Every write of centre life goes through here: activities, their sessions and the categories.

Keyword-only and typed; each checks the policy for a user actor (actor=None: the system — the periodic job,
the demo seed), validates with full_clean, runs in one transaction and writes an audit event. States change
only through the workflow rail's `transition` (maps in workflows.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.accounts.policy import require_actor
from wijkkracht.audit.services import audit_record
from wijkkracht.initiatives.constants import Category as InitiativeCategory
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.validators import normalise_phone
from wijkkracht.workflow.services import transition

from . import reach
from .constants import (
    AGE_FIELDS,
    ATTENDANCE_REMINDER_AFTER,
    CANCEL_SALT,
    CHECK_IN_OPENS,
    SESSION_HORIZON,
    ActivityStatus,
    AgeBand,
    AuditAction,
    BookingKind,
    BookingStatus,
    OrganiserKind,
    RegistrationStatus,
    SessionStatus,
)
from .models import Activity, Attendance, Category, HeadCount, Registration, RoomBooking, Session
from .permissions import Action
from .permissions import can as policy_can
from .recurrence import first_occurrence, local_datetime, normalise_rule, occurrence_dates


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


# --- categories --------------------------------------------------------------------------------------------


@transaction.atomic
def category_save(*, category: Category, actor, districts: Iterable | None = None) -> Category:
    """Create or change a category (administrators, through the admin). `districts`: where it is offered
    (empty: everywhere); None leaves them as they are."""
    require_actor(actor, Action.CATEGORY_MANAGE, category)
    category.full_clean()
    category.save()
    if districts is not None:
        category.districts.set(list(districts))
    audit_record(actor=actor, action=AuditAction.CATEGORY_SAVE, obj=category)
    return category


# --- activities --------------------------------------------------------------------------------------------

ACTIVITY_FIELDS = (
    "title",
    "description",
    "category",
    "district",
    "centre",
    "neighbourhood",
    "location",
    "organiser_kind",
    "organiser_name",
    "partner",
    "age_bands",
    "price",
    "price_note",
    "wheelchair_accessible",
    "accessibility",
    "initiative",
    "plan_goals",
    "starts_on",
    "start_time",
    "end_time",
    "rrule",
)


def _where(*, district, centre) -> None:
    if district is None and centre is None:
        raise ValidationError({"centre": _("Kies een wijkcentrum of een wijk.")})


def _check_links(*, district, neighbourhood, category, initiative, plan_goals: Sequence, age_bands: Iterable[str]):
    from wijkkracht.councils.models import PlanGoal

    errors: dict[str, str] = {}
    if neighbourhood is not None and neighbourhood.district_id != district.pk:
        errors["neighbourhood"] = _("Deze buurt ligt niet in wijk %(district)s.") % {"district": district.name}
    if category is not None and not Category.objects.for_district(district).filter(pk=category.pk).exists():
        errors["category"] = _("Deze soort activiteit gebruikt wijk %(district)s niet.") % {"district": district.name}
    if initiative is not None and initiative.district_id != district.pk:
        errors["initiative"] = _("Dit initiatief hoort bij een andere wijk.")
    goal_ids = {goal.pk for goal in plan_goals}
    if goal_ids and PlanGoal.objects.filter(pk__in=goal_ids, plan__council__district=district).count() != len(goal_ids):
        errors["plan_goals"] = _("Kies doelen uit het plan van een raad in deze wijk.")
    bands = list(age_bands)
    if not bands:
        errors["age_bands"] = _("Kies voor wie de activiteit is: minstens één leeftijdsgroep.")
    elif any(band not in AgeBand.values for band in bands):
        errors["age_bands"] = _("Kies leeftijdsgroepen uit de lijst.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_save(
    *,
    actor,
    title: str,
    description: str,
    category: Category,
    starts_on: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    age_bands: Iterable[str],
    district=None,
    centre=None,
    neighbourhood=None,
    location: str = "",
    organiser_kind: str = OrganiserKind.CENTRE,
    organiser_name: str = "",
    partner=None,
    price: Decimal = Decimal("0"),
    price_note: str = "",
    wheelchair_accessible: bool = False,
    accessibility: str = "",
    initiative=None,
    plan_goals: Sequence = (),
    rrule: str = "",
    capacity: int | None = None,
    activity: Activity | None = None,
    synthetic: bool = False,
) -> Activity:
    """Create an activity (as a draft) or change one. The rule is checked (RFC 5545) and the first date moves to
    the first day the schedule falls on; a published activity's sessions follow the change at once."""
    _where(district=district, centre=centre)
    if centre is not None:
        if district is not None and district.pk != centre.district_id:
            raise ValidationError({"centre": _("Dit wijkcentrum ligt niet in de gekozen wijk.")})
        district = centre.district
    moved_from = None
    if activity is not None:
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        require_actor(actor, Action.MANAGE, activity)  # where it is now
        moved_from = activity.district_id if activity.district_id != district.pk else None
    require_actor(actor, Action.MANAGE, centre if centre is not None else district)  # and where it goes
    bands = list(age_bands)
    _check_links(
        district=district,
        neighbourhood=neighbourhood,
        category=category,
        initiative=initiative,
        plan_goals=plan_goals,
        age_bands=bands,
    )
    try:
        rule = normalise_rule(rrule)
    except ValidationError as error:
        raise ValidationError({"rrule": error.messages}) from error
    if end_time <= start_time:
        raise ValidationError({"end_time": _("De eindtijd ligt na de begintijd (op dezelfde dag).")})
    first = first_occurrence(starts_on=starts_on, start_time=start_time, rule=rule)
    if first is None:
        raise ValidationError({"rrule": _("Volgens deze herhaalregel is er geen enkele bijeenkomst.")})

    created = activity is None
    if activity is None:
        activity = Activity(created_by=_user(actor), synthetic=synthetic)
    activity.title = " ".join(title.split())
    activity.description = description.strip()
    activity.category = category
    activity.district = district
    activity.centre = centre
    activity.neighbourhood = neighbourhood
    activity.location = location.strip()
    activity.organiser_kind = organiser_kind
    activity.organiser_name = organiser_name.strip()
    activity.partner = partner
    for band, name in AGE_FIELDS.items():
        setattr(activity, name, band in bands)
    activity.price = price
    activity.price_note = price_note.strip()
    activity.capacity = capacity
    activity.wheelchair_accessible = wheelchair_accessible
    activity.accessibility = accessibility.strip()
    activity.initiative = initiative
    activity.starts_on = first
    activity.start_time = start_time
    activity.end_time = end_time
    activity.rrule = rule
    activity.full_clean()
    activity.save()
    activity.plan_goals.set(list(plan_goals))
    if moved_from is not None:  # its attendance now counts for the other district
        years = set(
            Session.objects.filter(activity=activity, attendances__isnull=False).values_list("date__year", flat=True)
        )
        years |= set(
            Session.objects.filter(activity=activity, head_counts__isnull=False).values_list("date__year", flat=True)
        )
        if years:
            reach.rebuild(district_ids=[moved_from, district.pk], years=years)
    audit_record(
        actor=actor, action=AuditAction.ACTIVITY_CREATE if created else AuditAction.ACTIVITY_UPDATE, obj=activity
    )
    if activity.status == ActivityStatus.PUBLISHED:
        sessions_generate(activity=activity)
    return activity


# An initiative's kind -> the activity category it most likely is (slugs of the usual list); otherwise the
# district's first category. The professional corrects the draft before it goes on the calendar.
INITIATIVE_CATEGORY_SLUGS = {
    InitiativeCategory.MEETING: "ontmoeten",
    InitiativeCategory.YOUTH: "jongeren",
    InitiativeCategory.GREEN: "doen",
    InitiativeCategory.CULTURE: "creatief",
    InitiativeCategory.SPORT: "bewegen",
    InitiativeCategory.CARE: "ontmoeten",
}
YOUTH_BANDS = (AgeBand.AGE_0_15, AgeBand.AGE_15_25)


@transaction.atomic
def activity_from_initiative(*, initiative, actor, synthetic: bool = False) -> Activity:
    """An approved residents' initiative becomes a draft activity in its district, linked to it and prefilled
    from it (what, for whom, where, when): the professional completes the time and place and puts it on the
    calendar. Once per initiative: a second call (a double click, a colleague) is refused, changing nothing."""
    from wijkkracht.places.models import CommunityCentre
    from wijkkracht.workflow.services import locked

    require_actor(actor, Action.FROM_INITIATIVE, initiative)
    initiative = locked(initiative)  # two clicks at once make one activity
    if initiative.status != InitiativeStatus.APPROVED:
        raise ValidationError(_("Alleen een goedgekeurd initiatief kan een activiteit worden."))
    if Activity.objects.filter(initiative=initiative).exists():
        raise ValidationError(_("Van dit initiatief is al een activiteit gemaakt."), code="exists")
    district = initiative.district
    centre = None
    if actor is not None and not policy_can(actor, Action.MANAGE, district):
        centre = next(
            (c for c in CommunityCentre.objects.filter(district=district) if policy_can(actor, Action.MANAGE, c)),
            None,
        )
    categories = list(Category.objects.for_district(district))
    slug = INITIATIVE_CATEGORY_SLUGS.get(initiative.category)
    category = next((c for c in categories if c.slug == slug), categories[0] if categories else None)
    if category is None:
        raise ValidationError(_("Wijk %(district)s heeft nog geen soorten activiteiten.") % {"district": district})
    lines = [initiative.description.strip(), "", _("Voor wie: %(audience)s") % {"audience": initiative.audience}]
    if initiative.when:
        lines.append(_("Wanneer: %(when)s") % {"when": initiative.when})
    starts_on = timezone.localdate() + dt.timedelta(days=14)
    return activity_save(
        actor=actor,
        title=initiative.title,
        description="\n".join(lines),
        category=category,
        district=district,
        centre=centre,
        location=initiative.location,
        organiser_kind=OrganiserKind.RESIDENTS,
        age_bands=YOUTH_BANDS if initiative.category == InitiativeCategory.YOUTH else AgeBand.values,
        initiative=initiative,
        starts_on=starts_on,
        start_time=dt.time(19, 0),
        end_time=dt.time(21, 0),
        synthetic=synthetic,
    )


@transaction.atomic
def activity_move(*, activity: Activity, to: str, actor) -> Activity:
    """Put an activity on the calendar (its sessions are made), back to draft, or stop it (its future sessions
    are called off)."""
    transition(activity, to=to, by=actor)
    if activity.status == ActivityStatus.PUBLISHED:
        sessions_generate(activity=activity)
    else:
        _call_off_future(activity)
    return activity


def _call_off_future(activity: Activity) -> int:
    now = timezone.now()
    count = 0
    for session in activity.sessions.filter(starts_at__gt=now, status=SessionStatus.SCHEDULED):
        _move_session(session, to=SessionStatus.CANCELLED, by=None)
        count += 1
    return count


# --- sessions ----------------------------------------------------------------------------------------------


def _move_session(session: Session, *, to: str, by) -> None:
    """Call a session off or let it go ahead (the workflow's transition), with what follows: a session called off
    gives its rooms back, and reach is counted again for its district and year when people were counted there."""
    transition(session, to=to, by=by)
    if to == SessionStatus.CANCELLED:
        _release_rooms(session)
    if Attendance.objects.filter(session=session).exists() or HeadCount.objects.filter(session=session).exists():
        district_id = Activity.objects.filter(pk=session.activity_id).values_list("district_id", flat=True).get()
        reach.rebuild(district_ids=[district_id], years=[session.date.year])


@transaction.atomic
def sessions_generate(*, activity: Activity, today: dt.date | None = None) -> int:
    """Make the sessions of a published activity from today up to the horizon, one per date of its schedule.

    Idempotent: a session exists once per (activity, date) and running it twice changes nothing. Future sessions
    follow a changed time; a date that is an exception is called off, one that no longer is goes ahead again;
    a future session the schedule no longer has is removed (or called off when something points at it).
    Returns the number of sessions made."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != ActivityStatus.PUBLISHED:
        return 0
    today = today or timezone.localdate()
    now = timezone.now()
    dates = occurrence_dates(
        starts_on=activity.starts_on,
        start_time=activity.start_time,
        rule=activity.rrule,
        start=today,
        end=today + SESSION_HORIZON,
    )
    exceptions = set(activity.exdates)
    existing = {s.date: s for s in activity.sessions.filter(date__gte=today)}
    new: list[Session] = []
    for day in dates:
        starts, ends = local_datetime(day, activity.start_time), local_datetime(day, activity.end_time)
        wanted = SessionStatus.CANCELLED if day.isoformat() in exceptions else SessionStatus.SCHEDULED
        session = existing.get(day)
        if session is None:
            new.append(Session(activity=activity, date=day, starts_at=starts, ends_at=ends, status=wanted))
            continue
        if session.starts_at > now and (session.starts_at, session.ends_at) != (starts, ends):
            session.starts_at, session.ends_at = starts, ends
            session.full_clean(validate_constraints=False, validate_unique=False)
            session.save(update_fields=["starts_at", "ends_at"])
        if session.status != wanted and session.starts_at > now:
            _move_session(session, to=wanted, by=None)
    for session in new:
        session.full_clean(exclude=["activity"], validate_constraints=False, validate_unique=False)
    made = Session.objects.bulk_create(new, ignore_conflicts=True)
    wanted_dates = set(dates)
    for day, session in existing.items():
        if day not in wanted_dates and session.starts_at > now:
            try:
                with transaction.atomic():
                    session.delete()
            except (ProtectedError, IntegrityError):
                if session.status == SessionStatus.SCHEDULED:
                    _move_session(session, to=SessionStatus.CANCELLED, by=None)
    if made:
        audit_record(actor=None, action=AuditAction.SESSIONS_GENERATE, obj=activity, count=len(made))
    return len(made)


def sessions_generate_all(*, today: dt.date | None = None) -> int:
    """Top up the sessions of every published activity (the nightly job). Returns the number made."""
    made = 0
    for activity in Activity.objects.published().only("pk").iterator():
        made += sessions_generate(activity=activity, today=today)
    return made


@transaction.atomic
def session_cancel(*, session: Session, actor) -> Session:
    """Call off one session: its date becomes an exception of the schedule (an EXDATE in the calendar feeds)."""
    activity = Activity.objects.select_for_update().get(pk=session.activity_id)
    session.activity = activity
    require_actor(actor, Action.MANAGE, activity)
    if session.ends_at <= timezone.now():
        raise ValidationError(_("Deze bijeenkomst is al voorbij."))
    _move_session(session, to=SessionStatus.CANCELLED, by=actor)
    if session.date.isoformat() not in activity.exdates:
        activity.exdates = sorted([*activity.exdates, session.date.isoformat()])
        activity.full_clean()
        activity.save(update_fields=["exdates", "updated_at"])
    audit_record(actor=actor, action=AuditAction.SESSION_CANCEL, obj=session, activity=str(activity.public_id))
    return session


@transaction.atomic
def session_restore(*, session: Session, actor) -> Session:
    """A called-off session goes ahead after all (the exception is removed)."""
    activity = Activity.objects.select_for_update().get(pk=session.activity_id)
    session.activity = activity
    require_actor(actor, Action.MANAGE, activity)
    if session.ends_at <= timezone.now():
        raise ValidationError(_("Deze bijeenkomst is al voorbij."))
    _move_session(session, to=SessionStatus.SCHEDULED, by=actor)
    activity.exdates = [d for d in activity.exdates if d != session.date.isoformat()]
    activity.full_clean()
    activity.save(update_fields=["exdates", "updated_at"])
    audit_record(actor=actor, action=AuditAction.SESSION_RESTORE, obj=session, activity=str(activity.public_id))
    return session


# --- registrations -----------------------------------------------------------------------------------------


def _lock_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("activity").get(pk=session.pk)


def _open_for_registration(session: Session) -> None:
    if session.activity.capacity is None:
        raise ValidationError(_("Aanmelden hoeft niet: u kunt gewoon langskomen."))
    if session.status != SessionStatus.SCHEDULED:
        raise ValidationError(_("Deze bijeenkomst gaat niet door."))
    if session.starts_at <= timezone.now():
        raise ValidationError(_("Deze bijeenkomst is al begonnen of voorbij."))


@transaction.atomic
def registration_create(
    *, session: Session, actor, person=None, name: str = "", phone: str = "", birth_year: int | None = None
) -> Registration:
    """Sign someone up for a session: a resident themselves (person), or a professional for someone who phones or
    walks in (name and phone). The session row is locked first, so the places are counted one sign-up at a time:
    the session is never over capacity; when it is full the sign-up goes on the waiting list."""
    session = _lock_session(session)
    if person is not None:
        require_actor(actor, Action.REGISTER, session)
    else:
        require_actor(actor, Action.MANAGE, session)
    _open_for_registration(session)
    phone = normalise_phone(phone) if phone else ""
    live = session.registrations.live()
    if person is not None and live.filter(person=person).exists():
        raise ValidationError(_("U bent al aangemeld voor deze bijeenkomst."))
    if phone and live.filter(phone=phone).exists():
        raise ValidationError({"phone": _("Iemand met dit telefoonnummer is al aangemeld voor deze bijeenkomst.")})
    taken = live.filter(status=RegistrationStatus.REGISTERED).count()
    registration = Registration(
        session=session,
        person=person,
        name=" ".join(name.split()),
        phone=phone,
        birth_year=birth_year,
        status=RegistrationStatus.REGISTERED
        if taken < (session.activity.capacity or 0)
        else RegistrationStatus.WAITLISTED,
        registered_by=_user(actor),
    )
    registration.full_clean()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # a second click that raced the first
        raise ValidationError(_("U bent al aangemeld voor deze bijeenkomst.")) from exc
    _mail(registration, "registered")
    audit_record(
        actor=actor,
        action=AuditAction.REGISTRATION_CREATE,
        obj=registration,
        session=str(session.public_id),
        status=registration.status,
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor) -> Registration:
    """Cancel a sign-up: the resident, a professional who runs the activity, or anyone holding the signed link
    from the mail (actor=None: the link is the proof). A freed place goes at once to the first on the waiting
    list, who is told by mail."""
    session = _lock_session(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.session = session
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Deze aanmelding is al afgemeld."))
    freed = registration.status == RegistrationStatus.REGISTERED
    transition(registration, to=RegistrationStatus.CANCELLED, by=actor)
    audit_record(actor=actor, action=AuditAction.REGISTRATION_CANCEL, obj=registration, session=str(session.public_id))
    if freed and session.starts_at > timezone.now():
        first = session.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk").first()
        if first is not None:
            transition(first, to=RegistrationStatus.REGISTERED, by=None)
            audit_record(actor=None, action=AuditAction.REGISTRATION_PROMOTE, obj=first, session=str(session.public_id))
            _mail(first, "promoted")
    return registration


# --- the signed cancel link, mail and reminders ------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    return signing.dumps(str(registration.public_id), salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    """The registration a cancel link names, or None for a link that is not ours (or was altered)."""
    try:
        public_id = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("session", "session__activity").filter(public_id=public_id).first()


def cancel_url(registration: Registration) -> str:
    return settings.WIJKKRACHT_SITE_URL + reverse("activities:cancel_by_link", args=[cancel_token(registration)])


def _mail(registration: Registration, template: str) -> bool:
    """Tell the resident (by the mail of their account) about their sign-up; the outbox sends it on commit.
    Someone signed up at the desk without an account is told by the professional."""
    person = registration.person
    user = person.user if person is not None else None
    if user is None or not user.email or not user.is_active:
        return False
    session = registration.session
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "session": session,
            "activity": session.activity,
            "starts": timezone.localtime(session.starts_at),
            "ends": timezone.localtime(session.ends_at),
            "cancel_url": cancel_url(registration),
            "activity_url": settings.WIJKKRACHT_SITE_URL + session.activity.url,
        }
        subject = render_to_string(f"activities/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"activities/mail/{template}_email.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


def registrations_remind(*, now: dt.datetime | None = None) -> int:
    """The day before: remind everyone with a place in tomorrow's sessions, once each (reminded_at)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    due = Registration.objects.registered().filter(
        reminded_at__isnull=True,
        session__date=tomorrow,
        session__status=SessionStatus.SCHEDULED,
        person__user__isnull=False,
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("session", "session__activity", "person__user")
                .get(pk=pk)
            )
            if registration.reminded_at is not None or registration.status != RegistrationStatus.REGISTERED:
                continue
            if _mail(registration, "reminder"):
                sent += 1
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at", "updated_at"])
            audit_record(actor=None, action=AuditAction.REGISTRATION_REMIND, obj=registration)
    return sent


# --- attendance and head counts ----------------------------------------------------------------------------


def _open_for_attendance(session: Session) -> None:
    if session.status != SessionStatus.SCHEDULED:
        raise ValidationError(_("Deze bijeenkomst ging niet door: daar meldt u niemand aanwezig."))
    if session.starts_at - CHECK_IN_OPENS > timezone.now():
        raise ValidationError(_("Deze bijeenkomst is nog niet begonnen: aanwezig melden kan vanaf een uur ervoor."))


@transaction.atomic
def attendance_check_in(
    *, session: Session, actor, registration: Registration | None = None, name: str = "", birth_year: int | None = None
) -> Attendance:
    """Mark someone present: a sign-up (its person, or the name and year it was made with), or a name written
    down at the door. Refused, with a clear message and nothing changed, for a session that was called off."""
    session = _lock_session(session)
    require_actor(actor, Action.MANAGE, session)
    _open_for_attendance(session)
    if registration is not None:
        if registration.session_id != session.pk or registration.status != RegistrationStatus.REGISTERED:
            raise ValidationError(_("Deze aanmelding hoort niet bij deze bijeenkomst."))
        if Attendance.objects.filter(registration=registration).exists():
            raise ValidationError(_("Deze bewoner is al aanwezig gemeld."))
        person = registration.person
        attendance = Attendance(
            session=session,
            registration=registration,
            person=person,
            name="" if person is not None else registration.name,
            birth_year=person.birth_year if person is not None else registration.birth_year,
        )
    else:
        attendance = Attendance(session=session, name=" ".join(name.split()), birth_year=birth_year)
    attendance.checked_in_by = _user(actor)
    attendance.full_clean()
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError as exc:
        raise ValidationError(_("Deze bewoner is al aanwezig gemeld.")) from exc
    reach.attendance_added(attendance, session)
    audit_record(actor=actor, action=AuditAction.CHECK_IN, obj=attendance, session=str(session.public_id))
    return attendance


@transaction.atomic
def attendance_undo(*, attendance: Attendance, actor) -> None:
    """Take back a check-in made by mistake."""
    require_actor(actor, Action.MANAGE, attendance.session)
    audit_record(
        actor=actor, action=AuditAction.CHECK_IN_UNDO, obj=attendance, session=str(attendance.session.public_id)
    )
    session = Session.objects.select_related("activity").get(pk=attendance.session_id)
    reach.attendance_removed(attendance, session)
    attendance.delete()


@transaction.atomic
def head_count_save(*, session: Session, actor, counts: dict[str, tuple[int, int]]) -> list[HeadCount]:
    """Record the anonymous count of a (drop-in) session: per age band, (new, returning). Replaces the earlier
    count of each band given; a band with (0, 0) is removed."""
    session = _lock_session(session)
    require_actor(actor, Action.MANAGE, session)
    _open_for_attendance(session)
    saved = []
    before = {c.age_band: c.total for c in HeadCount.objects.filter(session=session)}
    deltas: dict[str, int] = {}
    for band, (new, returning) in counts.items():
        if band not in AgeBand.values or new < 0 or returning < 0:
            raise ValidationError(_("Tel per leeftijdsgroep met hele getallen van 0 of meer."))
        deltas[band] = new + returning - before.get(band, 0)
        if new == 0 and returning == 0:
            HeadCount.objects.filter(session=session, age_band=band).delete()
            continue
        count = HeadCount.objects.filter(session=session, age_band=band).first() or HeadCount(
            session=session, age_band=band
        )
        count.new, count.returning, count.counted_by = new, returning, _user(actor)
        count.full_clean(validate_unique=False, validate_constraints=False)
        count.save()
        saved.append(count)
    reach.visits_changed(session, deltas)
    audit_record(
        actor=actor,
        action=AuditAction.HEAD_COUNT,
        obj=session,
        counts={band: list(pair) for band, pair in counts.items()},
    )
    return saved


def attendance_remind(*, now: dt.datetime | None = None) -> int:
    """Two days after a session that took place, with no check-in and no head count: ask the professionals who
    run it to fill in the attendance (once per session). Returns the number of sessions reminded about."""
    from .query import professionals_for

    now = now or timezone.now()
    due = (
        Session.objects.scheduled()
        .on_calendar()
        .filter(
            ends_at__lte=now - ATTENDANCE_REMINDER_AFTER,
            ends_at__gt=now - ATTENDANCE_REMINDER_AFTER - dt.timedelta(days=7),
            attendance_reminded_at__isnull=True,
            attendances__isnull=True,
            head_counts__isnull=True,
        )
        .select_related("activity", "activity__centre")
    )
    reminded = 0
    for session in due:
        with transaction.atomic():
            locked = Session.objects.select_for_update().get(pk=session.pk)
            if locked.attendance_reminded_at is not None:
                continue
            for user in professionals_for(session.activity):
                if not user.email:
                    continue
                with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
                    context = {
                        "session": session,
                        "activity": session.activity,
                        "starts": timezone.localtime(session.starts_at),
                        "url": settings.WIJKKRACHT_SITE_URL + reverse("activities:session", args=[session.public_id]),
                    }
                    subject = render_to_string("activities/mail/attendance_subject.txt", context).strip()
                    body = render_to_string("activities/mail/attendance_email.txt", context)
                send_mail(subject, body, None, [user.email])
            locked.attendance_reminded_at = now
            locked.save(update_fields=["attendance_reminded_at"])
            audit_record(actor=None, action=AuditAction.ATTENDANCE_REMIND, obj=locked)
            reminded += 1
    return reminded


# --- rooms and bookings ------------------------------------------------------------------------------------


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%d-%m-%Y %H:%M}"


def _opening_text(hours, day: dt.date) -> str:
    from .rooms import slots_on

    slots = slots_on(hours, day)
    if not slots:
        return _("Op deze dag is het wijkcentrum dicht.")
    return _("Open op deze dag: %(hours)s.") % {"hours": ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in slots)}


@transaction.atomic
def booking_create(
    *,
    actor,
    room,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    kind: str,
    attendees: int | None = None,
    holder: str = "",
    session: Session | None = None,
    note: str = "",
    synthetic: bool = False,
) -> RoomBooking:
    """Book a room of a centre for a session, a group of residents or an outside hirer.

    The room row is locked first, so bookings of one room are checked one at a time and two live bookings never
    overlap, also when two professionals book at the same moment. Refused, with a clear message and nothing
    changed: a time in the past, outside the centre's opening hours or across midnight; a room already booked
    then (the conflicting booking is named); a room too small for the people expected; a session that is called
    off or belongs to another centre."""
    from wijkkracht.places.models import OpeningHours, Room

    from .rooms import within_opening

    room = Room.objects.select_for_update().select_related("centre").get(pk=room.pk)
    require_actor(actor, Action.MANAGE, room.centre)
    if kind not in BookingKind.values:
        raise ValidationError({"kind": _("Kies voor wie de zaal is.")})
    holder = " ".join(holder.split())
    if kind == BookingKind.SESSION:
        if session is None:
            raise ValidationError({"session": _("Kies de bijeenkomst waarvoor de zaal is.")})
        session = Session.objects.select_related("activity").get(pk=session.pk)
        require_actor(actor, Action.MANAGE, session)
        if session.activity.centre_id != room.centre_id:
            raise ValidationError({"room": _("Deze zaal hoort bij een ander wijkcentrum dan de activiteit.")})
        if session.status != SessionStatus.SCHEDULED:
            raise ValidationError(_("Deze bijeenkomst gaat niet door: daar boekt u geen zaal voor."))
        holder = ""
        if attendees is None:
            attendees = session.activity.capacity
        if attendees is None:
            raise ValidationError({"attendees": _("Vul in hoeveel mensen er ongeveer komen.")})
    else:
        session = None
        if not holder:
            raise ValidationError({"holder": _("Vul de naam van de groep of de huurder in.")})
        if attendees is None:
            raise ValidationError({"attendees": _("Vul in hoeveel mensen er ongeveer komen.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("De eindtijd ligt na de begintijd.")})
    if _user(actor) is not None and starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Dit moment is al voorbij: boek een tijd die nog komt.")})
    hours = list(OpeningHours.objects.filter(centre_id=room.centre_id))
    if not within_opening(hours, starts_at, ends_at):
        raise ValidationError(
            {
                "starts_at": _("Het wijkcentrum is dan niet open. %(open)s")
                % {"open": _opening_text(hours, timezone.localtime(starts_at).date())}
            }
        )
    if attendees < 1:
        raise ValidationError({"attendees": _("Vul in hoeveel mensen er ongeveer komen: 1 of meer.")})
    if attendees > room.capacity:
        raise ValidationError(
            {
                "attendees": _("%(room)s is te klein: er passen %(capacity)s personen in, er komen er %(n)s.")
                % {"room": room.name, "capacity": room.capacity, "n": attendees}
            }
        )
    clash = (
        RoomBooking.objects.live()
        .filter(room=room)
        .overlapping(starts_at, ends_at)
        .select_related("session__activity")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _("%(room)s is dan al geboekt door %(who)s, van %(start)s tot %(end)s. Kies een andere tijd of zaal.")
            % {
                "room": room.name,
                "who": clash.describe(),
                "start": _when(clash.starts_at),
                "end": f"{timezone.localtime(clash.ends_at):%H:%M}",
            },
            code="double_booking",
        )
    booking = RoomBooking(
        room=room,
        kind=kind,
        session=session,
        holder=holder,
        attendees=attendees,
        starts_at=starts_at,
        ends_at=ends_at,
        note=" ".join(note.split()),
        synthetic=synthetic,
        created_by=_user(actor),
    )
    booking.full_clean()
    booking.save()
    audit_record(
        actor=actor,
        action=AuditAction.BOOKING_CREATE,
        obj=booking,
        room=str(room.public_id),
        kind=kind,
        session=str(session.public_id) if session is not None else "",
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: RoomBooking, actor) -> RoomBooking:
    """Cancel a booking that has not ended yet: the room is free again for that time."""
    booking = RoomBooking.objects.select_related("room", "room__centre").get(pk=booking.pk)
    require_actor(actor, Action.MANAGE, booking)
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError(_("Deze boeking is al geannuleerd."))
    if _user(actor) is not None and booking.ends_at <= timezone.now():
        raise ValidationError(_("Deze boeking is al voorbij."))
    transition(booking, to=BookingStatus.CANCELLED, by=actor)
    audit_record(actor=actor, action=AuditAction.BOOKING_CANCEL, obj=booking, room=str(booking.room.public_id))
    return booking


def _release_rooms(session: Session) -> None:
    """A session that is called off gives its rooms back."""
    for booking in RoomBooking.objects.live().filter(session=session):
        transition(booking, to=BookingStatus.CANCELLED, by=None)
        audit_record(actor=None, action=AuditAction.BOOKING_CANCEL, obj=booking, session=str(session.public_id))
