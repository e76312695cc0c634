"""Authorization matrix entries of the mail app (the demo mailbox)."""

from tests.matrix import Entry
from wijkkracht.mail.models import MailboxMessage


def _message(world):
    message, _ = MailboxMessage.objects.get_or_create(
        subject="Matrix", defaults={"from_email": "noreply@example.org", "to": ["resident@example.org"]}
    )
    return [message.public_id]


MATRIX = {
    "mail:inbox": Entry(get=frozenset({"administrator"})),
    "mail:message": Entry(get=frozenset({"administrator"}), args=_message),
}
