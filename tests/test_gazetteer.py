"""The gazetteer: coverage of the domain, well-formed identifiers, and clear errors."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pycountry
import pytest

from loaders.errors import ParseError
from loaders.extraction.gazetteer import (
    GAZETTEER_FILE,
    KINDS,
    GazEntry,
    Gazetteer,
    _load_cached,
    entity_classes,
    load_gazetteer,
)
from loaders.extraction.mentions import matcher
from loaders.model import Entity
from ontology import terms

# ISO 3166-1 entries that are not UN member states: dependencies, territories,
# uninhabited areas, and the observers / non-members handled apart below.
NON_UN_MEMBERS = frozenset({
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK",
    "CUW", "CXR", "CYM", "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM",
    "HKG", "HMD", "IMN", "IOT", "JEY", "MAC", "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL",
    "NFK", "NIU", "PCN", "PRI", "PSE", "PYF", "REU", "SGS", "SHN", "SJM", "SPM", "SXM",
    "TCA", "TKL", "TWN", "UMI", "VAT", "VGB", "VIR", "WLF",
})
UN_MEMBERS = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in NON_UN_MEMBERS)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _by_iso(gaz: Gazetteer) -> dict[str, GazEntry]:
    return {e.iso3: e for e in gaz.entries.values() if e.iso3}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gaz.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- coverage -------------------------------------------------------------------------

def test_un_member_list_has_193_states() -> None:
    assert len(UN_MEMBERS) == 193


@pytest.mark.parametrize("iso3", UN_MEMBERS)
def test_every_un_member_is_a_country(gaz: Gazetteer, iso3: str) -> None:
    entry = _by_iso(gaz).get(iso3)
    assert entry is not None, f"no gazetteer entry for UN member {iso3}"
    assert entry.cls == "Country"
    assert entry.qid is not None, f"{entry.slug} has no Wikidata QID"


@pytest.mark.parametrize("slug", ["holy-see", "palestine", "taiwan", "kosovo"])
def test_observers_and_other_states_are_countries(gaz: Gazetteer, slug: str) -> None:
    assert gaz.entries[slug].cls == "Country"


@pytest.mark.parametrize("slug, qid", [
    ("japan", "Q17"), ("united-states", "Q30"), ("china", "Q148"), ("south-korea", "Q884"),
    ("north-korea", "Q423"), ("taiwan", "Q865"), ("russia", "Q159"), ("united-kingdom", "Q145"),
    ("nato", "Q7184"), ("eu", "Q458"), ("un", "Q1065"), ("asean", "Q7768"),
])
def test_contract_slugs_and_qids(gaz: Gazetteer, slug: str, qid: str) -> None:
    assert gaz.entries[slug].qid == qid


@pytest.mark.parametrize("slug", [
    "nato", "asean", "un", "eu", "g7", "aukus", "quad", "seato", "anzus", "sco", "isaf", "itpp",
    "operation-ocean-shield", "senkaku-islands", "senkaku-islands-dispute", "liancourt-rocks",
    "liancourt-rocks-dispute", "brussels", "tokyo", "vilnius", "un-security-council",
    "us-japan-alliance", "us-south-korea-alliance", "partners-across-the-globe",
    "partnership-for-peace", "kfor", "nato-vilnius-summit", "shangri-la-dialogue",
    "south-china-sea-disputes", "kuril-islands-dispute", "asia-pacific", "indo-pacific",
    "jens-stoltenberg",
])
def test_contract_slugs_exist(gaz: Gazetteer, slug: str) -> None:
    assert slug in gaz.entries


@pytest.mark.parametrize("text, slug, kind", [
    ("U.S.", "united-states", "acronym"), ("US", "united-states", "acronym"),
    ("America", "united-states", "alias"), ("United States", "united-states", "name"),
    ("Tokyo", "japan", "metonym"), ("Tokyo", "tokyo", "name"),
    ("Beijing", "china", "metonym"), ("Washington", "united-states", "metonym"),
    ("Nato", "nato", "alias"), ("NATO", "nato", "acronym"), ("ITPP", "itpp", "acronym"),
    ("Individually Tailored Partnership Program", "itpp", "alias"),
    ("Ocean Shield", "operation-ocean-shield", "alias"),
    ("Dokdo", "liancourt-rocks", "alias"), ("Takeshima", "liancourt-rocks", "alias"),
    ("Diaoyu", "senkaku-islands", "alias"), ("Japanese", "japan", "demonym"),
    ("Americans", "united-states", "demonym"), ("South Korean", "south-korea", "demonym"),
    ("Britain", "united-kingdom", "alias"), ("DPRK", "north-korea", "acronym"),
    ("Türkiye", "turkey", "alias"), ("Turkiye", "turkey", "alias"),
    ("Kiev", "ukraine", "metonym"), ("the Kremlin", "russia", "metonym"),
    ("Smart Defense", "smart-defence", "alias"), ("Aukus", "aukus", "alias"),
])
def test_surface_forms_cover_the_domain(gaz: Gazetteer, text: str, slug: str, kind: str) -> None:
    assert (text, slug, kind) in gaz.surface_forms()
    assert (slug, kind) in gaz.lookup(text)


def test_surface_forms_are_case_sensitive(gaz: Gazetteer) -> None:
    assert gaz.lookup("us") == ()
    assert gaz.lookup("nato") == ()


def test_surface_form_kinds_and_order(gaz: Gazetteer) -> None:
    forms = gaz.surface_forms()
    assert {kind for _, _, kind in forms} == set(KINDS)
    assert forms == sorted(forms)
    assert len(forms) == len({(text, slug) for text, slug, _ in forms})


def test_coreferences_are_apart_from_surface_forms(gaz: Gazetteer) -> None:
    assert ("the Alliance", "nato") in gaz.coreferences()
    assert gaz.lookup("the Alliance") == ()


@pytest.mark.parametrize("text", ["Georgia", "Chad", "Jordan", "Turkey", "Guinea", "Korea",
                                  "Congo", "Washington", "Male"])
def test_ambiguous_forms_are_flagged(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text), text
    assert gaz.is_ambiguous(text)


@pytest.mark.parametrize("text", ["Japan", "NATO", "Papua New Guinea", "Tokyo", "Beijing"])
def test_unambiguous_forms_are_not_flagged(gaz: Gazetteer, text: str) -> None:
    assert not gaz.is_ambiguous(text)


def test_names_shared_by_two_entries_are_flagged(gaz: Gazetteer) -> None:
    """A name, alias or acronym of two entries must be marked ambiguous by one of them."""
    owners: dict[str, set[str]] = {}
    for text, slug, kind in gaz.surface_forms():
        if kind != "metonym":
            owners.setdefault(text, set()).add(slug)
    shared = {text: slugs for text, slugs in owners.items() if len(slugs) > 1}
    unflagged = {t: s for t, s in shared.items()
                 if not any(t in gaz.entries[slug].ambiguous for slug in s)}
    assert unflagged == {}


def test_each_capital_metonym_is_also_a_place(gaz: Gazetteer) -> None:
    for e in gaz.entries.values():
        if e.cls == "Country" and e.place:
            place = gaz.entries[e.place]
            assert place.cls == "Place"
            capital_forms = {text for text, _ in place.forms()}
            city_metonyms = [m for m in e.metonyms if not m.startswith("the ")]
            assert not city_metonyms or city_metonyms[0] in capital_forms, e.slug


# --- identifiers and references -------------------------------------------------------

def test_slugs_are_valid_entity_iris(gaz: Gazetteer) -> None:
    for slug, entry in gaz.entries.items():
        assert entry.slug == slug
        assert terms.entity(slug).value == terms.ID + slug


def test_qids_are_well_formed_and_unique(gaz: Gazetteer) -> None:
    qids = [e.qid for e in gaz.entries.values() if e.qid is not None]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    assert len(qids) == len(set(qids))


def test_classes_are_ag_classes(gaz: Gazetteer) -> None:
    classes = entity_classes()
    assert {"Country", "InternationalOrganisation", "Person", "Alliance", "Partnership",
            "Programme", "Dispute", "Event", "Place"} <= classes
    assert not classes & {"Statement", "Source", "Claim", "Supportive", "Accepted", "Evidence",
                           "Stance", "Actor", "Organisation"}
    for e in gaz.entries.values():
        assert e.cls in classes
        assert getattr(terms, e.cls).value == terms.AG + e.cls


def test_references_resolve(gaz: Gazetteer) -> None:
    for e in gaz.entries.values():
        for party in e.parties:
            assert gaz.entries[party].cls == "Country", (e.slug, party)
        if e.territory:
            assert gaz.entries[e.territory].cls == "Place", e.slug
        if e.place:
            assert gaz.entries[e.place].cls == "Place", e.slug
        if e.cls == "Dispute":
            assert len(e.parties) >= 2 and e.territory, e.slug


def test_disputes_of_the_brief(gaz: Gazetteer) -> None:
    senkaku = gaz.entries["senkaku-islands-dispute"]
    assert set(senkaku.parties) == {"japan", "china", "taiwan"}
    assert senkaku.territory == "senkaku-islands"
    assert set(gaz.entries["liancourt-rocks-dispute"].parties) == {"south-korea", "japan"}


def test_entity_gives_the_model_value(gaz: Gazetteer) -> None:
    nato = gaz.entity("nato")
    assert isinstance(nato, Entity)
    assert (nato.slug, nato.cls, nato.qid) == ("nato", "InternationalOrganisation", "Q7184")
    assert "NATO" in nato.alt_labels and nato.label not in nato.alt_labels
    assert "Japanese" not in gaz.entity("japan").alt_labels  # a demonym is not a name
    with pytest.raises(KeyError):
        gaz.entity("no-such-thing")


# --- loading --------------------------------------------------------------------------

def test_load_is_fast_and_cached() -> None:
    path = str(GAZETTEER_FILE.resolve())
    started = time.perf_counter()
    fresh = _load_cached.__wrapped__(path, 0)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"loading took {elapsed:.2f} s"
    assert len(fresh.entries) > 400
    assert load_gazetteer() is load_gazetteer()


def test_reloads_after_an_edit(tmp_path: Path) -> None:
    path = _write(tmp_path, "places:\n  - {slug: atlantis, label: Atlantis}\n")
    assert set(load_gazetteer(path).entries) == {"atlantis"}
    path.write_text("places:\n  - {slug: lemuria, label: Lemuria}\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    assert set(load_gazetteer(path).entries) == {"lemuria"}


@pytest.mark.parametrize("text, message, line", [
    ("places: [\n", "YAML", 2),
    ("places:\n  - slug: x\n    label: X\n    label: Y\n", "duplicate key 'label'", 2),
    ("places: []\nplaces: []\n", "duplicate key 'places'", 1),
    ("- a\n- b\n", "mapping of sections", 1),
    ("planets:\n  - {slug: mars, label: Mars}\n", "unknown section", None),
    ("places:\n  - {slug: x, label: X}\n  - {slug: x, label: Y}\n", "duplicate slug", 3),
    ("places:\n  - {slug: Bad Slug, label: X}\n", "invalid slug", 2),
    ("places:\n  - {slug: x, label: X, colour: red}\n", "unknown key", 2),
    ("places:\n  - {slug: x, label: X, cls: Planet}\n", "unknown class", 2),
    ("places:\n  - {slug: x, label: X, cls: Statement}\n", "unknown class", 2),
    ("places:\n  - {slug: x, label: X, qid: 7184}\n", "malformed Wikidata QID", 2),
    ("places:\n  - {slug: x, label: X, qid: Q1}\n  - {slug: y, label: Y, qid: Q1}\n",
     "already used", 3),
    ("places:\n  - {slug: x}\n", "missing label", 2),
    ("countries:\n  - {slug: x, iso3: XXX}\n", "unknown ISO 3166", 2),
    ("disputes:\n  - {slug: d, label: D, parties: [nowhere], territory: t}\n",
     "unknown slug 'nowhere'", 2),
    ("places:\n  - {slug: x, label: X, aliases: [1, 2]}\n", "list of non-empty strings", 2),
    ("places:\n  - {slug: x, label: X, ambiguous: [Y]}\n", "not among its names", 2),
    ("countries:\n  - {slug: c, label: C, place: d}\nplaces:\n"
     "  - {slug: d, label: D, cls: Event}\n", "is not a Place", 2),
])
def test_bad_files_name_file_and_line(tmp_path: Path, text: str, message: str,
                                      line: int | None) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ParseError) as err:
        load_gazetteer(path)
    assert message in str(err.value)
    assert str(path.resolve()) in str(err.value)
    assert err.value.line == line


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read gazetteer"):
        load_gazetteer(tmp_path / "absent.yaml")


def test_pycountry_names_are_merged(tmp_path: Path) -> None:
    path = _write(tmp_path, "countries:\n  - {slug: south-korea, iso3: KOR, demonyms: [Korean]}\n")
    entry = load_gazetteer(path).entries["south-korea"]
    assert entry.label == "South Korea"
    assert "Korea, Republic of" not in entry.aliases  # inverted names never occur in text
    assert entry.demonyms == ("Korean", "Koreans")


@pytest.mark.parametrize(("text", "expected"), [
    # "the United Nations" (an alias with its article) must not swallow the longer name
    ("The United Nations Security Council met.", [("United Nations Security Council", "un-security-council")]),
    ("the United Nations General Assembly voted.", [("United Nations General Assembly", "un-general-assembly")]),
    ("The United Nations met.", [("The United Nations", "un")]),
    ("Both the United Nations and NATO met.", [("the United Nations", "un"), ("NATO", "nato")]),
])
def test_a_form_with_its_article_gives_way_to_a_longer_name_after_it(
        gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[h.start:h.end], h.slug) for h in matcher(gaz).find(text)] == expected
