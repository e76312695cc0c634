"""Reading and writing the command line's files, with errors that name the file and line."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from wijkkracht.matching.types import MAX_COUNT, Helper, MatchOptions, Request, Weights

MAX_CAPACITY = MAX_COUNT  # a helper's capacity in CAPS.csv (and capacity/load in INSTANCE.json)
_FORMULA_STARTS = frozenset("=+-@\t\r")


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


class InputError(Exception):
    """Bad input; `str()` is a message for people: 'FILE:LINE: what is wrong'."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True, eq=False)
class EdgeList:
    request_ids: list[str]  # index -> id, in order of first appearance
    helper_ids: list[str]
    request: np.ndarray
    helper: np.ndarray
    score: np.ndarray


def _rows(path: str | os.PathLike[str], columns: Sequence[str]) -> Iterable[tuple[int, list[str]]]:
    """(line number, fields in `columns` order) for every non-blank data row; checks the header."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip() for h in next(reader, [])]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(path, f"unreadable CSV: {exc}", 1) from None
        missing = [c for c in columns if c not in header]
        if missing:
            raise InputError(path, f"missing header: expected {','.join(columns)}, found {','.join(header)!r}", 1)
        if len(set(header)) != len(header):
            raise InputError(path, "header repeats a column", 1)
        pick = [header.index(c) for c in columns]
        width = len(header)
        try:
            for row in reader:
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != width:
                    raise InputError(path, f"expected {width} fields, found {len(row)}", reader.line_num)
                yield reader.line_num, [row[i].strip() for i in pick]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(path, f"unreadable CSV: {exc}", reader.line_num) from None


def _fast_columns(path: str | os.PathLike[str], columns: Sequence[str]) -> tuple[list[int], list[list[str]]] | None:
    """Columns of a plain CSV file (no quotes) in a few passes at C speed: (line numbers, columns);
    None when the file needs the full CSV reader."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    if '"' in text or "\r" in text:
        return None
    lines = text.split("\n")
    header = [h.strip() for h in lines[0].split(",")]
    if any(c not in header for c in columns) or len(set(header)) != len(header):
        return None  # the full reader reports it
    body = lines[1:]
    numbers = list(range(2, len(body) + 2))
    if "" in body:  # blank lines (and the end of a file that ends with a newline) are skipped
        keep = [i for i, line in enumerate(body) if line]
        body, numbers = [body[i] for i in keep], [numbers[i] for i in keep]
    fields = list(map(str.split, body, [","] * len(body)))
    if set(map(len, fields)) - {len(header)}:
        return None  # the full reader names the line
    transposed = list(zip(*fields, strict=True)) if fields else [()] * len(header)
    picked = [list(transposed[header.index(c)]) for c in columns]
    if " " in text or "\t" in text:
        picked = [[v.strip() for v in col] for col in picked]
    return numbers, picked


def _codes(values: list[str]) -> tuple[list[str], list[int]]:
    """(distinct values in order of first appearance, code of each value)."""
    distinct = list(dict.fromkeys(values))
    position = {v: i for i, v in enumerate(distinct)}
    return distinct, list(map(position.__getitem__, values))


# Bytes that send a file to the general reader: quotes, CR, NUL, whitespace (fields are stripped there) and
# anything outside ASCII (decoded and checked there).
_SLOW_BYTES = tuple(bytes([b]) for b in (ord('"'), 0, 9, 11, 12, 13, 28, 29, 30, 31, 32))
_POW10 = np.array([float(10**k) for k in range(23)])  # exact: 10**k < 2**53 * 2**k for k <= 22
_FAST_DIGITS = 15  # mantissas below 10**15 < 2**53: mantissa / 10**k is the correctly rounded value


_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2**64 - 1], dtype=np.uint64)


@dataclass(frozen=True, slots=True, eq=False)
class _Table:
    """The columns of a plain CSV file as byte offsets into its body: field i of column c is
    body[start[i, c]:end[i, c]]; data row i is on line i + 2."""

    raw: bytes  # the file after its header line, with 8 zero bytes after it
    body: np.ndarray  # the same bytes as an array
    start: np.ndarray
    end: np.ndarray
    header: list[str]

    def column(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        j = self.header.index(name)
        return self.start[:, j], self.end[:, j] - self.start[:, j]

    def chars(self, start: np.ndarray, width: np.ndarray, longest: int) -> np.ndarray:
        """The first `longest` bytes of every field, zero past its end: (rows, 8k) uint8, built from
        unaligned 8-byte loads (little-endian, so byte j of a word is byte j of the text)."""
        words = np.ndarray((len(self.body) - 7,), dtype="<u8", buffer=self.body, strides=(1,))
        n_words = max(1, -(-longest // 8))
        out = np.empty((len(start), n_words), dtype="<u8")
        for j in range(n_words):
            left = np.clip(width - 8 * j, 0, 8)
            out[:, j] = words[np.minimum(start + 8 * j, len(words) - 1)] & _LOW_BYTES[left]
        return out.view(np.uint8)


def _numpy_table(path: str | os.PathLike[str], columns: Sequence[str]) -> _Table | None:
    """A plain ASCII CSV file (no quotes, CR, whitespace or blank lines; every row as wide as the header)
    split with NumPy at C speed; None when the file needs the general reader."""
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.isascii() or any(b in raw for b in _SLOW_BYTES):
        return None
    eol = raw.find(b"\n")
    if eol <= 0 or eol == len(raw) - 1:
        return None
    header = raw[:eol].decode("ascii").split(",")
    if any(c not in header for c in columns) or len(set(header)) != len(header):
        return None
    raw = raw[eol + 1 :] + (b"" if raw.endswith(b"\n") else b"\n") + bytes(8)
    body = np.frombuffer(raw, dtype=np.uint8)
    width = len(header)
    text = body[:-8]
    sep = np.flatnonzero((text == ord(",")) | (text == ord("\n")))
    if len(sep) % width:
        return None
    kinds = text[sep].reshape(-1, width)
    if not (kinds[:, -1] == ord("\n")).all() or (width > 1 and not (kinds[:, :-1] == ord(",")).all()):
        return None  # a row of another width or a blank line: the general reader names or skips it
    end = sep.reshape(-1, width)
    start = np.empty_like(sep)
    start[0] = 0
    start[1:] = sep[:-1] + 1
    return _Table(raw, body, start.reshape(-1, width), end, header)


def _first_appearance(values: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position of each distinct value's first row, in order of first appearance; code of each row),
    given `order`, a sorting permutation of `values`."""
    ordered = values[order]
    new = np.empty(len(values), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    first = np.minimum.reduceat(order, starts)  # the sort need not be stable
    rank = np.empty(len(starts), dtype=np.intp)
    by_first = np.argsort(first)
    rank[by_first] = np.arange(len(starts))
    code = np.empty(len(values), dtype=np.intp)
    code[order] = rank[np.cumsum(new) - 1]
    return first[by_first], code


def _numpy_codes(table: _Table, name: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(distinct values in order of first appearance, code of each row, width of each row's value)."""
    start, width = table.column(name)
    chars = table.chars(start, width, int(width.max()))
    # No NUL in the file, so the zero padding is unambiguous.
    values = chars.view(np.uint64).ravel() if chars.shape[1] == 8 else chars.view(f"S{chars.shape[1]}").ravel()
    first, code = _first_appearance(values, np.argsort(values))
    raw = table.raw
    return (
        [raw[a : a + w].decode("ascii") for a, w in zip(start[first].tolist(), width[first].tolist(), strict=True)],
        code,
        width,
    )


def _text(table: _Table, start: int, width: int) -> str:
    return table.raw[start : start + width].decode("ascii")


def _numpy_numbers(table: _Table, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(value of each field, whether it was parsed here): plain decimals (digits with at most one '.', at
    most 15 digits) exactly as float() would; other fields are left for float() (ok False)."""
    start, width = table.column(name)
    n = len(start)
    longest = min(int(width.max(initial=0)), _FAST_DIGITS + 1)
    ok = (width > 0) & (width <= longest)
    chars = table.chars(start, width, longest)
    mantissa = np.zeros(n, dtype=np.int64)
    digits = np.zeros(n, dtype=np.int8)
    decimals = np.zeros(n, dtype=np.int8)
    dots = np.zeros(n, dtype=np.int8)
    for k in range(longest):
        byte = chars[:, k]
        value = byte - np.uint8(ord("0"))  # wraps for bytes below '0'
        digit = value <= 9
        dot = byte == ord(".")
        ok &= digit | dot | (byte == 0)
        mantissa = np.where(digit, mantissa * 10 + value, mantissa)
        decimals += digit & (dots > 0)
        digits += digit
        dots += dot
    ok &= (dots <= 1) & (digits >= 1) & (digits <= _FAST_DIGITS)
    value = np.where(ok, mantissa, 0) / _POW10[np.where(ok, decimals, 0)]
    return value, ok


def _field_text(table: _Table, name: str, row: int) -> str:
    start, width = table.column(name)
    return _text(table, start[row], width[row])


def _edges_numpy(path: str | os.PathLike[str]) -> EdgeList | None:
    table = _numpy_table(path, ("request", "helper", "score"))
    if table is None:
        return None
    req_ids, req, req_width = _numpy_codes(table, "request")
    hel_ids, hel, hel_width = _numpy_codes(table, "helper")
    for width, kind in ((req_width, "request"), (hel_width, "helper")):
        empty = np.flatnonzero(width == 0)
        if len(empty):
            raise InputError(path, f"empty {kind} id", int(empty[0]) + 2)
    score, parsed = _numpy_numbers(table, "score")
    for i in np.flatnonzero(~parsed).tolist():
        text = _field_text(table, "score", i)
        try:
            score[i] = float(text)
        except ValueError:
            raise InputError(path, f"score {text!r} is not a number", i + 2) from None
    bad = np.flatnonzero(~((score > 0) & (score < np.inf)))
    if len(bad):
        i = int(bad[0])
        raise InputError(path, f"score {_field_text(table, 'score', i)!r} must be a finite number > 0", i + 2)
    lines = None  # row i is on line i + 2
    _check_distinct(path, req_ids, hel_ids, req, hel, lines)
    return EdgeList(req_ids, hel_ids, req, hel, score)


def _check_distinct(
    path: str | os.PathLike[str],
    req_ids: list[str],
    hel_ids: list[str],
    req: np.ndarray,
    hel: np.ndarray,
    lines: np.ndarray | None,
) -> None:
    """Refuse a repeated request-helper pair, naming the line of its second occurrence and the first."""
    keys = req.astype(np.int64) * max(len(hel_ids), 1) + hel
    ordered = np.sort(keys)
    if not (ordered[1:] == ordered[:-1]).any():
        return
    if lines is None:
        lines = np.arange(2, len(req) + 2)
    order = np.argsort(keys, kind="stable")
    dup = np.flatnonzero(keys[order][1:] == keys[order][:-1])
    second = order[dup + 1]
    at = int(np.argmin(lines[second]))
    i, j = int(order[dup[at]]), int(second[at])
    raise InputError(
        path, f"duplicate pair ({req_ids[req[j]]}, {hel_ids[hel[j]]}), first on line {lines[i]}", int(lines[j])
    )


def read_edges(path: str | os.PathLike[str]) -> EdgeList:
    """EDGES.csv: header request,helper,score; ids are non-empty strings; scores finite and > 0."""
    fast = _edges_numpy(path)
    if fast is not None:
        return fast
    columns = _fast_columns(path, ("request", "helper", "score"))
    if columns is None:
        rows = list(_rows(path, ("request", "helper", "score")))
        lines = [n for n, _ in rows]
        reqs, hels, texts = ([f[i] for _, f in rows] for i in range(3))
    else:
        lines, (reqs, hels, texts) = columns
    req_ids, req = _codes(reqs)
    hel_ids, hel = _codes(hels)
    for ids, kind in ((req_ids, "request"), (hel_ids, "helper")):
        if "" in ids:
            first = (reqs if kind == "request" else hels).index("")
            raise InputError(path, f"empty {kind} id", lines[first])
    score = np.empty(len(texts), dtype=np.float64)
    for i, (n, s) in enumerate(zip(lines, texts, strict=True)):
        try:
            score[i] = float(s)
        except ValueError:
            raise InputError(path, f"score {s!r} is not a number", n) from None
    bad = np.flatnonzero(~((score > 0) & (score < np.inf)))
    if len(bad):
        raise InputError(path, f"score {texts[bad[0]]!r} must be a finite number > 0", lines[bad[0]])
    r_arr = np.asarray(req, dtype=np.intp)
    h_arr = np.asarray(hel, dtype=np.intp)
    _check_distinct(path, req_ids, hel_ids, r_arr, h_arr, np.asarray(lines))
    return EdgeList(req_ids, hel_ids, r_arr, h_arr, score)


def read_capacities(path: str | os.PathLike[str]) -> dict[str, int]:
    """CAPS.csv: header helper,capacity; capacity an integer from 0 to MAX_CAPACITY; each helper at most once."""
    caps: dict[str, int] = {}
    first: dict[str, int] = {}
    for line, (h, c) in _rows(path, ("helper", "capacity")):
        if not h:
            raise InputError(path, "empty helper id", line)
        if not c.isascii() or not c.lstrip("+-").isdigit():
            raise InputError(path, f"capacity {_shorten(c)!r} is not an integer", line)
        if len(c.lstrip("+-0")) > len(str(MAX_CAPACITY)) or int(c) > MAX_CAPACITY:
            raise InputError(path, f"capacity {_shorten(c)!r} is larger than {MAX_CAPACITY:,}", line)
        value = int(c)
        if value < 0:
            raise InputError(path, f"capacity {c!r} must be >= 0", line)
        if h in caps:
            raise InputError(path, f"duplicate helper {h!r}, first on line {first[h]}", line)
        caps[h] = value
        first[h] = line
    return caps


def write_atomic(path: str | os.PathLike[str], write: Callable[[Any], None]) -> None:
    """Write through `write(handle)` to a temporary file beside `path`, then rename it into place."""
    target = Path(path)
    if target.is_dir():
        raise InputError(path, "cannot write: it is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def spreadsheet_safe(value: str) -> str:
    """`value` with a leading apostrophe if a spreadsheet would read it as a formula (it starts with =, +,
    -, @, a tab or a carriage return): CSV injection is neutralised, the id stays readable."""
    return "'" + value if value[:1] in _FORMULA_STARTS else value


def write_assignment(path: str | os.PathLike[str], rows: Iterable[tuple[str, str, float]]) -> None:
    """ASSIGNMENT.csv; ids that a spreadsheet would run as a formula get a leading apostrophe."""

    def write(handle: Any) -> None:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(("request", "helper", "score"))
        out.writerows((spreadsheet_safe(r), spreadsheet_safe(h), repr(float(s))) for r, h, s in rows)

    write_atomic(path, write)


def write_json(path: str | os.PathLike[str], data: object) -> None:
    def write(handle: Any) -> None:
        json.dump(data, handle, indent=1, allow_nan=False)
        handle.write("\n")

    write_atomic(path, write)


# --- feature-level instances (JSON) ---------------------------------------------------------------

MAX_JSON_DEPTH = 200  # where Python's parser runs out of stack, the message names the line past this depth
MAX_INT_DIGITS = 18  # integers up to 10**18 - 1 (int64); longer ones are refused, not converted
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]|(?<![\w.+-])-?\d{' + str(MAX_INT_DIGITS + 1) + r",}(?![\w.])")


class _LongInteger(ValueError):
    pass


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _LongInteger(text)
    return int(text)


def _json_problem(text: str) -> tuple[int, str] | None:
    """(line, message) of the first place where `text` nests deeper than MAX_JSON_DEPTH or has an
    integer longer than MAX_INT_DIGITS (strings are skipped); None if there is none."""
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        kind = token.group()[0]
        if kind in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return text.count("\n", 0, token.start()) + 1, f"nested more than {MAX_JSON_DEPTH} levels deep"
        elif kind in "]}":
            depth -= 1
        elif kind != '"':
            digits = len(token.group().lstrip("-"))
            return text.count("\n", 0, token.start()) + 1, f"integer of {digits:,} digits is too large"
    return None


def load_json(path: str | os.PathLike[str]) -> Any:
    """A JSON file, with every problem an InputError naming the file and line: unreadable or not UTF-8,
    invalid, nested more than MAX_JSON_DEPTH levels, or an integer of more than MAX_INT_DIGITS digits."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8: {exc.reason}", line) from None
    try:
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except (RecursionError, _LongInteger):
        problem = _json_problem(text)
        if problem is None:  # pragma: no cover - the scan finds what the parser tripped over
            raise InputError(path, "JSON nested too deeply or with too long an integer") from None
        raise InputError(path, problem[1], problem[0]) from None
    return data


@dataclass(frozen=True, slots=True)
class Instance:
    requests: list[Request]
    helpers: list[Helper]
    history: list[tuple[str, str]]
    weights: Weights
    options: MatchOptions


class _Reader:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> InputError:
        return InputError(self.path, f"{where}: {message}")

    def get(self, obj: dict[str, Any], key: str, kind: str, where: str, default: Any = ...) -> Any:
        if key not in obj:
            if default is ...:
                raise self.fail(where, f"missing {key!r}")
            return default
        value, at = obj[key], f"{where}.{key}"
        if kind == "str" and not (isinstance(value, str) and value):
            raise self.fail(at, "expected a non-empty string")
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise self.fail(at, "expected a finite number")
            return float(value)
        if kind == "count" and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT):
            raise self.fail(at, f"expected an integer from 0 to {MAX_COUNT:,}")
        if kind == "bool" and not isinstance(value, bool):
            raise self.fail(at, "expected true or false")
        if kind == "terms":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.fail(at, "expected a list of strings")
            return frozenset(value)
        return value

    def objects(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(o, dict) for o in items):
            raise self.fail(key, "expected a list of objects")
        return items


def read_instance(path: str | os.PathLike[str]) -> Instance:
    """A feature-level instance; the format is described in docs/matching.md."""
    rd = _Reader(path)
    data = load_json(path)
    if not isinstance(data, dict):
        raise InputError(path, "expected a JSON object with 'requests' and 'helpers'")
    requests: list[Request] = []
    for i, o in enumerate(rd.objects(data, "requests")):
        at = f"requests[{i}]"
        lat, lon = rd.get(o, "lat", "number", at), rd.get(o, "lon", "number", at)
        if abs(lat) > 90 or abs(lon) > 180:
            raise rd.fail(at, "lat must be within [-90, 90] and lon within [-180, 180]")
        resident = rd.get(o, "resident", "str", at, None)
        requests.append(
            Request(
                id=rd.get(o, "id", "str", at),
                lat=lat,
                lon=lon,
                categories=rd.get(o, "categories", "terms", at, frozenset()),
                slots=rd.get(o, "slots", "terms", at, frozenset()),
                languages=rd.get(o, "languages", "terms", at, frozenset()),
                vog_required=rd.get(o, "vog_required", "bool", at, False),
                resident=resident,
            )
        )
    helpers: list[Helper] = []
    for i, o in enumerate(rd.objects(data, "helpers")):
        at = f"helpers[{i}]"
        lat, lon = rd.get(o, "lat", "number", at), rd.get(o, "lon", "number", at)
        if abs(lat) > 90 or abs(lon) > 180:
            raise rd.fail(at, "lat must be within [-90, 90] and lon within [-180, 180]")
        max_d = rd.get(o, "max_distance_m", "number", at)
        if max_d < 0:
            raise rd.fail(f"{at}.max_distance_m", "must be >= 0")
        helpers.append(
            Helper(
                id=rd.get(o, "id", "str", at),
                lat=lat,
                lon=lon,
                max_distance_m=max_d,
                skills=rd.get(o, "skills", "terms", at, frozenset()),
                slots=rd.get(o, "slots", "terms", at, frozenset()),
                languages=rd.get(o, "languages", "terms", at, frozenset()),
                vog=rd.get(o, "vog", "bool", at, False),
                capacity=rd.get(o, "capacity", "count", at, 1),
                load=rd.get(o, "load", "count", at, 0),
            )
        )
    for kind, ids in (("requests", [r.id for r in requests]), ("helpers", [h.id for h in helpers])):
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                raise rd.fail(f"{kind}[{i}].id", f"duplicate id {item_id!r}")
            seen.add(item_id)
    history = [
        (rd.get(o, "resident", "str", f"history[{i}]"), rd.get(o, "helper", "str", f"history[{i}]"))
        for i, o in enumerate(rd.objects(data, "history"))
    ]
    return Instance(requests, helpers, history, _weights(rd, data), _options(rd, data))


def _weights(rd: _Reader, data: dict[str, Any]) -> Weights:
    given = _section(rd, data, "weights", Weights, "unknown part")
    return _build(rd, "weights", Weights, {k: rd.get(given, k, "number", "weights") for k in given})


def _options(rd: _Reader, data: dict[str, Any]) -> MatchOptions:
    return _build(rd, "options", MatchOptions, _section(rd, data, "options", MatchOptions, "unknown option"))


def _section(
    rd: _Reader, data: dict[str, Any], key: str, cls: type[Weights] | type[MatchOptions], unknown_label: str
) -> dict[str, Any]:
    """The object under `key`, whose names must all be fields of the dataclass `cls`."""
    given = data.get(key, {})
    if not isinstance(given, dict):
        raise rd.fail(key, "expected an object")
    unknown = sorted(set(given) - set(cls.__dataclass_fields__))
    if unknown:
        raise rd.fail(key, f"{unknown_label} {unknown[0]!r}")
    return given


def _build(rd: _Reader, key: str, cls: type, values: dict[str, Any]):
    try:
        return cls(**values)
    except ValueError as exc:
        raise rd.fail(key, str(exc)) from None
