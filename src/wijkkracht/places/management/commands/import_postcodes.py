from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.places.services import ImportError_, postcode_table_import


class Command(BaseCommand):
    help = (
        "Load CBS 'Postcode huisnummer wijk buurt' (CSV, or the ZIP CBS publishes) so residents can find their "
        "district by postcode. Replaces the table; lines of neighbourhoods that are not loaded are skipped. "
        "Load the neighbourhoods first (import_areas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            result = postcode_table_import(path=file)
        except ImportError_ as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("%(p)d postcodes geladen in %(b)d buurten (%(l)d regels gelezen, %(s)d overgeslagen).")
                % {
                    "p": result.postcodes,
                    "b": result.neighbourhoods,
                    "l": result.lines,
                    "s": result.skipped_other_areas,
                }
            )
        )
        if result.split:
            self.stdout.write(
                _("%(n)d postcodes liggen in meer dan één buurt: die horen bij de buurt met de meeste adressen.")
                % {"n": result.split}
            )
