"""Seed the working-day calendar 2019–2030 from ocop/evaluation/data/calendar-vn.json.

The file was exported from the pinned ``holidays`` package (scripts/export_calendar.py): public
holidays of Bộ luật Lao động 2019 Điều 112 incl. the lunar ones, the days off announced each year
and the make-up working Saturdays (e.g. 22/08/2026 for 31/08/2026). The office edits it later.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from ocop.evaluation.reference import calendar_seed

    calendar_seed(apps.get_model("evaluation", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
