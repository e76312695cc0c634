"""Server time of the main pages, the login and the CBS import, on SQLite and PostgreSQL.

    .venv/bin/python bench/pages_bench.py                     # scales amstelveen and 10x, N=50
    .venv/bin/python bench/pages_bench.py --quick             # amstelveen only, N=10
    .venv/bin/python bench/pages_bench.py --scale amstelveen  # one scale
    .venv/bin/python bench/pages_bench.py --quick --databases sqlite --no-report --only search,contact
                                                              # only the pages whose label holds a word

Per database (a fresh SQLite file in a temp dir; PostgreSQL at DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/wk_bench, `_10x` appended for the 10x scale, created when missing,
skipped with a note when unreachable) a child process configures Django like wijkkracht.conf.test but on
that database and with the production password hasher, migrates, runs `seed_scale` (a no-op when already
seeded), and times each page in-process with django.test.Client: 5 warm-up requests, then N measured ones
(time.perf_counter; queries per request with CaptureQueriesContext). Results go to docs/benchmarks.md
between the `bench:pages` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))  # the test settings install tests.workflow.testapp

from _report import write_section  # noqa: E402

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wk_bench"
WARMUP = 5
PAGE_TARGET_MS, LOGIN_TARGET_MS, IMPORT_TARGET_MS = 50, 100, 5000
COUNCIL_TARGET_MS = 20  # issue 7: council, plan, initiative-list and task-board pages
FRONT_DOOR_TARGET_MS = 20  # issue 11: place pages and the name search
CALENDAR_TARGET_MS = 20  # issue 8: the public calendar with its filters
SUPPORT_TARGET_MS = 20  # issue 10: request queue, escalation list, ranked helpers for one request
MATCH_ALL_TARGET_MS = 1000  # issue 10: "match all open requests" for a district
REACH_TARGET_MS = 50  # issue 8: reach per district and year (read from the counts kept ahead), with its map
CBS_YEAR = 2024


# ------------------------------------------------------------------------------------------------
# A synthetic whole-country CBS Kerncijfers file (OData JSON TypedDataSet)


def cbs_country_file(path: Path, seed: int = 17) -> int:
    """~17,400 regions: 342 municipalities × 10 districts × 4 neighbourhoods, in the CBS OData format.

    Codes avoid GM0362 so the Amstelveen demo figures are not touched. Some cells are `.` (secret)."""
    rng = random.Random(seed)
    records = []

    def record(code: str, kind: str, name: str, gm_name: str, inhabitants: int) -> dict:
        shares = [rng.uniform(0.1, 0.3) for _ in range(5)]
        bands = [round(inhabitants * s / sum(shares) / 5) * 5 for s in shares]
        secret = kind == "Buurt" and rng.random() < 0.03
        row = {
            "ID": len(records),
            "WijkenEnBuurten": code.ljust(10),
            "Gemeentenaam_1": gm_name.ljust(40),
            "SoortRegio_2": kind.ljust(10),
            "Codering_3": code.ljust(10),
            "IndelingswijzigingWijkenEnBuurten_4": "1",
            "AantalInwoners_5": "." if secret else inhabitants,
            "Mannen_6": None if secret else inhabitants // 2,
            "Vrouwen_7": None if secret else inhabitants - inhabitants // 2,
            "HuishoudensTotaal_29": "." if secret else inhabitants * 10 // 22 // 5 * 5,
        }
        for column, value in zip(
            ("k_0Tot15Jaar_8", "k_15Tot25Jaar_9", "k_25Tot45Jaar_10", "k_45Tot65Jaar_11", "k_65JaarOfOuder_12"),
            bands,
            strict=True,
        ):
            row[column] = "." if secret else value
        records.append(row)

    for g in range(1, 343):
        gm = g if g < 362 else g + 1  # skip 0362
        gm_code, gm_name = f"GM{gm:04d}", f"Gemeente {gm}"
        wk_total = 0
        for w in range(1, 11):
            wk_code = f"WK{gm:04d}{w:02d}"
            bu_total = 0
            for b in range(1, 5):
                inhabitants = rng.randint(0, 400) * 5
                bu_total += inhabitants
                record(f"BU{gm:04d}{w:02d}{b:02d}", "Buurt", f"Buurt {b}", gm_name, inhabitants)
            record(wk_code, "Wijk", f"Wijk {w}", gm_name, bu_total)
            wk_total += bu_total
        record(gm_code, "Gemeente", gm_name, gm_name, wk_total)
    path.write_text(json.dumps({"odata.metadata": "synthetic", "value": records}), encoding="utf-8")
    return len(records)


# ------------------------------------------------------------------------------------------------
# Child: one database, one scale


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def run_child(url: str, scale: str, n: int, only: str = "") -> dict:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "wijkkracht.conf.test"
    import django

    django.setup()
    from django.core.management import call_command, get_commands
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from wijkkracht.conf import base

    # The test settings hash with MD5 for speed; the bench measures the production hasher.
    override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS).enable()

    from wijkkracht.accounts.constants import Role
    from wijkkracht.accounts.models import User
    from wijkkracht.councils.models import Council
    from wijkkracht.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, HOME_CENTRE
    from wijkkracht.places.models import CommunityCentre

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_scale", scale=scale, verbosity=0)
    setup_s = time.perf_counter() - started

    logins = {d.role: d.email for d in DEMO_LOGINS}
    users = {role: User.objects.get(email=email) for role, email in logins.items()}
    for user in users.values():  # seeded elsewhere with another hasher? The bench needs Argon2.
        if not user.password.startswith("argon2t$"):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    centre = CommunityCentre.objects.select_related("district").get(name=HOME_CENTRE)
    council = Council.objects.get(centre=centre)
    from wijkkracht.councils.models import Plan

    plan = Plan.objects.current_for(council).first()

    def client_as(role: str | None) -> Client:
        client = Client()
        if role:
            client.force_login(users[role])
        return client

    pages = [
        ("floor: `/gezond/`", None, "get", "/gezond/", None, PAGE_TARGET_MS),
        ("home `/`", None, "get", "/", None, FRONT_DOOR_TARGET_MS),
        (f"district ({centre.district.name})", None, "get", centre.district.url, None, FRONT_DOOR_TARGET_MS),
        (f"centre ({centre.name})", None, "get", centre.url, None, FRONT_DOOR_TARGET_MS),
        ("`/cijfers/` (analyst)", Role.ANALYST, "get", "/cijfers/", None, FRONT_DOOR_TARGET_MS),
        ("district without a centre (Elsrijk)", None, "get", "/wijken/elsrijk/", None, FRONT_DOOR_TARGET_MS),
        ("neighbourhood page `/buurten/oude-dorp/`", None, "get", "/buurten/oude-dorp/", None, FRONT_DOOR_TARGET_MS),
        (
            "neighbourhood page (resident, not cached)",
            Role.RESIDENT,
            "get",
            "/buurten/oude-dorp/",
            None,
            FRONT_DOOR_TARGET_MS,
        ),
        ("name search `/zoeken/?q=het dorp`", None, "get", "/zoeken/?q=het+dorp", None, FRONT_DOOR_TARGET_MS),
        ("name search, no match (suggestions)", None, "get", "/zoeken/?q=randwyk", None, FRONT_DOOR_TARGET_MS),
        ("postcode search (no table loaded)", None, "get", "/zoeken/?q=1181+AB", None, FRONT_DOOR_TARGET_MS),
        ("old UUID address → 301", None, "get", f"/wijken/{centre.district.public_id}/", None, FRONT_DOOR_TARGET_MS),
        ("login form GET", None, "get", "/account/inloggen/", None, PAGE_TARGET_MS),
        ("contact `/contact/`", None, "get", "/contact/", None, FRONT_DOOR_TARGET_MS),
        ("privacy statement `/privacy/`", None, "get", "/privacy/", None, FRONT_DOOR_TARGET_MS),
        ("sign-up form GET", None, "get", "/account/aanmelden/", None, FRONT_DOOR_TARGET_MS),
        ("desk `/balie/` (professional)", Role.PROFESSIONAL, "get", "/balie/", None, PAGE_TARGET_MS),
        (
            "login POST (Argon2id)",
            "fresh",
            "post",
            "/account/inloggen/",
            {"username": logins[Role.RESIDENT], "password": DEMO_PASSWORD},
            LOGIN_TARGET_MS,
        ),
        ("`/mijn/gegevens/` (resident)", Role.RESIDENT, "get", "/mijn/gegevens/", None, PAGE_TARGET_MS),
        (
            "`/organisaties/werkplek/` (professional)",
            Role.PROFESSIONAL,
            "get",
            "/organisaties/werkplek/",
            None,
            PAGE_TARGET_MS,
        ),
        (
            "council page, public",
            None,
            "get",
            f"/raden/{council.public_id}/",
            None,
            COUNCIL_TARGET_MS,
        ),
        (
            "council working page (council member)",
            Role.COUNCIL_MEMBER,
            "get",
            f"/raden/{council.public_id}/werk/",
            None,
            COUNCIL_TARGET_MS,
        ),
        ("plan page (council member)", Role.COUNCIL_MEMBER, "get", plan.url, None, COUNCIL_TARGET_MS),
        ("task board (professional)", Role.PROFESSIONAL, "get", "/raden/taken/", None, COUNCIL_TARGET_MS),
        ("calendar `/activiteiten/` (a week)", None, "get", "/activiteiten/?vanaf=", None, CALENDAR_TARGET_MS),
        (
            f"calendar: young people in {centre.district.name}",
            None,
            "get",
            f"/activiteiten/?wijk={centre.district.slug}&leeftijd=15_25",
            None,
            CALENDAR_TARGET_MS,
        ),
        (
            "calendar: free, 15–55, next week",
            None,
            "get",
            f"/activiteiten/?prijs=free&leeftijd=15_55&vanaf={(dt.date.today() + dt.timedelta(days=7)).isoformat()}",
            None,
            CALENDAR_TARGET_MS,
        ),
        ("calendar: page 3 of this week", None, "get", "/activiteiten/?vanaf=&pagina=3", None, CALENDAR_TARGET_MS),
        (
            f"reach `/activiteiten/bereik/` ({centre.district.name}, this year; analyst)",
            Role.ANALYST,
            "get",
            f"/activiteiten/bereik/?wijk={centre.district.slug}",
            None,
            REACH_TARGET_MS,
        ),
        (
            f"reach ({centre.district.name}, last year; analyst)",
            Role.ANALYST,
            "get",
            f"/activiteiten/bereik/?wijk={centre.district.slug}&jaar={dt.date.today().year - 1}",
            None,
            REACH_TARGET_MS,
        ),
        ("rooms and occupancy (professional)", Role.PROFESSIONAL, "get", "/activiteiten/zalen/", None, PAGE_TARGET_MS),
    ]
    from wijkkracht.support.models import HelpRequest

    seeking = (
        HelpRequest.objects.filter(district=centre.district, status="matching")
        .exclude(matches__status__in=["proposed", "offered", "accepted"])
        .order_by("pk")
        .first()
    )
    pages += [
        ("help request queue (professional)", Role.PROFESSIONAL, "get", "/hulp/wachtrij/", None, SUPPORT_TARGET_MS),
        ("escalation list (professional)", Role.PROFESSIONAL, "get", "/hulp/escalaties/", None, SUPPORT_TARGET_MS),
    ]
    if seeking is not None:
        pages.append(
            (
                "request page with ranked helpers (professional)",
                Role.PROFESSIONAL,
                "get",
                seeking.url,
                None,
                SUPPORT_TARGET_MS,
            )
        )
    words = [w.strip().lower() for w in only.split(",") if w.strip()]
    if words:
        pages = [p for p in pages if any(w in p[0].lower() for w in words)]
    rows = []
    for label, who, method, path, data, target in pages:
        client = None if who == "fresh" else client_as(who)
        times, queries, statuses = [], [], set()
        for i in range(WARMUP + n):
            c = Client() if who == "fresh" else client
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = getattr(c, method)(path, data) if data else getattr(c, method)(path)
                elapsed = (time.perf_counter() - t0) * 1000
            statuses.add(response.status_code)
            if i >= WARMUP:
                times.append(elapsed)
                queries.append(len(ctx.captured_queries))
        rows.append(
            {
                "page": label,
                "p50": _percentile(times, 0.5),
                "p95": _percentile(times, 0.95),
                "queries": f"{min(queries)}" if min(queries) == max(queries) else f"{min(queries)}–{max(queries)}",
                "target": target,
                "status": sorted(statuses),
            }
        )

    if not words or any(w in ("match", "matching", "help", "hulp") for w in words):
        rows.extend(_matching_rows(centre.district, n))

    if not words and "import_cbs_kwb" in get_commands():  # --only: just the pages asked for, no import
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / "kwb-country.json"
            regions = cbs_country_file(file)
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                call_command(
                    "import_cbs_kwb",
                    str(file),
                    year=CBS_YEAR,
                    synthetic=True,
                    quiet=True,
                    source="bench (synthetic)",
                    stdout=io.StringIO(),
                )
                elapsed = (time.perf_counter() - t0) * 1000
        rows.append(
            {
                "page": f"CBS import, {regions:,} regions (`import_cbs_kwb`)",
                "p50": elapsed,
                "p95": elapsed,
                "queries": str(len(ctx.captured_queries)),
                "target": IMPORT_TARGET_MS,
                "status": [],
                "once": True,
            }
        )
    elif not words:
        rows.append({"page": "CBS import", "skip": "`import_cbs_kwb` not available yet"})

    if connection.vendor == "postgresql":
        db_version = "PostgreSQL " + connection.cursor().connection.info.parameter_status("server_version")
    else:
        db_version = "SQLite " + sqlite3.sqlite_version
    from wijkkracht.people.models import Person

    return {
        "rows": rows,
        "setup_s": setup_s,
        "db_version": db_version,
        "people": Person.objects.count(),
        "users": User.objects.count(),
    }


def _matching_rows(home_district, n: int) -> list[dict]:
    """The matching engine through support's adapter, in-process: ranked helpers for one request (warm: the
    district's helper index kept; cold: rebuilt, as after any change to a volunteer or a match), and the best
    overall assignment for every open request of a district that looks for a helper (the batch, read only)."""
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from wijkkracht.support import ranking
    from wijkkracht.support.models import HelpRequest, Match

    today = timezone.localdate()
    live = Match.objects.live().values("help_request_id")
    waiting = HelpRequest.objects.filter(status="matching").exclude(pk__in=live)
    busiest = (waiting.values("district_id").annotate(n=Count("pk")).order_by("-n", "district_id").first() or {}).get(
        "district_id", home_district.pk
    )
    requests = list(waiting.filter(district_id=busiest).select_related("district", "neighbourhood").order_by("pk"))
    if not requests:
        return [{"page": "matching", "skip": "no open request looks for a helper (seed_scale)"}]
    rows = []

    def timed(label, fn, repeat, target, *, cold=False):
        times, queries = [], []
        for i in range(WARMUP + repeat if not cold else repeat):
            if cold:
                ranking.clear_cache()
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                result = fn(i)
                elapsed = (time.perf_counter() - t0) * 1000
            if cold or i >= WARMUP:
                times.append(elapsed)
                queries.append(len(ctx.captured_queries))
        rows.append(
            {
                "page": label,
                "p50": _percentile(times, 0.5),
                "p95": _percentile(times, 0.95),
                "queries": f"{min(queries)}" if min(queries) == max(queries) else f"{min(queries)}–{max(queries)}",
                "target": target,
                "status": [],
            }
        )
        return result

    helpers = len(ranking.district_helpers(busiest, today).rows)
    timed(
        f"ranked helpers for one request ({helpers:,} candidates), warm",
        lambda i: ranking.ranked_helpers(requests[i % len(requests)], today=today),
        n,
        SUPPORT_TARGET_MS,
    )
    timed(
        "ranked helpers for one request, cold (index rebuilt)",
        lambda i: ranking.ranked_helpers(requests[i % len(requests)], today=today),
        max(3, n // 10),
        SUPPORT_TARGET_MS,
        cold=True,
    )
    proposals = timed(
        f"match all open requests of a district ({len(requests)} requests), warm",
        lambda i: ranking.best_assignment(requests, district_id=busiest, today=today),
        max(3, n // 5),
        MATCH_ALL_TARGET_MS,
    )
    timed(
        "match all open requests of a district, cold",
        lambda i: ranking.best_assignment(requests, district_id=busiest, today=today),
        3,
        MATCH_ALL_TARGET_MS,
        cold=True,
    )
    rows[-1]["page"] += f" → {len(proposals)} proposals"
    return rows


# ------------------------------------------------------------------------------------------------
# Parent: databases, machine, report


def _postgres_url(base_url: str, scale: str) -> tuple[str | None, str]:
    """The PostgreSQL URL for this scale (database created when missing), or None and why not."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        return None, "psycopg is not installed"
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "wk_bench"
    if scale != "amstelveen":
        name = f"{name}_{scale}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, connect_timeout=3, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL, say why
        return None, f"PostgreSQL not reachable at {parts.hostname}:{parts.port or 5432} ({type(exc).__name__})"
    return urlunsplit(parts._replace(path="/" + name)), ""


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import django

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def _fmt(ms: float) -> str:
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}"


def table(result: dict) -> str:
    lines = ["| page | p50 ms | p95 ms | queries | target | met |", "|---|---:|---:|---:|---|---|"]
    for row in result["rows"]:
        if "skip" in row:
            lines.append(f"| {row['page']} | – | – | – | ≤ {IMPORT_TARGET_MS / 1000:.0f} s | skipped: {row['skip']} |")
            continue
        target = row["target"]
        target_text = f"≤ {target / 1000:.0f} s" if target >= 1000 else f"≤ {target} ms p95"
        ok = row["p95"] <= target and all(s < 400 for s in row["status"])
        bad = [s for s in row["status"] if s >= 400]
        note = f" (HTTP {', '.join(map(str, bad))})" if bad else ""
        p50 = "–" if row.get("once") else _fmt(row["p50"])
        lines.append(
            f"| {row['page']} | {p50} | {_fmt(row['p95'])} | {row['queries']} | {target_text} | "
            f"{'met' if ok else 'missed'}{note} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N=10 and the amstelveen scale only")
    parser.add_argument("--scale", help="comma-separated scales (default: amstelveen,10x; --quick: amstelveen)")
    parser.add_argument("-n", type=int, help="measured requests per page (default 50, --quick 10)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--no-report", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--only", default="", help="comma-separated words: only pages whose label holds one")
    args = parser.parse_args()
    n = args.n or (10 if args.quick else 50)
    if args.child:
        print(json.dumps(run_child(args.url, args.scale, n, args.only)))
        return 0

    scales = (args.scale or ("amstelveen" if args.quick else "amstelveen,10x")).split(",")
    pg_base = os.environ.get("DATABASE_URL", DEFAULT_PG)
    if not pg_base.startswith("postgres"):
        pg_base = DEFAULT_PG
    info = machine()
    sections = []
    for scale in scales:
        for db in args.databases.split(","):
            tmpdir = None
            if db == "sqlite":
                tmpdir = tempfile.mkdtemp(prefix="wk-bench-")
                url, why = f"sqlite:///{tmpdir}/bench.sqlite3", ""
            else:
                url, why = _postgres_url(pg_base, scale)
            title = f"{'SQLite' if db == 'sqlite' else 'PostgreSQL'}, scale {scale}"
            if url is None:
                print(f"{title}: skipped — {why}", flush=True)
                sections.append(f"### {title}\n\nSkipped: {why}.")
                continue
            print(f"== {title} ({urlsplit(url)._replace(netloc=urlsplit(url).hostname or '').geturl()})", flush=True)
            try:
                proc = subprocess.run(  # noqa: S603 - this script, with our own arguments
                    [sys.executable, __file__, "--child", "--url", url, "--scale", scale, "-n", str(n)]
                    + (["--only", args.only] if args.only else []),
                    capture_output=True,
                    text=True,
                    cwd=REPO,
                    check=False,
                )
            finally:
                if tmpdir:
                    shutil.rmtree(tmpdir, ignore_errors=True)
            if proc.returncode != 0:
                sys.stderr.write(proc.stderr)
                sections.append(f"### {title}\n\nFailed: see the console output.")
                continue
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            if db == "postgres":
                info["postgres"] = result["db_version"].removeprefix("PostgreSQL ")
            text = table(result)
            print(text, flush=True)
            sections.append(
                f"### {title} ({result['db_version']})\n\n"
                f"{result['people']:,} people, {result['users']:,} accounts; migrate + seed took "
                f"{result['setup_s']:.1f} s.\n\n{text}"
            )
    header = (
        f"Run {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} with `bench/pages_bench.py"
        f"{' --quick' if args.quick else ''}` (N={n} after {WARMUP} warm-up requests; server time in-process "
        f"with django.test.Client, no network; production password hasher).\n\n"
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; Python {info['python']}, "
        f"Django {info['django']}, SQLite {info['sqlite']}, PostgreSQL {info.get('postgres', 'not measured')}.\n\n"
        f"Scales: {', '.join(scales)} (see docs/demo.md). Targets: pages ≤ {PAGE_TARGET_MS} ms p95, "
        f"login ≤ {LOGIN_TARGET_MS} ms p95, import ≤ {IMPORT_TARGET_MS // 1000} s."
    )
    markdown = "## Pages\n\n" + header + "\n\n" + "\n\n".join(sections)
    if not args.no_report:
        path = write_section("pages", markdown)
        print(f"Written to {path.relative_to(REPO)} (section pages).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
