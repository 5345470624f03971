"""PostgreSQL keeps the data version in a sequence (ocop.catalogue.freshness._bump_sequence)."""

from django.db import migrations

SEQUENCE = "catalogue_data_version_seq"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE SEQUENCE IF NOT EXISTS "{SEQUENCE}"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP SEQUENCE IF EXISTS "{SEQUENCE}"')


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_data_version")]

    operations = [migrations.RunPython(create, drop)]
