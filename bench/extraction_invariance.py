"""Does the same article, saved another way, give the same graph? Metamorphic checks of the extractor.

    .venv/bin/python bench/extraction_invariance.py [--split S ...] [--perturbation P ...] [--verbose]

Each dev-material article (never a held-out split) is extracted as written and again after a
change a reader would not notice: Windows line ends, non-breaking spaces between words, accents
as combining marks (NFD), soft hyphens in long words, zero-width spaces after sentences,
tab-indented paragraphs, two spaces after a full stop, a byte-order mark, HTML character references for
curly marks, dashes and "&", paragraphs hard-wrapped
at 72 columns, paragraphs parted by one line break instead of a blank line, curly quotation
marks typed straight. For each change it prints how many articles gave other entities (label and
class), facts (subject label, predicate, object label) or statements (speaker label, the words
of the quote, stance, kind), and how many of each were lost and gained, and checks that every
evidence span is the changed text at its offsets. No gold is needed: the article as written is
the reference. Straight quotation marks are ambiguous (an apostrophe or a closing mark?) and are
not normalised by the extractor; their row shows what that costs.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import textwrap
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_quality import HELD_OUT, SPLITS, split_articles  # noqa: E402

from loaders.extraction.evaluate import evidence_spans  # noqa: E402
from loaders.extraction.pipeline import extract_many  # noqa: E402
from loaders.model import Article, Extraction  # noqa: E402

DEV_MATERIAL = tuple(s for s in SPLITS if s not in HELD_OUT)
KINDS = ("entities", "facts", "statements")


def _wrapped(text: str) -> str:
    """Each paragraph hard-wrapped at 72 columns, as e-mail and a PDF's copied text are."""
    return "\n\n".join(p if "\n" in p else "\n".join(textwrap.wrap(p, 72, break_long_words=False,
                                                                    break_on_hyphens=False))
                       for p in text.split("\n\n"))


def _soft_hyphens(text: str) -> str:
    return re.sub(r"\b([A-Za-z]{4})([a-z]{4,})", "\\1\u00ad\\2", text)


PERTURBATIONS: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nbsp": lambda t: re.sub(r"(?<=[\w.,]) (?=[A-Z0-9])", "\u00a0", t),
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "soft-hyphens": _soft_hyphens,
    "zero-width": lambda t: re.sub(r"(?<=\.) ", "\u200b ", t),
    "tab-indent": lambda t: re.sub(r"\n(?=\S)", "\n\t", t),
    "double-space": lambda t: re.sub(r"(?<=\.) (?=[A-Z])", "  ", t),
    "bom": lambda t: "\ufeff" + t,
    "wrap-72": _wrapped,
    "html-references": lambda t: t.replace("&", "&amp;").translate(
        {ord("’"): "&rsquo;", ord("‘"): "&#8216;", ord("“"): "&ldquo;", ord("”"): "&#x201D;", ord("—"): "&mdash;"}),
    "single-newline-paragraphs": lambda t: re.sub(r"\n\n+", "\n", t),
    "straight-quotes": lambda t: t.translate(str.maketrans("“”‘’", "\"\"''")),
}

Key = tuple[set[tuple[str, ...]], ...]


def key(ex: Extraction) -> Key:
    """What a reader of the graph sees of an extraction, without offsets."""
    label = {e.slug: e.label for e in ex.entities}
    words = re.compile(r"\W+")
    return ({(e.label, e.cls) for e in ex.entities},
            {(label.get(f.subject, f.subject), f.predicate, label.get(f.object, f.object)) for f in ex.facts},
            {(label.get(s.speaker, s.speaker), words.sub(" ", _visible(s.quote.quote)).strip(), s.stance, s.kind)
             for s in ex.statements})


def _visible(quote: str) -> str:
    """A quote as read: character references resolved, composed accents, no soft hyphen or
    zero-width character (evidence keeps them, as the text has them)."""
    return "".join(c for c in unicodedata.normalize("NFC", html.unescape(quote)) if unicodedata.category(c) != "Cf")


def inexact(ex: Extraction, text: str) -> int:
    """Evidence spans that are not the text at their offsets."""
    return sum(text[e.start:e.end] != e.quote for e in evidence_spans(ex))


def compare(articles: list[Article], name: str, verbose: bool = False,
            reference: list[Key] | None = None) -> dict[str, Counter[str]]:
    """Counts of what changed when every article is rewritten by perturbation `name`."""
    change = PERTURBATIONS[name]
    base = reference or [key(x) for x in extract_many(articles)]
    changed = [Article(a.id, change(a.text), title=a.title) for a in articles]
    out: dict[str, Counter[str]] = {k: Counter() for k in ("articles", "lost", "gained")}
    out["inexact"] = Counter()
    for a, b, x in zip(changed, base, extract_many(changed)):
        out["inexact"]["evidence"] += inexact(x, a.text)
        k = key(x)
        for kind, before, after in zip(KINDS, b, k):
            if before != after:
                out["articles"][kind] += 1
                out["lost"][kind] += len(before - after)
                out["gained"][kind] += len(after - before)
                if verbose:
                    print(f"  {name} {a.id} {kind}: lost {sorted(before - after)[:3]} gained {sorted(after - before)[:3]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=DEV_MATERIAL, action="append",
                        help="a dev-material split (repeatable); default all of them")
    parser.add_argument("--perturbation", choices=list(PERTURBATIONS), action="append",
                        help="one change (repeatable); default all")
    parser.add_argument("--verbose", "-v", action="store_true", help="what each article lost and gained")
    args = parser.parse_args(argv)
    articles = [Article(a.id, a.text, title=a.title) for s in (args.split or DEV_MATERIAL)
                for a, _ in split_articles(s)]
    started = time.perf_counter()
    base = [key(x) for x in extract_many(articles)]
    print(f"{len(articles)} articles of {', '.join(args.split or DEV_MATERIAL)} "
          f"(as written: {time.perf_counter() - started:.1f} s)")
    print("\n| change | articles with other entities / facts / statements | entities lost / gained "
          "| facts lost / gained | statements lost / gained | evidence not exact |\n|---|---|---|---|---|---|")
    for name in args.perturbation or PERTURBATIONS:
        c = compare(articles, name, args.verbose, base)
        cells = " / ".join(str(c["articles"][k]) for k in KINDS)
        lost = " | ".join(f"{c['lost'][k]} / {c['gained'][k]}" for k in KINDS)
        print(f"| {name} | {cells} | {lost} | {c['inexact']['evidence']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
