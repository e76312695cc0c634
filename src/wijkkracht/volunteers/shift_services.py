"""Every write about shifts and stand-ins. A shift belongs to a centre (or a district); its volunteer is one of
that centre's (or district's) active volunteers, not away that day and not working another shift at the time.
Taking a shift and taking a stand-in request lock the row first: when two volunteers try at once, one gets it
and the other is told, nothing of theirs written."""

from __future__ import annotations

import datetime
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkkracht.accounts.policy import require_actor
from wijkkracht.audit.services import audit_record
from wijkkracht.workflow.services import locked, transition

from .constants import MAX_SERIES_WEEKS, MAX_SHIFT_HOURS, AuditAction, StandInStatus, VolunteerStatus
from .models import AvailabilityException, Shift, StandIn, Volunteer
from .permissions import Action
from .query import young_without_consent


def _fresh(volunteer: Volunteer) -> Volunteer:
    return Volunteer.objects.with_areas().get(pk=volunteer.pk)


def belongs(volunteer: Volunteer, shift: Shift) -> bool:
    """The shift is at one of the volunteer's centres, or in one of their districts (prefetched areas)."""
    centre_ids = {c.pk for c in volunteer.centres.all()}
    district_ids = {d.pk for d in volunteer.districts.all()}
    if shift.centre_id is not None:
        return shift.centre_id in centre_ids or shift.district_id in district_ids
    return shift.district_id in district_ids or any(c.district_id == shift.district_id for c in volunteer.centres.all())


def may_work(volunteer: Volunteer, shift: Shift) -> None:
    """Raise ValidationError (nothing changed) when the volunteer may not work this shift."""
    if volunteer.status != VolunteerStatus.ACTIVE:
        raise ValidationError(_("Alleen een actieve vrijwilliger kan een dienst doen."))
    if (refusal := young_without_consent(volunteer)) is not None:
        raise ValidationError(refusal)
    if not belongs(volunteer, shift):
        raise ValidationError(_("Deze dienst is niet bij een van uw wijkcentra of wijken."))
    day = timezone.localtime(shift.starts_at).date()
    away = AvailabilityException.objects.filter(volunteer=volunteer, starts_on__lte=day, ends_on__gte=day)
    if away.exists():
        raise ValidationError(_("Op deze dag bent u afwezig."))
    overlap = Shift.objects.of(volunteer).between(shift.starts_at, shift.ends_at).exclude(pk=shift.pk)
    if overlap.exists():
        raise ValidationError(_("U hebt op dat moment al een andere dienst."))


def _claim(shift: Shift, volunteer: Volunteer) -> None:
    """Give the open shift to the volunteer: a conditional write, so of two at once exactly one succeeds (also
    where the database takes no row locks)."""
    if not Shift.objects.filter(pk=shift.pk, volunteer__isnull=True).update(
        volunteer=volunteer, updated_at=timezone.now()
    ):
        raise ValidationError(_("Iemand anders heeft deze dienst net genomen."))


@transaction.atomic
def shift_plan(
    *,
    actor,
    title: str = "",
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    centre=None,
    district=None,
    session=None,
    places: int = 1,
    weeks: int = 1,
    volunteer: Volunteer | None = None,
) -> list[Shift]:
    """The professional plans shifts: `places` open shifts at a session of an activity, or at a centre (or in
    a district) from `starts_at` to `ends_at`, repeated weekly for `weeks` weeks (a recurring slot). With a
    `volunteer`, the first place of every week is theirs."""
    if session is not None:
        activity = session.activity
        title = title or activity.title
        starts_at, ends_at = session.starts_at, session.ends_at
        centre, district = activity.centre, activity.district
        weeks = 1
        if session.is_cancelled:
            raise ValidationError(_("Deze bijeenkomst gaat niet door."))
    if centre is not None:
        district = centre.district
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationError({"ends_at": _("De dienst eindigt na het begin.")})
    if ends_at - starts_at > datetime.timedelta(hours=MAX_SHIFT_HOURS):
        raise ValidationError({"ends_at": _("Een dienst duurt hoogstens 12 uur.")})
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Plan diensten vanaf nu.")})
    if not 1 <= places <= 20:
        raise ValidationError({"places": _("Kies 1 tot 20 plaatsen.")})
    if not 1 <= weeks <= MAX_SERIES_WEEKS:
        raise ValidationError({"weeks": _("Herhaal een dienst hoogstens 26 weken.")})
    if district is None:
        raise ValidationError({"centre": _("Kies het wijkcentrum of de wijk.")})
    probe = Shift(title=(title or "").strip(), centre=centre, district=district, starts_at=starts_at, ends_at=ends_at)
    require_actor(actor, Action.SHIFT_MANAGE, probe)
    series = uuid.uuid4() if weeks > 1 else None
    made = []
    for week in range(weeks):
        shift_delta = datetime.timedelta(weeks=week)
        # Keep the local time of day across a change to or from summer time.
        start = timezone.localtime(starts_at) + shift_delta
        end = timezone.localtime(ends_at) + shift_delta
        tz = timezone.get_current_timezone()
        start = start.replace(tzinfo=None).replace(tzinfo=tz)
        end = end.replace(tzinfo=None).replace(tzinfo=tz)
        for _place in range(places):
            shift = Shift(
                title=probe.title,
                session=session,
                centre=centre,
                district=district,
                series=series,
                starts_at=start,
                ends_at=end,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            shift.full_clean()
            shift.save()
            made.append(shift)
    audit_record(actor=actor, action=AuditAction.SHIFT_PLAN, obj=made[0], count=len(made))
    if volunteer is not None:
        for shift in made[::places]:
            shift_assign(shift=shift, volunteer=volunteer, actor=actor)
    return made


@transaction.atomic
def shift_assign(*, shift: Shift, volunteer: Volunteer, actor) -> Shift:
    """The professional gives an open shift to a volunteer of the centre."""
    require_actor(actor, Action.SHIFT_MANAGE, shift)
    current = locked(shift)
    if current.volunteer_id is not None:
        raise ValidationError(_("Iemand anders doet deze dienst al."))
    helper = _fresh(volunteer)
    may_work(helper, current)
    _claim(current, helper)
    audit_record(actor=actor, action=AuditAction.SHIFT_ASSIGN, obj=current)
    shift.volunteer = current.volunteer = helper
    return current


@transaction.atomic
def shift_take(*, shift: Shift, volunteer: Volunteer, actor) -> Shift:
    """A volunteer takes an open shift at their own centre. Locks the shift: of two at once, one gets it."""
    current = locked(shift)
    require_actor(actor, Action.SHIFT_TAKE, current)
    if current.volunteer_id is not None:
        raise ValidationError(_("Iemand anders heeft deze dienst net genomen."))
    if current.starts_at <= timezone.now():
        raise ValidationError(_("Deze dienst is al begonnen."))
    helper = _fresh(volunteer)
    if actor is not None and helper.person_id != getattr(getattr(actor, "person", None), "pk", None):
        raise ValidationError(_("U kunt alleen zelf een dienst nemen."))
    may_work(helper, current)
    _claim(current, helper)
    audit_record(actor=actor, action=AuditAction.SHIFT_TAKE, obj=current)
    shift.volunteer = current.volunteer = helper
    return current


@transaction.atomic
def shift_release(*, shift: Shift, actor) -> Shift:
    """The professional takes the volunteer off a shift (it is open again); an open stand-in request ends."""
    require_actor(actor, Action.SHIFT_MANAGE, shift)
    current = locked(shift)
    for stand_in in StandIn.objects.filter(shift=current).open():
        transition(stand_in, to=StandInStatus.WITHDRAWN, by=None)
    Shift.objects.filter(pk=current.pk).update(volunteer=None, updated_at=timezone.now())
    audit_record(actor=actor, action=AuditAction.SHIFT_RELEASE, obj=current)
    shift.volunteer = current.volunteer = None
    return current


def _colleagues(shift: Shift, asker: Volunteer):
    """The other active volunteers of the shift's centre (or district), with an account to mail."""
    qs = Volunteer.objects.filter(status=VolunteerStatus.ACTIVE).exclude(pk=asker.pk)
    if shift.centre_id is not None:
        qs = qs.of_areas(centre_ids=[shift.centre_id], district_ids=[])
    else:
        qs = qs.of_areas(centre_ids=[], district_ids=[shift.district_id])
    return qs.filter(person__user__is_active=True).select_related("person__user")


@transaction.atomic
def stand_in_ask(*, shift: Shift, actor, note: str = "", base_url: str = "") -> StandIn:
    """The volunteer (or their professional) asks for a stand-in. The other active volunteers of the centre hear
    it by e-mail and see it on their schedule; the first who takes it gets the shift."""
    current = locked(shift)
    current = Shift.objects.select_related("volunteer__person", "centre", "district").get(pk=current.pk)
    require_actor(actor, Action.STAND_IN_ASK, current)
    if current.volunteer is None:
        raise ValidationError(_("Niemand doet deze dienst; een invaller is niet nodig."))
    if current.starts_at <= timezone.now():
        raise ValidationError(_("Deze dienst is al begonnen."))
    if StandIn.objects.filter(shift=current).open().exists():
        raise ValidationError(_("Voor deze dienst is al een invaller gevraagd."))
    stand_in = StandIn(shift=current, asked_by=current.volunteer, note=(note or "").strip())
    stand_in.full_clean()
    stand_in.save()
    audit_record(actor=actor, action=AuditAction.STAND_IN_ASK, obj=stand_in)
    link = base_url + reverse("volunteers:schedule")
    for colleague in _colleagues(current, current.volunteer):
        user = colleague.person.user
        with translation.override(user.preferred_language):
            send_mail(
                subject=str(_("Wie valt in? %(title)s") % {"title": current.title}),
                message=render_to_string(
                    "volunteers/email/stand_in.txt", {"shift": current, "link": link, "person": colleague.person}
                ),
                from_email=None,
                recipient_list=[user.email],
            )
    return stand_in


@transaction.atomic
def stand_in_take(*, stand_in: StandIn, volunteer: Volunteer, actor) -> StandIn:
    """Another volunteer of the centre takes the shift. The request is locked first: when two take it at once,
    the second is told someone else was first, and nothing of theirs is written."""
    current = locked(stand_in)
    if current.status != StandInStatus.OPEN:
        raise ValidationError(_("Iemand anders heeft deze dienst al overgenomen."))
    current = StandIn.objects.select_related("asked_by__person", "shift").get(pk=current.pk)
    require_actor(actor, Action.STAND_IN_TAKE, current)
    helper = _fresh(volunteer)
    if actor is not None and helper.person_id != getattr(getattr(actor, "person", None), "pk", None):
        raise ValidationError(_("U kunt alleen zelf een dienst overnemen."))
    shift = locked(current.shift)
    if shift.starts_at <= timezone.now():
        raise ValidationError(_("Deze dienst is al begonnen."))
    if helper.pk == shift.volunteer_id:
        raise ValidationError(_("Dit is uw eigen dienst."))
    may_work(helper, shift)
    if not StandIn.objects.filter(pk=current.pk, status=StandInStatus.OPEN).update(taken_by=helper):
        raise ValidationError(_("Iemand anders heeft deze dienst al overgenomen."))
    transition(current, to=StandInStatus.TAKEN, by=actor)
    Shift.objects.filter(pk=shift.pk).update(volunteer=helper, updated_at=timezone.now())
    user = current.asked_by.person.user
    if user is not None and user.is_active:
        with translation.override(user.preferred_language):
            send_mail(
                subject=str(_("Er is een invaller voor %(title)s") % {"title": shift.title}),
                message=render_to_string("volunteers/email/stand_in_taken.txt", {"shift": shift}),
                from_email=None,
                recipient_list=[user.email],
            )
    stand_in.status, stand_in.taken_by = current.status, helper
    return current


@transaction.atomic
def stand_in_withdraw(*, stand_in: StandIn, actor) -> StandIn:
    """The volunteer can come after all (or the professional found someone): the request ends."""
    current = StandIn.objects.select_related("asked_by", "shift").get(pk=stand_in.pk)
    transition(current, to=StandInStatus.WITHDRAWN, by=actor)
    stand_in.status = current.status
    return current


@transaction.atomic
def feed_token_reset(*, volunteer: Volunteer, actor) -> str:
    """A new secret calendar link for the volunteer (the old one stops working)."""
    current = _fresh(volunteer)
    require_actor(actor, Action.SCHEDULE, current)
    token = secrets.token_urlsafe(32)
    Volunteer.objects.filter(pk=current.pk).update(feed_token=token)
    audit_record(actor=actor, action=AuditAction.FEED_RESET, obj=current)
    volunteer.feed_token = token
    return token
