from django.tasks import TaskContext, task

from . import services


@task(takes_context=True)
def deliver_mail(context: TaskContext, mail_id: int) -> bool:
    """Deliver one outbox message (OutgoingMail id). Idempotent: a second delivery of the task sends nothing;
    the same run started again after its worker died sends what the first try did not finish."""
    return services.outgoing_mail_deliver(mail_id=mail_id, attempt=str(context.task_result.id))
