"""Search tests each word as a case-insensitive substring first (`UPPER(column::text)
LIKE UPPER('%word%')` on PostgreSQL), then, for short words only, as the start of a
word: the trigram indexes are rebuilt on the upper-case expressions, as migration 0004
had them, so the substring test (the one that scans) is the one served.
"""

from django.db import migrations

INDEXES = {
    "meetings_series_name_trgm": ("meetings_series", "name"),
    "meetings_series_other_names_trgm": ("meetings_series", "other_names"),
    "meetings_session_city_trgm": ("meetings_session", "city"),
    "meetings_official_name_trgm": ("meetings_official", "name"),
}


def _build(expression):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(
                f"CREATE INDEX {name} ON {table} "
                f"USING gin (({expression.format(column=column)}) gin_trgm_ops)"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_search_word_start_indexes")]

    operations = [
        migrations.RunPython(
            _build("UPPER({column}::text)"), _build("{column}::text"), elidable=False
        )
    ]
