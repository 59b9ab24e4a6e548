"""Sentence shapes of real news that the extractor must read, each in our own words."""

import pytest

from meetings.extraction import extract
from tests.extraction.helpers import article, run


@pytest.mark.parametrize(
    ("body", "kind", "number"),
    [
        (
            "The 4th meeting of the CIS Working Sub-Group on Combating Terrorism took "
            "place in Minsk on 3 November 2023.",
            "joint-working-group",
            4,
        ),
        (
            "Kenya and Ethiopia held the ninth session of their Inter-governmental Committee "
            "on Trade in Addis Ababa on Monday.",
            "committee",
            9,
        ),
        (
            "Chile and Peru convened the Second Exploratory Meeting on Maritime Boundaries in "
            "Lima on 13 November 2023.",
            "consultations",
            2,
        ),
        (
            "The 6th ASEAN-Japan Senior Officials' Meeting on Transnational Crime took place "
            "in Tokyo on Monday.",
            "other",
            6,
        ),
        (
            "Officials of Canada and Mexico met in Ottawa on Monday for the third round of "
            "the Canada-Mexico Migration Talks.",
            "dialogue",
            3,
        ),
    ],
    ids=["sub-group", "inter-governmental", "exploratory", "senior-officials", "talks"],
)
def test_mechanism_head_words_of_real_news(body, kind, number):
    report = run(body)

    assert (report.meeting, report.series.kind, report.session.number) == (True, kind, number)


def test_spaced_dash_between_two_states_names_both_parties():
    report = run(
        "The 7th Ghana – Togo Annual Consultation was held in Lome on Monday.",
        title="Ghana and Togo meet",
    )

    assert (report.meeting, report.series.parties, report.series.kind) == (
        True,
        ("GHA", "TGO"),
        "consultations",
    )


@pytest.mark.parametrize(
    "body",
    [
        "At the invitation of the President of Ghana, the President of Togo paid a state "
        "visit to Accra, where the 5th session of the Ghana-Togo Joint Commission was held "
        "on Monday.",
        "President Akufo-Addo received his Togolese counterpart at the Jubilee House on "
        "Monday to hold the 5th session of the Ghana-Togo Joint Commission.",
    ],
    ids=["invitation", "received-to-hold"],
)
def test_occasion_of_a_visit_is_not_a_plan(body):
    report = run(body)

    assert (report.meeting, report.session.number) == (True, 5)


def test_session_that_commenced_is_reported():
    report = run(
        "ACCRA - The 5th session of the Joint Commission between Ghana and Togo commenced "
        "on Monday with a pledge to deepen trade."
    )

    assert (report.meeting, report.session.number, report.series.parties) == (
        True,
        5,
        ("GHA", "TGO"),
    )


def test_next_meeting_still_future_after_an_invitation():
    report = run(
        "Ghana and Togo agreed at the invitation of Togo to hold the 6th session of their "
        "Joint Commission in Lome next year."
    )

    assert report.meeting is False


def test_attendance_list_limits_an_organisations_parties_to_those_present():
    report = run(
        "The 12th meeting of the CSTO Working Group on Afghanistan was held in Dushanbe on "
        "Monday. The meeting was attended by the Tajik, Kazakh and Russian delegations, and "
        "France attended as an observer."
    )

    assert (report.series.organizations, report.series.parties) == (
        ("CSTO",),
        ("KAZ", "RUS", "TJK"),
    )


def test_organisations_own_mechanism_without_attendance_list_is_all_its_members():
    report = run(
        "The 12th meeting of the CSTO Working Group on Afghanistan was held in Dushanbe on "
        "Monday. The Tajik chair opened it."
    )

    assert report.series.parties == ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")


def test_all_member_states_taking_part_makes_every_member_a_party():
    report = run(
        "The 3rd meeting of the GUAM Working Group on Cyber Security took place in Tbilisi "
        "on 14 November 2023. Delegations of all the member states took part.",
    )

    assert report.series.parties == ("AZE", "GEO", "MDA", "UKR")


def test_members_that_joined_later_are_not_parties_of_an_older_session():
    report = run(
        "The 5th meeting of the SCO Working Group on Energy took place in Tashkent on "
        "14 November 2012, with delegations of all the member states.",
        date="2012-11-15",
    )

    assert report.series.parties == ("CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB")


def test_two_states_of_the_sentence_are_the_sides_of_an_unnamed_commission():
    report = run(
        "Ghana's Foreign Minister Ama Owusu hosted her Togolese counterpart Kodjo Adedze in "
        "Accra on Monday for the 5th session of the Joint Commission for Cooperation."
    )

    assert (report.meeting, report.series.parties) == (True, ("GHA", "TGO"))


def test_organisation_named_only_through_its_secretariat_owns_the_council():
    report = run(
        "The Supreme Council held its 45th session in Kuwait City on Tuesday, under the "
        "chairmanship of the Amir of Kuwait and with the participation of the King of "
        "Bahrain and the Sultan of Oman.\n\n"
        "The Secretary General of the Gulf Cooperation Council also took part.",
        title="Final communique of the Supreme Council",
    )

    # Those present: the chair and the two named as taking part.
    assert (report.meeting, report.series.organizations, report.series.parties) == (
        True,
        ("GCC",),
        ("BHR", "KWT", "OMN"),
    )


def test_meeting_of_one_portfolios_ministers_is_ministerial_with_its_topic():
    report = run(
        "The first meeting of the energy ministers of the CSTO member states was held in "
        "Yerevan on 14 November 2023."
    )

    assert (report.series.kind, report.series.topic, report.session.number) == (
        "ministerial",
        "energy",
        1,
    )


@pytest.mark.parametrize(
    "body",
    [
        "The 3rd round of the Ghana-Togo Joint Commission was held in Accra on Monday. The "
        "Ghanaian delegation was headed by Volta Regional Minister Kwame Mensah while the "
        "Togolese delegation was led by Maritime Region Governor Kodjo Adedze.",
        "The 3rd round of the Ghana-Togo Joint Commission was held in Accra on Monday. The "
        "Ghanaian delegation, led by Volta Regional Minister Kwame Mensah, briefed the "
        "meeting, and the Togolese delegation, led by Governor Kodjo Adedze, replied.",
        "The 3rd round of the Ghana-Togo Joint Commission was held in Accra on Monday. "
        "Accra was represented by Deputy Foreign Minister Kwame Mensah and Lome by "
        "Ambassador Kodjo Adedze.",
    ],
    ids=["province-before-title", "delegation-comma-led-by", "capitals-gapped"],
)
def test_heads_of_two_sides_in_real_shapes(body):
    report = run(body)

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kwame Mensah"),
        ("TGO", "Kodjo Adedze"),
    ]


def test_gapped_list_of_sides_names_every_head():
    report = run(
        "The 2nd meeting of the BRICS Working Group on Energy was held in Durban on Monday. "
        "Brazil was led by Mr. Paulo Souza, China by Mr. Wang Lei, India by Ms. Asha Rao, "
        "Russia by Mr. Ivan Petrov and South Africa by Ms. Thandi Nkosi."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("BRA", "Paulo Souza"),
        ("CHN", "Wang Lei"),
        ("IND", "Asha Rao"),
        ("RUS", "Ivan Petrov"),
        ("ZAF", "Thandi Nkosi"),
    ]


def test_members_of_an_organisation_get_heads_only_from_their_own_clues():
    report = run(
        "The 45th session of the GCC Supreme Council was held in Kuwait City on Tuesday, "
        "chaired by Crown Prince Mishal Al-Ahmad. Bahraini King Hamad bin Isa Al Khalifa "
        "and the Omani Deputy Prime Minister Fahd bin Mahmood attended."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("BHR", "Hamad bin Isa Al Khalifa"),
        ("OMN", "Fahd bin Mahmood"),
    ]


def test_initials_keep_the_spacing_they_were_written_with():
    report = run(
        "The 3rd round of the Ghana-Togo Joint Commission was held in Accra on Monday. The "
        "Ghanaian delegation was led by K.D. Mensah and the Togolese delegation by "
        "Ambassador Kodjo Adedze."
    )

    assert sorted(d.head for d in report.delegations) == ["K.D. Mensah", "Kodjo Adedze"]


def test_leader_of_a_delegation_in_apposition_and_was_leading():
    report = run(
        "The 3rd round of the Ghana-Togo Joint Commission was held in Accra on Monday. The "
        "leader of the Togolese delegation, Kodjo Adedze, Director of Trade, thanked Ghana. "
        "Deputy Minister Kwame Mensah was leading the Ghanaian delegation."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kwame Mensah"),
        ("TGO", "Kodjo Adedze"),
    ]


def test_malay_styles_before_a_name_are_not_part_of_it_but_a_style_inside_it_is():
    report = run(
        "The 14th Annual Consultation between the Prime Minister of Malaysia, Dato’ Sri "
        "Ahmad Zahid Tun Hamidi, and the President of Indonesia, Joko Widodo, was held in "
        "Kuching on Monday."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("IDN", "Joko Widodo"),
        ("MYS", "Ahmad Zahid Tun Hamidi"),
    ]


# -- the decision step on its own -----------------------------------------------------


def decision_of(body: str):
    from meetings.extraction import classify
    from meetings.extraction.core import read_article
    from tests.extraction.helpers import article

    art = read_article(article(body), published=None, outlet=None)
    return classify.decide(art.body, title=art.title, ref=art.ref)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            "Ghana and Togo will hold the 6th session of their Joint Commission in Lome.",
            "announces a session to come (Joint Commission)",
        ),
        (
            "Recalling the previous session of the Ghana-Togo Joint Commission, the two "
            "presidents spoke by phone.",
            "mentions an earlier session (Ghana-Togo Joint Commission)",
        ),
        (
            "On the sidelines of the AU summit, the Ghana-Togo Joint Commission was held.",
            "an event on the sidelines of another (AU summit)",
        ),
    ],
    ids=["future", "history", "sidelines"],
)
def test_decision_keeps_the_reason_of_a_negative(body, reason):
    decision = decision_of(body)

    assert (decision.best, decision.reason) == (None, reason)


def test_decision_keeps_the_cues_of_a_positive():
    decision = decision_of("The 5th session of the Ghana-Togo Joint Commission was held on Monday.")

    assert decision.cues == (
        "mechanism: Ghana-Togo Joint Commission",
        "ordinal: 5",
        "in the lead",
        "event verb: held",
    )


def test_second_purpose_and_abbreviation_stay_in_the_name():
    report = run(
        "The 12th round of the Working Mechanism on Consultation & Coordination (WMCC) for "
        "Ghana-Togo Border Affairs was held in Accra on Monday."
    )

    assert (report.series.name, report.series.topic, report.series.parties) == (
        "Working Mechanism on Consultation & Coordination (WMCC) for Ghana-Togo Border Affairs",
        "border",
        ("GHA", "TGO"),
    )


def test_headline_mechanism_with_a_lead_saying_the_sides_met():
    report = run(
        "On November 14, Canadian and Mexican officials met in Ottawa to review the "
        "migration accords.",
        title="Migration Talks with the Government of Mexico",
    )

    assert (report.meeting, report.series.parties, report.session.city) == (
        True,
        ("CAN", "MEX"),
        "Ottawa",
    )


@pytest.mark.parametrize(
    "body",
    [
        "A high-ranking ministerial delegation from Ghana led by the Trade Minister called "
        "on the Togolese Minister of Commerce on Monday.",
        "The 2nd Ghana-Togo Security Dialogue, which is to be co-chaired by the two foreign "
        "ministers in Accra on Friday, will review border cooperation.",
        "Ghana proposed to form a Joint Working Group on Trade with Togo. The dates and venue "
        "of the 1st meeting of the JWG would be decided later.",
        "The 15th meeting of the Advisory Council on Foreign Affairs was held on Wednesday "
        "to discuss Ghanaian concerns over the situation in Togo.",
    ],
    ids=["ministerial-delegation", "is-to-be-co-chaired", "would-be-decided", "domestic-council"],
)
def test_not_a_session_report(body):
    assert run(body).meeting is False


def test_commission_summit_is_the_commissions_session():
    report = run("The 2nd Ghana-Togo Bi-National Commission Summit was held in Accra on Monday.")

    assert (report.series.kind, report.session.number) == ("joint-commission", 2)


def test_regional_qualifies_the_subject_that_follows():
    report = run(
        "The 20th session of the Council of the Regional Anti-Terrorist Structure of the SCO "
        "was held in Tashkent on Monday."
    )

    assert (report.series.kind, report.series.topic) == ("committee", "counter-terrorism")


def test_the_numbered_session_of_the_day_wins_over_a_passing_mention():
    report = run(
        "Ghana and Togo on Tuesday signed the annual report of the Joint Water Commission for "
        "the year that ended on 31 March. The 40th meeting of the Joint Water Commission "
        "was held in Lome in March. The report was finalised at the 41st Joint Water "
        "Commission meeting here, which concluded on Tuesday.",
        title="Joint Water Commission report signed by Ghana and Togo",
        date="2023-05-31",
    )

    assert (report.session.number, report.session.start) == (41, "2023-05-30")


@pytest.mark.parametrize(
    ("body", "number", "city", "country"),
    [
        (
            "The 14th meeting of the Ghana-Togo Joint Working Group on Trade was held in Accra "
            "on Monday. The two countries agreed to schedule the 15th Meeting of the Joint "
            "Working Group on Trade in Lome at a mutually convenient time.",
            15,
            "Lome",
            "TGO",
        ),
        (
            "The Ninth Meeting of the Ghana-Togo Expert Group was held in Accra on Monday. The "
            "next (Tenth) meeting of the Expert Group will be held in Lome later this year.",
            10,
            "Lome",
            "TGO",
        ),
        (
            "The 117th meeting of the Joint Water Commission (JWC) was held in March. The "
            "118th Joint Water Commission meeting concluded on Tuesday in Accra. It was agreed "
            "to hold the next meeting of the JWC in Togo on mutually convenient dates.",
            119,
            None,
            "TGO",
        ),
    ],
    ids=["agreed-to-schedule", "next-in-parentheses", "acronym-defined-earlier"],
)
def test_next_session_shapes(body, number, city, country):
    nxt = run(body, title="Ghana and Togo talks").next_session

    assert (nxt.number, nxt.city, nxt.country) == (number, city, country)


def test_attendance_list_gives_a_conferences_parties_and_guests_are_not_parties():
    report = run(
        "On November 14, 2023, the VII Ministerial Conference on Regional Connectivity started "
        "in Accra. The conference was attended by the Foreign Ministers of Togo, Benin and "
        "Niger, and the Deputy Foreign Minister of Burkina Faso. Representatives of the "
        "countries supporting the process - France, Japan and Norway - also attended the "
        "conference.",
        title="Ghana hosts the VII conference on regional connectivity",
    )

    assert (report.session.number, report.series.parties) == (7, ("BEN", "BFA", "NER", "TGO"))
    assert report.series.name == "Ministerial Conference on Regional Connectivity"


def test_heads_listed_a_line_each_under_a_participation_colon():
    text = (
        " date 2023-12-06 Secretariat\nFinal statement of the Supreme Council\n\n"
        "The GCC Supreme Council held its 45th session in Kuwait City on Tuesday, with the "
        "participation of:\n\n"
        "His Majesty King Hamad bin Isa Al Khalifa\nKing of the Kingdom of Bahrain\n\n"
        "His Highness Sayyid Fahd bin Mahmood Al Said\nDeputy Prime Minister of the "
        "Sultanate of Oman\n"
    )
    from meetings.extraction import extract

    report = extract(text, source="list.txt")

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("BHR", "Hamad bin Isa Al Khalifa"),
        ("OMN", "Fahd bin Mahmood Al Said"),
    ]


def test_organisations_named_into_the_head_word_are_both_sides():
    report = run(
        "The 10th European Union-African Union Commission-to-Commission meeting was held in "
        "Addis Ababa on Monday. It was co-chaired by the Chairperson of the AU Commission, "
        "Amina Diallo, and the President of the European Commission, Greta Lind."
    )

    assert (report.series.organizations, sorted((d.party, d.head) for d in report.delegations)) == (
        ("AU", "EU"),
        [("AU", "Amina Diallo"), ("EU", "Greta Lind")],
    )


def test_organisations_own_numbered_meeting_named_by_the_organisation():
    report = run(
        "The 40th Pacific Islands Forum Leaders Meeting was held in Port Vila from 5-6 August "
        "2009 and was attended by the heads of government of Australia, Fiji and Samoa.",
        date="2009-08-07",
    )

    assert (
        report.series.organizations,
        report.series.kind,
        report.session.number,
        report.session.start,
    ) == (("PIF",), "summit", 40, "2009-08-05")


def test_session_named_in_a_past_clause_of_a_future_sentence():
    from meetings.extraction import extract

    text = (
        "photo_caption By Ana Ruiz/Wire Service October 03, 2023 Ghana and Togo will open two "
        "more border posts, as a result of an agreement reached between the border "
        "authorities of the two countries at the most recent Ghana-Togo Joint Border "
        "Commission, meeting from August 29th to September 1st in Kumasi, Ghana. "
        "The posts will open next year.\n"
    )

    report = extract(text, source="past-clause.txt")

    assert (report.meeting, report.session.start, report.session.end, report.session.city) == (
        True,
        "2023-08-29",
        "2023-09-01",
        "Kumasi",
    )


def test_leaders_named_in_the_lead_before_the_sentence_that_names_the_mechanism():
    report = run(
        "Ghanaian President Kofi Mensah and his Togolese counterpart Faure Adjo on Thursday "
        "opened the presidential meeting in Kumasi. The 13th Ghana-Togo Binational Cabinet "
        "is held on November 6-7 in Kumasi.",
        date="2023-11-07",
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Faure Adjo"),
    ]


def test_a_body_that_names_its_state_gives_the_heads_side():
    report = run(
        "The 21st meeting of the US-India Working Group on Space was held on Tuesday. It was "
        "led by Ambassador Jane Cole, Coordinator for Space at the Department of State, and "
        "Ambassador Ravi Nair, Joint Secretary at the Ministry of External Affairs."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("IND", "Ravi Nair"),
        ("USA", "Jane Cole"),
    ]


def test_member_states_listed_after_the_following_countries_attended():
    report = run(
        "The Twelfth Meeting of the Negotiating Group on Market Access took place in Quito, "
        "Ecuador from March 3-5, 2003. The Group adopted its agenda. Delegations from the "
        "following countries attended: Bolivia, Chile, Colombia, Ecuador, Peru and Uruguay. "
        "The Group's next meeting will be held in Quito and is tentatively scheduled for "
        "April 14-16, 2003.",
        title="FTAA - Negotiating Group on Market Access",
        date="2003-03-06",
    )

    assert (report.meeting, report.series.organizations, report.series.parties) == (
        True,
        ("FTAA",),
        ("BOL", "CHL", "COL", "ECU", "PER", "URY"),
    )
    assert (report.session.start, report.session.end, report.session.city) == (
        "2003-03-03",
        "2003-03-05",
        "Quito",
    )
    assert (report.next_session.number, report.next_session.date) == (13, "2003-04-14")


def test_lead_that_says_the_sides_met_and_a_later_sentence_that_names_the_talks():
    text = article(
        "Ghanaian and Togolese officials met in Lome on Tuesday to review their border "
        "accords, the ministry said. These border talks give both sides a chance to "
        "settle disputes over the line. The Ghanaian delegation was led by Deputy Minister Ama "
        "Owusu, while the Togolese delegation was headed by Director Koffi Agbo.",
        date="2023-11-15",
    )
    report = extract(text, source="t.txt")

    assert (report.meeting, report.series.parties, report.series.kind) == (
        True,
        ("GHA", "TGO"),
        "dialogue",
    )
    assert (report.session.start, report.session.city) == ("2023-11-14", "Lome")
    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Ama Owusu"),
        ("TGO", "Koffi Agbo"),
    ]
    named = next(e for e in report.evidence if e.fact == "series.name")
    assert text[named.start : named.end].startswith("These border talks")


def test_talks_named_without_a_meeting_in_the_lead_are_not_a_session():
    report = run(
        "Ghana and Togo signed a border accord in Lome on Tuesday. These border talks "
        "have run since 2010.",
    )

    assert report.meeting is False


def test_honourable_and_military_ranks_before_a_head_with_the_position_after():
    report = run(
        "The Ghana-Togo Joint Permanent Commission on Defence held its 11th session in Accra "
        "on Monday. The Ghanaian delegation was led by Honourable Dr Kofi Mensah, Minister "
        "of Trade, and included Honourable Ms Ama Owusu, Deputy Minister of Roads. The "
        "Togolese delegation was led by Honourable Major General (Rtd) Koffi D.N.P Agbo, "
        "Minister of Defence and included His Excellency Mr Jean Kpodar, Ambassador of Togo "
        "to Ghana."
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Minister of Trade"),
        ("TGO", "Koffi D.N.P Agbo", "Minister of Defence"),
    ]


def test_co_chairs_named_in_a_sentence_far_from_the_lead():
    report = run(
        "Ghana and Togo held the fifth meeting of their Joint Commission in Accra on Monday. "
        "The sides reviewed trade. They also discussed fishing. They agreed on roads. Both "
        "sides signed four accords. The meeting, co-chaired by Ghana's Deputy Foreign "
        "Minister Kofi Mensah and Togo's Secretary General Ama Agbo, marked a step forward."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Ama Agbo"),
    ]


def test_leaders_whose_directive_set_up_the_session_do_not_head_it():
    report = run(
        "FOLLOWING a recent directive by President Kofi Mensah and his Togolese counterpart, "
        "Faure Adjo, the Ghana and Togo Joint Commission for Cooperation met yesterday in "
        "Accra. Leading the Togolese delegation,\nAmbassador Koffi Agbo said the two "
        "countries shared warm relations."
    )

    assert [(d.party, d.head) for d in report.delegations] == [("TGO", "Koffi Agbo")]


def test_hosts_and_guests_in_pairs_give_the_first_of_each_side():
    report = run(
        "Minister for Foreign Affairs Ama Owusu and Minister for Defence Kofi Boateng hosted "
        "Minister of Foreign Affairs Robert Dussey and Minister of the Armed Forces Essozimna "
        "Marguerite on 4 November in Accra for the 9th Ghana-Togo Ministerial Consultations.",
        date="2023-11-05",
    )

    assert [(d.party, d.head) for d in report.delegations] == [
        ("GHA", "Ama Owusu"),
        ("TGO", "Robert Dussey"),
    ]


def test_leaders_by_surname_after_their_states_position():
    report = run(
        "The statements of Ghanaian PM Mensah, Togolese President Adjo, and Beninese "
        "President Abdel Karim al-Tunde closed the 8th Tripartite Summit of Ghana, Togo and "
        "Benin in Lome on Monday."
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("BEN", "Abdel Karim al-Tunde", "Beninese President"),
        ("GHA", "Mensah", "Ghanaian PM"),
        ("TGO", "Adjo", "Togolese President"),
    ]


def test_a_style_after_the_position_and_its_article_are_not_the_position():
    report = run(
        "The 3rd Annual Consultation between the Prime Minister of Ghana, the Honourable "
        "Dato' Sri Kofi Mensah Tun Addo and the President of the Togolese Republic, His "
        "Excellency Faure Adjo was held in Accra on Monday."
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah Tun Addo", "Prime Minister of Ghana"),
        ("TGO", "Faure Adjo", "President of the Togolese Republic"),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "A trilateral summit of Ghana, Togo and Benin was held in Lome on Monday. The summit, "
        "the eighth between the three leaders, dealt with trade.",
        "Ministers met in Lome on Monday for the Ghana-Togo Ministerial Consultations (GTMC). "
        "GTMC 2023, the 8th GTMC meeting, builds on years of work.",
    ],
    ids=["appositive", "acronym"],
)
def test_number_of_the_session_in_the_sentence_after_its_name(body):
    report = run(body)

    assert (report.meeting, report.session.number) == (True, 8)


def test_tripartite_summit_names_its_third_state_and_head_after_along_with():
    report = run(
        "A tripartite summit was held on Monday in the Togolese capital Lome between "
        "Ghanaian President Kofi Mensah and his Togolese counterpart Faure Adjo, along with "
        "Beninese President Patrice Talon."
    )

    assert report.series.parties == ("BEN", "GHA", "TGO")
    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("BEN", "Patrice Talon"),
        ("GHA", "Kofi Mensah"),
        ("TGO", "Faure Adjo"),
    ]


def test_a_guest_is_never_the_head_of_the_host_side():
    report = run(
        "On 5 June, Ama Owusu hosted Togolese Foreign Minister Robert Dussey and Defence "
        "Minister Marc Kpodar in Accra for the 9th Ghana-Togo Ministerial Consultations.",
        date="2023-06-06",
    )

    assert [(d.party, d.head) for d in report.delegations] == [("TGO", "Robert Dussey")]


def test_next_session_named_by_its_short_name_not_another_mechanisms_next_meeting():
    report = run(
        "Officials of Ghana and Togo co-chaired the 5th Foreign Office Consultations between "
        "Ghana and Togo on Tuesday in Lome. The two sides will report to the next "
        "ministerial-level Joint Commission Meeting to be held on convenient dates. It was "
        "agreed to hold the next FOC at a mutually convenient date in Accra.",
        date="2023-11-15",
    )

    assert (report.next_session.number, report.next_session.city) == (6, "Accra")


def test_commission_of_the_two_nations_that_met_for_the_sixth_time():
    report = run(
        "Following commitments by Presidents Kofi Mensah of Ghana and Faure Adjo of Togo, "
        "officials have started work. The Permanent Joint Commission of the two nations met "
        "on Tuesday for the sixth time. At the opening, Ghana's Executive Director in the "
        "Ministry of Foreign Affairs and Co-operation Ama Owusu spoke of friendship.",
        date="2023-11-16",
    )

    assert (report.meeting, report.series.parties, report.session.number) == (
        True,
        ("GHA", "TGO"),
        6,
    )
    assert [(d.party, d.head) for d in report.delegations] == [("GHA", "Ama Owusu")]


def test_co_chair_of_a_delegation_and_speaking_at_the_session():
    report = run(
        "Speaking at the fourth session of the Ghana-Togo Joint Commission in Accra on "
        "Monday, Secretary Kofi Boateng praised the ties. Co-chair of the Togolese "
        "delegation, Koffi Agbo said cooperation had grown.",
    )

    assert (report.meeting, report.session.number) == (True, 4)
    assert ("TGO", "Koffi Agbo") in [(d.party, d.head) for d in report.delegations]


def test_two_states_then_two_people_in_the_same_order():
    report = run(
        "The 20th meeting of the Ghana-Togo Intergovernmental Commission was held in Accra, "
        "chaired by the heads of the Ghana and Togo Governments Kofi Mensah and Faure Adjo."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Faure Adjo"),
    ]


def test_two_letter_initials_of_transliterated_names():
    report = run(
        "The 17th meeting of the Intergovernmental Ghana-Togo Commission was held in Accra. "
        "The Ghanaian delegation was headed by Minister B. Mensah; the Togolese delegation "
        "was headed by the Deputy Prime Minister of Togo Zh. Adjo."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "B. Mensah"),
        ("TGO", "Zh. Adjo"),
    ]


def test_executive_committee_of_a_coordination_council_and_a_royal_after_the_position():
    report = run(
        "Minister of Foreign Affairs of the Republic of Ghana, Prince Kofi Mensah, and Togo's "
        "Prime Minister Faure Adjo co-chaired the meeting of the Executive Committee of the "
        "Ghanaian-Togolese Coordination Council in Accra on Sunday.",
        date="2023-11-13",
    )

    assert report.series.name == "Executive Committee of the Ghanaian-Togolese Coordination Council"
    assert report.series.kind == "committee"
    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Minister of Foreign Affairs of the Republic of Ghana"),
        ("TGO", "Faure Adjo", "Togo's Prime Minister"),
    ]


def test_a_cabinet_without_an_owner_is_not_a_mechanism_of_two_states():
    report = run(
        "The Council of Ministers also discussed the outcome of a meeting, which was held "
        "under the chairmanship of Ghanaian Crown Prince Kofi Mensah and his Togolese "
        "counterpart Faure Adjo."
    )

    assert report.meeting is False


def test_positions_with_their_body_and_a_weekday_after_the_venue():
    report = run(
        "Officials of Ghana and Togo held the 10th Meeting of the Joint Working Group on "
        "Counter-Terrorism in Accra Monday. Director for Counter Terrorism, Ministry of "
        "Foreign Affairs, Kofi Mensah led the Ghanaian side. Kofi Mensah and Koffi Agbo, "
        "Senior Bureau Official in the Bureau of Counterterrorism in the Togolese Ministry "
        "of Security, led their respective delegations.",
    )

    assert report.series.name == "Ghana-Togo Joint Working Group on Counter-Terrorism"
    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Director for Counter Terrorism, Ministry of Foreign Affairs"),
        ("TGO", "Koffi Agbo", "Senior Bureau Official in the Bureau of Counterterrorism"),
    ]


def test_second_person_of_a_side_led_by_two_is_not_the_other_sides_head():
    report = run(
        "The 3rd Ghana-Togo 2+2 Dialogue was held in Accra on Monday. Some background. More "
        "background. Even more. Ghanaian Foreign Minister Kofi Mensah and Defence Minister "
        "Ama Owusu hosted the 3rd Ghana-Togo 2+2 Dialogue. The Togolese side was led by "
        "Defence Minister Koffi Agbo and Minister of Foreign Affairs Ms Afi Dogbe."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Koffi Agbo"),
    ]


def test_members_named_in_addition_to_the_head_and_a_delegation_of_ten_members():
    report = run(
        "Secretary Ama Owusu and Togolese Foreign Minister Robert Dussey today co-chaired the "
        "22nd meeting of the Ghana-Togo Binational Commission. In addition to Secretary "
        "Owusu, Ghana was represented by Interior Minister Kofi Boateng and Trade Minister "
        "Yaw Darko."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Ama Owusu"),
        ("TGO", "Robert Dussey"),
    ]
    report = run(
        "The 5th meeting of the Ghana-Bangladesh Consular Dialogue was held in Accra on "
        "Monday. The Ghanaian delegation comprising ten members was headed by Director Kofi "
        "Mensah, while the delegation from Bangladesh was led by Mashfee binte Shams."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("BGD", "Mashfee binte Shams"),
        ("GHA", "Kofi Mensah"),
    ]


def test_his_host_is_a_counterpart_and_a_leader_visiting_a_state_meets_there():
    report = run(
        "Prime Minister Kofi Mensah and his Togolese host Faure Adjo co-chaired the 45th "
        "meeting of the Ghana-Togo Inter-Governmental Committee in Lome on Monday."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Faure Adjo"),
    ]
    report = run(
        "Togolese Prime Minister Faure Adjo is visiting Ghana and co-chairing the 43rd session "
        "of the Ghana-Togo inter-governmental committee from December 4-6.",
        date="2023-12-05",
    )

    assert report.session.country == "GHA"
    report = run(
        "Foreign Minister Kofi Mensah held the third round of the Ghana-Togo strategic "
        "dialogue with his visiting Togolese counterpart in Kumasi on Saturday."
    )

    assert (report.session.city, report.session.country) == ("Kumasi", "GHA")


def test_korean_given_name_with_a_lower_case_syllable_and_spaced_initials():
    report = run(
        "The 7th Korea-Ghana Policy Consultation was held in Accra on Monday. The Korean "
        "delegation was led by Director-General Park Ji won, while the Ghanaian side was "
        "headed by K. A. Mensah."
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "K. A. Mensah"),
        ("KOR", "Park Ji won"),
    ]


def test_a_bare_name_after_an_announced_session_is_that_announcement():
    report = run(
        "Ghana and Togo would hold their third ministerial-level Strategic Dialogue in Accra "
        "next week. At the dialogue, spread over three days, the Ghanaian delegation would "
        "be led by Foreign Minister Kofi Mensah, while the Togolese delegation would be "
        "headed by Robert Dussey.",
        title="Ghana-Togo Strategic Dialogue in Accra next week",
    )

    assert report.meeting is False


def test_a_party_central_committee_is_not_a_mechanism_of_states():
    report = run(
        "In the latest move, Kofi Mensah, a member of the Political Bureau of the Ghana "
        "People's Party Central Committee, met Togolese adviser Faure Adjo on the sidelines "
        "of a summit in Lome."
    )

    assert report.meeting is False


@pytest.mark.parametrize(
    ("tail", "date"),
    [("at the end of November", "2023-11"), ("in early March", "2024-03")],
)
def test_next_session_in_a_month_without_its_year(tail, date):
    report = run(
        "The Ghana-Togo Binational Border Commission met in Accra from August 29 to "
        f"September 1. It was agreed that the next meeting will take place in Togo, {tail}.",
        date="2023-09-02",
    )

    assert (report.next_session.country, report.next_session.date) == ("TGO", date)


def test_hotel_of_a_city_and_looking_forward_to_the_next_summit():
    report = run(
        "President Kofi Mensah chaired the closing session of the 44th session of the Supreme "
        "Council of ECOWAS leaders, that took place at the Labadi Accra Hotel today. We look "
        "forward to meeting you at the next summit, he said.",
    )

    assert (report.session.number, report.session.city) == (44, "Accra")
    assert report.next_session.number == 45


def test_the_next_sentence_says_the_meeting_was_virtual_and_another_ordinal_dates_nothing():
    report = run(
        "Ghana and Togo held the 6th round of the Joint Consultative Commission meeting "
        "Tuesday. The virtual meeting was co-chaired by Foreign Minister Kofi Mensah and the "
        "Foreign Minister of Togo Robert Dussey.",
        date="2023-11-15",
    )

    assert (report.session.start, report.session.virtual) == ("2023-11-14", True)
    text = (
        "Ghana and Togo reviewed their ties at the second Joint Consultative Commission (JCC) "
        "meeting.\nThe JCC also reviewed trade.\nThe first meeting of the JCC was held in "
        "Accra on May 7, 2012.\n"
    )
    report = extract(text, source="undated.txt")

    assert (report.published, report.session.number, report.session.start) == (None, 2, None)


def test_military_rank_without_a_stop_honours_after_the_name_and_while():
    report = run(
        "The Second Session of the Joint Ministerial Commission between Ghana and Togo "
        "concluded on Tuesday in Accra. Ghana's delegation was headed by Hon. Gen Kofi Mensah, "
        "Minister of Foreign Affairs while the Togolese delegation was led by Hon. Dr. Robert "
        "Dussey E.G.H., Prime Minister and Minister for Foreign Affairs."
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Minister of Foreign Affairs"),
        ("TGO", "Robert Dussey", "Prime Minister and Minister for Foreign Affairs"),
    ]


def test_the_partner_of_an_organisation_is_found_by_elimination():
    report = run(
        "The 24th ASEAN-Ghana Senior Officials' Meeting was hosted in Accra on Wednesday. "
        "Secretary (East), Kofi Mensah co-chaired the 24th ASEAN-Ghana Senior Officials' "
        "Meeting (SOM), with Permanent Secretary of Singapore Albert Chua. The meeting saw "
        "the participation of Senior Officials from the other ASEAN Member States.",
        date="2023-11-16",
    )

    assert ("GHA", "Kofi Mensah") in [(d.party, d.head) for d in report.delegations]
    assert ("SGP", "Albert Chua") in [(d.party, d.head) for d in report.delegations]


def test_a_lead_broken_by_a_blank_line_is_one_sentence_not_a_headline():
    text = (
        " date 2024-03-05 Test Wire\n"
        "THE 9th Session of the Ghana-Togo Permanent Joint Commission for Cooperation\n\n"
        "(PJCC) opens in Lome today as the two neighbours look to deepen their ties.\n\n"
        "The session is expected to review trade, energy and transport.\n"
    )
    report = extract(text, source="broken.txt")

    assert (report.meeting, report.session.number, report.session.city) == (True, 9, "Lome")
    assert report.session.start == "2024-03-05"
    assert report.series.parties == ("GHA", "TGO")


def test_heads_of_a_session_that_begins_that_day_are_given_as_they_will_lead():
    report = run(
        "The 4th Session of the Ghana-Togo Joint Commission opens in Accra today. "
        "The Minister of Foreign Affairs, Dr Kofi Mensah, will lead Ghana's delegation while "
        "the delegation from Togo will be led by the Minister of Planning, Ama Dossou.",
        date="2024-03-05",
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Minister of Foreign Affairs"),
        ("TGO", "Ama Dossou", "Minister of Planning"),
    ]


def test_a_city_that_served_as_the_venue_hosts_the_session():
    report = run(
        "Today, Accra served as the venue for political consultations between the "
        "Ministries of Foreign Affairs of Ghana and Togo. The talks brought together "
        "delegations led by Deputy Foreign Minister of Ghana, Kofi Mensah, and Deputy "
        "Foreign Minister of Togo, Ama Dossou.",
        title="Accra Hosts Political Consultations Between Ghana and Togo",
    )

    assert (report.meeting, report.session.city, report.session.country) == (
        True,
        "Accra",
        "GHA",
    )
    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Ama Dossou"),
    ]


def test_the_countrys_position_is_the_position():
    report = run(
        "The fifth round of the Ghana-Togo political consultations was held in Accra on "
        "Monday. The Togolese delegation was headed by the country's Deputy Foreign Minister "
        "Ama Dossou.",
    )

    assert [(d.party, d.head, d.title) for d in report.delegations] == [
        ("TGO", "Ama Dossou", "Deputy Foreign Minister")
    ]


def test_a_position_after_a_name_ends_where_the_next_persons_honorific_begins():
    report = run(
        "The 5th Session of the Ghana-Togo Joint Commission was held virtually on 17 "
        "August 2020. The meeting was co-chaired by H.E. Dr. Kofi Mensah, Minister of "
        "Foreign Affairs of Ghana and H.H. Sheikh Ama Dossou, Minister of Planning of Togo.",
        date="2020-08-18",
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Minister of Foreign Affairs of Ghana"),
        ("TGO", "Ama Dossou", "Minister of Planning of Togo"),
    ]


def test_a_form_of_address_between_position_and_name_is_not_the_position():
    report = run(
        "The 12th session of the Ghana-Togo Joint Ministerial Commission agreed on new "
        "measures. Held in Lome on Tuesday, the meeting was co-chaired by Minister of "
        "Foreign Affairs Senator Kofi Mensah, and Permanent Secretary of Togo Ambassador "
        "Ama Dossou.",
        date="2025-06-25",
    )

    assert (report.session.city, report.session.start) == ("Lome", "2025-06-24")
    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Minister of Foreign Affairs"),
        ("TGO", "Ama Dossou", "Permanent Secretary of Togo"),
    ]


def test_setting_something_up_during_a_numbered_session_is_no_announcement():
    report = run(
        "Ghana and Togo signed a memorandum to establish a Cultural Forum to deepen their "
        "partnership, during the 14th Ghana-Togo Joint Commission Meeting in Accra on "
        "Thursday.",
        date="2022-09-03",
    )

    assert (report.meeting, report.session.number, report.session.city) == (True, 14, "Accra")


def test_setting_up_a_mechanism_is_still_an_announcement():
    report = run(
        "Ghana and Togo signed a memorandum to establish a Joint Commission on Trade, "
        "the ministers said in Accra on Thursday.",
    )

    assert report.meeting is False


def test_state_names_written_with_accents_or_a_curly_apostrophe_are_the_states():
    report = run(
        "The 7th session of the Bénin-Côte d’Ivoire Joint Commission was held in Cotonou "
        "on Monday.",
    )

    assert (report.meeting, report.series.parties) == (True, ("BEN", "CIV"))


def test_a_numbered_session_that_the_next_sentence_says_was_chaired_took_place():
    report = run(
        "The 43rd session of the Ghana-Togo Joint Committee on Sunday in Accra produced "
        "important results, said Prime Minister Kofi Mensah. The meeting was chaired by PM "
        "Mensah and Togolese Prime Minister Ama Dossou.",
        date="2020-12-06",
    )

    assert (report.meeting, report.session.number, report.session.city) == (True, 43, "Accra")
    assert report.session.start == "2020-12-06"
    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Ama Dossou"),
    ]


def test_a_numbered_session_without_a_sentence_saying_it_met_is_not_reported():
    report = run(
        "The 43rd session of the Ghana-Togo Joint Committee could produce important "
        "results, said Prime Minister Kofi Mensah. Officials are still drafting its agenda.",
    )

    assert report.meeting is False


def test_in_the_capital_and_its_name_is_the_venue():
    report = run(
        "On 3 December, in the capital Lome, Prime Minister Kofi Mensah and Togolese Prime "
        "Minister Ama Dossou co-chaired the 48th meeting of the Ghana-Togo Joint Committee.",
        date="2023-12-04",
    )

    assert (report.session.city, report.session.country) == ("Lome", "TGO")


def test_a_state_council_is_no_mechanism_and_does_not_swallow_the_one_named_after_it():
    report = run(
        "First Deputy Prime Minister of Ghana Kofi Mensah held talks with Vice Premier of "
        "the State Council of the Republic of Togo Ama Dossou as part of the 8th meeting of "
        "the Ghanaian-Togolese Cooperation Committee in Kumasi. The parties discussed "
        "trade. The 8th meeting of the Ghana-Togo Cooperation Committee was held under the "
        "chairmanship of Kofi Mensah and Ama Dossou.",
    )

    assert (report.meeting, report.series.kind, report.session.number) == (
        True,
        "committee",
        8,
    )
    assert (report.session.city, report.session.country) == ("Kumasi", "GHA")


def test_the_two_leaders_who_co_chaired_met_where_the_sentence_before_says():
    report = run(
        "Prime Minister Kofi Mensah met with Togolese Prime Minister Ama Dossou in Kumasi on "
        "Tuesday. The two leaders co-chaired the 12th Meeting of the Ghana-Togo Cooperation "
        "Committee, pledging to deepen cooperation.",
    )

    assert (report.session.number, report.session.city, report.session.country) == (
        12,
        "Kumasi",
        "GHA",
    )


def test_a_position_after_the_name_with_the_and_the_next_sides_clause():
    report = run(
        "The 12th meeting of the Ghana-Togo Permanent Volta Commission was held on 30-31 May "
        "in Accra. The Ghanaian delegation was led by K.A. Mensah, the Ghanaian Commissioner "
        "for Volta Waters and the visiting Togolese delegation was led by Ama Dossou, the "
        "Togolese Commissioner for Volta Waters.",
        date="2022-05-31",
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "K.A. Mensah", "Ghanaian Commissioner for Volta Waters"),
        ("TGO", "Ama Dossou", "Togolese Commissioner for Volta Waters"),
    ]


def test_a_position_with_the_before_the_next_persons_name_is_theirs():
    report = run(
        "At the invitation of the President of the Republic of Ghana, His Excellency Kofi "
        "Mensah, the President of the Republic of Sierra Leone, His Excellency Ama Dossou, "
        "attended and co-chaired the Inaugural Session of the Bi-National Commission which "
        "was held in Accra, Ghana on 03 November 2016.",
        date="2016-11-04",
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "President of the Republic of Ghana"),
        ("SLE", "Ama Dossou", "President of the Republic of Sierra Leone"),
    ]


def test_a_position_goes_on_with_in_the_ministry_of_its_state():
    report = run(
        "As the Chair of SAARC, Nepal hosted the Second Meeting of the SAARC Working Group on "
        "Energy on 4 May 2015 at Kathmandu. Delegations from all Member States of SAARC "
        "attended the meeting. Shri Hari Sharma, Joint Secretary (E&T), in the Ministry of "
        "Foreign Affairs of Nepal, presided over the meeting. The delegation from Bhutan was "
        "led by Mr. Karma Dorji.",
        date="2015-05-04",
    )

    assert (
        "NPL",
        "Hari Sharma",
        "Joint Secretary (E&T), in the Ministry of Foreign Affairs of Nepal",
    ) in [(d.party, d.head, d.title) for d in report.delegations]


def test_his_counterpart_without_a_demonym_still_pairs_the_two_heads():
    report = run(
        "The 9th session of the Ghana-Togo Joint Permanent Commission for Cooperation (JPCC) "
        "opened in Accra on Monday. The JPCC was sealed on Tuesday in Accra with a signing of "
        "the minutes between the Minister of Foreign Affairs, Kofi Mensah and his counterpart "
        "Ama Dossou, Togo's Minister of Planning, according to a joint statement.",
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Minister of Foreign Affairs"),
        ("TGO", "Ama Dossou", "Togo's Minister of Planning"),
    ]


def test_heads_who_led_their_respective_delegations_late_in_the_report():
    report = run(
        "The 14th meeting of the Ghana-Togo Joint Working Group on Counter-Terrorism was held "
        "in Accra. During the meeting, the two sides discussed regional threats. Both "
        "condemned terrorism in all its forms. The ministry said the sides shared threat "
        "assessments. They also discussed new technologies. Director for Counter-Terrorism "
        "at the Ministry of Foreign Affairs of Ghana Kofi Mensah and Ambassador for "
        "Counter-Terrorism of Togo Ama Dossou led their respective delegations.",
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Ama Dossou"),
    ]


def test_the_meetings_chairs_named_late_in_the_report_are_the_heads():
    report = run(
        "Ghana and Togo on Monday in Accra signed 12 agreements at the 31st session of the "
        "Ghanaian-Togolese Joint Higher Committee. They signed a programme on labour. "
        "Representatives also signed a memo on securities. The two countries also inked a "
        "deal on social affairs. The sides also set up a programme on culture. Committee "
        "meeting chairs Prime Minister Kofi Mensah and his Togolese counterpart, Ama Dossou, "
        "signed the minutes of the meeting.",
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Ama Dossou"),
    ]


def test_two_heads_who_led_delegations_respectively_in_the_order_of_the_sides():
    report = run(
        "On November 13, the 1st Joint Committee Meeting between Ghana and Togo on Science "
        "was convened in Accra. Vice Minister Kofi Mensah and Deputy Permanent Secretary "
        "Dossou led delegations to the meeting respectively. After the meeting, the two "
        "sides signed the minutes.",
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Vice Minister"),
        ("TGO", "Dossou", "Deputy Permanent Secretary"),
    ]


def test_the_co_chairs_of_the_sessions_plenary_are_its_heads():
    report = run(
        "The 8th session of the Joint Commission between Ghana and Togo commenced on "
        "Thursday in Accra. The first day began with technical talks. Both sides discussed "
        "trade. Ms. Abena Owusu, Additional Secretary, stressed the importance of the "
        "commission. Protocols are being finalised. A plenary meeting, co-chaired by Kofi "
        "Mensah, Minister for Trade, and Ama Dossou, Minister for Industry of Togo, is "
        "scheduled on Friday.",
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Ama Dossou"),
    ]


def test_the_people_of_an_earlier_meeting_are_not_the_heads():
    report = run(
        "ACCRA, April 7 -- Ghana and Togo held working-level diplomatic consultations here "
        "Friday as a follow-up to last month's summit between President Kofi Mensah and "
        "Prime Minister Ama Dossou, Ghana's foreign ministry said. The meeting between Abena "
        "Owusu, director general for Africa at Ghana's foreign ministry, and her Togolese "
        "counterpart, Koffi Agbo, comes amid efforts to deepen ties.",
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Abena Owusu"),
        ("TGO", "Koffi Agbo"),
    ]


def test_heads_named_after_a_previous_meeting_clause_are_still_heads():
    report = run(
        "The 5th session of the Ghana-Togo Joint Commission was co-chaired in Accra on "
        "Monday by Minister Kofi Mensah of Ghana, who hosted the last meeting with Togo, and "
        "Minister Ama Dossou of Togo.",
    )

    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kofi Mensah"),
        ("TGO", "Ama Dossou"),
    ]


def test_an_abbreviated_position_yields_to_the_one_written_out_elsewhere():
    report = run(
        "Prime Minister Kofi Mensah welcomed his guests in Accra. The 43rd session of the "
        "Ghana-Togo Joint Committee on Sunday in Accra produced important results. The "
        "meeting was chaired by PM Mensah and Togolese Prime Minister Ama Dossou.",
        date="2020-12-06",
    )

    assert sorted((d.party, d.head, d.title) for d in report.delegations) == [
        ("GHA", "Kofi Mensah", "Prime Minister"),
        ("TGO", "Ama Dossou", "Togolese Prime Minister"),
    ]
