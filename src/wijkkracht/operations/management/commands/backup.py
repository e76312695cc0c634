from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from wijkkracht.operations.backup import BackupError, backup, default_path


class Command(BaseCommand):
    help = (
        "Back up the database while the site runs: a consistent snapshot (SQLite online backup, or pg_dump). "
        "Default: var/backups/wijkkracht-<UTC time>.sqlite3|.pgdump"
    )
    # A backup runs beside a busy site: the system checks would open a write transaction on SQLite
    # (IMMEDIATE mode) and fail while a writer holds the lock. A backup needs none of them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="file to write (default: a new file in --dir)")
        parser.add_argument("--dir", type=Path, default=None, help="folder for the backup (default var/backups)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, out, dir, database, **options):
        vendor = connections[database].vendor
        target = out or default_path(dir or Path(settings.VAR_DIR) / "backups", vendor)
        try:
            result = backup(target, alias=database)
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup failed: {exc}") from exc
        self.stdout.write(f"{result.path}  {result.vendor}  {result.size} bytes  sha256 {result.sha256}")
