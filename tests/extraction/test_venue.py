import pytest

from meetings.extraction.venue import find_venue
from tests.extraction.helpers import run


def venue_of(sentence):
    venue = find_venue(sentence, dateline_city=None, dateline_country=None)
    return (venue.city, venue.country) if venue else None


def test_find_venue_province_wins_over_small_town_abroad():
    assert venue_of("The council met in Bali on Thursday.") == (None, "IDN")


def test_find_venue_major_city_stays_city_despite_province_of_its_name():
    assert venue_of("The talks were held in Tehran on Monday.") == ("Tehran", "IRN")


def test_find_venue_city_and_province_of_one_country_stays_city():
    assert venue_of("The committee met in Mendoza on Friday.") == ("Mendoza", "ARG")


@pytest.mark.parametrize(
    ("body", "city", "country"),
    [
        (
            "The 21st Ghana-Togo Joint Border Commission meeting was held in Volta's port "
            "city, Keta, on Saturday.",
            "Keta",
            "GHA",
        ),
        (
            "The two-day meeting of the Ghana-Togo Joint Border Commission, held in the "
            "Kumasi city of Ghana's Ashanti region, concluded on Thursday.",
            "Kumasi",
            "GHA",
        ),
        (
            "Ghana hosted the 1st meeting of the Ghana-Togo Joint Border Commission on "
            "14 November 2023 at Accra.",
            "Accra",
            "GHA",
        ),
        (
            "Speaking at an Accra hotel at the close of the 4th session of the Ghana-Togo "
            "Joint Commission, the minister thanked Togo.",
            None,
            None,
        ),
        (
            "Speaking at a Lome hotel at the close of the 4th session of the Ghana-Togo "
            "Joint Commission, the minister thanked Ghana.",
            "Lome",
            "TGO",
        ),
    ],
    ids=["port-city", "x-city-of", "hosted-at", "an-is-not-a", "hotel"],
)
def test_venue_named_beside_a_city_word(body, city, country):
    from tests.extraction.helpers import run

    report = run(body)

    assert (report.session.city, report.session.country) == (city, country)


def test_later_sentence_about_the_same_session_gives_venue_and_virtual():
    from tests.extraction.helpers import run

    sealed = run(
        "Ghana and Togo have concluded the inaugural Joint Commission (JC). The Commission was "
        "sealed on Tuesday in Lome with the signing of the minutes."
    )
    virtual = run(
        "The 2nd meeting of the Ghana-Togo Working Group on Trade took place on Monday. The "
        "meeting of the Working Group, held virtually, adopted a plan."
    )

    assert (sealed.session.city, virtual.session.virtual) == ("Lome", True)


def test_venue_and_days_from_a_later_sentence_that_says_the_meeting_was_held_there():
    report = run(
        "Ghana and Togo held the third meeting of their Joint Border Commission. The two-day "
        "meeting, held in the Kumasi city of Ghana's Ashanti region, concluded on Thursday.",
        date="2023-11-17",
    )

    assert (report.session.city, report.session.start, report.session.end) == (
        "Kumasi",
        "2023-11-15",
        "2023-11-16",
    )


def test_venue_and_day_from_the_sentence_that_names_the_session_by_its_acronym():
    report = run(
        "Ghana and Togo have concluded an inaugural Joint Permanent Commission for "
        "Cooperation (JPCC). The JPCC was sealed on Tuesday in Kumasi with the signing of "
        "minutes.",
        date="2023-11-16",
    )

    assert (report.session.city, report.session.start) == ("Kumasi", "2023-11-14")


def test_venue_from_the_lead_before_the_sentence_with_the_ordinal():
    report = run(
        "Ghanaian President Kofi Mensah and his Togolese counterpart Faure Adjo on Thursday "
        "opened the talks before the 5th Ghana-Togo Binational Cabinet held in the northern "
        "city of Tamale. The 5th Ghana-Togo Binational Cabinet is held on November 16-17 in "
        "northern Ghana.",
        date="2023-11-17",
    )

    assert (report.session.number, report.session.city) == (5, "Tamale")


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks take place at the ministry's headquarters in downtown Accra.",
        "The cabinet is held on November 6-7 in central Accra.",
    ],
)
def test_venue_after_a_word_for_the_part_of_town(sentence):
    assert venue_of(sentence) == ("Accra", "GHA")


def test_city_spelled_with_a_hyphen_for_its_space():
    assert venue_of("The session was held on 3 December 2008 in New-Delhi.") == ("New Delhi", "IND")
