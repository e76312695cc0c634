"""Backups that restore: a consistent snapshot while the site runs, and its way back.

SQLite: SQLite's online backup API copies the database page by page inside one read transaction, so the copy is
the database as it was at one moment, even with writers busy (WAL). The copy is checked (integrity_check) before
it replaces anything. PostgreSQL: pg_dump (one repeatable-read transaction, custom format) and pg_restore."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    vendor: str
    size: int
    sha256: str


def default_path(directory: Path, vendor: str, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    return directory / f"wijkkracht-{stamp}.{'sqlite3' if vendor == 'sqlite' else 'pgdump'}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed: install Debian's postgresql-client (apt-get install postgresql-client)."
        )
    return found


def _pg_env(settings_dict: dict) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore; the password goes through the environment, never argv."""
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def backup(out: Path, *, alias: str = "default") -> BackupResult:
    """Write a consistent snapshot of the database to `out` (atomically: a temporary file, then a rename)."""
    connection = connections[alias]
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(partial) as target:
                connection.connection.backup(target)
                if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("the copy failed SQLite's integrity check; the database itself may be damaged")
            target.close()
        elif connection.vendor == "postgresql":
            args, env = _pg_env(connection.settings_dict)
            command = [_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges"]
            command += ["--file", str(partial), connection.settings_dict["NAME"]]
            result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        else:
            raise BackupError(f"no backup for database vendor {connection.vendor}")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=out, vendor=connection.vendor, size=out.stat().st_size, sha256=_sha256(out))


def table_names(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore(source: Path, *, alias: str = "default", replace: bool = False) -> None:
    """Load a backup into the database. Refuses a database that has tables unless `replace` is given."""
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    connection = connections[alias]
    existing = table_names(alias)
    if existing and not replace:
        raise BackupError(
            f"the database already has {len(existing)} tables; restore into an empty database, or pass --replace "
            "to overwrite this one (back it up first)"
        )
    if connection.vendor == "sqlite":
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_db:
            if backup_db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source}: not a sound SQLite backup (integrity check failed)")
            connection.ensure_connection()
            backup_db.backup(connection.connection)
        backup_db.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        command = [_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error"]
        if replace:
            command += ["--clean", "--if-exists"]
        command += ["--single-transaction", "--dbname", connection.settings_dict["NAME"], str(source)]
        connection.close()
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        raise BackupError(f"no restore for database vendor {connection.vendor}")
