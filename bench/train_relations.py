"""Train and cross-validate the relation classifier (loaders/extraction/learned.py).

    .venv/bin/python bench/train_relations.py cv [--seeds] [--no-path]
    .venv/bin/python bench/train_relations.py train --threshold T [--enable] [--seeds]
    .venv/bin/python bench/train_relations.py curve [--fractions 25,50,75,100] [--draws 3]
        [--repr base|path|vec|shared|path+vec|...] [--hidden H] [cv options]

`cv`: leave-articles-out cross-validation over the chosen dev-material splits (`--split`,
repeatable; default dev and fresh, 33 articles; every split but the held-out ones and valid may
be named), 5 folds drawn once with random.Random(10): per fold and pooled, micro relation P/R of the
rules alone and of the rules plus the classifier at several thresholds, and the reliability of
the classifier's held-out probabilities. `--seeds` adds the five seed articles' gold to every
training fold (never to a scored fold). The held-out splits and valid are never read here.

`train`: fits on all of dev + fresh (+ seeds) and writes loaders/extraction/relation_weights.json
with the threshold and the on/off decision taken from `cv`. Deterministic: plain numpy,
full-batch gradient descent from zero weights, a fixed number of steps, weights rounded.

`curve` (learner16): the same folds; each fold's model is trained on a random fraction of the
fold's training articles (nested draws: random.Random(SEED * 100 + fold * 10 + draw); the
seeds, with `--seeds`, always whole), `--draws` draws per fraction (one at 100%). It prints
one markdown row per fraction: the average precision of the classifier's probabilities over
the held-out residual candidates (those whose triple the rules lack; labels as for training),
the right ones among the top 25/50/100 of them, and the pooled micro relation P/R of rules +
classifier at the best threshold (grid 0.05-0.95) whose pooled precision is >= 0.85 and >= 0.9,
summed over folds and draws; the header line gives the rules alone and the candidates' ceiling
(every candidate whose triple is gold added). `--repr` adds representations the committed
model lacks, for the bench only: `path` the dependency path over a full parse of every
candidate sentence (shape, words, ends, common head); `vec` the tok2vec vectors (`doc.tensor`)
of the two mentions, the words between and the common head, per-predicate linear weights or,
with `--hidden H`, a one-hidden-layer numpy MLP; `shared` a copy of every feature without its
predicate prefix. Unpruned weights, plain numpy, deterministic.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field, replace
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
    docs: dict[int, Any] = field(default_factory=dict)  # `curve`: a full parse by sentence
    dense: Any = None  # `curve --repr vec`: one row of vectors per candidate


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


# --- learning curve and alternative representations (`curve`, learner16) ---------------------

FRACTIONS = (0.25, 0.5, 0.75, 1.0)
GRID = tuple(round(0.05 * i, 2) for i in range(1, 20))
REPRS = ("base", "path", "vec", "shared")  # --repr: base, or a "+"-joined list of the others
WIDTH = 96  # en_core_web_sm's tok2vec


def parse_all(items: list[Item]) -> None:
    """Parse every sentence holding a candidate's mention (tok2vec + parser, as the rules do),
    for the bench representations: the rules parse only the sentences they ask about."""
    from loaders.extraction import nlp
    from loaders.extraction.gazetteer import load_gazetteer

    jobs = sorted({(k, it.ctx.sentence_of(m.evidence.start))
                   for k, it in enumerate(items) for c in it.cands for m in (c.subject, c.object)},
                  key=lambda x: (x[0], -1 if x[1] is None else x[1]))
    jobs = [(k, si) for k, si in jobs if si is not None]
    texts = [items[k].ctx.text[items[k].ctx.sentences[si].start:items[k].ctx.sentences[si].end]
             for k, si in jobs]
    docs = nlp.parse_many(nlp.load_pipeline(load_gazetteer()), texts)
    for (k, si), doc in zip(jobs, docs):
        items[k].docs[si] = doc


def _tokens(it: Item, m: Any) -> tuple[Any, list[Any]]:
    si = it.ctx.sentence_of(m.evidence.start)
    doc = it.docs.get(si) if si is not None else None
    if doc is None:
        return None, []
    base = it.ctx.sentences[si].start
    return doc, [t for t in doc if m.evidence.start - base <= t.idx < m.evidence.end - base]


def full_path(it: Item, c: learned.Candidate) -> list[str]:
    """Features of the dependency path from the subject's head to the object's head over a full
    parse: its shape (dependency labels up, then down), words (the parse has no lemmas: the
    lemmatizer is excluded), the common ancestor, its length."""
    p = c.predicate
    (ds, ts), (do, to) = _tokens(it, c.subject), _tokens(it, c.object)
    if not ts or not to or ds is not do:
        return [f"{p}|fp=none"]
    hs = learned._head(ds, ts[0].idx, ts[-1].idx + 1)
    ho = learned._head(do, to[0].idx, to[-1].idx + 1)
    up_s, up_o = [hs] + list(hs.ancestors), [ho] + list(ho.ancestors)
    ids_o = {t.i for t in up_o}
    common = next((t for t in up_s if t.i in ids_o), None)
    if common is None:
        return [f"{p}|fp=none"]
    left, right = up_s[:up_s.index(common)], up_o[:up_o.index(common)]
    shape = "^".join(t.dep_ for t in left) + "|" + "v".join(t.dep_ for t in reversed(right))
    n = len(left) + len(right)
    out = [f"fp_shape={shape if n <= 4 else 'long'}", f"fp_len={min(n, 6)}",
           f"fp_sdep={hs.dep_}", f"fp_odep={ho.dep_}", f"fp_cdep={common.dep_}"]
    words = {t.lower_ for t in left[1:] + right[1:] if t.is_alpha}
    if common.i not in (hs.i, ho.i) and common.is_alpha:
        words.add(common.lower_)
        out.append(f"fp_common={common.lower_}")
    else:
        out.append("fp_common=end")
    out += [f"fp_w={w}" for w in sorted(words)]
    out += [f"fp_dep={d}" for d in sorted({t.dep_ for t in left[1:] + right[1:]})]
    return [f"{p}|{x}" for x in out]


def vectors(it: Item, c: learned.Candidate) -> np.ndarray:
    """The tok2vec vectors (`doc.tensor`) of the subject, the object, the words between the two
    mentions and the head where their dependency paths meet, each a mean, concatenated."""
    (ds, ts), (do, to) = _tokens(it, c.subject), _tokens(it, c.object)
    out = np.zeros(4 * WIDTH)
    if ts:
        out[:WIDTH] = ds.tensor[[t.i for t in ts]].mean(axis=0)
    if to:
        out[WIDTH:2 * WIDTH] = do.tensor[[t.i for t in to]].mean(axis=0)
    if ts and to and ds is do:
        lo, hi = sorted((ts, to), key=lambda x: x[0].i)
        mid = list(range(lo[-1].i + 1, hi[0].i))
        if mid:
            out[2 * WIDTH:3 * WIDTH] = ds.tensor[mid].mean(axis=0)
        hs = learned._head(ds, ts[0].idx, ts[-1].idx + 1)
        ho = learned._head(do, to[0].idx, to[-1].idx + 1)
        ids_o = {t.i for t in [ho] + list(ho.ancestors)}
        common = next((t for t in [hs] + list(hs.ancestors) if t.i in ids_o), None)
        if common is not None:
            out[3 * WIDTH:] = ds.tensor[common.i]
    return out


def represent(items: list[Item], kind: str) -> None:
    """Add the full-parse path features, the dense vectors and/or ("shared") a copy of every
    feature without its predicate prefix (one weight for all predicates) to every candidate."""
    if "shared" in kind:
        for it in items:
            it.cands = [replace(c, features=c.features + tuple(
                "*" + f.split("|", 1)[1] for f in c.features if "|" in f)) for c in it.cands]
    if "path" not in kind and "vec" not in kind:
        return
    parse_all(items)
    for it in items:
        if "path" in kind:
            it.cands = [replace(c, features=c.features + tuple(full_path(it, c)) + tuple(
                "*" + f.split("|", 1)[1] for f in full_path(it, c) if "shared" in kind))
                for c in it.cands]
        if "vec" in kind:
            it.dense = np.array([vectors(it, c) for c in it.cands]).reshape(len(it.cands), 4 * WIDTH)


class Joint:
    """Logistic regression over the feature strings plus, for the dense vectors, either one
    linear weight vector per predicate (hidden = 0) or a one-hidden-layer ReLU network (a
    small MLP, input: the vectors and the predicate). Full-batch Adagrad from a fixed seed."""

    def __init__(self, hidden: int, steps: int, l2: float) -> None:
        self.hidden, self.steps, self.l2 = hidden, steps, l2

    def _dense(self, dense: np.ndarray | None, preds: list[str]) -> np.ndarray | None:
        if dense is None:
            return None
        x = (dense - self.mean) / self.std
        if self.hidden:
            onehot = np.zeros((len(preds), len(learned.PREDICATES)))
            onehot[np.arange(len(preds)), [learned.PREDICATES.index(p) for p in preds]] = 1.0
            x = np.hstack([x, onehot])
        return x

    def fit(self, rows: list[tuple[str, ...]], dense: np.ndarray | None, preds: list[str],
            ys: list[int]) -> Joint:
        self.vocab = {f: i for i, f in enumerate(sorted({f for r in rows for f in r}))}
        idx = np.array([self.vocab[f] for r in rows for f in r], dtype=np.int64)
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        y = np.array(ys, dtype=np.float64)
        pidx = np.array([learned.PREDICATES.index(p) for p in preds])
        if dense is not None:
            self.mean, self.std = dense.mean(axis=0), dense.std(axis=0) + 1e-6
        x = self._dense(dense, preds)
        rng = np.random.default_rng(SEED)
        params: dict[str, Any] = {"w": np.zeros(len(self.vocab)), "b": np.zeros(1)}
        if x is not None and self.hidden:
            params["A"] = rng.normal(0, (2.0 / x.shape[1]) ** 0.5, (x.shape[1], self.hidden))
            params["a"] = np.zeros(self.hidden)
            params["v"] = rng.normal(0, (1.0 / self.hidden) ** 0.5, self.hidden)
        elif x is not None:
            params["W"] = np.zeros((len(learned.PREDICATES), x.shape[1]))
        g2 = {k: np.zeros_like(v) for k, v in params.items()}
        for _ in range(self.steps):
            w = params["w"]
            z = (np.add.reduceat(w[idx], starts) if len(idx) else np.zeros(len(y))) + params["b"][0]
            h = None
            if x is not None and self.hidden:
                pre = x @ params["A"] + params["a"]
                h = np.maximum(pre, 0.0)
                z = z + h @ params["v"]
            elif x is not None:
                z = z + np.einsum("ij,ij->i", x, params["W"][pidx])
            r = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))) - y
            grads: dict[str, Any] = {
                "w": np.bincount(idx, weights=np.repeat(r, lengths), minlength=len(w)) + self.l2 * w,
                "b": np.array([r.sum()])}
            if x is not None and h is not None:
                grads["v"] = h.T @ r + self.l2 * params["v"]
                back = np.outer(r, params["v"]) * (pre > 0)
                grads["A"] = x.T @ back + self.l2 * params["A"]
                grads["a"] = back.sum(axis=0)
            elif x is not None:
                gw = np.zeros_like(params["W"])
                for k in range(len(gw)):
                    gw[k] = r[pidx == k] @ x[pidx == k]
                grads["W"] = gw + self.l2 * params["W"]
            for k, g in grads.items():
                g2[k] += g * g
                params[k] -= RATE * g / (np.sqrt(g2[k]) + 1e-8)
        self.params = params
        return self

    def predict(self, rows: list[tuple[str, ...]], dense: np.ndarray | None,
                preds: list[str]) -> np.ndarray:
        w = self.params["w"]
        z = np.array([sum(w[self.vocab[f]] for f in r if f in self.vocab) for r in rows]) \
            + self.params["b"][0]
        x = self._dense(dense, preds)
        if x is not None and self.hidden:
            z = z + np.maximum(x @ self.params["A"] + self.params["a"], 0.0) @ self.params["v"]
        elif x is not None:
            pidx = [learned.PREDICATES.index(p) for p in preds]
            z = z + np.einsum("ij,ij->i", x, self.params["W"][pidx])
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _rows(items: list[Item], train: bool) -> tuple[list[tuple[str, ...]], np.ndarray | None,
                                                    list[str], list[int | None]]:
    rows, dense, preds, ys = [], [], [], []
    for it in items:
        for i, (c, y) in enumerate(zip(it.cands, it.labels)):
            if train and y is None:
                continue
            rows.append(c.features)
            preds.append(c.predicate)
            ys.append(y)
            if it.dense is not None:
                dense.append(it.dense[i])
    return rows, (np.array(dense) if dense else None), preds, ys


@dataclass(frozen=True)
class _Table(learned.Model):
    """A model whose probabilities were computed beforehand, looked up by a candidate key."""

    table: dict[tuple[str, ...], float] = field(default_factory=dict)

    def probability(self, features: tuple[str, ...]) -> float:
        return self.table[features]


def _keyed(it: Item, probs: np.ndarray) -> tuple[list[learned.Candidate], _Table]:
    cands = [replace(c, features=(f"#{i}",)) for i, c in enumerate(it.cands)]
    return cands, _Table({}, 0.0, 0.5, True, table={(f"#{i}",): float(p) for i, p in enumerate(probs)})


def average_precision(scored: list[tuple[float, int]]) -> float:
    """Average precision of a ranking by probability (ties broken by order, stable)."""
    ranked = sorted(scored, key=lambda x: -x[0])
    hits, total = 0, 0.0
    for k, (_, y) in enumerate(ranked, 1):
        if y:
            hits += 1
            total += hits / k
    return total / hits if hits else 0.0


def _accepted(it: Item) -> tuple[Resolver, set[Any]]:
    accepted: set[Any] = set()
    for triples, _o, _ in _gold_groups(it.gold):
        accepted |= triples
    return Resolver(it.gold), accepted


def curve(items: list[Item], seeds: list[Item], fractions: list[float], draws: int,
          hidden: int, steps: int, l2: float, name: str) -> None:
    """Per fold, train on nested random fractions of the fold's training articles (the seeds
    always whole), `draws` draws each (one at 100%); pool the held-out scores of every fold and
    draw; print AP and the best thresholds at P >= 0.85 and 0.9."""
    by_id = {it.article.id: it for it in items}
    parts = folds(items)
    eval_labels = {}  # the residual candidates' labels, whatever the training labels
    for it in items:
        have = {learned._key(f.subject, f.predicate, f.object) for f in it.extraction.facts}
        eval_labels[it.article.id] = [
            None if learned._key(c.subject.entity, c.predicate, c.object.entity) in have else y
            for c, y in zip(it.cands, it.labels)]
    rules = micro(score(it.extraction, it.gold, it.article.text) for it in items).kinds["relations"]
    # the ceiling of the candidates: every candidate whose triple is gold added (an oracle)
    ceiling = []
    for it in items:
        resolver, accepted = _accepted(it)
        table = [float(canonical(resolver.resolve(it.ctx.entities[c.subject.entity])[0], c.predicate,
                                 resolver.resolve(it.ctx.entities[c.object.entity])[0]) in accepted)
                 for c in it.cands]
        cands, model = _keyed(it, np.array(table))
        added = learned.decide(it.ctx, cands, list(it.extraction.facts), model, 0.5)
        ceiling.append(score(with_facts(it.extraction, added), it.gold, it.article.text))
    top = micro(ceiling).kinds["relations"]
    print(f"{name}: {len(items)} articles, {sum(len(it.cands) for it in items)} candidates; "
          f"rules alone P {rules.precision:.3f} R {rules.recall:.3f} (tp {rules.tp}, fp {rules.fp}, "
          f"fn {rules.fn}); candidate ceiling (every gold-triple candidate added) "
          f"P {top.precision:.3f} R {top.recall:.3f}")
    print("| configuration | fraction | train articles | AP | right in top 25 / 50 / 100 | "
          "best P>=0.85: t, P, R | best P>=0.9: t, P, R | R spread over draws at best P>=0.9 t |")
    print("|---|---:|---:|---:|---|---|---|---|")
    for frac in fractions:
        counts = {t: [0, 0, 0] for t in GRID}
        per_draw: list[dict[float, tuple[int, int, int]]] = []
        ranked_draws: list[list[tuple[float, int]]] = []
        sizes = []
        for d in range(draws if frac < 1.0 else 1):
            draw = {t: [0, 0, 0] for t in GRID}
            ranked: list[tuple[float, int]] = []
            ranked_draws.append(ranked)
            for k, fold in enumerate(parts):
                pool = sorted(it.article.id for it in items if it.article.id not in fold)
                random.Random(SEED * 100 + k * 10 + d).shuffle(pool)
                chosen = pool[:max(1, round(frac * len(pool)))]
                sizes.append(len(chosen))
                train = [by_id[i] for i in sorted(chosen)] + seeds
                rows, dense, preds, ys = _rows(train, True)
                model = Joint(hidden, steps, l2).fit(rows, dense, preds, [int(y or 0) for y in ys])
                for i in fold:
                    it = by_id[i]
                    r, x, pr, _ = _rows([it], False)
                    probs = model.predict(r, x, pr) if r else np.zeros(0)
                    ranked += [(float(p), int(y)) for p, y in zip(probs, eval_labels[i]) if y is not None]
                    cands, table = _keyed(it, probs)
                    for t in GRID:
                        added = learned.decide(it.ctx, cands, list(it.extraction.facts), table, t)
                        rel = score(with_facts(it.extraction, added), it.gold,
                                    it.article.text).kinds["relations"]
                        for c3, v in ((counts[t], rel), (draw[t], rel)):
                            c3[0] += v.tp
                            c3[1] += v.fp
                            c3[2] += v.fn
            per_draw.append({t: (a, b, c) for t, (a, b, c) in draw.items()})

        def best(floor: float, table: dict[float, Any]) -> tuple[float, float, float] | None:
            ok = [(tp / (tp + fn), -t, tp / (tp + fp)) for t, (tp, fp, fn) in table.items()
                  if tp + fp and tp / (tp + fp) >= floor]
            if not ok:
                return None
            r, t, p = max(ok)
            return -t, p, r

        cells = []
        for floor in (0.85, 0.9):
            b = best(floor, counts)
            cells.append("none" if b is None else f"{b[0]:.2f}, {b[1]:.3f}, {b[2]:.3f}")
        b9 = best(0.9, counts)
        spread = "-"
        if b9 is not None and len(per_draw) > 1:
            rs = [v[b9[0]][0] / (v[b9[0]][0] + v[b9[0]][2]) for v in per_draw]
            spread = f"{min(rs):.3f}–{max(rs):.3f}"
        n = len(ranked_draws)  # AP and top-k: per draw, then the mean over draws
        ap = sum(average_precision(r) for r in ranked_draws) / n
        tops = " / ".join(f"{sum(sum(y for _, y in sorted(r, key=lambda x: -x[0])[:k]) for r in ranked_draws) / n:.1f}"
                          for k in (25, 50, 100))
        print(f"| {name} | {frac:.2f} | {sum(sizes) / len(sizes):.1f} | "
              f"{ap:.3f} | {tops} | {cells[0]} | {cells[1]} | {spread} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("mode", choices=("cv", "train", "curve"))
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
    parser.add_argument("--fractions", default=",".join(str(int(f * 100)) for f in FRACTIONS),
                        help="curve: percentages of each fold's training articles")
    parser.add_argument("--draws", type=int, default=3, help="curve: random draws per fraction")
    parser.add_argument("--repr", default="base",
                        help="curve: base, or a '+'-joined list of: path (full-parse path "
                             "features), vec (tok2vec vectors), shared (unprefixed features)")
    parser.add_argument("--hidden", type=int, default=0,
                        help="curve: hidden units of an MLP over the vectors (0: linear)")
    args = parser.parse_args(argv)
    if not set(args.repr.split("+")) <= set(REPRS):
        parser.error(f"--repr: base or a '+'-joined list of {', '.join(REPRS[1:])}")
    splits = args.split or list(DEFAULT_TRAIN)
    items = collect(splits, not args.no_cross)
    seeds = collect(["seeds"], not args.no_cross) if args.seeds else []
    if args.no_path:
        strip_path(items + seeds)
    if args.residual:
        residual(items + seeds)
    if args.mode == "curve":
        represent(items + seeds, args.repr)
        name = args.repr + (f" mlp{args.hidden}" if args.hidden else "") + \
            (" residual" if args.residual else "")
        curve(items, seeds, [int(x) / 100 for x in args.fractions.split(",")], args.draws,
              args.hidden, args.steps, args.l2, name)
        return 0
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
