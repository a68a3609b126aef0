"""Extractor version 35: what bench/extraction_invariance.py found when the same article is
written another way. A list of members opening with "the" ("NATO members the United Kingdom,
Denmark …", as an outlet calling Britain the United Kingdom writes it) lost every membership of
the list (train3/y11, 18 facts); a name typed with a straight plural possessive had a label of
its own; the bench's rows for other spellings and other names of the same states."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from extraction_helpers import facts, run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import extraction_invariance as invariance  # noqa: E402


@pytest.mark.parametrize("first", ["Britain", "the United Kingdom"])
def test_a_list_of_named_members_may_open_with_the(first: str) -> None:
    got = facts("The Joint Expeditionary Force met. The JEF, set up in 2012, is made up of NATO members "
                f"{first}, Denmark and Norway, plus non-members Finland and Sweden.")
    for country in ("united-kingdom", "denmark", "norway"):
        assert (country, "memberOf", "joint-expeditionary-force") in got, (country, got)
        assert (country, "memberOf", "nato") in got, (country, got)
    assert ("finland", "memberOf", "nato") not in got, got


def test_named_members_after_the_organisation_may_open_with_the() -> None:
    got = facts("NATO members the United Kingdom and Denmark sent frigates to the Baltic Sea.")
    assert ("united-kingdom", "memberOf", "nato") in got and ("denmark", "memberOf", "nato") in got, got


def test_a_name_with_a_plural_possessive_typed_straight_or_curly_is_one_thing() -> None:
    texts = ("Turkey fought the Kurdistan Workers{} Party for decades, the ministry said.",)
    labels = [{e.label for e in run(t.format(mark)).entities} for t in texts for mark in ("'", "’")]
    assert labels[0] == labels[1] and "Kurdistan Workers’ Party" in labels[0], labels


def test_other_spellings_and_other_names_are_written_as_another_outlet_would() -> None:
    text = ("The Ministry of Defence recognised the programme. Russia and Turkey met the Russia-Ukraine "
            "contact group. Britain and Great Britain; North Korea's launch.")
    assert invariance.american(text) == ("The Ministry of Defense recognized the program. Russia and "
                                         "Turkey met the Russia-Ukraine contact group. Britain and Great "
                                         "Britain; North Korea's launch.")
    assert invariance.british(invariance.american(text)) == text
    renamed = invariance.renamed(text)
    assert renamed == ("The Ministry of Defence recognised the programme. The Russian Federation and "
                       "Türkiye met the Russia-Ukraine contact group. The United Kingdom and Great Britain; "
                       "the DPRK's launch.")
    assert invariance._first_names(renamed) == invariance._first_names(text)


_NEGATED = ("Therefore, we are not susceptible to any blackmail from the Venezuelans for political support.",
            "This timing is not only China's retaliation against our elections but also a direct challenge.",
            "We would not want foreign troops on our soil.")


@pytest.mark.parametrize("text", _NEGATED)
def test_a_contracted_negation_weighs_as_the_written_out_one(text: str) -> None:
    """"aren't … any blackmail" read the cue as unnegated (the negation was looked for after a
    word boundary, which "aren't" has not before its "n"); "isn't only … but also" negated
    the cue where "is not only" does not."""
    from loaders.extraction import stance
    contracted = invariance.contracted(text)
    assert contracted != text
    assert [w for _, w in stance.cues(contracted)] == [w for _, w in stance.cues(text)]
    assert stance.classify(contracted) == stance.classify(text)


def test_a_contracted_demand_names_its_addressee() -> None:
    from loaders.extraction import stance
    for modal in ("should not", "shouldn’t"):
        text = f"The Philippines {modal} sacrifice its interests and should quickly withdraw the missile system."
        assert [text[a:b] for a, b, _ in stance.opposed_targets(text)] == ["The Philippines"], modal


@pytest.mark.parametrize("text, place", [
    ("The envoy visited the Chinese capital Beijing for talks with officials.", "beijing"),
    ("He flew to Tokyo on Monday for talks with officials.", "tokyo"),
    ("Troops patrol the provincial towns in the north and Moscow, officials said.", "moscow"),
])
def test_a_capital_named_as_a_place_is_the_place_not_its_government(text: str, place: str) -> None:
    """A capital is its government unless the words before it make it a place: now also "the
    capital X", a trip to X, and X coordinated after a place ("in the north and X")."""
    x = run(text)
    kinds = {m.entity: m.kind for m in x.mentions}
    assert kinds.get(place) == "name" and not any(k == "metonym" for k in kinds.values()), kinds


def test_a_capital_says_which_of_two_things_an_ambiguous_name_is() -> None:
    """"Georgia" (a country and a US state) counted only beside an unambiguous name of the
    country; the capital, now read as a place, says it too (train2/s09 lost every "Georgia")."""
    x = run("European flags are everywhere in the capital Tbilisi. Georgia wants to join the European Union.")
    slugs = {m.entity for m in x.mentions}
    assert "tbilisi" in slugs and "georgia" in slugs, slugs


@pytest.mark.parametrize("title", ["Prime Minister", "prime minister"])
def test_titles_of_office_count_written_lower_case(title: str) -> None:
    """Style books that lower-case titles ("Polish prime minister Donald Tusk") lost the
    leaders-signed partnership (train7/l09) and the welcomed-to participation (dev/a03)."""
    got = facts(f"French President Emmanuel Macron and Polish {title} Donald Tusk on Friday signed a new "
                "strategic partnership treaty in Nancy.")
    assert ("france", "partnerOf", "poland") in got or ("poland", "partnerOf", "france") in got, got
    got = facts(f"I am honored to welcome {title} Fumio Kishida to our NATO summit in Madrid on June 29.")
    assert any(p == "participatesIn" and s == "fumio-kishida" for s, p, _ in got), got


_LONG = ("With his attack on Ukraine, Putin has violated international law, destroyed the European "
         "peace and security order, and endangered security on the entire continent. Together we stand "
         "firmly by the side of the Ukrainians in their tireless fight against Russia's imperialist war, "
         "and we will keep providing the weapons and the ammunition that they need")


def _quotations(text: str) -> list[tuple[str, str]]:
    x = run(text)
    label = {e.slug: e.label for e in x.entities}
    return [(label.get(s.speaker, s.speaker), s.quote.quote) for s in x.statements if s.kind == "quotation"]


@pytest.mark.parametrize("marks", ["“”", "‘’"])
def test_a_long_quotation_in_single_marks_is_found_as_in_double_marks(marks: str) -> None:
    """British copy quotes in single marks; a quotation of more than 300 characters was found
    only when "said X" followed it, not "X said" or "he said" (train3/y16)."""
    o, c = marks
    found = _quotations(f"German Chancellor Olaf Scholz spoke in Berlin on Monday.\n\n{o}{_LONG},{c} he said.")
    assert found and found[0][0] == "Olaf Scholz" and found[0][1].startswith("With his attack"), found


@pytest.mark.parametrize("marks", ["“”", "‘’"])
def test_a_quotation_in_single_marks_may_run_over_paragraphs(marks: str) -> None:
    o, c = marks
    text = ("A spokesperson for Foreign Minister Winston Peters released a statement saying New Zealand "
            "will consider the agreements closely.\n\n"
            f"{o}We know that the content of these agreements will be of keen interest to the people of "
            "the Cook Islands.\n\n"
            f"{o}We are unable to respond until Prime Minister Brown releases them upon his return.{c}\n\n"
            "The Cook Islands said it does not need to consult New Zealand.")
    found = _quotations(text)
    assert any(speaker == "Winston Peters" and "unable to respond" in quote for speaker, quote in found), found


def test_a_plural_possessive_does_not_close_a_quotation_in_single_marks() -> None:
    from loaders.extraction import quotemarks
    text = ("‘Secretary Rubio emphasized that the SOFA reflects the United States’ commitment to "
            "coordinate closely with Paraguay,’ the State Department’s statement read.")
    close = quotemarks.single_close(text, 1, len(text))
    assert close is not None and text[:close.start()].endswith("Paraguay,")


def test_the_bench_scores_changes_that_keep_offsets_against_the_gold() -> None:
    from extraction_quality import split_articles
    rows = invariance.against_gold(split_articles("seeds"), ["single-quotation-marks", "double-space"])
    assert rows[0].startswith("| as written |") and rows[1].startswith("| single-quotation-marks |")
    assert len(rows) == 2  # two spaces after a full stop move offsets: not scored against the gold


@pytest.mark.parametrize("marks", ["“”", "‘’"])
def test_he_after_a_quotation_in_single_marks_is_the_subject_before(marks: str) -> None:
    """"X congratulated Y …. ‘…,’ he said": X, as with double marks (train8/m19 in single
    marks gave Y: the quotation before "he" was looked for in double marks only)."""
    o, c = marks
    found = _quotations("Russian Defence Minister Andrei Belousov met Uzbek Defence Minister Shukhrat "
                        "Kholmukhamedov in Moscow.\n\nBelousov also congratulated Kholmukhamedov on his recent "
                        f"appointment.\n\n{o}This meeting marks the beginning of a new stage of cooperation "
                        f"between our countries,{c} he said.")
    assert found and found[0][0] == "Andrei Belousov", found


def test_a_verb_of_saying_before_the_speaker_is_no_part_of_the_name() -> None:
    """"Said Putin: …" made a person "Said Putin" (unseen/u07); "Edward Said" and "Said
    Jalili" keep their names."""
    labels = {e.label for e in run("Vladimir Putin spoke in Sochi. Said Putin: “We discussed Afghanistan.”").entities}
    assert "Said Putin" not in labels and "Vladimir Putin" in labels, labels
    for text, name in (("Edward Said, the critic, wrote books.", "Edward Said"),
                       ("Said Jalili said nothing.", "Said Jalili")):
        assert name in {e.label for e in run(text).entities}, text


@pytest.mark.parametrize("us", ["US", "U.S."])
def test_an_accord_named_by_its_parties_may_write_them_with_full_stops(us: str) -> None:
    """"India-U.S. Defence Framework Agreement" got no name and no parties, where "India-US"
    got both (a word of a name could not hold a full stop)."""
    got = facts(f"India and the {us} signed the India-{us} Defence Framework Agreement on Monday.")
    deal = next((s for s, p, _ in got if p == "hasPartner"), None)
    assert deal is not None and deal.startswith("india-u"), got
    assert {(deal, "hasPartner", "india"), (deal, "hasPartner", "united-states")} <= set(got), got
