"""Every write to concerns goes through here.

A concern is never without an owner where the district has a professional: raising one assigns the district's
professional with the fewest open concerns (the district's professionals are support's, through its service
module). Audit events carry public ids, topics, states and kinds; never the description, a name or a phone
number. Every view of a concern's personal data is written to the access log (ConcernAccess)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.policy import is_authenticated
from wijkkracht.accounts.policy import require_actor as _check
from wijkkracht.accounts.scope import scope_of
from wijkkracht.audit.services import audit_record
from wijkkracht.support import services as support_services
from wijkkracht.workflow.services import history_anonymise, locked, transition

from .constants import (
    ANONYMISED,
    AccessPurpose,
    AuditAction,
    ConcernStatus,
    Feedback,
    Priority,
    ReporterRole,
    StepKind,
    Topic,
    concerns_setting,
)
from .models import Concern, ConcernAccess, ConcernStep
from .permissions import Action

S = ConcernStatus


def _clean(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _user(actor):
    return actor if is_authenticated(actor) else None


def reporter_role(user) -> str:
    """What the reporter raises the concern as, from their roles today: partner, professional, volunteer or
    resident (the first that applies)."""
    scope = scope_of(user)
    if scope.has(Role.COORDINATOR):
        return ReporterRole.PARTNER
    if scope.has(Role.PROFESSIONAL):
        return ReporterRole.PROFESSIONAL
    if scope.has(Role.VOLUNTEER):
        return ReporterRole.VOLUNTEER
    return ReporterRole.RESIDENT


def default_owner(district_id: int):
    """The district's professional with the fewest open concerns (ties: the longest-known account)."""
    return (
        support_services.district_professionals(district_id)
        .annotate(open_concerns=Count("owned_concerns", filter=~Q(owned_concerns__status=S.CLOSED), distinct=True))
        .order_by("open_concerns", "pk")
        .first()
    )


@transaction.atomic
def concern_raise(
    *,
    actor,
    neighbourhood,
    topic: str,
    description: str,
    about_person: bool = False,
    person_hint: str = "",
    reporter_phone: str = "",
    reporter=None,
    synthetic: bool = False,
) -> Concern:
    """A resident, volunteer or partner raises a concern. `reporter`: for the system (the demo seed) only."""
    _check(actor, Action.RAISE)
    who = _user(actor) or reporter
    if who is None:
        raise ValidationError(_("Log in om een zorg te melden. Zo kunnen we u laten weten wat we ermee deden."))
    if topic not in Topic.values:
        raise ValidationError({"topic": _("Kies waarover u zich zorgen maakt.")})
    concern = Concern(
        district_id=neighbourhood.district_id,
        neighbourhood=neighbourhood,
        topic=topic,
        description=_clean(description),
        about_person=bool(about_person),
        person_hint=_clean(person_hint) if about_person else "",
        reporter=who,
        reporter_role=reporter_role(who),
        reporter_phone=_clean(reporter_phone),
        synthetic=synthetic,
    )
    concern.owner = default_owner(neighbourhood.district_id)
    concern.full_clean()
    concern.save()
    audit_record(
        actor=actor,
        action=AuditAction.RAISE,
        obj=concern,
        district=str(neighbourhood.district.public_id),
        topic=topic,
        owner_assigned=concern.owner_id is not None,
    )
    return concern


@transaction.atomic
def concern_view_record(*, concern: Concern, actor, purpose: str = AccessPurpose.HANDLING) -> bool:
    """Write who opened this concern's personal data, when and why. Returns whether a row was written."""
    _check(actor, Action.VIEW, concern)
    if actor is None:
        return False
    access = ConcernAccess(concern=concern, viewer=actor, purpose=purpose)
    access.full_clean()
    access.save()
    return True


def _open_row(concern: Concern) -> Concern:
    row = locked(concern)
    if row.status == S.CLOSED:
        raise ValidationError(_("Deze melding is afgesloten. Heropen hem eerst."))
    return row


@transaction.atomic
def concern_triage(*, concern: Concern, actor, priority: str, note: str = "", owner=None) -> Concern:
    """The district's professional weighs the concern: how urgent, a note, and who owns it. A new concern moves
    to triaged; a triaged one is weighed again."""
    _check(actor, Action.HANDLE, concern)
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Kies hoe dringend het is.")})
    row = _open_row(concern)
    if owner is not None and owner.pk != row.owner_id:
        if not support_services.district_professionals(row.district_id).filter(pk=owner.pk).exists():
            raise ValidationError({"owner": _("Kies een beroepskracht die in deze wijk werkt.")})
        row.owner = owner
    row.priority, row.triage_note = priority, _clean(note)
    row.triaged_at = row.triaged_at or timezone.now()
    row.full_clean()
    row.save()
    concern.priority, concern.triage_note, concern.triaged_at, concern.owner = (
        row.priority,
        row.triage_note,
        row.triaged_at,
        row.owner,
    )
    if row.status == S.NEW:
        transition(concern, to=S.TRIAGED, by=actor)
    audit_record(actor=actor, action=AuditAction.TRIAGE, obj=concern, priority=priority)
    return concern


def _acting(concern: Concern, actor) -> None:
    """A step is only taken on a weighed concern; the first one moves it to in action."""
    if concern.status == S.NEW:
        raise ValidationError(_("Beoordeel de melding eerst: hoe dringend is het?"))
    if concern.status == S.TRIAGED:
        transition(concern, to=S.IN_ACTION, by=actor)


@transaction.atomic
def concern_step_record(*, concern: Concern, actor, kind: str, note: str = "", organisation=None) -> ConcernStep:
    """Record what was done: contact made, or routed to a partner, the social district team or the municipality."""
    _check(actor, Action.HANDLE, concern)
    if kind not in StepKind.values or kind == StepKind.HELP_REQUEST:
        raise ValidationError({"kind": _("Kies een actie uit de lijst.")})
    if kind == StepKind.PARTNER and organisation is None:
        raise ValidationError({"organisation": _("Kies de partner waar u de melding naartoe stuurt.")})
    row = _open_row(concern)
    concern.status = row.status
    _acting(concern, actor)
    step = ConcernStep(
        concern=concern,
        kind=kind,
        note=_clean(note),
        organisation=organisation if kind == StepKind.PARTNER else None,
        by=_user(actor),
    )
    step.full_clean()
    step.save()
    audit_record(actor=actor, action=AuditAction.STEP, obj=concern, step=str(step.public_id), kind=kind)
    return step


@transaction.atomic
def concern_to_help_request(*, concern: Concern, actor, neighbourhood, channel: str, **data):
    """The concern becomes a help request for the person it is about, taken by the professional after they
    spoke to them (support's own service writes it). Returns the help request."""
    _check(actor, Action.HANDLE, concern)
    row = _open_row(concern)
    if neighbourhood.district_id != row.district_id:
        raise ValidationError({"neighbourhood": _("Kies een buurt in de wijk van de melding.")})
    concern.status = row.status
    _acting(concern, actor)
    help_request = support_services.help_request_take(actor=actor, neighbourhood=neighbourhood, channel=channel, **data)
    step = ConcernStep(concern=concern, kind=StepKind.HELP_REQUEST, help_request=help_request, by=_user(actor))
    step.full_clean()
    step.save()
    audit_record(actor=actor, action=AuditAction.HELP_REQUEST, obj=concern, help_request=str(help_request.public_id))
    return help_request


@transaction.atomic
def concern_close(*, concern: Concern, actor, feedback: str, reason: str = "") -> Concern:
    """Close with one of the fixed messages for the reporter: they say nothing about the person."""
    _check(actor, Action.HANDLE, concern)
    if feedback not in Feedback.values:
        raise ValidationError({"feedback": _("Kies het bericht aan de melder.")})
    row = _open_row(concern)
    row.feedback, row.closed_at = feedback, timezone.now()
    row.save(update_fields=["feedback", "closed_at"])
    concern.feedback, concern.closed_at = row.feedback, row.closed_at
    transition(concern, to=S.CLOSED, by=actor, reason=reason)
    audit_record(actor=actor, action=AuditAction.CLOSE, obj=concern, feedback=feedback)
    return concern


@transaction.atomic
def concern_reopen(*, concern: Concern, actor, reason: str) -> Concern:
    transition(concern, to=S.IN_ACTION, by=actor, reason=reason)
    concern.feedback, concern.closed_at = "", None
    concern.save(update_fields=["feedback", "closed_at", "updated_at"])
    return concern


def concerns_anonymise(*, now: datetime | None = None) -> int:
    """Closed concerns older than WIJKKRACHT_CONCERNS_ANONYMISE_DAYS lose everything that says who and what: the
    description, about whom, the reporter and their phone, the triage note, the steps' notes and the history's
    reasons. District, neighbourhood, topic, dates, states, priority and feedback stay for counts. Idempotent.
    Returns how many were anonymised."""
    now = now or timezone.now()
    before = now - timedelta(days=concerns_setting("ANONYMISE_DAYS"))
    done = 0
    due = Concern.objects.closed().filter(anonymised_at__isnull=True, closed_at__lt=before)
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            row = Concern.objects.select_for_update().filter(pk=pk, anonymised_at__isnull=True).first()
            if row is None:
                continue
            row.description, row.person_hint, row.reporter, row.reporter_phone = ANONYMISED, "", None, ""
            row.triage_note, row.anonymised_at = "", now
            row.full_clean()
            row.save()
            row.steps.update(note="")
            history_anonymise(obj=row)
            audit_record(actor=None, action=AuditAction.ANONYMISE, obj=row)
            done += 1
    return done
