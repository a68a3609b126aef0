"""offices18: people after titles and the offices they hold, on invented sentences (no corpus
article): a plural possessive owner ("the Maldives’ President X"), a name with lower-case
particles that the NER finds ("Juan Ramón de la Fuente"), and the office feeding the speaker's
own side, so that `about` is the other party."""

from __future__ import annotations

import pytest
from extraction_helpers import run


def offices(text: str) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in run(text).facts if f.predicate == "holdsOffice"}


@pytest.mark.parametrize(("text", "person", "office"), [
    ("The Maldives’ new President Oluwa Teversham said the troops must leave.", "oluwa-teversham", "maldives"),
    ("The Philippines' Foreign Secretary Enrique Manalo spoke on Monday.", "enrique-manalo", "philippines"),
    ("The United States’ top diplomat Antony Blinken arrived on Monday.", "antony-blinken", "united-states"),
])
def test_a_plural_possessive_owner_before_the_title(text: str, person: str, office: str) -> None:
    assert offices(text) == {(person, office)}


def test_no_plural_possessive_office_from_a_closing_quote() -> None:
    """A bare apostrophe only after an "s" is a possessive: a closing quote mark is none."""
    assert not offices("He called the deal 'a win for France' President Emmanuel Macron said.") - {
        ("emmanuel-macron", "france")}


def test_a_name_with_particles_apposed_to_its_office() -> None:
    found = offices("Juan Ramón de la Fuente, Mexico’s foreign minister, spoke on Monday.")
    assert found == {("juan-ramon-de-la-fuente", "mexico")}


def test_the_office_found_keeps_about_off_the_speakers_own_country() -> None:
    x = run("The Philippines’ Foreign Secretary Enrique Manalo said: “The Philippines will deepen "
            "its partnership with Vietnam.”")
    s = next(s for s in x.statements if s.speaker == "enrique-manalo")
    assert s.about == "vietnam", (s.about, x.facts)
