"""prec24: where rules and gazetteer entries over-fired or named things so that the facts were
not the text's: a standing force's states are its members, a numbered summit is one summit
of its series, a name with a middle initial or a suffix is the person the gazetteer knows.
Invented sentences only (no corpus article)."""

from __future__ import annotations

import pytest
from extraction_helpers import facts, run

# --- the Joint Expeditionary Force is an alliance: its states are members ------------------

def test_joint_expeditionary_force_states_are_members() -> None:
    got = facts("The Joint Expeditionary Force groups Denmark, Estonia, Norway and the United Kingdom.")
    assert ("norway", "memberOf", "joint-expeditionary-force") in got, got
    assert not [k for k in got if k[1] == "hasPartner"], got


# --- an ordinal or a year before a summit series names one summit ---------------------------

@pytest.mark.parametrize(("text", "slug", "label"), [
    ("Kazakhstan, Pakistan and Mongolia attended the 22nd SCO summit.", "22nd-sco-summit", "22nd SCO summit"),
    ("Egypt and Ethiopia attended the 2023 BRICS summit.", "2023-brics-summit", "2023 BRICS summit"),
    ("India and Australia attended the third Quad Leaders Summit.", "third-quad-leaders-summit",
     "third Quad Leaders Summit"),
])
def test_numbered_summit_is_one_summit(text: str, slug: str, label: str) -> None:
    x = run(text)
    entities = {e.slug: (e.label, e.cls) for e in x.entities}
    assert entities.get(slug) == (label, "Event"), entities
    got = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert any(p == "participatesIn" and o == slug for _, p, o in got), got
    assert not any(o in ("sco-summit", "brics-summit", "quad-leaders-summit") for _, _, o in got), got


def test_the_summit_after_a_numbered_summit_refers_to_it() -> None:
    x = run("Leaders flew to Samarkand for the 22nd SCO summit. Iran and Belarus attended the summit "
            "on Friday.")
    got = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("iran", "participatesIn", "22nd-sco-summit") in got, got
    assert "sco-summit" not in {m.entity for m in x.mentions}


def test_a_summit_series_without_a_number_stays_the_series() -> None:
    got = facts("Kazakhstan and Pakistan attended the SCO summit.")
    assert ("kazakhstan", "participatesIn", "sco-summit") in got, got
    got = facts("Since 2019 SCO summit declarations have named terrorism first. Kazakhstan attended the SCO summit.")
    assert not [k for k in got if k[2].startswith("2019")], got


# --- a middle initial or a generational suffix: the person the gazetteer knows --------------

def test_middle_initial_and_suffix_name_the_known_person() -> None:
    x = run("US Defense Secretary Lloyd J. Austin III met his counterpart. Austin later said the talks "
            "went well.")
    people = {e.slug for e in x.entities if e.cls == "Person"}
    assert people == {"lloyd-austin"}, people
    got = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("lloyd-austin", "holdsOffice", "united-states") in got, got


def test_an_unknown_person_keeps_the_full_name() -> None:
    x = run("US Defense Secretary Carl T. Whitmore III met his counterpart.")
    people = {e.slug for e in x.entities if e.cls == "Person"}
    assert people == {"carl-t-whitmore"} or people == {"carl-t-whitmore-iii"}, people


# --- "its/their objections to": the holder is the nearest actor before the possessive ----------

def test_its_objections_belong_to_the_nearest_actor() -> None:
    got = facts("Germany urged Hungary to drop its objections to Finland's entry.")
    assert ("hungary", "opposes", "finland") in got, got
    assert ("germany", "opposes", "finland") not in got, got
    got = facts("Leaders gave Chile and Peru a chance to show their support for Ukraine.")
    assert ("chile", "supports", "ukraine") in got, got


# --- a titled "name" ending in a word for a body is no person --------------------------------

def test_body_after_an_owned_title_is_no_person() -> None:
    x = run("Secretary-General Ana Lima and Director of the SCO Regional Anti-Terrorist Structure (SCO "
            "RATS) Executive Committee Yevgeny Sysoev attended.")
    assert not [e for e in x.entities if e.cls == "Person" and "Structure" in e.label], x.entities
    assert not [f for f in x.facts if f.predicate == "holdsOffice" and "structure" in f.subject]


# --- a sea is where something happens, not whom one backs ------------------------------------

def test_welcomed_to_a_sea_supports_no_sea() -> None:
    x = run("NATO spokesperson Dylan White welcomed the MCM Black Sea demining unit to the Black Sea.")
    assert not [f for f in x.facts if f.object == "black-sea"], x.facts
    got = facts("Britain welcomed Finland to the alliance.")
    assert ("united-kingdom", "supports", "finland") in got, got


def test_junior_is_not_his_father() -> None:
    # (a guard: "Jr." tells a son from his father, so dropping the initial does not reach him)
    x = run("US Defense Secretary Lloyd J. Austin Jr. met his counterpart.")
    assert "lloyd-austin" not in {m.entity for m in x.mentions}, x.mentions
