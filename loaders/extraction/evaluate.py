"""Score an extraction against hand-written gold annotations (tests/gold/*.yaml).

The gold files say what a careful analyst reads in each seed article (see tests/gold/README.md);
this module counts how much of it an `Extraction` recovers, per kind: entities (the set of
entity identities per document), mentions (span overlap and same identity), relations (the
set of subject-predicate-object identities) and statements (quote overlap and same speaker).

Identity: an entity is its Wikidata QID when it has one, else its normalized label; the gold
may list aliases. Gold items marked `optional` are neither rewarded nor penalised: a
prediction that matches one is ignored. Everything here is pure except `load_gold*`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from loaders.errors import InputError, ParseError
from loaders.model import Article, Entity, Evidence, Extraction, Statement
from loaders.paths import ROOT

GOLD_DIR = ROOT / "tests" / "gold"
CORPUS_DIR = ROOT / "tests" / "corpus"  # dev/ and test/: text, metadata and gold per article
KINDS = ("entities", "mentions", "relations", "statements")
PREDICATES = frozenset({"memberOf", "hasMember", "partnerOf", "hasPartner", "participatesIn",
                        "hasParticipant", "partyTo", "hasParty", "concernsTerritory", "supports",
                        "opposes", "locatedIn", "holdsOffice", "officeHeldBy"})
INVERSES = {"hasMember": "memberOf", "hasParticipant": "participatesIn", "hasParty": "partyTo",
            "officeHeldBy": "holdsOffice"}
SYMMETRIC = frozenset({"partnerOf"})
CLASSES = frozenset({"Country", "InternationalOrganisation", "Person", "Alliance", "Partnership",
                     "Programme", "Dispute", "Statement", "Event", "Place"})
STANCES = frozenset({"Supportive", "Opposed", "Neutral"})
STATEMENT_KINDS = frozenset({"quotation", "reported", "authorial"})
QID = re.compile(r"^Q[1-9][0-9]*$")
MIN_QUOTE_OVERLAP = 0.5  # share of the gold quote span a predicted quote must cover

Triple = tuple[str, str, str]


# ---------------------------------------------------------------- gold model

@dataclass(frozen=True)
class GoldMention:
    text: str
    start: int
    kind: str = "name"
    optional: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class GoldEntity:
    label: str
    cls: str | None
    qid: str | None
    aliases: tuple[str, ...] = ()
    mentions: tuple[GoldMention, ...] = ()
    optional: bool = False

    @property
    def identity(self) -> str:
        return f"qid:{self.qid}" if self.qid else f"label:{normalize(self.label)}"

    @property
    def keys(self) -> set[str]:
        """Normalized names under which a predicted entity is recognised as this one."""
        return {normalize(n) for n in (self.label, *self.aliases)} - {""}


@dataclass(frozen=True)
class GoldRelation:
    subject: str  # labels of declared entities
    predicate: str
    object: str
    evidence: str
    start: int
    optional: bool = False
    alternatives: tuple[tuple[str, str, str], ...] = ()  # other (s, p, o) saying the same


@dataclass(frozen=True)
class GoldStatement:
    quote: str
    start: int
    speaker: str | None
    about: str | None
    stance: str
    kind: str
    optional: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.quote)


@dataclass(frozen=True)
class Gold:
    """The gold annotations of one article."""

    article_id: str
    sha256: str
    skip: tuple[tuple[int, int], ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    statements: tuple[GoldStatement, ...]
    path: str = ""
    absent: tuple[GoldRelation, ...] = ()  # relations the text negates: predicting one is an error
    # Predicates the annotator did not annotate (the seeds predate holdsOffice): predictions
    # of them are neither right nor wrong.
    not_annotated: frozenset[str] = frozenset()

    def entity(self, label: str) -> GoldEntity:
        for e in self.entities:
            if e.label == label:
                return e
        raise InputError(f"{self.path}: no entity labelled {label!r} is declared")


# ---------------------------------------------------------------- loading

def load_gold(path: str | Path) -> Gold:
    """Read one gold YAML file; a malformed file raises ParseError/InputError naming it."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"{path}: cannot read gold file ({e.strerror})") from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        raise ParseError(str(e.problem), str(path), mark.line + 1 if mark else None,
                         mark.column + 1 if mark else None) from e
    if not isinstance(data, dict):
        raise ParseError("a gold file is a mapping with article, entities, relations, statements",
                         str(path))
    try:
        return _gold_from(data, str(path))
    except (KeyError, TypeError, ValueError) as e:
        raise InputError(f"{path}: malformed gold annotation ({type(e).__name__}: {e})") from e


def load_gold_dir(directory: str | Path = GOLD_DIR) -> dict[str, Gold]:
    """All gold files of a directory, keyed by article id."""
    golds = [load_gold(p) for p in sorted(Path(directory).glob("*.yaml"))]
    return {g.article_id: g for g in golds}


def load_corpus(directory: str | Path) -> list[tuple[Article, Gold]]:
    """The articles of a corpus split (tests/corpus/dev, tests/corpus/test) with their gold.

    A gold file is a YAML mapping with an `article` key and annotations; its text is the
    `{article}.txt` (or `{stem}.txt`) beside it, read byte for byte; the gold's `skip` ranges
    become the article's boilerplate. Metadata files (no annotations) are not gold."""
    directory = Path(directory)
    out = []
    for path in sorted(directory.glob("*.y*ml")):
        data = _yaml(path)
        if not isinstance(data, dict) or "article" not in data or not (
                {"entities", "relations", "statements"} & data.keys()):
            continue
        gold = load_gold(path)
        candidates = [directory / f"{gold.article_id}.txt",
                      directory / f"{path.name.split('.')[0]}.txt"]
        text_path = next((c for c in candidates if c.exists()), None)
        if text_path is None:
            raise InputError(f"{path}: no text file {candidates[0].name} beside it")
        text = text_path.read_bytes().decode("utf-8")
        meta = _yaml(text_path.with_suffix(".meta.yaml")) if text_path.with_suffix(".meta.yaml").exists() else None
        # the title the article would be catalogued with (`loaders.rdf.catalog` passes it too)
        title = meta.get("title") if isinstance(meta, dict) and isinstance(meta.get("title"), str) else None
        out.append((Article(gold.article_id, text, gold.skip, title), gold))
    return out


def _yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        raise ParseError(str(e.problem), str(path), mark.line + 1 if mark else None,
                         mark.column + 1 if mark else None) from e


def _gold_from(data: Mapping[str, Any], path: str) -> Gold:
    entities = tuple(
        GoldEntity(label=str(e["label"]), cls=e.get("class"), qid=e.get("qid"),
                   aliases=tuple(str(a) for a in e.get("aliases") or ()),
                   optional=bool(e.get("optional", False)),
                   mentions=tuple(GoldMention(str(m["text"]), int(m["start"]),
                                              str(m.get("kind", "name")),
                                              bool(m.get("optional", False)))
                                  for m in e.get("mentions") or ()))
        for e in data.get("entities") or ())
    relations = tuple(_relation_from(r) for r in data.get("relations") or ())
    absent = tuple(_relation_from(r) for r in data.get("absent") or ())
    statements = tuple(
        GoldStatement(quote=str(s["quote"]), start=int(s["start"]), speaker=s.get("speaker"),
                      about=s.get("about"), stance=str(s["stance"]), kind=str(s["kind"]),
                      optional=bool(s.get("optional", False)))
        for s in data.get("statements") or ())
    skip = tuple((int(s["start"]), int(s["end"])) for s in data.get("skip") or ())
    return Gold(str(data["article"]), str(data.get("sha256", "")), skip, entities, relations,
                statements, path, absent,
                frozenset(str(p) for p in data.get("not_annotated") or ()))


def _relation_from(r: Mapping[str, Any]) -> GoldRelation:
    """A relation (or an absent one, whose evidence may be left out)."""
    return GoldRelation(subject=str(r["subject"]), predicate=str(r["predicate"]),
                        object=str(r["object"]), evidence=str(r.get("evidence") or ""),
                        start=int(r.get("start") or 0), optional=bool(r.get("optional", False)),
                        alternatives=tuple((str(a["subject"]), str(a["predicate"]),
                                            str(a["object"])) for a in r.get("alternatives") or ()))


def check_gold(gold: Gold, text: str) -> list[str]:
    """Integrity problems of a gold file against its text (empty when sound)."""
    problems: list[str] = []
    where = gold.path or gold.article_id
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if gold.sha256 and gold.sha256 != sha:
        problems.append(f"{where}: sha256 {gold.sha256} is not that of the text ({sha})")
    labels = {e.label for e in gold.entities}
    if len(labels) != len(gold.entities):
        problems.append(f"{where}: two entities share a label")
    owner: dict[str, str] = {}
    for e in gold.entities:
        problems += _check_entity(e, text, gold.skip, where)
        for key in e.keys:
            if owner.setdefault(key, e.label) != e.label:
                problems.append(f"{where}: name {key!r} of {e.label!r} also names {owner[key]!r}")
    for r in gold.relations:
        problems += _check_relation(r, text, labels, where)
    for r in gold.absent:
        problems += _check_relation(r, text, labels, where, absent=True)
    for s in gold.statements:
        problems += _check_span(s.quote, s.start, text, f"{where}: statement")
        problems += [f"{where}: statement {s.quote[:40]!r}: undeclared entity {x!r}"
                     for x in (s.speaker, s.about) if x is not None and x not in labels]
        if s.stance not in STANCES or s.kind not in STATEMENT_KINDS:
            problems.append(f"{where}: statement {s.quote[:40]!r}: bad stance or kind")
    return problems


def _check_entity(e: GoldEntity, text: str, skip: tuple[tuple[int, int], ...],
                  where: str) -> list[str]:
    problems = []
    if e.qid is not None and not QID.match(str(e.qid)):
        problems.append(f"{where}: {e.label}: malformed QID {e.qid!r}")
    if e.cls not in CLASSES and not (e.optional and e.cls is None):
        problems.append(f"{where}: {e.label}: unknown class {e.cls!r}")
    for m in e.mentions:
        problems += _check_span(m.text, m.start, text, f"{where}: mention of {e.label}")
        if _in_skip(m.start, skip):
            problems.append(f"{where}: mention of {e.label} at {m.start} lies in boilerplate")
    return problems


def _check_relation(r: GoldRelation, text: str, labels: set[str], where: str,
                    absent: bool = False) -> list[str]:
    problems = [] if absent and not r.evidence else \
        _check_span(r.evidence, r.start, text, f"{where}: relation evidence")
    for s, p, o in ((r.subject, r.predicate, r.object), *r.alternatives):
        if p not in PREDICATES:
            problems.append(f"{where}: unknown predicate {p!r}")
        problems += [f"{where}: relation {s} {p} {o}: undeclared entity {x!r}"
                     for x in (s, o) if x not in labels]
    return problems


def _check_span(quote: str, start: int, text: str, what: str) -> list[str]:
    if not quote or text[start:start + len(quote)] != quote:
        return [f"{what} {quote[:50]!r} is not the text at {start}"]
    return []


# ---------------------------------------------------------------- identities

def normalize(name: str) -> str:
    """A label reduced for comparison: no case, accents, punctuation or leading 'the'.

    >>> normalize("The U.S.–Japan Alliance")
    'u s japan alliance'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", plain.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Resolver:
    """Maps predicted entities to gold identities (QID first, then label and aliases; with
    `by_mention`, an unnamed one by the gold entity whose mention it shares)."""

    def __init__(self, gold: Gold, by_mention: Mapping[str, GoldEntity] | None = None) -> None:
        self.by_qid = {e.qid: e for e in gold.entities if e.qid}
        self.by_key: dict[str, GoldEntity] = {}
        for e in gold.entities:
            for key in e.keys:
                self.by_key.setdefault(key, e)
        self.optional = {e.identity for e in gold.entities if e.optional}
        self.by_mention = dict(by_mention or {})

    def resolve(self, entity: Entity) -> tuple[str, GoldEntity | None, str]:
        """(identity, gold entity or None, how: qid | label | wrong-qid | unknown)."""
        if entity.qid and entity.qid in self.by_qid:
            return self.by_qid[entity.qid].identity, self.by_qid[entity.qid], "qid"
        for name in (entity.label, *entity.alt_labels):
            found = self.by_key.get(normalize(name))
            if found is None:
                continue
            if found.qid and entity.qid and found.qid != entity.qid:
                return f"qid:{entity.qid}", None, "wrong-qid"
            return found.identity, found, "label"
        if not entity.qid and entity.slug in self.by_mention:
            found = self.by_mention[entity.slug]
            return found.identity, found, "mention"
        own = f"qid:{entity.qid}" if entity.qid else f"label:{normalize(entity.label)}"
        return own, None, "unknown"


def aligned_by_mention(extraction: Extraction, gold: Gold) -> dict[str, GoldEntity]:
    """Predicted entities without a QID, each with the one gold entity without a QID (and of
    the same class, where the gold gives one) that shares a mention with it (the two spans
    overlapping by at least half of each: "Samarkand", a Place, is not the "Samarkand summit"): an unnamed
    thing the extractor coined ("a defense agreement") is the annotator's thing when both
    point at the same words, whatever each called it. Entities the label scorer links are
    left to it (`Resolver.resolve` consults this map last). For `score(..., align_unnamed=True)`,
    a measurement beside the contract figure, never instead of it."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in extraction.mentions:
        spans.setdefault(m.entity, []).append((m.evidence.start, m.evidence.end))
    nil = [(e, [(g.start, g.end) for g in e.mentions]) for e in gold.entities if not e.qid]
    out: dict[str, GoldEntity] = {}
    for e in extraction.entities:
        if e.qid:
            continue
        hits = {g.label: g for g, gold_spans in nil if g.cls in (None, e.cls)
                and any(_mutual(a, b, c, d) for a, b in spans.get(e.slug, ()) for c, d in gold_spans)}
        if len(hits) == 1:
            out[e.slug] = next(iter(hits.values()))
    return out


def _mutual(a: int, b: int, c: int, d: int) -> bool:
    """Whether spans [a, b) and [c, d) overlap by at least half of each."""
    overlap = min(b, d) - max(a, c)
    return overlap > 0 and 2 * overlap >= b - a and 2 * overlap >= d - c


# ---------------------------------------------------------------- scores

@dataclass
class PRF:
    """Counts of one kind, with what was wrong, for reading and for summing."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF, prefix: str = "") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.false_positives += [prefix + x for x in other.false_positives]
        self.false_negatives += [prefix + x for x in other.false_negatives]


@dataclass
class Score:
    """One article's (or the micro-average's) scores per kind, plus secondary accuracies."""

    article_id: str
    kinds: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in KINDS})
    stance_correct: int = 0
    stance_total: int = 0
    about_correct: int = 0
    qid_linked: int = 0  # matched gold entities with a QID whose prediction carries it
    qid_total: int = 0
    evidence_exact: int = 0  # predicted items whose evidence is the text at its offsets
    evidence_total: int = 0
    quotes_found: int = 0  # gold direct quotations (kind quotation) matched with the right speaker
    quotes_total: int = 0
    speaker_errors: list[str] = field(default_factory=list)  # quote found, speaker wrong
    absent_errors: list[str] = field(default_factory=list)  # predicted relations the text negates
    stance_errors: list[str] = field(default_factory=list)
    about_errors: list[str] = field(default_factory=list)  # matched statement, `about` not the gold's
    evidence_errors: list[str] = field(default_factory=list)

    @property
    def stance_accuracy(self) -> float:
        return self.stance_correct / self.stance_total if self.stance_total else 1.0

    @property
    def quote_recall(self) -> float:
        """Direct quotations found with the right speaker, over the gold ones."""
        return self.quotes_found / self.quotes_total if self.quotes_total else 1.0


def score(extraction: Extraction, gold: Gold, text: str | None = None, align_unnamed: bool = False) -> Score:
    """Score one article's extraction against its gold; `text` enables the evidence check;
    `align_unnamed` links unnamed entities by their mentions too (`aligned_by_mention`)."""
    resolver = Resolver(gold, aligned_by_mention(extraction, gold) if align_unnamed else None)
    ids = _predicted_identities(extraction, resolver)
    result = Score(extraction.article_id)
    result.kinds["entities"] = _score_entities(extraction, gold, resolver, ids, result)
    result.kinds["mentions"] = _score_mentions(extraction, gold, ids)
    result.kinds["relations"] = _score_relations(extraction, gold, ids)
    result.absent_errors = _absent_errors(extraction, gold, ids)
    result.kinds["statements"] = _score_statements(extraction, gold, ids, result)
    if text is not None:
        _check_evidence(extraction, text, result)
    return result


def micro(scores: Iterable[Score]) -> Score:
    """The micro-average: counts summed over articles (lists prefixed with the article id)."""
    total = Score("micro")
    for s in scores:
        for kind in KINDS:
            total.kinds[kind].add(s.kinds[kind], prefix=f"{s.article_id[:3]}: ")
        for name in ("stance_correct", "stance_total", "about_correct", "qid_linked",
                     "qid_total", "evidence_exact", "evidence_total", "quotes_found",
                     "quotes_total"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        for name in ("speaker_errors", "stance_errors", "about_errors", "evidence_errors", "absent_errors"):
            getattr(total, name).extend(f"{s.article_id[:3]}: {x}" for x in getattr(s, name))
    return total


def _predicted_identities(extraction: Extraction, resolver: Resolver) -> dict[str, str]:
    """slug -> identity for every entity the extraction names (or only refers to by slug)."""
    ids = {e.slug: resolver.resolve(e)[0] for e in extraction.entities}
    referenced = {m.entity for m in extraction.mentions}
    referenced |= {x for f in extraction.facts for x in (f.subject, f.object)}
    referenced |= {x for s in extraction.statements for x in (s.speaker, s.about)}
    for slug in referenced - ids.keys():
        ids[slug] = resolver.resolve(Entity(slug, slug.replace("-", " "), ""))[0]
    return ids


def _in_skip(start: int, skip: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start < b for a, b in skip)


def _score_entities(extraction: Extraction, gold: Gold, resolver: Resolver,
                    ids: dict[str, str], result: Score) -> PRF:
    ignored = _boilerplate_only(extraction, gold.skip) | _unnamed_authors(extraction, gold)
    predicted: dict[str, str] = {}  # identity -> how it was linked (best first)
    for e in extraction.entities:
        if e.slug in ignored:
            continue
        identity, _, how = resolver.resolve(e)
        if predicted.get(identity) != "qid":
            predicted[identity] = how
    required = {e.identity: e for e in gold.entities if not e.optional}
    prf = PRF()
    for identity, how in sorted(predicted.items()):
        if identity in required:
            prf.tp += 1
            if required[identity].qid:
                result.qid_total += 1
                result.qid_linked += how == "qid"
        elif identity not in resolver.optional:
            prf.fp += 1
            prf.false_positives.append(identity + (" (wrong QID)" if how == "wrong-qid" else ""))
    for identity in sorted(required.keys() - predicted.keys()):
        prf.fn += 1
        prf.false_negatives.append(f"{identity} ({required[identity].label})")
    return prf


def _boilerplate_only(extraction: Extraction, skip: tuple[tuple[int, int], ...]) -> set[str]:
    """Slugs all of whose mentions lie in boilerplate (menus, newsletter lines)."""
    inside: dict[str, bool] = {}
    for m in extraction.mentions:
        inside[m.entity] = inside.get(m.entity, True) and _in_skip(m.evidence.start, skip)
    return {slug for slug, only in inside.items() if only}


def _unnamed_authors(extraction: Extraction, gold: Gold) -> set[str]:
    """The speaker the extractor made up for an author the text does not name (not an entity
    an analyst would annotate, nor a mistake)."""
    if any(s.kind == "authorial" and s.speaker is not None for s in gold.statements):
        return set()
    return {s.speaker for s in extraction.statements if s.kind == "authorial"}


def _score_mentions(extraction: Extraction, gold: Gold, ids: dict[str, str]) -> PRF:
    golds = [(m, e.identity, e.optional or m.optional) for e in gold.entities for m in e.mentions]
    optional_ids = _optional_ids(gold)
    used: set[int] = set()
    prf = PRF()
    for m in sorted(extraction.mentions, key=lambda m: (m.evidence.start, m.evidence.end)):
        ev = m.evidence
        if _in_skip(ev.start, gold.skip):
            continue
        identity = ids[m.entity]
        best, best_overlap = None, 0
        for i, (g, gid, _) in enumerate(golds):
            overlap = min(ev.end, g.end) - max(ev.start, g.start)
            if gid == identity and i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            prf.tp += not golds[best][2]
        elif not any(gid == identity and (opt or i in used)
                     and min(ev.end, g.end) > max(ev.start, g.start)
                     for i, (g, gid, opt) in enumerate(golds)) and identity not in optional_ids:
            # a second piece of an already matched name ("Dokdo/Takeshima") is no new error
            prf.fp += 1
            prf.false_positives.append(f"{ev.quote!r}@{ev.start} -> {identity}")
    for i, (g, gid, opt) in enumerate(golds):
        if i not in used and not opt:
            prf.fn += 1
            prf.false_negatives.append(f"{g.text!r}@{g.start} -> {gid}")
    return prf


def _optional_ids(gold: Gold) -> set[str]:
    return {e.identity for e in gold.entities if e.optional}


def canonical(subject: str, predicate: str, obj: str) -> Triple:
    """Inverse predicates turned round, symmetric ones ordered: one spelling per fact."""
    if predicate in INVERSES:
        subject, predicate, obj = obj, INVERSES[predicate], subject
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return subject, predicate, obj


def _gold_groups(gold: Gold) -> list[tuple[set[Triple], bool, str]]:
    """Each gold relation as (acceptable triples, optional, description); duplicates merged."""
    def ident(label: str) -> str:
        return gold.entity(label).identity
    groups: dict[Triple, tuple[set[Triple], bool, str]] = {}
    for r in gold.relations:
        main = canonical(ident(r.subject), r.predicate, ident(r.object))
        triples = {main} | {canonical(ident(s), p, ident(o)) for s, p, o in r.alternatives}
        old = groups.get(main)
        if old is not None:
            triples |= old[0]
        optional = r.optional and (old is None or old[1])
        groups[main] = (triples, optional, f"{r.subject} {r.predicate} {r.object}")
    return list(groups.values())


def _absent_errors(extraction: Extraction, gold: Gold, ids: dict[str, str]) -> list[str]:
    """Predicted relations that the gold lists as negated by the text (`absent:`)."""
    def ident(label: str) -> str:
        declared = [e for e in gold.entities if e.label == label]
        return declared[0].identity if declared else f"label:{normalize(label)}"
    banned = {canonical(ident(r.subject), r.predicate, ident(r.object)): r for r in gold.absent}
    out = []
    for f in extraction.facts:
        r = banned.get(canonical(ids[f.subject], f.predicate, ids[f.object]))
        if r is not None and not _in_skip(f.evidence.start, gold.skip):
            out.append(f"{r.subject} {r.predicate} {r.object} (negated), from {f.evidence.quote[:60]!r}")
    return sorted(set(out))


def judge_claims(extraction: Extraction, gold: Gold) -> list[tuple[float, bool, str]]:
    """Each predicted fact and statement as (confidence, right, description): a fact is right
    when the gold has it (required or optional), a statement when it matches a gold statement
    (quote and speaker). For calibration: does a confidence of 0.8 mean right 80% of the time?"""
    ids = _predicted_identities(extraction, Resolver(gold))
    accepted: set[Triple] = set()
    for triples, _optional, _ in _gold_groups(gold):
        accepted |= triples
    out = []
    for f in extraction.facts:
        if _in_skip(f.evidence.start, gold.skip) or f.predicate in gold.not_annotated:
            continue
        t = canonical(ids[f.subject], f.predicate, ids[f.object])
        out.append((f.confidence, t in accepted, f"fact {f.rule}: {' '.join(t)}"))
    for p in extraction.statements:
        if _in_skip(p.quote.start, gold.skip):
            continue
        right = any(_matches(p, g, _quote_overlap(p, g)) and
                    (g.speaker is None or ids[p.speaker] == gold.entity(g.speaker).identity)
                    for g in gold.statements)
        out.append((p.confidence, right, f"statement {p.kind}: {p.quote.quote[:50]!r}"))
    return out


def predicted_triples(extraction: Extraction, gold: Gold, ids: dict[str, str]) -> set[Triple]:
    """The canonical triples an extraction states where the gold judges them: not in its
    boilerplate, not of a predicate it was written without."""
    return {canonical(ids[f.subject], f.predicate, ids[f.object]) for f in extraction.facts
            if not _in_skip(f.evidence.start, gold.skip)
            and canonical("", f.predicate, "")[1] not in gold.not_annotated}


def _score_relations(extraction: Extraction, gold: Gold, ids: dict[str, str]) -> PRF:
    return score_triples(predicted_triples(extraction, gold, ids), gold)


def score_triples(predicted: set[Triple], gold: Gold) -> PRF:
    """Canonical predicted triples against the gold relations: a group of alternatives counts
    once, an optional one neither way (also bench/first_seen.py's, for triples of several
    outputs put together)."""
    prf = PRF()
    explained: set[Triple] = set()
    for triples, optional, description in _gold_groups(gold):
        hit = triples & predicted
        explained |= hit
        if optional:
            continue
        if hit:
            prf.tp += 1
        else:
            prf.fn += 1
            prf.false_negatives.append(description)
    for t in sorted(predicted - explained):
        prf.fp += 1
        prf.false_positives.append(" ".join(t))
    return prf


def _score_statements(extraction: Extraction, gold: Gold, ids: dict[str, str],
                      result: Score) -> PRF:
    preds = [s for s in extraction.statements if not _in_skip(s.quote.start, gold.skip)]
    pairs = match_statements(preds, gold, ids)
    used = {best for _, best in pairs if best is not None}
    prf = PRF()
    for g, best in pairs:
        result.quotes_total += g.kind == "quotation"
        if best is None:
            prf.fn += 1
            prf.false_negatives.append(f"{g.kind} {g.speaker}: {g.quote[:70]!r}@{g.start}")
            if any(_matches(p, g, _quote_overlap(p, g)) for p in preds):
                result.speaker_errors.append(f"{g.quote[:50]!r}: expected speaker {g.speaker}")
            continue
        prf.tp += 1
        result.quotes_found += g.kind == "quotation"
        p = preds[best]
        result.stance_total += 1
        result.stance_correct += p.stance == g.stance
        about_right = g.about is not None and ids[p.about] == _identity(gold, g.about)
        result.about_correct += about_right
        if not about_right:
            result.about_errors.append(f"{g.quote[:50]!r}: {ids[p.about]}, gold {g.about}")
        if p.stance != g.stance:
            result.stance_errors.append(f"{g.quote[:50]!r}: {p.stance}, gold {g.stance}")
    optional = [g for g in gold.statements if g.optional]
    for i, p in enumerate(preds):
        if i in used or any(_matches(p, g, _quote_overlap(p, g)) for g in optional):
            continue
        prf.fp += 1
        prf.false_positives.append(f"{p.kind} {ids[p.speaker]}: {p.quote.quote[:70]!r}"
                                   f"@{p.quote.start}")
    return prf


def match_statements(preds: list[Statement], gold: Gold,
                     ids: dict[str, str]) -> list[tuple[GoldStatement, int | None]]:
    """Each required gold statement with the index of the prediction it is matched to, greedily
    in gold order: the same speaker and the largest quote overlap (shared by the stance trainer)."""
    used: set[int] = set()
    pairs: list[tuple[GoldStatement, int | None]] = []
    for g in (g for g in gold.statements if not g.optional):
        speaker = _identity(gold, g.speaker)
        best, best_overlap = None, -1
        for i, p in enumerate(preds):
            if i in used or (speaker is not None and ids[p.speaker] != speaker):
                continue
            overlap = _quote_overlap(p, g)
            if overlap > best_overlap and _matches(p, g, overlap):
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
        pairs.append((g, best))
    return pairs


def _identity(gold: Gold, label: str | None) -> str | None:
    """A gold entity's identity (QID, else normalised label) by its label."""
    return gold.entity(label).identity if label is not None else None


def _quote_overlap(p: Statement, g: GoldStatement) -> int:
    return max(0, min(p.quote.end, g.end) - max(p.quote.start, g.start))


def _matches(p: Statement, g: GoldStatement, overlap: int) -> bool:
    """Authorial statements match by kind (their span is a choice); others by quote overlap."""
    if g.kind == "authorial":
        return p.kind == "authorial"
    return p.kind != "authorial" and overlap >= MIN_QUOTE_OVERLAP * len(g.quote)


def evidence_spans(extraction: Extraction) -> list[Evidence]:
    """Every span of the text an extraction cites: mentions, facts, quotes and attributions."""
    spans = [m.evidence for m in extraction.mentions] + [f.evidence for f in extraction.facts]
    spans += [s.quote for s in extraction.statements]
    spans += [s.attribution for s in extraction.statements if s.attribution is not None]
    return spans


def _check_evidence(extraction: Extraction, text: str, result: Score) -> None:
    for ev in evidence_spans(extraction):
        result.evidence_total += 1
        if text[ev.start:ev.end] == ev.quote and ev.quote:
            result.evidence_exact += 1
        elif len(result.evidence_errors) < 20:
            result.evidence_errors.append(f"{ev.quote[:50]!r}@{ev.start}:{ev.end}")
