"""Reading import files defensively: JSON with limits and line numbers, safe names, ASCII-only codes.

Parsing only: no database access. Used by the CBS imports (`cbs.py`, `services.areas_import`) so that
hostile or broken files end in a message naming the line, never in a traceback or in bad data.
"""

from __future__ import annotations

import json
import re
import unicodedata

from django.utils.translation import gettext as _

MAX_DEPTH = 200  # where Python's parser runs out of stack, the message names the line past this depth
MAX_INT_DIGITS = 18  # longer integers are refused (Python refuses over 4,300 digits with a bare ValueError)
YEAR_MIN, YEAR_MAX = 1900, 2100  # the years a CBS figure may be for

_STRING = r'"(?:[^"\\]|\\.)*"'
_TOKENS = re.compile(_STRING + r"|[\[{]|[\]}]|(?<![\w.+-])-?\d{" + str(MAX_INT_DIGITS + 1) + r",}(?![\w.])")
_STRUCTURE = re.compile(_STRING + r"|[\[\]{}]")
# Bidirectional overrides and isolates, and marks that reorder text: never in a place name.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class FileFormatError(ValueError):
    """The message names the line (`regel N`) where it can."""


class _LongInteger(ValueError):
    pass


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _LongInteger(text)
    return int(text)


def line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _problem(text: str) -> str:
    """The message for the first place that nests deeper than MAX_DEPTH or has too long an integer."""
    depth = 0
    for token in _TOKENS.finditer(text):
        kind = token.group()[0]
        if kind in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _("regel %(line)d: de JSON is dieper genest dan %(max)d niveaus.") % {
                    "line": line_at(text, token.start()),
                    "max": MAX_DEPTH,
                }
        elif kind in "]}":
            depth -= 1
        elif kind != '"':
            return _("regel %(line)d: een getal van %(digits)d cijfers is te groot.") % {
                "line": line_at(text, token.start()),
                "digits": len(token.group().lstrip("-")),
            }
    return _("de JSON is te diep genest of heeft een te groot getal.")  # pragma: no cover - the scan finds it


def load_json(text: str):
    """Parse JSON text; FileFormatError naming the line for invalid JSON, nesting deeper than Python's
    parser can follow, and integers of more than MAX_INT_DIGITS digits."""
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            _("regel %(line)d: geen geldige JSON (%(error)s).") % {"line": exc.lineno, "error": exc.msg}
        ) from None
    except (RecursionError, _LongInteger):
        raise FileFormatError(_problem(text)) from None


def element_line(text: str, number: int, key: str | None) -> int | None:
    """The line on which element `number` (1-based) of the top-level array `key` starts (of the
    document itself when it is an array and `key` is None); None if there is no such element."""
    depth, last_string, inside, seen = 0, None, False, 0
    for token in _STRUCTURE.finditer(text):
        t = token.group()
        if t[0] == '"':
            if depth == 1:
                last_string = t
            continue
        if t in "[{":
            if inside and depth == 1 + (key is not None):
                seen += 1
                if seen == number:
                    return line_at(text, token.start())
            depth += 1
            at_top = key is None and depth == 1
            under_key = key is not None and depth == 2 and last_string == json.dumps(key)
            if t == "[" and (at_top or under_key):
                inside = True
        else:
            depth -= 1
            if inside and depth < 1 + (key is not None):
                return None
    return None


def clean_name(value, where: str, field: str) -> str:
    """A name as stripped text; FileFormatError if it holds a control character (NUL included) or a
    bidirectional override, which would corrupt the database or how the name reads to others."""
    text = "" if value is None else str(value).strip()
    for char in text:
        if unicodedata.category(char) == "Cc" or char in _BIDI:
            raise FileFormatError(
                _("%(where)s: veld %(field)s bevat een teken dat niet is toegestaan (U+%(code)04X).")
                % {"where": where, "field": field, "code": ord(char)}
            )
    return text


def ascii_digits(text: str) -> bool:
    """True for a non-empty string of the digits 0-9 only (str.isdigit also accepts '٣', '３', '²')."""
    return text.isascii() and text.isdigit()
