"""The project's gazetteer: canonical names, aliases, demonyms and capital metonyms.

General domain knowledge only (never a fact of one article), kept in
`ontology/gazetteer.yaml` (its header documents the format). Countries name their ISO 3166
alpha-3 code; their official and common names come from pycountry at load time, so the YAML
holds only what pycountry lacks (slug, Wikidata QID, demonyms, metonyms, extra aliases).

Surface forms are meant to be matched case-sensitively as written: the file lists the case
variants it wants matched ("NATO", "Nato"), and an acronym such as "US" must never match "us".
Forms listed under `ambiguous` (e.g. "Georgia", "Chad", "Turkey") need supporting context.
"""

from __future__ import annotations

import functools
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml

from loaders.errors import ParseError
from loaders.model import Entity
from loaders.paths import ONTOLOGY_DIR
from ontology import terms

GAZETTEER_FILE = ONTOLOGY_DIR / "gazetteer.yaml"

KINDS = ("name", "alias", "acronym", "demonym", "metonym")

# The default class of each YAML section; an entry may override it with `cls`.
SECTIONS: dict[str, str] = {
    "countries": "Country",
    "organisations": "InternationalOrganisation",
    "alliances": "Alliance",
    "partnerships": "Partnership",
    "programmes": "Programme",
    "events": "Event",
    "disputes": "Dispute",
    "places": "Place",
    "people": "Person",
}

# The ag: classes a named entity may have (the contract's, and the ontology's subclasses of
# Programme); only those that ontology.terms declares count, so a typo fails loudly.
ENTITY_CLASSES = (
    "Country", "InternationalOrganisation", "Person", "Alliance", "Partnership", "Programme",
    "Mission", "Operation", "Dispute", "Event", "Place",
)

_LIST_KEYS = ("aliases", "demonyms", "metonyms", "acronyms", "parties", "coreferences")
_KEYS = frozenset({"slug", "label", "cls", "qid", "iso3", "territory", "place",
                   "ambiguous", "note", *_LIST_KEYS})
_QID = re.compile(r"^Q[1-9][0-9]*$")
_LINE = "__line__"
_PLURAL_ENDINGS = frozenset("bdeiknort")  # a noun demonym: "Greek", "Dane", "Briton"


@dataclass(frozen=True)
class GazEntry:
    """One named thing the extractor can recognise, with every way the text may name it."""

    slug: str
    label: str
    cls: str  # ag: class local name, e.g. "Country"
    qid: str | None = None  # Wikidata item, only where checked: "Q17"
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # "Japanese"
    metonyms: tuple[str, ...] = ()  # "Tokyo" for the government of Japan
    acronyms: tuple[str, ...] = ()  # matched case-sensitively
    parties: tuple[str, ...] = ()  # disputes only: slugs of the parties
    territory: str | None = None  # disputes only: slug of the disputed Place
    place: str | None = None  # countries: slug of the capital as a Place
    iso3: str | None = None  # countries: ISO 3166-1 alpha-3 code, if it has one
    ambiguous: tuple[str, ...] = ()  # surface forms that need context ("Chad", "Georgia")
    coreferences: tuple[str, ...] = ()  # phrases that may refer back to it ("the Alliance")

    def forms(self) -> Iterator[tuple[str, str]]:
        """Every (surface text, kind) of this entry, the label first."""
        yield self.label, "name"
        for kind, texts in (("alias", self.aliases), ("acronym", self.acronyms),
                            ("demonym", self.demonyms), ("metonym", self.metonyms)):
            for text in texts:
                yield text, kind


@dataclass
class Gazetteer:
    """All entries keyed by slug, with the lookups the extractor needs."""

    entries: dict[str, GazEntry]
    path: Path | None = None
    load_seconds: float = 0.0
    _forms: list[tuple[str, str, str]] = field(default_factory=list, repr=False)
    _index: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        index: dict[str, list[tuple[str, str]]] = {}
        for entry in self.entries.values():
            for text, kind in entry.forms():
                if (text, entry.slug) in seen:
                    continue  # the first (most specific) kind of a text wins
                seen.add((text, entry.slug))
                self._forms.append((text, entry.slug, kind))
                index.setdefault(text, []).append((entry.slug, kind))
        self._forms.sort()
        self._index = {text: tuple(hits) for text, hits in index.items()}

    def __hash__(self) -> int:
        return id(self)

    def surface_forms(self) -> list[tuple[str, str, str]]:
        """Every (text, slug, kind), kind in name|alias|acronym|demonym|metonym; sorted.

        A text may appear for several slugs ("Tokyo" is the city, and a metonym of Japan).
        """
        return list(self._forms)

    def coreferences(self) -> list[tuple[str, str]]:
        """(phrase, slug) pairs such as ("the Alliance", "nato"): resolve only in context."""
        return sorted((text, e.slug) for e in self.entries.values() for text in e.coreferences)

    def lookup(self, text: str) -> tuple[tuple[str, str], ...]:
        """The (slug, kind) pairs a surface text may stand for, exact case; () if none."""
        return self._index.get(text, ())

    def is_ambiguous(self, text: str) -> bool:
        """True if `text` names several things, or its entry flags it as needing context."""
        hits = self._index.get(text, ())
        if len({slug for slug, kind in hits if kind != "metonym"}) > 1:
            return True
        return any(text in self.entries[slug].ambiguous for slug, _ in hits)

    def entity(self, slug: str) -> Entity:
        """The `Entity` for a slug: label, class, QID and alternative labels (aliases, acronyms)."""
        try:
            e = self.entries[slug]
        except KeyError:
            raise KeyError(f"no gazetteer entry {slug!r}") from None
        alt = tuple(dict.fromkeys(t for t in (*e.aliases, *e.acronyms) if t != e.label))
        return Entity(slug=e.slug, label=e.label, cls=e.cls, qid=e.qid, alt_labels=alt)


@functools.lru_cache(maxsize=4)
def capitals(gaz: Gazetteer) -> dict[str, str]:
    """Capital (Place slug) -> its country's slug (built once per gazetteer; not changed)."""
    return {e.place: slug for slug, e in gaz.entries.items() if e.place and e.cls == "Country"}


@functools.lru_cache(maxsize=4)
def known_surnames(gaz: Gazetteer) -> dict[str, str]:
    """Last name -> the label of the one gazetteer person who has it (shared names left out):
    a title then a bare surname links to that person, never creates one."""
    found: dict[str, list[str]] = {}
    for e in gaz.entries.values():
        if e.cls == "Person" and " " in e.label:
            found.setdefault(e.label.split()[-1], []).append(e.label)
    return {last: labels[0] for last, labels in found.items() if len(labels) == 1}


def entity_classes() -> frozenset[str]:
    """The ag: class local names an entry may have: ENTITY_CLASSES that ontology.terms declares."""
    return frozenset(name for name in ENTITY_CLASSES
                     if getattr(getattr(terms, name, None), "value", None) == terms.AG + name)


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Read and check the gazetteer (cached per file and modification time).

    Raises ParseError naming the file and line for a malformed entry.
    """
    p = Path(path) if path is not None else GAZETTEER_FILE
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as e:
        raise ParseError(f"cannot read gazetteer: {e.strerror}", str(p)) from None
    return _load_cached(str(p.resolve()), mtime)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Gazetteer:
    started = time.perf_counter()
    data = _read_yaml(Path(path))
    entries = _build_entries(data, path)
    _check_references(entries, data, path)
    gaz = Gazetteer(entries=entries, path=Path(path))
    gaz.load_seconds = time.perf_counter() - started
    return gaz


# --- reading --------------------------------------------------------------------------

def _yaml_loader() -> type[yaml.SafeLoader]:
    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[misc]
        """A safe loader that records each mapping's line, for error messages."""

    def construct(loader: Any, node: yaml.MappingNode) -> dict[str, Any]:
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):
            key = next(k for k in keys if keys.count(k) > 1)
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", node.start_mark)
        mapping = loader.construct_mapping(node, deep=True)
        mapping[_LINE] = node.start_mark.line + 1
        return dict(mapping)

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct)
    return _Loader


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ParseError(f"cannot read gazetteer: {e}", str(path)) from None
    try:
        data = yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        raise ParseError(f"YAML: {e.problem}", str(path),
                         mark.line + 1 if mark else None, mark.column + 1 if mark else None
                         ) from None
    except yaml.YAMLError as e:
        raise ParseError(f"YAML: {e}", str(path)) from None
    if not isinstance(data, dict):
        raise ParseError("the gazetteer must be a mapping of sections", str(path), 1)
    for section in data:
        if section != _LINE and section not in SECTIONS:
            raise ParseError(f"unknown section {section!r} (known: {', '.join(SECTIONS)})",
                             str(path))
    return data


def _build_entries(data: dict[str, Any], path: str) -> dict[str, GazEntry]:
    classes = entity_classes()
    entries: dict[str, GazEntry] = {}
    for section, default_cls in SECTIONS.items():
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ParseError(f"section {section!r} must be a list", path, data.get(_LINE))
        for raw in items:
            entry = _entry(raw, default_cls, classes, path)
            if entry.slug in entries:
                raise ParseError(f"duplicate slug {entry.slug!r}", path, raw.get(_LINE))
            entries[entry.slug] = entry
    return entries


def _entry(raw: Any, default_cls: str, classes: frozenset[str], path: str) -> GazEntry:
    if not isinstance(raw, dict):
        raise ParseError(f"an entry must be a mapping, not {raw!r}", path)
    line = raw.get(_LINE)

    def fail(message: str) -> ParseError:
        return ParseError(message, path, line)

    unknown = set(raw) - _KEYS - {_LINE}
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not terms.is_slug(slug):
        raise fail(f"missing or invalid slug {slug!r} (lower-case words joined by hyphens)")
    cls = raw.get("cls", default_cls)
    if cls not in classes:
        raise fail(f"{slug}: unknown class {cls!r} (known: {', '.join(sorted(classes))})")
    qid = raw.get("qid")
    if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
        raise fail(f"{slug}: malformed Wikidata QID {qid!r}")
    lists = {key: _strings(raw.get(key), key, fail) for key in _LIST_KEYS}
    iso_names, iso3 = _iso_names(raw.get("iso3"), fail)
    label = raw.get("label") or (iso_names[0] if iso_names else None)
    if not isinstance(label, str) or not label.strip():
        raise fail(f"{slug}: missing label")
    aliases = _unique([*iso_names, *lists["aliases"]], exclude=label)
    aliases = _unique([*aliases, *_ascii_variants([label, *aliases])], exclude=label)
    ambiguous = raw.get("ambiguous", ())
    if ambiguous is True:
        ambiguous = [label]
    ambiguous_forms = _strings(ambiguous or None, "ambiguous", fail)
    return GazEntry(
        slug=slug, label=label, cls=cls, qid=qid, aliases=aliases,
        demonyms=_unique([*lists["demonyms"], *(d for d in _plurals(lists["demonyms"])
                                                if d != label and d not in aliases)]),
        metonyms=_unique(lists["metonyms"]), acronyms=_unique(lists["acronyms"]),
        parties=tuple(lists["parties"]), territory=raw.get("territory"),
        place=raw.get("place"), iso3=iso3, ambiguous=tuple(ambiguous_forms),
        coreferences=_unique(lists["coreferences"]),
    )


def _strings(value: Any, key: str, fail: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{key} must be a list of non-empty strings")
    return list(value)


def _iso_names(code: Any, fail: Any) -> tuple[list[str], str | None]:
    """Common, short and official names of an ISO 3166 country; [] for no code."""
    if code is None:
        return [], None
    country = pycountry.countries.get(alpha_3=str(code))
    if country is None:
        raise fail(f"unknown ISO 3166 alpha-3 code {code!r}")
    names = [getattr(country, "common_name", None), country.name,
             getattr(country, "official_name", None)]
    # "Korea, Republic of" style inverted names never occur in running text.
    return [n for n in dict.fromkeys(names) if n and "," not in n], country.alpha_3


def _ascii_variants(texts: list[str]) -> list[str]:
    """"Türkiye" -> "Turkiye", "Côte d'Ivoire" -> "Cote d'Ivoire": writers drop accents."""
    out = []
    for text in texts:
        decomposed = unicodedata.normalize("NFKD", text)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        if folded != text:
            out.append(unicodedata.normalize("NFC", folded))
    return out


def _plurals(demonyms: list[str]) -> list[str]:
    """"American" -> "Americans", "Pakistani" -> "Pakistanis", "Pole" -> "Poles".

    Not "Japanese", "French", "Swiss": list irregular plurals in the YAML ("Czechs").
    """
    return [d + "s" for d in demonyms if d[-1:] in _PLURAL_ENDINGS and not d.endswith("ese")]


def _unique(texts: list[str], exclude: str | None = None) -> tuple[str, ...]:
    return tuple(t for t in dict.fromkeys(texts) if t != exclude)


def _check_references(entries: dict[str, GazEntry], data: dict[str, Any], path: str) -> None:
    lines = {raw.get("slug"): raw.get(_LINE) for section in SECTIONS
             for raw in (data.get(section) or []) if isinstance(raw, dict)}
    qids: dict[str, str] = {}
    for e in entries.values():
        line = lines.get(e.slug)
        refs = [*e.parties, *(r for r in (e.territory, e.place) if r)]
        for ref in refs:
            if ref not in entries:
                raise ParseError(f"{e.slug}: refers to unknown slug {ref!r}", path, line)
        if e.place and entries[e.place].cls != "Place":
            raise ParseError(f"{e.slug}: place {e.place!r} is not a Place", path, line)
        if e.qid is not None:
            if e.qid in qids:
                raise ParseError(f"{e.slug}: QID {e.qid} already used by {qids[e.qid]}",
                                 path, line)
            qids[e.qid] = e.slug
        forms = {text for text, _ in e.forms()}
        stray = [t for t in e.ambiguous if t not in forms]
        if stray:
            raise ParseError(f"{e.slug}: ambiguous form(s) not among its names: {stray}",
                             path, line)
