"""Every write to initiatives and district budgets goes through here.

The remaining budget never goes below zero: grant_award locks the budget row (select_for_update; on SQLite the
transaction itself is IMMEDIATE) and sums the grants inside that lock, so two grants decided at the same moment
are serialised and the second sees the first."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkracht.accounts.policy import require_actor
from wijkkracht.audit.services import audit_record
from wijkkracht.workflow.services import transition

from .constants import (
    NEXT_STEPS,
    RECEIPT_MAX_BYTES,
    RECEIPT_SIGNATURES,
    AuditAction,
    Category,
    InitiativeStatus,
)
from .models import Backing, DistrictBudget, DistrictSettings, Grant, Initiative, Milestone, Receipt
from .permissions import Action, person_of
from .query import Tailoring

INITIATIVE_FIELDS = (
    "title",
    "category",
    "description",
    "audience",
    "location",
    "when",
    "needs",
    "amount_requested",
    "is_public",
)


def _actor(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def initiative_propose(*, initiator, district, actor, **fields) -> Initiative:
    """A resident proposes an initiative for their district, or a professional does so on their behalf."""
    own = person_of(actor) is not None and person_of(actor).pk == initiator.pk
    require_actor(actor, Action.PROPOSE if own else Action.PROPOSE_ON_BEHALF, None if own else district)
    initiative = Initiative(initiator=initiator, district=district, submitted_by=_actor(actor))
    for name in INITIATIVE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    _check_tailoring(initiative)
    initiative.full_clean()
    initiative.save()
    audit_record(actor=actor, action=AuditAction.PROPOSE, obj=initiative, district=str(district.public_id))
    return initiative


def _tailoring(district_id: int) -> Tailoring:
    """The district's tailoring as stored now (not a copy cached on a district object)."""
    return Tailoring(DistrictSettings.objects.filter(district_id=district_id).first())


def _check_tailoring(initiative: Initiative) -> None:
    """The district's tailoring: it takes initiatives, and this kind (changing an existing one keeps its kind)."""
    tailoring = _tailoring(initiative.district_id)
    if not tailoring.takes_initiatives:
        raise ValidationError(
            _("Wijk %(district)s neemt geen initiatieven aan via Wijkkracht. Vraag de beroepskracht hoe het daar gaat.")
            % {"district": initiative.district.name}
        )
    if initiative.category not in tailoring.category_values:
        raise ValidationError(
            {"category": _("Deze soort initiatief vraagt de wijk niet. Kies een soort uit de lijst.")}
        )


@transaction.atomic
def district_settings_save(
    *, district, actor, takes_initiatives: bool, uses_budget: bool, categories: list[str]
) -> DistrictSettings:
    """The district's tailoring for initiatives (its council, on the council's tailoring page). Categories: the
    kinds the district asks for; all of them (or none chosen) means every kind."""
    require_actor(actor, Action.TAILOR, district)
    settings = DistrictSettings.objects.select_for_update().filter(district=district).first()
    settings = settings or DistrictSettings(district=district)
    settings.takes_initiatives, settings.uses_budget = takes_initiatives, uses_budget
    chosen = [value for value, _label in Category.choices if value in set(categories)]
    settings.categories = [] if len(chosen) == len(Category.values) else chosen
    if takes_initiatives and not chosen:
        raise ValidationError({"categories": _("Kies minstens één soort initiatief, of zet initiatieven uit.")})
    settings.full_clean()
    settings.save()
    audit_record(actor=actor, action=AuditAction.TAILOR, obj=district)
    return settings


@transaction.atomic
def initiative_update(*, initiative: Initiative, actor, **fields) -> Initiative:
    require_actor(actor, Action.EDIT, initiative)
    for name in INITIATIVE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    initiative.full_clean()
    initiative.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=initiative)
    return initiative


@transaction.atomic
def initiative_back(*, initiative: Initiative, actor, person=None) -> Backing:
    """A resident of the district backs a public initiative, once. With actor=None the system records the backing
    of `person` (given at the centre's desk): the same rules hold, checked here."""
    require_actor(actor, Action.BACK, initiative)
    person = person_of(actor) if actor is not None else person
    if person is None or person.neighbourhood is None or person.neighbourhood.district_id != initiative.district_id:
        raise ValidationError(_("Alleen bewoners van de wijk steunen een initiatief."))
    if not initiative.is_public or initiative.initiator_id == person.pk:
        raise ValidationError(_("Dit initiatief kunt u niet steunen."))
    backing = Backing(initiative=initiative, person=person)
    backing.full_clean()
    try:
        with transaction.atomic():
            backing.save()
    except IntegrityError as exc:
        raise ValidationError(_("U steunt dit initiatief al.")) from exc
    audit_record(actor=actor, action=AuditAction.BACK, obj=initiative)
    return backing


@transaction.atomic
def initiative_decide(*, initiative: Initiative, actor, to: str, reason: str) -> Initiative:
    """The council approves, declines or asks for changes, with a reason the initiator sees. An approved
    initiative gets its next-steps checklist."""
    if to not in (InitiativeStatus.APPROVED, InitiativeStatus.DECLINED, InitiativeStatus.NEEDS_CHANGES):
        raise ValidationError(_("Deze stap bestaat niet."))
    transition(initiative, to=to, by=actor, reason=reason)
    if to == InitiativeStatus.APPROVED and not initiative.milestones.exists():
        Milestone.objects.bulk_create(
            Milestone(initiative=initiative, title=str(title), order=i) for i, title in enumerate(NEXT_STEPS, 1)
        )
    return initiative


@transaction.atomic
def initiative_resubmit(*, initiative: Initiative, actor) -> Initiative:
    transition(initiative, to=InitiativeStatus.PROPOSED, by=actor)
    return initiative


@transaction.atomic
def initiative_finish(*, initiative: Initiative, actor) -> Initiative:
    transition(initiative, to=InitiativeStatus.DONE, by=actor)
    return initiative


@transaction.atomic
def milestone_set(*, milestone: Milestone, actor, done: bool) -> Milestone:
    require_actor(actor, Action.CHECKLIST, milestone.initiative)
    milestone.done_at = (milestone.done_at or timezone.now()) if done else None
    milestone.save(update_fields=["done_at"])
    audit_record(actor=actor, action=AuditAction.MILESTONE, obj=milestone.initiative, done=done)
    return milestone


@transaction.atomic
def budget_save(*, district, year: int, amount: Decimal, actor) -> DistrictBudget:
    """Set a district's budget for a year (never below what it has already granted)."""
    require_actor(actor, Action.BUDGET_MANAGE)
    budget = DistrictBudget.objects.select_for_update().filter(district=district, year=year).first()
    if budget is None:
        budget = DistrictBudget(district=district, year=year, amount=amount)
    else:
        granted = budget.grants.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if amount < granted:
            raise ValidationError(
                {"amount": _("Er is al € %(granted)s toegekend; het budget kan niet lager.") % {"granted": granted}}
            )
        budget.amount = amount
    budget.full_clean()
    budget.save()
    audit_record(actor=actor, action=AuditAction.BUDGET_SAVE, obj=budget, amount=str(amount))
    return budget


def remaining(budget: DistrictBudget) -> Decimal:
    granted = budget.grants.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return budget.amount - granted


@transaction.atomic
def grant_award(*, initiative: Initiative, amount: Decimal, actor, year: int | None = None) -> Grant:
    """Grant money from the district's budget of `year` (default: this year) to an approved initiative.
    Refused, changing nothing, when it is more than what remains."""
    require_actor(actor, Action.GRANT, initiative)
    if not _tailoring(initiative.district_id).uses_budget:
        raise ValidationError(
            _("Wijk %(district)s geeft geen geld uit een wijkbudget.") % {"district": initiative.district}
        )
    year = year or timezone.localdate().year
    budget = DistrictBudget.objects.select_for_update().filter(district_id=initiative.district_id, year=year).first()
    if budget is None:
        raise ValidationError({"amount": _("Deze wijk heeft geen budget voor %(year)s.") % {"year": year}})
    if Grant.objects.filter(initiative=initiative).exists():
        raise ValidationError(_("Dit initiatief heeft al geld gekregen."))
    left = remaining(budget)
    if amount > left:
        raise ValidationError(
            {"amount": _("Er is nog € %(left)s over in het wijkbudget; dit bedrag past daar niet in.") % {"left": left}}
        )
    grant = Grant(budget=budget, initiative=initiative, amount=amount, decided_by=_actor(actor))
    grant.full_clean()
    try:
        with transaction.atomic():
            grant.save()
    except IntegrityError as exc:
        raise ValidationError(_("Dit initiatief heeft al geld gekregen.")) from exc
    audit_record(actor=actor, action=AuditAction.GRANT, obj=grant, amount=str(amount), budget=str(budget.public_id))
    return grant


def receipt_kind(upload) -> str:
    """The checked type of an uploaded receipt (pdf, jpg or png), from its size and first bytes."""
    if upload.size > RECEIPT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Het bestand is te groot. Het mag hoogstens %(mb)d MB zijn.")
                % {"mb": RECEIPT_MAX_BYTES // 2**20}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("Het bestand is leeg.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in RECEIPT_SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    raise ValidationError({"file": _("Upload een PDF, JPG of PNG.")})


@transaction.atomic
def receipt_add(*, initiative: Initiative, actor, upload, amount: Decimal, description: str) -> Receipt:
    """The initiator accounts for the spending with a receipt."""
    require_actor(actor, Action.RECEIPT_ADD, initiative)
    grant = Grant.objects.filter(initiative=initiative).first()
    if grant is None:
        raise ValidationError(_("Dit initiatief heeft geen geld gekregen; er hoeven geen bonnetjes bij."))
    kind = receipt_kind(upload)
    receipt = Receipt(
        grant=grant,
        kind=kind,
        size=upload.size,
        amount=amount,
        description=description.strip(),
        uploaded_by=_actor(actor),
    )
    receipt.file = upload
    receipt.full_clean(exclude=["file"])
    receipt.save()
    audit_record(actor=actor, action=AuditAction.RECEIPT, obj=grant, receipt=str(receipt.public_id), kind=kind)
    return receipt
