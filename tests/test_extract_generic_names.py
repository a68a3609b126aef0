"""generic_names: a coined name made only of common words ("Defense Cooperation Agreement",
"Coast Guard") no longer gives the same IRI to different things of different articles: it is
qualified by the accord's parties or the body's country, else scoped to its article. Names
with a word of their own keep one IRI across articles. Invented sentences only."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extraction.generic_names import is_generic
from loaders.extraction.pipeline import extract
from loaders.model import Article, Extraction
from loaders.paths import Project
from loaders.rdf.project import add, init_project
from loaders.store import versions as st
from loaders.store.build import build


def _run(article_id: str, text: str) -> Extraction:
    return extract(Article(id=article_id, text=text))


def _slugs(x: Extraction, label: str) -> list[str]:
    return [e.slug for e in x.entities if e.label == label]


@pytest.mark.parametrize("label, generic", [
    ("Defense Cooperation Agreement", True), ("Mutual Defense Treaty", True),
    ("Status of Visiting Forces Agreement", True), ("Coast Guard", True),
    ("National Security Council", True), ("Nakamal Agreement", False),
    ("Eastern Theater Command", False), ("Alliance of Sahel States", False), ("", False),
])
def test_a_name_of_common_words_only_is_generic(label: str, generic: bool) -> None:
    assert is_generic(label) is generic


def test_the_same_common_words_in_two_articles_are_two_things() -> None:
    text = "Officials said the Defense Cooperation Agreement would take effect soon."
    one, other = _run("one", text), _run("other", text)
    assert _slugs(one, "Defense Cooperation Agreement (one)") == ["defense-cooperation-agreement-one"]
    assert _slugs(other, "Defense Cooperation Agreement (other)") == ["defense-cooperation-agreement-other"]
    accord = next(e for e in one.entities if e.cls == "Partnership")
    assert "Defense Cooperation Agreement" in accord.alt_labels  # the text's words, for search and scoring


def test_two_articles_with_the_same_common_words_build_one_valid_store(tmp_path: Path) -> None:
    """The store refuses two entities of one English label: scoped ones name their article."""
    project = Project(tmp_path / "p")
    init_project(project)
    for name, text in (("ausindo", "Indonesia's minister said the Defense Cooperation Agreement with "
                                   "Australia would deepen ties. The Coast Guard said it was ready."),
                       ("uspng", "Papua New Guinea said the Defense Cooperation Agreement would take "
                                 "effect soon. The Coast Guard said it was ready.")):
        f = tmp_path / f"{name}.txt"
        f.write_text(text, encoding="utf-8")
        assert add(project, [str(f)], jobs=1, progress=False).added == [name]
    location = tmp_path / "store"
    build(str(location), triples_dir=project.triples_dir, catalog_file=project.catalog_file,
          progress=False, jobs=1)
    store, _ = st.open_read_only(location)
    labels = {str(r["l"].value) for r in store.query(  # type: ignore[union-attr]
        'SELECT ?l WHERE { GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } '
        'FILTER(CONTAINS(STR(?l), "Coast Guard") || CONTAINS(STR(?l), "Cooperation Agreement")) }')}
    assert labels == {"Coast Guard (ausindo)", "Coast Guard (uspng)", "Defense Cooperation Agreement (ausindo)",
                      "Defense Cooperation Agreement (uspng)"}, labels


def test_a_name_of_its_own_is_one_thing_across_articles() -> None:
    text = "Officials said the Nakamal Agreement would take effect soon."
    assert _slugs(_run("one", text), "Nakamal Agreement") == _slugs(_run("other", text), "Nakamal Agreement") \
        == ["nakamal-agreement"]


def test_an_accord_of_common_words_is_named_by_its_parties() -> None:
    x = _run("one", "Indonesia and Australia signed the Defense Cooperation Agreement in Canberra on Thursday.")
    accord = next(e for e in x.entities if e.cls == "Partnership")
    assert (accord.slug, accord.label) == ("indonesia-australia-defense-cooperation-agreement",
                                           "Indonesia–Australia Defense Cooperation Agreement")
    assert "Defense Cooperation Agreement" in accord.alt_labels
    parties = {f.object for f in x.facts if f.subject == accord.slug and f.predicate == "hasPartner"}
    assert parties == {"indonesia", "australia"}
    assert not [e for e in x.entities if "canberra" in e.slug and e.cls == "Partnership"]


def test_a_body_of_common_words_is_named_with_its_country() -> None:
    x = _run("one", "A spokesman for the U.S. National Security Council said the talks went well.")
    assert [(e.slug, e.label) for e in x.entities if "National Security Council" in e.label] == [
        ("u-s-national-security-council", "U.S. National Security Council")]
    assert {m.entity for m in x.mentions} >= {"u-s-national-security-council", "united-states"}
