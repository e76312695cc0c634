"""Command line: `python -m wijkkracht.matching solve|match`, including every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wijkkracht.matching.__main__ import main

EDGES = "request,helper,score\nr1,h1,10\nr1,h2,0.5\nr2,h1,9\nr3,h3,1.25\n"
CAPS = "helper,capacity\nh3,0\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path: Path, edges: str, caps: str | None = None) -> tuple[int, Path, list[str]]:
    args = ["solve", "--edges", str(write(tmp_path, "EDGES.csv", edges)), "--out", str(tmp_path / "OUT.csv")]
    if caps is not None:
        args += ["--capacities", str(write(tmp_path, "CAPS.csv", caps))]
    return main(args), tmp_path / "OUT.csv", args


def test_solve_writes_the_assignment_and_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given r1 could take h1 (10) but then r2 would be left out; h3 has capacity 0
    code, out, _ = run(tmp_path, EDGES, CAPS)
    # Then both r1 and r2 are matched, r3 is not
    assert code == 0
    assert out.read_text(encoding="utf-8") == "request,helper,score\nr1,h2,0.5\nr2,h1,9.0\n"
    summary = json.loads(capsys.readouterr().out)
    assert list(summary) == ["matched", "total_score", "seconds"]
    assert (summary["matched"], summary["total_score"]) == (2, 9.5)
    assert summary["seconds"] >= 0


def test_unlisted_helpers_have_capacity_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(tmp_path, EDGES)
    assert code == 0
    assert out.read_text(encoding="utf-8").splitlines()[1:] == ["r1,h2,0.5", "r2,h1,9.0", "r3,h3,1.25"]
    assert json.loads(capsys.readouterr().out)["matched"] == 3


@pytest.mark.parametrize(
    ("edges", "caps", "where", "what"),
    [
        ("request,helper,score\nr1,h1,1\nr2,h1,2\nr1,h1,3\n", None, "EDGES.csv:4", "duplicate pair (r1, h1)"),
        ("request,helper,score\nr1,h1,0\n", None, "EDGES.csv:2", "finite number > 0"),
        ("request,helper,score\nr1,h1,1\nr1,h2,-2\n", None, "EDGES.csv:3", "finite number > 0"),
        ("request,helper,score\nr1,h1,nan\n", None, "EDGES.csv:2", "finite number > 0"),
        ("request,helper,score\nr1,h1,inf\n", None, "EDGES.csv:2", "finite number > 0"),
        ("request,helper,score\nr1,h1,-Infinity\n", None, "EDGES.csv:2", "finite number > 0"),
        ("request,helper,score\nr1,h1,lots\n", None, "EDGES.csv:2", "not a number"),
        ("request,helper,score\nr1,h1\n", None, "EDGES.csv:2", "expected 3 fields"),
        ("r1,h1,1\nr2,h1,2\n", None, "EDGES.csv:1", "missing header"),
        ("", None, "EDGES.csv:1", "missing header"),
        (EDGES, "helper,capacity\nh1,2\nh2,-1\n", "CAPS.csv:3", "must be >= 0"),
        (EDGES, "h1,2\n", "CAPS.csv:1", "missing header"),
        (EDGES, "helper,capacity\nh1,1.5\n", "CAPS.csv:2", "not an integer"),
        (EDGES, "helper,capacity\nh1,1\nh1,2\n", "CAPS.csv:3", "duplicate helper"),
    ],
)
def test_bad_input_names_file_and_line_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edges: str, caps: str | None, where: str, what: str
) -> None:
    code, out, _ = run(tmp_path, edges, caps)
    err = capsys.readouterr()
    assert code == 2
    assert f"{where}: " in err.err
    assert what in err.err
    assert err.out == ""
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".OUT")] == []


def test_an_earlier_output_survives_bad_input(tmp_path: Path) -> None:
    (tmp_path / "OUT.csv").write_text("earlier\n", encoding="utf-8")
    code, out, _ = run(tmp_path, "request,helper,score\nr1,h1,0\n")
    assert (code, out.read_text(encoding="utf-8")) == (2, "earlier\n")


def test_duplicate_pair_names_the_first_occurrence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(tmp_path, "request,helper,score\nr1,h1,1\nr2,h2,1\n\nr2,h2,5\n")
    assert "EDGES.csv:5: duplicate pair (r2, h2), first on line 3" in capsys.readouterr().err


INSTANCE = {
    "requests": [
        {"id": "r1", "lat": 52.30, "lon": 4.86, "categories": ["boodschappen"], "resident": "p1"},
        {"id": "r2", "lat": 52.31, "lon": 4.87, "vog_required": True},
    ],
    "helpers": [
        {"id": "h1", "lat": 52.301, "lon": 4.861, "max_distance_m": 1000, "skills": ["boodschappen"]},
        {"id": "h2", "lat": 52.309, "lon": 4.869, "max_distance_m": 2000, "vog": False, "capacity": 2},
    ],
    "history": [{"resident": "p1", "helper": "h1"}],
    "options": {"neighbours": 10, "max_candidates": 5},
}


def test_match_writes_pairs_with_their_score_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "INSTANCE.json", json.dumps(INSTANCE))
    code = main(["match", "--instance", str(src), "--out", str(tmp_path / "RESULT.json")])
    result = json.loads((tmp_path / "RESULT.json").read_text(encoding="utf-8"))
    assert code == 0
    assert (result["matched"], result["unmatched"]) == (1, ["r2"])  # r2 needs a VOG nobody nearby holds
    [pair] = result["assignments"]
    assert (pair["request"], pair["helper"]) == ("r1", "h1")
    assert list(pair["parts"]) == result["part_names"]
    assert pair["parts"]["history"] == 3.0
    assert sum(pair["parts"].values()) == pytest.approx(pair["score"])
    assert json.loads(capsys.readouterr().out)["matched"] == 1


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("{not json", "INSTANCE.json:1: invalid JSON"),
        (json.dumps({"requests": [{"id": "r1", "lon": 4.8}], "helpers": []}), "requests[0]: missing 'lat'"),
        (json.dumps({"requests": [], "helpers": [{"id": "h", "lat": 52, "lon": 4}]}), "missing 'max_distance_m'"),
        (json.dumps({**INSTANCE, "weights": {"skils": 1}}), "unknown part 'skils'"),
        (json.dumps({**INSTANCE, "options": {"neighbours": 0}}), "options: neighbours must be an integer from 1"),
        (json.dumps({"requests": [{"id": "r", "lat": True, "lon": 4}]}), "requests[0].lat: expected a finite"),
    ],
)
def test_bad_instance_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, what: str) -> None:
    src = write(tmp_path, "INSTANCE.json", text)
    code = main(["match", "--instance", str(src), "--out", str(tmp_path / "RESULT.json")])
    assert code == 2
    assert what in capsys.readouterr().err
    assert not (tmp_path / "RESULT.json").exists()


def test_runs_as_a_module(tmp_path: Path) -> None:
    edges = write(tmp_path, "EDGES.csv", EDGES)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "wijkkracht.matching", "solve", "--edges", str(edges), "--out", str(tmp_path / "A.csv")],
        capture_output=True, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["matched"] == 3


def test_importing_the_engine_does_not_import_django() -> None:
    code = "import sys, wijkkracht.matching; print(sorted({m.split('.')[0] for m in sys.modules} & {'django'}))"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_quoted_fields_and_windows_line_ends_are_read_too(tmp_path: Path) -> None:
    # Given an export with CRLF line ends, spaces and a quoted id that contains a comma
    edges = 'request, helper, score\r\n"Smit, J.",h1,2.5\r\nr2, h1 ,4\r\n'
    code, out, _ = run(tmp_path, edges)
    # Then it reads as the plain file would
    assert code == 0
    assert out.read_text(encoding="utf-8") == "request,helper,score\nr2,h1,4.0\n"


def test_bad_line_in_a_quoted_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(tmp_path, 'request,helper,score\n"a",h1,1\n"b",h1,0\n')
    assert code == 2
    assert "EDGES.csv:3: score '0' must be a finite number > 0" in capsys.readouterr().err
