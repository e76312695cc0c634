"""Value rules shared by every app (model fields, forms, imports).

Safe text: what people type is shown to others, so it may not hide or reorder what they see.
- `validate_name` (one line: names of people, centres, rooms, councils, organisations): no control characters,
  no bidirectional overrides, embeddings or isolates (U+202A-U+202E, U+2066-U+2069, the "Trojan Source" trick),
  no direction marks, invisible spaces or joiners that hide text (U+200B, U+2060, U+FEFF), no line or paragraph
  separators, private-use characters, surrogates or noncharacters. Zero-width (non-)joiners, which some scripts
  and emoji need, are allowed.
- `validate_text` (free text over several lines): the same, except new lines and tabs.
Length: every free-text field has a maximum (`text_limit(n)` for TextField, whose max_length Django does not
enforce on the model); names use CharField max_length. NAME_MAX and TEXT_MAX are the usual sizes.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

NAME_MAX = 120
TEXT_MAX = 2000

_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_INVISIBLE = {"\u200b", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff", "\u2028", "\u2029", "\u00ad"}
_MULTILINE_ALLOWED = {"\n", "\r", "\t"}


def _is_noncharacter(ch: str) -> bool:
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def unsafe_characters(value: str, *, multiline: bool) -> list[str]:
    """The offending characters of `value` as U+XXXX codes, in order, without repeats."""
    found: list[str] = []
    for ch in value:
        if multiline and ch in _MULTILINE_ALLOWED:
            continue
        category = unicodedata.category(ch)
        if (
            category in ("Cc", "Cs", "Co", "Zl", "Zp")
            or ch in _BIDI_CONTROLS
            or (ch in _INVISIBLE and not (multiline and ch in ("\u200e", "\u200f", "\u061c", "\u00ad")))
            or _is_noncharacter(ch)
        ):
            code = f"U+{ord(ch):04X}"
            if code not in found:
                found.append(code)
    return found


@deconstructible
class SafeTextValidator:
    code = "unsafe_text"

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        found = unsafe_characters(value, multiline=self.multiline)
        if found:
            raise ValidationError(
                _(
                    "Deze tekst bevat onzichtbare tekens of stuurtekens (%(codes)s), bijvoorbeeld tekens die de "
                    "leesrichting omdraaien. Typ de tekst opnieuw zonder die tekens."
                ),
                code=self.code,
                params={"codes": ", ".join(found[:5])},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, SafeTextValidator) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((type(self), self.multiline))


validate_name = SafeTextValidator(multiline=False)
validate_text = SafeTextValidator(multiline=True)


def text_limit(limit: int = TEXT_MAX) -> MaxLengthValidator:
    """The enforced maximum for a TextField (pair it with max_length=limit for the form's maxlength)."""
    return MaxLengthValidator(limit)
