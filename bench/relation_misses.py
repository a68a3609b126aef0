"""Why gold relations are missed: each false negative of a dev-material split, by cause.

    .venv/bin/python bench/relation_misses.py [--verbose] [--by-predicate] [fresh heldout unseen dev seeds ...]

Causes (a heuristic over the gold evidence span and the extraction's mentions):
- a: both entities are mentioned in the evidence (by name, or by a coreference the extractor
  made) and no rule fired;
- b: an argument is in the evidence only as a pronoun or a definite description (the gold
  marks it a coreference/description mention, or the evidence holds such a phrase);
- c: an argument is not found as an entity (not in the extraction at all, or its name in the
  evidence was missed);
- d: an argument is not in the evidence at all (multi-sentence reasoning, world knowledge);
- e: anything else.
`--by-predicate` adds a table of the misses of all the named splits by gold predicate and
cause: which predicates a change of the rules, of entity finding or of coreference could reach.
The held-out splits (test, unseen2, unseen3, unseen4) and the validation splits (valid, valid2) are refused: their
errors must not guide a rule.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.extraction_quality import HELD_OUT, split_articles  # noqa: E402
from loaders.extraction.evaluate import (  # noqa: E402
    GoldRelation,
    Resolver,
    _predicted_identities,
    canonical,
    predicted_triples,
)
from loaders.extraction.pipeline import extract_many  # noqa: E402

PRONOUN = re.compile(r"\b(?:it|its|they|their|them|itself|themselves|he|his|she|her|both|either|"
                     r"which|who)\b", re.I)
DESCRIPTION = re.compile(
    r"\b(?:the|both|these|this|that|those)\s+(?:[\w-]+\s+){0,2}?(?:alliance|bloc|group|grouping|"
    r"pact|organi[sz]ation|body|union|partnership|countries|nations|sides|states|parties|allies|"
    r"country|nation|kingdom|state|republic|government|island|members|neighbours|neighbors|"
    r"partners|coalition|treaty|agreement|deal|mission|force|exercise|drills?|summit|meeting|"
    r"forum)\b", re.I)


def causes(split: str, verbose: bool) -> Counter[tuple[str, str]]:
    """The split's missed gold relations counted by (gold predicate, cause)."""
    pairs = split_articles(split)
    counts: Counter[tuple[str, str]] = Counter()
    for (article, gold), ex in zip(pairs, extract_many([a for a, _ in pairs])):
        ids = _predicted_identities(ex, Resolver(gold))
        predicted = predicted_triples(ex, gold, ids)
        groups: dict[tuple[str, str, str], tuple[set[tuple[str, str, str]], bool, GoldRelation]] = {}
        for r in gold.relations:
            def ident(label: str) -> str:
                return gold.entity(label).identity
            main = canonical(ident(r.subject), r.predicate, ident(r.object))
            triples = {main} | {canonical(ident(s), p, ident(o)) for s, p, o in r.alternatives}
            old = groups.get(main)
            if old is not None:
                groups[main] = (old[0] | triples, old[1] and r.optional, old[2])
            else:
                groups[main] = (triples, r.optional, r)
        found = set(ids.values())
        for triples, optional, r in groups.values():
            if optional or triples & predicted:
                continue
            lo, hi = r.start, r.start + len(r.evidence)
            sides = []
            for label in (r.subject, r.object):
                entity = gold.entity(label)
                mine = [m for m in ex.mentions if ids[m.entity] == entity.identity
                        and m.evidence.start < hi and lo < m.evidence.end]
                theirs = [m for m in entity.mentions if m.start < hi and lo < m.end]
                if mine:
                    sides.append("named")
                elif entity.identity not in found:
                    sides.append("not-entity")
                elif theirs and all(m.kind in ("coreference", "description") for m in theirs):
                    sides.append("description")
                elif theirs:
                    sides.append("name-missed")
                elif PRONOUN.search(r.evidence) or DESCRIPTION.search(r.evidence):
                    sides.append("description?")
                else:
                    sides.append("absent")
            cause = ("a" if sides == ["named", "named"] else
                     "c" if {"not-entity", "name-missed"} & set(sides) else
                     "b" if {"description", "description?"} & set(sides) else
                     "d" if "absent" in sides else "e")
            counts[(r.predicate, cause)] += 1
            if verbose:
                print(f"{split} {article.id[:12]} [{cause}] {sides} {r.subject} {r.predicate} "
                      f"{r.object} :: {r.evidence[:160]!r}")
    return counts


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    splits = [a for a in argv if not a.startswith("-")] or ["fresh", "heldout", "unseen"]
    if HELD_OUT & set(splits):
        print("held-out splits are not for error analysis", file=sys.stderr)
        return 2
    table = {s: causes(s, verbose) for s in splits}
    print("split     " + " ".join(f"{k:>4}" for k in "abcde") + "  total")
    for s, c in table.items():
        by_cause = _summed(c, 1)
        print(f"{s:<9} " + " ".join(f"{by_cause[k]:>4}" for k in "abcde") + f"  {sum(c.values()):>5}")
    if "--by-predicate" in argv:
        print(by_predicate(table))
    return 0


def _summed(counts: Counter[tuple[str, str]], index: int) -> Counter[str]:
    """The (predicate, cause) counts summed over the other half of the key."""
    out: Counter[str] = Counter()
    for key, n in counts.items():
        out[key[index]] += n
    return out


def by_predicate(table: dict[str, Counter[tuple[str, str]]]) -> str:
    """The misses of all the splits by gold predicate (rows, most missed first) and cause."""
    pooled: Counter[tuple[str, str]] = Counter()
    for c in table.values():
        pooled.update(c)
    totals = _summed(pooled, 0)
    lines = ["\npredicate           " + " ".join(f"{k:>4}" for k in "abcde") + "  total"]
    for predicate, total in sorted(totals.items(), key=lambda x: (-x[1], x[0])):
        lines.append(f"{predicate:<19} " + " ".join(f"{pooled[(predicate, k)]:>4}" for k in "abcde")
                     + f"  {total:>5}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
