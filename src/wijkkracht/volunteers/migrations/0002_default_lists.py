"""The lists volunteers start with; administrators change them in the admin (they are data, not code)."""

from django.db import migrations

STOP_REASONS = [
    "Geen tijd meer",
    "Verhuisd",
    "Gezondheid",
    "Betaald werk gevonden",
    "Ander vrijwilligerswerk",
    "Past niet meer bij mij",
    "Anders",
]
SKILLS = [
    "Koken",
    "Autorijden",
    "Fietsen",
    "Computer en telefoon",
    "Taalles geven",
    "Administratie",
    "Klussen",
    "Tuinieren",
    "Muziek",
    "Sport en bewegen",
    "Gastvrouw of gastheer",
    "Gesprekken voeren",
]
INTERESTS = ["Ouderen", "Jeugd", "Taal", "Cultuur", "Natuur", "Ontmoeting", "Sport", "Mantelzorg"]


def add(apps, schema_editor):
    StopReason = apps.get_model("volunteers", "StopReason")
    Tag = apps.get_model("volunteers", "Tag")
    for order, name in enumerate(STOP_REASONS, 1):
        StopReason.objects.get_or_create(name=name, defaults={"order": order})
    for kind, names in (("skill", SKILLS), ("interest", INTERESTS)):
        for name in names:
            Tag.objects.get_or_create(kind=kind, name=name)


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
