"""relations17: rules tightened where they over-fired on new text, and constructions added for
what they missed; each shown on sentences written for this test (not from any corpus article)."""

from __future__ import annotations

import pytest
from extraction_helpers import facts

# --- holdsOffice: a title followed by its owner and then a name is that name's title ---------

def test_title_of_owner_before_a_name_is_the_next_persons() -> None:
    got = facts("President of the Republic of Kazakhstan Nursultan Nazarbayev, Chairman of the "
                "People's Republic of China Xi Jinping and Prime Minister of India Narendra Modi "
                "attended the meeting.")
    assert ("nursultan-nazarbayev", "holdsOffice", "kazakhstan") in got
    assert ("xi-jinping", "holdsOffice", "china") in got
    assert ("nursultan-nazarbayev", "holdsOffice", "china") not in got
    assert ("xi-jinping", "holdsOffice", "india") not in got


def test_title_of_owner_then_a_title_keeps_the_office() -> None:
    got = facts("Dmitry Peskov, spokesman for Russian President Vladimir Putin, spoke on Monday.")
    assert ("dmitry-peskov", "holdsOffice", "russia") in got
    got = facts("Antony Blinken, the secretary of state of the United States, arrived in Tokyo.")
    assert ("antony-blinken", "holdsOffice", "united-states") in got


# --- disputes: "disputes with" is the noun, not "A and B dispute <Place>" -------------------

def test_disputes_with_a_capital_is_no_territorial_claim() -> None:
    got = facts("Somalia moved closer to Egypt and Eritrea, two countries that have long-standing "
                "disputes with Addis Ababa.")
    assert not [k for k in got if k[1] in ("partyTo", "concernsTerritory")]
    got = facts("China and Vietnam claim the Paracel Islands.")
    assert ("china", "partyTo", "paracel-islands-dispute") in got


# --- nominal membership still in process is no membership ---------------------------------

@pytest.mark.parametrize("text", [
    "Erdogan said parliament will ratify Sweden's accession to NATO.",
    "The vote remains the last obstacle to Sweden's membership of NATO.",
    "Hungary has delayed Sweden's accession to NATO for months.",
    "The talks on Sweden's membership in NATO resumed.",
])
def test_accession_in_process_is_no_membership(text: str) -> None:
    assert ("sweden", "memberOf", "nato") not in facts(text)


def test_accession_that_happened_is_membership() -> None:
    assert ("finland", "memberOf", "nato") in facts(
        "Since Finland's accession to NATO, Russia has moved troops to the border.")


# --- calibration: place of a coined event, place only inside a summit's name ----------------

def test_coined_event_place_is_below_the_high_band() -> None:
    got = facts("Leaders met at an ECOWAS summit in Abuja on Sunday.")
    assert 0 < got[("ecowas-summit", "locatedIn", "abuja")] < 0.8


def test_place_only_in_a_summits_name_is_name_composition() -> None:
    got = facts("The 2010 Lisbon Summit adopted a new concept.")
    assert 0 < got[("nato-lisbon-summit", "locatedIn", "lisbon")] < 0.8
    got = facts("Leaders met at the NATO summit in Madrid.")
    assert got[("nato-madrid-summit", "locatedIn", "madrid")] >= 0.8


# --- an "anti-"/"pro-" compound names no actor -----------------------------------------------

def test_anti_compound_is_not_the_object() -> None:
    got = facts("Ankara has been unhappy with anti-Erdogan protests in Stockholm.")
    assert not [k for k in got if k[2] == "recep-tayyip-erdogan"]
    got = facts("China condemned Japan on Monday.")
    assert ("china", "opposes", "japan") in got


# --- recall: members introduced by the group, founders of an alliance ------------------------

@pytest.mark.parametrize(("text", "group", "members"), [
    ("The CSTO includes Belarus, Russia, Armenia and Kazakhstan.", "csto",
     ["belarus", "russia", "armenia", "kazakhstan"]),
    ("The sea borders NATO, which has three members -- Turkey, Bulgaria, and Romania.", "nato",
     ["turkey", "bulgaria", "romania"]),
    ("Fighting worried the Association of Southeast Asian Nations (ASEAN) which includes "
     "Cambodia and Thailand.", "asean", ["cambodia", "thailand"]),
    ("The Alliance of Sahel States (AES), which was established in 2023 by Mali, Niger and "
     "Burkina Faso, met in Bamako.", "alliance-of-sahel-states", ["mali", "niger", "burkina-faso"]),
    ("ASEAN, founded by Indonesia, Malaysia and Thailand, turned 50.", "asean",
     ["indonesia", "malaysia", "thailand"]),
])
def test_members_a_group_introduces(text: str, group: str, members: list[str]) -> None:
    got = facts(text)
    for m in members:
        assert got.get((m, "memberOf", group), 0) >= 0.8, (m, got)


@pytest.mark.parametrize("text", [
    "NATO includes Turkey in the talks.",  # one country: a main-verb 'includes' needs a list
    "The company was founded in 1990 by Japan and Korea.",  # no alliance or organisation
])
def test_no_members_without_a_group_list(text: str) -> None:
    assert not [k for k in facts(text) if k[1] == "memberOf"]


# --- recall: a list working together; a participle after an apposition ---------------------

def test_list_working_together_are_partners() -> None:
    got = facts("Officials said Greece, Cyprus and Egypt are working closely together on energy security.")
    assert got.get(("greece", "partnerOf", "cyprus"), 0) >= 0.8
    assert got.get(("cyprus", "partnerOf", "egypt"), 0) >= 0.8
    assert not facts("Officials said Greece worked together with its lawyers.")


def test_participle_after_an_apposition_reads_the_named_head() -> None:
    got = facts("Cobra Gold, the annual multinational training exercises co-hosted by Thailand and "
                "the United States, began on Tuesday.")
    assert got.get(("thailand", "participatesIn", "cobra-gold"), 0) >= 0.8
    assert got.get(("united-states", "participatesIn", "cobra-gold"), 0) >= 0.8


# --- recall: supporters, recognition, destabilising, 'A and other <Org> allies' -------------

@pytest.mark.parametrize(("text", "fact"), [
    ("Germany has long been a staunch supporter of Poland's defence plans.", ("germany", "supports", "poland")),
    ("In 2008 Russia recognised the independence of Kosovo.", ("russia", "supports", "kosovo")),
    ("Serbia was the first country to recognise Montenegro.", ("serbia", "supports", "montenegro")),
    ("Moscow destabilized Moldova for years.", ("russia", "opposes", "moldova")),
    ("Serbia struck an agreement with the self-declared republic of Kosovo.", ("serbia", "partnerOf", "kosovo")),
    ("Canada and other NATO allies want Ankara to ratify the deal.", ("canada", "memberOf", "nato")),
    ("The delay stoked tensions between Hungary and its US-led NATO allies.", ("hungary", "memberOf", "nato")),
])
def test_more_relation_constructions(text: str, fact: tuple[str, str, str]) -> None:
    got = facts(text)
    assert got.get(fact, 0) > 0, got


def test_recognition_of_a_possessors_region_is_not_the_possessor() -> None:
    got = facts("Russia recognised the independence of Kosovo and Georgia's other breakaway region.")
    assert ("russia", "supports", "kosovo") in got
    assert ("russia", "supports", "georgia") not in got


def test_and_other_needs_members_of_the_group() -> None:
    assert not [k for k in facts("Japan and other NATO partners met in Brussels.") if k[1] == "memberOf"]


# --- holdsOffice: an organ before the title, inspector general, respective counterparts ------

@pytest.mark.parametrize(("text", "person", "owner"), [
    ("ECOWAS Commission President Omar Touray warned the juntas.", "omar-touray", "ecowas"),
    ("Kenya's Inspector General of Police, Douglas Kanja, spoke on Friday.", "douglas-kanja", "kenya"),
])
def test_more_titles(text: str, person: str, owner: str) -> None:
    assert facts(text).get((person, "holdsOffice", owner), 0) >= 0.8


def test_respective_counterparts() -> None:
    got = facts("Wang met his French and German counterparts, Jean-Noel Barrot and Annalena Baerbock.")
    assert ("jean-noel-barrot", "holdsOffice", "france") in got
    assert ("annalena-baerbock", "holdsOffice", "germany") in got
    assert ("jean-noel-barrot", "holdsOffice", "germany") not in got
    got = facts("Wang met his French and German counterparts and Annalena Baerbock.")
    assert not [k for k in got if k[1] == "holdsOffice"]


# --- opposition: at odds; the group named as the subjects' own is not the topic --------------

def test_at_odds_and_butting_heads() -> None:
    assert facts("Pakistan is at odds with India over the river.").get(("pakistan", "opposes", "india"), 0) >= 0.8
    assert ("venezuela", "opposes", "colombia") in facts("Venezuela has been butting heads with Colombia.")


def test_members_objecting_do_not_oppose_their_group() -> None:
    got = facts("NATO members Hungary and Slovakia objected.")
    assert ("hungary", "memberOf", "nato") in got
    assert ("hungary", "opposes", "nato") not in got


# --- 'one of' / 'among' the members, partners or allies ---------------------------------------

@pytest.mark.parametrize(("text", "fact"), [
    ("Japan is one of NATO's partners.", ("japan", "partnerOf", "nato")),
    ("Poland is among NATO's most active members.", ("poland", "memberOf", "nato")),
    ("Thailand is one of the founding members of ASEAN.", ("thailand", "memberOf", "asean")),
    ("Japan is one of the closest allies of the United States.", ("japan", "partnerOf", "united-states")),
])
def test_one_of_the_members(text: str, fact: tuple[str, str, str]) -> None:
    assert facts(text).get(fact, 0) >= 0.8


def test_one_of_the_trading_partners_is_no_partnership() -> None:
    assert not [k for k in facts("Vietnam is one of China's largest trading partners.") if k[1] == "partnerOf"]


# --- mutual hostility; an office someone served in ---------------------------------------------

def test_blamed_each_other_is_mutual() -> None:
    got = facts("India and Pakistan accused one another of ceasefire violations.")
    assert got.get(("india", "opposes", "pakistan"), 0) >= 0.8
    assert got.get(("pakistan", "opposes", "india"), 0) >= 0.8
    assert not [k for k in facts("Talks between India and Pakistan helped each other.") if k[1] == "opposes"]


def test_served_as_an_office() -> None:
    got = facts("Ben Wallace, who previously served as Britain's defence secretary, spoke in Kyiv.")
    assert ("ben-wallace", "holdsOffice", "united-kingdom") in got


def test_partner_for() -> None:
    assert facts("Japan is a key partner for NATO.").get(("japan", "partnerOf", "nato"), 0) >= 0.8
    assert not [k for k in facts("Vietnam is a major trading partner for China.") if k[1] == "partnerOf"]


def test_an_exercise_that_involved_a_list() -> None:
    got = facts("RIMPAC, which involved Japan, Australia and Canada, ended on Friday.")
    for c in ("japan", "australia", "canada"):
        assert got.get((c, "participatesIn", "rimpac"), 0) >= 0.8
    got = facts("Exercise Talisman Sabre involved troops from Japan and Fiji.")
    assert ("fiji", "participatesIn", "talisman-sabre") in got
    assert not [k for k in facts("RIMPAC involved Japan.") if k[1] == "participatesIn"]  # one: no list
