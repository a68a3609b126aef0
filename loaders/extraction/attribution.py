"""Who says a quotation, from the dependency parse of the sentence around it.

A general rule in the manner of textacy's `direct_quotations`: a verb of saying (by lemma,
`REPORTING`) outside the quotation marks, whose subject is the speaker. Among several such
verbs the one governing the quotation wins (its subtree holds the quote: "X called the move
“a test”", "“…” X said"), else the nearest one. The speaker is, in order, the verb's nominal
subject ("China's foreign ministry said"; for a relative pronoun, the noun its clause hangs on:
"a declaration that accuses X of “…”"), the agent of a passive ("was described by X as
“…”"), or, for a participle or a coordinated verb without a subject ("…, adding that “…”"),
the subject of the verb it hangs on. "According to X" gives X. The result is a character
span of the speaker phrase; turning it into an entity is the caller's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Lemmas of verbs that introduce someone's words or position (reporting verbs).
REPORTING = frozenset("""
say tell add warn write note explain argue state declare insist stress emphasize emphasise
observe remark assert acknowledge admit caution announce reply respond comment urge predict
conclude signal reiterate underline underscore highlight affirm reaffirm tweet post recall
suggest claim allege maintain ask question vow pledge promise demand retort concede disclose
reveal confirm deny indicate report mention agree testify complain lament charge counter
boast describe call label brand term dub hail praise deem characterize characterise define
welcome condemn criticize criticise denounce accuse blame contend believe think tout proclaim
read quote cite continue voice express thank laud applaud slam dismiss reject raise
""".split())
# Verbs whose object, not their subject, could be quoted ("tell", "ask") still name a speaker
# as subject; verbs that only characterise ("call", "describe") count only when they govern
# the quotation, so "officials called for talks" far from a quote attributes nothing.
CHARACTERISING = frozenset("""describe call label brand term dub hail praise deem characterize
characterise define welcome condemn criticize criticise denounce accuse blame tout thank laud
applaud slam dismiss reject cite quote voice express raise""".split())
_IRREGULAR = {"say": "said", "tell": "told", "write": "wrote written", "think": "thought",
              "read": "read", "hold": "held"}
_NOMINAL = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "attr", "poss",
                      "appos", "npadvmod", "nmod", "det"})
_SUBJECT = ("nsubj",)
_CLAUSES = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "pcomp", "csubj"})


def forms(lemma: str) -> set[str]:
    """The inflected forms of a verb, by the regular rules plus a few irregular pasts; both
    spellings where a final consonant may double ("labelled", "labeled")."""
    out = {lemma}
    stem_y = lemma[:-1] + "i" if lemma.endswith("y") and lemma[-2:-1] not in "aeiou" else None
    out.add(stem_y + "es" if stem_y else lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z"))
                                                   else "s"))
    e_less = lemma[:-1] if lemma.endswith("e") else lemma
    out.update({e_less + "ed", e_less + "ing", lemma + "ing"} if not stem_y else
               {stem_y + "ed", lemma + "ing"})
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        out.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    out.update(_IRREGULAR.get(lemma, "").split())
    return out


_FORMS = frozenset(f for lemma in REPORTING for f in forms(lemma))
# Plain saying: whatever the clause it introduces quotes, the sayer reports ("the ministry said
# Zheng made “solemn representations”").
SAYING = frozenset("say tell state write add report announce declare".split())
_SAYING_FORMS = frozenset(f for lemma in SAYING for f in forms(lemma))
_CHARACTERISING_FORMS = frozenset(f for lemma in CHARACTERISING for f in forms(lemma))
_RELATIVE = frozenset({"that", "which", "who"})
_CLIMB = ("advcl", "conj", "xcomp", "ccomp", "acl", "relcl", "pcomp")


@dataclass(frozen=True)
class Attribution:
    """A speaker phrase and the verb that attributes the words, as offsets into the text."""

    speaker_start: int
    speaker_end: int
    cue_start: int
    cue_end: int
    after: bool  # the verb comes after the quotation ("“…,” she said")
    governing: bool  # the quotation hangs on the verb, in its own clause (not merely near it)
    saying: bool  # the verb is one of plain saying and the quotation hangs on it at any depth


def attribute(doc: Any, offset: int, quote_start: int, quote_end: int,
              quoted: list[tuple[int, int]]) -> Attribution | None:
    """The speaker of text[quote_start:quote_end] from `doc`, the parse of the sentence that
    starts at `offset`; `quoted` are every quotation's spans (verbs inside them do not count)."""
    def inside(tok: Any) -> bool:
        at = offset + tok.idx
        return any(a <= at < b for a, b in quoted)

    verbs = [t for t in doc if _is_reporting(t) and not inside(t)]
    if not verbs:
        return None
    q_tokens = [t for t in doc if quote_start <= offset + t.idx < quote_end]
    if not q_tokens:
        return None
    governing = [v for v in verbs if _governs(v, q_tokens)]
    if governing:
        verb = min(governing, key=lambda v: _depth(v))
    else:
        plain = [v for v in verbs if v.lower_ not in _CHARACTERISING_FORMS
                 and not _other_clause(v, q_tokens)]
        if not plain:
            return None
        verb = min(plain, key=lambda v: _distance(v, q_tokens))
    speaker = _speaker_of(verb)
    if speaker is None or inside(speaker):
        return None
    lo, hi = _phrase(speaker, q_tokens)
    return Attribution(offset + lo, offset + hi, offset + verb.idx, offset + verb.idx + len(verb.text),
                       offset + verb.idx >= quote_end, _governs(verb, q_tokens, direct=True),
                       bool(governing) and verb.lower_ in _SAYING_FORMS)


def _is_reporting(tok: Any) -> bool:
    """A verb of saying, by its form (the pipeline has no lemmatizer) and its role (a verb's
    dependency, not a noun's: "a call for talks" is no cue)."""
    if tok.lower_ == "according":
        return any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    return tok.lower_ in _FORMS and tok.dep_ not in _NOMINAL


def _governs(verb: Any, q_tokens: list[Any], direct: bool = False) -> bool:
    """Whether the quotation hangs on the verb (its first or last word is in its subtree);
    `direct`: within the verb's own clause, through no other clause ("asked X to develop
    “new ways”" is not the asker's wording)."""
    for t in (q_tokens[0], q_tokens[-1]):
        node = t
        while node.head.i != node.i:
            if direct and node.dep_ in _CLAUSES and node.i != t.i:
                break
            node = node.head
            if node.i == verb.i:
                return True
            if _is_reporting(node):
                break
    return False


def _other_clause(verb: Any, q_tokens: list[Any]) -> bool:
    """A verb in a clause coordinated after the quotation's own, each with a subject of its own
    ("Blinken raised China's “…” in the waters, and Wang urged restraint"): Wang does not say it."""
    if verb.dep_ != "conj" or verb.i < q_tokens[-1].i:
        return False
    head = verb.head
    if not any(c.dep_ in _SUBJECT for c in verb.children) or not any(c.dep_ in _SUBJECT for c in head.children):
        return False
    return any(head.i == t.i or head.is_ancestor(t) for t in q_tokens)


def _depth(tok: Any) -> int:
    n = 0
    while tok.head.i != tok.i:
        tok, n = tok.head, n + 1
    return n


def _distance(verb: Any, q_tokens: list[Any]) -> int:
    return int(min(abs(verb.i - q_tokens[0].i), abs(verb.i - q_tokens[-1].i)))


def _speaker_of(verb: Any) -> Any | None:
    """The subject of the verb, the agent of a passive, X of "according to X", or the subject
    of the verb a participle or coordinated verb hangs on."""
    if verb.lower_ == "according":
        for prep in verb.children:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
        return None
    node = verb
    for _ in range(3):
        for c in node.children:
            if c.dep_ in _SUBJECT:
                if c.lower_ in _RELATIVE and node.dep_ == "relcl" and node.head.i != node.i:
                    return node.head  # "a declaration that accuses X of “…”": the declaration
                return c
        for c in node.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            return None
        node = node.head
    return None


def _phrase(head: Any, q_tokens: list[Any]) -> tuple[int, int]:
    """The speaker phrase: the subject with its compounds, "of"-phrases and apposition ("the
    alliance's secretary general, Jens Stoltenberg"), cut before a relative clause and never
    running into the quotation."""
    q_lo = q_tokens[0].i
    q_hi = q_tokens[-1].i
    left = head.left_edge.i
    right = head.i
    for c in head.children:
        if c.i > head.i and c.dep_ in ("compound", "flat", "prep", "appos"):
            if c.dep_ == "prep" and c.lower_ not in ("of", "in", "at", "for"):
                continue
            right = max(right, c.right_edge.i)
    toks = [t for t in head.doc[left:right + 1] if not q_lo <= t.i <= q_hi]
    if not toks:
        toks = [head]
    start = toks[0]
    end = toks[-1]
    return start.idx, end.idx + len(end.text)


def all_forms() -> frozenset[str]:
    """Every form of every reporting verb (for a cheap text search before parsing)."""
    return _FORMS
