"""validate_files and `alliancegraph validate`: clean data passes, each bad file is named."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from loaders.paths import CATALOG_FILE, CHECKS_DIR
from loaders.rdf.read import ontology_quads, read_quads
from loaders.validation.validate import (
    ValidationReport,
    check_files,
    default_files,
    run_checks,
    shacl_report,
    validate_files,
)
from server.cli import main

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample.trig"
BAD = DATA / "bad"


@pytest.fixture(scope="module")
def sample_report() -> ValidationReport:
    return validate_files([SAMPLE], catalog=None)


@pytest.fixture(scope="module")
def broken() -> ValidationReport:
    return validate_files([BAD / "broken_claim.trig"], catalog=None, reasoner=False)


@pytest.mark.slow
def test_sample_conforms(sample_report: ValidationReport) -> None:
    assert sample_report.conforms, sample_report.text
    assert sample_report.problems == []
    assert sample_report.reasoner is not None and sample_report.reasoner.consistent
    assert sample_report.text.splitlines()[-1] == "OK: 1 file, 150 triples, no problems"


@pytest.mark.parametrize("check", check_files(), ids=lambda p: p.stem)
def test_each_check_returns_no_rows_on_the_sample(check: Path) -> None:
    store = ox.Store()
    store.extend(read_quads(SAMPLE) + ontology_quads())
    result = store.query(check.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    assert list(result) == []  # type: ignore[arg-type]


def test_there_are_check_queries() -> None:
    assert len(check_files()) >= 8
    assert all(p.name.endswith("-violation.rq") for p in CHECKS_DIR.glob("*.rq"))


@pytest.mark.parametrize("check", check_files(), ids=lambda p: p.stem)
def test_each_check_catches_its_violation(broken: ValidationReport, check: Path) -> None:
    hits = [p for p in broken.sections["Checks"] if p.startswith(check.stem + ":")]
    elsewhere = {"evidence-length-violation": "start_after_end.trig",  # broken_claim has none
                 "disjoint-types-violation": "person_country.trig",
                 "functional-values-violation": "two_values.trig"}
    if check.stem in elsewhere:
        store = ox.Store()
        store.extend(read_quads(BAD / elsewhere[check.stem]) + ontology_quads())
        hits = [p for p in run_checks(store) if p.startswith(check.stem + ":")]
    assert hits, f"{check.stem} found nothing"


def test_functional_values_from_two_graphs_are_named_and_equal_numbers_are_one() -> None:
    store = ox.Store()
    store.extend(read_quads(BAD / "two_values.trig") + ontology_quads())
    hits = [p for p in run_checks(store) if p.startswith("functional-values-violation:")]
    assert [h.split("property=")[1].split(",")[0] for h in hits] == ["ag:quote", "ag:stance"]
    assert all("individual=agid:two-minds" in h and "manual-two-values-a" in h and
               "manual-two-values-b" in h for h in hits)


def test_shacl_messages_for_broken_claims(broken: ValidationReport) -> None:
    shacl = broken.sections["SHACL"]
    expected = [
        "agclaim:c1 ag:confidence: ag:confidence must be one decimal or double between 0 and 1 (value '1.5')",
        "agclaim:c1 ag:reviewStatus: a claim needs exactly one ag:reviewStatus: ag:Unreviewed, "
        "ag:Accepted or ag:Rejected (value ag:Neutral)",
        "agclaim:c2 ag:evidence: a claim needs ag:evidence with oa:exact and integer oa:start < oa:end",
        "agclaim:c2 prov:wasGeneratedBy: a claim needs prov:wasGeneratedBy a prov:Activity",
        "agid:japan rdfs:label: an entity needs exactly one English rdfs:label",
        "agid:quad rdfs:label: an entity needs exactly one English rdfs:label",
        "agid:japan owl:sameAs: owl:sameAs links only to a Wikidata item",
        "<https://w3id.org/alliancegraph/statement/s1> ag:quote: a statement needs exactly one non-empty ag:quote",
        "<https://w3id.org/alliancegraph/statement/s1> ag:stance: a statement needs exactly one ag:stance",
    ]
    for text in expected:
        assert any(f"tests/data/bad/broken_claim.trig: {text}" in line for line in shacl), text
    checks = "\n".join(broken.sections["Checks"])
    assert "claim=agclaim:c1, graph=<https://w3id.org/alliancegraph/graph/bad_broken>, " \
           "s=agid:japan, p=ag:memberOf, o=agid:nato" in checks
    assert "label='NATO', entity=agid:nato, other=agid:north-atlantic-alliance" in checks
    assert "source=agsrc:not_catalogued" in checks
    assert "term=ag:memberof, graph=<https://w3id.org/alliancegraph/graph/bad_broken>" in checks
    assert "item=agclaim:c1, evidence=agev:e1, start='0', end='17', boilerplateStart='5'" in checks


def test_start_after_end_is_reported() -> None:
    report = validate_files([BAD / "start_after_end.trig"], catalog=None, reasoner=False)
    assert not report.conforms
    assert ("tests/data/bad/start_after_end.trig: agev:backwards oa:start: evidence needs exactly "
            "one integer oa:start >= 0, less than oa:end (value '120')") in report.sections["SHACL"]
    assert any("evidence=agev:backwards, start='120', end='100', length='21'" in p
               for p in report.sections["Checks"])
    assert report.text.splitlines()[-1] == "FAILED: 3 problems (1 file, 21 triples)"


def test_evidence_must_be_the_words_of_the_source() -> None:
    report = validate_files([BAD / "wrong_evidence.trig"], catalog=None, reasoner=False)
    assert report.sections["Evidence"] == [
        "agev:wrong: oa:exact \"NATO's headquarters in Belgium!\" is not the text of "
        "003_1fb8b205eaf0cc35.txt[1584:1615] (\"NATO's headquarters in Brussels\")"]
    assert report.problems == report.sections["Evidence"]


@pytest.mark.slow
def test_person_and_country_is_named() -> None:
    report = validate_files([BAD / "person_country.trig"], catalog=None)
    assert not report.conforms
    assert "ontology + data are inconsistent (HermiT)" in report.problems
    assert any(p.startswith("agid:georgia is both ag:Country and ag:Person") for p in report.problems)


def test_syntax_error_names_file_line_and_column() -> None:
    report = validate_files([BAD / "malformed.ttl", SAMPLE], catalog=None, reasoner=False)
    assert report.sections["Syntax"] == [
        "tests/data/bad/malformed.ttl:7:1: A dot is expected at the end of statements"]
    assert report.triples == 150  # the other file was still read and checked


def test_malformed_shapes_are_reported_with_position() -> None:
    report = shacl_report(read_quads(SAMPLE), shapes=BAD / "malformed.ttl")
    [line] = report.sections["SHACL"]
    assert line.endswith("malformed.ttl:7:1: A dot is expected at the end of statements")


def test_unknown_extension_is_a_parse_error(tmp_path: Path) -> None:
    odd = tmp_path / "data.json"
    odd.write_text("{}", encoding="utf-8")
    report = validate_files([odd], catalog=None, reasoner=False)
    assert report.sections["Syntax"] == [f"{odd}: unknown RDF file type '.json' (use .ttl, .trig or .nq)"]


def test_default_files_are_the_catalog_and_triples() -> None:
    files = default_files()
    assert all(f == CATALOG_FILE or f.suffix == ".trig" for f in files)
    assert (CATALOG_FILE in files) == CATALOG_FILE.exists()


# ---------------------------------------------------------------------------- CLI

@pytest.mark.slow
def test_cli_validate_clean_exits_0() -> None:
    result = CliRunner().invoke(main, ["validate", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "HermiT: consistent, 0 unsatisfiable classes" in result.output
    assert result.output.strip().splitlines()[-1].startswith("OK: ")


@pytest.mark.slow
def test_cli_validate_inconsistent_exits_1_and_names_the_individual() -> None:
    result = CliRunner().invoke(main, ["validate", str(BAD / "person_country.trig")])
    assert result.exit_code == 1
    assert "agid:georgia is both ag:Country and ag:Person" in result.output
    assert result.output.strip().splitlines()[-1].startswith("FAILED: ")


@pytest.mark.slow
def test_cli_validate_syntax_error_exits_1() -> None:
    result = CliRunner().invoke(main, ["validate", str(BAD / "malformed.ttl")])
    assert result.exit_code == 1
    assert "malformed.ttl:7:1: A dot is expected at the end of statements" in result.output
    assert "Traceback" not in result.output


def test_cli_validate_missing_file_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["validate", "no/such/file.trig"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_shapes_reach_subclasses_through_the_ontology(tmp_path: Path) -> None:
    """ag:Mission is an ag:Programme: the entity shape applies to it without inference."""
    data = tmp_path / "mission.trig"
    data.write_text("""@prefix ag: <https://w3id.org/alliancegraph/ontology#> .
<https://w3id.org/alliancegraph/graph/t> {
  <https://w3id.org/alliancegraph/id/isaf> a ag:Mission .
  <https://w3id.org/alliancegraph/id/Bad_Slug> a ag:Place ;
      <http://www.w3.org/2000/01/rdf-schema#label> "Somewhere"@en .
}""", encoding="utf-8")
    report = validate_files([data], catalog=None, reasoner=False)
    shacl = report.sections["SHACL"]
    assert any("agid:isaf rdfs:label: an entity needs exactly one English rdfs:label" in p for p in shacl)
    assert any("agid:Bad_Slug: an entity IRI is https://w3id.org/alliancegraph/id/{slug}" in p for p in shacl)
