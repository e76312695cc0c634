from django.tasks import task

from . import services


@task
def deliver_mail(mail_id: int) -> bool:
    """Deliver one outbox message (OutgoingMail id). Idempotent: a second delivery of the task sends nothing."""
    return services.outgoing_mail_deliver(mail_id=mail_id)
