"""End to end: one short article per case of issue 3."""

import pytest

from tests.extraction.helpers import run


def heads(report):
    return [(d.party, d.head, d.title) for d in report.delegations]


# -- venues ---------------------------------------------------------------------------


def test_extract_held_in_city_gives_city_and_country():
    report = run(
        "The 5th meeting of the India-Japan Joint Working Group on Cyber Issues was "
        "held in Tokyo on Monday.",
        date="2023-11-15",
    )

    assert (report.session.city, report.session.country, report.session.start) == (
        "Tokyo",
        "JPN",
        "2023-11-13",
    )


def test_extract_held_here_is_the_dateline_city():
    report = run(
        "ASTANA, Nov 15 (Kazinform) - The 9th meeting of the Kazakh-Kyrgyz "
        "Intergovernmental Council was held here today."
    )

    assert (report.session.city, report.session.country, report.session.start) == (
        "Astana",
        "KAZ",
        "2023-11-15",
    )


def test_extract_dateline_city_is_not_the_venue_when_another_is_named():
    report = run(
        "ISLAMABAD, Nov 15: The eighth meeting of the Russia-Pakistan Joint Working "
        "Group on Counter-terrorism held in Moscow on Tuesday."
    )

    assert (report.session.city, report.session.country) == ("Moscow", "RUS")


def test_extract_virtual_session_has_no_venue():
    report = run(
        "The 6th round of the India-Australia Foreign Office Consultations was held "
        "via video conference on 12 November."
    )

    assert (report.session.virtual, report.session.city, report.session.country) == (
        True,
        None,
        None,
    )


def test_extract_ministers_joining_by_video_do_not_make_it_virtual():
    report = run(
        "The XXVI Spain-France Summit was held on Monday in Montauban.\n\n"
        "About a dozen ministers took part in the talks by video link."
    )

    assert (report.session.virtual, report.session.city) == (False, "Montauban")


def test_extract_ministry_home_city_is_not_the_venue():
    report = run(
        "1. The 4th round of the Pakistan-Brazil Bilateral Political Consultations "
        "was held via video link on 14 November 2023.\n\n"
        "Ministry of Foreign Affairs\nIslamabad\n14 November 2023"
    )

    assert (report.session.city, report.session.virtual) == (None, True)


def test_extract_province_gives_country_only():
    report = run(
        "Foreign Minister Anil Sharma and Chinese Foreign Minister Wang Yi on Monday "
        "held the 2nd round of the China-India Strategic Dialogue on the southern "
        "Chinese island province of Hainan."
    )

    assert (report.session.city, report.session.country) == (None, "CHN")


# -- dates ----------------------------------------------------------------------------


def test_extract_never_takes_publication_date_without_a_cue():
    report = run(
        "The 3rd meeting of the Chile-Peru Joint Commission on Border Issues was held in Lima.",
        date="2023-11-15",
    )

    assert report.session.start is None


def test_extract_yesterday_and_span():
    yesterday = run("The 2nd India-Japan Maritime Dialogue was held in Tokyo yesterday.")
    span = run(
        "The 12th session of the Morocco-Senegal Joint Commission was held in Rabat "
        "from 12 to 14 November."
    )

    assert yesterday.session.start == "2023-11-14"
    assert (span.session.start, span.session.end) == ("2023-11-12", "2023-11-14")


# -- delegations ----------------------------------------------------------------------


def test_extract_co_chairs_get_sides_by_elimination():
    report = run(
        "Prime Minister Bisher Al Khasawneh and Egyptian Prime Minister Dr. Mostafa "
        "Madbouly on Monday chaired the 31st session of the Jordanian-Egyptian Joint "
        "Higher Committee in Amman."
    )

    assert sorted(heads(report)) == [
        ("EGY", "Mostafa Madbouly", "Egyptian Prime Minister"),
        ("JOR", "Bisher Al Khasawneh", "Prime Minister"),
    ]


def test_extract_three_parties_with_titles_after_names():
    report = run(
        "The Second Trilateral Meeting of the Ministers of Foreign Affairs of Kenya, "
        "Uganda and Tanzania was held in Arusha on 13 November 2023. The meeting was "
        "hosted by H.E. John Mwita, Minister of Foreign Affairs of Tanzania, with the "
        "participation of H.E. Alice Wanjiru, Minister of Foreign Affairs of Kenya, "
        "and H.E. Paul Okello, Minister of Foreign Affairs of Uganda."
    )

    assert report.series.parties == ("KEN", "TZA", "UGA")
    assert sorted(heads(report)) == [
        ("KEN", "Alice Wanjiru", "Minister of Foreign Affairs of Kenya"),
        ("TZA", "John Mwita", "Minister of Foreign Affairs of Tanzania"),
        ("UGA", "Paul Okello", "Minister of Foreign Affairs of Uganda"),
    ]


def test_extract_organisation_and_state_subject_with_member_state_chair():
    report = run(
        "RIYADH, Nov 14 (SPA) -- The GCC and Jordan held their sixth joint ministerial "
        "meeting here on Tuesday. The meeting was chaired by Oman's Foreign Minister Badr "
        "Albusaidi and attended by Jordanian Foreign Minister Ayman Safadi and GCC "
        "Secretary-General Jasem Albudaiwi."
    )

    # The GCC meets a partner: Oman, named as chair, is not a party of its own.
    assert (report.series.parties, report.series.organizations) == (("JOR",), ("GCC",))
    assert (report.session.number, report.session.city) == (6, "Riyadh")
    # The chair's link to the GCC is not stated: no head for the GCC, not its secretary.
    assert heads(report) == [("JOR", "Ayman Safadi", "Jordanian Foreign Minister")]


def test_extract_member_state_holding_the_presidency_heads_the_organisation():
    report = run(
        "RIYADH, Nov 14 (SPA) -- The foreign ministers of the GCC states and Jordan held "
        "their sixth joint ministerial meeting here on Tuesday. The meeting was chaired by "
        "Oman's Foreign Minister Badr Albusaidi, whose country holds the presidency of the "
        "GCC Ministerial Council, and attended by Jordanian Foreign Minister Ayman Safadi and "
        "GCC Secretary-General Jasem Albudaiwi."
    )

    assert sorted(heads(report)) == [
        ("GCC", "Badr Albusaidi", "Oman's Foreign Minister"),
        ("JOR", "Ayman Safadi", "Jordanian Foreign Minister"),
    ]


def test_extract_chair_acting_as_the_organisations_chair_heads_it():
    report = run(
        "JAKARTA, Sept 6 -- The 26th ASEAN-Japan Summit was held here on Wednesday. It was "
        "co-chaired by Indonesian President Joko Widodo, as the ASEAN Chair, and Japanese "
        "Prime Minister Fumio Kishida."
    )

    assert sorted(heads(report)) == [
        ("ASEAN", "Joko Widodo", "Indonesian President"),
        ("JPN", "Fumio Kishida", "Japanese Prime Minister"),
    ]


def test_extract_capital_named_as_its_country():
    report = run("The 20th EU-Kazakhstan Cooperation Council took place in Luxembourg on Monday.")

    assert (report.session.city, report.session.country) == ("Luxembourg", "LUX")
    assert report.series.kind == "other"


def test_extract_unnamed_head_has_no_delegation():
    report = run(
        "The 5th round of the Pakistan-Brazil Bilateral Political Consultations was "
        "held in Islamabad on Monday. Mr. Faisal Tirmizi, Additional Secretary, led "
        "the Pakistan delegation. The Brazilian delegation was led by the Secretary "
        "for Asia of the Ministry of External Relations of Brazil."
    )

    assert heads(report) == [("PAK", "Faisal Tirmizi", "Additional Secretary")]


# -- next session ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It was agreed to hold the next meeting in Tashkent.", (9, "Tashkent", "UZB", None)),
        ("The next meeting will take place in Uzbekistan in 2024.", (9, None, "UZB", "2024")),
        ("The group is expected to meet again in 2024.", (9, None, None, "2024")),
        ("The ninth session would be held in Astana next year.", (9, "Astana", "KAZ", "2024")),
        (
            "They agreed to hold the next round in Tashkent at a mutually convenient time.",
            (9, "Tashkent", "UZB", None),
        ),
        (
            "The group would next meet in Tashkent in the first half of 2025.",
            (9, "Tashkent", "UZB", "2025"),
        ),
        ("The group will meet again in Tashkent next year.", (9, "Tashkent", "UZB", "2024")),
        (
            "The next session is scheduled for March 2025 in Tashkent.",
            (9, "Tashkent", "UZB", "2025-03"),
        ),
        (
            "The next meeting will be held in Tashkent in early 2025.",
            (9, "Tashkent", "UZB", "2025"),
        ),
    ],
)
def test_extract_next_session(sentence, expected):
    report = run(
        "The 8th meeting of the Kazakhstan-Uzbekistan Joint Working Group on Water "
        f"was held in Astana on Monday.\n\n{sentence}"
    )
    nxt = report.next_session

    assert (nxt.number, nxt.city, nxt.country, nxt.date) == expected


def test_extract_next_session_named_by_the_mechanisms_acronym():
    report = run(
        "The 3rd meeting of the Kazakhstan-Uzbekistan Joint Commission for Bilateral "
        "Cooperation (JCBC) was held in Astana on Monday.\n\nBoth sides agreed to convene "
        "the 4th JCBC in Uzbekistan in 2025."
    )
    nxt = report.next_session

    assert (nxt.number, nxt.city, nxt.country, nxt.date) == (4, None, "UZB", "2025")


def test_extract_next_session_date_needs_a_schedule_word_before_for():
    report = run(
        "The 8th meeting of the Kazakhstan-Uzbekistan Joint Working Group on Water "
        "was held in Astana on Monday.\n\nThe next meeting will discuss the plan for 2025."
    )

    assert report.next_session.date is None


def test_extract_next_year_counts_from_the_session_not_the_publication():
    report = run(
        "The 8th meeting of the Kazakhstan-Uzbekistan Joint Working Group on Water "
        "was held in Astana on December 30, 2023.\n\nThe group will meet again in "
        "Tashkent next year.",
        date="2024-01-03",
    )

    assert report.next_session.date == "2024"


def test_extract_another_mechanisms_next_meeting_is_not_ours():
    report = run(
        "The 10th Japan-China-ROK Trilateral Foreign Ministers' Meeting was held in "
        "Busan on Sunday.\n\nThe Ministers agreed to prepare the next Trilateral "
        "Summit."
    )

    assert report.next_session is None


# -- negatives ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # agreement to create a group
        "Indonesia and Saudi Arabia have agreed to set up a joint working group on pilgrims.",
        # telephone call
        "Prime Minister Narendra Modi and US President Joe Biden spoke by telephone on Monday.",
        # announced future meeting
        "Japan and Australia will hold the 10th round of their 2+2 consultations next month.",
        # visit outcomes, the session named in passing
        "1. The Prime Minister met President Xi Jinping.\n\n2. The visit followed the fifth "
        "round of the China-Pakistan Strategic Dialogue, held in Beijing on 15 October.",
        # op-ed
        "When Shah Mahmood Qureshi met Wang Yi in Chengdu, the communique promised action. None "
        "of it requires a new mechanism or another round of talks.",
        # corporate, sports and domestic working groups
        "The joint working group of the two companies held its third meeting in Tokyo on Monday.",
        "The working group of the Asian football confederation held its 5th meeting on Monday.",
        "The Punjab government's working group on smog held its eighth meeting on Monday.",
        # talks on the sidelines of a multilateral meeting
        "Retno Marsudi held talks with Yoko Kamikawa on the sidelines of the 78th session of the "
        "UN General Assembly.",
        # a mechanism described, no session reported
        "The India-US 2+2 dialogue has become the main forum for defence ties between the two "
        "democracies.",
        # a call that reviews the outcome of a past session
        "Modi and Biden spoke by telephone and reviewed the outcomes of the 3rd India-US "
        "Strategic Dialogue held last month.",
        # a mechanism to be revived, which has not met for years
        "Georgia and Armenia agreed on Tuesday to resume the work of their intergovernmental "
        "commission on border delimitation, which has not met since 2019.",
        # a session put off
        "The 9th meeting of the Kenya-Uganda Joint Permanent Commission, due this week, was "
        "postponed on Monday.",
        # a past session mentioned in an article about something else
        "The ambassador noted that the two countries' working group on counter-terrorism had met "
        "in Moscow last month.",
    ],
)
def test_extract_negatives(body):
    report = run(body, title="News of the day")

    assert (report.meeting, report.to_contract()["series"]) == (False, None)
    assert report.reason


def test_extract_evidence_spans_are_sentences_of_the_input():
    text = (
        " date 2023-11-15 Wire\nHeadline\n\nASTANA, Nov 15 - The 9th meeting of the "
        "Kazakh-Kyrgyz Intergovernmental Council was held here today.\n"
    )
    from meetings.extraction import extract

    report = extract(text, source="x.txt")

    facts = {e.fact: text[e.start : e.end] for e in report.evidence}
    assert facts["session.number"] == (
        "The 9th meeting of the Kazakh-Kyrgyz Intergovernmental Council was held here today."
    )
    assert {"meeting", "series.kind", "series.parties", "session.start", "session.city"} <= set(
        facts
    )


def test_extract_appositive_about_the_past_does_not_hide_the_session():
    report = run(
        "The Kazakh-Uzbek Joint Commission, which was set up in 1998, held its 20th "
        "session in Tashkent on Monday."
    )

    assert (report.meeting, report.session.number, report.session.city) == (True, 20, "Tashkent")


def test_extract_body_without_header_or_title_uses_callers_date():
    import datetime

    from meetings.extraction import extract

    text = (
        "The 5th meeting of the India-Japan Joint Working Group on Cyber Issues was held "
        "in Tokyo on Monday.\nThe two sides agreed to meet again in 2024."
    )

    report = extract(text, source="feed", published=datetime.date(2023, 11, 15), outlet="Feed")

    assert (report.meeting, report.title, report.outlet, report.session.start) == (
        True,
        None,
        "Feed",
        "2023-11-13",
    )


def test_extract_windows_line_endings():
    from meetings.extraction import extract

    text = (
        " date 2023-11-15 Wire\r\nHeadline\r\n\r\nTOKYO, Nov 15 - The 5th meeting of the "
        "India-Japan Joint Working Group was held here today.\r\n"
    )

    report = extract(text, source="crlf.txt")

    assert (report.title, report.session.city, report.session.start) == (
        "Headline",
        "Tokyo",
        "2023-11-15",
    )


def test_extract_talks_with_counterparts_split_the_sides():
    report = run(
        "The fifth India-U.S. 2+2 Ministerial Dialogue was held in New Delhi on "
        "Friday.\n\nU.S. Secretary of State Antony Blinken and Defense Secretary Lloyd "
        "Austin held talks with External Affairs Minister S. Jaishankar and Defence "
        "Minister Rajnath Singh."
    )

    assert sorted(heads(report)) == [
        ("IND", "S. Jaishankar", "External Affairs Minister"),
        ("USA", "Antony Blinken", "U.S. Secretary of State"),
    ]


def test_extract_two_day_session_that_concluded():
    report = run(
        "The two-day 12th meeting of the Kazakh-Uzbek Joint Commission concluded in "
        "the Kazakh capital, Astana, on Tuesday.",
        date="2023-11-15",
    )

    assert (report.session.start, report.session.end, report.session.city) == (
        "2023-11-13",
        "2023-11-14",
        "Astana",
    )


def test_extract_demonym_capital_is_the_capital():
    report = run(
        "The 12th meeting of the Kazakh-Uzbek Joint Commission was held in the Uzbek "
        "capital on Tuesday."
    )

    assert (report.session.city, report.session.country) == ("Tashkent", "UZB")


def test_extract_dateline_alone_is_not_the_venue():
    report = run(
        "ISLAMABAD: Pakistan and Russia held the 9th meeting of their Joint Working "
        "Group on Counter-Terrorism on Monday."
    )

    assert (report.meeting, report.session.city, report.session.country) == (True, None, None)


def test_extract_same_day_report_at_a_building_is_in_the_dateline_city():
    report = run(
        "Doha: The Amir and the Turkish President co-chaired today the seventh session "
        "of the Qatari-Turkish Supreme Strategic Committee, held at the Amiri Diwan."
    )

    assert (report.session.city, report.session.country, report.session.start) == (
        "Doha",
        "QAT",
        "2023-11-15",
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The next session of the BNC will be held in South Africa in 2022.", (4, "ZAF", "2022")),
        ("The next session of the SADC will be held in South Africa in 2022.", None),
    ],
)
def test_extract_next_session_of_our_acronym_is_ours_another_bodys_is_not(sentence, expected):
    report = run(
        "The 3rd Session of the South Africa-Namibia Bi-National Commission (BNC) took place "
        "in Windhoek on Friday. " + sentence,
        date="2021-11-20",
    )

    nxt = report.next_session
    assert ((nxt.number, nxt.country, nxt.date) if nxt else None) == expected
