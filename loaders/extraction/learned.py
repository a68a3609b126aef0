"""A small trained relation classifier beside the rules: pairs of mentions in one sentence,
each contract predicate the ontology allows between their classes, scored by a logistic
regression over surface and (where the rules already parsed the sentence) dependency
features. It only adds facts the rules do not have; a negated or modal candidate is
dropped, never asserted.

The weights are a small JSON file (`relation_weights.json`, written by
`bench/train_relations.py` from the gold of the dev and fresh corpus splits). It carries
`enabled`: the decision, taken by article-level cross-validation, whether the classifier adds
facts at run time. Features are strings; a feature the weights do not know weighs nothing.

Status (2026-12-05): off. Cross-validation over dev + fresh found no threshold that adds
recall while keeping precision at 0.85 (figures in bench/README.md); on the test split, scored
once after that decision, it added 15 facts: no new right triple, 13 new wrong ones. When on, it costs about a quarter of
the extraction CPU time (a clause and all cue regexes per pair); when off, nothing.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.extraction import polarity as polarity_mod
from loaders.extraction import relations
from loaders.extraction.context import Context
from loaders.extraction.sentences import Span, clause_around
from loaders.model import Fact, Mention

WEIGHTS = Path(__file__).with_name("relation_weights.json")
MAX_GAP = 160  # characters between the two mentions of a candidate
CONFIDENCE_CAP = 0.75  # a classifier fact never reaches the >= 0.8 band (bench/calibration.py)
PREDICATES = ("memberOf", "partnerOf", "participatesIn", "supports", "opposes", "locatedIn",
              "hasPartner", "partyTo", "holdsOffice")
DOMAINS = {**relations.DOMAINS, "holdsOffice": (frozenset({"Person"}), relations.ORGS | {"Country"})}
# Benchmarks only (bench/extraction_quality.py --learned): run the model even when its file
# says it is off, to measure it. Extraction itself never sets this.
FORCE = False
SYMMETRIC = frozenset({"partnerOf"})
_WORD = re.compile(r"[A-Za-z][a-z’'-]*|[A-Z]+")


@dataclass(frozen=True)
class Candidate:
    """One (subject mention, predicate, object mention) in one sentence, with its features."""

    subject: Mention
    predicate: str
    object: Mention
    sentence: int  # the sentence of the later mention
    features: tuple[str, ...]
    cross: bool = False  # the earlier mention is in the sentence before


@dataclass(frozen=True)
class Model:
    """Weights by feature string, the bias, the decision threshold and whether it is on."""

    weights: dict[str, float]
    bias: float
    threshold: float
    enabled: bool
    cross: bool = True  # candidates across two adjacent sentences too

    def probability(self, features: tuple[str, ...]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(path: Path | None = None) -> Model | None:
    """The committed model (or the one at `path`), or None when there is no weights file."""
    return _load(path or WEIGHTS)


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> Model | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                 float(data["threshold"]), bool(data["enabled"]), bool(data.get("cross", True)))


def find_facts(ctx: Context, rule_facts: list[Fact]) -> list[Fact]:
    """Facts the classifier finds and the rules do not have (none unless the model is on)."""
    model = load_model()
    if model is None or not (model.enabled or FORCE):
        return []
    return decide(ctx, list(candidates(ctx, model.cross)), rule_facts, model)


def decide(ctx: Context, cands: list[Candidate], rule_facts: list[Fact], model: Model,
           threshold: float | None = None) -> list[Fact]:
    """The most probable candidate of each triple the rules lack, above the threshold."""
    have = {_key(f.subject, f.predicate, f.object) for f in rule_facts}
    best: dict[tuple[str, str, str], tuple[float, Candidate]] = {}
    for c in cands:
        key = _key(c.subject.entity, c.predicate, c.object.entity)
        if key in have:
            continue
        p = model.probability(c.features)
        if key not in best or p > best[key][0]:
            best[key] = (p, c)
    cut = model.threshold if threshold is None else threshold
    out = []
    for p, c in best.values():
        if p < cut:
            continue
        sentence = ctx.sentences[c.sentence]
        if c.cross:
            sentence = Span(ctx.sentences[c.sentence - 1].start, sentence.end)
        lo = min(c.subject.evidence.start, c.object.evidence.start)
        hi = max(c.subject.evidence.end, c.object.evidence.end)
        span = clause_around(ctx.text, sentence, lo, hi)
        out.append(Fact(c.subject.entity, c.predicate, c.object.entity,
                        ctx.evidence(span.start, span.end), round(min(p, CONFIDENCE_CAP), 2),
                        "learned"))
    return out


def _key(s: str, p: str, o: str) -> tuple[str, str, str]:
    if p in SYMMETRIC and o < s:
        s, o = o, s
    return s, p, o


def candidates(ctx: Context, cross: bool = True) -> Iterator[Candidate]:
    """Every allowed (subject, predicate, object) between two mentions of one sentence (or of
    two adjacent ones) at most MAX_GAP characters apart, unless a negation or modal word
    stands in their clause before the second mention (stricter than the rules' scope: the
    classifier adds facts, so a doubtful one is left out)."""
    previous: list[Mention] = []
    for si, sentence in enumerate(ctx.sentences):
        mentions = relations._top_level(ctx.sentence_mentions(si))
        pairs = [(a, b, False) for i, a in enumerate(mentions) for b in mentions[i + 1:]]
        if cross and si > 0 and ctx.sentences[si - 1].end + 3 >= sentence.start:
            pairs += [(a, b, True) for a in previous for b in mentions]
        previous = mentions
        lo_bound = ctx.sentences[si - 1].start if si > 0 else sentence.start
        for a, b, two in pairs:
            if b.evidence.start - a.evidence.end > MAX_GAP or a.entity == b.entity \
                    or b.evidence.start < a.evidence.end:
                continue
            between = ctx.text[a.evidence.end:b.evidence.start]
            before = ctx.text[max(lo_bound, a.evidence.start - 12):a.evidence.start]
            # the clause up to the second mention: "A and B never formed C with D" denies D too
            clause = clause_around(ctx.text, Span(lo_bound if two else sentence.start,
                                                  sentence.end), a.evidence.start, b.evidence.end)
            if polarity_mod.polarity(ctx.text[clause.start:b.evidence.start], before) \
                    != polarity_mod.ASSERTED:
                continue
            shared: list[str] | None = None
            for s, o, forward in ((a, b, True), (b, a, False)):
                for p in PREDICATES:
                    if p in SYMMETRIC and not forward:
                        continue
                    dom, rng = DOMAINS[p]
                    if ctx.cls(s.entity) not in dom or ctx.cls(o.entity) not in rng:
                        continue
                    if shared is None:
                        shared = _shared(ctx, si, a, b, between) + (["cross"] if two else [])
                    own = [f"{p}|{x}" for x in shared] + [
                        p, f"{p}|dir={forward}",
                        f"{p}|types={ctx.cls(s.entity)}>{ctx.cls(o.entity)}"]
                    yield Candidate(s, p, o, si, tuple(own), two)


def _shared(ctx: Context, si: int, a: Mention, b: Mention, between: str) -> list[str]:
    """Features of the pair whatever the predicate: words between, cue hits, distance,
    mentions in between, the word before and after, the dependency path where parsed."""
    words = [w.lower() for w in _WORD.findall(between)]
    out = [f"w={w}" for w in sorted(set(words[:12]))]
    n = len(words)
    out.append("dist=" + ("0" if n == 0 else "1-2" if n <= 2 else "3-5" if n <= 5
                          else "6-10" if n <= 10 else "11+"))
    inside = sum(1 for m in ctx.between(a.evidence.end, b.evidence.start))
    out.append("inside=" + ("0" if inside == 0 else "1" if inside == 1 else "2+"))
    if re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?", between):
        out.append("listed")
    for rule in relations.RULES:
        if rule.cue.search(between):
            out.append(f"cue={rule.predicate}")
    after = _WORD.findall(ctx.text[b.evidence.end:b.evidence.end + 30])
    before = _WORD.findall(ctx.text[max(0, a.evidence.start - 30):a.evidence.start])
    if after:
        out.append(f"after={after[0].lower()}")
    if before:
        out.append(f"before={before[-1].lower()}")
    if ctx.sentence_of(a.evidence.start) == si:
        out.extend(_path(ctx, si, a, b))
    return out


def _path(ctx: Context, si: int, a: Mention, b: Mention) -> list[str]:
    """Lemmas on the shortest dependency path between the two mentions' heads, only when the
    rules have parsed the sentence already (parsing every sentence would cost too much)."""
    doc: Any = ctx.parses.get(si)
    if doc is None:
        return []
    base = ctx.sentences[si].start
    ha, hb = _head(doc, a.evidence.start - base, a.evidence.end - base), \
        _head(doc, b.evidence.start - base, b.evidence.end - base)
    if ha is None or hb is None:
        return []
    up_a = [ha] + list(ha.ancestors)
    up_b = [hb] + list(hb.ancestors)
    ids_b = {t.i for t in up_b}
    common = next((t for t in up_a if t.i in ids_b), None)
    if common is None:
        return ["path=none"]
    left = up_a[1:up_a.index(common)]  # between each head and the common ancestor
    right = up_b[1:up_b.index(common)]
    lemmas = {t.lemma_.lower() for t in left + right if t.is_alpha}
    if common.i not in (ha.i, hb.i) and common.is_alpha:
        lemmas.add(common.lemma_.lower())
    out = [f"lemma={x}" for x in sorted(lemmas)]
    out.append(f"deps={ha.dep_}>{hb.dep_}")
    out.append("plen=" + str(min(len(left) + len(right) + 1, 5)))
    return out


def _head(doc: Any, start: int, end: int) -> Any:
    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[-1]
