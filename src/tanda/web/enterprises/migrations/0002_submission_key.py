"""Submissions get one integer primary key packing (unit, year, month, fuel, direction).

It replaces the id column and the five-column unique index, so that a bulk import maintains one
index instead of two; rows already stored (and their history) get their key from their columns.
"""

from django.db import migrations, models
from django.db.models.lookups import Exact

from tanda.enterprises.submissions import (
    KEY_MONTH_BITS,
    KEY_MONTH_SHIFT,
    KEY_UNIT_SHIFT,
    KEY_YEAR_BITS,
    KEY_YEAR_SHIFT,
    KEY_YEAR_ZERO,
    key_of,
)


def fill_keys(apps, schema_editor):
    for name in ("Submission", "HistoricalSubmission"):
        model = apps.get_model("enterprises", name)
        batch = []
        for row in model.objects.all().iterator(chunk_size=10_000):
            row.key = key_of(row.enterprise_id, row.year, row.month, row.fuel, row.direction)
            batch.append(row)
            if len(batch) == 10_000:
                model.objects.bulk_update(batch, ["key"])
                batch = []
        model.objects.bulk_update(batch, ["key"])


def key_matches_columns():
    key = models.F("key")
    out = Exact(key.bitand(1), 1)
    return (
        models.Q(enterprise_id=key.bitrightshift(KEY_UNIT_SHIFT))
        & models.Q(year=key.bitrightshift(KEY_YEAR_SHIFT).bitand((1 << KEY_YEAR_BITS) - 1) + KEY_YEAR_ZERO)
        & models.Q(month=key.bitrightshift(KEY_MONTH_SHIFT).bitand((1 << KEY_MONTH_BITS) - 1))
        & ((models.Q(direction="out") & models.Q(out)) | (models.Q(direction="in") & ~models.Q(out)))
    )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="submission", name="one_submission_per_unit_month_fuel"),
        migrations.AddField(model_name="submission", name="key", field=models.BigIntegerField(null=True)),
        migrations.AddField(
            model_name="historicalsubmission", name="key", field=models.BigIntegerField(null=True, db_index=True)
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(  # not null first, then primary key: so that the reverse runs in the right order
            model_name="submission", name="key", field=models.BigIntegerField(editable=False)
        ),
        migrations.RemoveField(model_name="submission", name="id"),
        migrations.AlterField(
            model_name="submission",
            name="key",
            field=models.BigIntegerField(editable=False, primary_key=True, serialize=False),
        ),
        migrations.RemoveField(model_name="historicalsubmission", name="id"),
        migrations.AlterField(
            model_name="historicalsubmission",
            name="key",
            field=models.BigIntegerField(db_index=True, editable=False),
        ),
        migrations.AlterModelOptions(
            name="submission",
            options={"ordering": ["key"], "verbose_name": "能耗填报", "verbose_name_plural": "能耗填报"},
        ),
        migrations.AddConstraint(
            model_name="submission",
            constraint=models.CheckConstraint(condition=key_matches_columns(), name="submission_key_matches_columns"),
        ),
    ]
