"""Every write to volunteers goes through here. State changes go through the workflow (workflows.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership
from wijkkracht.accounts.policy import require_actor
from wijkkracht.accounts.services import membership_grant
from wijkkracht.audit.services import audit_record
from wijkkracht.workflow.services import transition

from .constants import (
    MAX_HOURS_PER_DAY,
    MAX_PAUSE_DAYS,
    MIN_AGE,
    SLOTS,
    VOG_REMIND_DAYS,
    ApplicationChannel,
    ApplicationStatus,
    AuditAction,
    CertificateKind,
    HoursStatus,
    TagKind,
    VacancyPlace,
    VacancyStatus,
    VolunteerStatus,
)
from .models import (
    Application,
    Attention,
    AvailabilityException,
    Certificate,
    HoursEntry,
    StopReason,
    Tag,
    Vacancy,
    Volunteer,
)
from .permissions import Action, can, is_own, person_of
from .query import valid_until

# What a volunteer keeps on their own profile; a professional also sets the districts they belong to.
OWN_FIELDS = ("availability", "languages", "max_hours_per_week", "motivation")
OWN_RELATIONS = ("centres", "work_districts", "skills", "interests")
MANAGE_RELATIONS = (*OWN_RELATIONS, "districts")


def _fresh(volunteer: Volunteer) -> Volunteer:
    """The volunteer with the relations the policy reads (prefetched), so rules never query."""
    return Volunteer.objects.with_areas().get(pk=volunteer.pk)


def _check_tags(relations: dict[str, Any]) -> None:
    for name, kind in (("skills", TagKind.SKILL), ("interests", TagKind.INTEREST)):
        if any(tag.kind != kind for tag in relations.get(name) or ()):
            raise ValidationError({name: _("Kies uit de lijst.")})


def _has_area(volunteer: Volunteer) -> None:
    if not volunteer.centres.exists() and not volunteer.districts.exists():
        raise ValidationError(
            {"centres": _("Kies minstens één wijkcentrum, zodat een beroepskracht u kan begeleiden.")}
        )


def _apply(volunteer: Volunteer, data: dict[str, Any]) -> list[str]:
    changed = []
    for name in OWN_FIELDS:
        if name in data:
            value = data[name].strip() if isinstance(data[name], str) else data[name]
            if name == "availability":
                value = sorted(set(value or []), key=_slot_order)
            if getattr(volunteer, name) != value:
                setattr(volunteer, name, value)
                changed.append(name)
    return changed


def _slot_order(slot: str) -> int:
    from .constants import SLOTS

    return SLOTS.index(slot) if slot in SLOTS else len(SLOTS)


def _set_relations(volunteer: Volunteer, data: dict[str, Any], names: Iterable[str]) -> list[str]:
    changed = []
    for name in names:
        if name not in data:
            continue
        manager = getattr(volunteer, name)
        wanted = {obj.pk for obj in data[name] or ()}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(list(wanted))
            changed.append(name)
    return changed


def _grant_role(person) -> None:
    """The volunteer role for the person's account (it changes the menu); nothing when they have none."""
    if person.user_id is None:
        return
    if not Membership.objects.filter(user_id=person.user_id, role=Role.VOLUNTEER).exists():
        membership_grant(user=person.user, role=Role.VOLUNTEER, actor=None)


@transaction.atomic
def volunteer_register(*, person, actor, **data) -> Volunteer:
    """A resident signs up as a volunteer (or a professional signs them up). Without centres or districts the
    volunteer belongs to the district of their neighbourhood; a volunteer belongs somewhere, always."""
    own = actor is not None and getattr(getattr(actor, "person", None), "pk", None) == person.pk
    if actor is not None and not (own and can(actor, Action.REGISTER)) and not can(actor, Action.MANAGE):
        raise PermissionDenied
    if Volunteer.objects.filter(person=person).exists():
        raise ValidationError(_("Deze bewoner is al aangemeld als vrijwilliger."))
    if person.birth_year is not None and timezone.localdate().year - person.birth_year < MIN_AGE:
        raise ValidationError(_("Vrijwilliger worden kan vanaf 15 jaar."))
    _check_tags(data)
    volunteer = Volunteer(person=person, languages=person.languages[:120])
    _apply(volunteer, data)
    volunteer.full_clean()
    volunteer.save()
    _set_relations(volunteer, data, MANAGE_RELATIONS if not own else OWN_RELATIONS)
    if not volunteer.centres.exists() and not volunteer.districts.exists() and person.neighbourhood_id:
        volunteer.districts.set([person.neighbourhood.district_id])
    _has_area(volunteer)
    if actor is not None and not own and not can(actor, Action.MANAGE, _fresh(volunteer)):
        raise PermissionDenied  # a professional signs up volunteers for their own centres and districts only
    _grant_role(person)
    audit_record(actor=actor, action=AuditAction.REGISTER, obj=volunteer)
    return volunteer


@transaction.atomic
def volunteer_update(*, volunteer: Volunteer, actor, **data) -> Volunteer:
    """Change the profile: the volunteer their own (OWN_FIELDS, OWN_RELATIONS), the professional also the
    districts the volunteer belongs to. Audits the names of changed fields, never their values."""
    current = _fresh(volunteer)
    own = actor is not None and is_own(actor, current)
    if actor is not None and not (
        can(actor, Action.OWN_CHANGE, current) if own else can(actor, Action.MANAGE, current)
    ):
        raise PermissionDenied
    _check_tags(data)
    stored = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    changed = _apply(stored, data)
    stored.full_clean()
    if changed:
        stored.save(update_fields=[*changed, "updated_at"])
    relations = _set_relations(stored, data, OWN_RELATIONS if own else MANAGE_RELATIONS)
    if relations:  # the suggestions' cache sees a change to a volunteer by their updated_at
        Volunteer.objects.filter(pk=stored.pk).update(updated_at=timezone.now())
    changed += relations
    _has_area(stored)
    if actor is not None and not own and not can(actor, Action.MANAGE, _fresh(stored)):
        raise PermissionDenied  # the professional may not hand the volunteer away from every area they serve
    if changed:
        audit_record(actor=actor, action=AuditAction.PROFILE_UPDATE, obj=stored, fields=sorted(changed))
    return stored


@transaction.atomic
def volunteer_move(*, volunteer: Volunteer, actor, to: str) -> Volunteer:
    """The professional plans the intake, activates, or takes a stopped volunteer back into intake."""
    if to not in (VolunteerStatus.INTAKE, VolunteerStatus.ACTIVE):
        raise ValidationError(_("Deze stap bestaat niet."))
    current = _fresh(volunteer)
    was = current.status
    transition(current, to=to, by=actor)
    today = timezone.localdate()
    if to == VolunteerStatus.ACTIVE and current.activated_on is None:
        Volunteer.objects.filter(pk=current.pk).update(activated_on=today)
        volunteer.activated_on = today
    if was == VolunteerStatus.STOPPED:
        Volunteer.objects.filter(pk=current.pk).update(stopped_on=None)
        volunteer.stopped_on = None
    volunteer.status = current.status
    return volunteer


@transaction.atomic
def volunteer_record_guardian_consent(
    *, volunteer: Volunteer, actor, guardian_name: str, given_on: datetime.date
) -> Volunteer:
    """The professional records that a parent or guardian consented (needed under 18 before the volunteer is
    active, is given a role or takes a shift)."""
    current = _fresh(volunteer)
    require_actor(actor, Action.MANAGE, current)
    if given_on is None or given_on > timezone.localdate():
        raise ValidationError({"given_on": _("De datum van de toestemming ligt in de toekomst.")})
    stored = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    stored.guardian_name = (guardian_name or "").strip()
    if not stored.guardian_name:
        raise ValidationError({"guardian_name": _("Noem de ouder of voogd die toestemming gaf.")})
    stored.guardian_consent_on = given_on
    stored.guardian_consent_by = actor if getattr(actor, "is_authenticated", False) else None
    stored.full_clean()
    stored.save(update_fields=["guardian_name", "guardian_consent_on", "guardian_consent_by", "updated_at"])
    audit_record(actor=actor, action=AuditAction.GUARDIAN_CONSENT, obj=stored)
    volunteer.guardian_name, volunteer.guardian_consent_on = stored.guardian_name, given_on
    return stored


@transaction.atomic
def volunteer_set_messages(*, volunteer: Volunteer, actor, opt_out: bool) -> Volunteer:
    """The volunteer chooses whether they get messages sent to a whole group of volunteers."""
    current = _fresh(volunteer)
    require_actor(actor, Action.OWN_CHANGE, current)
    Volunteer.objects.filter(pk=current.pk).update(messages_opt_out=bool(opt_out), updated_at=timezone.now())
    audit_record(actor=actor, action=AuditAction.PROFILE_UPDATE, obj=current, fields=["messages_opt_out"])
    volunteer.messages_opt_out = bool(opt_out)
    return volunteer


@transaction.atomic
def volunteer_pause(*, volunteer: Volunteer, actor, until: datetime.date) -> Volunteer:
    """Pause until a date (inclusive); the daily job makes the volunteer active again the day after."""
    today = timezone.localdate()
    if until is None or until < today:
        raise ValidationError({"until": _("Kies een datum vanaf vandaag.")})
    if until > today + datetime.timedelta(days=MAX_PAUSE_DAYS):
        raise ValidationError({"until": _("Een pauze duurt hoogstens een jaar. Kies een eerdere datum.")})
    current = _fresh(volunteer)
    require_actor(actor, Action.PAUSE, current)
    Volunteer.objects.filter(pk=volunteer.pk).update(paused_until=until)
    transition(current, to=VolunteerStatus.PAUSED, by=actor)
    audit_record(actor=actor, action=AuditAction.PAUSE, obj=current, until=until.isoformat())
    volunteer.status, volunteer.paused_until = current.status, until
    return volunteer


@transaction.atomic
def volunteer_resume(*, volunteer: Volunteer, actor) -> Volunteer:
    """Back from a pause: the volunteer or the professional, or the system when the pause has ended."""
    current = _fresh(volunteer)
    transition(current, to=VolunteerStatus.ACTIVE, by=actor)
    volunteer.status = current.status
    return volunteer


@transaction.atomic
def volunteer_stop(*, volunteer: Volunteer, actor, reason: StopReason | None, note: str = "") -> Volunteer:
    """Stop, with a reason from the list and optional words of one's own. Nothing changes on a refusal."""
    if reason is None or not reason.active:
        raise ValidationError({"reason": _("Kies een reden voor het afmelden.")})
    current = _fresh(volunteer)
    require_actor(actor, Action.STOP, current)
    current.stop_reason, current.stop_note = reason, (note or "").strip()
    current.full_clean(exclude=["status"])
    Volunteer.objects.filter(pk=volunteer.pk).update(
        stop_reason=reason, stop_note=current.stop_note, stopped_on=timezone.localdate()
    )
    transition(current, to=VolunteerStatus.STOPPED, by=actor, reason=reason.name)
    audit_record(actor=actor, action=AuditAction.STOP, obj=current, reason=reason.pk)
    volunteer.status, volunteer.stop_reason, volunteer.stop_note = current.status, reason, current.stop_note
    return volunteer


def volunteer_end_pauses(*, today: datetime.date | None = None) -> int:
    """The system resumes every volunteer whose pause ended before today. Idempotent: a second run finds none."""
    today = today or timezone.localdate()
    done = 0
    due = Volunteer.objects.filter(status=VolunteerStatus.PAUSED, paused_until__lt=today).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            volunteer = Volunteer.objects.select_for_update().get(pk=pk)
            if volunteer.status != VolunteerStatus.PAUSED or (volunteer.paused_until or today) >= today:
                continue  # resumed meanwhile
            transition(volunteer, to=VolunteerStatus.ACTIVE, by=None)
            done += 1
    return done


@transaction.atomic
def exception_add(
    *, volunteer: Volunteer, actor, starts_on: datetime.date, ends_on: datetime.date, note: str = ""
) -> AvailabilityException:
    """A stretch of days on which the volunteer cannot help."""
    current = _fresh(volunteer)
    if actor is not None and not (can(actor, Action.OWN_CHANGE, current) or can(actor, Action.MANAGE, current)):
        raise PermissionDenied
    if starts_on and starts_on < timezone.localdate():
        raise ValidationError({"starts_on": _("Kies een datum vanaf vandaag.")})
    exception = AvailabilityException(
        volunteer=current, starts_on=starts_on, ends_on=ends_on, note=(note or "").strip()
    )
    exception.full_clean()
    exception.save()
    Volunteer.objects.filter(pk=current.pk).update(updated_at=timezone.now())
    audit_record(actor=actor, action=AuditAction.EXCEPTION_ADD, obj=current)
    return exception


@transaction.atomic
def exception_remove(*, exception: AvailabilityException, actor) -> None:
    current = _fresh(exception.volunteer)
    if actor is not None and not (can(actor, Action.OWN_CHANGE, current) or can(actor, Action.MANAGE, current)):
        raise PermissionDenied
    exception.delete()
    Volunteer.objects.filter(pk=current.pk).update(updated_at=timezone.now())
    audit_record(actor=actor, action=AuditAction.EXCEPTION_REMOVE, obj=current)


@transaction.atomic
def tag_save(*, tag: Tag, actor) -> Tag:
    """Administrators keep the list of skills and interests."""
    require_actor(actor, Action.SETTINGS_MANAGE)
    tag.name = tag.name.strip()
    tag.full_clean()
    tag.save()
    audit_record(actor=actor, action=AuditAction.TAG_SAVE, obj=tag, kind=tag.kind)
    return tag


@transaction.atomic
def stop_reason_save(*, reason: StopReason, actor) -> StopReason:
    """Administrators keep the list of reasons for stopping."""
    require_actor(actor, Action.SETTINGS_MANAGE)
    reason.name = reason.name.strip()
    reason.full_clean()
    reason.save()
    audit_record(actor=actor, action=AuditAction.STOP_REASON_SAVE, obj=reason)
    return reason


# --- vacancies and applications ---------------------------------------------------------------------------

VACANCY_FIELDS = (
    "title",
    "description",
    "place",
    "activity_name",
    "centre",
    "district",
    "requirements",
    "vog_required",
    "slots",
    "hours_per_week",
    "places",
)


@transaction.atomic
def vacancy_save(*, vacancy: Vacancy | None = None, actor, **data) -> Vacancy:
    """Create or change a vacancy. The district follows the centre; a professional places vacancies only at
    the centres and districts they serve."""
    created = vacancy is None
    if vacancy is None:
        require_actor(actor, Action.VACANCY_MANAGE)
        vacancy = Vacancy()
    else:
        require_actor(actor, Action.VACANCY_MANAGE, vacancy)
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    for name in VACANCY_FIELDS:
        if name in data:
            value = data[name]
            setattr(vacancy, name, value.strip() if isinstance(value, str) else value)
    if data.get("slots") is not None:
        vacancy.slots = [slot for slot in SLOTS if slot in data["slots"]]
    if vacancy.centre is not None:
        vacancy.district = vacancy.centre.district
    if vacancy.place in (VacancyPlace.DISTRICT, VacancyPlace.HELP_SERVICE) and "centre" not in data:
        vacancy.centre = None
    if vacancy.place != VacancyPlace.ACTIVITY:
        vacancy.activity_name = ""
    _check_tags({"skills": data.get("skills")})
    vacancy.full_clean()
    require_actor(actor, Action.VACANCY_MANAGE, vacancy)  # where it is now: still at a centre or district they serve
    if not created:
        taken = vacancy.applications.accepted().count()
        if vacancy.places < taken:
            raise ValidationError({"places": _("Er zijn al %(n)d plaatsen vergeven.") % {"n": taken}})
    vacancy.save()
    if "skills" in data:
        vacancy.skills.set(data["skills"] or [])
    audit_record(actor=actor, action=AuditAction.VACANCY_SAVE, obj=vacancy, created=created)
    return vacancy


@transaction.atomic
def vacancy_set_status(*, vacancy: Vacancy, actor, to: str) -> Vacancy:
    """Close, reopen or mark as filled (the professional); the system fills and reopens by the places."""
    if to == VacancyStatus.OPEN and vacancy.applications.accepted().count() >= vacancy.places:
        raise ValidationError(_("Alle plaatsen zijn vergeven. Maak eerst meer plaatsen."))
    transition(vacancy, to=to, by=actor)
    return vacancy


def _places_left(vacancy: Vacancy) -> int:
    return vacancy.places - vacancy.applications.accepted().count()


@transaction.atomic
def application_submit(
    *,
    vacancy: Vacancy,
    actor,
    name: str = "",
    email: str = "",
    phone: str = "",
    message: str = "",
    channel: str = ApplicationChannel.WEB,
    person=None,
) -> Application:
    """React to an open vacancy: a resident with an account (their Person), someone without one (a name and a
    phone number or e-mail address), or a professional who took the reaction by phone or at the desk (of a
    resident the platform knows: `person`)."""
    taken_by_staff = channel != ApplicationChannel.WEB
    require_actor(actor if getattr(actor, "is_authenticated", False) else None, Action.APPLY, vacancy)
    if taken_by_staff:
        require_actor(actor, Action.VACANCY_MANAGE, vacancy)
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.status != VacancyStatus.OPEN or _places_left(locked) <= 0:
        raise ValidationError(_("Deze vacature is vol of gesloten. Kijk bij de andere vacatures."))
    person = person if taken_by_staff else person_of(actor)
    volunteer = Volunteer.objects.filter(person=person).first() if person is not None else None
    if person is None and not taken_by_staff and getattr(actor, "is_authenticated", False):
        name, email = name or actor.display_name or actor.email.split("@")[0], email or actor.email
    if person is not None:
        name = name or str(person)
        email = email or (actor.email if not taken_by_staff else "")
        phone = phone or person.phone
        if Application.objects.filter(vacancy=locked, person=person).live().exists():
            raise ValidationError(_("U hebt al gereageerd op deze vacature."))
    application = Application(
        vacancy=locked,
        person=person,
        volunteer=volunteer,
        name=(name or "").strip(),
        email=(email or "").strip().lower(),
        phone=(phone or "").strip(),
        message=(message or "").strip(),
        channel=channel,
        entered_by=actor if taken_by_staff else None,
    )
    application.full_clean()
    application.save()
    audit_record(actor=actor, action=AuditAction.APPLY, obj=application, vacancy=str(locked.public_id))
    return application


def _person_for(application: Application, actor):
    """The applicant's Person; someone who reacted without an account becomes a resident known to the platform
    (their name and phone number only) when they are accepted: registered at the desk by the professional
    (people.services.person_register_at_desk), who can invite them to an account later."""
    from wijkkracht.people.models import Channel
    from wijkkracht.people.services import person_register_at_desk

    if application.person is not None:
        return application.person
    channel = Channel.PHONE if application.channel == ApplicationChannel.PHONE else Channel.DESK
    data = {"first_name": application.name[:80], "phone": application.phone, "channel": channel}
    return person_register_at_desk(data=data, actor=actor)


def _volunteer_for(application: Application, vacancy: Vacancy, actor) -> Volunteer:
    person = _person_for(application, actor)
    volunteer = Volunteer.objects.filter(person=person).first()
    if volunteer is None:
        areas = {"centres": [vacancy.centre]} if vacancy.centre_id else {"districts": [vacancy.district]}
        volunteer = volunteer_register(person=person, actor=None, **areas)
    Application.objects.filter(pk=application.pk).update(person=person, volunteer=volunteer)
    application.person, application.volunteer = person, volunteer
    return volunteer


@transaction.atomic
def application_make_volunteer(*, application: Application, actor) -> Volunteer:
    """Record the applicant as a volunteer of the vacancy's centre (or district) before deciding, e.g. to record
    their VOG first. Someone who reacted without an account becomes a resident known to the platform."""
    require_actor(actor, Action.DECIDE, application)
    if application.volunteer is not None:
        return application.volunteer
    return _volunteer_for(application, application.vacancy, actor)


@transaction.atomic
def application_accept(*, application: Application, actor) -> Application:
    """The professional gives the applicant the role. The applicant becomes a volunteer of the vacancy's centre
    (or district) when they were not one yet. Refused, changing nothing, when the vacancy has no place left or
    the role needs a VOG the volunteer does not hold (valid today): the workflow's guard checks both."""
    require_actor(actor, Action.DECIDE, application)
    vacancy = Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
    _volunteer_for(application, vacancy, actor)
    transition(application, to=ApplicationStatus.ACCEPTED, by=actor)
    if _places_left(vacancy) <= 0:
        transition(vacancy, to=VacancyStatus.FILLED, by=None)
    return application


@transaction.atomic
def application_decline(*, application: Application, actor, reason: str) -> Application:
    transition(application, to=ApplicationStatus.DECLINED, by=actor, reason=reason)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor) -> Application:
    """The applicant (or the professional) withdraws; a filled vacancy opens again for the free place."""
    transition(application, to=ApplicationStatus.WITHDRAWN, by=actor)
    vacancy = Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
    if vacancy.status == VacancyStatus.FILLED and _places_left(vacancy) > 0:
        transition(vacancy, to=VacancyStatus.OPEN, by=None)
    return application


# --- certificates -------------------------------------------------------------------------------------------


@transaction.atomic
def certificate_record(
    *, volunteer: Volunteer, actor, kind: str, issued_on: datetime.date, name: str = ""
) -> Certificate:
    """The professional records a VOG (its issue date) or a training the volunteer did."""
    current = _fresh(volunteer)
    require_actor(actor, Action.MANAGE, current)
    if issued_on is None or issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("De datum van afgifte ligt in de toekomst.")})
    certificate = Certificate(
        volunteer=current,
        kind=kind,
        name=(name or "").strip() if kind == CertificateKind.TRAINING else "",
        issued_on=issued_on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    certificate.full_clean()
    certificate.save()
    audit_record(actor=actor, action=AuditAction.CERTIFICATE_RECORD, obj=current, kind=kind)
    return certificate


def certificate_remind_lapsing(*, today: datetime.date | None = None) -> int:
    """Tell volunteers (by e-mail, when they have an account) that their VOG lapses within VOG_REMIND_DAYS, once
    per VOG, unless a newer VOG is already recorded. Idempotent: each VOG is marked when it is handled."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    today = today or timezone.localdate()
    due = (
        Certificate.objects.lapsing_within(today, VOG_REMIND_DAYS)
        .filter(reminded_at__isnull=True)
        .exclude(volunteer__status=VolunteerStatus.STOPPED)
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(of=("self",)).select_related("volunteer__person__user").get(pk=pk)
            )
            if certificate.reminded_at is not None:
                continue
            newer = Certificate.objects.vog().filter(
                volunteer_id=certificate.volunteer_id, issued_on__gt=certificate.issued_on
            )
            Certificate.objects.filter(pk=pk).update(reminded_at=timezone.now())
            if newer.exists():
                continue
            user = certificate.volunteer.person.user
            if user is not None and user.is_active:
                context = {"person": certificate.volunteer.person, "valid_until": valid_until(certificate.issued_on)}
                from django.utils import translation

                with translation.override(user.preferred_language):
                    send_mail(
                        subject=str(_("Uw VOG verloopt binnenkort")),
                        message=render_to_string("volunteers/email/vog_reminder.txt", context),
                        from_email=None,
                        recipient_list=[user.email],
                    )
            audit_record(actor=None, action=AuditAction.CERTIFICATE_REMIND, obj=certificate.volunteer)
            sent += 1
    return sent


# --- hours ----------------------------------------------------------------------------------------------------


@transaction.atomic
def hours_log(
    *,
    volunteer: Volunteer,
    actor,
    date: datetime.date | None = None,
    hours: Decimal | None = None,
    description: str = "",
    centre=None,
    shift=None,
) -> HoursEntry:
    """The volunteer writes the hours they gave on a day, or takes them from a shift they worked (its day,
    length, title and centre). Refused, changing nothing: a day in the future, less than a quarter of an hour,
    more than 24 hours on one day (with what is already written), a shift not theirs, not over yet or already
    written."""
    current = _fresh(volunteer)
    require_actor(actor, Action.HOURS_LOG, current)
    if shift is not None:
        if shift.volunteer_id != current.pk:
            raise ValidationError(_("Dit is niet uw dienst."))
        if shift.ends_at > timezone.now():
            raise ValidationError(_("Schrijf de uren van een dienst als die voorbij is."))
        if HoursEntry.objects.filter(shift=shift).exclude(status=HoursStatus.DECLINED).exists():
            raise ValidationError(_("De uren van deze dienst zijn al geschreven."))
        date = timezone.localtime(shift.starts_at).date()
        hours = (Decimal(int((shift.ends_at - shift.starts_at).total_seconds() // 900)) / 4).quantize(Decimal("0.01"))
        description, centre = shift.title[:200], shift.centre
    if date is None or date > timezone.localdate():
        raise ValidationError({"date": _("Deze dag is nog niet geweest. Schrijf uren achteraf.")})
    if hours is None or hours < Decimal("0.25") or hours > MAX_HOURS_PER_DAY:
        raise ValidationError({"hours": _("Schrijf tussen een kwartier en 24 uur per dag.")})
    Volunteer.objects.select_for_update().get(pk=current.pk)  # one writer per volunteer: the day's sum holds
    written = HoursEntry.objects.filter(volunteer=current, date=date).exclude(status=HoursStatus.DECLINED)
    already = written.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    if already + hours > MAX_HOURS_PER_DAY:
        raise ValidationError(
            {"hours": _("Op deze dag staat al %(h)s uur. Een dag heeft er 24.") % {"h": f"{already:g}"}}
        )
    centres = list(current.centres.all())
    if centre is not None and centre not in centres and shift is None:
        raise ValidationError({"centre": _("Kies een van uw wijkcentra.")})
    centre = centre or (centres[0] if len(centres) == 1 else None)
    district = centre.district if centre is not None else next(iter(current.districts.all()), None)
    if shift is not None:
        district = shift.district
    if district is None:
        raise ValidationError({"centre": _("Kies het wijkcentrum waar u hebt geholpen.")})
    entry = HoursEntry(
        volunteer=current,
        date=date,
        hours=hours,
        centre=centre,
        district=district,
        description=(description or "").strip(),
        shift=shift,
    )
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action=AuditAction.HOURS_LOG, obj=current, hours=str(hours))
    return entry


@transaction.atomic
def hours_decide(*, entry: HoursEntry, actor, approve: bool, reason: str = "") -> HoursEntry:
    """The professional approves the hours, or declines them with a reason the volunteer sees."""
    transition(entry, to=HoursStatus.APPROVED if approve else HoursStatus.DECLINED, by=actor, reason=reason)
    return entry


# --- retention ------------------------------------------------------------------------------------------------


@transaction.atomic
def retention_update(*, today: datetime.date | None = None) -> int:
    """Bring the attention list up to date (the daily job): new cases from today, solved ones removed, the
    others keep the day they were first seen. Idempotent: a second run the same day changes nothing."""
    from .retention import needs_attention

    today = today or timezone.localdate()
    wanted = needs_attention(today)
    stale, changed = [], []
    for row in Attention.objects.select_for_update():
        key = (row.volunteer_id, row.reason)
        if key not in wanted:
            stale.append(row.pk)
        elif row.detail != wanted[key]:
            row.detail = wanted[key]
            changed.append(row)
    existing = set(Attention.objects.values_list("volunteer_id", "reason"))
    new = [
        Attention(volunteer_id=pk, reason=reason, detail=detail, since=today)
        for (pk, reason), detail in sorted(wanted.items())
        if (pk, reason) not in existing
    ]
    for row in new:
        row.full_clean(validate_unique=False, validate_constraints=False)
    Attention.objects.filter(pk__in=stale).delete()
    Attention.objects.bulk_update(changed, ["detail"])
    Attention.objects.bulk_create(new)
    if stale or changed or new:
        audit_record(
            actor=None,
            action=AuditAction.RETENTION,
            object_type="volunteers.attention",
            added=len(new),
            removed=len(stale),
            changed=len(changed),
        )
    return len(wanted)


# --- recognition, the statement of hours, messages ----------------------------------------------------------


@transaction.atomic
def recognition_update(*, today: datetime.date | None = None) -> int:
    """Record the milestones reached since the last run (the daily job). Idempotent: a second run finds none."""
    from .models import Recognition
    from .recognition import due

    today = today or timezone.localdate()
    new = due(today)
    for row in new:
        row.full_clean(validate_unique=False, validate_constraints=False)
    Recognition.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        audit_record(actor=None, action=AuditAction.RECOGNISE, object_type="volunteers.recognition", added=len(new))
    return len(new)


def hours_statement(*, volunteer: Volunteer, actor, year: int | None = None) -> bytes:
    """The PDF statement of the volunteer's approved hours (all of them, or of one year), for school. The
    statement is made on request and not kept; only approved hours count."""
    from .statement import render_statement

    current = _fresh(volunteer)
    require_actor(actor, Action.STATEMENT, current)
    entries = HoursEntry.objects.filter(volunteer=current).approved()
    if year is not None:
        entries = entries.filter(date__year=year)
    rows = list(entries.order_by("date", "pk").values_list("date", "hours", "description", "centre__name"))
    if not rows:
        raise ValidationError(_("Er zijn nog geen goedgekeurde uren om te verklaren."))
    return render_statement(
        name=str(current.person), birth_year=current.person.birth_year, entries=rows, today=timezone.localdate()
    )


def message_audience(*, audience: str, vacancy=None, activity=None, district=None):
    """The volunteers a message to this group goes to: accepted for the vacancy; with a shift at the activity
    in the last year or ahead; belonging to the district (or a centre in it). Stopped volunteers never."""
    from .constants import Audience
    from .models import Shift

    current = Volunteer.objects.current()
    if audience == Audience.VACANCY and vacancy is not None:
        accepted = Application.objects.filter(vacancy=vacancy).accepted().values("volunteer_id")
        return current.filter(pk__in=accepted)
    if audience == Audience.ACTIVITY and activity is not None:
        since = timezone.now() - datetime.timedelta(days=365)
        worked = Shift.objects.filter(session__activity=activity, starts_at__gte=since).values("volunteer_id")
        return current.filter(pk__in=worked)
    if audience == Audience.DISTRICT and district is not None:
        return current.of_areas(centre_ids=[], district_ids=[district.pk])
    raise ValidationError({"audience": _("Kies aan wie het bericht gaat.")})


@transaction.atomic
def message_send(*, actor, audience: str, subject: str, body: str, vacancy=None, activity=None, district=None) -> Any:
    """A professional writes to all volunteers of a vacancy, an activity or a district they work in. Each
    recipient with an account gets an e-mail (through the outbox, in their language); everyone reads it on
    their own page. Volunteers who chose no group messages are left out and counted."""
    from django.core.mail import send_mail

    from .models import Message

    where = vacancy.district if vacancy is not None else activity.district if activity is not None else district
    if where is None:
        raise ValidationError({"audience": _("Kies aan wie het bericht gaat.")})
    message = Message(
        audience=audience,
        vacancy=vacancy,
        activity=activity,
        district=where,
        subject=(subject or "").strip(),
        body=(body or "").strip(),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    require_actor(actor, Action.MESSAGE_SEND, message)
    message.full_clean()
    group = message_audience(audience=audience, vacancy=vacancy, activity=activity, district=district)
    recipients = list(group.filter(messages_opt_out=False).select_related("person__user"))
    if not recipients:
        raise ValidationError(_("Deze groep heeft geen vrijwilligers die berichten willen krijgen."))
    message.skipped = group.filter(messages_opt_out=True).count()
    message.save()
    message.recipients.set(recipients)
    for volunteer in recipients:
        user = volunteer.person.user
        if user is None or not user.is_active:
            continue
        from django.utils import translation

        with translation.override(user.preferred_language):
            send_mail(
                subject=message.subject,
                message=message.body
                + "\n\n-- \n"
                + str(_("U krijgt dit bericht als vrijwilliger. Geen groepsberichten meer? Zet het uit op uw pagina.")),
                from_email=None,
                recipient_list=[user.email],
            )
    audit_record(actor=actor, action=AuditAction.MESSAGE_SEND, obj=message, recipients=len(recipients))
    return message
