"""fresh31: constructions mended in general form in stop 31 (from train6's remaining errors and
from train7, a dev split written from new text on 2026-12-07). Statements: the quotation dash of
translated European copy ("- Our countries are crucial … - said X"), a reporter never inside
quoted words, the issuers a joint statement's own words name (a pact is none of them) and a
government's preface to the statement it releases, "That was X" after an opening quotation, a long
single-quoted paragraph with its attribution, an outlet quoting a person past an apposition, a
passive verb of saying, an organisation named in passing is not the topic. Stance: enmity, steadfast support, concord; "No. 1" is no negation; a
grievance word that is the object of support counts nothing. Relations: the infinitive of purpose
after "visiting X", a relative clause with its own subject, "part of" a programme, "became full
members" of the topic, "and its main ally, X", joint bodies and forces exercising together,
attacks waged by a named pair, a partnership's dialogue, asked to join is no membership.
Version 32 (train8, a second new dev split, first scored with version 31): curly marks typed the
wrong way round, a transcript's heading names its speaker, an order speaks for its issuer, a
rank without its full stop is no part of a name, counterparts, attachés and joint chiefs as
offices, "he" after a sentence naming two people is its subject, treaty allies, states bound by a
relationship, a single attack, leaders signing for their states. Invented sentences only (no
corpus article)."""

from __future__ import annotations

from extraction_helpers import facts, quotation_of, run

from loaders.extraction import stance
from loaders.extraction.pipeline import extract
from loaders.model import Article


def test_a_paragraph_quoted_with_dashes() -> None:
    x = run("- Our alliance is strong and every ally will be defended. I would like to emphasize that our "
            "commitment is long-term - said Jens Stoltenberg, the NATO Secretary General, in Brussels.\n\n"
            "The ministers met on Monday.\n")
    s = quotation_of(x, "Our alliance is strong")
    assert s.speaker == "jens-stoltenberg", s
    assert s.quote.quote.startswith("Our alliance") and s.quote.quote.endswith("is long-term"), s.quote
    # the quoted "I would like to emphasize that" reports nothing of its own
    assert not [t for t in x.statements if t.kind == "reported"], x.statements
    # an en or em dash, a comma before the closing dash
    y = run("— We will not give up a single island, — said President Emmanuel Macron.\n")
    assert quotation_of(y, "single island").speaker == "emmanuel-macron"


def test_a_list_opened_by_dashes_is_no_quotation() -> None:
    x = run("Key facts:\n\n- Sweden and Finland applied to join NATO in May 2022 - two months after the "
            "invasion.\n\n- Turkey agreed to their bid at the Madrid summit.\n")
    assert not [s for s in x.statements if s.kind == "quotation"], x.statements


def test_a_joint_statement_speaks_for_the_states_its_words_name() -> None:
    text = ("Today, we, the Prime Minister of Fiji and the Foreign Minister of New Zealand, confirm our "
            "commitment to the Duavata Union.\n\nWe declare our resolve to support each other as neighbours. "
            "We share an ocean and a future.\n")
    x = extract(Article(id="t", text=text, title="Joint Statement on the Duavata Union"))
    spoken = {s.speaker for s in x.statements if s.kind == "quotation"}
    assert spoken == {"fiji"}, [(s.speaker, s.quote.quote) for s in x.statements]
    assert {s.attribution.quote for s in x.statements if s.attribution} == {
        "Prime Minister of Fiji and the Foreign Minister of New Zealand"}
    released = ("The text of the following statement was released by the Governments of the United States of "
                "America and the Republic of Kazakhstan on the occasion of the annual dialogue.\n\n"
                "The two sides discussed border security and counterterrorism. Participants also discussed "
                "deepening multilateral cooperation.\n")
    y = run(released)
    assert {s.speaker for s in y.statements if s.kind == "quotation"} == {"united-states"}, y.statements


def test_that_was_names_an_opening_quotations_speaker() -> None:
    x = run("OPINION — “Together with Panama we will keep the canal secure and open to all nations.”\n\n"
            "That was Defense Secretary Pete Hegseth last Tuesday in Panama, speaking at a naval base.\n")
    assert quotation_of(x, "keep the canal secure").speaker == "pete-hegseth"


def test_a_long_single_quoted_paragraph_with_its_attribution() -> None:
    words = " ".join(["Our cooperation will deepen in the years ahead."] * 7)
    x = run(f"The Nordic prime ministers met in Oslo.\n\n‘{words} We will assist each other as allies,’ said "
            "Norwegian Prime Minister Jonas Gahr Støre.\n")
    assert quotation_of(x, "assist each other as allies").speaker == "jonas-gahr-stre"


def test_an_outlet_quoting_a_person_with_an_apposition() -> None:
    x = run('"It is a very strong symbolic moment for our relationship," AFP quoted Colonel Damien Mireval, '
            "the French defence attache in Abidjan, as saying.\n")
    assert quotation_of(x, "symbolic moment").speaker == "damien-mireval"


def test_a_passive_verb_of_saying_names_no_speaker() -> None:
    x = run("“We will never accept reunification,” Kim Jong Un said, adding that South Korea should be "
            "stated as the North’s “No. 1 hostile state and invariable primary enemy.”\n")
    assert quotation_of(x, "hostile state").speaker == "kim-jong-un"


def test_stance_words_of_enmity_steadfastness_and_concord() -> None:
    assert stance.classify("South Korea is the North's No. 1 hostile state and primary foe") == stance.OPPOSED
    assert stance.classify("They called it the enemy of the people") == stance.OPPOSED
    assert stance.classify("the United States' unwavering support for Kazakhstan's sovereignty") == stance.SUPPORTIVE
    assert stance.classify("We have reached a mutual understanding on this issue") == stance.SUPPORTIVE
    assert stance.classify("Both countries are in complete agreement on the base") == stance.SUPPORTIVE
    # "No." before a number is no negation; "no" before a cue still is
    assert stance.classify("There is no support for the plan") == stance.OPPOSED
    # a grievance word that is the object of support or respect counts nothing
    assert stance.cues("respect for each other's sovereignty")[-1] == ("sovereignty", 0)
    assert stance.cues("China defends its sovereignty")[-1] == ("sovereignty", -1)


def test_visiting_a_country_to_take_part() -> None:
    got = facts("The Deputy Foreign Minister of Iran, Saeed Khatibzade, who was visiting India to participate "
                "in the Raisina Dialogue, announced talks.")
    assert ("saeed-khatibzade", "participatesIn", "raisina-dialogue") in got, got
    assert ("india", "participatesIn", "raisina-dialogue") not in got
    assert ("india", "memberOf", "quad") in facts("The US and Japan welcomed India, which joined the Quad in 2007.")


def test_a_relative_clause_with_a_subject_of_its_own() -> None:
    got = facts("This is an achievement for Montenegro, where a strong opposition favoured closer ties with "
                "Serbia or Russia instead.")
    assert not {k for k in got if k[0] == "montenegro" and k[1] == "partnerOf"}, got
    assert ("sweden", "memberOf", "nato") in facts("Sweden, which joined NATO in 2024, hosted the meeting.")


def test_part_of_a_programme_and_members_of_the_topic() -> None:
    assert ("guyana", "participatesIn", "caribbean-basin-security-initiative") in facts(
        "Guyana is already part of the Caribbean Basin Security Initiative.")
    assert not facts("Crimea is part of Ukraine.")
    got = facts("Indonesia joined BRICS as a full member. The group expanded in 2011. Last year, Iran, Egypt "
                "and Ethiopia became full members.")
    assert {("iran", "memberOf", "brics"), ("egypt", "memberOf", "brics")} <= got.keys(), got


def test_allies_and_joint_bodies_and_forces() -> None:
    assert ("russia", "partnerOf", "belarus") in facts("Kenya faces threats from Russia and its main ally, Belarus.")
    assert ("taiwan", "partnerOf", "united-states") in facts(
        "Taiwan and the U.S. established a Coast Guard Working Group in 2024.")
    got = facts("In November 2022, U.S., Japanese, Australian, and Canadian warships conducted joint exercises "
                "in the Philippine Sea.")
    assert {("united-states", "partnerOf", "japan"), ("australia", "partnerOf", "canada")} <= got.keys(), got
    assert not {k for k in facts("Chinese warships sailed near Japanese and Australian ships.") if k[1] == "partnerOf"}


def test_attacks_waged_by_a_named_pair() -> None:
    got = facts("The drills began days after the joint Israel-US attacks on Iran.")
    assert {("israel", "opposes", "iran"), ("united-states", "opposes", "iran")} <= got.keys(), got
    assert ("russia", "opposes", "ukraine") in facts("Russia's attacks on Ukraine continued.")


def test_a_partnerships_dialogue_keeps_its_whole_name() -> None:
    x = run("Officials met for the sixth annual United States-Kazakhstan Enhanced Strategic Partnership Dialogue.")
    assert any(e.label == "United States-Kazakhstan Enhanced Strategic Partnership Dialogue" for e in x.entities), \
        [e.label for e in x.entities]


def test_asked_to_join_is_no_membership() -> None:
    assert ("india", "memberOf", "quad") not in facts("The US urged India to join the Quad.")
    assert ("finland", "memberOf", "nato") not in facts("NATO invited Finland to join the alliance.")
    assert ("finland", "memberOf", "nato") in facts("Finland joined NATO in 2023.")


def test_an_organisation_named_in_passing_is_not_the_topic() -> None:
    text = ("Ethiopia wants access to the sea. Ethiopia has bought drones from Turkey. Ethiopia says the port "
            "is vital. The regional bloc IGAD has called a summit.\n\n“We will never give up on this goal,” "
            "the analyst Mesfin Hagos said.\n")
    assert quotation_of(run(text), "never give up").about == "ethiopia"
    nato = ("NATO leaders met in Vilnius. Ukraine wants to join NATO. Ukraine asked for weapons.\n\n"
            "“We will never give up on this goal,” the analyst Mesfin Hagos said.\n")
    assert quotation_of(run(nato), "never give up").about == "nato"


# Version 32 (train8, first scored with version 31)

def test_curly_marks_typed_the_wrong_way_round() -> None:
    x = run("Argentina's Defense Minister Luis Petri delivered the letter in Brussels.\n\n”I met with the Deputy "
            "Secretary General of NATO,“ Petri wrote on X. ”We will continue to work with our partners on "
            "training,“ he added.\n")
    assert quotation_of(x, "continue to work with our partners").speaker == "luis-petri"
    assert quotation_of(x, "I met with the Deputy").speaker == "luis-petri"
    assert not [s for s in x.statements if s.quote.quote.strip().startswith("Petri wrote")], x.statements


def test_a_transcript_heading_names_its_speaker() -> None:
    x = run("Prime Minister Kyriakos Mitsotakis’ remarks after the signing of the defence agreement\n\n"
            "Today is a historic day for Greece and France. We have decided to upgrade our defence "
            "cooperation.\n")
    said = quotation_of(x, "historic day")
    assert said.speaker == "kyriakos-mitsotakis"
    assert said.attribution is not None and said.attribution.quote == "Kyriakos Mitsotakis"  # the heading's words
    assert [e.label for e in x.entities if e.slug == "kyriakos-mitsotakis"] == ["Kyriakos Mitsotakis"]  # no "’"


def test_an_order_speaks_for_its_issuer() -> None:
    x = run("The order was posted on the White House website by the United States government on Wednesday.\n\n"
            "“The United States shall regard any armed attack on Qatar as a threat to its own security,” "
            "the order says.\n")
    assert quotation_of(x, "armed attack on Qatar").speaker == "united-states"


def test_a_rank_without_its_full_stop_is_no_part_of_a_name() -> None:
    x = run("RDF Spokesperson, Col Ronald Rwivanga, said the forces would stay in Mozambique.")
    assert any(e.slug == "ronald-rwivanga" for e in x.entities), [e.slug for e in x.entities]


def test_offices_of_counterparts_attaches_and_joint_chiefs() -> None:
    assert ("shukhrat-kholmukhamedov", "holdsOffice", "uzbekistan") in facts(
        "Belousov met his Uzbek counterpart, Shukhrat Kholmukhamedov, in Tashkent.")
    assert ("philipp-doert", "holdsOffice", "germany") in facts(
        "Germany's defense attaché to Thailand, Philipp Doert, said the engines were not approved.")
    assert ("kim-seung-kyum", "holdsOffice", "south-korea") in facts(
        "The talks included ROK Chairman of the Joint Chiefs Gen. Kim Seung-Kyum.")


def test_he_after_a_sentence_naming_two_people_is_its_subject() -> None:
    x = run("Belousov met his Uzbek counterpart, Shukhrat Kholmukhamedov, in Tashkent. Andrei Belousov also "
            "congratulated Kholmukhamedov on his appointment.\n\n“This meeting marks a new stage of "
            "cooperation,” he said.\n")
    assert quotation_of(x, "new stage").speaker == "andrei-belousov"


def test_treaty_allies_bonds_and_single_attacks() -> None:
    assert ("philippines", "partnerOf", "united-states") in facts(
        "It resembles the pact between the Philippines and its treaty ally, the United States.")
    assert ("iraq", "partnerOf", "united-states") in facts(
        "Iraq and the United States of America are connected by a strategic relationship.")
    assert ("israel", "opposes", "qatar") in facts("Israel's surprise attack on Qatar targeted Hamas leaders.")
    assert not facts("A terrorist attack on the embassy killed two.")


def test_leaders_signing_for_their_states() -> None:
    assert ("france", "partnerOf", "poland") in facts(
        "French President Emmanuel Macron and Polish Prime Minister Donald Tusk on Friday signed a new "
        "strategic partnership treaty in Nancy.")
    assert ("united-kingdom", "partnerOf", "ukraine") in facts(
        "U.K. Prime Minister Keir Starmer signed a 100-year partnership agreement with Ukrainian President "
        "Volodymyr Zelenskyy on Thursday.")
    assert ("france", "partnerOf", "poland") not in facts(
        "French President Emmanuel Macron met Polish Prime Minister Donald Tusk.")


def test_stance_words_of_understanding_solidarity_and_peace() -> None:  # version 33
    assert stance.classify("The two sides reached an understanding on the provisional arrangement") == stance.SUPPORTIVE
    assert stance.classify("Both Nauru and Australia will collaboratively decide") == stance.SUPPORTIVE
    assert stance.classify("We are with you not just today or tomorrow") == stance.SUPPORTIVE
    assert stance.classify("the deal marked the start of a long-lasting peace") == stance.SUPPORTIVE
    assert stance.classify("They are not with you on this") == stance.NEUTRAL
