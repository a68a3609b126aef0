"""Agreements, summits and wars the extractor had made no entity (or no argument) of
(entities16): invented sentences in the shapes of news copy, each failing on the code before.

- "<A>'s war in/against <B>", "the <demonym> invasion of <B>": A opposes B, also where a
  gazetteer name ("war in Ukraine") covers B's name;
- "<Org> summit [in <Place>]" the gazetteer lacks: an Event, held in the place;
- names headed by Agreement/Treaty: a Partnership; the states in its name are its parties;
- "A signed the X Agreement with B" (A or B a titled person standing for their state), "with B
  through the X Agreement": hasPartner; a negated or modal signing gives no party from the
  "with" phrase.
"""

from __future__ import annotations

import pytest
from extraction_helpers import run


def triples(text: str) -> set[tuple[str, str, str]]:
    return {(f.subject, f.predicate, f.object) for f in run(text).facts}


@pytest.mark.parametrize("text", [
    "Officials in Kyiv said Moldova’s war against Ukraine had entered its third year.",
    "The communique condemned Moldova's renewed invasion of Ukraine.",
    "He warned that the Moldovan full-scale war against Ukraine would go on.",
])
def test_war_on_a_country_is_opposition(text: str) -> None:
    assert ("moldova", "opposes", "ukraine") in triples(text), triples(text)


def test_war_inside_a_gazetteer_name() -> None:
    """"war in Ukraine" is a gazetteer event: Ukraine is still the side attacked."""
    found = triples("The minister defended Belarus’s war in Ukraine before the assembly.")
    assert ("belarus", "opposes", "ukraine") in found, found


@pytest.mark.parametrize("text", [
    "Moldova's position on war in Ukraine is unchanged.",  # no war waged by Moldova
    "Moldova's support for the war against Ukraine was questioned.",
    "Putin's war on Ukraine dragged on.",  # a person: the state is left to other rules
    "Moldova did not wage a war against Ukraine, its president said.",
])
def test_war_look_alikes(text: str) -> None:
    assert not any(p == "opposes" and o == "ukraine" for _, p, o in triples(text)), triples(text)


def test_summit_named_after_an_organisation() -> None:
    ex = run("Ghana attended the ECOWAS Summit in Abuja on Sunday.")
    found = {(f.subject, f.predicate, f.object) for f in ex.facts}
    assert ("ecowas-summit", "locatedIn", "abuja") in found, found
    assert ("ghana", "participatesIn", "ecowas-summit") in found, found
    labels = {e.slug: (e.label, e.cls, e.alt_labels) for e in ex.entities}
    assert labels["ecowas-summit"] == ("ECOWAS Summit", "Event", ("ECOWAS Summit in Abuja",)), labels


def test_agreement_name_with_its_parties() -> None:
    ex = run("Kenya and Ethiopia on Friday signed a landmark Kenya-Ethiopia Border Security Agreement.")
    found = {(f.subject, f.predicate, f.object) for f in ex.facts}
    slug = "kenya-ethiopia-border-security-agreement"
    assert {(slug, "hasPartner", "kenya"), (slug, "hasPartner", "ethiopia")} <= found, found
    assert {e.slug: e.cls for e in ex.entities}[slug] == "Partnership"


def test_signed_with_titled_people() -> None:
    found = triples("Fijian Prime Minister Sitiveni Rabuka signed the so-called Lomaiviti Agreement "
                    "with his Tongan counterpart on Tuesday.")
    assert {("lomaiviti-agreement", "hasPartner", "fiji"),
            ("lomaiviti-agreement", "hasPartner", "tonga")} <= found, found


def test_signed_with_a_named_state() -> None:
    found = triples("Rabuka signed the Lomaiviti Agreement with Samoa last week.")
    assert ("lomaiviti-agreement", "hasPartner", "samoa") in found, found


def test_with_a_state_through_an_agreement() -> None:
    found = triples("Manila has similar arrangements with Canada through the Visiting Forces Agreement.")
    assert [k for k in found if k[0].startswith("visiting-forces-agreement") and k[1:] == ("hasPartner", "canada")], found


@pytest.mark.parametrize("text", [
    "Fiji did not sign the Lomaiviti Agreement with Samoa.",
    "Fiji will sign the Lomaiviti Agreement with Samoa next year.",
])
def test_unsigned_agreement_has_no_party_from_with(text: str) -> None:
    found = triples(text)
    assert ("lomaiviti-agreement", "hasPartner", "samoa") not in found, found


def test_accord_named_by_its_parties() -> None:
    """"a Kenya–EU strategic partnership": a Partnership labelled as written, its parties
    (hasPartner) and, as the pair rule said before, partners of each other; the parties'
    mentions give way to the longer name."""
    ex = run("The envoy promised a Kenya–EU strategic partnership at the meeting.")
    found = {(f.subject, f.predicate, f.object) for f in ex.facts}
    slug = "kenya-eu-strategic-partnership"
    assert {(slug, "hasPartner", "kenya"), (slug, "hasPartner", "eu")} <= found, found
    assert {e.slug: e.label for e in ex.entities}[slug] == "Kenya–EU strategic partnership"
    assert not any(m.entity == "kenya" for m in ex.mentions), ex.mentions


@pytest.mark.parametrize("text", [
    "The Kenya–Ethiopia trade agreement collapsed.",  # trade: no security accord
    "They discussed the Kenya-Ethiopia pact.",  # a bare pact: left to the pair rules
])
def test_accord_look_alikes(text: str) -> None:
    assert not any(e.cls == "Partnership" for e in run(text).entities), run(text).entities


def test_signed_a_quoted_accord_with() -> None:
    """A quoted name before an accord noun, one signer, one state after "with": a Partnership
    labelled by its parties and the name, each a party."""
    ex = run("Samoa has signed a “comprehensive strategic partnership” agreement with China.")
    found = {(f.subject, f.predicate, f.object) for f in ex.facts}
    slug = "samoa-china-comprehensive-strategic-partnership"
    assert {(slug, "hasPartner", "samoa"), (slug, "hasPartner", "china")} <= found, found
    labels = {e.slug: (e.label, e.alt_labels) for e in ex.entities}
    assert labels[slug] == ("Samoa–China comprehensive strategic partnership",
                            ("comprehensive strategic partnership",)), labels


@pytest.mark.parametrize("text", [
    "Samoa will sign a “comprehensive strategic partnership” agreement with China.",
    "Samoa has not signed a “comprehensive strategic partnership” agreement with China.",
])
def test_quoted_accord_not_signed(text: str) -> None:
    assert not any(e.cls == "Partnership" for e in run(text).entities), run(text).entities


def test_nato_summit_placed_where_the_gazetteer_has_none() -> None:
    """The gazetteer has NATO summits by city; "the NATO summit in Lithuania" names none of
    them: an event of its own, with "NATO summit in Lithuania" as an alternative label. With a
    gazetteer summit in the text, or no place given, no summit is coined."""
    ex = run("Japan attended the NATO summit in Lithuania.")
    labels = {e.slug: (e.label, e.alt_labels) for e in ex.entities}
    assert labels["nato-summit"] == ("NATO summit", ("NATO summit in Lithuania",)), labels
    assert ("japan", "participatesIn", "nato-summit") in {(f.subject, f.predicate, f.object) for f in ex.facts}
    for text in ("Japan attended the NATO summit on Sunday.",
                 "Japan attended the NATO summit in Madrid. The NATO summit in Lithuania comes next."):
        assert "nato-summit" not in {e.slug for e in run(text).entities}, text


def test_coined_summit_label_reads_without_article() -> None:
    """"the Quad" + "Leadership Summit": labelled "Quad Leadership Summit"; where those words
    are a gazetteer event's name ("the Quad" + "Leaders Summit"), that event."""
    ex = run("Leaders confirmed the Quad Leadership Summit in India next year.")
    assert {e.slug: e.label for e in ex.entities}.get("quad-leadership-summit") == "Quad Leadership Summit"
    ex = run("Biden hosted the Quad Leaders Summit in Wilmington.")
    assert any(m.entity == "quad-leaders-summit" for m in ex.mentions), ex.mentions
    assert not any(e.label.startswith("the ") for e in ex.entities), ex.entities
