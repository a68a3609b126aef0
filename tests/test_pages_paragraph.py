"""The words around a span on the pages (`server.pages.data.paragraph`): a text hard-wrapped at
a fixed width shows its paragraph over the wrapped lines, and a compound the wrap broke after its
hyphen whole, where HTML would show the line break as a space ("Indo- Pacific")."""

from __future__ import annotations

import textwrap

from server.pages.data import as_read, paragraph

_WORDS = ("NATO leaders met in Brussels on Monday to discuss the security of the wider region and "
          "its partners in Asia, including Japan and Australia, which have sent delegations to every "
          "summit since 2022 and plan to keep doing so, officials said.")


_SECOND = ("Ministers also spoke at length of the Indo-Pacific and its sea lanes and of the partners' "
           "navies, which exercise together every year in the waters off Darwin and Okinawa.")


def _wrapped() -> str:
    """Both paragraphs wrapped at one width, the first that breaks "Indo-Pacific" after its
    hyphen (as textwrap does by default)."""
    width = next(w for w in range(40, 80) if "Indo-\nPacific" in textwrap.fill(_SECOND, w))
    return "A heading\n\n" + textwrap.fill(_WORDS, width) + "\n\n" + textwrap.fill(_SECOND, width) + "\n"


def test_a_compound_broken_by_the_wrap_shows_whole() -> None:
    text = _wrapped()
    at = text.index("Indo-")
    assert text[at:at + 13] == "Indo-\nPacific", repr(text[at:at + 20])
    before, span, after = paragraph(text, at, at + 13)
    assert span == "Indo-Pacific"
    assert before.startswith("Ministers also spoke") and after.rstrip().endswith("Darwin and Okinawa."), (before, after)
    assert "\n" not in before + after


def test_a_wrapped_paragraph_runs_over_its_lines_and_stops_at_the_blank_line() -> None:
    text = _wrapped()
    at = text.index("Japan")
    before, span, after = paragraph(text, at, at + 5)
    assert span == "Japan"
    assert before.startswith("NATO leaders met") and after.endswith("officials said."), (before, after)
    assert "Ministers" not in after and "heading" not in before


def test_a_text_not_wrapped_keeps_its_lines_as_paragraphs() -> None:
    text = "One line about NATO.\nAnother about Japan-\nAustralia ties.\nA third.\n"
    at = text.index("Japan")
    assert paragraph(text, at, at + 5) == ("Another about ", "Japan", "-")


def test_evidence_words_show_a_compound_broken_by_a_wrap_whole() -> None:
    assert as_read("security across the Indo-\nPacific and") == "security across the Indo-Pacific and"
    assert as_read("the Indo-\n   Pacific") == "the Indo-Pacific"
    # a dash of the sentence, a hyphen before a space, a plain break and brackets stay
    for words in ("talks -\nand more", "pre- and\npost-war", "Japan\nAustralia", "(a)-\n(b)"):
        assert as_read(words) == words
