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

Phone, postcode and opening hours: one rule each, attached to the model fields (`validate_phone`,
`validate_postcode`) or called by the services (`validate_opening_hours`), so `full_clean()` enforces them at
every entry point and forms only show the errors. Each has a `normalise_*` companion that services and forms
apply first, so "1181aa" and "1181 AA" are the same postcode wherever they come in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import time

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


# --- Phone: Dutch and international numbers, as people write them --------------------------------------------

PHONE_RE = re.compile(r"(\+|\()?[0-9][0-9 ()\-.]{6,20}")
PHONE_DIGITS = (8, 15)  # E.164 allows at most 15 digits; a Dutch number without country code has 10


def normalise_phone(value: str) -> str:
    """Trim and collapse runs of spaces; the digits are kept as written."""
    return " ".join((value or "").split())


def validate_phone(value: str) -> None:
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_RE.fullmatch(value) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        raise ValidationError(
            _("Dit lijkt geen telefoonnummer. Gebruik cijfers, spaties en +, bijvoorbeeld 020 123 45 67."),
            code="phone",
        )


# --- Dutch postcode: four digits (not starting with 0), a space, two capitals --------------------------------

POSTCODE_RE = re.compile(r"[1-9][0-9]{3} [A-Z]{2}")
_POSTCODE_LOOSE = re.compile(r"\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*")


def normalise_postcode(value: str) -> str:
    """'1181aa', ' 1181 AA ' -> '1181 AA'. Anything else is returned trimmed, for the validator to refuse."""
    match = _POSTCODE_LOOSE.fullmatch(value or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else (value or "").strip()


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.fullmatch(value):
        raise ValidationError(_("Vul een postcode in zoals 1181 AA."), code="postcode")


# --- Opening hours: per day, each period closes after it opens and no two periods overlap --------------------


def opening_hours_errors(hours: Iterable[tuple[int, time, time]]) -> dict[int, ValidationError]:
    """The one opening-hours rule. `hours` are (weekday, opens, closes) rows in the order given; the result maps
    the index of every row that breaks the rule to its error (empty: all good). Touching periods (9–12, 12–17)
    are fine; overlapping ones are not."""
    errors: dict[int, ValidationError] = {}
    seen: dict[int, list[tuple[time, time]]] = {}
    for index, (weekday, opens, closes) in enumerate(hours):
        if closes <= opens:
            errors[index] = ValidationError(
                _("De sluittijd moet later zijn dan de openingstijd."), code="closes_before_opens"
            )
            continue
        if any(opens < other_closes and other_opens < closes for other_opens, other_closes in seen.get(weekday, [])):
            errors[index] = ValidationError(
                _("Deze tijd valt samen met een andere openingstijd op dezelfde dag."), code="overlap"
            )
            continue
        seen.setdefault(weekday, []).append((opens, closes))
    return errors


def validate_opening_hours(hours: Iterable[tuple[int, time, time]]) -> None:
    """Raise the first error of `opening_hours_errors` (for services: all or nothing)."""
    errors = opening_hours_errors(hours)
    if errors:
        raise errors[min(errors)]


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on a form: each message on its field where the form has that field, the
    rest at the top (the error summary). Views call this when a service refuses what a valid form sent."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def post_form(request, form, write, *, success: str, to: str):
    """A POST from a page with several small forms: validate `form`, call `write(**cleaned_data)` (a service
    call), then go back to `to`. An invalid form or a service's refusal becomes one error message and changes
    nothing; otherwise `success` is shown."""
    from django.contrib import messages
    from django.shortcuts import redirect

    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            write(**form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
    return redirect(to)
