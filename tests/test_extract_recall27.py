"""recall27: wordings of partnership, membership and hostility beyond the rules' earlier cues:
a wire day between a list and its verb ("agreed on Monday to strengthen ... cooperation"),
"reached a deal", plural deals ("US security treaties with Japan and Australia"), "grown closer
to", "two of the United States' closest allies", a group's own name before "agreement
between", "a hard line against", "chairs ASEAN", a meeting named after "Papua New Guinea",
the signers of an alliance's treaty; and ties that are bad ("strained relations with") read as
opposition, not partnership. Invented sentences only (no corpus article)."""

from __future__ import annotations

import pytest
from extraction_helpers import facts


def _pairs(got: set[tuple[str, str, str]], predicate: str) -> set[frozenset[str]]:
    return {frozenset((s, o)) for s, p, o in got if p == predicate}


def test_a_wire_day_between_a_list_and_its_pledge() -> None:
    got = facts("Greece, Cyprus and Israel agreed on Monday to strengthen military and security cooperation.")
    assert _pairs(got, "partnerOf") >= {frozenset(("greece", "cyprus")), frozenset(("greece", "israel")),
                                        frozenset(("cyprus", "israel"))}, got
    got = facts("Germany and Poland vowed Tuesday to enhance their security and defense cooperation.")
    assert frozenset(("germany", "poland")) in _pairs(got, "partnerOf"), got


def test_a_pair_that_reached_a_deal() -> None:
    got = facts("Colombia and NATO reached a partnership deal in May 2017.")
    assert frozenset(("colombia", "nato")) in _pairs(got, "partnerOf"), got


def test_plural_treaties_with_and_the_name_as_their_adjective() -> None:
    got = facts("The talks covered US security treaties with Japan and Australia.")
    assert ("united-states", "partnerOf", "japan") in got and ("united-states", "partnerOf", "australia") in got, got


def test_grown_closer_to() -> None:
    got = facts("Niger has grown closer to Russia and Iran.")
    assert ("niger", "partnerOf", "russia") in got and ("niger", "partnerOf", "iran") in got, got


def test_closer_without_a_party_after_it_says_nothing() -> None:
    assert not _pairs(facts("Japan has moved closer to a decision on the budget."), "partnerOf")


def test_some_of_a_countrys_closest_allies() -> None:
    got = facts("Both the Philippines and Japan, two of the United States' closest Asian allies, "
                "have taken a strong line against China.")
    assert ("philippines", "partnerOf", "united-states") in got and ("japan", "partnerOf", "united-states") in got, got
    assert ("japan", "opposes", "china") in got, got


def test_an_alliance_named_before_agreement_between_has_them_as_members() -> None:
    got = facts("The AUKUS agreement between Australia, the United States and Britain was signed in 2021.")
    for state in ("australia", "united-states", "united-kingdom"):
        assert (state, "memberOf", "aukus") in got, got


def test_an_organisation_before_a_deal_between_others_only_brokered_it() -> None:
    got = facts("The EU deal between Serbia and Kosovo was signed in Brussels.")
    assert not [k for k in got if k[1] == "memberOf" and k[2] == "eu"], got


@pytest.mark.parametrize("sentence", [
    "Egypt, Somalia and Eritrea all have strained relations with Ethiopia.",
    "Egypt has tense ties with Ethiopia.",
    "Egypt's tensions with Ethiopia escalated over the dam.",
])
def test_bad_ties_are_opposition_not_partnership(sentence: str) -> None:
    got = facts(sentence)
    assert ("egypt", "opposes", "ethiopia") in got, got
    assert frozenset(("egypt", "ethiopia")) not in _pairs(got, "partnerOf"), got


def test_good_ties_stay_a_partnership() -> None:
    got = facts("Japan has close ties with Australia.")
    assert ("japan", "partnerOf", "australia") in got, got
    assert ("japan", "opposes", "australia") not in got, got


def test_a_hard_line_against() -> None:
    assert ("japan", "opposes", "china") in facts("Japan has taken a hard line against China.")


def test_a_meeting_whose_last_party_has_a_name_of_several_words() -> None:
    got = facts("Marles and Marape met for the Australia-Papua New Guinea Leaders' Meeting.")
    slug = "australia-papua-new-guinea-leaders-meeting"
    assert ("australia", "participatesIn", slug) in got and ("papua-new-guinea", "participatesIn", slug) in got, got
    got = facts("Leaders held the Japan-South Korea summit in Seoul.")
    assert ("south-korea", "participatesIn", "japan-south-korea-summit") in got, got


@pytest.mark.parametrize("sentence, state, org", [
    ("Malaysia, which chairs ASEAN this year, hosted the talks.", "malaysia", "asean"),
    ("Laos holds the rotating chairmanship of ASEAN.", "laos", "asean"),
    ("Poland took over the rotating presidency of the European Union.", "poland", "eu"),
])
def test_a_state_that_chairs_an_organisation_is_its_member(sentence: str, state: str, org: str) -> None:
    assert (state, "memberOf", org) in facts(sentence)


def test_a_person_chairing_a_summit_is_no_membership() -> None:
    assert not [k for k in facts("Biden chaired the summit of NATO leaders.") if k[1] == "memberOf" and k[0] == "joe-biden"]


def test_the_states_that_sign_an_alliances_treaty_are_its_members() -> None:
    got = facts("Mali, Burkina Faso and Niger signed the Alliance of Sahel States treaty in Niamey.")
    for state in ("mali", "burkina-faso", "niger"):
        assert (state, "memberOf", "alliance-of-sahel-states") in got, got


def test_an_alliance_named_without_a_treaty_after_it_is_no_signing() -> None:
    got = facts("Mali signed the Alliance of Sahel States communique on Friday.")
    assert ("mali", "memberOf", "alliance-of-sahel-states") not in got, got
