"""HTTP under load: `make serve` (gunicorn, production settings) on loopback, driven by wrk.

    .venv/bin/python bench/http_bench.py                       # SQLite and PostgreSQL, 15 s per page
    .venv/bin/python bench/http_bench.py --duration 5 --databases sqlite

Per database (a fresh SQLite file in a temp dir; PostgreSQL at HTTP_BENCH_PG, default
postgres://postgres@127.0.0.1:5432/wk_bench_http, created when missing, skipped with a note when unreachable):
migrate and `seed_scale --scale amstelveen` with the demo settings, then `make serve` with production settings
(workers sized to the machine) on a free loopback port. Every page is driven by wrk at 32 connections (2 threads)
for a bounded time after a short warm-up, beside the hello-world floor (`/gezond/`) served by the same server in
the same run: home, district, centre (anonymous), a logged-in page (a resident's own profile) and the login POST
(Argon2id, a new session each time). Every request carries `X-Forwarded-Proto: https`, as the proxy sends it.
Requests/s, p50, p99 and errors (socket errors and non-2xx/3xx answers) go to docs/benchmarks.md between the
`bench:http` markers. Targets: home, district and centre at >= 40 % of the floor's requests/s, p99 <= 100 ms,
no errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _report import write_section  # noqa: E402

PYTHON = str(REPO / ".venv" / "bin" / "python")
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wk_bench_http"
CONNECTIONS, THREADS = 32, 2
SHARE_TARGET, P99_TARGET_MS = 0.40, 100.0
DEMO_PASSWORD = "wijkkracht-demo"  # printed by seed_demo on purpose: demo logins only
RESIDENT = "bewoner@demo.wijkkracht.example"
PUBLIC = ("home", "district", "centre")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(database_url: str, var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKKRACHT_", "DATABASE_URL"))}
    return env | {"DATABASE_URL": database_url, "WIJKKRACHT_VAR_DIR": str(var)}


def prepare(database_url: str, var: Path) -> float:
    env = base_env(database_url, var) | {"DJANGO_SETTINGS_MODULE": "wijkkracht.conf.dev"}
    started = time.perf_counter()
    for args in (["migrate", "--noinput", "-v0"], ["seed_scale", "--scale", "amstelveen", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True)  # noqa: S603
    return time.perf_counter() - started


# ------------------------------------------------------------------------------------------------
# The server


class Server:
    def __init__(self, database_url: str, var: Path):
        self.port = free_port()
        self.env = base_env(database_url, var) | {
            "PORT": str(self.port),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": str(var / "static"),
        }
        self.process: subprocess.Popen | None = None
        self.log = var / "serve.log"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            ["make", "-s", "serve"],  # noqa: S607
            cwd=REPO,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve stopped: see {self.log}")
            try:
                if self.request("GET", "/gezond/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("make serve did not answer within 120 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={"X-Forwarded-Proto": "https", **(headers or {})})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
        finally:
            conn.close()


def cookies_of(headers: dict) -> dict[str, str]:
    found = {}
    for part in re.split(r",(?=\s*\w+=)", headers.get("Set-Cookie", "")):
        name, _, rest = part.strip().partition("=")
        if name:
            found[name] = rest.split(";", 1)[0]
    return found


def login_form(server: Server) -> tuple[str, str]:
    status, headers, body = server.request("GET", "/account/inloggen/")
    assert status == 200, status
    cookie = cookies_of(headers)["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    return cookie, token


def login_request(server: Server) -> tuple[str, dict]:
    cookie, token = login_form(server)
    body = urlencode({"username": RESIDENT, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Origin": f"https://127.0.0.1:{server.port}",
        "Referer": f"https://127.0.0.1:{server.port}/account/inloggen/",
    }
    return body, headers


def session_cookie(server: Server) -> str:
    body, headers = login_request(server)
    status, response_headers, _ = server.request("POST", "/account/inloggen/", body, headers)
    assert status == 302, f"demo login failed ({status})"
    return cookies_of(response_headers)["sessionid"]


def pages(server: Server) -> dict[str, dict]:
    _, _, home = server.request("GET", "/")
    district = re.search(r'href="(/wijken/[^"]+/)"[^>]*>\s*Randwijck\s*<', home) or re.search(
        r'href="(/wijken/[^"]+/)"', home
    )
    centre = re.search(r'href="(/wijkcentra/[^"]+/)"[^>]*>\s*Villa Randwijck\s*<', home) or re.search(
        r'href="(/wijkcentra/[^"]+/)"', home
    )
    session = session_cookie(server)
    status, _, profile = server.request("GET", "/mijn/gegevens/", headers={"Cookie": f"sessionid={session}"})
    assert status == 200 and "Uitloggen" in profile, f"logged-in page failed ({status})"
    body, headers = login_request(server)
    return {
        "floor": {"label": "floor: `/gezond/` (hello world)", "path": "/gezond/"},
        "home": {"label": "home `/`", "path": "/"},
        "district": {"label": "district (Randwijck)", "path": district.group(1)},
        "centre": {"label": "centre (Villa Randwijck)", "path": centre.group(1)},
        "profile": {
            "label": "logged in: `/mijn/gegevens/` (resident)",
            "path": "/mijn/gegevens/",
            "headers": {"Cookie": f"sessionid={session}"},
        },
        "login": {"label": "login POST (Argon2id, new session)", "path": "/account/inloggen/", "post": (body, headers)},
    }


# ------------------------------------------------------------------------------------------------
# wrk


LUA_POST = """
wrk.method = "POST"
wrk.body = {body}
{headers}
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(server: Server, page: dict, duration: float, workdir: Path) -> dict:
    command = [shutil.which("wrk") or "wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration:g}s", "--latency"]
    command += ["--timeout", "30s", "-H", "X-Forwarded-Proto: https"]
    for name, value in page.get("headers", {}).items():
        command += ["-H", f"{name}: {value}"]
    if "post" in page:
        body, headers = page["post"]
        script = workdir / "post.lua"
        lines = "\n".join(f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        script.write_text(LUA_POST.format(body=lua_string(body), headers=lines), encoding="utf-8")
        command += ["-s", str(script)]
    command.append(server.url + page["path"])
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return parse_wrk(out)


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(out: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = 0
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in match.groups())
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors, "requests": total}


# ------------------------------------------------------------------------------------------------
# CPU per request in-process: insensitive to other load on the machine (wall-clock figures are not)

CPU_PROBE = r"""
import json, re, sys, time
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
paths = json.loads(sys.argv[1])
n = int(sys.argv[2])
out = {}
def measure(path):
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    for _ in range(5):
        client.get(path)
    started = time.process_time()
    for _ in range(n):
        assert client.get(path).status_code == 200
    return (time.process_time() - started) / n * 1000
for name, path in paths.items():
    out[name] = {"cached": measure(path)}
with override_settings(WIJKKRACHT_PAGECACHE_TTL=0):
    for name, path in paths.items():
        out[name]["uncached"] = measure(path)
print("CPU" + json.dumps(out))
"""


def cpu_per_request(database_url: str, var: Path, paths: dict[str, str], n: int = 300) -> dict:
    env = base_env(database_url, var) | {
        "DJANGO_SETTINGS_MODULE": "wijkkracht.conf.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_STATIC_ROOT": str(var / "static"),
        "PYTHONPATH": str(REPO / "src"),
        "WIJKKRACHT_LOG_LEVEL": "ERROR",
    }
    import json

    result = subprocess.run(  # noqa: S603
        [PYTHON, "-c", CPU_PROBE, json.dumps(paths), str(n)], env=env, capture_output=True, text=True, check=True
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("CPU"))
    return json.loads(line[3:])


# ------------------------------------------------------------------------------------------------
# One database


def run_database(kind: str, database_url: str, duration: float, warmup: float) -> dict:
    var = Path(tempfile.mkdtemp(prefix=f"wk-http-{kind}-"))
    try:
        setup_s = prepare(database_url, var)
        server = Server(database_url, var)
        server.start()
        try:
            workers = sum(1 for line in server.log.read_text().splitlines() if "Booting worker" in line)
            results = {}
            for name, page in pages(server).items():
                if warmup:
                    wrk(server, page, warmup, var)
                results[name] = {**page, **wrk(server, page, duration, var)}
                print(
                    f"  {kind:10} {name:9} {results[name]['rps']:9.1f} req/s  p50 {results[name]['p50']:6.1f} ms"
                    f"  p99 {results[name]['p99']:6.1f} ms  errors {results[name]['errors']}",
                    flush=True,
                )
        finally:
            server.stop()
        paths = {name: results[name]["path"] for name in ("floor", *PUBLIC)}
        cpu = cpu_per_request(database_url, var, paths)
        return {"kind": kind, "setup_s": setup_s, "workers": workers, "results": results, "cpu": cpu}
    finally:
        shutil.rmtree(var, ignore_errors=True)


def postgres_url(url: str) -> str | None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL not reachable at {url}: {exc}", file=sys.stderr)
        return None
    return url


# ------------------------------------------------------------------------------------------------
# Report


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}"


def report(runs: list[dict], duration: float, warmup: float) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## HTTP under load",
        "",
        f"Run {now} with `bench/http_bench.py`: `make serve` (gunicorn, production settings) on loopback, "
        f"driven by wrk at {CONNECTIONS} connections ({THREADS} threads) for {duration:g} s per page after a "
        f"{warmup:g} s warm-up, every request with `X-Forwarded-Proto: https`. Data: `seed_scale --scale "
        "amstelveen`. The floor is a hello-world view served by the same server in the same run. Client and "
        "server share the machine.",
        "",
        f"Machine: {machine()}.",
        "",
        f"Targets: home, district and centre at ≥ {SHARE_TARGET:.0%} of the floor's requests/s, "
        f"p99 ≤ {P99_TARGET_MS:g} ms, 0 errors.",
    ]
    for run in runs:
        floor = run["results"]["floor"]["rps"]
        lines += [
            "",
            f"### {run['kind']} ({run['workers']} gunicorn workers; migrate + seed {run['setup_s']:.0f} s)",
            "",
            "| page | requests/s | share of floor | p50 ms | p99 ms | errors | target | met |",
            "|---|---:|---:|---:|---:|---:|---|---|",
        ]
        for name, r in run["results"].items():
            share = r["rps"] / floor if floor else 0
            if name in PUBLIC:
                target = f"≥ {SHARE_TARGET:.0%}, p99 ≤ {P99_TARGET_MS:g} ms, 0 errors"
                met = share >= SHARE_TARGET and r["p99"] <= P99_TARGET_MS and r["errors"] == 0
                verdict = "met" if met else "**not met**"
            else:
                target = "0 errors"
                verdict = "met" if r["errors"] == 0 and r["requests"] > 0 else "**not met**"
            if r["requests"] == 0:
                verdict = "**not met** (no request completed in the run)"
            lines.append(
                f"| {r['label']} | {r['rps']:,.0f} | {share:.0%} | {r['p50']:.1f} | {r['p99']:.1f} | "
                f"{r['errors']} | {target} | {verdict} |"
            )
        cpu = run.get("cpu")
        if cpu:
            floor_cpu = cpu["floor"]["cached"]
            lines += [
                "",
                "Server CPU per request, in-process (`time.process_time`, 300 requests after 5 warm-up ones; "
                "production settings, no network): what the machine's other load cannot distort.",
                "",
                "| page | cached ms | uncached ms | cached vs floor |",
                "|---|---:|---:|---:|",
            ]
            for name, c in cpu.items():
                uncached = "–" if name == "floor" else f"{c['uncached']:.2f}"
                share = floor_cpu / c["cached"] if c["cached"] else 0
                lines.append(f"| {run['results'][name]['label']} | {c['cached']:.2f} | {uncached} | {share:.0%} |")
    lines += [
        "",
        "Public pages for visitors without a session come from the page cache (`wijkkracht.operations.pagecache`): "
        "rendered once per language, with a fresh CSRF token per visitor, emptied by any committed write to the "
        "data they show. Before it (issue 12, gunicorn with 3 workers, SQLite) they reached 8–10 % of the floor: "
        "profiling showed ~60 % of their time in template rendering (the SVG maps of every district and "
        "neighbourhood, URL reversing per link) and most of the rest in loading the shapes, identical for every "
        "visitor.",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load per page (default 15)")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per page (default 2)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--no-report", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: `make bench-tools` installs it (Debian package wrk).", file=sys.stderr)
        return 1
    runs = []
    for kind in args.databases.split(","):
        if kind == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="wk-http-db-"))
            url = f"sqlite:///{folder / 'bench.sqlite3'}"
            label = "SQLite"
        else:
            url = postgres_url(os.environ.get("HTTP_BENCH_PG", DEFAULT_PG))
            label = "PostgreSQL"
            if url is None:
                continue
        print(f"== {label}", flush=True)
        runs.append(run_database(label, url, args.duration, args.warmup))
    text = report(runs, args.duration, args.warmup)
    print(text)
    if not args.no_report and runs:
        write_section("http", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
