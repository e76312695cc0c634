from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.places.importfile import FileFormatError, element_line, load_json
from wijkkracht.places.services import ImportError_, areas_import

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Load CBS neighbourhood boundaries (GeoJSON, lon/lat) with their districts and municipality. "
        "Only the neighbourhoods in the file change; district and municipality outlines are rebuilt from all "
        "their neighbourhoods. Bad input exits with code 2 and a message naming the file and line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        def fail(message: str):
            return CommandError(f"{file}: {message}", returncode=EXIT_BAD_INPUT)

        try:
            text = file.read_bytes().decode("utf-8-sig")
        except FileNotFoundError as exc:
            raise CommandError(
                _("Bestand niet gevonden: %(file)s") % {"file": file}, returncode=EXIT_BAD_INPUT
            ) from exc
        except UnicodeDecodeError as exc:
            raise fail(
                _("regel %(line)d: het bestand is geen UTF-8-tekst.")
                % {"line": exc.object[: exc.start].count(b"\n") + 1}
            ) from exc
        except OSError as exc:
            raise CommandError(
                _("Bestand %(file)s kan niet worden gelezen: %(error)s") % {"file": file, "error": exc.strerror or exc},
                returncode=EXIT_BAD_INPUT,
            ) from exc
        try:
            data = load_json(text)
        except FileFormatError as exc:
            raise fail(str(exc)) from exc
        try:
            result = areas_import(data=data)
        except ImportError_ as exc:
            line = element_line(text, exc.feature, "features") if exc.feature else None
            raise fail(f"{_('regel %(line)d') % {'line': line}}, {exc}" if line else str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("%(m)d gemeente(n), %(d)d wijken, %(n)d buurten geladen (%(c)d nieuw, %(u)d bijgewerkt).")
                % {
                    "m": result.municipalities,
                    "d": result.districts,
                    "n": result.neighbourhoods,
                    "c": result.created,
                    "u": result.updated,
                }
            )
        )
