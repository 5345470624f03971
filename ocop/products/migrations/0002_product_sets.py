"""Load the 26 product sets of QĐ 26/2026 Annex I from ocop/products/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from ocop.products.reference import product_sets_load

    product_sets_load(apps.get_model("products", "ProductSet"))


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
