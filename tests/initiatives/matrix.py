"""Authorization matrix entries of the initiatives app (collected by tests/test_authorization_matrix.py).

`setup(w)`: district A has a budget of € 1000; the resident (Ria, district A) has a public proposed initiative,
a private one, an approved one with a grant, milestones and a receipt, and an approved one without a grant."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.initiatives import factories as nf
from tests.matrix import ALL, Entry
from wijkkracht.initiatives.constants import InitiativeStatus
from wijkkracht.initiatives.models import Receipt
from wijkkracht.initiatives.permissions import Action as A

RESIDENT = frozenset({"resident"})
COUNCIL_A = frozenset({"council_a"})
DISTRICT_A_RESIDENTS = frozenset({"resident", "volunteer", "council_a", "council_b"})


def setup(w):
    if getattr(w, "initiatives", None) is not None:
        return w.initiatives
    ria = w.users["resident"].person
    budget = nf.DistrictBudgetFactory(district=w.district_a)
    public = nf.InitiativeFactory(district=w.district_a, initiator=ria, submitted_by=w.users["resident"])
    private = nf.InitiativeFactory(district=w.district_a, initiator=ria, is_public=False, title="Stil plan")
    approved = nf.InitiativeFactory(
        district=w.district_a, initiator=ria, status=InitiativeStatus.APPROVED, title="Buurtmoestuin"
    )
    nf.MilestoneFactory(initiative=approved, order=1, title="Ruimte regelen")
    grant = nf.GrantFactory(budget=budget, initiative=approved, amount=Decimal("200"))
    receipt = Receipt(grant=grant, kind="pdf", size=len(nf.PDF), amount=Decimal("20"), description="Zaden")
    receipt.file = SimpleUploadedFile("zaden.pdf", nf.PDF)
    receipt.save()
    waiting = nf.InitiativeFactory(
        district=w.district_a, initiator=ria, status=InitiativeStatus.APPROVED, title="Straatfeest"
    )
    w.initiatives = SimpleNamespace(
        budget=budget, public=public, private=private, approved=approved, grant=grant, receipt=receipt, waiting=waiting
    )
    return w.initiatives


def _id(name):
    return lambda w: [getattr(setup(w), name).public_id]


INITIATIVE_DATA = {
    "title": "Buurtbieb",
    "category": "culture",
    "description": "Een kast met boeken bij het wijkcentrum.",
    "audience": "Iedereen die leest",
    "needs": ["room"],
    "amount_requested": "50",
    "is_public": "on",
}

MATRIX: dict[str, Entry] = {
    "initiatives:list": Entry(
        actions=(A.LIST, A.VIEW, A.PROPOSE, A.PROPOSE_ON_BEHALF), get=ALL, args=lambda w: [] if setup(w) else []
    ),
    "initiatives:budgets": Entry(actions=(A.BUDGET_VIEW,), get=ALL, args=lambda w: [] if setup(w) else []),
    "initiatives:propose": Entry(
        actions=(A.PROPOSE,),
        get=DISTRICT_A_RESIDENTS,
        post=DISTRICT_A_RESIDENTS,
        data=lambda w: INITIATIVE_DATA,
        notes="residents whose neighbourhood is known",
    ),
    "initiatives:propose_on_behalf": Entry(
        actions=(A.PROPOSE_ON_BEHALF,),
        get=frozenset({"professional_a", "professional_b"}),
        post=frozenset({"professional_a"}),
        data=lambda w: {**INITIATIVE_DATA, "initiator_email": "resident@example.org", "district": w.district_a.pk},
        notes="professional_b may open the form but not act in district A",
    ),
    "initiatives:detail": Entry(
        actions=(A.VIEW, A.BACK, A.EDIT, A.CHECKLIST, A.RECEIPT_ADD, A.GRANT, A.RECEIPT_VIEW),
        get=ALL,
        args=_id("public"),
        notes="public; private ones in test_initiatives.py",
    ),
    "initiatives:edit": Entry(
        actions=(A.EDIT,), get=RESIDENT, post=RESIDENT, args=_id("public"), data=lambda w: INITIATIVE_DATA
    ),
    "initiatives:back": Entry(
        actions=(A.BACK,), skip_get=True, post=frozenset({"volunteer", "council_a"}), args=_id("public")
    ),
    "initiatives:transition": Entry(
        actions=(A.DECIDE, A.EDIT, A.CHECKLIST),
        skip_get=True,
        post=COUNCIL_A,
        args=_id("public"),
        data=lambda w: {"to": "approved", "reason": "Mooi plan"},
        notes="POST only; the council of the district decides",
    ),
    "initiatives:grant": Entry(
        actions=(A.GRANT,), skip_get=True, post=COUNCIL_A, args=_id("waiting"), data=lambda w: {"amount": "150"}
    ),
    "initiatives:milestone": Entry(
        actions=(A.CHECKLIST,),
        skip_get=True,
        post=RESIDENT,
        args=lambda w: [setup(w).approved.public_id, 1],
        data=lambda w: {"done": "1"},
    ),
    "initiatives:receipt_add": Entry(
        actions=(A.RECEIPT_ADD,),
        skip_get=True,
        post=RESIDENT,
        args=_id("approved"),
        data=lambda w: {
            "file": SimpleUploadedFile("bon.pdf", nf.PDF, content_type="application/pdf"),
            "amount": "12,50",
            "description": "Potgrond",
        },
    ),
    "initiatives:receipt": Entry(
        actions=(A.RECEIPT_VIEW,),
        get=frozenset({"resident", "council_a", "professional_a"}),
        args=lambda w: [setup(w).approved.public_id, setup(w).receipt.public_id],
    ),
    "admin:initiatives_districtbudget_add": Entry(
        actions=(A.BUDGET_MANAGE,),
        get=frozenset({"administrator"}),
        post=frozenset({"administrator"}),
        data=lambda w: {"district": w.district_b.pk, "year": "2027", "amount": "2500"},
    ),
}
