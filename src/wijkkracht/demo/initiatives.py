"""Residents' initiatives in the demo: one in every state in the home district, a district budget for every
district with grants, backings and a receipt. Idempotent (found by title); written through the services and the
workflow with the demo logins as actors."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wijkkracht.accounts.models import User
from wijkkracht.initiatives import services
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import DistrictBudget, Initiative
from wijkkracht.people.models import Person
from wijkkracht.places.models import CommunityCentre, District

from .seed import DEMO_DOMAIN, HOME_CENTRE, MUNICIPALITY_CODE

# (title, category, status, public, amount asked, amount granted, backers)
INITIATIVES = [
    ("Repair café op zaterdag", "meeting", InitiativeStatus.PROPOSED, True, "150", None, 6),
    ("Moestuin achter het wijkcentrum", "green", InitiativeStatus.APPROVED, True, "800", "750", 11),
    ("Voorleesuurtje in het Turks en Nederlands", "culture", InitiativeStatus.NEEDS_CHANGES, True, "120", None, 3),
    ("Straatvoetbaltoernooi", "sport", InitiativeStatus.DONE, True, "400", "400", 9),
    ("Buurtbarbecue met muziekinstallatie", "meeting", InitiativeStatus.DECLINED, False, "2500", None, 0),
]
REASONS = {
    InitiativeStatus.APPROVED: "Past goed bij ons plan: jong en oud samen.",
    InitiativeStatus.NEEDS_CHANGES: "Mooi idee. Kunt u aangeven hoeveel kinderen u verwacht en waar het kan?",
    InitiativeStatus.DECLINED: "Het bedrag is te hoog voor ons wijkbudget; probeer het met een kleinere installatie.",
    InitiativeStatus.DONE: "Geweldig initiatief.",
}
PDF = b"%PDF-1.4\n% demo receipt\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _login(key: str) -> User:
    return User.objects.get(email=f"{key}@{DEMO_DOMAIN}")


@transaction.atomic
def ensure_initiatives() -> str:
    year = timezone.localdate().year
    admin, council, resident = _login("beheerder"), _login("raadslid"), _login("bewoner")
    made = 0
    for district in District.objects.filter(municipality__cbs_code=MUNICIPALITY_CODE).order_by("cbs_code"):
        if not DistrictBudget.objects.filter(district=district, year=year).exists():
            services.budget_save(district=district, year=year, amount=Decimal("5000"), actor=admin)
            made += 1
    home = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    neighbours = list(
        Person.objects.synthetic()
        .without_account()
        .in_district(home.district)
        .select_related("neighbourhood")
        .order_by("public_id")[:60]
    )
    for index, (title, category, status, public, asked, granted, _backers) in enumerate(INITIATIVES):
        if Initiative.objects.filter(title=title).exists():
            continue
        by_resident = status in (InitiativeStatus.PROPOSED, InitiativeStatus.APPROVED, InitiativeStatus.DONE)
        initiator = resident.person if by_resident or not neighbours else neighbours[index % 2]
        initiative = services.initiative_propose(
            initiator=initiator,
            district=home.district,
            actor=resident if initiator == resident.person else None,
            title=title,
            category=category,
            description=f"{title}: een idee van bewoners voor de wijk.",
            audience="Buurtbewoners van alle leeftijden",
            location=home.name,
            when="In het voorjaar",
            needs=["room", "money", "volunteers"],
            amount_requested=Decimal(asked),
            is_public=public,
        )
        made += 1
        if status == InitiativeStatus.PROPOSED:
            continue
        decision = InitiativeStatus.APPROVED if status == InitiativeStatus.DONE else status
        services.initiative_decide(initiative=initiative, actor=council, to=decision, reason=REASONS[decision])
        if granted:
            services.grant_award(initiative=initiative, amount=Decimal(granted), actor=council, year=year)
        if status == InitiativeStatus.DONE:
            services.initiative_finish(initiative=initiative, actor=resident)
    for (_title, *_rest, backers), initiative in zip(
        INITIATIVES, [Initiative.objects.filter(title=t[0]).first() for t in INITIATIVES], strict=True
    ):
        if initiative is None or not initiative.is_public or initiative.backings.exists():
            continue
        for person in neighbours[2 : 2 + backers]:
            # Neighbours without an account back it at the centre's desk (the system records it).
            services.initiative_back(initiative=initiative, actor=None, person=person)
    _ensure_receipt(resident)
    return f"initiatives: {made} created"


def _ensure_receipt(resident: User) -> None:
    initiative = Initiative.objects.filter(title=INITIATIVES[1][0]).first()
    if initiative is None or not hasattr(initiative, "grant") or initiative.grant.receipts.exists():
        return
    services.receipt_add(
        initiative=initiative,
        actor=resident,
        upload=ContentFile(PDF, name="bon.pdf"),
        amount=Decimal("86.40"),
        description="Zaden en potgrond",
    )


# The approved initiative that became an activity: the demo professional turned it into a draft, gave it its
# day and put it on the calendar (after ensure_activities, which makes the district's categories).
BECAME_ACTIVITY = INITIATIVES[1][0]


@transaction.atomic
def ensure_initiative_activity() -> str:
    import datetime as dt

    from wijkkracht.activities import services as activity_services
    from wijkkracht.activities.constants import ActivityStatus

    initiative = Initiative.objects.select_related("district").filter(title=BECAME_ACTIVITY).first()
    if initiative is None or initiative.activities.exists():
        return "initiative turned into an activity: 0 created"
    professional = _login("beroepskracht")
    draft = activity_services.activity_from_initiative(initiative=initiative, actor=professional, synthetic=True)
    today = timezone.localdate()
    activity = activity_services.activity_save(
        activity=draft,
        actor=professional,
        title="Samen tuinieren in de moestuin",
        description=draft.description,
        category=draft.category,
        district=draft.district,
        centre=draft.centre,
        location="De moestuin achter het wijkcentrum",
        organiser_kind=draft.organiser_kind,
        organiser_name="Bewoners van de moestuin",
        age_bands=draft.age_bands,
        initiative=initiative,
        starts_on=today + dt.timedelta(days=(5 - today.weekday()) % 7),  # the coming Saturday
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        rrule="FREQ=WEEKLY;BYDAY=SA",
        synthetic=True,
    )
    activity_services.activity_move(activity=activity, to=ActivityStatus.PUBLISHED, actor=professional)
    return "initiative turned into an activity: 1 created"
