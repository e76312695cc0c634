"""Mail backends (settings.MAILERS).

- `OutboxBackend` is the "default" mailer: whatever sends mail (Django's password reset, a service, a task)
  puts it in the outbox, and a task delivers it through the "delivery" mailer when the transaction commits.
- `MailboxBackend` is the demo's "delivery" mailer: messages land in the mailbox at /postvak/.
"""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


def _html(message) -> str:
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            return str(content)
    return ""


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from .services import outgoing_mail_queue

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            if message.attachments:
                raise ValueError("The outbox does not carry attachments; link to a page instead.")
            outgoing_mail_queue(
                from_email=message.from_email,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                subject=str(message.subject),
                body=str(message.body),
                html=_html(message),
                headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
            )
            count += 1
        return count


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from .models import MailboxMessage

        for message in email_messages:
            MailboxMessage.objects.create(
                from_email=message.from_email,
                to=list(message.to) + list(message.cc) + list(message.bcc),
                subject=str(message.subject),
                body=str(message.body),
                html=_html(message),
            )
        return len(email_messages)
