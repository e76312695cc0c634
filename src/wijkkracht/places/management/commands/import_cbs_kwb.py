import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from wijkkracht.places.importfile import YEAR_MAX, YEAR_MIN
from wijkkracht.places.services import ImportError_, population_figures_import

EXIT_BAD_INPUT = 2

LARGE_FILE_BYTES = 200_000


class Command(BaseCommand):
    help = (
        "Load CBS 'Kerncijfers wijken en buurten' (OData JSON TypedDataSet or CSV) into population figures. "
        "Idempotent per region and year; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, help="Year of the figures; default: the Perioden column.")
        parser.add_argument("--source", default="", help="Source text shown with the figures.")
        parser.add_argument("--synthetic", action="store_true", help="Mark the figures as generated demo data.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, file: Path, year: int | None, source: str, synthetic: bool, quiet: bool, **options):
        if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
            raise CommandError(
                _("--year %(year)d is geen jaar van %(min)d tot en met %(max)d.")
                % {"year": year, "min": YEAR_MIN, "max": YEAR_MAX},
                returncode=EXIT_BAD_INPUT,
            )
        try:
            large = file.stat().st_size >= LARGE_FILE_BYTES
        except OSError:
            large = False
        show = large and not quiet and sys.stderr.isatty()
        started = time.perf_counter()
        with tqdm(desc=_("regio's"), unit="", file=sys.stderr, disable=not show, leave=False) as bar:
            try:
                result = population_figures_import(
                    path=file, year=year, source=source, synthetic=synthetic, progress=bar.update
                )
            except ImportError_ as exc:
                raise CommandError(f"{file}: {exc}", returncode=EXIT_BAD_INPUT) from exc
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                _("%(n)d regio's geladen voor %(years)s (%(c)d nieuw, %(u)d bijgewerkt) in %(s).1f s.")
                % {
                    "n": result.loaded,
                    "years": ", ".join(map(str, result.years)) or "–",
                    "c": result.created,
                    "u": result.updated,
                    "s": seconds,
                }
            )
        )
        skipped = sum(result.skipped.values())
        if skipped:
            self.stdout.write(_("%(n)d rijen overgeslagen:") % {"n": skipped})
            for line in result.skipped_text():
                self.stdout.write(f"  {line}")
