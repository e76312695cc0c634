"""Centre life in the demo: categories, and a realistic week of activities at every demo centre (synthetic and
marked so), among them activities for young people (15–25) and for the policy group 15–55. Each activity started
eight weeks ago, so there is a history for the plan's realisation; sessions run up to the horizon.
Idempotent (found by centre and title); written through activities.services as the system."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone

from wijkkracht.activities import services
from wijkkracht.activities.constants import ActivityStatus, BookingKind, OrganiserKind, Repeat
from wijkkracht.activities.models import Activity, Category, RoomBooking, Session
from wijkkracht.activities.recurrence import build_rule, local_datetime
from wijkkracht.councils.constants import Measure
from wijkkracht.councils.models import PlanGoal
from wijkkracht.places.models import CommunityCentre, District

from .seed import HOME_CENTRE

# (slug, name, only in these districts (CBS codes) or everywhere)
CATEGORIES = [
    ("ontmoeten", "Ontmoeten", ()),
    ("taal", "Taal en leren", ()),
    ("bewegen", "Bewegen en sport", ()),
    ("creatief", "Creatief en cultuur", ()),
    ("eten", "Samen eten", ()),
    ("doen", "Repareren en doen", ()),
    ("jongeren", "Jongeren", ()),
    ("dorpsleven", "Dorpsleven", ("WK036213",)),  # tailoring: only the village of Nes aan de Amstel
]
MO, TU, WE, TH, FR, SA = range(6)
# (title, category, weekday, start, end, ages, price, organiser kind, organiser, description, accessibility)
WEEK = [
    (
        "Koffieochtend",
        "ontmoeten",
        TU,
        "10:00",
        "11:30",
        ["25_45", "45_65", "65_plus"],
        "0",
        OrganiserKind.VOLUNTEERS,
        "Gastvrouwen van het wijkcentrum",
        "Kom een kop koffie drinken en maak een praatje met buren. U hoeft niets mee te nemen.",
        "Ringleiding in de zaal.",
    ),
    (
        "Huiswerkclub",
        "jongeren",
        WE,
        "15:30",
        "17:30",
        ["0_15", "15_25"],
        "0",
        OrganiserKind.VOLUNTEERS,
        "Studenten uit de buurt",
        "Hulp bij je huiswerk en planning. Neem je boeken en je laptop mee. Er is wifi en thee.",
        "",
    ),
    (
        "Jongerenavond: gamen en chillen",
        "jongeren",
        FR,
        "19:00",
        "22:00",
        ["15_25"],
        "0",
        OrganiserKind.CENTRE,
        "Jongerenwerk",
        "Een avond voor jongeren van 15 tot 25: games, muziek en een plek voor jezelf. Je eigen ideeën zijn welkom.",
        "",
    ),
    (
        "Taalcafé Nederlands",
        "taal",
        TH,
        "19:30",
        "21:00",
        ["15_25", "25_45", "45_65"],
        "0",
        OrganiserKind.VOLUNTEERS,
        "Taalmaatjes",
        "Oefen Nederlands praten in een kleine groep, op uw eigen niveau. Beginners zijn welkom.",
        "Prikkelarm: een rustige ruimte.",
    ),
    (
        "Bootcamp in het park",
        "bewegen",
        SA,
        "10:00",
        "11:00",
        ["15_25", "25_45", "45_65"],
        "2.50",
        OrganiserKind.PARTNER,
        "Buurtsportcoach",
        "Een uur buiten sporten met een trainer. Voor elk niveau. Neem water en sportschoenen mee.",
        "",
    ),
    (
        "Samen eten",
        "eten",
        TH,
        "17:30",
        "19:30",
        ["25_45", "45_65", "65_plus"],
        "5",
        OrganiserKind.RESIDENTS,
        "Kookgroep van bewoners",
        "Een driegangenmaaltijd, samen gekookt door buren. Geef vooraf door als u iets niet mag eten.",
        "Toegankelijk met rolstoel; invalidentoilet.",
    ),
    (
        "Repair café",
        "doen",
        SA,
        "13:00",
        "16:00",
        ["25_45", "45_65", "65_plus"],
        "0",
        OrganiserKind.VOLUNTEERS,
        "Vrijwilligers van het repair café",
        "Neem uw kapotte lamp, fiets of broek mee. Samen met een vrijwilliger maakt u het weer heel.",
        "",
    ),
    (
        "Schilderen en tekenen",
        "creatief",
        MO,
        "14:00",
        "16:00",
        ["45_65", "65_plus"],
        "3",
        OrganiserKind.RESIDENTS,
        "Bewoners uit de wijk",
        "Schilderen of tekenen in een gezellige groep. Materiaal is er; u mag ook uw eigen spullen meenemen.",
        "",
    ),
]
# Which of the week's activities each centre runs (by index in WEEK); the home centre runs them all.
PER_CENTRE = {
    "Westend": [1, 2, 3, 6],
    "Alleman": [0, 3, 5],
    "De Meent": [0, 5, 7],
    "De Bolder": [1, 2, 4],
    "Pluspunt": [0, 6],
    "Dorpshuis Nes aan de Amstel": [0, 5],
}
HISTORY_WEEKS = 8
# Activities residents sign up for (places per session); the others are walk-in.
CAPACITY = {"Samen eten": 20, "Bootcamp in het park": 15, "Huiswerkclub": 12, "Taalcafé Nederlands": 10}


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def ensure_categories() -> dict[str, Category]:
    categories = {c.slug: c for c in Category.objects.all()}
    for order, (slug, name, districts) in enumerate(CATEGORIES):
        if slug in categories:
            continue
        categories[slug] = services.category_save(
            category=Category(slug=slug, name=name, order=order),
            districts=District.objects.filter(cbs_code__in=districts),
            actor=None,
        )
    return categories


@transaction.atomic
def ensure_activities() -> str:
    categories = ensure_categories()
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    first_week = monday - dt.timedelta(weeks=HISTORY_WEEKS)
    goal = (
        PlanGoal.objects.filter(
            plan__council__centre__name=HOME_CENTRE, measure=Measure.ACTIVITIES_PER_MONTH, plan__year=today.year
        )
        .order_by("pk")
        .first()
    )
    made = 0
    for centre in CommunityCentre.objects.select_related("district").order_by("name"):
        picks = range(len(WEEK)) if centre.name == HOME_CENTRE else PER_CENTRE.get(centre.name, [])
        have = set(Activity.objects.filter(centre=centre).values_list("title", flat=True))
        for index in picks:
            title, slug, weekday, start, end, ages, price, kind, organiser, description, access = WEEK[index]
            if title in have:
                continue
            activity = services.activity_save(
                actor=None,
                title=title,
                description=description,
                category=categories[slug],
                centre=centre,
                age_bands=ages,
                starts_on=first_week + dt.timedelta(days=weekday),
                start_time=_time(start),
                end_time=_time(end),
                rrule=build_rule(Repeat.WEEKLY, starts_on=first_week + dt.timedelta(days=weekday)),
                price=Decimal(price),
                capacity=CAPACITY.get(title),
                organiser_kind=kind,
                organiser_name=organiser,
                wheelchair_accessible=True,
                accessibility=access,
                plan_goals=[goal] if goal is not None and centre.name == HOME_CENTRE else [],
                synthetic=True,
            )
            services.activity_move(activity=activity, to=ActivityStatus.PUBLISHED, actor=None)
            # History: the sessions since the first week (they took place), then up to the horizon.
            services.sessions_generate(activity=activity, today=activity.starts_on)
            services.sessions_generate(activity=activity)
            made += 1
    return f"activities: {made} created (synthetic)"


# Groups of residents and outside hirers who book a room this week: (weekday, start, end, kind, name, people).
HIRES = [
    (MO, "10:00", "12:00", BookingKind.RESIDENTS, "Buurtvereniging (voorbeeld)", 14),
    (TU, "13:30", "15:30", BookingKind.HIRER, "Yogaschool Voorbeeld", 12),
    (WE, "09:30", "11:00", BookingKind.RESIDENTS, "Mantelzorgers uit de wijk (voorbeeld)", 8),
    (TH, "13:00", "16:00", BookingKind.HIRER, "Rijschool Voorbeeld: theorieles", 10),
    (FR, "09:00", "12:00", BookingKind.HIRER, "Huisartsenpraktijk Voorbeeld: spreekuur", 6),
]
NOT_IN_A_ROOM = {"Bootcamp in het park"}


@transaction.atomic
def ensure_bookings() -> str:
    """This week's rooms: every session at a centre books the smallest room it fits in (when the centre is open
    then), and groups of residents and hirers book what is left, so the rooms page shows real occupancy figures.
    Through the service (a clash or closed hours is simply skipped); idempotent."""
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    begin, end = local_datetime(monday, dt.time.min), local_datetime(monday + dt.timedelta(days=7), dt.time.min)
    made = 0
    sessions = (
        Session.objects.scheduled()
        .between(begin, end)
        .filter(activity__centre__isnull=False, activity__synthetic=True, bookings__isnull=True)
        .exclude(activity__title__in=NOT_IN_A_ROOM)
        .select_related("activity", "activity__centre")
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        need = session.activity.capacity or 15
        for room in session.activity.centre.rooms.filter(capacity__gte=need).order_by("capacity", "pk"):
            try:
                services.booking_create(
                    actor=None,
                    room=room,
                    kind=BookingKind.SESSION,
                    session=session,
                    attendees=need,
                    starts_at=session.starts_at,
                    ends_at=session.ends_at,
                    synthetic=True,
                )
            except ValidationError:
                continue
            made += 1
            break
    for centre in CommunityCentre.objects.order_by("name"):
        rooms = list(centre.rooms.order_by("-capacity", "pk"))
        for weekday, start, finish, kind, holder, people in HIRES:
            day = monday + dt.timedelta(days=weekday)
            starts, ends = local_datetime(day, _time(start)), local_datetime(day, _time(finish))
            if RoomBooking.objects.filter(room__centre=centre, holder=holder, starts_at=starts).exists():
                continue
            for room in rooms:
                try:
                    services.booking_create(
                        actor=None,
                        room=room,
                        kind=kind,
                        holder=holder,
                        attendees=people,
                        starts_at=starts,
                        ends_at=ends,
                        synthetic=True,
                    )
                except ValidationError:
                    continue
                made += 1
                break
    return f"room bookings this week: {made} created (synthetic)"


# --- benchmark scale ---------------------------------------------------------------------------------------

SCALE_TITLE = "Schaalactiviteit"
REGULARS = 30  # the people who come to a named activity, week after week
AGE_PATTERNS = [["15_25"], ["25_45", "45_65"], ["65_plus"], ["0_15", "15_25"], ["15_25", "25_45", "45_65"]]
START_TIMES = [(dt.time(9, 30), dt.time(11, 0)), (dt.time(14, 0), dt.time(16, 0)), (dt.time(19, 0), dt.time(21, 0))]


def _insert(connection, model, fields: tuple[str, ...], rows: list[tuple], batch: int = 5000) -> None:
    """Plain multi-row INSERTs (executemany) for benchmark data: the ORM's bulk_create spends most of its time
    building and preparing model instances, which half a million rows cannot afford in a command's run."""
    if not rows:
        return
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    # Table and column names come from the models, quoted; the values go as parameters.
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start : start + batch])


def seed_activity_scale(
    *, sessions_per_year: int, visits_per_year: int, years: int, using: str = "default", log=print
) -> dict:
    """Centre life at a benchmark scale, on top of the demo: weekly activities (about sessions_per_year / 52) at
    the centres and in the districts, their sessions from `years` ago up to the horizon, and for every session
    that took place about visits_per_year / sessions_per_year visits: named check-ins of the activity's regulars
    (people of its district) where it takes sign-ups, head counts per age band where it is walk-in. Reach is then
    counted from scratch (activities.reach.rebuild). Bulk writes on purpose (benchmark data, like demo.scale; the
    demo itself goes through the services), deterministic, and idempotent: a second run adds nothing."""
    import random

    from wijkkracht.activities import reach
    from wijkkracht.activities.constants import SESSION_HORIZON, AgeBand, SessionStatus
    from wijkkracht.activities.models import Attendance, HeadCount
    from wijkkracht.people.models import Person

    from .seed import SEED

    if not sessions_per_year or Activity.objects.using(using).filter(title__startswith=SCALE_TITLE).exists():
        return {"activities": 0, "sessions": 0, "attendances": 0, "head_counts": 0}
    rng = random.Random(SEED + 8)
    today = timezone.localdate()
    now = timezone.now()
    first_day = today - dt.timedelta(days=365 * years)
    horizon = today + SESSION_HORIZON
    categories = list(Category.objects.using(using).order_by("order", "pk"))
    centres = list(CommunityCentre.objects.using(using).order_by("pk"))
    districts = list(District.objects.using(using).order_by("pk"))
    people: dict[int, list[tuple[int, int]]] = {}
    for pk, birth_year, district_id in (
        Person.objects.using(using)
        .filter(synthetic=True, neighbourhood__isnull=False)
        .values_list("pk", "birth_year", "neighbourhood__district_id")
        .order_by("pk")
    ):
        people.setdefault(district_id, []).append((pk, birth_year))
    count = max(1, round(sessions_per_year / 52))
    per_session = visits_per_year / sessions_per_year
    activities = []
    for i in range(count):
        at_centre = i % 3 != 2
        centre = centres[i % len(centres)] if at_centre else None
        district = centre.district if centre is not None else districts[i % len(districts)]
        starts_on = first_day + dt.timedelta(days=i % 7)
        start, end = START_TIMES[i % len(START_TIMES)]
        bands = AGE_PATTERNS[i % len(AGE_PATTERNS)]
        activity = Activity(
            title=f"{SCALE_TITLE} {i + 1}: {WEEK[i % len(WEEK)][0]}",
            description="Een activiteit voor de benchmark (verzonnen).",
            category=categories[i % len(categories)],
            district_id=district.pk,
            centre=centre,
            organiser_kind=OrganiserKind.CENTRE,
            price=Decimal("0") if i % 4 else Decimal("2.50"),
            capacity=20 if i % 5 < 2 else None,
            starts_on=starts_on,
            start_time=start,
            end_time=end,
            rrule=build_rule(Repeat.WEEKLY, starts_on=starts_on),
            status=ActivityStatus.PUBLISHED,
            synthetic=True,
        )
        for band in bands:
            setattr(activity, f"age_{band}", True)
        activities.append(activity)
    Activity.objects.using(using).bulk_create(activities, batch_size=1000)
    totals = {"activities": len(activities), "sessions": 0, "attendances": 0, "head_counts": 0}
    pending: list[tuple[Activity, dt.date, dt.datetime, dt.datetime, str]] = []
    regulars: dict[int, list[tuple[int, int]]] = {}
    connection = connections[using]
    datetime_value, date_value = connection.ops.adapt_datetimefield_value, connection.ops.adapt_datefield_value

    def uuid_value():
        value = uuid.UUID(int=rng.getrandbits(128), version=4)
        return value if connection.features.has_native_uuid_field else value.hex

    def flush() -> None:
        stamp = datetime_value(now)
        _insert(
            connection,
            Session,
            ("public_id", "activity", "date", "starts_at", "ends_at", "status", "created_at"),
            [
                (uuid_value(), a.pk, date_value(day), datetime_value(s), datetime_value(e), status, stamp)
                for a, day, s, e, status in pending
            ],
        )
        ids = {
            (activity_id, day): pk
            for pk, activity_id, day in Session.objects.using(using)
            .filter(activity_id__in={a.pk for a, *_rest in pending})
            .values_list("pk", "activity_id", "date")
        }
        attendances, heads = [], []
        for activity, day, _starts, ends, status in pending:
            if ends > now or status != SessionStatus.SCHEDULED:
                continue
            session_id, ends_value = ids[(activity.pk, day)], datetime_value(ends)
            visits = max(1, round(rng.gauss(per_session, per_session / 4)))
            if activity.capacity is not None:
                pool = regulars[activity.pk]
                for pk, birth_year in rng.sample(pool, min(visits, len(pool))):
                    attendances.append((uuid_value(), session_id, pk, "", birth_year, ends_value))
            else:
                bands = [band for band in AgeBand.values if getattr(activity, f"age_{band}")]
                split = [0] * len(bands)
                for _n in range(visits):
                    split[rng.randrange(len(bands))] += 1
                for band, n in zip(bands, split, strict=True):
                    if n:
                        new = n // 5
                        heads.append((session_id, band, new, n - new, ends_value))
        _insert(
            connection,
            Attendance,
            ("public_id", "session", "person", "name", "birth_year", "checked_in_at"),
            attendances,
        )
        _insert(connection, HeadCount, ("session", "age_band", "new", "returning", "counted_at"), heads)
        totals["sessions"] += len(pending)
        totals["attendances"] += len(attendances)
        totals["head_counts"] += len(heads)
        pending.clear()

    for i, activity in enumerate(activities):
        pool = people.get(activity.district_id) or [p for group in people.values() for p in group]
        regulars[activity.pk] = rng.sample(pool, min(REGULARS, len(pool)))
        day = activity.starts_on
        while day <= horizon:
            status = SessionStatus.CANCELLED if rng.random() < 0.025 else SessionStatus.SCHEDULED
            starts, ends = local_datetime(day, activity.start_time), local_datetime(day, activity.end_time)
            pending.append((activity, day, starts, ends, status))
            day += dt.timedelta(weeks=1)
        if len(pending) >= 20_000 or i == len(activities) - 1:
            flush()
    totals["people_reached"] = reach.rebuild(years=range(first_day.year, today.year + 1), using=using)
    log("scale: centre life " + ", ".join(f"{v} {k}" for k, v in totals.items()))
    return totals
