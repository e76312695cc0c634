"""Reading CBS "Kerncijfers wijken en buurten" files (OData JSON `TypedDataSet` or CSV) into clean rows.

Parsing only: no database access. `services.population_figures_import` writes the rows.
Columns are found by name prefix (`AantalInwoners`, `HuishoudensTotaal`, ...), never by position, because
CBS renumbers the suffixes between editions. `.`, an empty cell or null means "secret or unknown": None.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .importfile import YEAR_MAX, YEAR_MIN, FileFormatError, clean_name, element_line, load_json
from .models import PopulationFigure


class CbsFormatError(ValueError):
    """Bad input file: the message names the line or record and the field."""


# model field -> CBS column name prefix
NUMBER_COLUMNS = {
    "inhabitants": "AantalInwoners",
    "age_0_15": "k_0Tot15Jaar",
    "age_15_25": "k_15Tot25Jaar",
    "age_25_45": "k_25Tot45Jaar",
    "age_45_65": "k_45Tot65Jaar",
    "age_65_plus": "k_65JaarOfOuder",
    "households": "HuishoudensTotaal",
}
REGION_PREFIXES = ("Codering", "WijkenEnBuurten")
KIND_PREFIX = "SoortRegio"
MUNICIPALITY_NAME_PREFIX = "Gemeentenaam"
PERIOD_PREFIX = "Perioden"
KINDS = {
    "gemeente": PopulationFigure.Level.MUNICIPALITY,
    "wijk": PopulationFigure.Level.DISTRICT,
    "buurt": PopulationFigure.Level.NEIGHBOURHOOD,
}
CODE_PATTERNS = {  # [0-9], not \d: \d also matches '٣' or '３', which int() would quietly accept
    PopulationFigure.Level.MUNICIPALITY: re.compile(r"GM[0-9]{4}"),
    PopulationFigure.Level.DISTRICT: re.compile(r"WK[0-9]{6}"),
    PopulationFigure.Level.NEIGHBOURHOOD: re.compile(r"BU[0-9]{8}"),
}
PREFIX_LEVEL = {
    "GM": PopulationFigure.Level.MUNICIPALITY,
    "WK": PopulationFigure.Level.DISTRICT,
    "BU": PopulationFigure.Level.NEIGHBOURHOOD,
}
PERIOD = re.compile(r"\s*([0-9]{4})(JJ[0-9][0-9])?\s*")
MAX_COUNT = 2_147_483_647  # PositiveIntegerField on PostgreSQL


def skip_reasons() -> dict[str, str]:
    return {
        "missing_code": _("geen regiocode"),
        "unknown_kind": _("onbekend soort regio"),
        "invalid_code": _("ongeldige regiocode"),
        "duplicate": _("regiocode staat er twee keer in (de eerste telt)"),
    }


@dataclass
class CbsFile:
    """The clean rows of one file, and what was skipped (reason key -> count)."""

    rows: list[dict] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    total: int = 0


def _column(header: list[str], prefix: str) -> str | None:
    """The column named `prefix` or `prefix_<n>`."""
    pattern = re.compile(re.escape(prefix) + r"(_\d+)?")
    return next((name for name in header if pattern.fullmatch(name.strip())), None)


def _records(path: Path) -> tuple[list[str], Iterator[tuple[str, dict]], int]:
    """(header, iterator of (where, record), number of records) for a JSON or CSV file."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise CbsFormatError(_("Bestand niet gevonden: %(file)s") % {"file": path}) from exc
    except OSError as exc:
        raise CbsFormatError(
            _("Bestand %(file)s kan niet worden gelezen: %(error)s") % {"file": path, "error": exc.strerror or exc}
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # older StatLine exports
    stripped = text.lstrip()
    if not stripped:
        raise CbsFormatError(_("Het bestand is leeg."))
    if stripped[0] in "{[":
        return _json_records(text)
    return _csv_records(text)


class _RecordWhere:
    """'regel L, record N' in messages: the record's line is looked up only when a message needs it."""

    __slots__ = ("number", "text", "key")

    def __init__(self, number: int, text: str, key: str | None) -> None:
        self.number, self.text, self.key = number, text, key

    def __str__(self) -> str:
        label = _("record %(n)d") % {"n": self.number}
        line = element_line(self.text, self.number, self.key)
        return f"{_('regel %(line)d') % {'line': line}}, {label}" if line else label


def _json_records(text: str):
    try:
        data = load_json(text)
    except FileFormatError as exc:
        raise CbsFormatError(str(exc)) from None
    key = "value" if isinstance(data, dict) else None
    records = data.get("value") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise CbsFormatError(_("Het JSON-bestand heeft geen lijst 'value' met records."))
    header: list[str] = []
    seen: set[str] = set()
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise CbsFormatError(_("record %(n)d: is geen object.") % {"n": index})
        for name in record:
            if name not in seen:
                seen.add(name)
                header.append(name)
    return header, ((_RecordWhere(i, text, key), r) for i, r in enumerate(records, start=1)), len(records)


def _csv_records(text: str):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    body = io.StringIO(text, newline="")
    reader = csv.reader(body, delimiter=delimiter, strict=True)
    try:
        header = [name.strip() for name in next(reader)]
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise CbsFormatError(
                    _("regel %(line)d: %(got)d kolommen, de kop heeft er %(want)d.")
                    % {"line": reader.line_num, "got": len(values), "want": len(header)}
                )
            rows.append((reader.line_num, dict(zip(header, values, strict=True))))
    except csv.Error as exc:
        raise CbsFormatError(
            _("regel %(line)d: geen geldige CSV (%(error)s).") % {"line": reader.line_num, "error": exc}
        ) from exc
    where = _("regel %(n)d")
    return header, ((where % {"n": line}, r) for line, r in rows), len(rows)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _count(value, where: str, column: str) -> int | None:
    """A CBS count: None for secret/unknown (`.`, empty, null); never 0 for those."""
    if value is None:
        return None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if value.is_integer() else None
    else:
        text = str(value).strip()
        if text in {"", "."}:
            return None
        number = int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None
    if number is None or not 0 <= number <= MAX_COUNT:
        shown = value if len(str(value)) <= 40 else f"{str(value)[:40]}..."
        raise CbsFormatError(
            _("%(where)s: veld %(field)s is geen aantal (%(value)r).")
            % {"where": where, "field": column, "value": shown}
        )
    return number


def _year(value, where: str, column: str) -> int:
    match = PERIOD.fullmatch(_text(value))
    if not match or not YEAR_MIN <= int(match.group(1)) <= YEAR_MAX:
        raise CbsFormatError(
            _("%(where)s: veld %(field)s is geen jaar van %(min)d tot en met %(max)d (%(value)r).")
            % {"where": where, "field": column, "value": value, "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return int(match.group(1))


def parse_kwb(path: Path | str, *, year: int | None = None, progress=None) -> CbsFile:
    """Read and validate a Kerncijfers file. Raises CbsFormatError on bad input; skips rows it cannot place.

    `progress` is an optional callable called with the number of records handled since the last call."""
    header, records, total = _records(Path(path))
    if total == 0:
        raise CbsFormatError(_("Het bestand bevat geen regio's."))
    region_columns = [c for c in (_column(header, p) for p in REGION_PREFIXES) if c]
    if not region_columns:
        raise CbsFormatError(
            _("Kolom %(field)s ontbreekt: zonder regiocode kan niets worden geladen.")
            % {"field": "WijkenEnBuurten / Codering"}
        )
    kind_column = _column(header, KIND_PREFIX)
    municipality_name_column = _column(header, MUNICIPALITY_NAME_PREFIX)
    region_name_column = _column(header, "WijkenEnBuurten")
    period_column = _column(header, PERIOD_PREFIX)
    if year is None and period_column is None:
        raise CbsFormatError(_("Het jaar is onbekend: geef --year op, of lever een bestand met de kolom Perioden."))
    number_columns = {name: _column(header, prefix) for name, prefix in NUMBER_COLUMNS.items()}
    if number_columns["inhabitants"] is None:
        raise CbsFormatError(_("Kolom %(field)s ontbreekt.") % {"field": NUMBER_COLUMNS["inhabitants"]})

    result = CbsFile(total=total)
    seen: set[tuple[str, int]] = set()
    pending = 0
    for where, record in records:
        pending += 1
        if progress and pending >= 500:
            progress(pending)
            pending = 0
        # Validate every value first: a bad number is an error even in a row that is skipped later.
        values = {
            name: _count(record.get(column), where, column) if column else None
            for name, column in number_columns.items()
        }
        row_year = year if year is not None else _year(record.get(period_column), where, period_column)
        code = ""
        for column in region_columns:
            candidate = _text(record.get(column)).upper()
            if candidate[:2] in PREFIX_LEVEL or column == region_columns[-1]:
                code = candidate
                break
        if not code:
            result.skipped["missing_code"] += 1
            continue
        level = KINDS.get(_text(record.get(kind_column)).lower()) if kind_column else PREFIX_LEVEL.get(code[:2])
        if level is None:
            result.skipped["unknown_kind"] += 1
            continue
        if not CODE_PATTERNS[level].fullmatch(code):
            result.skipped["invalid_code"] += 1
            continue
        if (code, row_year) in seen:
            result.skipped["duplicate"] += 1
            continue
        seen.add((code, row_year))
        name = ""
        try:
            if region_name_column:
                candidate = clean_name(record.get(region_name_column), where, region_name_column)
                if candidate.upper() != code:
                    name = candidate
            if not name and level == PopulationFigure.Level.MUNICIPALITY and municipality_name_column:
                name = clean_name(record.get(municipality_name_column), where, municipality_name_column)
        except FileFormatError as exc:
            raise CbsFormatError(str(exc)) from None
        result.rows.append({"cbs_code": code, "year": row_year, "level": level, "name": name[:120], **values})
    if progress and pending:
        progress(pending)
    return result
