"""The corpus catalog: checksums, boilerplate ranges, metadata, and reading any article safely."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from loaders.errors import InputError, ParseError
from loaders.model import Article
from loaders.paths import CATALOG_FILE, ROOT, SOURCES_DIR
from loaders.rdf.catalog import MAX_BYTES, catalog_quads, load_catalog, read_article
from ontology import terms

SHARED = ROOT.parent / "shared"  # CI checks the clone out beside ../shared
SEEDS = SHARED / "seeds"
ARTICLES = ROOT / "tests" / "data" / "articles"
STEMS = sorted(p.stem for p in SOURCES_DIR.glob("*.txt"))

# The whole lines of each text that are web boilerplate, in order of appearance. The catalog's
# ranges were computed from exactly these lines; test_boilerplate_ranges recomputes them.
BOILERPLATE = {
    "000_8f320c11eea08cbb": [
        "Skip to content", "Politics & Current Affairs",
        "Sign up for the Smarter Faster newsletter",
        "A weekly newsletter featuring the biggest ideas from the smartest people",
        "Sign up for the Smarter Faster newsletter",
        "A weekly newsletter featuring the biggest ideas from the smartest people",
        "Related", "Up Next"],
    "001_610a90f6e4cef161": ["top of page", "bottom of page"],
    "002_62cfefc91660eb91": [],
    "003_1fb8b205eaf0cc35": [
        "With your current subscription plan you can comment on stories. However, before writing "
        "your first comment, please create a display name in the Profile section of your "
        "subscriber account page."],
    "004_d59d7508bc128336": ["Keep Reading"],
}
# Only what the texts state; None means the text does not say (so the catalog must not either).
TITLES = {
    "000_8f320c11eea08cbb": "Why NATO Needs to Pursue an Asia-Pacific Strategy",
    "001_610a90f6e4cef161": "The Case for Enhanced NATO Engagement in the Asia-Pacific",
    "002_62cfefc91660eb91": None,
    "003_1fb8b205eaf0cc35": None,
    "004_d59d7508bc128336": "Why NATO is extending its influence to the Asia-Pacific?",
}
CREATORS = {
    "000_8f320c11eea08cbb": "Rin Mitchell",  # "Article written by guest writer Rin Mitchell"
    "001_610a90f6e4cef161": "Arthur Chan",  # "By Arthur Chan, Transatlantic Security Analyst"
    "003_1fb8b205eaf0cc35": "Brad Glosserman",  # "Brad Glosserman is deputy director of ..."
}
DCTERMS = terms.DCTERMS


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {a.id: a for a in load_catalog()}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.extend(catalog_quads())
    return s


def values(store: ox.Store, stem: str, predicate: str) -> list[str]:
    query = f"SELECT ?v WHERE {{ GRAPH ?g {{ <{terms.SOURCE}{stem}> <{predicate}> ?v }} }}"
    return sorted(row["v"].value for row in solutions(store, query))


def solutions(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def copy_corpus(tmp_path: Path) -> Path:
    for path in [CATALOG_FILE, *SOURCES_DIR.glob("*.txt")]:
        shutil.copyfile(path, tmp_path / path.name)
    return tmp_path / CATALOG_FILE.name


# --- the corpus and its checksums ------------------------------------------------------------

def test_every_text_is_catalogued_once(articles: dict[str, Article]) -> None:
    assert sorted(articles) == STEMS
    assert len(STEMS) == 5


@pytest.mark.parametrize("stem", STEMS)
def test_checksum_matches_the_file(store: ox.Store, stem: str) -> None:
    actual = hashlib.sha256((SOURCES_DIR / f"{stem}.txt").read_bytes()).hexdigest()
    assert values(store, stem, terms.AG + "sha256") == [actual]
    assert values(store, stem, terms.AG + "textFile") == [f"{stem}.txt"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent (CI has it beside the clone)")
@pytest.mark.parametrize("stem", STEMS)
def test_source_is_byte_identical_to_its_seed(stem: str) -> None:
    assert sorted(p.stem for p in SEEDS.glob("*.txt")) == STEMS
    assert (SOURCES_DIR / f"{stem}.txt").read_bytes() == (SEEDS / f"{stem}.txt").read_bytes()


def test_an_edited_text_is_named_with_both_checksums(tmp_path: Path) -> None:
    catalog = copy_corpus(tmp_path)
    edited = tmp_path / "002_62cfefc91660eb91.txt"
    before = hashlib.sha256(edited.read_bytes()).hexdigest()
    edited.write_bytes(edited.read_bytes().replace(b"NATO", b"N.A.T.O.", 1))
    after = hashlib.sha256(edited.read_bytes()).hexdigest()
    with pytest.raises(InputError) as error:
        load_catalog(catalog)
    message = str(error.value)
    assert str(edited) in message and before in message and after in message
    assert "changed" in message


def test_a_copied_corpus_loads_unchanged(tmp_path: Path, articles: dict[str, Article]) -> None:
    assert {a.id: a for a in load_catalog(copy_corpus(tmp_path))} == articles


def test_a_missing_text_is_named(tmp_path: Path) -> None:
    catalog = copy_corpus(tmp_path)
    (tmp_path / "004_d59d7508bc128336.txt").unlink()
    with pytest.raises(InputError, match=r"004_d59d7508bc128336\.txt: no such file"):
        load_catalog(catalog)


# --- boilerplate and metadata -----------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_boilerplate_ranges(articles: dict[str, Article], stem: str) -> None:
    article = articles[stem]
    text = article.text
    ranges = list(article.skip)
    assert [text[s:e] for s, e in ranges] == BOILERPLATE[stem]
    for start, end in ranges:
        assert 0 <= start < end <= len(text)
        assert start == 0 or text[start - 1] == "\n", "a range starts a line"
        assert end == len(text) or text[end:].split("\n", 1)[0].strip() == "", "a range ends a line"
    # The generator's logic: every whole line (trailing blanks aside) in the expected set.
    wanted = set(BOILERPLATE[stem])
    recomputed = [(m.start(), m.start() + len(m.group().rstrip()))
                  for m in re.finditer(r"^.*$", text, re.M) if m.group().rstrip() in wanted]
    assert recomputed == ranges


def test_author_bio_and_byline_are_content_not_boilerplate(articles: dict[str, Article]) -> None:
    for article in articles.values():
        for start, end in article.skip:
            skipped = article.text[start:end]
            assert not skipped.startswith(("By ", "Article written by", "Brad Glosserman is"))


@pytest.mark.parametrize("stem", STEMS)
def test_metadata_only_where_the_text_states_it(store: ox.Store, articles: dict[str, Article],
                                                stem: str) -> None:
    text = articles[stem].text
    assert values(store, stem, DCTERMS + "identifier") == [stem]
    title = TITLES[stem]
    assert articles[stem].title == title
    assert values(store, stem, DCTERMS + "title") == ([title] if title else [])
    if title:
        assert title in text.splitlines()
    creator = CREATORS.get(stem)
    assert values(store, stem, DCTERMS + "creator") == ([creator] if creator else [])
    if creator:
        assert creator in text
    # No text names its publisher or a full date ("Smarter Faster" is a newsletter, not a publisher).
    assert values(store, stem, DCTERMS + "publisher") == []
    assert values(store, stem, DCTERMS + "date") == []
    assert values(store, stem, DCTERMS + "format") == ["text/plain"]
    assert values(store, stem, DCTERMS + "language") == ["en"]


# --- catalog_quads and the catalog file -------------------------------------------------------

def test_catalog_quads_are_all_in_the_catalog_graph(store: ox.Store) -> None:
    quads = catalog_quads()
    assert quads and all(q.graph_name == terms.CATALOG_GRAPH for q in quads)
    rows = solutions(store, f"SELECT ?s WHERE {{ GRAPH <{terms.CATALOG_GRAPH.value}> "
                            f"{{ ?s a <{terms.Source.value}> }} }}")
    assert len(rows) == 5
    selectors = solutions(store, (
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?b WHERE { GRAPH ?g { "
        "?s <https://w3id.org/alliancegraph/ontology#boilerplate> ?b . "
        "?b a oa:TextPositionSelector ; oa:start ?st ; oa:end ?en FILTER(?st < ?en) } }"))
    assert len(selectors) == sum(len(v) for v in BOILERPLATE.values())


def test_catalog_quads_are_the_same_on_every_call() -> None:
    first, second = catalog_quads(), catalog_quads()
    assert first == second
    selectors = {q.object for q in first if q.predicate.value == terms.AG + "boilerplate"}
    assert len(selectors) == sum(len(v) for v in BOILERPLATE.values())


def test_a_turtle_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    catalog = copy_corpus(tmp_path)
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "dcterms:format" in line)
    lines[number] = lines[number].replace(" ;", " ;;;  oops", 1)
    catalog.write_text("".join(lines), encoding="utf-8")
    for call in (load_catalog, catalog_quads):
        with pytest.raises(ParseError) as error:
            call(catalog)
        assert error.value.path == str(catalog)
        assert error.value.line == number + 1
        assert isinstance(error.value.column, int) and error.value.column > 1
        assert str(error.value).startswith(f"{catalog}:{number + 1}:")


def test_a_missing_catalog_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such catalog file"):
        load_catalog(tmp_path / "catalog.ttl")


@pytest.mark.parametrize("edit, message", [
    (lambda t: re.sub(r'    ag:sha256 "[0-9a-f]+" ;\n', "", t, count=1), "exactly one literal .*sha256"),
    (lambda t: t.replace("oa:end 15 ]", "oa:end 999999 ]"), r"range 0\.\.999999 is not inside the text"),
    (lambda t: t.replace("oa:end 15 ]", "oa:end 0 ]"), r"range 0\.\.0 is not inside"),
    (lambda t: t.replace('"000_8f320c11eea08cbb.txt"', '"../000_8f320c11eea08cbb.txt"'), "must be '000_8f320c11eea08cbb.txt'"),
    (lambda t: t.replace('dcterms:identifier "001_610a90f6e4cef161"', 'dcterms:identifier "001_other"'), "disagree"),
])
def test_an_incomplete_or_wrong_entry_is_refused(tmp_path: Path, edit: Callable[[str], str],
                                                 message: str) -> None:
    catalog = copy_corpus(tmp_path)
    text = catalog.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text
    catalog.write_text(changed, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        load_catalog(catalog)
    assert str(catalog) in str(error.value)


# --- read_article on any file -----------------------------------------------------------------

def test_read_article_keeps_the_exact_text(tmp_path: Path) -> None:
    path = tmp_path / "wire-2024_07.txt"
    path.write_bytes("NATO\r\n said “yes”.\n\n  ".encode())
    article = read_article(path)
    assert article.id == "wire-2024_07"
    assert article.text == "NATO\r\n said “yes”.\n\n  "
    assert article.skip == () and article.title is None
    assert read_article(path, "my-id").id == "my-id"


def test_read_article_matches_the_catalog(articles: dict[str, Article]) -> None:
    for stem, article in articles.items():
        assert read_article(SOURCES_DIR / f"{stem}.txt").text == article.text


def test_a_byte_order_mark_is_kept_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfJapan and NATO.")
    article = read_article(path)
    assert article.text == "\ufeffJapan and NATO."  # offsets stay those of the file's text
    assert article.skip == ((0, 1),)
    assert article.text[1:6] == "Japan"


def test_a_stem_unfit_for_an_iri_is_slugified_unless_an_id_is_given(tmp_path: Path) -> None:
    path = tmp_path / "My Article (draft).txt"
    path.write_text("Some text.", encoding="utf-8")
    assert read_article(path).id == "my-article-draft"
    with pytest.raises(InputError, match="not usable in an IRI"):
        read_article(path, "has space")


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", r"empty\.txt: file is empty \(0 bytes\)"),
    ("blank.txt", b" \n\t\r\n", r"blank\.txt: file holds only whitespace"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"image\.png: binary file, not text: NUL byte at byte offset 8"),
    ("utf16.txt", "NATO".encode("utf-16"), r"NUL byte at byte offset 3 \(it looks like UTF-16"),
    ("latin1.txt", "line one\nCaf\xe9 talks".encode("latin-1"), r"latin1\.txt: not UTF-8 text: invalid byte 0xe9 at byte offset 12 \(line 2\)"),
    ("cut.txt", "NATO “".encode()[:-1], r"cut\.txt: not UTF-8 text: invalid byte 0xe2 at byte offset 5 \(line 1\)"),
])
def test_bad_article_files_are_refused_clearly(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_a_missing_file_or_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.txt: no such file"):
        read_article(tmp_path / "nothing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: no 20 MB written
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match=r"huge\.txt: file is 20,971,521 bytes, over the limit of 20,971,520"):
        read_article(path)


def test_a_ten_megabyte_article_is_read(tmp_path: Path) -> None:
    sentence = "Japan and NATO agreed to deepen cooperation, officials said. "
    path = tmp_path / "big.txt"
    path.write_text(sentence * (10 * 1024 * 1024 // len(sentence)), encoding="utf-8")
    article = read_article(path)
    assert len(article.text) >= 10 * 1024 * 1024 - len(sentence)
    assert article.text.startswith(sentence)


# --- the test articles written for the extractor ----------------------------------------------

EXPECTED = yaml.safe_load((ARTICLES / "expected.yaml").read_text(encoding="utf-8"))["articles"]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PREDICATES = {"memberOf", "hasMember", "partnerOf", "hasPartner", "participatesIn",
              "hasParticipant", "partyTo", "hasParty", "concernsTerritory", "supports",
              "opposes", "locatedIn"}
CLASSES = {"Country", "InternationalOrganisation", "Person", "Alliance", "Partnership",
           "Programme", "Dispute", "Event", "Place"}


def test_every_test_article_is_described() -> None:
    assert sorted(EXPECTED) == sorted(p.stem for p in ARTICLES.glob("*.txt"))


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_test_article_reads_and_has_the_agreed_length(stem: str) -> None:
    article = read_article(ARTICLES / f"{stem}.txt")
    assert article.id == stem
    assert 300 <= len(article.text.split()) <= 700


def test_the_wire_report_has_a_dateline_and_straight_quotes() -> None:
    text = read_article(ARTICLES / "wire_tokyo_cyber.txt").text
    assert re.search(r"^TOKYO, July 12 \(AG Wire\) — ", text, re.M)
    assert "“" not in text and "”" not in text and text.count('"') % 2 == 0
    assert '," he added.' in text and "told reporters" in text


def test_the_analysis_uses_curly_quotes_and_according_to() -> None:
    text = read_article(ARTICLES / "analysis_spratly_navies.txt").text
    assert '"' not in text and text.count("“") == text.count("”") > 5
    assert text.count("According to") + text.count("according to") >= 3


def test_the_short_piece_has_one_unbalanced_quotation_mark() -> None:
    text = read_article(ARTICLES / "no_entities_unbalanced.txt").text
    assert text.count('"') == 1 and "“" not in text and "”" not in text
    assert EXPECTED["no_entities_unbalanced"]["entities"] == []


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_expected_facts_are_exact_and_well_formed(stem: str) -> None:
    text = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    facts = EXPECTED[stem]
    slugs = {e["slug"] for e in facts["entities"]}
    for entity in facts["entities"]:
        assert SLUG.match(entity["slug"]) and entity["cls"] in CLASSES
        assert set(entity.get("cls_also", [])) <= CLASSES
        assert entity["qid"] is None or re.fullmatch(r"Q[1-9][0-9]*", entity["qid"])
    assert all(SLUG.match(slug) for slug in facts["acceptable"])
    assert not slugs & set(facts["acceptable"])
    for mention in facts["mentions"]:
        assert mention["context"] in text and mention["text"] in mention["context"]
        assert mention["entity"] in slugs
    for relation in [*facts["relations"], *facts["absent"]]:
        assert relation["predicate"] in PREDICATES
        assert {relation["subject"], relation["object"]} <= slugs
    for relation in facts["acceptable_relations"]:
        assert relation["predicate"] in PREDICATES
        assert {relation["subject"], relation["object"]} <= slugs | set(facts["acceptable"])
    triples = [tuple(r[k] for k in ("subject", "predicate", "object"))
               for r in [*facts["relations"], *facts["absent"], *facts["acceptable_relations"]]]
    assert len(triples) == len(set(triples)), "a relation is listed twice"
    for relation in facts["relations"]:
        assert relation["evidence"] in text
    for statement in facts["statements"]:
        assert statement["quote"] in text, statement["quote"]
        assert {statement["speaker"], *statement.get("speaker_also", [])} <= slugs
        assert statement["kind"] in {"quotation", "reported"}
        assert statement.get("stance", "Neutral") in {"Supportive", "Opposed", "Neutral"}
