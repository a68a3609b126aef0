"""stance17: general evaluative language (invented sentences; each fails on the code before).

The words of esteem, acceptance and estrangement of ordinary English, a threat said to face a
party's own, "instead of" / "rather than" as negations, the setting of a concession ("despite
…", "amid …"), a participle compounded with a name ("UN-backed"), and a cue naming what is under
threat."""

from __future__ import annotations

import pytest

from loaders.extraction.stance import NEUTRAL, OPPOSED, SUPPORTIVE, classify, cues, explain


@pytest.mark.parametrize("text, expected", [
    # verbs of esteem and acceptance
    ("We appreciate the work the mission has done in the north.", SUPPORTIVE),
    ("The minister congratulated the new government of Ruritania.", SUPPORTIVE),
    ("The minister said he saw no problem with the plan to station troops there.", SUPPORTIVE),
    ("It is natural that the two armies train together.", SUPPORTIVE),
    ("It is my dream to see our country inside the union.", SUPPORTIVE),
    ("The pact respects the borders of both countries.", SUPPORTIVE),
    # evaluative adjectives
    ("The deal will be a crucial point in the talks.", SUPPORTIVE),
    ("The accord creates favourable conditions for trade.", SUPPORTIVE),
    ("It was a bold initiative by the two navies.", SUPPORTIVE),
    ("The treaty was deeply painful for our people.", OPPOSED),
    ("The settlement amounts to a capitulation.", OPPOSED),
    ("They called the vote illegitimate.", OPPOSED),
    # names of a breach, refusals
    ("The move was an affront to the island's authority.", OPPOSED),
    ("Officials ruled out any return to the bloc.", OPPOSED),
    ("The spokesman rebutted the report that troops had crossed the line.", OPPOSED),
    ("The meetings show the rift inside the council.", OPPOSED),
])
def test_general_evaluative_words(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


@pytest.mark.parametrize("text, expected", [
    ("The pact is becoming a security threat to his country.", OPPOSED),
    ("The dam is a threat to Ruritania's water supply.", OPPOSED),
    ("A project the capital views as a potential threat to its vital water resources.", OPPOSED),
    # a common good threatened is no side taken against anyone
    ("The ministers view the plan as a threat to the international order.", NEUTRAL),
    ("Cartels are a threat to the national security of both countries.", NEUTRAL),
])
def test_threat_to_a_partys_own(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


def test_threatened_good_is_not_praise() -> None:
    found = dict(cues("a plan the ministry sees as a danger to its vital interests"))
    assert found["vital"] == 0


@pytest.mark.parametrize("text, expected", [
    ("Instead of fulfilling its obligations, the alliance is creating problems.", OPPOSED),
    ("The council chose sanctions rather than cooperation with the junta.", OPPOSED),
])
def test_instead_of_negates(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


@pytest.mark.parametrize("text", [
    "Despite the bloc's efforts to maintain unity, the three states will stay outside it.",
    "The three states will likely stay outside the bloc amid escalating tensions.",
    "In spite of closer cooperation on trade, the two navies will sail apart.",
])
def test_concession_and_circumstance_are_setting(text: str) -> None:
    assert classify(text) == NEUTRAL, explain(text)


def test_setting_alone_still_counts() -> None:
    # a quoted fragment that is only the concession has nothing else to judge by
    assert classify("despite reservations expressed by some commentators") == OPPOSED


def test_name_compound_participle_is_no_cue() -> None:
    assert classify("The fate of the officers remains uncertain after a new UN-backed force was set up.") \
        == NEUTRAL
    assert classify("The force is backed by the council.") == SUPPORTIVE


@pytest.mark.parametrize("text, expected", [
    ("The talks will tackle the tensions along the border.", NEUTRAL),
    ("The agreement is good news for the settlement of the conflict.", SUPPORTIVE),
    ("Both sides want to prevent an escalation.", NEUTRAL),
])
def test_more_verbs_of_mending(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


@pytest.mark.parametrize("text, expected", [
    ("He called the envoy a close friend.", SUPPORTIVE),
    ("The soldiers who fought there are heroes.", SUPPORTIVE),
    ("They come from far away to make chaos in the region.", OPPOSED),
    # "neither … nor" negates
    ("The country has received neither an invitation nor a date.", OPPOSED),
    # a demand to drop or lift an objection mends it
    ("The chief urged the government to drop its objections to the bid.", NEUTRAL),
])
def test_second_pass_words(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


def test_warned_that_is_a_verb_of_saying() -> None:
    assert classify("The president warned that the insurgency is spreading south.") == NEUTRAL
    assert classify("The president warned the junta against any delay.") == OPPOSED


@pytest.mark.parametrize("text, expected", [
    # a cue in a causal adjunct names the reason, not the evaluation
    ("The premier sought closer ties because of rising tensions with its neighbour.", SUPPORTIVE),
    ("The navy bolstered its presence due to tensions at sea.", SUPPORTIVE),
    # mediating a trouble mends it
    ("The country must mediate tensions between the two blocs as its presence bolsters the talks.",
     SUPPORTIVE),
])
def test_reasons_and_mediation(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


def test_possessive_title_set_off_by_a_comma_is_the_speakers_side() -> None:
    """ "Kenya's Inspector General of Police, Douglas Kanja," speaks for Kenya, so what he says
    is not about Kenya (a title set off by a comma, like "Kenyan Inspector General Douglas
    Kanja")."""
    from extraction_helpers import quotation_of, run
    x = run("Kenya's Inspector General of Police, Douglas Kanja, spoke on Monday. “Kenya will keep "
            "its officers in Haiti until the new force arrives,” Kanja said.")
    assert quotation_of(x, "keep its officers").about != "kenya"


@pytest.mark.parametrize("text, expected", [
    ("The government must look for alternatives to the premier.", OPPOSED),
    ("We will build a system as an alternative to the regional bloc.", OPPOSED),
    ("The capital sees the northern province as part of its sovereign territory.", OPPOSED),
])
def test_turning_away_and_claiming(text: str, expected: str) -> None:
    assert classify(text) == expected, explain(text)


def test_take_advantage_of_is_no_praise() -> None:
    assert classify("The leader took advantage of the summit to announce new patrols.") == NEUTRAL
    assert classify("The deal is an advantage for both navies.") == SUPPORTIVE
