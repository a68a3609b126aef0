"""stance24: "not only … but also" is no negation, and putting a good in jeopardy is harm
(invented sentences; each rule test fails on the code before, the guard passes on both)."""

from __future__ import annotations

import pytest

from loaders.extraction.stance import OPPOSED, SUPPORTIVE, classify


@pytest.mark.parametrize("text, expected", [
    ("Joining the group will not only help the economy but also open new markets.", SUPPORTIVE),
    ("The pact will not just strengthen the navy, it will reach the air force too.", SUPPORTIVE),
    ("The ministry condemned the drills and said the moves jeopardized regional peace and stability.",
     OPPOSED),
])
def test_stance24_rules(text: str, expected: str) -> None:
    assert classify(text) == expected


def test_a_plain_not_still_negates_praise() -> None:
    assert classify("The pact will not help the region.") == OPPOSED
