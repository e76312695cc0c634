"""Every write to the outbox goes through here."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.utils import timezone

from wijkkracht.background.queue import enqueue_on_commit

from .constants import DELIVERY_MAILER, MAX_ATTEMPTS, MailStatus
from .models import MailboxMessage, OutgoingMail

logger = logging.getLogger(__name__)

# A message "sending" for longer than this was lost with its worker; it may be tried again.
SENDING_TIMEOUT = timedelta(minutes=15)


def outgoing_mail_queue(
    *,
    from_email: str,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> OutgoingMail:
    """Put one message in the outbox; the delivery task is enqueued when the transaction commits."""
    from .tasks import deliver_mail

    with transaction.atomic():
        mail = OutgoingMail(
            from_email=from_email,
            recipients={"to": to, "cc": cc or [], "bcc": bcc or []},
            reply_to=reply_to or [],
            subject=subject[:255],
            body=body,
            html=html,
            headers=headers or {},
        )
        mail.full_clean()
        mail.save()
        enqueue_on_commit(deliver_mail, mail.pk)
    return mail


def outgoing_mail_deliver(*, mail_id: int, attempt: str = "") -> bool:
    """Send one message through the delivery mailer. Idempotent: a message that is sent, being sent by another
    task run or gone is left alone (returns False). `attempt` names the task run (its result id): when a worker
    dies while sending and the same run is started again, it sends the message (the first try never completed).
    On failure the message is marked failed and the retry job tries again."""
    now = timezone.now()
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status == MailStatus.SENT:
            return False
        if (
            mail.status == MailStatus.SENDING
            and mail.last_attempt_at
            and now - mail.last_attempt_at < SENDING_TIMEOUT
            and not (attempt and mail.sending_attempt == attempt)
        ):
            return False
        mail.status, mail.attempts, mail.last_attempt_at = MailStatus.SENDING, mail.attempts + 1, now
        mail.sending_attempt = attempt
        mail.save(update_fields=["status", "attempts", "last_attempt_at", "sending_attempt"])
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.recipients.get("to", []),
        cc=mail.recipients.get("cc", []),
        bcc=mail.recipients.get("bcc", []),
        reply_to=mail.reply_to,
        headers=mail.headers,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    try:
        mailers[DELIVERY_MAILER].send_messages([message])
    except Exception as error:
        OutgoingMail.objects.filter(pk=mail.pk).update(status=MailStatus.FAILED, error=type(error).__name__)
        logger.warning("Mail %s failed (attempt %d): %s", mail.public_id, mail.attempts, type(error).__name__)
        raise
    # Sent: erase the content (links and personal data must not outlive the delivery), keep the envelope.
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now(), error="", subject="", body="", html="", headers={}
    )
    return True


def outgoing_mail_retry_failed() -> int:
    """Enqueue delivery again for failed messages (and ones lost while sending) with attempts left."""
    from .tasks import deliver_mail

    stuck = timezone.now() - SENDING_TIMEOUT
    ids = list(
        OutgoingMail.objects.filter(attempts__lt=MAX_ATTEMPTS)
        .filter(status=MailStatus.FAILED)
        .values_list("pk", flat=True)
    ) + list(
        OutgoingMail.objects.filter(
            attempts__lt=MAX_ATTEMPTS, status=MailStatus.SENDING, last_attempt_at__lt=stuck
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        enqueue_on_commit(deliver_mail, pk)
    return len(ids)


def mail_prune(*, keep: timedelta = timedelta(days=30)) -> int:
    """Delete sent envelopes and demo mailbox messages older than `keep`."""
    cutoff = timezone.now() - keep
    sent, _ = OutgoingMail.objects.filter(status=MailStatus.SENT, sent_at__lt=cutoff).delete()
    received, _ = MailboxMessage.objects.filter(received_at__lt=cutoff).delete()
    return sent + received
