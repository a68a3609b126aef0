"""stance26: general words of esteem and of obstruction (invented sentences; each rule test
fails on the code before, the guards pass on both)."""

from __future__ import annotations

import pytest

from loaders.extraction.stance import NEUTRAL, OPPOSED, SUPPORTIVE, classify


@pytest.mark.parametrize("text, expected", [
    ("The minister called the new treaty a great success for the region.", SUPPORTIVE),
    ("The accord sends a strong signal of strategic alignment between the two navies.", SUPPORTIVE),
    ("Joint procurement makes perfect economic sense for the members.", SUPPORTIVE),
    ("The island state remains central to the shared objectives of the bloc.", SUPPORTIVE),
    ("Officials said the country plays a prominent role in the grouping.", SUPPORTIVE),
    ("She called the republic a key country of the union.", SUPPORTIVE),
    ("The government voiced its dissatisfaction with the decision of the council.", OPPOSED),
    ("The parliament has blocked the payment of the next tranche of the fund.", OPPOSED),
    ("The rebels attacked the convoy in retaliation for the air strikes.", OPPOSED),
    ("The premier vowed to derail the talks on the new pact.", OPPOSED),
    ("Beijing regards the new leader as a separatist.", OPPOSED),
    ("The envoy said the partners were treating the country unacceptably.", OPPOSED),
])
def test_stance26_rules(text: str, expected: str) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize("text", [
    # success reported, not called so
    "The first contingent has successfully completed its initial training programme.",
    "Armed groups, emboldened by their apparent success, are looking for new ground.",
    # "block" as a noun of quantity, "key" before a word that is no party
    "The ministry sits in a block of offices near the port.",
    "The report listed the key dates of the visit.",
])
def test_stance26_guards(text: str) -> None:
    assert classify(text) == NEUTRAL
