"""Agreement between two annotators: one gold annotation read as if it were an extraction.

The extractor's goals (relation recall 0.6, quotes 0.8, stance 0.75) only mean something beside
what a second careful person reading the same text would reach against the first one's gold.
Turning the second annotation into an `Extraction` lets the very scorer that judges the
extractor (`evaluate.score`) judge the annotator, with the same identities, inverses, optional
items, quote overlap and `absent:` lists, so the two figures are comparable. Pure functions.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from loaders.extraction.evaluate import (
    PRF,
    Gold,
    GoldEntity,
    GoldRelation,
    Resolver,
    Triple,
    _gold_groups,
    _predicted_identities,
    canonical,
    predicted_triples,
)
from loaders.model import Entity, Evidence, Extraction, Fact, Mention, Statement, slugify

NOBODY = "unnamed-speaker"  # the speaker of an authorial statement whose author is not named
NOTHING = "unnamed-topic"  # the `about` a statement without one points at


def gold_as_extraction(gold: Gold, text: str, include_optional: bool = False) -> Extraction:
    """The annotation as the extraction an annotator would have produced: every entity (for
    identities; `entities_only` for linking), its required mentions, relations and statements,
    and with `include_optional` its optional ones too (an annotator who states what they only
    half believe)."""
    def keep(optional: bool) -> bool:
        return include_optional or not optional

    def evidence(start: int, quote: str) -> Evidence:
        return Evidence(gold.article_id, start, start + len(quote), text[start:start + len(quote)])

    slugs = {e.label: slugify(e.label) for e in gold.entities}
    # every entity, optional ones too: a required relation may name one, and its QID and aliases
    # make its identity (`entities_only` gives what the linking figure should count)
    entities = tuple(_entity(e, slugs[e.label]) for e in gold.entities)
    mentions = tuple(Mention(slugs[e.label], evidence(m.start, m.text), m.kind)
                     for e in gold.entities if keep(e.optional)
                     for m in e.mentions if keep(m.optional))
    facts = tuple(Fact(slugs[r.subject], r.predicate, slugs[r.object], evidence(r.start, r.evidence),
                       1.0, "annotator")
                  for r in gold.relations if keep(r.optional))
    statements = tuple(
        Statement(f"{gold.article_id}-s{i}", slugs[s.speaker] if s.speaker else NOBODY,
                  evidence(s.start, s.quote), slugs[s.about] if s.about else NOTHING, s.stance, 1.0,
                  kind=s.kind)
        for i, s in enumerate(gold.statements) if keep(s.optional))
    return Extraction(gold.article_id, entities, mentions, facts, statements)


def turn_partnerships(gold: Gold) -> Gold:
    """The gold with every `hasPartner` written party → partnership (the subject no Partnership,
    the object one) turned round to the contract's partnership → party. A slip of direction,
    not of reading: one of the examples the second annotators were given wrote it so (five
    optional first-gold relations did, turned round since); agreement is about what was read."""
    classes = {e.label: e.cls for e in gold.entities}

    def turn(s: str, p: str, o: str) -> tuple[str, str, str]:
        if p == "hasPartner" and classes.get(o) == "Partnership" and classes.get(s) != "Partnership":
            return o, p, s
        return s, p, o

    def relation(r: GoldRelation) -> GoldRelation:
        s, p, o = turn(r.subject, r.predicate, r.object)
        return dataclasses.replace(r, subject=s, predicate=p, object=o,
                                   alternatives=tuple(turn(*a) for a in r.alternatives))

    return dataclasses.replace(gold, relations=tuple(relation(r) for r in gold.relations),
                               absent=tuple(relation(r) for r in gold.absent))


def relation_agreement(first: Gold, second: Gold, text: str, include_optional: bool = False) -> PRF:
    """The second annotator's relations against the first's, each relation with the other
    spellings it accepts: a first relation is found when one of the second's (required, or with
    `include_optional` any) shares an accepted spelling with it; a second relation is wrong when
    it shares none with any of the first's, optional ones included. Reading the second as an
    extraction would give each of its relations one spelling only, and so count "the Quad has
    partner Japan (or Japan is a member)" wrong against "Japan is a member of the Quad"."""
    stated = [t for t, optional in _spellings(second, first, text) if include_optional or not optional]
    prf = PRF()
    for triples, optional, description, found in _found(first, stated):
        if optional:
            continue
        prf.tp += found
        prf.fn += not found
        if not found:
            prf.false_negatives.append(description)
    accepted = _accepted(first)
    for t in dict.fromkeys(frozenset(t) for t in stated):
        if not t & accepted:
            prf.fp += 1
            prf.false_positives.append(" / ".join(" ".join(x) for x in sorted(t)))
    return prf


def unshared(first: Gold, second: Gold, text: str) -> set[Triple]:
    """The spellings of the first's required relations that the second annotator does not state
    in any spelling, even as optional (what only the first reads)."""
    stated = [t for t, _ in _spellings(second, first, text)]
    return {x for triples, optional, _, found in _found(first, stated) if not optional and not found
            for x in triples}


def stated_by_neither(extraction: Extraction, first: Gold, second: Gold, text: str) -> list[str]:
    """The extraction's facts that neither annotator states, in any spelling, even as optional:
    a fact only the first gold lacks may be the first reader's omission, not the extractor's
    error (the precision counterpart of the second reader's recall)."""
    accepted = _accepted(first).union(*(t for t, _ in _spellings(second, first, text)))
    predicted = predicted_triples(extraction, first, _predicted_identities(extraction, Resolver(first)))
    return [" ".join(t) for t in sorted(predicted - accepted)]


def _spellings(gold: Gold, reference: Gold, text: str) -> list[tuple[set[Triple], bool]]:
    """Each relation of `gold` as the set of its accepted spellings in `reference`'s identities,
    with whether it is optional."""
    ids = _predicted_identities(gold_as_extraction(gold, text, True), Resolver(reference))
    return [({canonical(ids[slugify(s)], p, ids[slugify(o)])
              for s, p, o in ((r.subject, r.predicate, r.object), *r.alternatives)}, r.optional)
            for r in gold.relations]


def _found(gold: Gold, stated: list[set[Triple]]) -> list[tuple[set[Triple], bool, str, bool]]:
    """The gold's relation groups (spellings, optional, description), each with whether one of
    `stated` shares a spelling with it."""
    return [(triples, optional, description, any(triples & t for t in stated))
            for triples, optional, description in _gold_groups(gold)]


def _accepted(gold: Gold) -> set[Triple]:
    """Every spelling the gold accepts, optional relations' too."""
    return set().union(*(triples for triples, _, _ in _gold_groups(gold)))


def entities_only(extraction: Extraction, gold: Gold, include_optional: bool = False) -> Extraction:
    """The extraction's entities and mentions alone, without the gold's optional entities unless
    asked: for the linking figure, where an entity the annotator marked optional is no claim."""
    optional = {slugify(e.label) for e in gold.entities if e.optional and not include_optional}
    return Extraction(extraction.article_id, tuple(e for e in extraction.entities if e.slug not in optional),
                      tuple(m for m in extraction.mentions if m.entity not in optional))


def _entity(e: GoldEntity, entity_slug: str) -> Entity:
    return Entity(entity_slug, e.label, e.cls or "Thing", e.qid, e.aliases)


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> float:
    """Cohen's kappa of two raters' labels on the same items: agreement beyond chance (1 is
    full agreement, 0 what two raters drawing from their own label shares would reach).

    >>> round(cohen_kappa([("a", "a"), ("b", "b"), ("a", "b"), ("b", "b")]), 3)
    0.5
    """
    pairs = list(pairs)
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)
