"""Search looks for words anywhere in the names of a series, its parties, officials and
venues, as a case-insensitive substring (the same on every database). On PostgreSQL
those tests (`UPPER(column::text) LIKE UPPER('%word%')`) use trigram indexes on exactly
that expression; the full-text index on the series name that the old search used goes.

Other databases get nothing; the model's state does not change.
"""

from django.db import migrations

TRIGRAM_INDEXES = {
    "meetings_series_name_trgm": ("meetings_series", "name"),
    "meetings_series_other_names_trgm": ("meetings_series", "other_names"),
    "meetings_session_city_trgm": ("meetings_session", "city"),
    "meetings_official_name_trgm": ("meetings_official", "name"),
}
OLD_FTS = (
    "CREATE INDEX IF NOT EXISTS meetings_series_name_fts ON meetings_series "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(name, '')))"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )
    schema_editor.execute("DROP INDEX IF EXISTS meetings_series_name_fts")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(OLD_FTS)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_rename_workinggroup_to_series")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
