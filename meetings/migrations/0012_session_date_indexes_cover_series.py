"""The two date orders of the sessions (newest and oldest first, migration 0002) carry
the series of each session in the index (PostgreSQL's INCLUDE): a list of the sessions
of some series in date order (a pair of countries' timeline, the sessions list filtered
by country or search) then reads its keys from the index alone, instead of fetching
every session it passes from the table to check its series.

Other databases get nothing; the model's state does not change.
"""

from django.db import migrations

ORDERS = {
    "meetings_session_newest": "start_date DESC NULLS LAST, id DESC",
    "meetings_session_oldest": "start_date ASC NULLS LAST, id ASC",
}


def _build(include):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, order in ORDERS.items():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
            schema_editor.execute(f"CREATE INDEX {name} ON meetings_session ({order}){include}")

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0011_review_queue")]

    operations = [migrations.RunPython(_build(" INCLUDE (series_id)"), _build(""), elidable=False)]
