"""Backups restore: a backup taken from a seeded database, restored into an empty one, has every row back."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _env(database_url: str, var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKKRACHT_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.dev",
        "DATABASE_URL": database_url,
        "WIJKKRACHT_VAR_DIR": str(var),
    }


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return result


def _sqlite_rows(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}  # noqa: S608


def test_a_sqlite_backup_restores_into_an_empty_database_with_every_row(tmp_path):
    # Given a seeded database
    source = tmp_path / "source.sqlite3"
    env = _env(f"sqlite:///{source}", tmp_path / "var")
    assert _manage(env, "migrate", "-v0").returncode == 0
    assert _manage(env, "seed_demo", "-v0").returncode == 0
    # When it is backed up and the backup restored into an empty database
    backup_file = tmp_path / "backup.sqlite3"
    made = _manage(env, "backup", "--out", str(backup_file))
    assert made.returncode == 0, made.stderr
    target = tmp_path / "target.sqlite3"
    restored = _manage(_env(f"sqlite:///{target}", tmp_path / "var"), "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    # Then every row of every table is back
    before, after = _sqlite_rows(source), _sqlite_rows(target)
    assert sum(len(rows) for rows in before.values()) > 500
    assert after == before


def test_restore_refuses_a_database_that_has_tables(tmp_path):
    source = tmp_path / "source.sqlite3"
    env = _env(f"sqlite:///{source}", tmp_path / "var")
    assert _manage(env, "migrate", "-v0").returncode == 0
    assert _manage(env, "backup", "--out", str(tmp_path / "b.sqlite3")).returncode == 0
    refused = _manage(env, "restore", str(tmp_path / "b.sqlite3"))
    assert refused.returncode == 1
    assert "already has" in refused.stderr and "Traceback" not in refused.stderr


WRITER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE IF NOT EXISTS wk_pairs (n INTEGER, side INTEGER)")
print("ready", flush=True)
n, end = 0, time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO wk_pairs VALUES (?, 0)", (n,))
    db.execute("INSERT INTO wk_pairs VALUES (?, 1)", (n,))
    db.execute("COMMIT")
    n += 1
"""


def test_backups_taken_while_a_writer_is_busy_hold_whole_transactions_only(tmp_path):
    # Given a site database with a writer committing pairs of rows, one transaction per pair, until it is killed
    # (a time limit of its own would end it early on a slow, busy machine and the backups would see no progress)
    source = tmp_path / "source.sqlite3"
    env = _env(f"sqlite:///{source}", tmp_path / "var")
    assert _manage(env, "migrate", "-v0").returncode == 0
    writer = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", WRITER, str(source), "600"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        # When backups are taken meanwhile
        counts = []
        for i in range(3):
            out = tmp_path / f"b{i}.sqlite3"
            made = _manage(env, "backup", "--out", str(out))
            assert made.returncode == 0, made.stderr
            with sqlite3.connect(out) as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                counts.append(db.execute("SELECT count(*) FROM wk_pairs").fetchone()[0])
    finally:
        writer.kill()
        writer.wait()
    # Then each holds whole pairs (never half a transaction), and the writer made progress between them
    assert all(count % 2 == 0 for count in counts)
    assert counts[-1] > counts[0] > 0


def _pg_rows(url: str) -> dict[str, list]:
    import psycopg

    with psycopg.connect(url) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}  # noqa: S608


@pytest.fixture
def pg_databases():
    """Two fresh databases beside the test database (PostgreSQL runs only)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("PostgreSQL backup: runs with DATABASE_URL=postgres://...")
    import psycopg

    base, _, name = url.rpartition("/")
    names = [f"{name}_backup_source", f"{name}_backup_target"]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for n in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{n}"')
            admin.execute(f'CREATE DATABASE "{n}"')
    yield [f"{base}/{n}" for n in names]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for n in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_an_empty_database_with_every_row(tmp_path, pg_databases):
    source, target = pg_databases
    env = _env(source, tmp_path / "var")
    assert _manage(env, "migrate", "-v0").returncode == 0
    assert _manage(env, "seed_demo", "-v0").returncode == 0
    backup_file = tmp_path / "backup.pgdump"
    made = _manage(env, "backup", "--out", str(backup_file))
    assert made.returncode == 0, made.stderr
    restored = _manage(_env(target, tmp_path / "var"), "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    before, after = _pg_rows(source), _pg_rows(target)
    assert sum(len(rows) for rows in before.values()) > 500
    assert after == before
