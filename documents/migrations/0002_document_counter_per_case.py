"""Document counters per case and series (rulings, decisions) instead of per court, year and kind: documents now
carry their case's number, rulings and decisions with 之一, 之二 … The old court-wide counters number nothing any
more and are dropped; documents already issued keep the numbers they were issued with."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_job_runs"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="DocumentCounter"),
        migrations.CreateModel(
            name="DocumentCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("series", models.CharField(choices=[("ruling", "裁定书"), ("decision", "决定书")], max_length=12,
                                            verbose_name="文书系列")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="已用最大序号")),
                ("case", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                           to="cases.enforcementcase", verbose_name="执行案件")),
            ],
            options={
                "verbose_name": "文书编号计数器",
                "verbose_name_plural": "文书编号计数器",
                "constraints": [models.UniqueConstraint(fields=("case", "series"),
                                                        name="document_counter_case_series_unique")],
            },
        ),
    ]
