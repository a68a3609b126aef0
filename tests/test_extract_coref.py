"""Coreference for relation arguments (loaders/extraction/coref.py): pronouns and definite
descriptions that stand for an actor named before them. Every sentence here was written for
this test (none is taken from a corpus article); the negative cases are where resolution must
abstain."""

from __future__ import annotations

import pytest

from loaders.extraction import coref
from loaders.extraction.pipeline import extract
from loaders.model import Article, Extraction


def run(text: str) -> Extraction:
    return extract(Article(id="t", text=text))


def facts(text: str) -> dict[tuple[str, str, str], float]:
    return {(f.subject, f.predicate, f.object): f.confidence for f in run(text).facts}


def corefs(text: str, monkeypatch: pytest.MonkeyPatch) -> set[tuple[str, str]]:
    """(phrase, entity) of every coreference this module resolves (kept in the result)."""
    monkeypatch.setattr(coref, "remove", lambda ctx, added: None)
    x = run(text)
    return {(m.evidence.quote, m.entity) for m in x.mentions if m.kind == "coreference"}


# --- plural descriptions: "both nations", "both" -------------------------------------------

def test_both_nations_are_the_two_countries_named_before() -> None:
    found = facts("Kenya and Ghana held talks in Nairobi on Monday. Both nations signed a defence pact.")
    assert found.get(("ghana", "partnerOf", "kenya")) == 0.65, found


def test_bare_both_as_subject_is_the_pair_just_named() -> None:
    found = facts("Norway borders Finland, and both are members of NATO.")
    assert found.get(("norway", "memberOf", "nato")) == 0.65, found
    assert found.get(("finland", "memberOf", "nato")) == 0.65, found


def test_both_countries_abstain_when_three_are_named() -> None:
    found = facts("Kenya, Ghana and Chile held talks on Monday. Both countries signed a defence pact.")
    assert not any(p == "partnerOf" for _, p, _ in found), found


def test_all_three_countries_leaves_out_a_fourth_named_in_its_own_sentence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Peru, Chile and Mexico sent ministers to Lima. Canada later signed defence pacts "
                   "with all three countries.", monkeypatch)
    assert {q for q, _ in found} == {"all three countries"}, found
    assert {e for _, e in found} == {"peru", "chile", "mexico"}, found


def test_both_sides_count_countries_named_by_demonyms(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Chinese and Indian troops clashed in June. Both sides agreed to pull back.",
                   monkeypatch)
    assert found == {("Both sides", "china"), ("Both sides", "india")}, found


def test_a_plural_description_stays_internal(monkeypatch: pytest.MonkeyPatch) -> None:
    x = run("Kenya and Ghana held talks in Nairobi on Monday. Both nations signed a defence pact.")
    assert not any(m.evidence.quote == "Both nations" for m in x.mentions)  # the result's mentions
    assert {("Both nations", "kenya"), ("Both nations", "ghana")} <= corefs(
        "Kenya and Ghana held talks in Nairobi on Monday. Both nations signed a defence pact.", monkeypatch)


# --- singular descriptions: "the country", "the island nation" -----------------------------

def test_the_country_is_the_one_country_of_the_sentence_before() -> None:
    found = facts("Finland held elections in April. The country joined NATO that month.")
    assert found.get(("finland", "memberOf", "nato")) == 0.65, found


def test_the_country_abstains_between_two_countries() -> None:
    found = facts("Finland and Sweden held elections in April. The country joined NATO that month.")
    assert not any(p == "memberOf" for _, p, _ in found), found


def test_a_negated_clause_through_a_description_states_nothing() -> None:
    found = facts("Finland held elections in April. The country did not join NATO that month.")
    assert ("finland", "memberOf", "nato") not in found, found


def test_the_island_nation_is_the_country_named_before(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ("The island nation", "vietnam") in corefs(
        "Vietnam hosted the talks. The island nation has long been a partner of Japan.", monkeypatch)


def test_a_name_in_the_descriptions_own_clause_is_not_its_antecedent(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Hanoi has courted investors for years, and Norway promised to supply the island "
                   "with patrol boats.", monkeypatch)
    assert ("the island", "norway") not in found, found
    assert ("the island", "vietnam") in found, found  # a capital stands for its country


def test_the_country_abstains_between_a_subject_and_a_nearer_country(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Peru fears unrest spreading from Bolivia once foreign troops leave the country.",
                   monkeypatch)
    assert not any(q == "the country" for q, _ in found), found


def test_a_description_with_only_its_own_clause_to_go_on_abstains(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Chile met Peru. Leaders fear a vote by Ecuador's president on the country "
                   "joining the talks.", monkeypatch)
    assert not any(q == "the country" for q, _ in found), found


def test_the_country_in_question_is_no_coreference(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Japan welcomed the plan. Talks depend on the country in question.", monkeypatch)
    assert not any(q == "the country" for q, _ in found), found


# --- pronouns: "it", "its", "they" ---------------------------------------------------------

def test_it_is_the_organisation_subject_of_the_sentence_before() -> None:
    found = facts("ASEAN met in Jakarta on Friday. It signed a partnership agreement with Japan.")
    assert found.get(("asean", "partnerOf", "japan")) == 0.65, found


def test_they_is_the_list_subject_of_the_sentence_before() -> None:
    found = facts("Kenya and Ghana met in Accra. They signed a defence pact with Japan.")
    assert found.get(("kenya", "partnerOf", "japan")) == 0.65, found
    assert found.get(("ghana", "partnerOf", "japan")) == 0.65, found


def test_it_abstains_when_the_sentence_before_names_two_actors() -> None:
    found = facts("NATO criticised Russia on Monday. It signed a partnership agreement with Japan.")
    assert not any(o == "japan" for _, _, o in found), found


def test_it_abstains_when_its_own_sentence_names_two_actors_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Chile protested after Peru announced it would sell patrol boats to Ecuador.", monkeypatch)
    assert not any(q == "it" for q, _ in found), found


def test_an_empty_it_is_nobody(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("NATO met on Monday. It is likely that Japan will join the talks.", monkeypatch)
    assert not any(q == "It" for q, _ in found), found


def test_it_as_an_object_is_not_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("ASEAN met in Jakarta. Japan praised it warmly.", monkeypatch)
    assert not any(q == "it" for q, _ in found), found


def test_it_after_a_person_is_nobody(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Emmanuel Macron spoke in Paris. It signed a partnership agreement with Japan.",
                   monkeypatch)
    assert not any(q == "It" for q, _ in found), found


def test_a_singular_it_is_not_a_list() -> None:
    found = facts("Kenya and Ghana met in Accra. It signed a defence pact with Japan.")
    assert not any(o == "japan" for _, _, o in found), found


def test_coreference_evidence_is_the_whole_sentence_exactly() -> None:
    text = "Finland held elections in April. The country joined NATO that month."
    x = run(text)
    f = next(f for f in x.facts if (f.subject, f.predicate, f.object) == ("finland", "memberOf", "nato"))
    assert text[f.evidence.start:f.evidence.end] == f.evidence.quote == "The country joined NATO that month."


# --- relative pronouns: ", which" / ", who" right after a name -------------------------------

def test_which_after_a_comma_is_the_organisation_just_named() -> None:
    found = facts("The talks were hosted by ASEAN, which welcomed Timor-Leste as its eleventh member.")
    assert found.get(("timor-leste", "memberOf", "asean")) == 0.65, found


def test_which_without_a_comma_is_not_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Observers asked which ASEAN members had welcomed Timor-Leste.", monkeypatch)
    assert not any(q == "which" for q, _ in found), found


def test_who_needs_a_person_and_which_an_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ("who", "kenya") not in corefs("Aid reached Kenya, who sent troops.", monkeypatch)
    assert ("which", "emmanuel-macron") not in corefs("The deal was signed by Emmanuel Macron, which "
                                                      "surprised Japan.", monkeypatch)
    assert ("who", "emmanuel-macron") in corefs("The deal was signed by Emmanuel Macron, who visited "
                                                "Japan on Monday.", monkeypatch)


# --- descriptions with modifiers: "the Southeast Asian country", "the Gulf state" (coref18) ----

@pytest.mark.parametrize(("text", "phrase", "entity"), [
    ("Vietnam hosted the talks. The Southeast Asian country has long been a partner of Japan.",
     "The Southeast Asian country", "vietnam"),
    ("Qatar hosted the talks. The Gulf state has long been a partner of Turkey.",
     "The Gulf state", "qatar"),
    ("Mongolia hosted the talks. The landlocked nation has long been a partner of Japan.",
     "The landlocked nation", "mongolia"),
])
def test_a_modified_country_description_is_the_country_named_before(
        text: str, phrase: str, entity: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (phrase, entity) in corefs(text, monkeypatch)


def test_a_modified_description_gives_a_coreference_fact() -> None:
    found = facts("Qatar hosted the talks on Monday. The Gulf state joined the Arab League that year.")
    assert 0 < found.get(("qatar", "memberOf", "arab-league"), 0) < 0.8, found


def test_the_state_alone_is_not_a_country(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Qatar hosted the talks. The state has long been a partner of Turkey.", monkeypatch)
    assert not any(p == "The state" for p, _ in found), found


def test_a_modified_description_abstains_between_two_countries(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Qatar and Oman hosted the talks. The Gulf state has long been a partner of Turkey.",
                   monkeypatch)
    assert not any(p == "The Gulf state" for p, _ in found), found


def test_a_demonym_modifier_is_no_description_of_the_country_before(monkeypatch: pytest.MonkeyPatch) -> None:
    found = corefs("Israel hosted the talks. The Palestinian state has long been a goal of Egypt.",
                   monkeypatch)
    assert not any(p == "The Palestinian state" for p, _ in found), found
