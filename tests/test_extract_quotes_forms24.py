"""Issue 10, direct quotations (quotes24): speaker forms found missing or wrong on the studied
train3 articles, written here as invented sentences (none is taken from a corpus article) — a
family name written first after "quoted … as saying", an outlet that "quotes" the speaker at
the end of the sentence, "the government spokesman's office" after "the government" spoke for
a country, a newspaper named after a country, and a named declaration that speaks for the
organisation that issued it."""

from __future__ import annotations

from extraction_helpers import Q, label, quotation_of, quote_of, run

from loaders.extraction.statements import find_quotes


def test_a_family_name_written_first_is_the_person_quoted_as_saying() -> None:
    """A two-letter family name ("Li") is found as a family name written first is."""
    text = ("Chinese Premier Li Haoming met the Iranian president in Beijing on Monday.\n\n"
            f"\"{Q},\" the state news agency quoted Li as saying.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Li Haoming", "Person")


def test_a_family_name_shared_by_two_people_is_nobody() -> None:
    text = ("Li Haoming met Li Qiang and Iranian officials in Beijing on Monday.\n\n"
            f"\"{Q},\" the state news agency quoted Li as saying.")
    x = run(text)
    assert not [s for s in x.statements if "Nordic partners" in s.quote.quote
                and label(x, s.speaker)[0] in ("Li Haoming", "Li Qiang")]


def test_an_outlet_that_quotes_the_speaker_at_the_end_gives_the_one_quoted() -> None:
    text = ("The alliance sent troops to the capital on Thursday.\n\n"
            f"\"{Q},\" the news agency quotes alliance spokesman Pavel Orlovsky.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Pavel Orlovsky", "Person")


def test_the_government_spokesmans_office_is_the_government_that_spoke_before() -> None:
    text = ("Hungary has blocked the payment of the new tranche of military aid, the government "
            "confirmed.\n\n"
            "Member states are also buying weapons for Ukraine through the fund.\n\n"
            f"\"{Q},\" the government spokesman's office told reporters.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Hungary", "Country")


def test_a_newspaper_named_after_a_country_is_not_the_country() -> None:
    text = ("Leaders met in Samarkand this week.\n\n"
            f"“{Q},” the Times of India notes.")
    x = run(text)
    speaker = quotation_of(x, "Nordic partners").speaker
    assert label(x, speaker)[0] == "Times of India"
    assert speaker != "india"


def test_a_named_declaration_speaks_for_the_organisation_in_its_name() -> None:
    text = ("The summit ended with the adoption of the Astana Declaration of the SCO Council of "
            "Heads of State. It stresses that the world is changing fast.\n\n"
            f"“{Q},” the declaration states.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker)[0] == "Shanghai Cooperation Organisation"


def test_a_named_declaration_that_underlines_speaks_for_the_organisation_named_before() -> None:
    text = ("Egypt and Qatar became dialogue partners of the SCO at the summit.\n\n"
            "The Astana Declaration which was signed by all countries at the summit underlined "
            "that the world today is undergoing deep changes and has entered a new period.")
    x = run(text)
    s = quote_of(x, "undergoing deep changes")
    assert label(x, s.speaker)[0] == "Shanghai Cooperation Organisation"


def test_a_next_sentence_whose_opening_mark_was_lost_is_a_quotation() -> None:
    text = ("Foreign Minister Aino Virtanen spoke in Oslo on Tuesday.\n\n"
            "\"Our ties with Sweden will stay close,\" Virtanen said.We are prepared to discuss "
            "what is to be done about the border. Those are the talks which are feasible,\" she added.")
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert any(q.startswith("We are prepared to discuss") and q.endswith("feasible,") for q in quotes), quotes
    x = run(text)
    assert label(x, quotation_of(x, "We are prepared").speaker) == ("Aino Virtanen", "Person")


def test_a_lost_opening_mark_needs_an_attribution_after_the_closing_one() -> None:
    text = ("\"Our ties with Sweden will stay close,\" Virtanen said. We are prepared to talk. "
            "The border is \"calm,\" and quiet.")
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert not any(q.startswith("We are prepared") for q in quotes), quotes


def test_an_adverb_between_a_role_and_its_verb_is_no_part_of_the_speaker() -> None:
    text = ("Norwegian Prime Minister Ola Brekke met the US envoy in Oslo on Monday.\n\n"
            "Days ago, the Norwegian prime minister already pledged to step up his efforts to "
            "keep the Arctic talks going with all of the partners.")
    x = run(text)
    assert label(x, quote_of(x, "step up his efforts").speaker) == ("Ola Brekke", "Person")


def test_the_president_of_a_body_is_the_person_written_after_that_title() -> None:
    text = ("In his statement after the summit, the President of the European Council Marta Lind "
            "said that the event had shown clear support for the region.\n\n"
            "Serbia did not attend the gathering in Brussels this week.\n\n"
            "The President of the European Council praised the progress made by Montenegro and "
            "Albania in the past twelve months.")
    x = run(text)
    assert label(x, quote_of(x, "praised the progress").speaker) == ("Marta Lind", "Person")


def test_a_title_after_its_bodys_name_is_the_one_person_given_that_title() -> None:
    text = ("NATO supports Moldova's independence, says Secretary-General Lars Holm. This comes "
            "after Russian envoy Oleg Marin criticised the call for the troops to leave.\n\n"
            f"“{Q},” said the NATO Secretary-General.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Lars Holm", "Person")


def test_a_countrys_title_is_not_taken_by_another_countrys_minister() -> None:
    """(The bare title "foreign minister" is not looked up when a country qualifies it.)"""
    text = ("Ukraine's Foreign Minister Ivan Petrenko met envoy Oleg Marin in Kyiv on Monday.\n\n"
            f"“{Q},” said the Russian foreign minister.")
    x = run(text)
    assert not [s for s in x.statements if "Nordic partners" in s.quote.quote
                and label(x, s.speaker)[0] == "Ivan Petrenko"]


def test_a_person_named_as_a_possessor_is_not_the_nearest_speaker() -> None:
    text = ("Russian Foreign Minister, Ivan Sokolov considered Maria Popescu’s statement “irresponsible” "
            "because “it does not help to settle the conflict in the region.”")
    x = run(text)
    assert label(x, quotation_of(x, "does not help").speaker) == ("Ivan Sokolov", "Person")


def test_a_name_with_a_joined_particle_is_a_new_person() -> None:
    text = ("The rebels said the strikes would be answered.\n\n"
            "Rebel spokesman Hassan al-Amri said that Yemen was the target of a massive attack by "
            "warships and fighters.")
    x = run(text)
    assert label(x, quote_of(x, "target of a massive attack").speaker) == ("Hassan al-Amri", "Person")


def test_a_statement_is_issued_by_the_reporter_of_the_sentence_that_names_it() -> None:
    text = ("Indonesia signed a deal to buy 42 fighter jets last month.\n\n"
            "The Defense Ministry, in a statement issued on Wednesday, said Budi Santoso "
            "would discuss a number of defense issues with his French counterpart.\n\n"
            f"\"{Q},\" the statement read.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Indonesia", "Country")


def test_the_statement_refers_back_to_the_one_a_reporter_issued_before() -> None:
    text = ("In talks with Tom Baxter on Thursday, Ola Brekke “discussed the next steps to deepen "
            "the Arctic partnership,” the premier’s office said in a statement.\n\n"
            "Sweden has previously insisted that the talks must wait until after the election.\n\n"
            "Still, links between Sweden and Norway have become more visible. Both agreed last "
            "summer to open their airspace to all airlines. And in the fall, a Swedish banker "
            "spoke at a conference in Oslo.\n\n"
            "It is an issue that came up in his talks with Baxter, in which they “discussed joint "
            "efforts to secure the northern sea routes,” according to the statement.")
    x = run(text)
    assert label(x, quotation_of(x, "northern sea routes").speaker) == ("Ola Brekke", "Person")


def test_a_claim_goes_on_past_a_quoted_fragment_to_its_sentence_end() -> None:
    text = ("Ola Brekke from the Nordic Policy Institute says the deal brings the two countries "
            "“towards a mutual security guarantee”, but does not go as far as a treaty.")
    x = run(text)
    s = quote_of(x, "the deal brings")
    assert s.kind == "reported" and s.quote.quote.endswith("as far as a treaty"), s.quote.quote


def test_a_claim_goes_on_past_short_quotations_that_end_its_sentence() -> None:
    text = "Prime Minister Ola Brekke said the document sends a “strong signal” of “strategic alignment”."
    x = run(text)
    s = quote_of(x, "the document sends")
    assert s.kind == "reported" and s.quote.quote.endswith("alignment”"), s.quote.quote


def test_a_claim_stops_at_a_fragment_after_an_inner_reporter() -> None:
    text = ("The Norwegian statement said Mr Brekke had told Ms Lind at the meeting that Svalbard "
            "\"is an inalienable part of Norway's territory\" and more.")
    x = run(text)
    s = quote_of(x, "had told Ms Lind")
    assert "inalienable" not in s.quote.quote, s.quote.quote


def test_news_passed_on_according_to_a_news_agency_is_no_statement() -> None:
    text = ("Norway put its coast guard on alert on Thursday in response to the exercise near "
            "the islands, according to the Associated Press.")
    x = run(text)
    assert not [s for s in x.statements if "coast guard on alert" in s.quote.quote and s.kind == "reported"]


def test_a_claim_according_to_a_ministry_stays() -> None:
    text = ("Norway put its coast guard on alert on Thursday in response to the exercise near "
            "the islands, according to the Norwegian defence ministry.")
    x = run(text)
    assert label(x, quote_of(x, "coast guard on alert").speaker) == ("Norway", "Country")


def test_where_a_position_was_written_is_no_position() -> None:
    text = ("“We seek no conflict, but we will defend our homeland,” the Norwegian defence ministry "
            "wrote on X, formerly Twitter.")
    x = run(text)
    assert not [s for s in x.statements if s.quote.quote.startswith("wrote on X")]


def test_a_position_written_in_a_letter_that_says_something_stays() -> None:
    text = "Norway’s prime minister wrote in a letter to the alliance that the northern flank needs more ships."
    x = run(text)
    assert quote_of(x, "northern flank").kind == "reported"


def test_a_reduced_passive_is_no_position_of_its_subject() -> None:
    text = ("The Joint Expeditionary Force is one of three arrangements welcomed by allied leaders at "
            "the 2014 summit in Wales, alongside two other groupings.")
    x = run(text)
    assert not [s for s in x.statements if s.quote.quote.startswith("welcomed by")]


def test_a_lead_in_before_a_reporter_and_a_quotation_is_no_claim() -> None:
    text = ("Foreign Minister Ola Brekke spoke in Oslo on Tuesday. With an unmistakable tone, he "
            f"emphasised, \"{Q}.\"")
    x = run(text)
    assert not [s for s in x.statements if s.quote.quote.startswith("With an unmistakable")]
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Ola Brekke", "Person")


def test_and_after_a_clause_opens_the_speakers_clause() -> None:
    text = ("Oslo has been a close partner for many decades and the United States has promised "
            "to help Norway defend its northern coast against any attack.")
    x = run(text)
    assert label(x, quote_of(x, "promised to help").speaker) == ("United States", "Country")


def test_a_reporter_after_its_verb_closing_the_sentence_is_the_speaker() -> None:
    text = "Norway firmly supports the territorial integrity of Finland, says Secretary-General Ola Brekke."
    x = run(text)
    s = quote_of(x, "firmly supports")
    assert s.kind == "reported" and label(x, s.speaker) == ("Ola Brekke", "Person")


def test_a_clause_after_said_is_no_inverted_reporter() -> None:
    text = ("Ola Brekke, who won the 2016 Nobel Peace Prize for his efforts to end the war, said the "
            "move would improve Norway's image on the world stage.")
    x = run(text)
    s = quote_of(x, "improve Norway")
    assert label(x, s.speaker) == ("Ola Brekke", "Person")


def test_a_quotation_after_a_statement_by_a_person_is_theirs() -> None:
    text = ("Facebook statement by Prime Minister Ola Brekke at the summit of the heads of state "
            "of the Nordic countries.\n\n"
            f"“{Q}. The talks were long and the results are good.”")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Ola Brekke", "Person")


def test_a_spokesman_for_a_states_command_speaks_for_the_state() -> None:
    text = ("A spokesman for the Northern Theater Command of the Norwegian Armed Forces stated that "
            "frigates were deployed to monitor and protect the convoy's transit through the strait.")
    x = run(text)
    assert label(x, quote_of(x, "frigates were deployed").speaker) == ("Norway", "Country")


def test_a_connective_before_a_speaker_is_no_part_of_it() -> None:
    text = ("Ola Brekke, head of the defence committee of the Norwegian parliament, said that the "
            "frigates would only protect the ports. However, the Norwegian official added that the "
            "allied forces would remain there for an indefinite period of time.")
    x = run(text)
    assert label(x, quote_of(x, "indefinite period").speaker) == ("Ola Brekke", "Person")


def test_the_reporter_closing_a_sentence_claims_all_before_it() -> None:
    text = ("Norwegian Defence Minister Ola Brekke attended the signing in Oslo.\n\n"
            "Norway believes the agreement will contribute to “regional security” in the Baltic Sea, "
            "Brekke added.")
    x = run(text)
    s = quote_of(x, "believes the agreement")
    assert s.kind == "reported" and label(x, s.speaker)[1] == "Person", (s.speaker, s.quote.quote)


def test_a_surname_written_without_its_accents_is_the_person() -> None:
    text = ("Turkish Defence Minister Yaşar Güler attended the signing in Istanbul.\n\n"
            f"\"{Q},\" Guler said.")
    x = run(text)
    assert quotation_of(x, "Nordic partners").speaker == "yasar-guler"
