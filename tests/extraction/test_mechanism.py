"""Mechanism names, kinds, topics, parties, organisations and ordinals."""

import pytest

from meetings.extraction.mechanism import find_mechanisms


def one(sentence: str):
    mechs = find_mechanisms(sentence)
    assert mechs, sentence
    return mechs[0]


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "topic", "parties"),
    [
        (
            "The eighth meeting of the Russia-Pakistan Joint Working Group on Counter-terrorism "
            "was held in Moscow.",
            "Russia-Pakistan Joint Working Group on Counter-terrorism",
            "joint-working-group",
            "counter-terrorism",
            ["RUS", "PAK"],
        ),
        (
            "The 18th meeting of the India-US JWG-CT was held.",
            "India-US JWG-CT",
            "joint-working-group",
            None,
            ["IND", "USA"],
        ),
        (
            "The third round of Foreign Office Consultations (FOC) between Bangladesh and Nepal "
            "was held.",
            "Foreign Office Consultations (FOC) between Bangladesh and Nepal",
            "consultations",
            None,
            ["BGD", "NPL"],
        ),
        (
            "The 5th Indo-Bangladesh JCM took place.",
            "Indo-Bangladesh JCM",
            "joint-commission",
            None,
            ["IND", "BGD"],
        ),
        (
            "The Sino-Russian Intergovernmental Commission on Investment Cooperation met.",
            "Sino-Russian Intergovernmental Commission on Investment Cooperation",
            "joint-commission",
            "investment",
            ["CHN", "RUS"],
        ),
        (
            "The Russo-Japanese Strategic Dialogue resumed.",
            "Russo-Japanese Strategic Dialogue",
            "dialogue",
            None,
            ["RUS", "JPN"],
        ),
        (
            "The Qatari-Turkish Supreme Strategic Committee met.",
            "Qatari-Turkish Supreme Strategic Committee",
            "committee",
            None,
            ["QAT", "TUR"],
        ),
        (
            "The XXVI Spain-France Summit on Monday.",
            "Spain-France Summit",
            "summit",
            None,
            ["ESP", "FRA"],
        ),
        (
            "The VIII meeting of the Azerbaijan-Turkey High-Level Strategic Cooperation Council.",
            "Azerbaijan-Turkey High-Level Strategic Cooperation Council",
            "summit",
            None,
            ["AZE", "TUR"],
        ),
        (
            "The inaugural trilateral meeting of the foreign ministers of Azerbaijan, Turkey and "
            "Pakistan was held.",
            "trilateral meeting of the foreign ministers of Azerbaijan, Turkey and Pakistan",
            "ministerial",
            None,
            ["AZE", "TUR", "PAK"],
        ),
        (
            "The 4th round of Pakistan-Brazil Bilateral Political Consultations was held.",
            "Pakistan-Brazil Bilateral Political Consultations",
            "consultations",
            "political",
            ["PAK", "BRA"],
        ),
        (
            "The Kenya-Uganda Joint Permanent Commission met.",
            "Kenya-Uganda Joint Permanent Commission",
            "joint-commission",
            None,
            ["KEN", "UGA"],
        ),
        (
            "The Kazakhstan–Uzbekistan Joint Working Group on Water Resources met.",
            "Kazakhstan–Uzbekistan Joint Working Group on Water Resources",
            "joint-working-group",
            "water",
            ["KAZ", "UZB"],
        ),
        (
            "A year late, the India-Pakistan Permanent Indus Commission met in Lahore.",
            "India-Pakistan Permanent Indus Commission",
            "joint-commission",
            "water",
            ["IND", "PAK"],
        ),
        (
            "The Ghana-Togo Joint Commission on River Volta met in Accra.",
            "Ghana-Togo Joint Commission on River Volta",
            "joint-commission",
            "water",
            ["GHA", "TGO"],
        ),
        (
            "The Ghana-Togo Joint Commission on Demarcation of the Maritime Boundary met.",
            "Ghana-Togo Joint Commission on Demarcation of the Maritime Boundary",
            "joint-commission",
            "maritime",
            ["GHA", "TGO"],
        ),
        (
            "The second Ghana – Togo Joint Ministerial Commission has ended in Accra.",
            "Ghana – Togo Joint Ministerial Commission",
            "joint-commission",
            None,
            ["GHA", "TGO"],
        ),
        (
            "The delegation level consultative meeting between Ghana and Togo began in Accra.",
            "delegation level consultative meeting between Ghana and Togo",
            "consultations",
            None,
            ["GHA", "TGO"],
        ),
        (
            "The third Consultative Meeting of the Heads of State of West Africa took place.",
            "Consultative Meeting of the Heads of State",
            "summit",
            None,
            [],
        ),
        (
            "The 3rd Ghana-Togo Expert Group Meeting on Maritime Security was held in Accra.",
            "Ghana-Togo Expert Group Meeting on Maritime Security",
            "expert-group",
            "maritime",
            ["GHA", "TGO"],
        ),
        (
            "The Ghana-Togo Joint Commission on Delimitation and Demarcation met.",
            "Ghana-Togo Joint Commission on Delimitation and Demarcation",
            "joint-commission",
            "border",
            ["GHA", "TGO"],
        ),
    ],
)
def test_find_mechanisms_reads_names(sentence, name, kind, topic, parties):
    mech = one(sentence)

    assert (mech.name, mech.kind, mech.topic, mech.parties) == (name, kind, topic, parties)


@pytest.mark.parametrize(
    ("sentence", "orgs", "parties", "kind"),
    [
        ("The 14th EU-Japan Summit took place.", ["EU"], ["JPN"], "summit"),
        ("The 43rd ASEAN Summit opened.", ["ASEAN"], [], "summit"),
        ("The 156th session of the GCC Ministerial Council was held.", ["GCC"], [], "ministerial"),
        ("The GUAM Council of Ministers of Foreign Affairs met.", ["GUAM"], [], "ministerial"),
        ("The SCO Council of Heads of State met.", ["SCO"], [], "summit"),
        ("The 15th BRICS Summit opened.", ["BRICS"], [], "summit"),
        ("The AU-EU Ministerial Meeting took place.", ["AU", "EU"], [], "ministerial"),
        ("The 20th EU-Kazakhstan Cooperation Council met.", ["EU"], ["KAZ"], "other"),
        ("The EU-Tunisia Association Council met in Brussels.", ["EU"], ["TUN"], "other"),
        ("The EU-Armenia Partnership Council met.", ["EU"], ["ARM"], "other"),
        (
            "The EU-Kazakhstan Cooperation Council of heads of state met.",
            ["EU"],
            ["KAZ"],
            "summit",
        ),
        (
            "The foreign ministers of the Gulf Cooperation Council (GCC) states and Morocco held "
            "their fifth joint ministerial meeting.",
            ["GCC"],
            ["MAR"],
            "ministerial",
        ),
    ],
)
def test_find_mechanisms_reads_organisations(sentence, orgs, parties, kind):
    mech = one(sentence)

    assert (mech.organizations, mech.parties, mech.kind) == (orgs, parties, kind)


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("The 8th meeting of the India-Japan Joint Working Group was held.", 8),
        ("The eighth meeting of the India-Japan Joint Working Group was held.", 8),
        ("The Eighth meeting of the India-Japan Joint Working Group was held.", 8),
        ("The VIII meeting of the India-Japan Joint Working Group was held.", 8),
        ("The second round of the India-Japan Strategic Dialogue was held.", 2),
        ("The 17th session of the India-Japan Joint Commission was held.", 17),
        ("The thirty-second session of the Egyptian-Jordanian Joint Higher Committee.", 32),
        ("The inaugural India-Japan Maritime Dialogue was held.", 1),
        ("The first-ever India-Japan Maritime Dialogue was held.", 1),
        ("The India-Japan Joint Working Group held its 21st meeting.", 21),
        ("Their first joint consultations since 2018 were held.", None),
        ("Their first three-way talks in four years were held by the foreign ministers.", None),
        ("The India-Japan Joint Working Group met.", None),
        (
            "The eighth meeting of the Working Mechanism for Consultation and Coordination on "
            "India-China Border Affairs (WMCC) was held in Beijing on Tuesday.",
            8,
        ),
    ],
)
def test_find_mechanisms_reads_ordinals(sentence, number):
    assert one(sentence).number == number


def test_find_mechanisms_long_mechanism_name_with_nested_phrases():
    mech = one(
        "The eighth meeting of the Working Mechanism for Consultation and Coordination on "
        "India-China Border Affairs (WMCC) was held in Beijing on Tuesday."
    )

    assert mech.name == (
        "Working Mechanism for Consultation and Coordination on India-China Border Affairs"
    )
    assert (mech.topic, sorted(mech.parties)) == ("border", ["CHN", "IND"])


def test_find_mechanisms_council_at_ministers_level_is_ministerial():
    mech = one(
        "The third meeting of the Saudi-Egyptian Coordination Council at the level of "
        "foreign ministers was held."
    )

    assert mech.kind == "ministerial"


def test_find_mechanisms_organisation_name_is_not_a_mechanism():
    assert (
        find_mechanisms("The European Commission said the Gulf Cooperation Council agreed.") == []
    )


def test_find_mechanisms_flags_company_and_domestic_groups():
    company = one("The joint working group set up by two companies held its third meeting.")
    domestic = one("The Punjab government's working group on smog held its eighth meeting.")
    sport = one("The working group of the Asian football confederation held its meeting.")

    assert (company.non_state, domestic.non_state, sport.non_state) == (True, True, True)


def test_find_mechanisms_ordinal_after_an_appositive():
    mech = one(
        "The Kazakh-Uzbek Joint Commission, which was set up in 1998, held its 20th "
        "session in Tashkent."
    )

    assert mech.number == 20


def test_find_mechanisms_met_for_the_nth_time():
    assert one("The India-Japan Joint Working Group met for the fourth time.").number == 4


def test_find_mechanisms_possessive_ordinal():
    mech = one("The Iran-Iraq Joint Economic Commission's 5th session opened in Baghdad.")

    assert (mech.name, mech.number) == ("Iran-Iraq Joint Economic Commission", 5)
