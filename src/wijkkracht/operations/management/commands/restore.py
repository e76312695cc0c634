from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkkracht.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into the database (by default only into an empty one)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="the backup file (.sqlite3 or .pgdump)")
        parser.add_argument("--replace", action="store_true", help="overwrite a database that already has tables")
        parser.add_argument("--database", default="default")

    def handle(self, *args, source, replace, database, **options):
        try:
            restore(source, alias=database, replace=replace)
        except (BackupError, OSError) as exc:
            raise CommandError(f"restore failed: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {source}. Next: manage.py migrate (a no-op when current)."))
