import contextlib
import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, router, transaction

from wijkkracht.demo.scale import SCALES, seed_scale
from wijkkracht.demo.seed import refuse_outside_demo, seed_demo


class _Everything:
    """Sends every read and write to one alias while seeding another database than the default."""

    def __init__(self, alias):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    db_for_write = db_for_read


@contextlib.contextmanager
def _routed(alias):
    if alias == DEFAULT_DB_ALIAS:
        yield
        return
    routers = router.routers  # cached list
    routers.insert(0, _Everything(alias))
    try:
        # Services open transactions on the default alias; make the chosen alias atomic too.
        with transaction.atomic(using=alias):
            yield
    finally:
        routers.pop(0)


class Command(BaseCommand):
    help = "Seed deterministic benchmark data (the demo data set plus people at a named scale). See docs/demo.md."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="amstelveen")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, scale, database, **options):
        refuse_outside_demo("seed_scale")
        started = time.perf_counter()
        log = (lambda line: None) if options["verbosity"] < 1 else self.stdout.write
        size = SCALES[scale]
        with _routed(database):
            seed_demo(log=log)
            seed_scale(size, using=database, log=log)
        log(self.style.SUCCESS(f"Scale {scale} ready in {time.perf_counter() - started:.1f} s."))
