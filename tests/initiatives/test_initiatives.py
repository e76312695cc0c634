from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.initiatives import factories as nf
from tests.initiatives.matrix import INITIATIVE_DATA, setup
from wijkkracht.initiatives import services
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import Backing, Grant, Initiative, Milestone, Receipt
from wijkkracht.initiatives.workflows import INITIATIVE_WORKFLOW
from wijkkracht.workflow.maps import ReasonRequired
from wijkkracht.workflow.testing import walk_workflow


def test_a_resident_proposes_residents_back_the_council_approves_and_grants(world, client_for):
    data = setup(world)
    response = client_for("resident").post(reverse("initiatives:propose"), {**INITIATIVE_DATA, "title": "Repair café"})
    initiative = Initiative.objects.get(title="Repair café")
    assert response["Location"] == initiative.url
    assert (initiative.district, initiative.status, initiative.is_public) == (
        world.district_a,
        InitiativeStatus.PROPOSED,
        True,
    )
    for persona in ("volunteer", "council_a"):
        client_for(persona).post(reverse("initiatives:back", args=[initiative.public_id]))
    client_for("volunteer").post(reverse("initiatives:back", args=[initiative.public_id]))  # twice: still once
    assert Backing.objects.filter(initiative=initiative).count() == 2

    council = client_for("council_a")
    council.post(
        reverse("initiatives:transition", args=[initiative.public_id]), {"to": "approved", "reason": "Goed idee"}
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.APPROVED
    assert Milestone.objects.filter(initiative=initiative).count() == 5
    council.post(reverse("initiatives:grant", args=[initiative.public_id]), {"amount": "300"})
    grant = Grant.objects.get(initiative=initiative)
    assert grant.amount == Decimal("300")
    budgets = client_for("anonymous").get(reverse("initiatives:budgets"))
    # € 1000 − € 200 (setup's grant) − € 300
    assert "€ 500" in budgets.text

    page = client_for("resident").get(initiative.url)
    assert "Goed idee" in page.text
    client_for("resident").post(
        reverse("initiatives:receipt_add", args=[initiative.public_id]),
        {"file": SimpleUploadedFile("bon.pdf", nf.PDF), "amount": "45", "description": "Gereedschap"},
    )
    assert Receipt.objects.filter(grant=grant, kind="pdf").count() == 1
    assert data.budget.pk == grant.budget_id


def test_a_grant_above_the_remaining_budget_changes_nothing(world, client_for):
    data = setup(world)
    response = client_for("council_a").post(
        reverse("initiatives:grant", args=[data.waiting.public_id]), {"amount": "900"}, follow=True
    )
    assert "Er is nog € 800.00 over in het wijkbudget" in response.text
    assert not Grant.objects.filter(initiative=data.waiting).exists()


def test_the_budget_cannot_be_set_below_what_was_granted(world):
    data = setup(world)
    with pytest.raises(ValidationError):
        services.budget_save(
            district=world.district_a, year=data.budget.year, amount=Decimal("100"), actor=world.users["administrator"]
        )
    with pytest.raises(PermissionDenied):
        services.budget_save(
            district=world.district_a, year=data.budget.year, amount=Decimal("5000"), actor=world.users["council_a"]
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "Upload een PDF, JPG of PNG."),
        ("groot.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "Het bestand is te groot."),
    ],
)
def test_a_wrong_type_or_oversized_receipt_is_refused(world, client_for, name, content, message):
    data = setup(world)
    before = Receipt.objects.count()
    response = client_for("resident").post(
        reverse("initiatives:receipt_add", args=[data.approved.public_id]),
        {"file": SimpleUploadedFile(name, content), "amount": "10", "description": "Iets"},
        follow=True,
    )
    assert message in response.text
    assert Receipt.objects.count() == before


def test_a_png_receipt_is_accepted(world):
    data = setup(world)
    png = SimpleUploadedFile("bon.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    receipt = services.receipt_add(
        initiative=data.approved, actor=world.users["resident"], upload=png, amount=Decimal("3"), description="Lijm"
    )
    assert receipt.kind == "png" and receipt.file.name.endswith(".png") and "bon" not in receipt.file.name


def test_a_private_initiative_is_seen_by_its_initiator_the_council_and_the_professional_only(world, client_for):
    data = setup(world)
    for persona, status in [
        ("resident", 200),
        ("council_a", 200),
        ("professional_a", 200),
        ("volunteer", 403),
        ("council_b", 403),
        ("professional_b", 403),
        ("analyst", 403),
    ]:
        assert client_for(persona).get(data.private.url).status_code == status, persona
    assert client_for("anonymous").get(data.private.url).status_code == 302
    listing = client_for("volunteer").get(reverse("initiatives:list"))
    assert data.private.url not in listing.text and data.public.url in listing.text


def test_only_the_council_of_the_district_decides_and_a_reason_is_required(world):
    data = setup(world)
    with pytest.raises(PermissionDenied):
        services.initiative_decide(
            initiative=data.public, actor=world.users["council_b"], to=InitiativeStatus.APPROVED, reason="x"
        )
    with pytest.raises(ReasonRequired):
        services.initiative_decide(
            initiative=data.public, actor=world.users["council_a"], to=InitiativeStatus.DECLINED, reason=""
        )
    assert Initiative.objects.get(pk=data.public.pk).status == InitiativeStatus.PROPOSED


def test_a_resident_of_another_district_cannot_back(world, client_for):
    data = setup(world)
    response = client_for("council_b").post(reverse("initiatives:back", args=[data.public.public_id]))
    assert response.status_code == 403
    assert not Backing.objects.exists()


def test_bad_input_on_the_proposal_form_changes_nothing(world, client_for):
    setup(world)
    before = Initiative.objects.count()
    response = client_for("resident").post(
        reverse("initiatives:propose"), {"title": "", "amount_requested": "-3", "needs": ["helicopter"]}
    )
    assert response.status_code == 200
    assert response.text.count('class="errorlist"') >= 3
    assert Initiative.objects.count() == before


def test_the_initiative_workflow_map(world):
    setup(world)
    resident, council = world.users["resident"], world.users["council_a"]

    def make(state):
        return nf.InitiativeFactory(
            district=world.district_a, initiator=resident.person, submitted_by=resident, status=state
        )

    walk = walk_workflow(
        INITIATIVE_WORKFLOW,
        make=make,
        by=lambda move: council if move and move.source == InitiativeStatus.PROPOSED else resident,
        denied_by=world.users["council_b"],
    )
    assert walk.allowed == 5


def test_the_list_uses_a_constant_number_of_queries(world, client_for):
    setup(world)
    client = client_for("volunteer")
    url = reverse("initiatives:list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    small = count()
    for _ in range(30):
        nf.InitiativeFactory(district=world.district_a)
    assert count() == small
