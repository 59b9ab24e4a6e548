"""Countries, demonyms, organisations and cities."""

import pytest

from meetings.extraction.gazetteer import gazetteer


def codes(text: str) -> list[tuple[str, str]]:
    return [(e.code, e.kind) for e in gazetteer().entities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian Federation", [("RUS", "name")]),
        ("the Pakistani delegation", [("PAK", "demonym")]),
        ("the Russian side", [("RUS", "demonym")]),
        ("People's Republic of China", [("CHN", "name")]),
        ("Republic of Korea", [("KOR", "name")]),
        ("ROK", [("KOR", "name")]),
        ("Türkiye", [("TUR", "name")]),
        ("Kazakh and Uzbek", [("KAZ", "demonym"), ("UZB", "demonym")]),
        ("Emirati", [("ARE", "demonym")]),
        ("Burkinabe", [("BFA", "demonym")]),
        ("Guinea-Bissau", [("GNB", "name")]),
        ("GUAM", [("GUAM", "org")]),
        ("European Union", [("EU", "org")]),
    ],
)
def test_entities_names_and_demonyms(text, expected):
    assert codes(text) == expected


def test_entities_need_a_capital_and_exact_case_for_acronyms():
    assert codes("turkey for us and china plates") == []


def test_entities_prefix_only_before_hyphen():
    assert codes("Indo-US and Sino-Russian ties; Indo alone") == [
        ("IND", "prefix"),
        ("USA", "name"),
        ("CHN", "prefix"),
        ("RUS", "demonym"),
    ]


def test_every_pycountry_country_has_a_name_in_the_automaton():
    import pycountry

    gaz = gazetteer()
    missing = []
    for c in pycountry.countries:
        names = [
            n
            for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None))
            if n and "," not in n
        ]
        if names and not any(e.code == c.alpha_3 for n in names for e in gaz.entities(n)):
            missing.append(c.alpha_3)

    assert missing == []


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Busan", "KOR"),
        ("Montauban", "FRA"),
        ("Brasilia", "BRA"),
        ("Kiev", "UKR"),
        ("Tashkent", "UZB"),
        ("Jakarta", "IDN"),
        ("Chengdu", "CHN"),
    ],
)
def test_city_lookup(name, country):
    assert gazetteer().city(name).country == country


def test_entities_phrases_that_name_no_state_are_dropped():
    text = "Latin American desk, Indo-Pacific strategy, South China Sea, Korean Peninsula"

    assert codes(text) == []
