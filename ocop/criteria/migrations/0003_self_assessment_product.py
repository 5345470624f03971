"""Self-assessments belong to a product of the registry (no self-assessment exists before this)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("criteria", "0002_load_editions"),
        ("products", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="selfassessment",
            name="product",
            field=models.ForeignKey(
                default=0,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="self_assessments",
                to="products.product",
                verbose_name="product",
            ),
            preserve_default=False,
        ),
    ]
