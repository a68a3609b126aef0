"""fresh30: constructions first seen on the older dev material's misses and on train6 (a dev split
written from new text, 2026-12-07), mended in general form. Relations: a state's concern about
another's conduct opposes it (a plight is no conduct); a war named with its waging side ("the
Russian invasion of Ukraine", one gazetteer name) opposes the attacked; "US support for X"
(asked-for support is none); resolve owned by its holder ("its determination to support X"; a
plan nobody owns names no supporter, a condition no resolve); "<A>-<B> cooperation" and
qualified ties (bare or hostile ties are none; "Sino-" is China); a list backing someone with
the bare verb; a named rival; sanctions imposed on a state; ties severed, cut off or ended are
none; self-governing and de facto states are countries; a list said to be an organisation's
countries or signing its founding treaty is in it. Offices: "newly inaugurated", a service's
commander, a speaker of parliament, "X is the <demonym> <title>"; a name the model ended before
"el-Sisi". Statements: "Mr Abiy" after Abiy Ahmed. Stance: disparaging labels, good faith,
historic weight. Version 30: a time between an accord and its party, a war waged by a dash-joined
pair. Invented sentences only (no corpus article)."""

from __future__ import annotations

from extraction_helpers import facts, quote_of, run


def test_concern_about_a_states_conduct_opposes_it() -> None:
    got = facts("South Korea and Japan expressed strong concerns over military cooperation between North Korea "
                "and Russia.")
    assert {("south-korea", "opposes", "north-korea"), ("japan", "opposes", "russia")} <= got.keys(), got
    assert ("india", "opposes", "china") in facts("India has voiced concern about China's growing presence in Sri Lanka.")
    assert not {k for k in facts("The ministers of Canada and Japan expressed concern about the humanitarian "
                                 "situation in Sudan.") if k[1] == "opposes"}


def test_a_war_named_with_its_waging_side() -> None:
    assert ("russia", "opposes", "ukraine") in facts("Japan criticized the ongoing Russian invasion of Ukraine.")
    assert ("russia", "opposes", "ukraine") in facts("Russia’s war against Ukraine has lasted three years.")
    assert not {k for k in facts("The war in Ukraine goes on.") if k[1] == "opposes"}


def test_a_name_as_the_adjective_of_support() -> None:
    assert ("united-states", "supports", "philippines") in facts(
        "Austin reinforced US support for the Philippines after the incident.")
    assert ("un", "supports", "somalia") not in facts("The African Union seeks UN backing for Somalia.")


def test_resolve_owned_by_its_holder() -> None:
    assert ("germany", "supports", "ukraine") in facts("Germany expressed its determination to support Ukraine.")
    assert ("united-states", "supports", "philippines") in facts(
        "The United States reaffirmed its commitment to help defend the Philippines.")
    assert ("russia", "supports", "ukraine") not in facts("Russia criticized the plan to support Ukraine.")
    assert ("united-states", "supports", "turkey") not in facts(
        "Erdogan said he would ratify the accession if the US sticks to its commitments to deliver jets to Turkey.")


def test_pairs_joined_by_a_dash() -> None:
    assert ("russia", "partnerOf", "china") in facts("Russian-Chinese military cooperation is growing.")
    assert ("china", "partnerOf", "russia") in facts("Sino-Russian military ties have been deepening.")
    assert ("united-states", "partnerOf", "japan") in facts("US-Japan security ties have deepened.")
    for text in ("US-China ties are at a low.", "Strained US-China relations worry Seoul.",
                 "It comes as US-China relations fray over the islands.", "US-China security ties have soured."):
        assert not {k for k in facts(text) if k[1] == "partnerOf"}, text


def test_listed_backers_rivals_and_sanctions() -> None:
    got = facts("Saudi Arabia, Egypt and the UAE back Khalifa Haftar.")
    assert {("saudi-arabia", "supports", "khalifa-haftar"), ("egypt", "supports", "khalifa-haftar")} <= got.keys(), got
    assert ("khalifa-haftar", "opposes", "fayez-al-sarraj") in facts(
        "Khalifa Haftar's rival, Fayez al-Sarraj, met Erdogan.")
    assert ("eu", "opposes", "russia") in facts("He backed EU sanctions imposed on Russia for its invasion.")


def test_ties_severed_or_ended_are_none() -> None:
    assert ("nauru", "partnerOf", "taiwan") not in facts("Nauru has severed diplomatic ties with Taiwan in favour of China.")
    assert not {k for k in facts("Japan cut ties with Russia.") if k[1] == "partnerOf"}
    assert not {k for k in facts("The Arab League called on Libya to end cooperation with Turkey.")
                if k[1] == "partnerOf"}
    assert ("japan", "partnerOf", "russia") in facts("Japan signed a deal with Russia at the end of talks.")
    # any three words between "ended" and the tie, "co-operation" spelt with its hyphen (version 39)
    assert not {k for k in facts("Chad's government has ended its defence co-operation pact with France.")
                if k[1] == "partnerOf"}
    assert not {k for k in facts("Niger ended its decades-old military accord with the United States.")
                if k[1] == "partnerOf"}
    assert not {k for k in facts("Japan cut all co-operation with Russia.") if k[1] == "partnerOf"}
    assert ("japan", "partnerOf", "australia") in facts("At the end of the day, Japan partnered with Australia.")


def test_self_governing_and_de_facto_states_are_countries() -> None:
    assert ("cook-islands", "partnerOf", "china") in facts(
        "The Cook Islands has signed a comprehensive strategic partnership agreement with China.")
    assert ("ethiopia", "partnerOf", "somaliland") in facts("Ethiopia struck an agreement with Somaliland.")


def test_offices_described_held_and_stated() -> None:
    got = facts("Indonesia's newly-inaugurated President Prabowo Subianto met Indonesian navy commander Denih Hendrata.")
    assert {("prabowo-subianto", "holdsOffice", "indonesia"), ("denih-hendrata", "holdsOffice", "indonesia")} <= got.keys(), got
    assert ("elias-bou-saab", "holdsOffice", "lebanon") in facts("Lebanon's deputy speaker of parliament Elias Bou Saab said.")
    assert ("gabrielius-landsbergis", "holdsOffice", "lithuania") in facts(
        "Gabrielius Landsbergis is the Lithuanian Minister of Foreign Affairs.")
    assert ("abdel-fattah-el-sisi", "holdsOffice", "egypt") in facts(
        "Egyptian President Abdel Fattah el-Sisi promised support to Sudan.")


def test_a_given_name_with_an_honorific_refers_back() -> None:
    x = run("Prime Minister Abiy Ahmed is said to be preparing a new war.\n\nAs well as importing weapons, "
            "Mr Abiy – who won a prize in 2019 – has been saying that access to the sea is vital.\n\nThe port "
            "of Assab was part of Ethiopia until 1993.\n\nSince the war, the docks have been rusting away, while "
            "trade has gone through Djibouti.\n\nThe logistics of Djibouti are workable, but it is not Ethiopian "
            "territory.\n\nMany Ethiopians think the prime minister is threatening to use force.\n\nBut Mr Abiy "
            "denies that he intends to invade Eritrea, telling soldiers recently: “Ethiopia has never invaded "
            "any country.”")
    assert quote_of(x, "Ethiopia has never invaded").speaker == "abiy-ahmed"


def test_stance_of_labels_good_faith_and_weight() -> None:
    from loaders.extraction import stance
    assert stance.classify("Beijing has labelled him a troublemaker.") == "Opposed"
    assert stance.classify("It is an attempt to defame the government.") == "Opposed"
    assert stance.classify("Both sides have shown sincerity.") == "Supportive"
    assert stance.classify("He described Paraguay as one of America's strongest allies.") == "Supportive"
    assert stance.classify("They help suppress the insurgency in the north.") != "Opposed"


def test_a_list_said_to_be_an_organisations_countries_or_signing_its_treaty() -> None:
    got = facts("Turkey and Hungary are the only two NATO countries that have not ratified.")
    assert {("turkey", "memberOf", "nato"), ("hungary", "memberOf", "nato")} <= got.keys(), got
    assert not {k for k in facts("Turkey and Hungary are not NATO members.") if k[1] == "memberOf"}
    got = facts("Burkina Faso, Mali, and Niger formalised their exit by signing the Alliance of Sahel States treaty.")
    assert ("mali", "memberOf", "alliance-of-sahel-states") in got, got


def test_a_place_name_cut_before_its_last_word_is_none() -> None:
    from loaders.extraction.names import accept
    text = "Ethiopia moved towards formal recognition of the Republic of Somaliland."
    start = text.index("Republic")
    assert accept(text, start, start + len("Republic of"), "GPE") is None
    assert accept(text, start, start + len("Republic of Somaliland"), "GPE") is not None
    x = run(text)
    assert "republic-of" not in {m.entity for m in x.mentions}
    assert "somaliland" in {m.entity for m in x.mentions}


def test_when_between_a_deal_and_its_party_and_a_war_waged_by_a_pair() -> None:
    got = facts("Japan signed a defence pact last week with Australia.")
    assert ("japan", "partnerOf", "australia") in got, got
    got = facts("Critics condemned the brutal US-Israeli war on Iran.")
    assert {("united-states", "opposes", "iran"), ("israel", "opposes", "iran")} <= got.keys(), got
    assert not {k for k in facts("The Russia-Ukraine war goes on.") if k[1] == "opposes"}
