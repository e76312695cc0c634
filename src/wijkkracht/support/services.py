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
    MatchStatus,
    Outcome,
    RequestStatus,
    Urgency,
    offered_categories,
    support_setting,
)
from .models import FollowUp, HelpRequest, LadderStep, Match, NetworkContact, Referral, RequestAccess
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
def help_request_take(*, actor, neighbourhood, channel: str, resident=None, **data) -> HelpRequest:
    """A professional notes a request on a resident's behalf (by phone, at the desk or on a home visit).
    They own it unless they say otherwise: they spoke to the resident. `resident`: the resident's account when
    the question came from them on the platform (a board post), so it shows under their "Mijn hulpvragen"."""
    _check(actor, Action.ASK_ON_BEHALF, neighbourhood.district)
    if channel not in (Channel.PHONE, Channel.DESK, Channel.HOME_VISIT):
        raise ValidationError({"channel": _("Kies hoe de vraag binnenkwam: telefoon, balie of huisbezoek.")})
    help_request = _new_request(
        neighbourhood=neighbourhood,
        data=data,
        channel=channel,
        created_by=actor,
        owner=_user(actor),
        person=person_of(resident) if resident is not None else None,
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
    before = help_request.status
    transition(help_request, to=to, by=actor, reason=reason)
    if to == RequestStatus.MATCHING and before in (RequestStatus.MATCHED, RequestStatus.IN_PROGRESS):
        _matches_lapse(help_request, actor, statuses=(MatchStatus.ACCEPTED,))  # the helper fell away: find another
    if to != RequestStatus.MATCHING and before == RequestStatus.MATCHING:
        _matches_lapse(help_request, actor, statuses=(MatchStatus.PROPOSED, MatchStatus.OFFERED))
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
    _matches_lapse(help_request, actor, statuses=(MatchStatus.PROPOSED, MatchStatus.OFFERED))
    _matches_touch(help_request)  # the helper's load drops: the ranking's cached index must see it
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
    _matches_touch(help_request)  # an accepted match counts again in its helper's load
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


INTAKE_FIELDS = ("underlying_need", "own_strength", "vulnerable", "consent_share", "slots", "languages")


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


# ----------------------------------------------------------------------------------------------------------------
# Matching: a helper (volunteer) for a request. The ranking and the batch assignment are the matching engine's
# (ranking.py, the adapter); the rules are checked again here, under row locks, before anything is written.


def _matches_touch(help_request: HelpRequest) -> None:
    """Mark the request's accepted matches as changed (their load counts only while the request is open)."""
    for match in Match.objects.filter(help_request=help_request, status=MatchStatus.ACCEPTED):
        match.save(update_fields=["updated_at"])


def _matches_lapse(help_request: HelpRequest, actor, *, statuses) -> int:
    lapsed = 0
    for match in Match.objects.filter(help_request=help_request, status__in=list(statuses)).select_for_update():
        match.status = MatchStatus.CANCELLED
        match.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=AuditAction.MATCH_CANCEL, obj=help_request, match=str(match.public_id))
        lapsed += 1
    return lapsed


def _match_refusal(help_request: HelpRequest, volunteer, today) -> str | None:
    """Why this volunteer may not be asked for this request (None: they may). The database's own reading."""
    from wijkkracht.volunteers.constants import VolunteerStatus
    from wijkkracht.volunteers.models import Certificate
    from wijkkracht.volunteers.query import may_help_alone

    if volunteer.status != VolunteerStatus.ACTIVE:
        return _("Deze vrijwilliger is nu niet actief.")
    if help_request.person_id is not None and volunteer.person_id == help_request.person_id:
        return _("Iemand kan niet zijn eigen helper zijn.")
    if Match.objects.filter(help_request=help_request, volunteer=volunteer, status=MatchStatus.DECLINED).exists():
        return _("Deze vrijwilliger heeft al nee gezegd tegen deze vraag.")
    if help_request.vulnerable:
        if not may_help_alone(volunteer, vulnerable=True, today=today):
            return _("Een vrijwilliger onder de 18 helpt nooit alleen een kwetsbare inwoner.")
        if not Certificate.objects.filter(volunteer=volunteer).valid_vog(today).exists():
            return _("Deze inwoner is kwetsbaar: de helper heeft een geldige VOG nodig, en die is er niet.")
    capacity = max(1, volunteer.max_hours_per_week // max(1, support_setting("HOURS_PER_MATCH")))
    if Match.objects.load().filter(volunteer=volunteer).count() >= capacity:
        return _("Deze vrijwilliger helpt al bij zoveel vragen als past (%(n)d).") % {"n": capacity}
    return None


def _offer(*, row: HelpRequest, volunteer, actor, today, proposal: Match | None = None) -> Match:
    """Ask `volunteer` for the locked request `row`: checks every rule, then writes the offered match."""
    from wijkkracht.volunteers.models import Volunteer

    from . import ranking

    if row.status != RequestStatus.MATCHING:
        raise ValidationError(_("Een helper vragen kan als de vraag op 'zoekt een helper' staat."))
    live = row.matches.live().select_related("volunteer").first()
    if live is not None and live != proposal:
        if live.status == MatchStatus.PROPOSED:
            live.status = MatchStatus.CANCELLED
            live.save(update_fields=["status", "updated_at"])
        else:
            raise ValidationError(
                _("Er is voor deze vraag al een helper gevraagd, net door iemand anders. Er is niets veranderd.")
            )
    volunteer = Volunteer.objects.select_for_update().select_related("person").get(pk=volunteer.pk)
    refusal = _match_refusal(row, volunteer, today)
    if refusal:
        raise ValidationError(refusal)
    candidate = ranking.score_one(row, volunteer.pk, today=today)
    if candidate is None:
        raise ValidationError(_("Deze vrijwilliger past niet bij deze vraag (te ver weg of niet beschikbaar)."))
    match = proposal or Match(help_request=row, volunteer=volunteer)
    match.status, match.offered_by, match.offered_at = MatchStatus.OFFERED, _user(actor), timezone.now()
    match.score, match.distance_m, match.parts = candidate.score, candidate.distance_m, candidate.parts
    match.full_clean(validate_constraints=False)  # the one-live-match rule is the database's, under the lock
    match.save()
    audit_record(
        actor=actor, action=AuditAction.MATCH_OFFER, obj=row, match=str(match.public_id), volunteer=volunteer.pk
    )
    return match


@transaction.atomic
def match_offer(*, help_request: HelpRequest, volunteer, actor, today=None) -> Match:
    """The professional confirms a helper from the ranked list: the helper is asked (and says yes or no).
    Two professionals at once: the request row is locked, so the second finds the first's match and is told."""
    _check(actor, Action.HANDLE, help_request)
    row = locked(help_request)
    return _offer(row=row, volunteer=volunteer, actor=actor, today=today or timezone.localdate())


@transaction.atomic
def match_confirm(*, match: Match, actor, today=None) -> Match:
    """The professional confirms a proposal of the batch: the helper is asked."""
    _check(actor, Action.HANDLE, match.help_request)
    row = locked(match.help_request)
    current = Match.objects.select_for_update().get(pk=match.pk)
    if current.status != MatchStatus.PROPOSED:
        raise ValidationError(_("Dit voorstel is al bevestigd of vervallen. Er is niets veranderd."))
    return _offer(
        row=row, volunteer=current.volunteer, actor=actor, today=today or timezone.localdate(), proposal=current
    )


@transaction.atomic
def match_cancel(*, match: Match, actor) -> Match:
    """The professional withdraws a proposal or an offer that was not answered yet."""
    _check(actor, Action.HANDLE, match.help_request)
    locked(match.help_request)
    current = Match.objects.select_for_update().get(pk=match.pk)
    if current.status not in (MatchStatus.PROPOSED, MatchStatus.OFFERED):
        raise ValidationError(_("Deze koppeling kan niet meer worden ingetrokken."))
    current.status = MatchStatus.CANCELLED
    current.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=AuditAction.MATCH_CANCEL, obj=match.help_request, match=str(match.public_id))
    return current


def _answerable(match: Match, actor) -> tuple[HelpRequest, Match]:
    _check(actor, Action.ANSWER, match)
    row = locked(match.help_request)
    current = Match.objects.select_for_update().select_related("volunteer").get(pk=match.pk)
    if current.status != MatchStatus.OFFERED:
        raise ValidationError(_("Deze vraag is al beantwoord of ingetrokken. Er is niets veranderd."))
    return row, current


@transaction.atomic
def match_accept(*, match: Match, actor) -> Match:
    """The helper says yes: the request has a helper (matching → matched, made by the system for the helper)."""
    row, current = _answerable(match, actor)
    current.status, current.answered_at = MatchStatus.ACCEPTED, timezone.now()
    current.save(update_fields=["status", "answered_at", "updated_at"])
    if row.status == RequestStatus.MATCHING:
        transition(row, to=RequestStatus.MATCHED, by=None, reason=_("De gevraagde helper heeft ja gezegd."))
    audit_record(actor=actor, action=AuditAction.MATCH_ACCEPT, obj=row, match=str(current.public_id))
    return current


@transaction.atomic
def match_decline(*, match: Match, actor, today=None) -> tuple[Match, Match | None]:
    """The helper says no. The next best helper is proposed to the professional at once (they confirm it).
    Returns the declined match and the new proposal (None when nobody else fits)."""
    row, current = _answerable(match, actor)
    current.status, current.answered_at = MatchStatus.DECLINED, timezone.now()
    current.save(update_fields=["status", "answered_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.MATCH_DECLINE, obj=row, match=str(current.public_id))
    return current, _propose_next(row, today or timezone.localdate())


def _propose_next(row: HelpRequest, today) -> Match | None:
    from . import ranking

    if row.status != RequestStatus.MATCHING:
        return None
    ranked = ranking.ranked_helpers(row, today=today, k=1)
    if not ranked:
        return None
    best = ranked[0]
    proposal = Match(
        help_request=row,
        volunteer=best.volunteer,
        status=MatchStatus.PROPOSED,
        score=best.score,
        distance_m=best.distance_m,
        parts=best.parts,
    )
    proposal.full_clean(validate_constraints=False)
    proposal.save()
    audit_record(actor=None, action=AuditAction.MATCH_PROPOSE, obj=row, match=str(proposal.public_id))
    return proposal


def match_propose_all(*, district, actor, today=None) -> list[Match]:
    """ "Match all open requests" of a district: the best overall assignment (the engine's exact solver) for the
    requests looking for a helper without one, written as proposals for the professional to confirm."""
    from . import ranking

    _check(actor, Action.MATCH_ALL, district)
    today = today or timezone.localdate()
    with transaction.atomic():
        waiting = list(
            HelpRequest.objects.select_for_update()
            .filter(district=district, status=RequestStatus.MATCHING)
            .exclude(pk__in=Match.objects.live().values("help_request_id"))
            .select_related("district", "neighbourhood")
            .order_by("pk")
        )
        proposals = ranking.best_assignment(waiting, district_id=district.pk, today=today)
        made = []
        for p in proposals:
            match = Match(
                help_request=p.help_request,
                volunteer_id=p.volunteer_id,
                status=MatchStatus.PROPOSED,
                proposed_by=_user(actor),
                score=p.candidate.score,
                distance_m=p.candidate.distance_m,
                parts=p.candidate.parts,
            )
            match.full_clean(validate_constraints=False)
            match.save()
            audit_record(actor=actor, action=AuditAction.MATCH_PROPOSE, obj=p.help_request, match=str(match.public_id))
            made.append(match)
    return made


def match_confirm_all(*, district, actor, today=None) -> tuple[int, int]:
    """Confirm every proposal of the district (each in its own transaction): (asked, refused). A proposal that
    no longer fits (the helper is full, their VOG lapsed) is left as it was, with its reason on the page."""
    _check(actor, Action.MATCH_ALL, district)
    asked = refused = 0
    for match in list(
        Match.objects.proposed().filter(help_request__district=district).select_related("help_request", "volunteer")
    ):
        try:
            match_confirm(match=match, actor=actor, today=today)
        except ValidationError:
            refused += 1
        else:
            asked += 1
    return asked, refused


@transaction.atomic
def matches_view_record(*, matches: list[Match], actor) -> int:
    """The helper opened the minimum of these requests: one access-log row each (purpose: helping), written
    together. Returns how many."""
    for match in matches:
        _check(actor, Action.HELPING, match)
    if actor is None or not matches:
        return 0
    rows = [
        RequestAccess(help_request_id=m.help_request_id, viewer=actor, purpose=AccessPurpose.HELPING) for m in matches
    ]
    for row in rows:
        row.full_clean(exclude=["help_request", "viewer"])
    RequestAccess.objects.bulk_create(rows)
    return len(rows)
