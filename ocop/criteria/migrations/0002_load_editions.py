"""Load the first published revision of each criteria edition from the committed files.

A correction arrives as a new migration that loads its own pin (ocop/criteria/loader.py).
"""

from django.db import migrations

from ocop.criteria.loader import PUBLISHED, load_pins

PINS = [pin for pin in PUBLISHED if pin.revision == 1]


def load(apps, schema_editor):
    load_pins(apps, PINS)


class Migration(migrations.Migration):
    dependencies = [("criteria", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
