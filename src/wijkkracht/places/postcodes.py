"""Reading CBS "Postcode huisnummer wijk buurt" (pc6hnr) files: which neighbourhood each address lies in.

CBS publishes it yearly as a ZIP holding one CSV, `;`-separated, one line per address:

    PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024
    1181AB;12;3620101;36201;362

The buurt column holds the buurtcode without its `BU` prefix, and often without leading zeros; the column
names carry the year. A per-postcode edition without `Huisnummer` exists too (each line counts once).
Columns are found by name, never by position.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

PC6 = re.compile(r"^(\d{4})\s?([A-Z]{2})$")


class PostcodeFormatError(ValueError):
    """The message names the line and the column."""


@dataclass
class ParsedPostcodes:
    areas: dict[str, Counter] = field(default_factory=dict)  # PC6 -> buurtcode -> addresses
    lines: int = 0
    skipped: int = 0  # lines for neighbourhoods not asked for


def _text(path: Path) -> io.TextIOBase:
    raw = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith((".csv", ".txt"))]
            if not names:
                raise PostcodeFormatError(_("Het ZIP-bestand bevat geen CSV-bestand."))
            raw = archive.read(sorted(names, key=lambda n: -archive.getinfo(n).file_size)[0])
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return io.StringIO(raw.decode(encoding), newline="")
        except UnicodeDecodeError:
            continue
    raise PostcodeFormatError(_("Het bestand is geen tekst (CSV)."))  # pragma: no cover - cp1252 decodes all


def buurtcode(value: str) -> str | None:
    """'3620101', '03620101' or 'BU03620101' -> 'BU03620101'; None when it is not a buurtcode."""
    value = value.strip().strip('"').upper()
    digits = value[2:] if value.startswith("BU") else value
    if not digits.isdigit() or not 5 <= len(digits) <= 8:
        return None
    return "BU" + digits.zfill(8)


def parse(path: Path | str, *, wanted: set[str] | None = None) -> ParsedPostcodes:
    """Count addresses per postcode and buurtcode. Lines whose buurtcode is not in `wanted` (when given) are
    counted as skipped. Raises PostcodeFormatError naming the first bad line."""
    path = Path(path)
    try:
        handle = _text(path)
    except OSError as exc:
        raise PostcodeFormatError(_("Het bestand kan niet worden gelezen: %(error)s") % {"error": exc}) from exc
    except zipfile.BadZipFile as exc:
        raise PostcodeFormatError(_("Het ZIP-bestand is beschadigd.")) from exc
    first = handle.readline()
    handle.seek(0)
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(handle, delimiter=delimiter)
    header = [h.strip().strip('"').lower() for h in next(reader, [])]
    pc_col = next((i for i, h in enumerate(header) if h in {"pc6", "postcode"}), None)
    bu_col = next((i for i, h in enumerate(header) if h.startswith("buurt")), None)
    if pc_col is None or bu_col is None:
        raise PostcodeFormatError(
            _("Regel 1: de kolommen PC6 en Buurt… ontbreken. Is dit het CBS-bestand Postcode huisnummer wijk buurt?")
        )
    result = ParsedPostcodes()
    for number, row in enumerate(reader, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(pc_col, bu_col):
            raise PostcodeFormatError(_("Regel %(n)d: te weinig kolommen.") % {"n": number})
        match = PC6.match(row[pc_col].strip().strip('"').upper())
        if not match:
            raise PostcodeFormatError(
                _("Regel %(n)d: kolom %(col)s heeft geen geldige postcode (%(value)r).")
                % {"n": number, "col": header[pc_col], "value": row[pc_col]}
            )
        code = buurtcode(row[bu_col])
        if code is None:
            raise PostcodeFormatError(
                _("Regel %(n)d: kolom %(col)s heeft geen geldige buurtcode (%(value)r).")
                % {"n": number, "col": header[bu_col], "value": row[bu_col]}
            )
        result.lines += 1
        if wanted is not None and code not in wanted:
            result.skipped += 1
            continue
        result.areas.setdefault(match.group(1) + match.group(2), Counter())[code] += 1
    if result.lines == 0:
        raise PostcodeFormatError(_("Het bestand heeft geen regels met postcodes."))
    return result
