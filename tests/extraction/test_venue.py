from meetings.extraction.venue import find_venue


def venue_of(sentence):
    venue = find_venue(sentence, dateline_city=None, dateline_country=None)
    return (venue.city, venue.country) if venue else None


def test_find_venue_province_wins_over_small_town_abroad():
    assert venue_of("The council met in Bali on Thursday.") == (None, "IDN")


def test_find_venue_major_city_stays_city_despite_province_of_its_name():
    assert venue_of("The talks were held in Tehran on Monday.") == ("Tehran", "IRN")


def test_find_venue_city_and_province_of_one_country_stays_city():
    assert venue_of("The committee met in Mendoza on Friday.") == ("Mendoza", "ARG")
