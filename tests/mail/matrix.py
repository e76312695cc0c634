"""Authorization matrix entries of the mail app (the demo mailbox)."""

from tests.matrix import ADMINISTRATORS, Entry
from wijkkracht.mail.models import MailboxMessage
from wijkkracht.mail.permissions import Action


def _message(world):
    message, _ = MailboxMessage.objects.get_or_create(
        subject="Matrix", defaults={"from_email": "noreply@example.org", "to": ["resident@example.org"]}
    )
    return [message.public_id]


MATRIX = {
    "mail:inbox": Entry(get=ADMINISTRATORS, actions=(Action.MAILBOX_READ,)),
    "mail:message": Entry(get=ADMINISTRATORS, args=_message, actions=(Action.MAILBOX_READ,)),
}
