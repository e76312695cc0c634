"""Every write to help requests goes through here.

A request is never without an owner where the district has a professional: asking assigns the professional of
the district with the fewest open requests. Personal data never goes into an audit event: events carry public
ids, states and field names only. Every view of a request's personal data by someone other than the resident
is written to the access log (RequestAccess)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership, User
from wijkkracht.accounts.policy import require_actor as _check
from wijkkracht.audit.services import audit_record
from wijkkracht.workflow.services import history_anonymise, locked, transition

from .constants import (
    ANONYMISED,
    BEFORE_INTAKE,
    AccessPurpose,
    AuditAction,
    Channel,
    ContactAnswer,
    EscalationReason,
    Outcome,
    RequestStatus,
    Urgency,
    offered_categories,
    support_setting,
)
from .models import FollowUp, HelpRequest, LadderStep, NetworkContact, Referral, RequestAccess
from .permissions import Action, can, is_own, person_of


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def district_professionals(district_id: int):
    """Active accounts with a professional membership today naming the district or one of its centres."""
    memberships = Membership.objects.active().filter(
        Q(district_id=district_id) | Q(centre__district_id=district_id), role=Role.PROFESSIONAL
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def default_owner(district_id: int) -> User | None:
    """The district's professional with the fewest open requests (ties: the longest-known account)."""
    return (
        district_professionals(district_id)
        .annotate(
            open_requests=Count(
                "owned_help_requests", filter=~Q(owned_help_requests__status=RequestStatus.CLOSED), distinct=True
            )
        )
        .order_by("open_requests", "pk")
        .first()
    )


def working_days_after(start: datetime, days: int) -> datetime:
    """The same local time `days` working days (Monday to Friday) after `start`. Public holidays are not known
    to the platform and count as working days."""
    moment = timezone.localtime(start)
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def _set_deadlines(help_request: HelpRequest, now: datetime) -> None:
    help_request.intake_due_at = working_days_after(now, support_setting("INTAKE_WORKING_DAYS"))
    help_request.match_due_at = now + timedelta(days=support_setting("MATCH_DAYS"))
    help_request.escalated_at, help_request.escalation_reason = None, ""


def _clean_text(value) -> str:
    return value.strip() if isinstance(value, str) else value


def _new_request(*, neighbourhood, data: dict, channel: str, created_by, person=None, owner=None) -> HelpRequest:
    if data.get("category") not in {value for value, _label in offered_categories()}:
        raise ValidationError({"category": _("Kies een soort hulp uit de lijst.")})
    help_request = HelpRequest(
        district_id=neighbourhood.district_id,
        neighbourhood=neighbourhood,
        person=person,
        channel=channel,
        created_by=_user(created_by),
        contact_name=_clean_text(data.get("contact_name", "")),
        contact_phone=_clean_text(data.get("contact_phone", "")),
        category=data["category"],
        what=_clean_text(data.get("what", "")),
        when=_clean_text(data.get("when", "")),
        urgency=data.get("urgency") or Urgency.NORMAL,
        vulnerable=bool(data.get("vulnerable", False)),
        consent_share=bool(data.get("consent_share", False)),
        synthetic=bool(data.get("synthetic", False)),
    )
    has_email = person is not None and person.user_id is not None and bool(getattr(person.user, "email", ""))
    if not help_request.contact_phone and not has_email:
        raise ValidationError({"contact_phone": _("Vul een telefoonnummer in. Zo kunnen we u bereiken over uw vraag.")})
    if help_request.consent_share:
        help_request.consent_given_at = timezone.now()
    _set_deadlines(help_request, timezone.now())
    help_request.owner = owner or default_owner(neighbourhood.district_id)
    help_request.full_clean()
    help_request.save()
    return help_request


@transaction.atomic
def help_request_ask(*, actor, neighbourhood, **data) -> HelpRequest:
    """A resident asks for help online, with or without an account. With an account, the request is theirs
    (they see it under "Mijn hulpvragen"); without, a name and a phone number are enough."""
    _check(actor, Action.ASK)
    person = person_of(actor)
    data.pop("vulnerable", None)  # the professional decides that, at the intake
    help_request = _new_request(
        neighbourhood=neighbourhood, data=data, channel=Channel.ONLINE, created_by=actor, person=person
    )
    audit_record(
        actor=actor,
        action=AuditAction.ASK,
        obj=help_request,
        district=str(neighbourhood.district.public_id),
        owner_assigned=help_request.owner_id is not None,
    )
    return help_request


@transaction.atomic
def help_request_take(*, actor, neighbourhood, channel: str, **data) -> HelpRequest:
    """A professional notes a request on a resident's behalf (by phone, at the desk or on a home visit).
    They own it unless they say otherwise: they spoke to the resident."""
    _check(actor, Action.ASK_ON_BEHALF, neighbourhood.district)
    if channel not in (Channel.PHONE, Channel.DESK, Channel.HOME_VISIT):
        raise ValidationError({"channel": _("Kies hoe de vraag binnenkwam: telefoon, balie of huisbezoek.")})
    help_request = _new_request(
        neighbourhood=neighbourhood, data=data, channel=channel, created_by=actor, owner=_user(actor)
    )
    audit_record(
        actor=actor,
        action=AuditAction.ASK_ON_BEHALF,
        obj=help_request,
        district=str(neighbourhood.district.public_id),
        channel=channel,
    )
    return help_request


@transaction.atomic
def help_request_view_record(*, help_request: HelpRequest, actor, purpose: str = AccessPurpose.HANDLING) -> bool:
    """Write who opened this request's personal data, when and why. The resident's own view is not logged.
    Returns whether a row was written."""
    _check(actor, Action.VIEW, help_request)
    if actor is None or is_own(actor, help_request):
        return False
    access = RequestAccess(help_request=help_request, viewer=actor, purpose=purpose)
    access.full_clean()
    access.save()
    return True


@transaction.atomic
def help_request_move(*, help_request: HelpRequest, actor, to: str, reason: str = "") -> HelpRequest:
    """Any move but closing (help_request_close) and reopening (help_request_reopen), through the map."""
    if to in (RequestStatus.CLOSED, RequestStatus.REOPENED):
        raise ValidationError(_("Deze stap bestaat niet."))
    transition(help_request, to=to, by=actor, reason=reason)
    return help_request


@transaction.atomic
def help_request_close(*, help_request: HelpRequest, actor, outcome: str, reason: str = "") -> HelpRequest:
    """Close with an outcome. A resident can only withdraw their own request."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Kies de uitkomst: geholpen, ingetrokken of doorverwezen.")})
    _check(actor, Action.CLOSE, help_request)
    if actor is not None and not can(actor, Action.HANDLE, help_request) and outcome != Outcome.WITHDRAWN:
        raise PermissionDenied
    row = locked(help_request)
    if row.status == RequestStatus.CLOSED:
        raise ValidationError(_("Deze vraag is al afgesloten."))
    if outcome == Outcome.REFERRED and not row.referrals.exists():
        raise ValidationError({"outcome": _("Leg eerst de doorverwijzing vast: wanneer, naar wie en waarom.")})
    row.outcome, row.closed_at = outcome, timezone.now()
    row.save(update_fields=["outcome", "closed_at"])
    help_request.outcome, help_request.closed_at = row.outcome, row.closed_at
    transition(help_request, to=RequestStatus.CLOSED, by=actor, reason=reason)
    audit_record(actor=actor, action=AuditAction.CLOSE, obj=help_request, outcome=outcome)
    if row.vulnerable:  # the safety net: a check-in some weeks later, whatever the outcome
        weeks = support_setting("FOLLOW_UP_WEEKS")
        follow_up = FollowUp(help_request=help_request, due_on=timezone.localdate() + timedelta(weeks=weeks))
        follow_up.full_clean()
        follow_up.save()
        audit_record(actor=actor, action=AuditAction.FOLLOW_UP_PLAN, obj=help_request, due_on=str(follow_up.due_on))
    return help_request


@transaction.atomic
def help_request_reopen(*, help_request: HelpRequest, actor, reason: str) -> HelpRequest:
    transition(help_request, to=RequestStatus.REOPENED, by=actor, reason=reason)
    help_request.outcome, help_request.closed_at = "", None
    _set_deadlines(help_request, timezone.now())  # a reopened request gets fresh deadlines
    help_request.save(
        update_fields=["outcome", "closed_at", "intake_due_at", "match_due_at", "escalated_at", "escalation_reason"]
    )
    return help_request


@transaction.atomic
def help_request_set_owner(*, help_request: HelpRequest, actor, owner: User) -> HelpRequest:
    """Hand the request to a professional of its district (or take it). Never to nobody."""
    _check(actor, Action.HANDLE, help_request)
    if owner is None or not district_professionals(help_request.district_id).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Kies een beroepskracht die in deze wijk werkt.")})
    row = locked(help_request)
    if row.owner_id == owner.pk:
        return help_request
    row.owner = owner
    row.save(update_fields=["owner", "updated_at"])
    help_request.owner = owner
    audit_record(actor=actor, action=AuditAction.OWNER, obj=help_request, owner=owner.pk)
    return help_request


INTAKE_FIELDS = ("underlying_need", "own_strength", "vulnerable", "consent_share")


@transaction.atomic
def help_request_intake_save(*, help_request: HelpRequest, actor, **fields) -> HelpRequest:
    """The intake: the question behind the question, what the resident can do alone, and the vulnerable flag.
    Audits the names of the changed fields, never their content."""
    _check(actor, Action.HANDLE, help_request)
    row = locked(help_request)
    if row.status == RequestStatus.CLOSED:
        raise ValidationError(_("Deze vraag is afgesloten. Heropen hem eerst."))
    changed = []
    for name in INTAKE_FIELDS:
        if name in fields:
            value = _clean_text(fields[name])
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed.append(name)
    if row.consent_share and row.consent_given_at is None:
        row.consent_given_at = timezone.now()
    elif not row.consent_share:
        row.consent_given_at = None
    if row.intake_at is None:
        row.intake_at = timezone.now()
        changed.append("intake_at")
    row.full_clean()
    row.save()
    audit_record(actor=actor, action=AuditAction.INTAKE, obj=row, fields=sorted(changed))
    return row


@transaction.atomic
def network_contact_add(
    *,
    help_request: HelpRequest,
    actor,
    name: str,
    relation: str,
    phone: str = "",
    could_help_with: str = "",
    consent: bool,
) -> NetworkContact:
    """Add someone from the resident's own network; only with the resident's consent."""
    _check(actor, Action.HANDLE, help_request)
    if not consent:
        raise ValidationError({"consent": _("Vraag eerst de bewoner of u deze persoon mag noteren.")})
    if help_request.status == RequestStatus.CLOSED:
        raise ValidationError(_("Deze vraag is afgesloten. Heropen hem eerst."))
    contact = NetworkContact(
        help_request=help_request,
        name=_clean_text(name),
        relation=relation,
        phone=_clean_text(phone),
        could_help_with=_clean_text(could_help_with),
        consent_at=timezone.now(),
        added_by=_user(actor),
    )
    contact.full_clean()
    contact.save()
    audit_record(
        actor=actor, action=AuditAction.CONTACT_ADD, obj=help_request, contact=str(contact.public_id), relation=relation
    )
    return contact


@transaction.atomic
def network_contact_answer(*, contact: NetworkContact, actor, answer: str) -> NetworkContact:
    """Record that a contact was asked and what they answered."""
    _check(actor, Action.HANDLE, contact.help_request)
    if answer not in ContactAnswer.values:
        raise ValidationError({"answer": _("Kies een antwoord uit de lijst.")})
    row = locked(contact)
    row.answer = answer
    row.full_clean()
    row.save(update_fields=["answer"])
    audit_record(
        actor=actor,
        action=AuditAction.CONTACT_ANSWER,
        obj=contact.help_request,
        contact=str(contact.public_id),
        answer=answer,
    )
    return row


@transaction.atomic
def ladder_step_record(*, help_request: HelpRequest, actor, rung: str, result: str, note: str = "") -> LadderStep:
    """Record one rung of the ladder tried for this request and what came of it."""
    _check(actor, Action.HANDLE, help_request)
    step = LadderStep(
        help_request=help_request, rung=rung, result=result, note=_clean_text(note), recorded_by=_user(actor)
    )
    step.full_clean()
    step.save()
    audit_record(actor=actor, action=AuditAction.LADDER, obj=help_request, rung=rung, result=result)
    return step


@transaction.atomic
def referral_record(*, help_request: HelpRequest, actor, to: str, reason: str) -> Referral:
    """Refer to the Wmo desk or the social district team: when, to whom, why (never the assessment)."""
    _check(actor, Action.HANDLE, help_request)
    if help_request.status == RequestStatus.CLOSED:
        raise ValidationError(_("Deze vraag is afgesloten. Heropen hem eerst."))
    referral = Referral(help_request=help_request, to=to, reason=_clean_text(reason), referred_by=_user(actor))
    referral.full_clean()
    referral.save()
    audit_record(actor=actor, action=AuditAction.REFERRAL, obj=help_request, referral=str(referral.public_id), to=to)
    return referral


def help_requests_escalate(*, now: datetime | None = None) -> int:
    """The safety net's periodic job: raise every overdue open request on the escalation list (once per reason),
    and give a request without an owner the district's professional when there is one. Idempotent: a request
    already raised for the same reason is left alone. Returns how many were raised."""
    now = now or timezone.now()
    raised = 0
    for pk in list(HelpRequest.objects.overdue(now).values_list("pk", flat=True)):
        with transaction.atomic():
            row = HelpRequest.objects.select_for_update().filter(pk=pk).overdue(now).first()
            if row is None:
                continue
            reason = _overdue_reason(row, now)
            if row.escalated_at is not None and row.escalation_reason == reason:
                continue
            row.escalated_at, row.escalation_reason = now, reason
            fields = ["escalated_at", "escalation_reason"]
            if row.owner_id is None:
                row.owner = default_owner(row.district_id)
                fields.append("owner")
            row.save(update_fields=fields)
            audit_record(
                actor=None, action=AuditAction.ESCALATE, obj=row, reason=reason, owner_assigned="owner" in fields
            )
            raised += 1
    return raised


def _overdue_reason(row: HelpRequest, now: datetime) -> str:
    """Why an overdue request is raised: the first that applies (the same order as query.overdue)."""
    if row.owner_id is None:
        return EscalationReason.NO_OWNER
    if row.status in BEFORE_INTAKE and row.intake_due_at is not None and row.intake_due_at < now:
        return EscalationReason.INTAKE_OVERDUE
    return EscalationReason.MATCH_OVERDUE


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, actor, note: str = "") -> FollowUp:
    """The professional checked in with the resident."""
    _check(actor, Action.HANDLE, follow_up.help_request)
    row = locked(follow_up)
    if row.done_at is not None:
        raise ValidationError(_("Dit nagesprek is al gehouden."))
    row.done_at, row.done_by, row.note = timezone.now(), _user(actor), _clean_text(note)
    row.full_clean()
    row.save()
    audit_record(actor=actor, action=AuditAction.FOLLOW_UP_DONE, obj=follow_up.help_request)
    return row


def help_requests_anonymise(*, now: datetime | None = None) -> int:
    """Closed requests older than WIJKKRACHT_SUPPORT_ANONYMISE_DAYS lose everything that says who asked and what
    about: name, phone, the link to the resident, the question, the intake, the network, notes, reasons (also in
    the workflow history). What remains (district, neighbourhood, category, dates, states, outcome) feeds counts.
    Idempotent: an anonymised request is left alone. Returns how many were anonymised."""
    now = now or timezone.now()
    before = now - timedelta(days=support_setting("ANONYMISE_DAYS"))
    done = 0
    due = HelpRequest.objects.closed().filter(anonymised_at__isnull=True, closed_at__lt=before)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            row = HelpRequest.objects.select_for_update().filter(pk=pk, anonymised_at__isnull=True).first()
            if row is None:
                continue
            row.contact_name, row.contact_phone, row.person = ANONYMISED, "", None
            row.what, row.when, row.underlying_need, row.own_strength = ANONYMISED, "", "", ""
            row.anonymised_at = now
            row.full_clean()
            row.save()
            row.network.all().delete()
            row.ladder.update(note="")
            row.referrals.update(reason=ANONYMISED)
            row.follow_ups.update(note="")
            history_anonymise(obj=row)
            audit_record(actor=None, action=AuditAction.ANONYMISE, obj=row)
            done += 1
    return done
