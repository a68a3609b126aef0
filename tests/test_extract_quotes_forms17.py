"""Issue 10, direct quotations (quotes17): attribution forms found missing on the train2 split,
written here as invented sentences (none is taken from a corpus article) — an institution
("the government") speaking after a person was quoted, a speaker's next sentence whose closing
straight mark was lost at the end of the paragraph, an aside set off by commas between a
reporter and its verb ("The official, speaking on condition of anonymity, said …")."""

from __future__ import annotations

import pytest
from extraction_helpers import Q, label, quotation_of, quote_of, run

from loaders.extraction import pipeline
from loaders.extraction.statements import find_quotes


def test_the_government_is_not_the_person_quoted_before() -> None:
    text = (f"“We value the partnership,” Antony Blinken said in Port Moresby.\n\n"
            f"Norwegian officials released a statement on Saturday after criticism of the deal.\n\n"
            f"\"{Q},\" the government said in the statement.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Norway", "Country")


def test_the_government_still_takes_up_the_government_just_quoted() -> None:
    text = (f"“We value the partnership,” the Norwegian government said on Monday.\n\n"
            f"\"{Q},\" the government said.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Norway", "Country")


def test_a_next_sentence_whose_closing_mark_was_lost_is_a_quotation() -> None:
    text = ("Norway issued a statement on Saturday.\n\n"
            "\"Norway has no enemies,\" the government said in the statement. "
            "\"Territorial disputes are real, as Europe has seen.\n\nThe talks go on.")
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert "Territorial disputes are real, as Europe has seen." in quotes
    x = run(text)
    assert label(x, quotation_of(x, "Territorial disputes").speaker) == ("Norway", "Country")


def test_an_unclosed_mark_with_no_quotation_before_it_stays_unpaired() -> None:
    text = "The minister spoke. \"Territorial disputes are real, as Europe has seen.\n\nThe talks go on."
    assert [text[q.start:q.end] for q in find_quotes(text)] == []


def test_an_unclosed_mark_before_a_paragraph_that_goes_on_with_a_mark_runs_on() -> None:
    """The run-on convention (the next paragraph opens with a mark) is left to its own rule."""
    text = ("\"Norway has no enemies,\" she said. \"Territorial disputes are real.\n\n"
            "\"We will stay ready,\" she added.")
    quotes = [text[q.start:q.end] for q in find_quotes(text)]
    assert "Territorial disputes are real." in quotes


def test_an_aside_between_a_reporter_and_its_verb_is_cut() -> None:
    text = (f"\"{Q},\" said a senior EU official involved in the talks.\n\n"
            "The official, speaking on condition of anonymity, said Georgia had gone backwards "
            "on several key reforms in the past year.")
    x = run(text)
    s = quote_of(x, "gone backwards")
    assert s.kind == "reported"
    assert label(x, s.speaker) == ("European Union", "InternationalOrganisation")


def test_said_with_a_bare_weekday_reports_a_claim() -> None:
    x = run("The United States said Monday it has suspended Norway as a partner in the fight "
            "against piracy.")
    s = quote_of(x, "suspended Norway")
    assert s.kind == "reported"
    assert label(x, s.speaker) == ("United States", "Country")


def test_a_trailing_reporter_with_a_bare_weekday() -> None:
    x = run("Norway is a geostrategic partner for those seeking to defend the Arctic, "
            "Sweden's foreign ministry said Thursday.")
    s = quote_of(x, "geostrategic partner")
    assert s.kind == "reported"
    assert label(x, s.speaker) == ("Sweden", "Country")


def test_a_setting_after_the_verb_before_that_is_no_part_of_the_claim() -> None:
    x = run("NATO Secretary General Mark Rutte said following his meeting with Serbian President "
            "Aleksandar Vucic that all parties need to act responsibly in the north.")
    s = quote_of(x, "all parties need")
    assert s.kind == "reported"
    assert s.quote.quote.startswith("all parties")
    assert label(x, s.speaker) == ("Mark Rutte", "Person")


def test_a_pronoun_opening_the_next_sentence_is_the_reporter_before() -> None:
    x = run("NATO Secretary General Mark Rutte said following his meeting with Serbian President "
            "Aleksandar Vucic that all parties need to act responsibly in the north. He called on "
            "Belgrade and Pristina to show restraint and to avoid violence. He said KFOR was ready "
            "to intervene if stability is jeopardized.")
    assert label(x, quote_of(x, "show restraint").speaker) == ("Mark Rutte", "Person")
    assert label(x, quote_of(x, "KFOR was ready").speaker) == ("Mark Rutte", "Person")


def test_a_pronoun_after_a_sentence_that_reported_no_one_is_the_last_person() -> None:
    """Guard: no reporter in the sentence before, the pronoun keeps the last person named."""
    x = run("Mark Rutte met Aleksandar Vucic in Belgrade on Monday. He said KFOR was ready "
            "to intervene if stability is jeopardized.")
    assert label(x, quote_of(x, "KFOR was ready").speaker) == ("Aleksandar Vucic", "Person")


def test_a_full_name_the_model_missed_is_taken_up_by_a_later_pronoun(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the statistical model off nothing knows "Tavita Moana" (as the model missed a
    Pacific premier's name); the surname comes back with "Mr" later, so the pronoun speaks for
    the name written in full before it."""
    monkeypatch.setattr(pipeline, "_windows", lambda ctx: [])
    text = ("But in his address to parliament on Wednesday, Tavita Moana defended the pact as "
            "being about internal security.\n\n"
            "He said it complemented a 2017 security arrangement with Australia.\n\n"
            f"\"{Q},\" he told parliament.\n\nMr Moana was equally vague about the date.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Tavita Moana", "Person")


def test_a_pronoun_with_no_full_name_taken_up_later_finds_no_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard: a capitalised pair whose last word never comes back alone is no one's name."""
    monkeypatch.setattr(pipeline, "_windows", lambda ctx: [])
    text = ("But in his address to parliament on Wednesday, Harbour Street was closed.\n\n"
            f"\"{Q},\" he told parliament.")
    x = run(text)
    assert not [s for s in x.statements if "Nordic partners" in s.quote.quote]


def test_adding_that_after_a_quotation_reports_a_claim_of_the_same_speaker() -> None:
    x = run("“We call on Russia to comply with its obligations and end the occupation,” Norway’s "
            "Foreign Ministry said in a statement, adding that the international community "
            "supports the nation’s sovereignty.")
    s = quote_of(x, "international community supports")
    assert s.kind == "reported"
    assert label(x, s.speaker) == ("Norway", "Country")


def test_voicing_hope_that_after_a_quotation_reports_a_claim() -> None:
    x = run("“I think we have willing partners,” Marco Rubio told reporters, voicing hope that "
            "Colombia could be recertified in the future.")
    s = quote_of(x, "recertified")
    assert s.kind == "reported"
    assert label(x, s.speaker) == ("Marco Rubio", "Person")
    assert s.quote.quote.startswith("Colombia")


def test_while_saying_ends_a_position_and_reports_its_own_claim() -> None:
    x = run("Juan de Castro praised the joint anti-crime efforts between the two countries, while "
            "saying there are serious open issues in the relationship that the nations must handle.")
    praised = quote_of(x, "praised the joint")
    assert praised.quote.quote.endswith("two countries")
    claim = quote_of(x, "serious open issues")
    assert claim.kind == "reported" and claim.speaker == praised.speaker


def test_indicated_and_confirmed_report_claims() -> None:
    x = run("The United States has indicated that approval of Sweden's entry into NATO is a "
            "prerequisite for the sale. Former Prime Minister Shinzo Abe confirmed on a visit to "
            "Estonia four years ago that Japan would join the centre.")
    assert label(x, quote_of(x, "prerequisite").speaker) == ("United States", "Country")
    assert label(x, quote_of(x, "would join the centre").speaker) == ("Shinzo Abe", "Person")


def test_made_clear_reports_a_claim() -> None:
    x = run("President Claudia Sheinbaum of Mexico had made clear that any foreign incursions "
            "would be unacceptable.")
    s = quote_of(x, "incursions would be unacceptable")
    assert s.kind == "reported" and label(x, s.speaker) == ("Claudia Sheinbaum", "Person")


def test_a_denied_report_claims_nothing() -> None:
    """Guard: "has not (officially) confirmed that …" states no claim of the subject's."""
    x = run("However, Ethiopia has not officially confirmed that the deal included the formal "
            "recognition of Somaliland. Norway didn't say that the talks had failed at all.")
    assert not [s for s in x.statements if s.kind == "reported"]


def test_a_position_coordinated_with_a_reporting_verb_is_a_statement_too() -> None:
    x = run("Russian President Vladimir Putin welcomed the new members and indicated that Moscow "
            "aims to strengthen its relations with African nations.")
    welcomed = quote_of(x, "welcomed the new members")
    assert welcomed.quote.quote == "welcomed the new members"
    assert label(x, welcomed.speaker) == ("Vladimir Putin", "Person")
    assert label(x, quote_of(x, "Moscow aims").speaker) == ("Vladimir Putin", "Person")


def test_the_n_countries_speak_for_the_alliance_of_exactly_those_members() -> None:
    text = ("SYDNEY — The United States, Japan, India and Australia, which are all members of the "
            "Quad, met in Tokyo on Monday.\n\n"
            f"\"{Q},\" said the joint statement of the four countries’ leaders.")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker)[1] in ("Alliance", "Partnership",
                                                                        "InternationalOrganisation")
    assert "Quad" in label(x, quotation_of(x, "Nordic partners").speaker)[0]


def test_the_n_countries_with_a_different_number_of_members_is_not_the_alliance() -> None:
    """Guard: three countries are not the four-member Quad."""
    text = ("SYDNEY — The United States, Japan, India and Australia, which are all members of the "
            "Quad, met in Tokyo on Monday.\n\n"
            f"\"{Q},\" said the joint statement of the three countries’ leaders.")
    x = run(text)
    speakers = [s.speaker for s in x.statements if "Nordic partners" in s.quote.quote]
    assert all("quad" not in sp for sp in speakers)


def test_all_the_members_named_together_speak_for_their_alliance() -> None:
    text = ("SYDNEY — The United States, Japan, India and Australia, which are all members of the "
            "Quad, met in Tokyo on Monday.\n\n"
            "Leaders of the United States, Japan, India and Australia said that the sea lanes of "
            "the region must stay open to every nation.")
    x = run(text)
    s = quote_of(x, "sea lanes")
    assert "Quad" in label(x, s.speaker)[0]


def test_some_of_the_members_named_together_are_not_the_alliance() -> None:
    """Guard: two of the four members speak for themselves (the first named), not the Quad."""
    text = ("SYDNEY — The United States, Japan, India and Australia, which are all members of the "
            "Quad, met in Tokyo on Monday.\n\n"
            "Leaders of Japan and India said that the sea lanes of the region must stay open to "
            "every nation.")
    x = run(text)
    assert "Quad" not in label(x, quote_of(x, "sea lanes").speaker)[0]


def test_a_question_closing_its_sentence_takes_the_reporter_that_opens_the_next() -> None:
    """The splitter ends a sentence at “…?” before a capital: "Moana said" is the next
    sentence's opening, and still the quotation's attribution."""
    text = ("Prime Minister Tavita Moana said Samoa was reviewing a police agreement.\n\n"
            "He met New Zealand Prime Minister Chris Hipkins in Wellington on Monday.\n\n"
            "“If our values differ, what cooperation can we get from them?” Hipkins said.")
    x = run(text)
    assert label(x, quotation_of(x, "what cooperation").speaker) == ("Chris Hipkins", "Person")
    text = text.replace("Hipkins said.", "Moana said, referring to China.")
    x = run(text)
    assert label(x, quotation_of(x, "what cooperation").speaker) == ("Tavita Moana", "Person")


def test_a_bare_quotation_paragraph_after_a_persons_sentence_is_theirs() -> None:
    text = ("Tavita Moana also put emphasis on the need to work with partner countries.\n\n"
            f"“{Q}.”")
    x = run(text)
    assert label(x, quotation_of(x, "Nordic partners").speaker) == ("Tavita Moana", "Person")


def test_a_bare_quotation_paragraph_after_a_sentence_about_a_person_finds_no_one() -> None:
    """Guard: the person is not the subject ("The visit of X …"): no speaker is guessed."""
    text = ("The visit of Tavita Moana put emphasis on the need to work with partner countries.\n\n"
            f"“{Q}.”")
    x = run(text)
    assert not [s for s in x.statements if "Nordic partners" in s.quote.quote]


def test_a_claim_goes_on_past_a_short_quotation_to_the_end_of_its_sentence() -> None:
    x = run("Swedish Foreign Minister Tobias Billstrom also said that Stockholm had fulfilled "
            "“all the commitments” to join NATO and urged Hungary to allow his country into the alliance.")
    claim = quote_of(x, "Stockholm had fulfilled")
    assert claim.kind == "reported"
    assert claim.quote.quote.endswith("into the alliance")
    assert label(x, claim.speaker) == ("Tobias Billstrom", "Person")
    # the quoted words inside the claim are the claim's speaker's, not "to join NATO and urged"'s
    assert label(x, quotation_of(x, "all the commitments").speaker) == ("Tobias Billstrom", "Person")


def test_a_claim_whose_object_is_the_quotation_is_not_stretched() -> None:
    """Guard: "emphasized the “sovereign decision” to exit": the quotation is the object."""
    x = run("Colonel Amadou Abdramane, spokesperson for the Niger junta, emphasized the “sovereign "
            "decision” to exit the bloc.")
    assert not [s for s in x.statements if s.kind == "reported" and "sovereign" in s.quote.quote]


def test_quoted_by_an_outlet_as_saying_reports_the_quoted_persons_claim() -> None:
    x = run("The leader of Transnistria, Vadim Krasnoselsky, was quoted by the Tass news agency on "
            "May 5 as saying that he and Russian President Vladimir Putin had signed an agreement.")
    s = quote_of(x, "had signed an agreement")
    assert s.kind == "reported"
    assert label(x, s.speaker) == ("Vadim Krasnoselsky", "Person")
