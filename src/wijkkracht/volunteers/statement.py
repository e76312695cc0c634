"""The statement of approved hours as a PDF (fpdf2): for school (maatschappelijke stage) or an employer. Only
hours a professional approved count. Core PDF fonts know Latin-1 only: other characters are replaced."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF


def _text(value) -> str:
    return str(value).encode("latin-1", "replace").decode("latin-1")


def render_statement(*, name: str, birth_year: int | None, entries: list, today: datetime.date) -> bytes:
    """`entries`: (date, hours, description, centre name) of approved hours, oldest first."""
    pdf = FPDF(format="A4")
    pdf.set_title(_text(_("Verklaring vrijwilligerswerk")))
    pdf.set_author("Wijkkracht")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 12, _text(_("Verklaring vrijwilligerswerk")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, _text(_("Maatschappelijke stage en vrijwilligerswerk")), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    total = sum((Decimal(e[1]) for e in entries), Decimal("0"))
    first = entries[0][0] if entries else None
    last = entries[-1][0] if entries else None
    lines = [
        (_("Naam"), name),
        (_("Geboortejaar"), str(birth_year) if birth_year else "-"),
        (
            _("Periode"),
            f"{formats.date_format(first, 'j F Y')} - {formats.date_format(last, 'j F Y')}" if first else "-",
        ),
        (_("Goedgekeurde uren"), f"{total:g}"),
    ]
    for label, value in lines:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(50, 7, _text(label))
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(0, 7, _text(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 10)
    widths = (30, 18, 92, 50)
    for width, head in zip(widths, (_("Datum"), _("Uren"), _("Wat"), _("Waar")), strict=True):
        pdf.cell(width, 7, _text(head), border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for day, hours, description, centre in entries:
        cells = (formats.date_format(day, "d-m-Y"), f"{Decimal(hours):g}", description[:60], (centre or "")[:32])
        for width, value in zip(widths, cells, strict=True):
            pdf.cell(width, 6, _text(value), border=1)
        pdf.ln()
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        6,
        _text(
            _(
                "Deze verklaring is op %(date)s gemaakt door Wijkkracht. Alleen uren die een beroepskracht van het "
                "wijkcentrum heeft goedgekeurd, staan erin."
            )
            % {"date": formats.date_format(today, "j F Y")}
        ),
    )
    return bytes(pdf.output())
