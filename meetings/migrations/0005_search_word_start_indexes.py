"""Search matches words at the start of a word ("sco" finds SCO, not Moscow), through a
case-insensitive regular expression (`column::text ~* '\\mword'` on PostgreSQL). Trigram
indexes serve such expressions when they are built on the column itself rather than on
its upper case, as migration 0004 built them; they are rebuilt so.
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
    dependencies = [("meetings", "0004_search_trigram_indexes")]

    operations = [
        migrations.RunPython(
            _build("{column}::text"), _build("UPPER({column}::text)"), elidable=False
        )
    ]
