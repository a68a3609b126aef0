"""A small trained stance classifier beside the lexicon rules (`loaders.extraction.stance`):
three one-vs-rest logistic regressions (Supportive, Opposed, Neutral) over the words of a
statement (lower-cased words and bigrams), the lexicon's cue hits after negation, the rules'
own answer, the statement's kind and whether its `about` is named in its words. The class
with the highest probability wins.

The weights are a small JSON file (`stance_weights.json`, written by `bench/train_stance.py`
from the gold statements of the dev-material splits) in the format of the relation
classifier (`loaders.extraction.learned`: one `learned.Model` per class). It carries
`enabled` and `mode`: whether the classifier decides stance at run time, and how
("model": it always decides; "neutral": it decides only where the rules say Neutral).

Status (2026-12-05): off. Leave-one-split-out cross-validation over the dev material did not
show it clearly better than the rules (figures in bench/README.md), nor again with the train
split added (2026-12-06: 490 statements), nor with train2 and train3 (584 matched statements:
0.75 beside the rules against their 0.76); when off it costs nothing.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from loaders.extraction import learned
from loaders.extraction import stance as stance_mod

WEIGHTS = Path(__file__).with_name("stance_weights.json")
CLASSES = (stance_mod.SUPPORTIVE, stance_mod.OPPOSED, stance_mod.NEUTRAL)
MODES = ("model", "neutral")
# Benchmarks only: run the model even when its file says it is off, to measure it.
FORCE = False
SUSPENDED = False  # bench/train_stance.py: the rules' answers only, whatever the file says
_WORD = re.compile(r"[a-z][a-z’'-]*")


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> tuple[dict[str, learned.Model], bool, str] | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    models = {c: learned.Model({str(k): float(v) for k, v in m["weights"].items()},
                               float(m["bias"]), 0.5, bool(data["enabled"]))
              for c, m in data["classes"].items()}
    return models, bool(data["enabled"]), str(data.get("mode", "model"))


def load(path: Path | None = None) -> tuple[dict[str, learned.Model], bool, str] | None:
    """The committed (or `path`'s) per-class models, whether on, and the mode; None if absent."""
    return _load(path or WEIGHTS)


def features(text: str, rule: str, kind: str, about_named: bool, self_about: bool) -> tuple[str, ...]:
    """The features of one statement: its words and bigrams, the lexicon's cues (after
    negation), their sum's sign, the rules' answer, its kind, whether `about` is named in
    it and whether the speaker talks about itself."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    out = {f"w={w}" for w in words}
    out |= {f"b={a}_{b}" for a, b in zip(words, words[1:])}
    out |= cue_features(stance_mod.cues(text), stance_mod.score)
    out.add(f"rule={rule}")
    out.add(f"kind={kind}")
    out.add(f"rule={rule}|kind={kind}")
    out.add(f"about_named={about_named}")
    out.add(f"self={self_about}")
    n = len(words)
    out.add("len=" + ("1-3" if n <= 3 else "4-10" if n <= 10 else "11-25" if n <= 25 else "26+"))
    return tuple(sorted(out))


def cue_features(found: Sequence[tuple[str, int]], score: Callable[[str], int]) -> set[str]:
    """The lexicon's part: each cue with its weight after negation, how many count for and
    against, their sum's sign, and whether a negation turned one (`score`: a cue's own weight).
    Also bench/first_seen.py's, over the cues and weights of an earlier lexicon."""
    out = {f"cue={t.lower()}|{w:+d}" for t, w in found}
    pos = sum(1 for _, w in found if w > 0)
    neg = sum(1 for _, w in found if w < 0)
    total = sum(w for _, w in found)
    out.add("pos=" + ("0" if pos == 0 else "1" if pos == 1 else "2+"))
    out.add("neg=" + ("0" if neg == 0 else "1" if neg == 1 else "2+"))
    out.add("sum=" + ("0" if total == 0 else "+" if total > 0 else "-"))
    if any(w == 0 for _, w in found) or any(w < 0 for t, w in found if score(t) > 0):
        out.add("negated")
    return out


def predict(models: dict[str, learned.Model], feats: tuple[str, ...]) -> str:
    """The class of highest probability (ties: the order of CLASSES)."""
    best = max(CLASSES, key=lambda c: (models[c].probability(feats), -CLASSES.index(c)))
    return best


def combine(mode: str, rule: str, model_answer: str) -> str:
    """The stance given the rules' and the model's answers under a mode."""
    if mode == "neutral":
        return model_answer if rule == stance_mod.NEUTRAL else rule
    return model_answer


def active() -> bool:
    """Whether the classifier decides stance now (its file says on, or a benchmark forces it;
    never while bench/train_stance.py collects the rules' own answers)."""
    loaded = load()
    return loaded is not None and not SUSPENDED and (loaded[1] or FORCE)


def decide(text: str, rule: str, kind: str, about_named: bool, self_about: bool) -> str:
    """The stance at run time: the rules' answer unless the committed model is on."""
    loaded = load()
    if loaded is None or not active():
        return rule
    models, _, mode = loaded
    return combine(mode, rule, predict(models, features(text, rule, kind, about_named, self_about)))
