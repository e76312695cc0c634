"""Faults under load (not part of `make test`): the database restarts while `make serve` is busy; the task
worker is killed in the middle of a task.

    .venv/bin/python bench/faults_bench.py postgres-restart [--gap 3] [--seconds 24]
    .venv/bin/python bench/faults_bench.py worker-killed [--messages 60]

postgres-restart: a private PostgreSQL cluster (initdb in a temp dir, its own port, so nobody else's database is
touched; run as the `postgres` user when started as root) gets the demo data; `make serve` (production settings)
serves it. Client threads keep requesting a logged-in page (every request reads the database: the session and
the resident) and the home page, while the cluster is stopped (`pg_ctl stop -m fast`), left down for --gap
seconds, and started again. Every answer is classified: 200, a clean 503 (our page, Retry-After, no traceback),
or anything else (a 500, a traceback, a refused connection). Outcome: docs/benchmarks.md between the
`bench:faults` markers.

Expected: requests in the gap get the clean 503 page, none gets a 500 or a traceback; once the database is back
the site answers 200 again by itself (persistent connections are health-checked before reuse).

worker-killed: the embedded set-up (SQLite, the database task queue, production settings) with --messages mails
in the outbox, each delivered by its own task (`mail.tasks.deliver_mail`) to a small SMTP server in this script.
The server stalls on one message in the middle (it has the whole message but never says "accepted"); the script
then kills the worker with SIGKILL, so the task dies in the middle, and starts a new worker. Outcome: every
message accepted by the mail server exactly once, the interrupted task run again (two workers in its record), no
task failed. Outcome: docs/benchmarks.md between the `bench:faults-worker` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import os
import shutil
import signal
import socket
import socketserver
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _report import write_section  # noqa: E402
from http_bench import PYTHON, Server, base_env, session_cookie  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throw-away PostgreSQL cluster: initdb, start, stop, start, remove."""

    def __init__(self, folder: Path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            raise SystemExit("PostgreSQL server binaries not found (Debian package postgresql)")
        self.bin = Path(found[-1]).parent
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if check and result.returncode != 0:
            raise SystemExit(f"{args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self._run("createdb", "-h", str(self.folder), "-p", str(self.port), "-U", "postgres", "wk_faults")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "pg.log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/wk_faults"


def classify(status: int | None, headers: dict, body: str) -> str:
    if status == 200:
        return "200"
    if status == 503 and "Even niet bereikbaar" in body and "Traceback" not in body and headers.get("Retry-After"):
        return "clean 503"
    if status is None:
        return "no answer"
    return f"{status} other"


def load(server: Server, cookie: str, stop: threading.Event, log: list, lock: threading.Lock) -> None:
    paths = [("/mijn/gegevens/", {"Cookie": f"sessionid={cookie}"}), ("/", {})]
    i = 0
    while not stop.is_set():
        path, headers = paths[i % 2]
        i += 1
        started = time.monotonic()
        try:
            status, response_headers, body = server.request("GET", path, headers=headers)
        except OSError:
            status, response_headers, body = None, {}, ""
        with lock:
            log.append((started, path, classify(status, response_headers, body)))


def postgres_restart(gap: float, seconds: float, threads: int) -> str:
    folder = Path(tempfile.mkdtemp(prefix="wk-faults-"))
    folder.chmod(0o755)  # the cluster's own user must reach its folder
    cluster = Cluster(folder / "pg")
    cluster.init()
    var = folder / "var"
    var.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKKRACHT_", "DATABASE_URL"))}
    env |= {
        "DATABASE_URL": cluster.url,
        "WIJKKRACHT_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.dev",
    }
    for args in (["migrate", "--noinput", "-v0"], ["seed_demo", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True)  # noqa: S603
    server = Server(cluster.url, var)
    server.start()
    log: list = []
    lock = threading.Lock()
    stop = threading.Event()
    try:
        cookie = session_cookie(server)
        workers = [threading.Thread(target=load, args=(server, cookie, stop, log, lock)) for _ in range(threads)]
        t0 = time.monotonic()
        for w in workers:
            w.start()
        time.sleep(seconds / 4)
        down_at = time.monotonic()
        cluster.stop()
        stopped_at = time.monotonic()
        time.sleep(gap)
        up_at = time.monotonic()
        cluster.start()
        started_at = time.monotonic()
        time.sleep(max(0.0, seconds - (time.monotonic() - t0)))
        stop.set()
        for w in workers:
            w.join()
        server_log = server.log.read_text(encoding="utf-8", errors="replace")
    finally:
        server.stop()
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)

    phases = {
        "before the stop": lambda t: t < down_at,
        "database stopping / down / starting": lambda t: down_at <= t < started_at,
        "after it is back": lambda t: t >= started_at,
    }
    outcomes = sorted({o for _, _, o in log})
    after = [(t, o) for t, _, o in log if t >= started_at]
    first_ok = next((t for t, o in after if o == "200"), None)
    last_bad = max((t for t, o in after if o != "200"), default=None)
    bad = [o for _, _, o in log if o not in ("200", "clean 503")]
    tracebacks = server_log.count("Traceback")
    lines = [
        "## Faults: PostgreSQL restarted under load",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC} with `bench/faults_bench.py postgres-restart`: a private "
        f"PostgreSQL cluster, `make serve` (production settings), {threads} client threads alternating a logged-in "
        "page (`/mijn/gegevens/`, reads the session and the resident) and the home page. At "
        f"{down_at - t0:.1f} s the cluster is stopped (`pg_ctl stop -m fast`, took {stopped_at - down_at:.1f} s), "
        f"left down {gap:g} s, started again at {up_at - t0:.1f} s (ready at {started_at - t0:.1f} s); load for "
        f"{seconds:g} s in all.",
        "",
        "| phase | requests | " + " | ".join(outcomes) + " |",
        "|---|---:|" + "---:|" * len(outcomes),
    ]
    for name, inside in phases.items():
        rows = [o for t, _, o in log if inside(t)]
        lines.append(f"| {name} | {len(rows)} | " + " | ".join(str(rows.count(o)) for o in outcomes) + " |")
    recovered = (
        f"first 200 after the restart {first_ok - started_at:.2f} s after the database was ready; "
        + (f"last non-200 {last_bad - started_at:.2f} s after it" if last_bad else "no failure after it")
        if first_ok
        else "**no 200 after the restart**"
    )
    lines += [
        "",
        f"- Answers that were neither 200 nor the clean 503 page: **{len(bad)}**"
        + (f" ({', '.join(sorted(set(bad)))})" if bad else "")
        + f"; tracebacks in the server log: **{tracebacks}**.",
        f"- Recovery without intervention: {recovered}.",
        "- Home page requests keep answering 200 through the gap: anonymous public pages come from the page cache.",
        "- The task worker killed in the middle of a task: next section (`bench/faults_bench.py worker-killed`).",
    ]
    return "\n".join(lines)


class StallingSMTP:
    """A minimal SMTP server that accepts every message except one: on the `stall_on`-th message it has the
    whole text but never answers, until the client goes away (then, as SMTP says, the message is not accepted)."""

    def __init__(self, stall_on: int):
        self.stall_on = stall_on
        self.received = 0
        self.accepted: list[str] = []
        self.stalled = threading.Event()
        self.lock = threading.Lock()
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                def say(line: str) -> None:
                    self.wfile.write(line.encode() + b"\r\n")

                say("220 faults-bench ESMTP")
                while line := self.rfile.readline():
                    command = line.decode("ascii", "replace").strip().upper()
                    if command.startswith("EHLO"):
                        say("250-faults-bench")
                        say("250 8BITMIME")
                    elif command == "DATA":
                        say("354 end with .")
                        text: list[bytes] = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b".\n"):
                            if not data:
                                return  # the client went away in the middle: nothing accepted
                            text.append(data)
                        subject = next(
                            (
                                t.decode("utf-8", "replace")[8:].strip()
                                for t in text
                                if t.lower().startswith(b"subject:")
                            ),
                            "?",
                        )
                        with outer.lock:
                            outer.received += 1
                            stall = outer.received == outer.stall_on
                        if stall:
                            outer.stalled.set()
                            while self.rfile.readline():  # never answer; wait for the client to die
                                pass
                            return
                        with outer.lock:
                            outer.accepted.append(subject)
                        say("250 accepted")
                    elif command == "QUIT":
                        say("221 bye")
                        return
                    else:
                        say("250 OK")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def worker_killed(messages: int) -> str:
    folder = Path(tempfile.mkdtemp(prefix="wk-faults-worker-"))
    database = folder / "wijkkracht.sqlite3"
    stall_on = max(1, messages // 3)
    smtp = StallingSMTP(stall_on=stall_on)
    env = base_env(f"sqlite:///{database}", folder) | {
        "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.production",
        "DJANGO_SECRET_KEY": "faults-bench-" + os.urandom(16).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WIJKKRACHT_TASKS": "db",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp.port),
    }

    def manage(*args: str, **kwargs) -> subprocess.Popen:
        return subprocess.Popen([PYTHON, "manage.py", *args], cwd=REPO, env=env, start_new_session=True, **kwargs)  # noqa: S603

    try:
        assert manage("migrate", "--noinput", "-v0").wait() == 0
        queue = (
            "from django.core.mail import send_mail\n"
            f"for i in range(1, {messages} + 1):\n"
            "    send_mail(f'Bericht {i}', 'Testbericht van de storingsproef.', None, ['bewoner@example.invalid'])\n"
        )
        assert manage("shell", "-v0", "-c", queue).wait() == 0
        t0 = time.monotonic()
        first = manage("worker", "-v0")
        if not smtp.stalled.wait(120):
            raise SystemExit("the mail server never saw the message to stall on")
        os.killpg(first.pid, signal.SIGKILL)  # the worker dies in the middle of delivering a message
        first.wait()
        killed_at = time.monotonic()
        second = manage("worker", "--burst", "-v0")
        second.wait(300)
        done_at = time.monotonic()
        with sqlite3.connect(database) as db:
            tasks = db.execute(
                "select status, worker_ids from django_tasks_database_dbtaskresult where task_path like '%deliver_mail'"
            ).fetchall()
            outbox = dict(db.execute("select status, count(*) from mail_outgoingmail group by status").fetchall())
    finally:
        smtp.close()
        shutil.rmtree(folder, ignore_errors=True)

    import json

    accepted = smtp.accepted
    wanted = {f"Bericht {i}" for i in range(1, messages + 1)}
    duplicates = len(accepted) - len(set(accepted))
    missing = sorted(wanted - set(accepted))
    statuses: dict[str, int] = {}
    for status, _ in tasks:
        statuses[status] = statuses.get(status, 0) + 1
    rerun = [json.loads(ids) for status, ids in tasks if len(json.loads(ids)) > 1]
    lines = [
        "## Faults: the task worker killed in the middle of a task",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC} with `bench/faults_bench.py worker-killed`: the embedded "
        f"set-up (SQLite, the database task queue, production settings) with {messages} mails in the outbox, each "
        "delivered by its own task to a small SMTP server in the script. The server stalls on message "
        f'{stall_on} (it has the whole text, never says "accepted"); the worker is then killed with SIGKILL '
        f"({killed_at - t0:.1f} s after it started) and a new worker (`manage.py worker --burst`) is started; "
        f"it finished {done_at - killed_at:.1f} s later.",
        "",
        "| outcome | count |",
        "|---|---:|",
        f"| mails queued | {messages} |",
        f"| accepted by the mail server | {len(accepted)} |",
        f"| accepted twice | {duplicates} |",
        f"| never accepted | {len(missing)} |",
        f"| outbox rows marked sent | {outbox.get('sent', 0)} of {sum(outbox.values())} |",
        *(f"| delivery tasks {status.lower()} | {n} |" for status, n in sorted(statuses.items())),
        f"| tasks run by two workers (interrupted, run again) | {len(rerun)} |",
        "",
        "- "
        + (
            "Every message reached the mail server exactly once; the interrupted task ran again under the new worker."
            if not duplicates and not missing and len(rerun) == 1
            else "**The effect did not happen exactly once**: see the table."
        ),
        "- How: a worker claims tasks as `<host>:<pid>`; a starting worker (and every scheduler tick) puts tasks of a "
        "process that no longer exists back in the queue; the mail task records which task run is sending, so the "
        "same run started again may send, and a second task for the same message may not.",
        '- Not covered: a worker killed after the mail server said "accepted" but before the outbox row is marked '
        "sent sends that message twice (SMTP offers no way to ask); the window is one database write.",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fault", choices=["postgres-restart", "worker-killed"])
    parser.add_argument("--messages", type=int, default=60, help="mails in the outbox (worker-killed, default 60)")
    parser.add_argument("--gap", type=float, default=3.0, help="seconds the database stays down (default 3)")
    parser.add_argument("--seconds", type=float, default=24.0, help="seconds of load in all (default 24)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    if args.fault == "worker-killed":
        text, section = worker_killed(args.messages), "faults-worker"
    else:
        text, section = postgres_restart(args.gap, args.seconds, args.threads), "faults"
    print(text)
    if not args.no_report:
        write_section(section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
