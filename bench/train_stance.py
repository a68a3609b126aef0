"""Train and cross-validate the stance classifier (loaders/extraction/stance_learned.py).

    .venv/bin/python bench/train_stance.py data
    .venv/bin/python bench/train_stance.py cv [--steps N] [--l2 X]
    .venv/bin/python bench/train_stance.py train [--mode model|neutral] [--enable]

The dataset: every non-optional gold statement of the dev material (seeds, dev, fresh,
heldout, unseen, train, train2, train3; never a held-out split) with its gold stance. Where the extraction finds the
statement (matched as bench/extraction_quality.py matches it) its features come from the
predicted statement — its words, its `about`, the rules' stance, its kind — as at run time;
otherwise from the gold statement (the rules' stance is then `stance.classify` of the words).

`data`: the dataset's size and class balance per split.

`cv`: article-level cross-validation, scored like the bench (stance accuracy over the
matched statements): leave-one-split-out (train on four splits, score the fifth) and 5-fold
by article (folds drawn once with random.Random(12)). Per fold and pooled, with counts:
(a) the rules; (b) the model without the rules' answer as a feature; (c) the model with it;
(d) the rules, and model (b) only where the rules say Neutral; and for scale, always Supportive
and a model of words only (no lexicon cues, no rules: the lexicon was tuned on these splits too). The rules were tuned on all
of these splits, so their figure is optimistic next to the model's held-out one.

`train`: fits on all the dev material and writes loaders/extraction/stance_weights.json.
Deterministic: the relation classifier's fit (bench/train_relations.py: plain numpy, Adagrad
from zero weights, a fixed number of steps, weights rounded), one class against the rest.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_quality import HELD_OUT, split_articles  # noqa: E402
from extraction_quality import SPLITS as ALL_SPLITS  # noqa: E402
from train_relations import L2, STEPS, fit_rows  # noqa: E402

from loaders.extraction import learned  # noqa: E402
from loaders.extraction import stance as stance_mod  # noqa: E402
from loaders.extraction import stance_learned as sl  # noqa: E402
from loaders.extraction.evaluate import (  # noqa: E402
    Gold,
    GoldStatement,
    Resolver,
    _in_skip,
    _predicted_identities,
    match_statements,
)
from loaders.extraction.pipeline import extract_many  # noqa: E402
from loaders.model import Extraction, Statement  # noqa: E402

# every split but the held-out ones: the dev material, seeds included
SPLITS = tuple(x for x in ALL_SPLITS if x not in HELD_OUT)
FOLDS = 5
SEED = 12
RULE_PREFIX = "rule="
WORD_PREFIXES = ("w=", "b=", "kind=", "about_named=", "self=", "len=")  # no lexicon, no rules


@dataclass(frozen=True)
class Row:
    """One gold statement: where it comes from, its gold stance, the rules' stance, and its
    features (from the matched prediction when there is one)."""

    split: str
    article: str
    gold: str
    rule: str
    matched: bool
    features: tuple[str, ...]
    text: str


def collect(splits: tuple[str, ...] = SPLITS) -> list[Row]:
    rows: list[Row] = []
    sl.SUSPENDED = True  # the rules' own stance, whatever the weights file says
    try:
        for split in splits:
            pairs = split_articles(split)
            for (a, g), x in zip(pairs, extract_many([a for a, _ in pairs])):
                rows += article_rows(split, a.id, g, x)
    finally:
        sl.SUSPENDED = False
    return rows


def article_rows(split: str, article: str, gold: Gold, x: Extraction) -> list[Row]:
    """The bench's matching (`evaluate.match_statements`), keeping pairs."""
    resolver = Resolver(gold)
    ids = _predicted_identities(x, resolver)
    preds = [s for s in x.statements if not _in_skip(s.quote.start, gold.skip)]
    out = []
    for g, best in match_statements(preds, gold, ids):
        if best is None:
            out.append(_gold_row(split, article, gold, g))
            continue
        p = preds[best]
        out.append(Row(split, article, g.stance, p.stance, True, _pred_features(x, p), p.quote.quote))
    return out


def _pred_features(x: Extraction, p: Statement) -> tuple[str, ...]:
    named = any(m.entity == p.about and p.quote.start <= m.evidence.start < p.quote.end
                for m in x.mentions)
    return sl.features(p.quote.quote, p.stance, p.kind, named, p.speaker == p.about)


def _gold_row(split: str, article: str, gold: Gold, g: GoldStatement) -> Row:
    about = gold.entity(g.about) if g.about is not None else None
    named = about is not None and any(g.start <= m.start < g.end for m in about.mentions)
    rule = stance_mod.classify(g.quote)
    feats = sl.features(g.quote, rule, g.kind, named, g.about is not None and g.about == g.speaker)
    return Row(split, article, g.stance, rule, False, feats, g.quote)


def without_rule(feats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in feats if not f.startswith(RULE_PREFIX))


def words_only(feats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in feats if f.startswith(WORD_PREFIXES))


def fit(rows: list[Row], use_rule: bool, steps: int = STEPS, l2: float = L2,
        words: bool = False) -> dict[str, learned.Model]:
    xs = [words_only(r.features) if words else r.features if use_rule else without_rule(r.features)
          for r in rows]
    models = {}
    for c in sl.CLASSES:
        weights, bias = fit_rows(xs, [int(r.gold == c) for r in rows], steps, l2)
        models[c] = learned.Model(weights, bias, 0.5, True)
    return models


def answers(rows: list[Row], train: list[Row], steps: int, l2: float) -> dict[str, list[str]]:
    """Each system's answer on the matched rows of `rows`, trained on `train`."""
    alone = fit(train, False, steps, l2)
    with_rule = fit(train, True, steps, l2)
    plain = fit(train, False, steps, l2, words=True)
    scored = [r for r in rows if r.matched]
    model = [sl.predict(alone, without_rule(r.features)) for r in scored]
    return {
        "gold": [r.gold for r in scored],
        "always Supportive": [stance_mod.SUPPORTIVE for _ in scored],
        "rules": [r.rule for r in scored],
        "words only": [sl.predict(plain, words_only(r.features)) for r in scored],
        "model": model,
        "model+rule": [sl.predict(with_rule, r.features) for r in scored],
        "rules, model if Neutral": [sl.combine("neutral", r.rule, m) for r, m in zip(scored, model)],
    }


SYSTEMS = ("always Supportive", "rules", "words only", "model", "model+rule",
           "rules, model if Neutral")


def report(name: str, folds: list[tuple[str, list[Row], list[Row]]], steps: int, l2: float) -> None:
    print(f"\n{name} (stance right / matched statements):")
    print(f"  {'fold':<22}" + "".join(f"{s:>24}" for s in SYSTEMS))
    pooled = {s: [0, 0] for s in SYSTEMS}
    for label, train, test in folds:
        got = answers(test, train, steps, l2)
        cells = ""
        for s in SYSTEMS:
            right = sum(a == g for a, g in zip(got[s], got["gold"]))
            n = len(got["gold"])
            pooled[s][0] += right
            pooled[s][1] += n
            cells += f"{f'{right}/{n} ({right / n:.2f})' if n else '-':>24}"
        print(f"  {label:<22}" + cells)
    print(f"  {'pooled':<22}" + "".join(
        f"{f'{r}/{n} ({r / n:.2f})':>24}" for r, n in (pooled[s] for s in SYSTEMS)))


def cv(rows: list[Row], steps: int, l2: float) -> None:
    loso = [(f"{s} ({sum(r.matched for r in rows if r.split == s)})",
             [r for r in rows if r.split != s], [r for r in rows if r.split == s]) for s in SPLITS]
    report("leave one split out", loso, steps, l2)
    ids = sorted({f"{r.split}/{r.article}" for r in rows})
    random.Random(SEED).shuffle(ids)
    kfold = []
    for k in range(FOLDS):
        held = set(ids[k::FOLDS])
        test = [r for r in rows if f"{r.split}/{r.article}" in held]
        kfold.append((f"fold {k} ({len(held)} articles)",
                      [r for r in rows if f"{r.split}/{r.article}" not in held], test))
    report(f"{FOLDS}-fold by article (random.Random({SEED}))", kfold, steps, l2)


def data(rows: list[Row]) -> None:
    print(f"{'split':<9}{'statements':>11}{'matched':>9}" + "".join(f"{c:>12}" for c in sl.CLASSES))
    for s in (*SPLITS, None):
        part = [r for r in rows if s is None or r.split == s]
        print(f"{s or 'all':<9}{len(part):>11}{sum(r.matched for r in part):>9}" + "".join(
            f"{sum(r.gold == c for r in part):>12}" for c in sl.CLASSES))
    matched = [r for r in rows if r.matched]
    print("matched only: " + ", ".join(f"{c} {sum(r.gold == c for r in matched)}" for c in sl.CLASSES))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("data", "cv", "train"))
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--mode", choices=sl.MODES, default="model")
    parser.add_argument("--enable", action="store_true", help="let the model decide at run time")
    parser.add_argument("--out", type=Path, default=sl.WEIGHTS)
    args = parser.parse_args(argv)
    rows = collect()
    if args.what == "data":
        data(rows)
        return 0
    if args.what == "cv":
        cv(rows, args.steps, args.l2)
        return 0
    models = fit(rows, args.mode == "model", args.steps, args.l2)
    about = "bench/train_stance.py train" + (f" --steps {args.steps}" if args.steps != STEPS else "") \
        + (f" --l2 {args.l2}" if args.l2 != L2 else "") + f" --mode {args.mode}" \
        + (" --enable" if args.enable else "")
    out = {"about": about, "enabled": args.enable, "mode": args.mode,
           "classes": {c: {"bias": m.bias, "weights": m.weights} for c, m in models.items()}}
    args.out.write_text(json.dumps(out, indent=0, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out} ({sum(len(m.weights) for m in models.values())} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
