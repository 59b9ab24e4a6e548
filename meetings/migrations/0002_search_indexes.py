"""PostgreSQL-only indexes for the list pages.

- A GIN index on the text-search vector of the series name, the exact expression that
  `WorkingGroupQuerySet.search()` filters on, so full-text search uses it.
- A btree index on sessions by (series, status, start date), which the "latest session"
  and "next session" subqueries of the series list read in index order.
- Sessions by date in both orders the sessions list sorts by (undated last), with the id
  as tie-breaker, so any page is an index scan (the paginator reads pages past the middle
  in reverse index order).
- The newest session change and the newest series, which the series list reads on every
  request to know whether its remembered order is still good.

Other databases (SQLite in development and tests) get nothing: the search there is a
plain `icontains`, and the model's state does not change, so `makemigrations --check`
stays clean.
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS meetings_workinggroup_name_fts ON meetings_workinggroup "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(name, '')))",
    "CREATE INDEX IF NOT EXISTS meetings_session_group_status_date ON meetings_session "
    "(working_group_id, status, start_date)",
    "CREATE INDEX IF NOT EXISTS meetings_session_newest ON meetings_session "
    "(start_date DESC NULLS LAST, id DESC)",
    "CREATE INDEX IF NOT EXISTS meetings_session_oldest ON meetings_session "
    "(start_date ASC NULLS LAST, id ASC)",
    "CREATE INDEX IF NOT EXISTS meetings_session_updated_at ON meetings_session (updated_at)",
    "CREATE INDEX IF NOT EXISTS meetings_workinggroup_created_at ON meetings_workinggroup "
    "(created_at)",
]
DROP = [
    "DROP INDEX IF EXISTS meetings_workinggroup_name_fts",
    "DROP INDEX IF EXISTS meetings_session_group_status_date",
    "DROP INDEX IF EXISTS meetings_session_newest",
    "DROP INDEX IF EXISTS meetings_session_oldest",
    "DROP INDEX IF EXISTS meetings_session_updated_at",
    "DROP INDEX IF EXISTS meetings_workinggroup_created_at",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
