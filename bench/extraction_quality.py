"""Extraction quality on the seeds against the hand-written gold (tests/gold/*.yaml).

    .venv/bin/python bench/extraction_quality.py [--verbose] [--gold-dir DIR]

Prints, per seed and as a micro-average over the seeds, precision / recall / F1 for entities
(the set of entity identities per article), mentions (span overlap and same identity),
relations (subject-predicate-object identities) and statements (quote overlap >= 50% of the
gold quote and same speaker), with stance accuracy over the matched statements, the share of
matched entities linked to the right Wikidata QID, and the share of evidence spans that are
exactly the text at their offsets. --verbose lists every false positive and false negative.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.extraction.evaluate import GOLD_DIR, KINDS, Score, load_gold_dir, micro, score  # noqa: E402
from loaders.extraction.pipeline import extract  # noqa: E402
from loaders.rdf.catalog import load_catalog  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--verbose", "-v", action="store_true", help="list FP and FN items")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR)
    args = parser.parse_args(argv)
    golds = load_gold_dir(args.gold_dir)
    started = time.perf_counter()
    scores = [score(extract(a), golds[a.id], a.text) for a in load_catalog() if a.id in golds]
    elapsed = time.perf_counter() - started
    total = micro(scores)
    print(table(scores + [total]))
    print(f"\nmatched statements: stance right {ratio(total.stance_correct, total.stance_total)}, "
          f"'about' right {ratio(total.about_correct, total.stance_total)}, "
          f"right quote but wrong speaker {len(total.speaker_errors)}")
    print(f"{len(scores)} articles scored in {elapsed:.1f} s (model load included)")
    if args.verbose:
        for s in scores:
            print(details(s))
    return 0


def ratio(n: int, d: int) -> str:
    return f"{n}/{d}" if d else "-"


def table(scores: list[Score]) -> str:
    head = f"{'article':<11}" + "".join(f"| {k:^22} " for k in KINDS) + "| stance  qid    evidence"
    sub = f"{'':<11}" + "| {:>5} {:>5} {:>5} {:>4} ".format("P", "R", "F1", "tp") * len(KINDS)
    lines = [head, sub, "-" * len(head)]
    for s in scores:
        cells = "".join(f"| {s.kinds[k].precision:5.2f} {s.kinds[k].recall:5.2f} "
                        f"{s.kinds[k].f1:5.2f} {s.kinds[k].tp:4d} " for k in KINDS)
        extra = (f"| {ratio(s.stance_correct, s.stance_total):<7} "
                 f"{ratio(s.qid_linked, s.qid_total):<6} "
                 f"{ratio(s.evidence_exact, s.evidence_total)}")
        if s.article_id == "micro":
            lines.append("-" * len(head))
        lines.append(f"{s.article_id[:10]:<11}{cells}{extra}")
    return "\n".join(lines)


def details(s: Score) -> str:
    out = [f"\n=== {s.article_id}"]
    for kind in KINDS:
        prf = s.kinds[kind]
        out += [f"  {kind} FP: {x}" for x in prf.false_positives]
        out += [f"  {kind} FN: {x}" for x in prf.false_negatives]
    out += [f"  speaker wrong: {x}" for x in s.speaker_errors]
    out += [f"  stance wrong: {x}" for x in s.stance_errors]
    out += [f"  evidence not exact: {x}" for x in s.evidence_errors]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
