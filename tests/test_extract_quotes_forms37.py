"""Version 37, who says a quotation: general forms mended from the dev material's missed
quotations (train2, train3, train6, train7, train8), each written here as invented sentences
(none is taken from a corpus article) — a participle after a reporter named after its verb
("…, said X, a spokesperson for Y, accusing …"), a verb of saying in a clause coordinated after
the quotation's own ("A raised “…”, and B urged restraint"), "raised" as a verb that
characterises what it governs, a quotation opening with its subject's verb whoever reports it
("According to the presidency, X “reiterated …”", "X “expressed …”, the White House said"), and a
participle after a contrast ("A rejected …, while B defended …, saying “…”")."""

from __future__ import annotations

import pytest
from extraction_helpers import label, quotation_of, quote_of, run


@pytest.mark.parametrize("participle", ["accusing the vessels of having", "adding that the ships had",
                                        "calling the manoeuvre"])
def test_a_participle_after_an_inverted_reporter_is_the_reporters(participle: str) -> None:
    text = ("Coast guards clash\n\nThe encounter involved more than ten Vietnamese boats, said Gan Yu, "
            f"a spokesperson for China’s Coast Guard, {participle} “entered the waters from every side”.")
    x = run(text)
    assert label(x, quotation_of(x, "from every side").speaker) == ("Gan Yu", "Person")
    claim = quote_of(x, "more than ten Vietnamese boats")
    assert claim.kind == "reported" and label(x, claim.speaker) == ("Gan Yu", "Person")
    assert "Gan Yu" not in claim.quote.quote  # the claim is the words before the reporter


def test_an_inverted_reporter_closing_the_sentence_still_reports() -> None:
    x = run("Frigates\n\nNorway will send two frigates to the Baltic, said Defence Minister Ola Brekke.")
    claim = quote_of(x, "Norway will send two frigates")
    assert claim.kind == "reported" and label(x, claim.speaker) == ("Ola Brekke", "Person")


def test_a_clause_coordinated_after_the_quotation_does_not_say_it() -> None:
    text = ("Talks in New York\n\nChinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken "
            "in New York.\n\nBlinken raised China's \"dangerous and destabilizing actions\" in the disputed "
            "waters, and Wang urged restraint.")
    x = run(text)
    assert label(x, quotation_of(x, "destabilizing actions").speaker) == ("Antony Blinken", "Person")


def test_raised_governing_the_quotation_names_its_subject() -> None:
    text = ("Talks in New York\n\nChinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken "
            "in New York.\n\nBlinken raised China's \"dangerous and destabilizing actions\" in the disputed "
            "waters.")
    x = run(text)
    st = quotation_of(x, "destabilizing actions")
    assert label(x, st.speaker) == ("Antony Blinken", "Person")
    # named by the verb, not guessed as the nearest person
    assert st.attribution is not None and "raised" in st.attribution.quote, st


def test_raised_by_a_thing_is_nobodys_and_the_reporter_at_the_end_speaks() -> None:
    text = ("Talks\n\nChinese Foreign Minister Wang Yi spoke on Monday. The decision raised \"serious "
            "questions\" about the alliance, Wang said.")
    x = run(text)
    assert label(x, quotation_of(x, "serious questions").speaker) == ("Wang Yi", "Person")


def test_according_to_a_reporter_the_subject_of_the_quoted_verb_speaks() -> None:
    text = ("Cairo talks\n\nAccording to the Egyptian presidency, President Abdel Fattah el-Sisi "
            "\"reiterated Egypt's continued support for Sudan on all levels.\"")
    x = run(text)
    assert label(x, quotation_of(x, "continued support").speaker) == ("Abdel Fattah el-Sisi", "Person")


def test_according_to_a_reporter_without_a_quoted_verb_the_reporter_speaks() -> None:
    text = ("Cairo talks\n\nEgyptian President Abdel Fattah el-Sisi met the Sudanese leader. According to "
            "the Egyptian presidency, the meeting was \"a chance to deepen our cooperation with Sudan.\"")
    x = run(text)
    assert label(x, quotation_of(x, "deepen our cooperation").speaker)[0] != "Abdel Fattah el-Sisi"


def test_a_quotation_opening_with_its_subjects_verb_is_the_subjects_not_the_reporters() -> None:
    text = ("Qatar pledge\n\nThe order came during a visit to Washington by Israeli Prime Minister Benjamin "
            "Netanyahu. Trump arranged a call in which Netanyahu \" expressed his deep regret\" over the "
            "strike, the White House said.")
    x = run(text)
    assert label(x, quotation_of(x, "deep regret").speaker) == ("Benjamin Netanyahu", "Person")


def test_a_reporter_before_a_quoted_verb_still_speaks() -> None:
    # a verb of saying before the quotation names the speaker, as before
    text = ("Talks\n\nUS Secretary of State Antony Blinken said China \"agreed to resume military talks\" "
            "after the meeting.")
    x = run(text)
    assert label(x, quotation_of(x, "resume military talks").speaker) == ("Antony Blinken", "Person")


def test_a_participle_after_a_contrast_hangs_on_its_own_clause() -> None:
    text = ("Horn of Africa\n\nSomalia rejected Ethiopia’s port deal with Somaliland, describing it as "
            "“a violation of its sovereignty,” while the Ethiopian government defended the agreement, "
            "saying it “will not affect any party or country.”")
    x = run(text)
    assert label(x, quotation_of(x, "will not affect").speaker) == ("Ethiopia", "Country")
    assert label(x, quotation_of(x, "violation of its sovereignty").speaker) == ("Somalia", "Country")


def test_a_participle_with_no_contrast_is_the_sentences_subject() -> None:
    text = ("Horn of Africa\n\nThe Ethiopian government defended the port deal with Somaliland, saying it "
            "“will not affect any party or country.”")
    x = run(text)
    assert label(x, quotation_of(x, "will not affect").speaker) == ("Ethiopia", "Country")
