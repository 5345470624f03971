"""The database cache table (``ocop_cache``): the API's rate-limit counters live there, shared by
every server process (docs/adr/0004-open-data-api.md). ``ocop migrate`` creates it, so a fresh
machine, ``make run``, CI and every deployment have it without another command."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
