import time

from django.core.management.base import BaseCommand

from wijkkracht.demo.seed import refuse_outside_demo, seed_demo


class Command(BaseCommand):
    help = "Load the demo data set: real Amstelveen areas, the real centres, synthetic people. Idempotent."

    def handle(self, *args, **options):
        refuse_outside_demo("seed_demo")
        started = time.perf_counter()
        log = (lambda line: None) if options["verbosity"] < 1 else self.stdout.write
        logins = seed_demo(log=log)
        if options["verbosity"] < 1:
            return
        self.stdout.write("")
        self.stdout.write("Demo logins (people and figures are synthetic):")
        width = max(len(row["email"]) for row in logins)
        self.stdout.write(f"  {'e-mail'.ljust(width)}  {'role'.ljust(14)}  password")
        for row in logins:
            self.stdout.write(f"  {row['email'].ljust(width)}  {str(row['role']).ljust(14)}  {row['password']}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.perf_counter() - started:.1f} s."))
