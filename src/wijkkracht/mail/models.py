import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import MailStatus


class OutgoingMail(models.Model):
    """One message in the outbox, until the delivery task has sent it. Once sent, its content is erased (a
    password-reset link must not outlive its delivery); the envelope stays for a while for support."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    from_email = models.CharField(_("afzender"), max_length=254)
    recipients = models.JSONField(_("ontvangers"), default=dict)  # {"to": [...], "cc": [...], "bcc": [...]}
    reply_to = models.JSONField(_("antwoord naar"), default=list, blank=True)
    subject = models.CharField(_("onderwerp"), max_length=255, blank=True)
    body = models.TextField(_("tekst"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("kopregels"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    # The task run that is sending it: a task interrupted while sending and run again may send it again; a second
    # task for the same message may not (it would send it twice).
    sending_attempt = models.CharField(_("verzendpoging"), max_length=64, blank=True, editable=False)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)
    error = models.CharField(_("fout"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="mail_outbox_status")]

    def __str__(self) -> str:
        return f"{self.public_id} {self.status}"


class MailboxMessage(models.Model):
    """A delivered message in the demo mailbox (the delivery mailer `MailboxBackend`). Never used with a real
    mail server: in production the mailbox stays empty and its pages answer 404."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    received_at = models.DateTimeField(_("ontvangen"), auto_now_add=True, db_index=True)
    from_email = models.CharField(_("afzender"), max_length=254)
    to = models.JSONField(_("aan"), default=list)
    subject = models.CharField(_("onderwerp"), max_length=255, blank=True)
    body = models.TextField(_("tekst"), blank=True)
    html = models.TextField(_("HTML"), blank=True)

    class Meta:
        verbose_name = _("bericht in het postvak")
        verbose_name_plural = _("berichten in het postvak")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
