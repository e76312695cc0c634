"""Periodic jobs of the mail app (registered with the one scheduler)."""

from datetime import time, timedelta

from wijkkracht.background.periodic import periodic_job

from . import services


@periodic_job("mail.retry_failed", every=timedelta(minutes=10))
def retry_failed() -> int:
    return services.outgoing_mail_retry_failed()


@periodic_job("mail.prune", daily_at=time(4, 0))
def prune() -> int:
    return services.mail_prune()
