"""Load the programme periods, counting rules and indicators from ocop/programme/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from ocop.programme.reference import reference_load

    reference_load(apps)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
