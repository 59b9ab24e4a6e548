"""The model is called what every page, URL and filter calls it: a series.

Renames in place (tables, the session foreign key and the many-to-many columns keep
their rows). On PostgreSQL the indexes, constraints and sequences named after the old
table or column are renamed to match, so that query plans and error messages say
`series` too; undoing the migration renames back only the indexes of migration 0002
(the others work under either name).
"""

from django.db import migrations, models

RENAMED_INDEXES = [
    ("meetings_workinggroup_name_fts", "meetings_series_name_fts"),
    ("meetings_session_group_status_date", "meetings_session_series_status_date"),
    ("meetings_workinggroup_created_at", "meetings_series_created_at"),
]


def _rename_indexes(pairs):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for old, new in pairs:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {old} RENAME TO {new}")

    return run


# Django-named objects on the renamed tables: primary keys, unique and foreign-key
# constraints (their indexes follow), the remaining indexes, and the id sequences.
OLD_NAMES_SQL = """
SELECT 'constraint', rel.relname, con.conname FROM pg_constraint con
  JOIN pg_class rel ON rel.oid = con.conrelid
 WHERE rel.relname LIKE 'meetings_s%' AND (con.conname LIKE '%workinggrou%'
       OR con.conname LIKE '%working_group%')
UNION ALL
SELECT 'index', tablename, indexname FROM pg_indexes
 WHERE tablename LIKE 'meetings_s%' AND (indexname LIKE '%workinggrou%'
       OR indexname LIKE '%working_group%')
   AND indexname NOT IN (SELECT conname FROM pg_constraint)
UNION ALL
SELECT 'sequence', '', relname FROM pg_class
 WHERE relkind = 'S' AND relname LIKE 'meetings_workinggrou%'
"""


def _rename_generated_names(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(OLD_NAMES_SQL)
        found = cursor.fetchall()
    for what, table, old in found:
        # Long names were cut by Django: "meetings_workinggrou_country_id_..._fk".
        new = (
            old.replace("workinggroup", "series")
            .replace("workinggrou", "series")
            .replace("working_group", "series")
        )
        if what == "constraint":
            schema_editor.execute(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{old}" TO "{new}"')
        elif what == "index":
            schema_editor.execute(f'ALTER INDEX "{old}" RENAME TO "{new}"')
        else:
            schema_editor.execute(f'ALTER SEQUENCE "{old}" RENAME TO "{new}"')


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_search_indexes")]

    operations = [
        # The constraint names the field being renamed; it is put back below unchanged.
        migrations.RemoveConstraint(model_name="session", name="session_unique_number_in_series"),
        migrations.RenameModel(old_name="WorkingGroup", new_name="Series"),
        migrations.AlterModelOptions(
            name="series",
            options={"ordering": ["name"], "verbose_name_plural": "series"},
        ),
        migrations.AlterField(
            model_name="series",
            name="organizations",
            field=models.ManyToManyField(
                blank=True, related_name="series", to="meetings.organization"
            ),
        ),
        migrations.AlterField(
            model_name="series",
            name="parties",
            field=models.ManyToManyField(blank=True, related_name="series", to="meetings.country"),
        ),
        migrations.RenameField(model_name="session", old_name="working_group", new_name="series"),
        migrations.AlterModelOptions(
            name="session",
            options={"ordering": ["series", "start_date", "number"]},
        ),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.UniqueConstraint(
                condition=models.Q(number__isnull=False),
                fields=("series", "number"),
                name="session_unique_number_in_series",
            ),
        ),
        migrations.RunPython(
            _rename_indexes(RENAMED_INDEXES),
            _rename_indexes([(new, old) for old, new in RENAMED_INDEXES]),
            elidable=False,
        ),
        migrations.RunPython(_rename_generated_names, migrations.RunPython.noop, elidable=False),
    ]
