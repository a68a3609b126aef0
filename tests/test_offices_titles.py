"""offices18: people after titles and the offices they hold, on invented sentences (no corpus
article): a plural possessive owner ("the Maldives’ President X"), a name with lower-case
particles that the NER finds ("Juan Ramón de la Fuente"), and the office feeding the speaker's
own side, so that `about` is the other party."""

from __future__ import annotations

import pytest
from extraction_helpers import label, run


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


@pytest.mark.parametrize(("text", "person", "office"), [
    ("President of the Republic of Ghana Oluwa Teversham spoke on Monday.", "oluwa-teversham", "ghana"),
    ("Foreign Minister of Ghana Oluwa Teversham arrived on Monday.", "oluwa-teversham", "ghana"),
    ("The president of Ghana, Oluwa Teversham, arrived on Monday.", "oluwa-teversham", "ghana"),
])
def test_a_name_after_a_title_of_its_owner_is_a_person(text: str, person: str, office: str) -> None:
    x = run(text)
    assert label(x, person) == ("Oluwa Teversham", "Person")
    assert {(f.subject, f.object) for f in x.facts if f.predicate == "holdsOffice"} == {(person, office)}


@pytest.mark.parametrize("text", [
    "The foreign minister of Ghana, Nigeria and Togo met on Monday.",
    "The president of Ghana On Monday spoke to reporters.",
])
def test_no_person_after_a_title_of_an_owner_without_a_name(text: str) -> None:
    assert not any(e.cls == "Person" for e in run(text).entities)


def test_an_organ_of_the_owner_between_title_and_name() -> None:
    """The title of an organ is its organisation's office; a title before it, joined by "and",
    keeps its own owner; the capitalised run of titles is no organisation's name."""
    x = run("On Monday, Ghana’s President and Chairman of the ECOWAS Authority Council Oluwa Teversham "
            "arrived in Accra.")
    assert label(x, "oluwa-teversham") == ("Oluwa Teversham", "Person")
    assert {(f.subject, f.object) for f in x.facts if f.predicate == "holdsOffice"} == {
        ("oluwa-teversham", "ghana"), ("oluwa-teversham", "ecowas")}
    assert not any("President" in e.label for e in x.entities)


@pytest.mark.parametrize(("text", "office"), [
    ("Oluwa Teversham, a former Ghanaian defence minister, spoke on Monday.", "ghana"),
    ("Oluwa Teversham, acting NATO spokesperson, spoke on Monday.", "nato"),
    ("Oluwa Teversham, the former US ambassador, spoke on Monday.", "united-states"),
    ("Oluwa Teversham | Former U.S. deputy assistant secretary of defense for strategy", "united-states"),
])
def test_a_word_of_tenure_before_the_owner_in_an_apposition(text: str, office: str) -> None:
    assert offices(text) == {("oluwa-teversham", office)}


def test_no_office_from_an_apposition_without_a_title() -> None:
    assert not offices("Oluwa Teversham, a former Ghanaian soldier, spoke on Monday.")


@pytest.mark.parametrize("text", [
    "Oluwa Teversham, Head of the Defence Committee of the Ghanaian Parliament, said so on Monday.",
    "Oluwa Teversham, chairman of the foreign affairs committee of the Ghanaian parliament, said so.",
])
def test_an_organ_of_the_owner_in_an_apposed_title(text: str) -> None:
    assert offices(text) == {("oluwa-teversham", "ghana")}


def test_a_chair_of_a_council_is_no_organisation_name() -> None:
    x = run("Oluwa Teversham, Chair of the Arctic Council, said so on Monday.")
    assert not any(e.label.startswith("Chair") for e in x.entities), [e.label for e in x.entities]


def test_a_nameless_titled_speaker_then_named_as_the_next_speaker() -> None:
    found = offices("Talks with Togo went well, Ghana’s foreign minister said Thursday. “We are happy "
                    "with the results,” Oluwa Teversham told a news conference.")
    assert found == {("oluwa-teversham", "ghana")}


@pytest.mark.parametrize("text", [
    # the next speaker has a title of their own: another person
    "Talks went well, Ghana’s foreign minister said Thursday. “We are happy,” Russian Foreign Minister "
    "Sergey Lavrov said.",
    # named before the lede: not the nameless one's introduction
    "Oluwa Teversham arrived. Talks went well, Ghana’s foreign minister said Thursday. “We are happy,” "
    "Oluwa Teversham said.",
])
def test_no_office_for_a_next_speaker_who_is_someone_else(text: str) -> None:
    assert not any(p == "oluwa-teversham" and o == "ghana" for p, o in offices(text)) and \
        ("sergey-lavrov", "ghana") not in offices(text)


@pytest.mark.parametrize("text", [
    "The head of the Ghanaian Northern Command Admiral Oluwa Teversham said so on Monday.",
    "The commander of the Ghanaian Northern Command, General Oluwa Teversham, said so on Monday.",
])
def test_a_command_of_the_owner_and_a_rank_before_the_name(text: str) -> None:
    assert offices(text) == {("oluwa-teversham", "ghana")}


def test_a_body_after_a_title_of_its_owner_is_no_person() -> None:
    x = run("The head of the US Army Command said Oluwa Teversham was right.")
    assert [e.label for e in x.entities if e.cls == "Person"] == ["Oluwa Teversham"]


@pytest.mark.parametrize("text", [
    "Spokesperson for the Ghanaian Ministry of Foreign Affairs, Mr Oluwa Teversham, said so on Monday.",
    "Spokesperson for the Ghanaian Ministry of Defence Oluwa Teversham said so on Monday.",
])
def test_a_ministry_of_the_owner_between_title_and_name(text: str) -> None:
    x = run(text)
    assert label(x, "oluwa-teversham") == ("Oluwa Teversham", "Person")
    assert {(f.subject, f.object) for f in x.facts if f.predicate == "holdsOffice"} == {("oluwa-teversham", "ghana")}
