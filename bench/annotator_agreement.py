"""How far two careful annotators agree, and the extractor against each of them.

    .venv/bin/python bench/annotator_agreement.py [--verbose] [--split test --split train8]

`tests/agreement/<split>/<ID>.yaml` is a second gold annotation of an article of the corpus,
written by another annotator from the text and the guidelines alone, without the first gold
or any extractor output (tests/agreement/README.md). Each annotation is read as an extraction
(`loaders.extraction.agreement.gold_as_extraction`) and scored by the scorer that judges the
extractor, so the rows compare like with like:

- second → first: the second annotator's required items scored against the first's gold (its
  relation recall is what a person reaches on the same goal); an annotator's relations are
  matched with the other spellings each accepts (`relation_agreement`), its quotes, stance and
  entities as the extractor's are;
- second, optional too → first: the same with the second's optional items stated as well;
- first → second: the other way round;
- extractor → first, extractor → second: the extractor against either gold;
- extractor → both: against the relations both annotators state (the first's required
  relations that the second states too, required or optional; the rest made optional);
- and, below the table, the extractor's facts that neither annotator states even as optional
  (`stated_by_neither`): its wrong facts that are not one reader's omission.

Stance agreement is given as accuracy and Cohen's kappa over the matched statements. The
held-out split (test) prints micro-averages only; `--verbose` lists, for the dev-material
splits only, the first gold's relations the second annotator did not state and the reverse.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.extraction_quality import HELD_OUT, ratio, split_articles  # noqa: E402
from loaders.extraction.agreement import (
    cohen_kappa,
    entities_only,
    gold_as_extraction,
    relation_agreement,
    stated_by_neither,
    turn_partnerships,
    unshared,
)  # noqa: E402
from loaders.extraction.evaluate import (  # noqa: E402
    Gold,
    GoldRelation,
    Resolver,
    Score,
    _predicted_identities,
    canonical,
    load_gold,
    match_statements,
    micro,
    score,
)
from loaders.extraction.pipeline import extract_many  # noqa: E402
from loaders.model import Article, Extraction  # noqa: E402
from loaders.paths import ROOT  # noqa: E402

SECOND_DIR = ROOT / "tests" / "agreement"
ROWS = ("second -> first", "second, optional too -> first", "first -> second",
        "extractor -> first", "extractor -> second", "extractor -> both")


def second_pairs(split: str, as_written: bool = False) -> list[tuple[Article, Gold, Gold]]:
    """(article, first gold, second gold) for every article of the split with a second one;
    unless `as_written`, both with `hasPartner` turned round where written party → partnership."""
    directory = SECOND_DIR / split
    out = [(a, g, load_gold(directory / f"{a.id}.yaml")) for a, g in split_articles(split)
           if (directory / f"{a.id}.yaml").exists()]
    return out if as_written else [(a, turn_partnerships(g), turn_partnerships(h)) for a, g, h in out]


def consensus(first: Gold, second: Gold, text: str) -> Gold:
    """The first gold with every required relation the second annotator does not state (not
    even as optional, nor in another spelling it accepts) made optional: what both read."""
    only_first = unshared(first, second, text)

    def main(r: GoldRelation) -> tuple[str, str, str]:
        return canonical(first.entity(r.subject).identity, r.predicate, first.entity(r.object).identity)

    relations = tuple(dataclasses.replace(r, optional=True) if not r.optional and main(r) in only_first else r
                      for r in first.relations)
    return dataclasses.replace(first, relations=relations)


def stance_pairs(extraction: Extraction, gold: Gold) -> list[tuple[str, str]]:
    """(gold stance, predicted stance) of every matched statement."""
    preds = list(extraction.statements)
    ids = _predicted_identities(extraction, Resolver(gold))
    return [(g.stance, preds[best].stance) for g, best in match_statements(preds, gold, ids)
            if best is not None]


def evaluate(split: str, verbose: bool, as_written: bool = False) -> None:
    triples = second_pairs(split, as_written)
    if not triples:
        print(f"\n== {split}: no second annotation")
        return
    extractions = extract_many([a for a, _, _ in triples])
    rows: dict[str, list[Score]] = {r: [] for r in ROWS}
    aligned: dict[str, list[Score]] = {r: [] for r in ROWS}
    kappa: dict[str, list[tuple[str, str]]] = {"second -> first": [], "extractor -> first": [],
                                               "extractor -> second": []}
    neither: list[str] = []
    for (article, first, second), ex in zip(triples, extractions):
        text = article.text
        both = consensus(first, second, text)
        neither += stated_by_neither(ex, first, second, text)
        runs = {"second -> first": (gold_as_extraction(second, text), first),
                "second, optional too -> first": (gold_as_extraction(second, text, True), first),
                "first -> second": (gold_as_extraction(first, text), second),
                "extractor -> first": (ex, first), "extractor -> second": (ex, second),
                "extractor -> both": (ex, both)}
        for name, (prediction, gold) in runs.items():
            rows[name].append(score(prediction, gold, text))
            if name.startswith(("second", "first")):  # an annotator's relations with their alternatives,
                annotator = second if name.startswith("second") else first  # its optional entities no claim
                loose = "optional too" in name
                linked = score(entities_only(prediction, annotator, loose), gold, text)
                rows[name][-1].kinds["entities"] = linked.kinds["entities"]
                rows[name][-1].kinds["relations"] = relation_agreement(gold, annotator, text, loose)
            else:  # linking coined names by their words: a figure of the extractor's only
                aligned[name].append(score(prediction, gold, text, align_unnamed=True))
            if name in kappa:
                kappa[name] += stance_pairs(prediction, gold)
        if verbose and split not in HELD_OUT:
            print(f"\n=== {article.id}")
            for x in rows["second -> first"][-1].kinds["relations"].false_negatives:
                print(f"  first only:  {x}")
            for x in rows["second -> first"][-1].kinds["relations"].false_positives:
                print(f"  second only: {x}")
    how = "as written" if as_written else "hasPartner turned round where written party -> partnership"
    print(f"\n== {split}: {len(triples)} articles with a second annotation, micro-averaged ({how})")
    print(f"{'':<31}| relations P / R (right, wrong, missed) | aligned R | quotes   | stance  "
          f"kappa | about  | linking F1")
    for name in ROWS:
        t = micro(rows[name])
        rel = t.kinds["relations"]
        k = cohen_kappa(kappa[name]) if name in kappa else float("nan")
        aligned_r = f"{micro(aligned[name]).kinds['relations'].recall:9.2f}" if aligned[name] else f"{'-':>9}"
        print(f"{name:<31}| {rel.precision:4.2f} / {rel.recall:4.2f} ({rel.tp:3d}, {rel.fp:3d}, {rel.fn:3d})"
              f"          | {aligned_r} | {ratio(t.quotes_found, t.quotes_total):<8} "
              f"| {ratio(t.stance_correct, t.stance_total):<7} {k:5.2f} "
              f"| {ratio(t.about_correct, t.stance_total):<6} | {t.kinds['entities'].f1:.2f}")
    mine = micro(rows["extractor -> first"]).kinds["relations"]
    print(f"extractor's relations wrong against the first gold: {mine.fp}; stated by neither annotator, "
          f"even as optional: {len(neither)} (precision against either reader "
          f"{(mine.tp + mine.fp - len(neither)) / (mine.tp + mine.fp):.2f})" if mine.tp + mine.fp else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", action="append", help="only this split (repeatable)")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list the relations one annotator states and the other does not "
                             "(dev-material splits only)")
    parser.add_argument("--as-written", action="store_true",
                        help="score hasPartner as each annotator wrote it (party -> partnership too)")
    args = parser.parse_args(argv)
    splits = args.split or sorted(p.name for p in SECOND_DIR.iterdir() if p.is_dir())
    for split in splits:
        evaluate(split, args.verbose, args.as_written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
