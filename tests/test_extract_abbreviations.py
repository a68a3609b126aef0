"""Short forms written with full stops ("U.S.", "U.K.") as the AP style has them read as those
written without ("US", "UK"): bench/extraction_invariance.py's `stops-in-abbreviations` change
moved facts of one dev-material article and statements of seven before version 40 (now none and
five)."""

from __future__ import annotations

import pytest
from extraction_helpers import facts, quote_of, run

from loaders.extraction import stance
from loaders.extraction.sentences import split_sentences


def test_a_bracketed_short_form_with_stops_ends_no_sentence() -> None:
    text = "He spoke of the United States (U.S.). Then he left. The United Kingdom (U.K.) Defence Secretary spoke."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "He spoke of the United States (U.S.).", "Then he left.",
        "The United Kingdom (U.K.) Defence Secretary spoke."]


@pytest.mark.parametrize("short", ["US", "U.S."])
def test_a_bracketed_short_form_between_a_state_and_its_office_holder(short: str) -> None:
    got = facts(f"The United States ({short}) Secretary for Defence Mr. Lloyd Austin signed the framework.")
    assert ("lloyd-austin", "holdsOffice", "united-states") in got, got


@pytest.mark.parametrize("short", ["US", "U.S."])
def test_the_state_s_president_is_the_president_named_before(short: str) -> None:
    x = run("United States President Donald Trump has hosted his Azerbaijani counterpart Ilham Aliyev "
            "and Armenian Prime Minister Nikol Pashinyan at the White House for the signing of a peace "
            f"treaty.\n\nThe {short} president said during a ceremony on Friday that he believed the two "
            "men would have a “great relationship” and that the agreement would bring peace.")
    assert quote_of(x, "great relationship").speaker == "donald-trump"


@pytest.mark.parametrize("short", ["US", "U.S."])
def test_a_short_form_with_stops_is_what_a_statement_is_directed_against(short: str) -> None:
    text = f"They were conspiring against the {short}."
    assert [text[a:b] for a, b, _ in stance.opposed_targets(text)] == [f"the {short}"]
    demand = (f"The Philippines should not sacrifice its interests to benefit the {short}, and should "
              "quickly withdraw the missile system.")
    assert [demand[a:b] for a, b, _ in stance.opposed_targets(demand)] == ["The Philippines"]
    # a possessive is no object of a verb of taking sides, with or without stops
    assert stance.siding_objects(f"They rejected the {short}’s invitation.") == []


@pytest.mark.parametrize("short", ["US", "U.S."])
def test_an_alliance_named_after_two_states_makes_them_allies_written_either_way(short: str) -> None:
    x = run(f"The NCG is an enduring bilateral consultative body to strengthen the {short}-ROK Alliance "
            "and enhance extended deterrence.")
    got = {(f.subject, f.predicate, f.object) for f in x.facts}
    assert ("south-korea", "partnerOf", "united-states") in got, got
    # one IRI for the alliance however its first party is written
    assert {("united-states", "memberOf", "us-rok-alliance"), ("south-korea", "memberOf", "us-rok-alliance")} <= got


def test_a_generational_suffix_set_off_by_a_comma_is_no_place() -> None:
    # the lower-case-titles row (version 43): "president Joseph R. Biden, Jr." made a Place "Jr."
    x = run("It was set up to implement president Joseph R. Biden, Jr. and president Yoon Suk Yeol’s "
            "Washington Declaration, the ministry said.")
    assert not [e for e in x.entities if e.label.rstrip(".") in ("Jr", "Sr")], x.entities
