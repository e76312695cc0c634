"""seed_demo and seed_scale: the demo data set is complete, adds up and is idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership, User
from wijkkracht.accounts.permissions import Action as AccountAction
from wijkkracht.accounts.policy import can
from wijkkracht.councils.models import Council
from wijkkracht.demo import scale as scale_module
from wijkkracht.demo.seed import DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD, MUNICIPALITY_TOTAL
from wijkkracht.organisations.models import Organisation
from wijkkracht.people.models import Person
from wijkkracht.places.models import CommunityCentre, District, Neighbourhood, OpeningHours, PopulationFigure, Room

MODELS = (
    District,
    Neighbourhood,
    CommunityCentre,
    OpeningHours,
    Room,
    Council,
    Organisation,
    PopulationFigure,
    User,
    Membership,
    Person,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return _seed()


def test_seed_demo_loads_the_real_areas_and_centres(seeded):
    assert District.objects.count() == 14
    assert Neighbourhood.objects.count() == 47
    assert CommunityCentre.objects.count() == 7
    assert set(CommunityCentre.objects.values_list("synthetic_address", flat=True)) == {True}
    assert Council.objects.count() == 7
    assert Organisation.objects.get(name="Participe Amstelland").kind == "welfare"
    for centre in CommunityCentre.objects.all():
        assert 2 <= centre.rooms.count() <= 3
        assert centre.opening_hours.count() == 6
    assert CommunityCentre.objects.get(name="Alleman").district.cbs_code == "WK036206"
    assert CommunityCentre.objects.get(name="Dorpshuis Nes aan de Amstel").district.name == "Buitengebied Zuid"


def test_seed_demo_twice_changes_nothing(seeded):
    before = _counts()
    _seed()
    assert _counts() == before


def test_seed_demo_writes_through_the_services_and_leaves_their_audit_trail(seeded):
    from wijkkracht.accounts.constants import AuditAction as AccountAudit
    from wijkkracht.audit.models import AuditEvent
    from wijkkracht.councils.constants import AuditAction as CouncilAudit
    from wijkkracht.organisations.constants import AuditAction as OrganisationAudit
    from wijkkracht.people.constants import AuditAction as PeopleAudit
    from wijkkracht.places.constants import AuditAction as PlacesAudit

    desk = Person.objects.exclude(channel="online")
    invited = User.objects.filter(person__in=desk)
    expected = {
        AccountAudit.USER_CREATED: User.objects.count() - invited.count(),
        AccountAudit.USER_INVITED: invited.count(),
        PeopleAudit.PERSON_CREATED: Person.objects.count() - desk.count(),
        PeopleAudit.PERSON_REGISTERED_AT_DESK: desk.count(),
        PlacesAudit.CENTRE_CREATED: CommunityCentre.objects.count(),
        PlacesAudit.ROOM_CREATED: Room.objects.count(),
        OrganisationAudit.ORGANISATION_CREATED: Organisation.objects.count(),
        CouncilAudit.COUNCIL_CREATED: Council.objects.count(),
        AccountAudit.MEMBERSHIP_GRANTED: Membership.objects.count(),
    }
    made = dict(AuditEvent.objects.filter(action__in=list(expected)).values_list("action").annotate(n=Count("id")))
    assert made == {str(action): n for action, n in expected.items()}
    before = AuditEvent.objects.count()
    _seed()
    assert AuditEvent.objects.count() == before  # a second run writes nothing, so it records nothing


def test_population_figures_add_up(seeded):
    figures = PopulationFigure.objects.all()
    assert set(figures.values_list("synthetic", flat=True)) == {True}
    assert figures.count() == 1 + 14 + 47
    municipality = figures.get(level="municipality")
    assert municipality.inhabitants == MUNICIPALITY_TOTAL
    districts = figures.filter(level="district")
    assert sum(d.inhabitants for d in districts) == MUNICIPALITY_TOTAL
    for district in districts:
        buurten = figures.filter(level="neighbourhood", cbs_code__startswith="BU" + district.cbs_code[2:])
        assert sum(b.inhabitants for b in buurten) == district.inhabitants
    for figure in figures.exclude(level="municipality"):
        assert figure.inhabitants % 5 == 0
        assert sum(getattr(figure, band) for band in PopulationFigure.AGE_BANDS) == figure.inhabitants


def test_every_role_has_exactly_one_demo_login_that_can_log_in(seeded):
    demo_users = User.objects.filter(email__endswith="@" + DEMO_DOMAIN)
    for role in Role.values:
        holders = demo_users.filter(memberships__role=role)
        assert holders.count() == 1, role
        user = holders.get()
        assert Person.objects.get(user=user).synthetic is True
        assert Client().login(username=user.email, password=DEMO_PASSWORD), role
        assert user.email in seeded  # printed in the table
    administrator = demo_users.get(memberships__role=Role.ADMINISTRATOR)
    assert can(administrator, AccountAction.ADMIN_SITE_USE)
    assert not administrator.is_superuser
    for membership in Membership.objects.filter(user__in=demo_users):
        membership.full_clean()


def test_synthetic_residents_without_account(seeded):
    residents = Person.objects.filter(user__isnull=True, synthetic=True, channel="online")
    assert residents.count() == 200
    assert residents.values("neighbourhood").distinct().count() >= 30
    assert len(DEMO_LOGINS) == 7


def test_seed_scale_is_deterministic_and_idempotent(db, monkeypatch):
    tiny = scale_module.Scale(
        "tiny", people=30, residents_with_account=6, volunteers=4, sessions_per_year=156, visits_per_year=1560, years=1
    )
    monkeypatch.setitem(scale_module.SCALES, "amstelveen", tiny)
    call_command("seed_scale", "--scale", "amstelveen", stdout=StringIO())
    before = _counts()
    scale_users = User.objects.filter(email__endswith="@" + scale_module.SCALE_DOMAIN)
    assert scale_users.count() == 10
    assert Membership.objects.filter(user__in=scale_users, role=Role.RESIDENT).count() == 6
    assert Membership.objects.filter(user__in=scale_users, role=Role.VOLUNTEER).count() == 4
    assert not any(u.has_usable_password() for u in scale_users)
    assert Person.objects.filter(user__in=scale_users).count() == 10
    out = StringIO()
    call_command("seed_scale", "--scale", "amstelveen", stdout=out)
    assert _counts() == before
    assert "already seeded" in out.getvalue()
    # Centre life: three weekly activities for a year and more, with visits in the past and reach counted.
    from wijkkracht.activities.models import Activity, Attendance, HeadCount, ReachCount

    assert Activity.objects.filter(title__startswith="Schaalactiviteit").count() == 3
    assert Attendance.objects.count() + HeadCount.objects.count() > 0
    assert ReachCount.objects.exists()


def test_seed_demo_sets_up_contact_and_desk_registered_residents(seeded):
    from wijkkracht.pages.models import SiteInformation

    info = SiteInformation.objects.get(municipality__cbs_code="GM0362")
    assert info.contact_phone == "020 123 45 67"
    desk = Person.objects.exclude(channel="online").order_by("birth_year")
    assert [p.channel for p in desk] == ["phone", "desk", "desk", "phone", "desk"]  # the last: young Noor
    assert {p.registered_by.email for p in desk} == {f"beroepskracht@{DEMO_DOMAIN}"}
    invited = desk.filter(user__isnull=False).get()
    assert invited.user.is_pending
    client = Client()
    client.force_login(User.objects.get(email=f"beroepskracht@{DEMO_DOMAIN}"))
    page = client.get("/balie/").content.decode()
    assert "Henk van Dijk" in page and "Uitgenodigd" in page
