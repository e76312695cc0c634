from django.core.management.base import BaseCommand

from wijkkracht.accounts.services import PENDING_DAYS, user_pending_prune


class Command(BaseCommand):
    help = "Remove sign-ups and invitations whose link was never followed (default: after 30 days). Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=PENDING_DAYS)

    def handle(self, *args, days: int, **options):
        removed = user_pending_prune(older_than_days=days)
        self.stdout.write(f"removed {removed} waiting account(s) older than {days} days")
