"""stance15 (issue 10): words that direct a statement against a named party set its stance
(and its `about`) whatever the sentiment around them. Sentences written for this test, not
taken from any corpus article."""

from __future__ import annotations

import pytest
from extraction_helpers import quote_of, run

from loaders.extraction import stance


@pytest.mark.parametrize("text, target", [
    ("the government led the regional effort against Peru", "Peru"),
    ("they were plotting against the United States", "the United States"),
    ("Japan urged the Netherlands to stop the shipments", "the Netherlands"),
    ("the minister called on Chile to quickly withdraw its ships", "Chile"),
    ("Argentina must withdraw its troops from the border", "Argentina"),
])
def test_targets_found(text: str, target: str) -> None:
    assert [(text[a:b], obj) for a, b, obj in stance.opposed_targets(text)] == [(target, True)]


@pytest.mark.parametrize("text", [
    "the brutal war against Ukraine must end",          # what Ukraine suffers
    "attacks against Peru were reported",
    "Argentina should not withdraw its troops",          # a demand to stay
    "the minister called on Chile to join the talks",    # no demand to withdraw
])
def test_no_target(text: str) -> None:
    assert stance.opposed_targets(text) == []


def test_an_effort_against_a_country_is_opposed_to_it() -> None:
    """No cue word: "against Peru" sets the side and the object."""
    x = run("Brazilian Foreign Minister Ana Souza said on Monday that Brazil "
            "had led the regional effort against Peru at the summit in Quito.")
    s = quote_of(x, "effort against Peru")
    assert (s.stance, s.about) == ("Opposed", "peru")


def test_a_demand_to_withdraw_outweighs_kind_words() -> None:
    """"should … withdraw": the praise words around the demand ("benefit", "commitments")
    do not make it supportive of the party told to withdraw."""
    x = run("“Chile should honour its commitments to the benefit of the region and quickly "
            "withdraw its warships,” Argentine Foreign Minister Ana Souza said on Monday.")
    s = quote_of(x, "withdraw its warships")
    assert (s.stance, s.about) == ("Opposed", "chile")


def test_the_framing_sentence_directs_a_bare_quote() -> None:
    """A quoted phrase with no cue of its own ("a source of instability"): the sentence
    reporting it ("backed a resolution against Peru, saying …"; "backed" alone reads as support) gives its side and object."""
    x = run("At the assembly, Brazil backed a resolution against Peru, saying the country was "
            "“a source of instability in the hemisphere.”")
    s = quote_of(x, "source of instability")
    assert (s.stance, s.about) == ("Opposed", "peru")


def test_a_demand_to_end_the_measures_against_a_party_is_not_against_it() -> None:
    """"the sanctions against X should be lifted": opposed to the measures, not to X (so X
    is not made the statement's object by this rule)."""
    text = "the embargo against Cuba should be lifted"
    assert [(text[a:b], obj) for a, b, obj in stance.opposed_targets(text)] == [("Cuba", False)]
    x = run("Mexican President Ana Souza said on Monday that the embargo against Cuba should "
            "be lifted, speaking at the summit in Lima with the United States.")
    s = quote_of(x, "embargo against Cuba")
    assert s.stance == "Opposed"


def test_the_party_acted_against_is_the_object_not_the_first_named() -> None:
    """The quote names the actor first and the party acted against after "against": the
    statement is about the latter."""
    x = run("“The OAS will lead the regional effort against Peru,” Brazilian Foreign Minister "
            "Ana Souza said on Monday.")
    s = quote_of(x, "effort against Peru")
    assert (s.stance, s.about) == ("Opposed", "peru")


def test_siding_objects() -> None:
    text = "We reaffirm our resolve to support Peru against the aggression of Chile"
    assert [text[a:b] for a, b in stance.siding_objects(text)] == ["Peru"]


def test_about_is_the_party_supported_not_the_first_named() -> None:
    """"the pressure from Chile … to support Peru": the statement is about Peru, the object
    of the verb of taking sides, not Chile, named first."""
    x = run("“Facing the pressure from Chile, we reaffirm our determination to support Peru,” "
            "Brazilian Foreign Minister Ana Souza said on Monday.")
    s = quote_of(x, "support Peru")
    assert (s.stance, s.about) == ("Supportive", "peru")


@pytest.mark.parametrize("frame, target, sign", [
    ("The declaration also accuses Peru and Chile of ", "Peru", -1),
    ("The minister praised Japan for ", "Japan", 1),
])
def test_siding_frame(frame: str, target: str, sign: int) -> None:
    found = stance.siding_frame(frame)
    assert found is not None and (frame[found[0]:found[1]], found[2]) == (target, sign)


@pytest.mark.parametrize("frame", [
    "Two leaders rejected Nato’s invitation, citing as reasons ",  # the object is the invitation
    "The minister did not condemn Peru for ",                      # negated
    "The minister described Peru as ",                             # no side taken
])
def test_no_siding_frame(frame: str) -> None:
    assert stance.siding_frame(frame) is None


def test_the_reporting_verb_sets_the_side_of_a_quoted_fragment() -> None:
    """"accuses X of “…”": the quote's own kind words ("support", "help") describe X's deeds;
    the reporting verb gives the speaker's side, towards X."""
    x = run("The OAS statement also accuses Peru and Bolivia of “helping the rebels by "
            "providing direct military support to them.”")
    s = quote_of(x, "helping the rebels")
    assert (s.stance, s.about) == ("Opposed", "peru")
