"""Outgoing mail goes through the outbox and a task; delivered once, content erased after delivery, failures
retried by a periodic job; in the demo it lands in the mailbox."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from wijkkracht.mail import services
from wijkkracht.mail.constants import MailStatus
from wijkkracht.mail.models import MailboxMessage, OutgoingMail

pytestmark = pytest.mark.django_db

OUTBOX_TO_LOCMEM = {
    "default": {"BACKEND": "wijkkracht.mail.backends.OutboxBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


class Broken:
    """A delivery mailer whose server is down."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError


@pytest.fixture
def outbox(settings):
    settings.MAILERS = OUTBOX_TO_LOCMEM
    return settings


def test_mail_is_queued_in_the_transaction_and_delivered_after_commit(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        message = EmailMultiAlternatives("Onderwerp", "Tekst", "noreply@example.org", ["ria@example.org"])
        message.attach_alternative("<p>Tekst</p>", "text/html")
        message.send()
        assert OutgoingMail.objects.get().status == MailStatus.QUEUED
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert [(m.to, m.subject, m.body, m.alternatives[0][0]) for m in mail.outbox] == [
        (["ria@example.org"], "Onderwerp", "Tekst", "<p>Tekst</p>")
    ]
    sent = OutgoingMail.objects.get()
    assert (sent.status, sent.attempts, sent.subject, sent.body, sent.html) == (MailStatus.SENT, 1, "", "", "")
    assert sent.recipients == {"to": ["ria@example.org"], "cc": [], "bcc": []}


def test_a_rolled_back_transaction_sends_nothing(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Onderwerp", "Tekst", None, ["ria@example.org"])
        raise RuntimeError
    assert (OutgoingMail.objects.count(), mail.outbox) == (0, [])


def test_delivering_twice_sends_once(outbox):
    queued = services.outgoing_mail_queue(from_email="a@example.org", to=["b@example.org"], subject="S", body="B")
    assert services.outgoing_mail_deliver(mail_id=queued.pk) is True
    assert services.outgoing_mail_deliver(mail_id=queued.pk) is False
    assert services.outgoing_mail_deliver(mail_id=999999) is False
    assert len(mail.outbox) == 1


def test_a_failed_delivery_is_retried_by_the_periodic_job(outbox, django_capture_on_commit_callbacks):
    outbox.MAILERS = {**OUTBOX_TO_LOCMEM, "delivery": {"BACKEND": "tests.mail.test_outbox.Broken"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_mail("Onderwerp", "Tekst", None, ["ria@example.org"])
    callbacks[0]()  # the task fails (the immediate backend records the failure; a worker would too)
    failed = OutgoingMail.objects.get()
    assert (failed.status, failed.attempts, failed.error, failed.body) == (
        MailStatus.FAILED,
        1,
        "ConnectionRefusedError",
        "Tekst",
    )

    outbox.MAILERS = OUTBOX_TO_LOCMEM
    from wijkkracht.mail.jobs import retry_failed

    with django_capture_on_commit_callbacks(execute=True):
        assert retry_failed() == 1
    assert OutgoingMail.objects.get().status == MailStatus.SENT
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_failed() == 0  # a second run has nothing left to do


def test_a_message_lost_while_sending_is_retried_after_a_while(outbox, django_capture_on_commit_callbacks):
    with freeze_time("2026-11-23 12:00:00+00:00"):
        queued = services.outgoing_mail_queue(from_email="a@example.org", to=["b@example.org"], subject="S", body="B")
        OutgoingMail.objects.filter(pk=queued.pk).update(
            status=MailStatus.SENDING, attempts=1, last_attempt_at=timezone.now()
        )
        assert services.outgoing_mail_deliver(mail_id=queued.pk) is False  # someone is sending it right now
    with freeze_time("2026-11-23 12:16:00+00:00"), django_capture_on_commit_callbacks(execute=True):
        assert services.outgoing_mail_retry_failed() == 1
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_the_same_task_run_started_again_after_its_worker_died_sends_the_message(outbox):
    queued = services.outgoing_mail_queue(from_email="a@example.org", to=["b@example.org"], subject="S", body="B")
    # Run "run-1" marked it as sending, then its worker was killed before the mail server accepted it.
    OutgoingMail.objects.filter(pk=queued.pk).update(
        status=MailStatus.SENDING, attempts=1, last_attempt_at=timezone.now(), sending_attempt="run-1"
    )
    assert services.outgoing_mail_deliver(mail_id=queued.pk, attempt="run-2") is False  # another run: hands off
    assert services.outgoing_mail_deliver(mail_id=queued.pk, attempt="run-1") is True  # the interrupted run
    assert services.outgoing_mail_deliver(mail_id=queued.pk, attempt="run-1") is False  # and only once
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().attempts == 2


def test_pruning_keeps_a_month(outbox):
    with freeze_time("2026-10-01 12:00:00+00:00"):
        old = services.outgoing_mail_queue(from_email="a@example.org", to=["b@example.org"], subject="S", body="B")
        services.outgoing_mail_deliver(mail_id=old.pk)
        MailboxMessage.objects.create(from_email="a@example.org", to=["b@example.org"], subject="oud")
    with freeze_time("2026-10-25 12:00:00+00:00"):
        recent = services.outgoing_mail_queue(from_email="a@example.org", to=["b@example.org"], subject="S", body="B")
        services.outgoing_mail_deliver(mail_id=recent.pk)
    from wijkkracht.mail.jobs import prune

    with freeze_time("2026-11-01 12:00:00+00:00"):
        assert prune() == 2
        assert prune() == 0
    assert list(OutgoingMail.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_demo_mailbox_receives_delivered_mail(settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {**OUTBOX_TO_LOCMEM, "delivery": {"BACKEND": "wijkkracht.mail.backends.MailboxBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Welkom", "Hallo Ria", "noreply@example.org", ["ria@example.org"], html_message="<p>Hallo</p>")
    assert list(MailboxMessage.objects.values_list("to", "subject", "body", "html")) == [
        (["ria@example.org"], "Welkom", "Hallo Ria", "<p>Hallo</p>")
    ]


def test_password_reset_mail_goes_through_the_outbox_and_its_link_works(
    world, client, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("accounts:password_reset"), {"email": "resident@example.org"})
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert OutgoingMail.objects.get().status == MailStatus.SENT
    assert OutgoingMail.objects.get().body == ""  # the link does not outlive the delivery
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+/)", message.body).group(1)
    assert client.get(link, follow=True).context["validlink"] is True


def test_no_mail_for_an_unknown_address(world, client, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert (OutgoingMail.objects.count(), mail.outbox) == (0, [])


def test_sent_mail_is_kept_without_content_for_support(outbox):
    queued = services.outgoing_mail_queue(from_email="a@example.org", to=["b@example.org"], subject="S", body="B")
    services.outgoing_mail_deliver(mail_id=queued.pk)
    kept = OutgoingMail.objects.get()
    assert kept.sent_at is not None and kept.sent_at <= timezone.now() + timedelta(seconds=1)
