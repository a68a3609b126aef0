"""compound26: a thing named by its parties joined with dashes, beyond the accords of before: an
alliance with words of security before it ("the US-Japan security alliance"), a meeting
("the Australia-Japan Leaders' Meeting", "the U.S.-Japan-Korea trilateral summit"), an accord
at a sentence's start ("The ROK-EU strategic partnership"); and what such a name says of its
members against other rules. Invented sentences only (no corpus article)."""

from __future__ import annotations

from extraction_helpers import facts, run


def test_alliance_with_security_words_is_named_by_its_members() -> None:
    x = run("Tokyo has long relied on the US-Japan security alliance to deter attack.")
    assert {(e.slug, e.cls) for e in x.entities} >= {("us-japan-security-alliance", "Alliance")}
    got = facts("Tokyo has long relied on the US-Japan security alliance to deter attack.")
    assert ("japan", "memberOf", "us-japan-security-alliance") in got, got
    assert ("united-states", "memberOf", "us-japan-security-alliance") in got, got
    assert ("japan", "partnerOf", "united-states") in got or ("united-states", "partnerOf", "japan") in got, got


def test_a_meeting_named_by_its_parties_has_them_take_part() -> None:
    text = "Ministers gathered in Tokyo for the Japan-Australia-India-US Foreign Ministers meeting."
    x = run(text)
    slug = "japan-australia-india-us-foreign-ministers-meeting"
    assert {(e.slug, e.label, e.cls) for e in x.entities} >= {
        (slug, "Japan-Australia-India-US Foreign Ministers meeting", "Event")}
    got = facts(text)
    for party in ("japan", "australia", "india", "united-states"):
        assert (party, "participatesIn", slug) in got, got


def test_leaders_meeting_with_a_capital() -> None:
    got = facts("Albanese hosted Kishida at the Australia-Japan Leaders' Meeting in Perth.")
    assert ("australia", "participatesIn", "australia-japan-leaders-meeting") in got, got
    assert ("japan", "participatesIn", "australia-japan-leaders-meeting") in got, got


def test_an_accord_at_the_start_of_a_sentence() -> None:
    got = facts("The ROK-EU strategic partnership was launched in 2010.")
    assert ("rok-eu-strategic-partnership", "hasPartner", "south-korea") in got, got
    assert ("rok-eu-strategic-partnership", "hasPartner", "eu") in got, got


def test_a_word_of_a_longer_country_name_is_no_member() -> None:
    got = facts("Analysts in Seoul watched the North Korea-Russia alliance grow.")
    assert ("north-korea", "memberOf", "north-korea-russia-alliance") in got, got
    assert ("russia", "memberOf", "north-korea-russia-alliance") in got, got
    assert ("south-korea", "memberOf", "north-korea-russia-alliance") not in got, got


def test_an_apposition_does_not_add_members_the_name_lacks() -> None:
    got = facts("Since ties between Beijing and Seoul were normalised, the PRC-North Korea alliance "
                "has been a scrap of paper.")
    assert ("china", "memberOf", "prc-north-korea-alliance") in got, got
    assert ("south-korea", "memberOf", "prc-north-korea-alliance") not in got, got


def test_a_named_summit_in_a_city_is_not_the_gazetteer_summit_held_there() -> None:
    got = facts("Officials met at the EU-Western Balkans Summit in Brussels on Wednesday.")
    assert not [k for k in got if "nato" in k[0] or "nato" in k[2]], got
    kept = facts("Allies met at the NATO summit in Brussels.")  # the guard: NATO's own
    assert any(k[0] == "nato-brussels-summit-2021" and k[1] == "locatedIn" for k in kept), kept


def test_relations_and_trade_talks_are_no_thing() -> None:
    for text in ("US-China relations frayed over the summer.", "US-China trade talks resumed in May."):
        x = run(text)
        assert not [e for e in x.entities if e.cls in ("Event", "Alliance", "Partnership")], x.entities
