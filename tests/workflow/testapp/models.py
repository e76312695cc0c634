from django.db import models


class TicketStatus(models.TextChoices):
    NEW = "new", "nieuw"
    OPEN = "open", "in behandeling"
    DONE = "done", "afgerond"
    CANCELLED = "cancelled", "geannuleerd"


class Ticket(models.Model):
    title = models.CharField(max_length=40)
    status = models.CharField(max_length=16, choices=TicketStatus.choices, default=TicketStatus.NEW)
    ready = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title
