"""Command line: `python -m wijkkracht.matching solve|match ...` (see docs/matching.md)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

import numpy as np

from wijkkracht.matching.io import (
    InputError,
    read_capacities,
    read_edges,
    read_instance,
    write_assignment,
    write_json,
)
from wijkkracht.matching.solver import solve

EXIT_BAD_INPUT = 2


def _solve(args: argparse.Namespace) -> dict[str, object]:
    edges = read_edges(args.edges)
    caps = read_capacities(args.capacities) if args.capacities else {}
    capacity = np.array([caps.get(h, 1) for h in edges.helper_ids], dtype=np.int64)
    sol = solve(
        edges.request,
        edges.helper,
        edges.score,
        capacity=capacity,
        n_requests=len(edges.request_ids),
        n_helpers=len(edges.helper_ids),
    )
    r, h, s = edges.request[sol.edges], edges.helper[sol.edges], edges.score[sol.edges]
    write_assignment(
        args.out, zip([edges.request_ids[i] for i in r], [edges.helper_ids[i] for i in h], s.tolist(), strict=True)
    )
    return {"matched": sol.matched, "total_score": sol.total_score}


def _match(args: argparse.Namespace) -> dict[str, object]:
    from wijkkracht.matching.engine import match  # imported before the clock starts, see main()

    inst = read_instance(args.instance)
    try:
        result = match(inst.requests, inst.helpers, history=inst.history, weights=inst.weights, options=inst.options)
    except ValueError as exc:  # e.g. more than 64 distinct skills
        raise InputError(args.instance, str(exc)) from None
    write_json(args.out, result.to_json())
    return {"matched": result.matched, "total_score": result.total_score}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m wijkkracht.matching", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="optimal assignment from scored candidate pairs (CSV)")
    s.add_argument("--edges", required=True, metavar="EDGES.csv", help="header request,helper,score")
    s.add_argument("--capacities", metavar="CAPS.csv", help="header helper,capacity (unlisted: 1)")
    s.add_argument("--out", required=True, metavar="ASSIGNMENT.csv", help="header request,helper,score")
    s.set_defaults(run=_solve)
    m = sub.add_parser("match", help="score and match a feature-level instance (JSON)")
    m.add_argument("--instance", required=True, metavar="INSTANCE.json")
    m.add_argument("--out", required=True, metavar="RESULT.json")
    m.set_defaults(run=_match)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "match":
        import wijkkracht.matching.engine  # noqa: F401 - the scoring layers, loaded outside the timing
    start = time.perf_counter()
    try:
        summary = args.run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    summary["seconds"] = round(time.perf_counter() - start, 3)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
