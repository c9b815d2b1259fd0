"""Outcome.court: the litigation case's court on its outcome, so one court's outcomes of a period are one index range
(the statistics' 申请执行率 read the province's outcomes of the period before; bench/README.md, issue 20).

Added empty, filled from the cases, then required. On PostgreSQL the fill is one UPDATE … FROM (1 M outcomes: a few
seconds); the migration runs in one transaction, so a half-filled column is never seen.
"""
import django.db.models.deletion
from django.db import migrations, models


def fill_court(apps, schema_editor):
    Outcome = apps.get_model("cases", "Outcome")
    LitigationCase = apps.get_model("cases", "LitigationCase")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("UPDATE cases_outcome o SET court_id = l.court_id FROM cases_litigationcase l "
                              "WHERE l.id = o.case_id AND o.court_id IS NULL")
        # the foreign key is checked at commit (deferred): checked now, or the NOT NULL below finds the table
        # with pending trigger events
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        return
    Outcome.objects.filter(court__isnull=True).update(
        court=models.Subquery(LitigationCase.objects.filter(pk=models.OuterRef("case_id")).values("court_id")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0013_enforcement_filed_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='outcome',
            name='court',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name='+', to='cases.court', verbose_name='法院'),
        ),
        migrations.RunPython(fill_court, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='outcome',
            name='court',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+',
                                    to='cases.court', verbose_name='法院'),
        ),
        migrations.AddIndex(
            model_name='outcome',
            index=models.Index(fields=['court', 'effective_on'], include=('id', 'case', 'kind'),
                               name='outcome_court_effective_idx'),
        ),
    ]
