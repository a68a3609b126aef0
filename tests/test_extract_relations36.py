"""Version 36: general constructions mended from the dev material's missed relations (train2,
train3, train7, train8), each written and checked here on invented sentences. The allies named
after "A and its allies", an attack a state comes under, a war noun with its sides after it
("the attack of A on B", "the invasion of B by A") but not a war only supposed ("any attack by"),
recognition as independent, "the latest US ally", spokespeople of a government, a contingent's
head, a state's possessive before its office holder, ranks written out in full."""

from __future__ import annotations

import pytest
from extraction_helpers import facts, run


@pytest.mark.parametrize("text", [
    "The United States and its allies Japan and South Korea held drills.",
    "The United States and its allies, Japan and South Korea, held drills.",
    "The United States and its closest allies Japan and South Korea held drills.",
])
def test_the_allies_named_after_its_allies(text: str) -> None:
    f = facts(text)
    assert ("japan", "partnerOf", "united-states") in f, f
    assert ("south-korea", "partnerOf", "united-states") in f, f


def test_its_allies_after_a_list_names_no_ally() -> None:
    # two states before "their allies": "its" is one state, "their" is no single owner
    f = facts("Japan and South Korea and their allies Australia and Canada held drills.")
    assert ("australia", "partnerOf", "japan") not in f and ("australia", "partnerOf", "south-korea") not in f, f


@pytest.mark.parametrize("text", [
    "Qatar came under attack from Israel on Tuesday.",
    "Qatar recently came under Israel’s missile attack.",
    "Qatar came under heavy fire from Israel.",
])
def test_an_attack_come_under(text: str) -> None:
    f = facts(text)
    assert ("israel", "opposes", "qatar") in f, f
    assert ("qatar", "opposes", "israel") not in f, f


def test_coming_under_pressure_is_no_attack() -> None:
    f = facts("Qatar came under pressure from Israel to expel the delegation.")
    assert ("israel", "opposes", "qatar") not in f, f


@pytest.mark.parametrize("text", [
    "European security has been shaken by the attack of Russia on Ukraine.",
    "European security has been shaken by the attack by Russia on Ukraine.",
    "European security has been shaken by the attack on Ukraine by Russia.",
    "The strikes on Ukraine by Russia drew protests.",
])
def test_a_war_noun_with_its_sides_after_it(text: str) -> None:
    f = facts(text)
    assert ("russia", "opposes", "ukraine") in f, f
    assert ("ukraine", "opposes", "russia") not in f, f


@pytest.mark.parametrize("text", [
    "Any nuclear attack by North Korea against the United States is unacceptable.",
    "A possible attack by North Korea on South Korea worries Seoul.",
    "They discussed future strikes by Israel on Iran.",
])
def test_a_war_only_supposed_states_no_opposition(text: str) -> None:
    f = facts(text)
    assert not [k for k in f if k[1] == "opposes" and k[0] in ("north-korea", "israel")], f


def test_recognised_as_independent() -> None:
    f = facts("Only Venezuela, Nicaragua, Nauru, and Syria have recognized Abkhazia as independent.")
    for state in ("venezuela", "nicaragua", "nauru", "syria"):
        assert (state, "supports", "abkhazia") in f, f


def test_recognised_as_something_else_is_no_support() -> None:
    f = facts("Venezuela recognized Abkhazia as a threat to the region.")
    assert ("venezuela", "supports", "abkhazia") not in f, f


@pytest.mark.parametrize("text", [
    "Japan has become the latest US ally to join the centre.",
    "Japan, the oldest US ally in the region, protested.",
])
def test_the_latest_or_oldest_ally(text: str) -> None:
    assert ("japan", "partnerOf", "united-states") in facts(text)


@pytest.mark.parametrize(("text", "person", "state"), [
    ("Israeli government spokesman David Mencer said the talks went well.", "david-mencer", "israel"),
    ("Russian presidential spokesman Dmitry Peskov said the talks went well.", "dmitry-peskov", "russia"),
    ("Russian contingent head Captain Oleg Gladkiy said the ships would stay.", "oleg-gladkiy", "russia"),
    ("The meeting was called by Germany's Heiko Maas on Monday.", "heiko-maas", "germany"),
])
def test_offices(text: str, person: str, state: str) -> None:
    f = facts(text)
    assert (person, "holdsOffice", state) in f, f


def test_a_rank_written_out_is_no_part_of_the_name() -> None:
    x = run("Lieutenant Colonel Sami Chowdhury and Captain Oleg Gladkiy met in Dhaka.")
    labels = {e.label for e in x.entities if e.cls == "Person"}
    assert "Oleg Gladkiy" in labels and not any(label.startswith("Captain") for label in labels), labels
    # a family name alone after the word keeps it: "Major Garrett" is a name, not a rank
    y = run("Major Garrett reported the news from Washington on Monday.")
    assert not any(e.label == "Garrett" for e in y.entities), [e.label for e in y.entities]


def test_a_possessive_before_a_name_that_is_no_state() -> None:
    # the possessive of a place or a demonym names no office
    f = facts("Brussels's Jan Peeters and the Russian Anna Ivanova spoke.")
    assert not [k for k in f if k[1] == "holdsOffice"], f
