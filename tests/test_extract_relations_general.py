"""Issue 10, relation side: rules that generalise, each shown on sentences written for this
test (not taken from any corpus article)."""

from __future__ import annotations

import pytest

from loaders.extraction.pipeline import extract
from loaders.model import Article, Extraction


def run(text: str) -> Extraction:
    return extract(Article(id="t", text=text))


def facts(text: str) -> dict[tuple[str, str, str], float]:
    return {(f.subject, f.predicate, f.object): f.confidence for f in run(text).facts}


# --- holdsOffice: coordinated titles, suffixes, given names, more titles ----------------------

@pytest.mark.parametrize(("text", "person", "office"), [
    ("German Vice Chancellor and Finance Minister Olaf Scholz flew to Rome.", "olaf-scholz", "germany"),
    ("Yesterday President Joseph R. Biden, Jr. of the United States opened the meeting.",
     "joe-biden", "united-states"),
    ("Ukrainian President Volodymyr Oleksandrovych Zelensky spoke in Kyiv.", "volodymyr-zelenskyy",
     "ukraine"),
    ("Lloyd Austin, the American chargé d'affaires, was summoned on Friday.", "lloyd-austin",
     "united-states"),
    ("China's top diplomat, Wang Yi, arrived in Jakarta.", "wang-yi", "china"),
    ("Russia's interim leader, Sergey Lavrov, spoke on Monday.", "sergey-lavrov", "russia"),
])
def test_office_titles_in_more_shapes(text: str, person: str, office: str) -> None:
    found = facts(text)
    assert found.get((person, "holdsOffice", office), 0) >= 0.8, found


def test_given_names_between_title_and_name_are_capitalised_words_only() -> None:
    """"French President said Macron": a lower-case word between the title and the name
    breaks the title off."""
    found = facts("The French president said Emmanuel Macron would travel.")
    assert ("emmanuel-macron", "holdsOffice", "france") not in found
