"""fresh29b: errors first seen on train5 (a dev split written from new text, 2026-12-07), mended
in general form. Relations: ties undone ("suspended all agreements with", "revoked its accord
with") state no partnership; a group named as the list's description ("between fellow Five Eyes
allies A, B and C") is no party; an owner before "and <verb>" is no subject; annexing a
territory opposes no place, threats to annex a state oppose it; "an outspoken critic of";
"provides X with assistance"; a state's official or ambitions stand for the state; "contain",
"counteract"; "coordination between"; contracts between states; "A met B for (at, on the
sidelines of) the <event>": both take part ("during" a war is only when). Offices: a described
title ("France's first centrist president"), "foreign policy spokesperson", "High
Representative for …", "colleague". Statements: a quotation that goes on with an inner report
is the inner speaker's; "the Indian prime minister" after "Prime Minister X"; "the president of
Somalia"; "as reported by X" is no byline; "“…,” he said" after a sentence reporting him; a
name the parse cut; "X's office" and "the office said"; a joint statement of listed countries
speaks in all its sentences, by its first-named party or the group they form. Stance: shared
interests, condescension, disruption. Invented sentences only (no corpus article)."""

from __future__ import annotations

from extraction_helpers import facts, quote_of, run


def test_ties_undone_state_no_partnership() -> None:
    assert ("venezuela", "partnerOf", "trinidad-and-tobago") not in facts(
        "Venezuela has suspended all energy agreements with Trinidad and Tobago.")
    assert not {k for k in facts("Niger revoked its military accord with the United States.") if k[1] == "partnerOf"}
    assert {k for k in facts("Niger signed its military accord with the United States.") if k[1] == "partnerOf"}


def test_a_group_describing_a_list_is_no_party() -> None:
    got = facts("Canada is absent from the AUKUS security pact between fellow Five Eyes allies Australia, "
                "the United Kingdom and the United States.")
    assert ("australia", "memberOf", "aukus") in got, got
    assert ("five-eyes", "memberOf", "aukus") not in got, got


def test_an_owner_before_and_a_verb_is_no_subject() -> None:
    got = facts("He alleged that the goal of the deployment is to seize Venezuela's oil wealth and destabilize "
                "Latin America.")
    assert ("venezuela", "opposes", "latin-america") not in got, got


def test_annexing_a_territory_and_threats_to_annex_a_state() -> None:
    assert ("russia", "opposes", "crimea") not in facts("Russia has illegally annexed Crimea, the minister said.")
    assert ("donald-trump", "opposes", "canada") in facts("US President Donald Trump’s threats to annex Canada alarmed Ottawa.")


def test_critics_providers_officials_and_containment() -> None:
    assert ("emmanuel-macron", "opposes", "donald-trump") in facts("Emmanuel Macron is an outspoken critic of Donald Trump.")
    assert ("united-states", "supports", "ukraine") in facts("The US provides Ukraine with more assistance than any other nation.")
    assert ("saudi-arabia", "opposes", "iran") in facts("A Saudi official harshly condemned the Iranian regime.")
    assert ("france", "opposes", "turkey") in facts("Paris has long sought to contain Turkish ambitions in the region.")
    assert ("south-korea", "partnerOf", "japan") in facts("Close coordination between South Korea and Japan is crucial.")


def test_contracts_between_states_and_not_a_companys() -> None:
    assert ("armenia", "partnerOf", "india") in facts("Armenia has also signed defense contracts worth $400 million with India.")
    assert ("france", "partnerOf", "armenia") in facts("Paris and Yerevan signed a weapons contract amid warmer ties.")
    assert not {k for k in facts("Lockheed Martin signed a contract with Poland.") if k[1] == "partnerOf"}


def test_both_sides_of_a_meeting_take_part_in_its_event() -> None:
    got = facts("Minister for Defence Dr Ng Eng Hen met Indian Minister for Defence Nirmala Sitharaman for the "
                "second India-Singapore Defence Ministers' Dialogue in New Delhi today.")
    event = "india-singapore-defence-ministers-dialogue"
    assert {("ng-eng-hen", "participatesIn", event), ("nirmala-sitharaman", "participatesIn", event)} <= set(got), got
    got = facts("President Joe Biden met Prime Minister Fumio Kishida on the sidelines of the Asia-Pacific "
                "Economic Cooperation in Lima.")
    assert ("fumio-kishida", "participatesIn", "apec") in got, got
    assert not {k for k in facts("Australia called for the Shangri-La Dialogue to be held in June.") if k[1] == "participatesIn"}


def test_described_titles_spokespersons_representatives_and_colleagues() -> None:
    assert ("emmanuel-macron", "holdsOffice", "france") in facts("Emmanuel Macron, France's first centrist president, spoke.")
    assert ("anitta-hipper", "holdsOffice", "eu") in facts("EU foreign policy spokesperson Anitta Hipper said so.")
    assert ("josep-borrell", "holdsOffice", "eu") in facts(
        "EU High Representative for Foreign Affairs and Security Policy, Josep Borrell, said so.")
    assert ("nyamaaginy-enkhbold", "holdsOffice", "mongolia") in facts("Esper met his Mongolian colleague Nyamaaginy Enkhbold.")


def test_a_quotation_going_on_with_an_inner_report_is_the_inner_speakers() -> None:
    x = run("During the talks, Sri Lankan President Anura Kumara Dissanayake said that his country’s territory "
            "would not be used “in any manner that is inimical to India's interests”, Foreign Secretary Vikram "
            "Misri said.")
    assert quote_of(x, "in any manner").speaker == "anura-kumara-dissanayake"


def test_a_countrys_title_after_the_bare_title_and_the_president_of_a_country() -> None:
    x = run("India and Sri Lanka signed a deal after talks between Prime Minister Narendra Modi and President "
            "Anura Kumara Dissanayake.\n\nThe deal protects “India's interests”, Foreign Secretary Vikram Misri said."
            "\n\n“We believe that we have shared security interests,” the Indian prime minister said.")
    assert quote_of(x, "shared security interests").speaker == "narendra-modi"
    x = run("The navy will protect the waters, as reported by Somali President Hassan Sheikh Mohamud.\n\n"
            "The president of Somalia emphasized that the agreement does not harbor hostile intentions.")
    assert quote_of(x, "hostile intentions").speaker == "hassan-sheikh-mohamud"
    assert not [s for s in x.statements if s.kind == "authorial" and "hassan" in s.speaker]


def test_he_said_after_a_sentence_reporting_him_and_a_cut_name() -> None:
    x = run("“Our ties are eternal,” Kazakh President Kassym-Jomart Tokayev said.\n\n"
            "In his address, Chinese President Xi Jinping criticized U.S. trade policies. "
            "“Tariff wars and trade wars have no winners,” he said.")
    assert quote_of(x, "Tariff wars").speaker == "xi-jinping"
    x = run("“Nothing concrete has come yet,” ISPR Director Lt. Col. Sami Ud Dowla Chowdhury told Arab News.")
    assert quote_of(x, "Nothing concrete").speaker == "sami-ud-dowla-chowdhury"


def test_a_joint_statement_of_listed_countries_speaks_in_all_its_sentences() -> None:
    x = run("Joint Statement From Australia, Bahrain, Canada and Denmark on strikes in Yemen.\n\n"
            "Joint Statement, 24 February 2024: From Australia, Bahrain, Canada and Denmark\n\n"
            "Today the militaries of Canada and Denmark conducted strikes against targets in Yemen. "
            "These precision strikes are intended to disrupt and degrade those capabilities.")
    quotes = {s.quote.quote: s for s in x.statements if s.kind == "quotation"}
    assert {q.speaker for q in quotes.values()} == {"australia"}, quotes
    assert any(q.startswith("These precision strikes") for q in quotes), quotes
    assert not any(q.startswith("Joint Statement") for q in quotes), quotes
    assert quote_of(x, "These precision strikes").stance == "Opposed"


def test_military_ranks_title_a_person_and_their_office() -> None:
    """fresh29c: "Air Chief Marshal", "Field Marshal", "Brigadier" and "Colonel" are titles."""
    got = facts("Bangladesh’s Air Chief Marshal Hasan Mahmood Khan visited Karachi.")
    assert ("hasan-mahmood-khan", "holdsOffice", "bangladesh") in got, got
    got = facts("He met Field Marshal Syed Asim Munir, Pakistan’s chief of defense forces.")
    assert ("syed-asim-munir", "holdsOffice", "pakistan") in got, got


def test_an_accord_named_head_first_and_a_city_after_its_countrys_possessive() -> None:
    """fresh29c: "the Declaration on Strengthening Defence Cooperation" is an accord its signers
    are parties to (a declaration in a joint statement's heading is no issuer); "in Malaysia's
    Kuala Lumpur" is where an event was held."""
    got = facts("Croatia, Albania and Kosovo signed the Declaration on Strengthening Defence Cooperation.")
    accord = "declaration-on-strengthening-defence-cooperation"
    assert {(accord, "hasPartner", c) for c in ("croatia", "albania", "kosovo")} <= set(got), got
    got = facts("The leaders met at the BRICS summit in Russia's Kazan last year.")
    assert ("brics-summit", "locatedIn", "kazan") in got, got
    x = run("The Wilmington Declaration Joint Statement from the Leaders of Australia, India, Japan and the "
            "United States\n\nWe, the leaders of the Quad, met today. We reaffirm our commitment to the region. "
            "Australia, India, Japan and the United States make up the Quad.")
    assert {s.speaker for s in x.statements if s.kind == "quotation"} <= {"quad", "australia"}, x.statements
