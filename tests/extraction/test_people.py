"""People, their positions and their sides."""

import pytest

from meetings.extraction.people import find_people, mask_honorifics


def people(sentence: str):
    return [(p.display, p.title) for p in find_people(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Turkish President Recep Tayyip Erdogan arrived.",
            [("Recep Tayyip Erdogan", "Turkish President")],
        ),
        (
            "Ahmad Farooq, Director General Counter Terrorism, Ministry of Foreign Affairs led the "
            "delegation.",
            [("Ahmad Farooq", "Director General Counter Terrorism, Ministry of Foreign Affairs")],
        ),
        (
            "the Emir of Qatar, Sheikh Tamim bin Hamad Al Thani, arrived.",
            [("Tamim bin Hamad Al Thani", "Emir of Qatar")],
        ),
        (
            "His Highness the Amir Sheikh Tamim bin Hamad Al-Thani arrived.",
            [("Tamim bin Hamad Al-Thani", "Amir")],
        ),
        (
            "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, spoke.",
            [("Yoko Kamikawa", "Minister for Foreign Affairs of Japan")],
        ),
        (
            "H.E. Mr. Sun Weidong, Vice Minister of Foreign Affairs of China, spoke.",
            [("Sun Weidong", "Vice Minister of Foreign Affairs of China")],
        ),
        ("Prime Minister Dr. Mostafa Madbouly spoke.", [("Mostafa Madbouly", "Prime Minister")]),
        (
            "External Affairs Minister Dr. S. Jaishankar spoke.",
            [("S. Jaishankar", "External Affairs Minister")],
        ),
        ("Foreign Minister Dr. A K Abdul Momen spoke.", [("A K Abdul Momen", "Foreign Minister")]),
        (
            "Makhdoom Shah Mahmood Qureshi, Foreign Minister of Pakistan, spoke.",
            [("Shah Mahmood Qureshi", "Foreign Minister of Pakistan")],
        ),
        ("The talks were held at the Vahdettin Pavilion in Istanbul.", []),
    ],
)
def test_find_people_reads_names_and_titles(sentence, expected):
    assert people(sentence) == expected


def test_find_people_title_after_led_by_keeps_commas_and_lower_case():
    sentence = (
        "The Brazilian delegation was headed by Under-Secretary General, ad interim, for "
        "Asia and the Pacific Ary Quintella and included Brazil's Ambassador to "
        "Pakistan, Claudio Lins."
    )

    found = find_people(sentence)

    assert [(p.display, p.title, p.lead_party, p.member) for p in found] == [
        (
            "Ary Quintella",
            "Under-Secretary General, ad interim, for Asia and the Pacific",
            "BRA",
            False,
        ),
        ("Claudio Lins", "Brazil's Ambassador to Pakistan", None, True),
    ]


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Foreign Secretary Masud Bin Momen led the Bangladesh delegation.", "BGD"),
        ("The Nepali side was led by Foreign Secretary Sewa Lamsal.", "NPL"),
        ("The Russian side was represented by Vladimir Tarabrin.", "RUS"),
        ("The Indian team was headed by Joint Secretary Vikram Misri.", "IND"),
        ("It was headed on the Kyrgyz side by Deputy Prime Minister Ulukbek Maripov.", "KGZ"),
        ("Japan was represented by Prime Minister Fumio Kishida.", "JPN"),
        ("Minister Rajnath Singh represented India at the talks.", "IND"),
        (
            "Uganda's delegation was led by the Minister of Trade, Industry and Cooperatives, "
            "Francis Mwebesa.",
            "UGA",
        ),
        ("Zimbabwe's side was headed by Foreign Minister Frederick Shava.", "ZWE"),
        (
            "The talks went well, while Kenya was represented by Cabinet Secretary for Industry, "
            "Trade and Enterprise Development Moses Kuria.",
            "KEN",
        ),
    ],
)
def test_find_people_reads_which_side_a_head_leads(sentence, party):
    assert find_people(sentence)[0].lead_party == party


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Uganda's delegation was led by the Minister of Trade, Industry and Cooperatives, "
            "Francis Mwebesa, while Kenya was represented by Cabinet Secretary for Industry, "
            "Trade and Enterprise Development Moses Kuria.",
            [
                ("Francis Mwebesa", "Minister of Trade, Industry and Cooperatives"),
                ("Moses Kuria", "Cabinet Secretary for Industry, Trade and Enterprise Development"),
            ],
        ),
        (
            "The delegation was led by the Minister of Trade, Amina Mohamed, and the Minister of "
            "Defence, Aden Duale.",
            [("Amina Mohamed", "Minister of Trade"), ("Aden Duale", "Minister of Defence")],
        ),
        (
            "The Japanese side was headed by Mr. OKANO Masataka, Vice-Minister for Foreign "
            "Affairs.",
            [("Masataka Okano", "Vice-Minister for Foreign Affairs")],
        ),
        (
            "It was led by Mr. Philip Barton, Permanent Under-Secretary of the Foreign, "
            "Commonwealth and Development Office.",
            [
                (
                    "Philip Barton",
                    "Permanent Under-Secretary of the Foreign, Commonwealth and Development Office",
                )
            ],
        ),
        (
            "It was chaired by Minister of Foreign Affairs Prince Faisal bin Farhan.",
            [("Faisal bin Farhan", "Minister of Foreign Affairs")],
        ),
        (
            "Canada was represented by Minister of International Trade, Export Promotion, Small "
            "Business and Economic Development Mary Ng.",
            [
                (
                    "Mary Ng",
                    "Minister of International Trade, Export Promotion, Small Business and "
                    "Economic Development",
                )
            ],
        ),
        (
            "Saudi Crown Prince Mohammed bin Salman arrived.",
            [("Mohammed bin Salman", "Saudi Crown Prince")],
        ),
    ],
)
def test_find_people_portfolio_titles_and_styles(sentence, expected):
    assert [(m.display, m.title) for m in find_people(sentence)] == expected


def test_find_people_counterpart_gives_side_without_title():
    found = find_people(
        "co-chaired by Deputy Foreign Minister Oleg Syromolotov and his "
        "Pakistani counterpart Nabil Munir."
    )

    assert [(p.display, p.title, p.counterpart_party) for p in found] == [
        ("Oleg Syromolotov", "Deputy Foreign Minister", None),
        ("Nabil Munir", None, "PAK"),
    ]


def test_find_people_pair_shares_the_side_named_after_it():
    found = find_people("Minister Anil Sharma and Minister Rahul Singh represented India.")

    assert [p.lead_party for p in found] == ["IND", "IND"]


def test_mask_honorifics_keeps_offsets():
    text = "H.E. Mr. Wang Yi and His Highness the Amir"

    masked = mask_honorifics(text)

    assert len(masked) == len(text)
    assert masked.split() == ["Wang", "Yi", "and", "the", "Amir"]


def test_find_people_of_country_after_name_and_no_title_across_people():
    found = find_people(
        "The talks were led by Deputy Foreign Minister Sergei Ryabkov of Russia "
        "and Under Secretary Bonnie Jenkins of the United States."
    )

    assert [(p.display, p.title, p.title_party) for p in found] == [
        ("Sergei Ryabkov", "Deputy Foreign Minister", "RUS"),
        ("Bonnie Jenkins", "Under Secretary", "USA"),
    ]


def test_find_people_law_officer_title_is_not_part_of_the_name():
    assert people("Attorney-General Mark Dreyfus led the Australian delegation.") == [
        ("Mark Dreyfus", "Attorney-General")
    ]
