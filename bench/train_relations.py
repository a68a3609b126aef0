"""Train and cross-validate the relation classifier (loaders/extraction/learned.py).

    .venv/bin/python bench/train_relations.py cv [--seeds] [--no-path]
    .venv/bin/python bench/train_relations.py train --threshold T [--enable] [--seeds]

`cv`: leave-articles-out cross-validation over the dev and fresh corpus splits (33 articles,
5 folds drawn once with random.Random(10)): per fold and pooled, micro relation P/R of the
rules alone and of the rules plus the classifier at several thresholds, and the reliability of
the classifier's held-out probabilities. `--seeds` adds the five seed articles' gold to every
training fold (never to a scored fold). The test split is never read here.

`train`: fits on all of dev + fresh (+ seeds) and writes loaders/extraction/relation_weights.json
with the threshold and the on/off decision taken from `cv`. Deterministic: plain numpy,
full-batch gradient descent from zero weights, a fixed number of steps, weights rounded.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # extraction_quality, when imported

from extraction_quality import HELD_OUT, SPLITS, split_articles  # noqa: E402

from loaders.extraction import learned  # noqa: E402
from loaders.extraction.context import Context  # noqa: E402
from loaders.extraction.evaluate import (  # noqa: E402
    Gold,
    Resolver,
    _gold_groups,
    _in_skip,
    canonical,
    micro,
    score,
)
from loaders.extraction.pipeline import extract_many  # noqa: E402
from loaders.model import Article, Extraction, Fact  # noqa: E402

FOLDS = 5
SEED = 10
STEPS = 300
L2 = 1.0
RATE = 0.5
PRUNE = 0.05  # smaller weights are left out of the file (CV measures the pruned model)
DEFAULT_TRAIN = ("dev", "fresh")
# dev material only: the held-out splits (test, unseen2, unseen3) are never read here
TRAINABLE = tuple(x for x in SPLITS if x not in HELD_OUT and x != "seeds")
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass
class Item:
    """One article: its rule-only extraction, the context, its candidates and their labels."""

    article: Article
    gold: Gold
    extraction: Extraction
    ctx: Context
    cands: list[learned.Candidate]
    labels: list[int | None]  # 1 gold, 0 not gold, None optional-only or not scored


def collect(splits: list[str], cross: bool = True) -> list[Item]:
    """Extract every article of the splits with the rules and record the candidates."""
    pairs = [p for name in splits for p in split_articles(name)]
    seen: dict[str, tuple[Context, list[learned.Candidate]]] = {}
    original = learned.find_facts

    def record(ctx: Context, rule_facts: list[Fact]) -> list[Fact]:
        seen[ctx.article.id] = (ctx, list(learned.candidates(ctx, cross)))
        return []

    learned.find_facts = record
    try:
        extractions = extract_many([a for a, _ in pairs])
    finally:
        learned.find_facts = original
    items = []
    for (a, g), x in zip(pairs, extractions):
        ctx, cands = seen[a.id]
        items.append(Item(a, g, x, ctx, cands, labels(ctx, cands, g)))
    return items


def labels(ctx: Context, cands: list[learned.Candidate], gold: Gold) -> list[int | None]:
    """1 when the candidate is a required gold relation and one of its mentions lies inside
    that relation's evidence span; None when it is gold elsewhere in the text (this pair of
    mentions may not state it) or optional; 0 otherwise."""
    resolver = Resolver(gold)

    def ident(label: str) -> str:
        return gold.entity(label).identity
    spans: dict[Any, list[tuple[int, int]]] = {}
    optional: set[Any] = set()
    for r in gold.relations:
        triples = {canonical(ident(r.subject), r.predicate, ident(r.object))} | {
            canonical(ident(s), p, ident(o)) for s, p, o in r.alternatives}
        for t in triples:
            if r.optional:
                optional.add(t)
            else:
                spans.setdefault(t, []).append((r.start, r.start + len(r.evidence)))
    out: list[int | None] = []
    for c in cands:
        if _in_skip(c.subject.evidence.start, gold.skip) or c.predicate in gold.not_annotated:
            out.append(None)
            continue
        t = canonical(resolver.resolve(ctx.entities[c.subject.entity])[0], c.predicate,
                      resolver.resolve(ctx.entities[c.object.entity])[0])
        if t in spans:
            inside = any(a <= m.evidence.start < b for a, b in spans[t] for m in (c.subject, c.object))
            out.append(1 if inside else None)
        else:
            out.append(None if t in optional else 0)
    return out


def strip_path(items: list[Item]) -> None:
    for it in items:
        it.cands = [replace(c, features=tuple(f for f in c.features if not any(
            k in f for k in ("|lemma=", "|deps=", "|plen=", "|path=")))) for c in it.cands]


def residual(items: list[Item]) -> None:
    """Leave out of training the candidates whose triple the rules already found."""
    for it in items:
        have = {learned._key(f.subject, f.predicate, f.object) for f in it.extraction.facts}
        it.labels = [None if learned._key(c.subject.entity, c.predicate, c.object.entity) in have
                     else y for c, y in zip(it.cands, it.labels)]


def fit(items: list[Item], steps: int = STEPS, l2: float = L2) -> learned.Model:
    """Logistic regression, L2, full-batch gradient descent: the same data, the same weights."""
    rows: list[tuple[str, ...]] = []
    ys: list[int] = []
    for it in items:
        for c, y in zip(it.cands, it.labels):
            if y is not None:
                rows.append(c.features)
                ys.append(y)
    weights, bias = fit_rows(rows, ys, steps, l2)
    return learned.Model(weights, bias, 0.5, True)


def fit_rows(rows: list[tuple[str, ...]], ys: list[int], steps: int = STEPS,
             l2: float = L2) -> tuple[dict[str, float], float]:
    """The weights (pruned, rounded) and bias of a logistic regression of ys on the feature
    strings of rows (also bench/train_stance.py's, one class against the rest)."""
    vocab = {f: i for i, f in enumerate(sorted({f for r in rows for f in r}))}
    indices = np.array([vocab[f] for r in rows for f in r], dtype=np.int64)
    lengths = np.array([len(r) for r in rows], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    y = np.array(ys, dtype=np.float64)
    w = np.zeros(len(vocab))
    b = 0.0
    g2w = np.zeros(len(vocab))
    g2b = 0.0
    for _ in range(steps):  # Adagrad on the summed log-loss + l2/2 |w|^2
        z = np.add.reduceat(w[indices], starts) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        r = p - y
        grad = np.bincount(indices, weights=np.repeat(r, lengths), minlength=len(vocab)) + l2 * w
        gb = float(r.sum())
        g2w += grad * grad
        g2b += gb * gb
        w -= RATE * grad / (np.sqrt(g2w) + 1e-8)
        b -= RATE * gb / (g2b ** 0.5 + 1e-8)
    names = sorted(vocab)
    weights = {f: round(float(w[vocab[f]]), 2) for f in names if abs(w[vocab[f]]) >= PRUNE}
    return weights, round(b, 4)


def folds(items: list[Item]) -> list[list[str]]:
    ids = sorted(it.article.id for it in items)
    random.Random(SEED).shuffle(ids)
    return [sorted(ids[i::FOLDS]) for i in range(FOLDS)]


def with_facts(x: Extraction, added: list[Fact]) -> Extraction:
    return replace(x, facts=tuple(list(x.facts) + added))


def cv(items: list[Item], seeds: list[Item], steps: int = STEPS, l2: float = L2,
       shown: float = 0.5) -> None:
    by_id = {it.article.id: it for it in items}
    pooled: dict[Any, list[Any]] = {t: [] for t in (None, *THRESHOLDS)}
    reliability: list[tuple[float, bool]] = []
    print(f"{len(items)} articles, {sum(len(it.cands) for it in items)} candidates, "
          f"{sum(1 for it in items for y in it.labels if y == 1)} positive")
    for k, fold in enumerate(folds(items)):
        train = [it for it in items if it.article.id not in fold] + seeds
        model = fit(train, steps, l2)
        scored = [by_id[i] for i in fold]
        rules = micro(score(it.extraction, it.gold, it.article.text) for it in scored)
        pooled[None].append(rules)
        line = f"fold {k} ({', '.join(fold)}): rules P {_pr(rules)}"
        for t in THRESHOLDS:
            scores = []
            for it in scored:
                added = learned.decide(it.ctx, it.cands, list(it.extraction.facts), model, t)
                scores.append(score(with_facts(it.extraction, added), it.gold, it.article.text))
            total = micro(scores)
            pooled[t].append(total)
            if t == shown:
                line += f" | +clf@{t} P {_pr(total)}"
        for it in scored:
            added = learned.decide(it.ctx, it.cands, list(it.extraction.facts), model, 0.0)
            judged = _judge(it, added)
            reliability += judged
        print(line)
    print("\npooled over folds (micro):")
    for t in (None, *THRESHOLDS):
        total = micro(s for s in pooled[t])
        rel = total.kinds["relations"]
        name = "rules alone" if t is None else f"rules + classifier >= {t}"
        print(f"  {name:<28} P {rel.precision:.2f} R {rel.recall:.2f} F1 {rel.f1:.2f} "
              f"(tp {rel.tp}, fp {rel.fp}, fn {rel.fn})")
    print("\nheld-out probability of the classifier's own facts vs right (optional counts right):")
    for lo, hi in ((0.0, 0.3), (0.3, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        inside = [r for p, r in reliability if lo <= p < hi]
        share = f"{sum(inside) / len(inside):.2f}" if inside else "-"
        print(f"  {lo:.1f}-{min(hi, 1.0):.1f}: {len(inside):5d} facts, right {share}")


def _judge(it: Item, added: list[Fact]) -> list[tuple[float, bool]]:
    resolver = Resolver(it.gold)
    accepted: set[Any] = set()
    for triples, _o, _ in _gold_groups(it.gold):
        accepted |= triples
    out = []
    for f in added:  # confidence = the raw probability here (cv sets CONFIDENCE_CAP to 1)
        if _in_skip(f.evidence.start, it.gold.skip):
            continue
        t = canonical(resolver.resolve(it.ctx.entities[f.subject])[0], f.predicate,
                      resolver.resolve(it.ctx.entities[f.object])[0])
        out.append((f.confidence, t in accepted))
    return out


def _pr(s: Any) -> str:
    rel = s.kinds["relations"]
    return f"{rel.precision:.2f} R {rel.recall:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("mode", choices=("cv", "train"))
    parser.add_argument("--seeds", action="store_true", help="train on the seeds' gold too")
    parser.add_argument("--no-path", action="store_true", help="leave out dependency features")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--residual", action="store_true",
                        help="train only on candidates whose triple the rules do not have")
    parser.add_argument("--no-cross", action="store_true", help="no pairs across two sentences")
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--enable", action="store_true", help="turn the classifier on by default")
    parser.add_argument("--out", type=Path, default=learned.WEIGHTS)
    parser.add_argument("--split", action="append", choices=TRAINABLE,
                        help=f"train (and cross-validate) on this split (repeatable; default "
                             f"{' and '.join(DEFAULT_TRAIN)}); never a held-out one")
    args = parser.parse_args(argv)
    splits = args.split or list(DEFAULT_TRAIN)
    items = collect(splits, not args.no_cross)
    seeds = collect(["seeds"], not args.no_cross) if args.seeds else []
    if args.no_path:
        strip_path(items + seeds)
    if args.residual:
        residual(items + seeds)
    if args.mode == "cv":
        learned.CONFIDENCE_CAP = 1.0  # the raw probability, for the reliability table
        cv(items, seeds, args.steps, args.l2, args.threshold)
        return 0
    model = fit(items + seeds, args.steps, args.l2)
    data = {"about": "bench/train_relations.py train" + (" --seeds" if args.seeds else "")
            + "".join(f" --split {x}" for x in (args.split or []))
            + (" --no-path" if args.no_path else "") + (" --residual" if args.residual else "")
            + (" --no-cross" if args.no_cross else "")
            + (f" --steps {args.steps}" if args.steps != STEPS else "")
            + (f" --l2 {args.l2}" if args.l2 != L2 else "") + f" --threshold {args.threshold}"
            + (" --enable" if args.enable else ""),
            "enabled": args.enable, "cross": not args.no_cross, "threshold": args.threshold, "bias": model.bias,
            "weights": model.weights}
    args.out.write_text(json.dumps(data, indent=0, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
