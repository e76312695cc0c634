import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkkracht.places.services import ImportError_, areas_import


class Command(BaseCommand):
    help = "Load CBS neighbourhood boundaries (GeoJSON, lon/lat) with their districts and municipality."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(_("Bestand niet gevonden: %(file)s") % {"file": file}) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(_("%(file)s: het bestand is geen UTF-8-tekst.") % {"file": file}) from exc
        except OSError as exc:
            raise CommandError(
                _("Bestand %(file)s kan niet worden gelezen: %(error)s") % {"file": file, "error": exc.strerror or exc}
            ) from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                _("%(file)s, regel %(line)d: geen geldige JSON (%(error)s).")
                % {"file": file, "line": exc.lineno, "error": exc.msg}
            ) from exc
        try:
            result = areas_import(data=data)
        except ImportError_ as exc:
            raise CommandError(f"{file}: {exc}") from exc
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
