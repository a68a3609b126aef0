"""A synthetic corpus in the style of the NATO–Asia articles, to measure at scale.

    .venv/bin/python bench/synthetic.py N OUT_DIR [--seed 20261204]

Writes N plain-text articles OUT_DIR/syn-00000.txt …, the same bytes for the same N and seed
(article i depends only on the seed and i, so the first 100 of 1,000 are the 100). Each
article has a headline, a byline by an invented analyst, paragraphs that mix the seeds'
sentences (boilerplate left out) with generated ones about real countries and organisations
(gazetteer names, so entity linking works as on real text), and two to four quotations
attributed to invented but plausible officials ("said Defence Minister Aiko Tanabe").
Add them to a project with `alliancegraph add OUT_DIR`.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.extraction_speed import seed_sentences  # noqa: E402

SEED = 20261204
COUNTRIES = ["Japan", "South Korea", "Australia", "New Zealand", "the Philippines", "Vietnam",
             "Indonesia", "India", "Singapore", "Malaysia", "Thailand", "China", "Taiwan",
             "the United States", "the United Kingdom", "France", "Germany", "Canada", "Italy",
             "Poland", "Norway", "the Netherlands", "Spain", "Turkey", "Mongolia"]
BODIES = ["NATO", "the European Union", "ASEAN", "the United Nations", "the Quad", "AUKUS",
          "the G7", "the ASEAN Regional Forum"]
FIRST = ["Aiko", "Minh", "Sung-ho", "Priya", "Lars", "Elena", "Tomasz", "Grace", "Rafael",
         "Hana", "Daniel", "Nadia", "Kenji", "Lucia", "Arjun", "Ingrid", "Marek", "Chloe",
         "Wei", "Farah", "Oliver", "Sofia", "Tariq", "Yuna", "Henrik", "Amara"]
LAST = ["Tanabe", "Nguyen", "Cho", "Raman", "Eklund", "Moreau", "Kowalski", "Whitfield",
        "Alvarez", "Sato", "Brennan", "Haddad", "Okafor", "Lindqvist", "Varga", "Castellanos",
        "Ito", "Mehta", "Hartmann", "Delacroix", "Novak", "Achebe", "Fujimoto", "Reyes"]
ROLES = ["Defence Minister", "Foreign Minister", "Deputy Secretary General", "Ambassador",
         "national security adviser", "Admiral", "General", "Prime Minister"]
THINK_TANKS = ["the Pacific Security Institute", "the Centre for Maritime Strategy",
               "the Atlantic Policy Forum", "the Institute for Indo-Pacific Studies"]
TOPICS = ["maritime security", "cyber defence", "the South China Sea", "missile defence",
          "freedom of navigation", "defence industrial cooperation", "hybrid threats",
          "the rules-based international order", "deterrence in the Taiwan Strait"]
VERBS = ["signed a defence cooperation agreement with", "held joint naval exercises with",
         "deepened its partnership with", "agreed to share intelligence with",
         "expanded its security dialogue with", "criticised"]
QUOTES = ["We will not accept any unilateral change to the status quo by force",
          "Our partnership with {body} has never been stronger",
          "Security in Europe and security in the Indo-Pacific are inseparable",
          "This agreement sends a clear message to anyone who would threaten {topic}",
          "We must be careful not to provoke an arms race in the region",
          "{country} remains committed to dialogue, but we are prepared to defend ourselves",
          "The alliance cannot ignore what happens in {topic}",
          "Deterrence only works if it is credible"]


def article(i: int, seed: int = SEED) -> str:
    """The text of article i: the same for the same (i, seed), whatever N is."""
    rng = random.Random(f"{seed}-{i}")
    pool = _pool()
    topic = rng.choice(TOPICS)
    lines = [f"{rng.choice(COUNTRIES).removeprefix('the ').title()} and "
             f"{rng.choice(BODIES).removeprefix('the ')} Weigh New Steps on {topic.title()}",
             f"By {_person(rng)}, Senior Fellow at {rng.choice(THINK_TANKS).removeprefix('the ')}",
             ""]
    quotes = rng.randint(2, 4)
    for p in range(rng.randint(4, 7)):
        sentences = [rng.choice(pool) for _ in range(rng.randint(2, 4))]
        sentences.insert(rng.randint(0, len(sentences)), _fact(rng, topic))
        if p < quotes:
            sentences.append(_quote(rng, topic))
        lines += [" ".join(sentences), ""]
    return "\n".join(lines)


def _pool() -> list[str]:
    global _POOL
    if _POOL is None:
        _POOL = [s for s in seed_sentences() if "“" not in s and '"' not in s]
    return _POOL


_POOL: list[str] | None = None


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _fact(rng: random.Random, topic: str) -> str:
    a, b = rng.sample(COUNTRIES, 2)
    kind = rng.random()
    if kind < 0.5:
        return f"{a[0].upper() + a[1:]} {rng.choice(VERBS)} {b} on {topic}."
    if kind < 0.8:
        return f"{a[0].upper() + a[1:]} is a partner of {rng.choice(BODIES)}."
    return f"{a[0].upper() + a[1:]} and {b} are members of {rng.choice(BODIES)}."


def _quote(rng: random.Random, topic: str) -> str:
    country = rng.choice(COUNTRIES)
    words = rng.choice(QUOTES).format(body=rng.choice(BODIES), topic=topic, country=country)
    who = f"{rng.choice(ROLES)} {_person(rng)} of {country}" if rng.random() < 0.5 \
        else f"{_person(rng)}, {rng.choice(ROLES).lower()} of {country}"
    return f"“{words},” said {who}." if rng.random() < 0.6 else f"{who.split(' of ')[0]} said: “{words}.”"


def write_corpus(n: int, out: Path, seed: int = SEED, start: int = 0) -> list[Path]:
    """Write articles start..start+n-1 into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = out / f"syn-{i:05d}.txt"
        path.write_text(article(i, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.n, args.out, args.seed, args.start)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()
