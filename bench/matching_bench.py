"""Benchmarks of the matching engine (issue 3), each beside its baselines in the same run.

    .venv/bin/python bench/matching_bench.py            # everything, ~3 minutes on 2 cores
    .venv/bin/python bench/matching_bench.py --quick    # skips the dense 10k x 10k SciPy baseline

Every case runs in a subprocess of its own (so peak memory is per case), from fixed seeds, and the
results are written to docs/benchmarks.md between the `bench:matching` markers.
Baselines: SciPy's dense `linear_sum_assignment`, a greedy matcher, and OR-tools' exact min-cost flow
(`ortools` is optional: without it that column says "not installed").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from wijkkracht.matching import (  # noqa: E402
    HelperIndex,
    HelperTable,
    MatchOptions,
    Request,
    RequestTable,
    Vocabularies,
    Vocabulary,
    candidate_pairs,
    match,
    solve,
)
from wijkkracht.matching.solver import quantize  # noqa: E402

BUURTEN = REPO / "src" / "wijkkracht" / "places" / "data" / "amstelveen" / "buurten.geojson"
NL_BOX = (3.36, 7.23, 50.75, 53.55)  # lon min, lon max, lat min, lat max
REPORT = REPO / "docs" / "benchmarks.md"
OUT = REPO / "bench" / "out"
START, END = "<!-- bench:matching:start -->", "<!-- bench:matching:end -->"

# ------------------------------------------------------------------------------------------------
# Instances


def solve_instance(n_req: int, n_hel: int, per_req: int, seed: int) -> tuple[np.ndarray, ...]:
    """n_req requests with `per_req` distinct random helpers each; scores in (0, 16] with 6 decimals."""
    rng = np.random.default_rng(seed)
    hel = np.empty(n_req * per_req, dtype=np.intp)
    for r in range(n_req):
        hel[r * per_req : (r + 1) * per_req] = rng.choice(n_hel, per_req, replace=False)
    req = np.repeat(np.arange(n_req, dtype=np.intp), per_req)
    score = np.round(rng.uniform(1e-6, 16.0, len(req)), 6)
    return req, hel, score


def _polygons() -> list[np.ndarray]:
    data = json.loads(BUURTEN.read_text(encoding="utf-8"))
    rings = []
    for feature in data["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings.extend(np.asarray(p[0], dtype=np.float64) for p in polys)
    return rings


def _inside(x: np.ndarray, y: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Even-odd ray casting of points (x, y) against one closed ring."""
    inside = np.zeros(len(x), dtype=bool)
    x0, y0 = ring[:-1, 0], ring[:-1, 1]
    x1, y1 = ring[1:, 0], ring[1:, 1]
    for a, b, c, d in zip(x0, y0, x1, y1, strict=True):
        crosses = (b > y) != (d > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            xs = a + (y - b) * (c - a) / (d - b)
        inside ^= crosses & (x < xs)
    return inside


def amstelveen_points(n: int, rng: np.random.Generator, centroid_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Points in Amstelveen's 47 CBS neighbourhoods, each neighbourhood equally likely (they are drawn
    around people, not area: spreading by area would put a quarter of all points in the Amsterdamse Bos).
    A share sits on the neighbourhood centroid (as the platform stores residents without an address
    point), the rest at random points inside the neighbourhood."""
    rings = _polygons()
    which = rng.choice(len(rings), n)
    lon, lat = np.empty(n), np.empty(n)
    for i, ring in enumerate(rings):
        idx = np.flatnonzero(which == i)
        if not len(idx):
            continue
        lo_min, la_min = ring.min(axis=0)
        lo_max, la_max = ring.max(axis=0)
        got_x, got_y = [], []
        need = len(idx)
        while need > 0:
            x = rng.uniform(lo_min, lo_max, need * 3 + 10)
            y = rng.uniform(la_min, la_max, need * 3 + 10)
            ok = _inside(x, y, ring)
            got_x.append(x[ok][:need])
            got_y.append(y[ok][:need])
            need -= int(min(ok.sum(), need))
        lon[idx], lat[idx] = np.concatenate(got_x), np.concatenate(got_y)
        centroid = rng.random(len(idx)) < centroid_share
        lon[idx[centroid]], lat[idx[centroid]] = ring[:-1, 0].mean(), ring[:-1, 1].mean()
    return lat, lon


VOCAB = Vocabularies(
    skills=Vocabulary(
        tuple(
            [
                "boodschappen",
                "vervoer",
                "klussen",
                "tuin",
                "administratie",
                "computerhulp",
                "gezelschap",
                "koken",
                "taalmaatje",
                "wandelen",
                "huisdieren",
                "mantelzorg-respijt",
            ]
        )
    ),
    slots=Vocabulary(
        tuple(f"{d}-{p}" for d in ["ma", "di", "wo", "do", "vr", "za", "zo"] for p in ("ochtend", "middag", "avond"))
    ),
    languages=Vocabulary(tuple(["nl", "en", "tr", "ar", "pl", "de", "fr", "es", "pap", "ti"])),
)


def _masks(rng: np.random.Generator, n: int, n_terms: int, low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
    """n random sets of low..high distinct terms out of n_terms, as (uint64 masks, sizes)."""
    sizes = rng.integers(low, high + 1, n)
    keys = rng.random((n, n_terms))
    ranks = np.argsort(np.argsort(keys, axis=1), axis=1)
    bits = ranks < sizes[:, None]
    weights = np.left_shift(np.uint64(1), np.arange(n_terms, dtype=np.uint64))
    return (bits * weights).sum(axis=1, dtype=np.uint64), sizes


def _languages(rng: np.random.Generator, n: int, dutch: float) -> np.ndarray:
    other = np.left_shift(np.uint64(1), rng.integers(1, len(VOCAB.languages.terms), n).astype(np.uint64))
    has_nl = rng.random(n) < dutch
    has_other = ~has_nl | (rng.random(n) < 0.3)
    return np.where(has_nl, np.uint64(1), np.uint64(0)) | np.where(has_other, other, np.uint64(0))


def feature_instance(
    seed: int, lat_r: np.ndarray, lon_r: np.ndarray, lat_h: np.ndarray, lon_h: np.ndarray
) -> tuple[RequestTable, HelperTable, list[tuple[str, str]]]:
    rng = np.random.default_rng(seed)
    n_r, n_h = len(lat_r), len(lat_h)
    n_skill, n_slot = len(VOCAB.skills.terms), len(VOCAB.slots.terms)
    cats, n_cats = _masks(rng, n_r, n_skill, 1, 2)
    slots, n_slots = _masks(rng, n_r, n_slot, 0, 3)
    langs = _languages(rng, n_r, 0.85)
    requests = RequestTable(
        ids=[f"r{i}" for i in range(n_r)], lat=lat_r, lon=lon_r,
        categories=cats, n_categories=n_cats, slots=slots, n_slots=n_slots,
        languages=langs, n_languages=np.bitwise_count(langs).astype(np.int64),
        vog_required=rng.random(n_r) < 0.15,
        residents=np.array([f"res{i}" for i in range(n_r)], dtype=object), vocab=VOCAB,
    )  # fmt: skip
    capacity = rng.choice([0, 1, 2, 3], n_h, p=[0.05, 0.55, 0.25, 0.15])
    helpers = HelperTable(
        ids=[f"h{i}" for i in range(n_h)], lat=lat_h, lon=lon_h,
        max_distance_m=rng.choice([500.0, 1000.0, 2000.0, 3000.0, 5000.0], n_h, p=[0.1, 0.3, 0.3, 0.2, 0.1]),
        skills=_masks(rng, n_h, n_skill, 1, 4)[0], slots=_masks(rng, n_h, n_slot, 3, 10)[0],
        languages=_languages(rng, n_h, 0.95), vog=rng.random(n_h) < 0.4,
        capacity=capacity, load=np.minimum(rng.integers(0, 2, n_h), capacity), vocab=VOCAB,
    )  # fmt: skip
    # One in ten residents was helped before, by one of the 30 helpers nearest to them.
    from scipy.spatial import cKDTree

    from wijkkracht.matching.spatial import to_xyz

    who = np.flatnonzero(rng.random(n_r) < 0.1)
    _, near = cKDTree(to_xyz(lat_h, lon_h)).query(to_xyz(lat_r[who], lon_r[who]), k=30)
    pick = near[np.arange(len(who)), rng.integers(0, 30, len(who))]
    history = [(f"res{r}", f"h{h}") for r, h in zip(who.tolist(), pick.tolist(), strict=True)]
    return requests, helpers, history


def city_instance(seed: int = 11) -> tuple[RequestTable, HelperTable, list[tuple[str, str]]]:
    rng = np.random.default_rng(seed)
    lat_r, lon_r = amstelveen_points(10_000, rng, centroid_share=0.5)
    lat_h, lon_h = amstelveen_points(10_000, rng, centroid_share=0.0)
    return feature_instance(seed + 1, lat_r, lon_r, lat_h, lon_h)


def country_instance(seed: int = 21) -> tuple[RequestTable, HelperTable, list[tuple[str, str]]]:
    rng = np.random.default_rng(seed)
    lo0, lo1, la0, la1 = NL_BOX
    lat_r, lon_r = rng.uniform(la0, la1, 50_000), rng.uniform(lo0, lo1, 50_000)
    lat_h, lon_h = rng.uniform(la0, la1, 500_000), rng.uniform(lo0, lo1, 500_000)
    return feature_instance(seed + 1, lat_r, lon_r, lat_h, lon_h)


# ------------------------------------------------------------------------------------------------
# Baselines


def greedy(req: np.ndarray, hel: np.ndarray, score: np.ndarray, cap: np.ndarray, n_req: int) -> np.ndarray:
    """Best-scoring pair first, while the request is free and the helper has room (today's practice)."""
    left = cap.astype(np.int64).copy()
    taken = np.zeros(n_req, dtype=bool)
    chosen = []
    for e in np.argsort(-score, kind="stable").tolist():
        r, h = req[e], hel[e]
        if not taken[r] and left[h] > 0:
            taken[r] = True
            left[h] -= 1
            chosen.append(e)
    return np.asarray(chosen, dtype=np.intp)


def min_cost_flow(req: np.ndarray, hel: np.ndarray, units: np.ndarray, cap: np.ndarray, n_req: int, n_hel: int):
    """OR-tools' exact min-cost max-flow on the whole graph; None without ortools."""
    try:
        from ortools.graph.python import min_cost_flow as mcf
    except ImportError:
        return None
    flow = mcf.SimpleMinCostFlow()
    source, sink = n_req + n_hel, n_req + n_hel + 1
    tails = np.concatenate((np.full(n_req, source), req, n_req + np.arange(n_hel)))
    heads = np.concatenate((np.arange(n_req), n_req + hel, np.full(n_hel, sink)))
    caps = np.concatenate((np.ones(n_req + len(req), dtype=np.int64), cap))
    costs = np.concatenate((np.zeros(n_req, dtype=np.int64), -units, np.zeros(n_hel, dtype=np.int64)))
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, n_req)
    flow.set_node_supply(sink, -n_req)
    flow.solve_max_flow_with_min_cost()
    return np.flatnonzero(np.asarray(flow.flows(np.asarray(arcs)[n_req : n_req + len(req)])) > 0)


def dense_lsa(req: np.ndarray, hel: np.ndarray, units: np.ndarray, n_req: int, n_hel: int) -> np.ndarray:
    """SciPy's dense linear_sum_assignment (capacity 1): cardinality first through a big-M weight."""
    from scipy.optimize import linear_sum_assignment

    big = float((int(units.max()) + 1) * (n_req + 1))
    gain = np.zeros((n_req, n_hel))
    gain[req, hel] = big + units
    rows, cols = linear_sum_assignment(gain, maximize=True)
    keep = gain[rows, cols] > 0
    lookup = {(int(r), int(h)): e for e, (r, h) in enumerate(zip(req.tolist(), hel.tolist(), strict=True))}
    return np.array([lookup[(int(r), int(c))] for r, c in zip(rows[keep], cols[keep], strict=True)], dtype=np.intp)


# ------------------------------------------------------------------------------------------------
# Cases: each runs in a subprocess of its own and returns a dict


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _objective(chosen: np.ndarray, score: np.ndarray) -> dict[str, float]:
    units, _ = quantize(score, 10**6)
    return {"matched": int(len(chosen)), "units": int(units[chosen].sum()), "total_score": float(score[chosen].sum())}


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def _graph(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int, int]:
    """(request, helper, score, capacity, n_req, n_hel) of a case's candidate graph."""
    if name.startswith("solve"):
        n = 10_000 if name == "solve10k" else 20_000
        req, hel, score = solve_instance(n, n, 50, seed=1 if n == 20_000 else 2)
        return req, hel, score, np.ones(n, dtype=np.int64), n, n
    requests, helpers, history = city_instance() if name == "city" else country_instance()
    cands = candidate_pairs(requests, helpers, history=history)
    return cands.request, cands.helper, cands.score, helpers.remaining, len(requests), len(helpers)


def case_solve(name: str, backend: str) -> dict[str, object]:
    req, hel, score, cap, n_req, n_hel = _graph(name)
    base = _rss_mb()
    sol, secs = _timed(lambda: solve(req, hel, score, capacity=cap, n_requests=n_req, n_helpers=n_hel, backend=backend))
    return {
        "seconds": secs,
        "rss_mb": _rss_mb(),
        "rss_before_mb": base,
        "pairs": len(req),
        **_objective(sol.edges, score),
    }


def case_baseline(name: str, which: str) -> dict[str, object]:
    req, hel, score, cap, n_req, n_hel = _graph(name)
    units, _ = quantize(score, 10**6)
    if which == "greedy":
        chosen, secs = _timed(lambda: greedy(req, hel, score, cap, n_req))
    elif which == "mcf":
        chosen, secs = _timed(lambda: min_cost_flow(req, hel, units, cap, n_req, n_hel))
        if chosen is None:
            return {"skipped": "ortools not installed"}
    else:
        chosen, secs = _timed(lambda: dense_lsa(req, hel, units, n_req, n_hel))
    return {"seconds": secs, "rss_mb": _rss_mb(), **_objective(chosen, score)}


REPEAT = 5  # the end-to-end comparison runs this many times each; medians are reported (2 shared cores)


def case_cli(_: str, __: str) -> dict[str, object]:
    """`python -m wijkkracht.matching solve` on the 1M-pair CSV against OR-tools' min-cost flow alone on the
    same pairs (in memory, in this process), taking turns REPEAT times so that both see the same load on
    shared cores: the command's printed `seconds` (reading, solving, writing), the wall time of its whole
    process (interpreter start-up and imports too) and the min-cost flow's time."""
    OUT.mkdir(parents=True, exist_ok=True)
    req, hel, score = solve_instance(20_000, 20_000, 50, seed=1)
    edges = OUT / "edges-20k.csv"
    with edges.open("w", encoding="utf-8") as f:
        f.write("request,helper,score\n")
        f.writelines(f"r{r},h{h},{s!r}\n" for r, h, s in zip(req.tolist(), hel.tolist(), score.tolist(), strict=True))
    cmd = [sys.executable, "-m", "wijkkracht.matching", "solve", "--edges", str(edges), "--out", str(OUT / "a.csv")]
    units, _ = quantize(score, 10**6)
    cap = np.ones(20_000, dtype=np.int64)
    import contextlib
    import io

    from wijkkracht.matching.__main__ import main as cli_main

    inner, wall, mcf, cli_cpu, mcf_cpu = [], [], [], [], []
    for _ in range(REPEAT):
        done, secs = _timed(lambda: subprocess.run(cmd, capture_output=True, text=True, check=True))  # noqa: S603
        printed = json.loads(done.stdout)
        inner.append(printed["seconds"])
        wall.append(secs)
        chosen, secs = _timed(lambda: min_cost_flow(req, hel, units, cap, 20_000, 20_000))
        if chosen is not None:
            mcf.append(secs)
        # CPU time, which the other work on the machine disturbs far less than wall time: the same command run
        # in this process (imports done), then the min-cost flow again.
        started = time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):
            cli_main(cmd[3:])
        cli_cpu.append(time.process_time() - started)
        started = time.process_time()
        min_cost_flow(req, hel, units, cap, 20_000, 20_000)
        mcf_cpu.append(time.process_time() - started)
    keys = {(f"r{r}", f"h{h}"): u for r, h, u in zip(req.tolist(), hel.tolist(), units.tolist(), strict=True)}
    with (OUT / "a.csv").open(encoding="utf-8") as f:
        rows = [line.rstrip("\n").split(",") for line in f][1:]
    return {
        "seconds": float(np.median(wall)), "inner_seconds": float(np.median(inner)), "inner_runs": inner,
        "wall_runs": wall, "mcf_seconds": float(np.median(mcf)) if mcf else None, "mcf_runs": mcf,
        "cli_cpu": float(np.median(cli_cpu)), "mcf_cpu": float(np.median(mcf_cpu)),
        "mcf_units": int(units[chosen].sum()) if chosen is not None else None,
        "matched": printed["matched"], "total_score": printed["total_score"],
        "units": int(sum(keys[(r, h)] for r, h, _ in rows)),
    }  # fmt: skip


def case_match(name: str, backend: str) -> dict[str, object]:
    import tracemalloc

    requests, helpers, history = city_instance() if name == "city" else country_instance()
    if backend == "scipy":
        import wijkkracht.matching.solver as solver

        solver.flow.min_cost_flow = None  # force the SciPy backend
    base = _rss_mb()
    tracemalloc.start()
    res, secs = _timed(lambda: match(requests, helpers, history=history))
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    again, secs2 = _timed(lambda: match(requests, helpers, history=history))  # without tracemalloc overhead
    return {
        "seconds": min(secs, secs2), "parts": {k: round(v, 3) for k, v in again.seconds.items()},
        "units": again.solution.total_units,
        "rss_mb": _rss_mb(), "rss_before_mb": base, "traced_mb": traced, "pairs": len(again.candidates),
        "truncated": again.candidates.truncated, "matched": again.matched, "total_score": again.total_score,
        "requests": len(requests), "helpers": len(helpers),
    }  # fmt: skip


def case_exhaustive(name: str, _: str) -> dict[str, object]:
    """The city with every admissible pair as a candidate: the optimum the candidate policy is measured by."""
    requests, helpers, history = city_instance()
    res, secs = _timed(
        lambda: match(requests, helpers, history=history, options=MatchOptions(neighbours=None, max_candidates=None))
    )
    return {"seconds": secs, "rss_mb": _rss_mb(), "pairs": len(res.candidates), "matched": res.matched,
            "units": res.solution.total_units, "total_score": res.total_score}  # fmt: skip


def case_topk(_: str, __: str) -> dict[str, object]:
    requests, helpers, _ = country_instance()
    index, build = _timed(lambda: HelperIndex(helpers))
    rng = np.random.default_rng(5)
    vocab = helpers.vocab
    times = []
    for i in rng.choice(len(requests), 300, replace=False).tolist():
        req = Request(
            id=str(requests.ids[i]), lat=float(requests.lat[i]), lon=float(requests.lon[i]),
            categories=vocab.skills.decode(requests.categories[i]), slots=vocab.slots.decode(requests.slots[i]),
            languages=vocab.languages.decode(requests.languages[i]), vog_required=bool(requests.vog_required[i]),
        )  # fmt: skip
        top, secs = _timed(lambda r=req: index.top_k(r, k=10))
        times.append(secs)
    ms = np.array(times) * 1000
    return {"build_seconds": build, "median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95)),
            "max_ms": float(ms.max()), "queries": len(ms), "rss_mb": _rss_mb()}  # fmt: skip


CASES: dict[str, Callable[[str, str], dict[str, object]]] = {
    "solve": case_solve, "baseline": case_baseline, "cli": case_cli, "match": case_match,
    "exhaustive": case_exhaustive, "topk": case_topk,
}  # fmt: skip


def run_case(kind: str, name: str, variant: str) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--case", kind, name, variant]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=900)  # noqa: S603
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------------
# Report


def _machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        ortools = version("ortools")
    except Exception:  # noqa: BLE001 - any failure means "not installed"
        ortools = "not installed"
    from wijkkracht.matching.flow import available

    load = os.getloadavg()
    return {
        "load": f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
        "cpu": cpu, "cores": str(os.cpu_count()), "python": platform.python_version(), "numpy": np.__version__,
        "scipy": scipy.__version__, "ortools": ortools, "backend": "ortools" if available() else "scipy",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }  # fmt: skip


def _plan(quick: bool) -> list[tuple[str, str, str]]:
    from wijkkracht.matching.flow import available

    alt = [("solve", "solve", "scipy")] if available() else []
    plan = [("solve", "solve", "auto"), *alt, ("baseline", "solve", "mcf"), ("baseline", "solve", "greedy"),
            ("cli", "solve", "-")]  # fmt: skip
    if not quick:
        plan += [("solve", "solve10k", "auto"), ("baseline", "solve10k", "lsa")]
    plan += [("match", "city", "auto"), ("baseline", "city", "mcf"), ("baseline", "city", "greedy")]
    if available():
        plan += [("match", "city", "scipy")]
    if not quick:
        plan += [("exhaustive", "city", "-")]
    plan += [("match", "country", "auto"), ("baseline", "country", "mcf"), ("baseline", "country", "greedy")]
    if available():
        plan += [("match", "country", "scipy")]
    plan += [("topk", "country", "-")]
    return plan


def _s(x: object) -> str:
    return f"{x:.3f} s" if isinstance(x, float) else "–"


def _gap(row: dict[str, object], best: dict[str, object] | None) -> str:
    if not best or "matched" not in row or "matched" not in best:
        return "–"
    if (row["matched"], row.get("units")) == (best["matched"], best.get("units")):
        return "equal (optimal)"
    parts = []
    if row["matched"] != best["matched"]:
        parts.append(f"{int(row['matched']) - int(best['matched']):+d} matched")
    if best.get("total_score"):
        pct = 100 * (float(row["total_score"]) / float(best["total_score"]) - 1)
        parts.append(f"{pct:+.2f} % score")
    return ", ".join(parts)


def render(results: dict[tuple[str, str, str], dict[str, object]], machine: dict[str, str]) -> str:
    def get(kind: str, name: str, variant: str) -> dict[str, object]:
        return results.get((kind, name, variant), {})

    solve20, cli = get("solve", "solve", "auto"), get("cli", "solve", "-")
    cli_runs = ", ".join(f"{x:.2f}" for x in cli.get("inner_runs", []))
    mcf_runs = ", ".join(f"{x:.2f}" for x in cli.get("mcf_runs", []))
    cli_exact = (
        "same optimum as the min-cost flow"
        if cli.get("units") is not None and cli.get("units") == cli.get("mcf_units")
        else "optimum not verified"
    )  # noqa: E501
    city, country, topk = get("match", "city", "auto"), get("match", "country", "auto"), get("topk", "country", "-")
    mcf20 = get("baseline", "solve", "mcf")
    optimal20 = "matches the min-cost-flow optimum" if _gap(solve20, mcf20) == "equal (optimal)" else "not verified"

    def met(ok: bool) -> str:
        return "**met**" if ok else "**missed**"

    lines = [
        f"Run {machine['date']} on {machine['cpu']}, {machine['cores']} cores shared with other work (load average "
        f"{machine['load']} at the end of the run: figures are noisy, which is why the end-to-end rows give medians); "
        f"Python {machine['python']}, "
        f"NumPy {machine['numpy']}, SciPy {machine['scipy']}, OR-tools {machine['ortools']}. "
        f"Solver backend of the engine in this run: **{machine['backend']}**. "
        "Each case runs in a fresh process from fixed seeds (`bench/matching_bench.py`); peak RSS is the whole "
        "process (interpreter, NumPy/SciPy and the generated instance included).",
        *(
            [
                "",
                f"**Overloaded run**: the load average ({machine['load']}) was far above the {machine['cores']} "
                "cores, so every wall time here is several times what an idle machine gives and a target "
                "marked missed may only be missed under that load. Compare rows within this run (they shared the "
                "load), and the CPU times below, rather than the targets.",
            ]
            if float(machine["load"].split(" / ")[0]) > 1.5 * float(machine["cores"])
            else []
        ),
        "",
        "| Target | Measured | Peak RSS | Result |",
        "| --- | --- | --- | --- |",
        f"| solve: 20,000 × 20,000, 1,000,000 pairs ≤ 2 s, optimal | {_s(solve20.get('seconds'))} in memory "
        f"({optimal20}) | {solve20.get('rss_mb', 0):.0f} MB | {met(float(solve20.get('seconds', 99)) <= 2)} |",
        f"| `python -m wijkkracht.matching solve` on the same 1,000,000 pairs ≤ 2 s in all, judged on the "
        f"whole process (interpreter start-up, imports, reading the CSV, solving, writing) | whole process "
        f"median {_s(cli.get('seconds'))}; its printed `seconds` (reading, solving, writing) median "
        f"{_s(cli.get('inner_seconds'))} of {len(cli.get('inner_runs', []))} runs ({cli_runs}); {cli_exact} "
        f"| – | {met(float(cli.get('seconds', 99)) <= 2)} |",
        f"| stretch: command line end to end faster than an exact min-cost-flow solve alone on the same pairs "
        f"| median {_s(cli.get('inner_seconds'))} against OR-tools `SimpleMinCostFlow` alone (in memory, pairs "
        f"given, taking turns with the command) median {_s(cli.get('mcf_seconds'))} ({mcf_runs}) | – | "
        f"{met(float(cli.get('inner_seconds', 99)) < float(cli.get('mcf_seconds') or 0))} |",
        f"| match, city: 10,000 × 10,000 in Amstelveen ≤ 1 s, ≤ 300 MB | {_s(city.get('seconds'))} "
        f"({city.get('pairs', 0):,} candidate pairs, {city.get('matched', 0):,} matched) | "
        f"{city.get('rss_mb', 0):.0f} MB (NumPy allocations traced during match: {city.get('traced_mb', 0):.0f} MB) | "
        f"{met(float(city.get('seconds', 99)) <= 1 and float(city.get('rss_mb', 999)) <= 300)} |",
        f"| match, country: 50,000 × 500,000 over the Netherlands ≤ 10 s | {_s(country.get('seconds'))} "
        f"({country.get('pairs', 0):,} candidate pairs, {country.get('matched', 0):,} matched) | "
        f"{country.get('rss_mb', 0):.0f} MB | {met(float(country.get('seconds', 99)) <= 10)} |",
        f"| top-10 for one request among 500,000 helpers ≤ 20 ms | median {topk.get('median_ms', 0):.2f} ms, "
        f"p95 {topk.get('p95_ms', 0):.2f} ms, max {topk.get('max_ms', 0):.2f} ms over {topk.get('queries', 0)} "
        f"requests (index built once in {_s(topk.get('build_seconds'))}) | {topk.get('rss_mb', 0):.0f} MB | "
        f"{met(float(topk.get('p95_ms', 99)) <= 20)} |",
        "",
        f"CPU time of the end-to-end comparison (median of {len(cli.get('inner_runs', []))}; far less disturbed by "
        f"other work on the machine than wall time): the command's reading, solving and writing "
        f"{_s(cli.get('cli_cpu'))}, the min-cost flow alone {_s(cli.get('mcf_cpu'))}.",
        "",
        f"Time split (candidates / solve): city {city.get('parts', {}).get('candidates', 0):.3f} / "
        f"{city.get('parts', {}).get('solve', 0):.3f} s, country {country.get('parts', {}).get('candidates', 0):.3f} / "
        f"{country.get('parts', {}).get('solve', 0):.3f} s.",
        "",
        'Beside the baselines, on the same pairs in the same run ("gap" is against the exact min-cost flow):',
        "",
        "| Instance | Method | Time | Peak RSS | Matched | Total score | Gap |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    labels = {
        ("solve", "auto"): "engine (`solve`)", ("solve", "scipy"): "engine, SciPy backend",
        ("baseline", "mcf"): "OR-tools min-cost flow (exact)", ("baseline", "greedy"): "greedy, best pair first",
        ("baseline", "lsa"): "SciPy dense `linear_sum_assignment`",
        ("match", "auto"): "engine (`match`, incl. candidates)",
        ("match", "scipy"): "engine, SciPy backend", ("exhaustive", "-"): "engine, every admissible pair a candidate",
    }  # fmt: skip
    titles = {"solve": "20k × 20k, 1M pairs", "solve10k": "10k × 10k, 500k pairs", "city": "city (Amstelveen)",
              "country": "country (NL)"}  # fmt: skip
    for name in ("solve", "solve10k", "city", "country"):
        best = get("baseline", name, "mcf")
        if name == "solve10k":
            best = get("solve", name, "auto")
        for (kind, case, variant), row in results.items():
            if case != name or (kind, variant) not in labels:
                continue
            if "error" in row or "skipped" in row:
                lines.append(f"| {titles[name]} | {labels[(kind, variant)]} | {row.get('error') or row['skipped']} "
                             "| | | | |")  # fmt: skip
                continue
            gap = "reference" if row is best else _gap(row, best)
            if kind == "exhaustive":
                gap = "other candidate set (optimum over all pairs)"
            lines.append(
                f"| {titles[name]} | {labels[(kind, variant)]} | {_s(row.get('seconds'))} | "
                f"{float(row.get('rss_mb', 0)):.0f} MB | {int(row.get('matched', 0)):,} | "
                f"{float(row.get('total_score', 0)):,.3f} | {gap} |"
            )
    full = get("exhaustive", "city", "-")
    if "matched" in full and "matched" in city:
        lines += [
            "",
            f"Candidate policy, city: with every admissible pair as a candidate ({int(full['pairs']):,} pairs, "
            f"{_s(full.get('seconds'))}, {float(full['rss_mb']):.0f} MB) the optimum matches {int(full['matched']):,} "
            f"requests with total score {float(full['total_score']):,.3f}; the default candidates "
            f"(128 nearest, crowd sharing, best 50 kept) reach {int(city['matched']):,} and "
            f"{float(city['total_score']):,.3f} ({_gap(city, full)}).",
        ]
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path = REPORT) -> None:
    body = f"{START}\n## Matching engine\n\n{text}{END}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if START in old and END in old:
        head, rest = old.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        new = head + body + tail
    else:
        new = old.rstrip("\n") + "\n\n" + body
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="skip the dense 10k x 10k baseline and the exhaustive city")
    p.add_argument("--no-write", action="store_true", help="print the report instead of writing docs/benchmarks.md")
    p.add_argument(
        "--rerun", nargs="+", metavar="KIND:NAME:VARIANT",
        help="run only these cases (e.g. cli:solve:-) and take the others from the last run's saved results",
    )  # fmt: skip
    p.add_argument("--case", nargs=3, metavar=("KIND", "NAME", "VARIANT"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.case:
        kind, name, variant = args.case
        print(json.dumps(CASES[kind](name, variant)))
        return
    saved = OUT / "matching-results.json"
    results: dict[tuple[str, str, str], dict[str, object]] = {}
    plan = _plan(args.quick)
    if args.rerun:
        results = {tuple(k.split(":")): v for k, v in json.loads(saved.read_text(encoding="utf-8")).items()}
        wanted = [tuple(step.split(":")) for step in args.rerun]
        plan = [step for step in plan if step in wanted]
    for step in plan:
        started = time.perf_counter()
        results[step] = run_case(*step)
        print(f"{' '.join(step):28s} {time.perf_counter() - started:7.1f} s  {results[step]}", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps({":".join(k): v for k, v in results.items()}, indent=1), encoding="utf-8")
    results = {step: results[step] for step in _plan(args.quick) if step in results}  # report order
    text = render(results, _machine())
    if args.no_write:
        print(text)
    else:
        write_section(text)
        print(f"wrote {REPORT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
