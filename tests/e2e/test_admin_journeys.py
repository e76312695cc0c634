"""The administrator's journeys in the Django admin, in a real browser at 1280 px and 390 px, every page checked
with axe-core: grant a role, end it, edit a centre. The user holds only the administrator role (no is_staff, no
is_superuser) and logs in with the second factor; each journey leaves its audit event. Last, the task queue's
page and the audit trail pass axe too."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.test_journeys import log_in
from wijkkracht.accounts.constants import AuditAction as AccountAudit
from wijkkracht.accounts.constants import Role
from wijkkracht.accounts.models import Membership
from wijkkracht.audit.models import AuditEvent
from wijkkracht.places.constants import AuditAction as PlacesAudit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def administrator(page, world, settings):
    """The administrator, logged in with password and authenticator code, at the admin's front page."""
    settings.WIJKKRACHT_REQUIRE_STAFF_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = world.users["administrator"]
    assert not (user.is_staff or user.is_superuser)
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    log_in(page, user.email)
    page.wait_for_url(re.compile(r"/twee-stappen/"))
    page.locator("main input[name=token]").fill(f"{totp(device.bin_key):06d}")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/twee-stappen/" not in page.url
    return user


def _open(page, url, axe_check):
    page.goto(url)
    page.wait_for_load_state()
    assert page.locator("h1").count() >= 1
    axe_check(page)


def _save(page):
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_administrator_grants_and_ends_a_role_and_edits_a_centre(page, world, administrator, axe_check, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    today = timezone.localdate().isoformat()
    _open(page, reverse("admin:index"), axe_check)

    # Grant: the resident becomes the municipality's analyst.
    resident = world.users["resident"]
    _open(page, reverse("admin:accounts_membership_add"), axe_check)
    _save(page)  # empty: the form's errors, checked too
    assert page.locator(".errornote").count() == 1
    axe_check(page)
    page.locator("#id_user").fill(str(resident.pk))
    page.locator("#id_role").select_option(Role.ANALYST)
    page.locator("#id_municipality").select_option(str(world.municipality.pk))
    page.locator("#id_starts_on").fill(today)
    _save(page)
    page.wait_for_url(re.compile(r"/accounts/membership/$"))
    axe_check(page)  # the list with its success message
    membership = Membership.objects.get(user=resident, role=Role.ANALYST)
    assert membership.municipality == world.municipality and membership.ends_on is None
    assert AuditEvent.objects.filter(action=AccountAudit.MEMBERSHIP_GRANTED, actor=administrator).count() == 1

    # End it: the only change a membership takes is its end date.
    _open(page, reverse("admin:accounts_membership_change", args=[membership.pk]), axe_check)
    page.locator("#id_ends_on").fill(today)
    _save(page)
    page.wait_for_url(re.compile(r"/accounts/membership/$"))
    membership.refresh_from_db()
    assert membership.ends_on == timezone.localdate()
    assert AuditEvent.objects.filter(action=AccountAudit.MEMBERSHIP_ENDED, actor=administrator).count() == 1

    # Edit a centre: its profile, through the places service.
    centre = world.centre_b
    _open(page, reverse("admin:places_communitycentre_changelist"), axe_check)
    _open(page, reverse("admin:places_communitycentre_change", args=[centre.pk]), axe_check)
    page.locator("#id_profile").fill("Koffie, taal en een repair café.")
    _save(page)
    page.wait_for_url(re.compile(r"/places/communitycentre/$"))
    axe_check(page)
    centre.refresh_from_db()
    assert centre.profile == "Koffie, taal en een repair café."
    assert AuditEvent.objects.filter(
        action=PlacesAudit.CENTRE_UPDATED, actor=administrator, object_id=str(centre.public_id)
    ).exists()

    # The operator's view of the task queue (and the audit trail the journeys just wrote).
    _open(page, reverse("admin:background_queuedtask_changelist"), axe_check)
    assert page.get_by_role("heading", name=re.compile("De wachtrij")).count() == 1
    _open(page, reverse("admin:background_periodicrun_changelist"), axe_check)
    _open(page, reverse("admin:audit_auditevent_changelist"), axe_check)
    assert page.get_by_text("rol toegekend").count() >= 1
