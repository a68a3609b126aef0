"""Coreference for relation arguments: pronouns and definite descriptions that stand for an
actor named earlier in the article, so that the relation rules can use them as arguments.

- "both nations", "both sides", "all three countries", "both" as a subject: the N countries
  (or actors, for bare "both") of the nearest sentence that names exactly N of them (or one
  list of exactly N), the current sentence first ("the two countries" is the relation
  module's, `relations._latter`: the last list of two);
- "the country", "the kingdom", "the island nation", "the island", "the nation", "the
  republic", with up to two modifiers ("the Southeast Asian country", "the Gulf state": "state"
  only with one; never where a modifier is itself a name): the only country of the nearest sentence naming any (a name in the
  description's own clause left out: "X promised to help the island" is not X);
- "it" / "its" as subject or possessive (after a clause boundary), "they" / "their": the
  subject of this sentence (before the pronoun) or else of the sentence before, if its class
  fits (an organisation or a country for "it"; a list of two or more for "they"); never a
  capital metonym or demonym ("Tokyo ... It" may be the city), never a person.

- ", which" / ", who" right after a name (a non-restrictive relative clause): that name, an
  organisation or country for "which", a person for "who".

Each resolution is a mention of kind "coreference" over the pronoun or description (one per
entity for a plural, all of one span, so that the rules read them as one list); facts through
such a mention take the coreference confidence (0.65) and the whole sentence as evidence,
which is always an exact substring of the text. Where two readings fit, nothing is added.

The mentions serve the relation rules only: `add_corefs` returns them and the pipeline takes
them out again (`remove`) before statements are found and before the result is built, so the
article's mentions and statements are what they were without this module.
"""

from __future__ import annotations

import re

from loaders.extraction.context import Context
from loaders.model import Mention

ORGS = frozenset({"InternationalOrganisation", "Alliance", "Partnership", "Organisation"})
STATES = frozenset({"Country"})
NAMED = frozenset({"name", "alias", "acronym", "model"})  # kinds an antecedent may have
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_PLURAL = (r"(?:[Aa]ll\s+(?P<n>two|three|four|five)|(?P<both>[Bb]oth))\s+"
           r"(?:(?:[\w-]+)\s+)?(?P<plural>countries|nations|states|sides|governments|neighbou?rs|"
           r"capitals)\b"
           r"|(?P<bare>[Bb]oth)\s+(?=(?:are|were|have|had|will|would|also|agreed|signed|"
           r"remain|pledged|vowed|share)\b)")
# "the Southeast Asian country", "the Gulf state", "the landlocked nation": up to two modifiers
# (a region's name or a word of size or geography); "state" only with one ("the state" alone is
# often the government or a US state).
_SINGULAR = (r"[Tt]he\s+(?P<mods>(?:(?-i:[A-Z][a-z]+)\s+|(?:small|tiny|landlocked|coastal|oil-rich|"
             r"gas-rich|impoverished|war-torn|Himalayan|Balkan|Caucasus)\s+){1,2})?"
             r"(?P<single>country|kingdom|island\s+nation|island\s+state|island|nation|"
             r"republic|archipelago|emirate|city-state|state)(?![\w-])")
_NOT_SINGLE = re.compile(r"\s+(?:of\b|in\s+question|[A-Z])")  # "the Republic of ...": a name
_PRONOUN = r"(?P<p>[Ii]ts?|[Tt]he(?:y|ir))(?![\w’'-])"
_RELATIVE = r"(?<=[,—–] )(?P<rel>which|who)(?![\w’'-])"
_ANY = re.compile(r"\b(?:" + _SINGULAR + "|" + _PLURAL + "|" + _PRONOUN + "|" + _RELATIVE + ")")
# What may stand between a relative pronoun and its antecedent: ", which", " (AMISOM), which".
_RELATIVE_GAP = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?[,—–]\s*")
# "\b" first lets the regex engine skip ahead fast; "’" and "-" before a match are checked apart.
_WORD_BEFORE = re.compile(r"[\w’'-]")
# "it"/"they" count only as a subject: at the start of a sentence or a clause.
_CLAUSE_END = re.compile(r"(?:^|[,;:—–(“\"]|\b(?:and|but|said|says|that|because|while|when|if|"
                         r"where|although|though|after|before|since|as|so|announced|added|"
                         r"stated|noted|warned|insisted)\b)\s*$", re.I)
# "It is important to ...", "it was agreed that": an empty subject.
_EXPLETIVE = re.compile(r"\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|seems|seemed|"
                        r"appears|appeared|remains|remained|'s|’s)\s+(?:[\w-]+\s+){0,3}?"
                        r"(?:that|to|for|whether|unclear|clear|not\s+clear)\b", re.I)
# A country counts towards "all three countries" however it was named ("Australian Defence
# Minister X, UK Defence Secretary Y and U.S. Secretary Z ... all three countries").
_COUNTED = NAMED | {"demonym", "metonym"}
_LOOKBACK = 2  # sentences before the current one that may hold the antecedent


def add_corefs(ctx: Context) -> list[Mention]:
    """Add (and return) a coreference mention for each pronoun or description resolved.

    One scan of the text finds every kind of phrase; a match counts only inside one sentence,
    and (but for plurals, which fill both sides of a relation) only in a sentence that names
    something else: the other argument of a relation."""
    added: list[Mention] = []
    text = ctx.text
    limit = ctx.sentences[-1].end if ctx.sentences else 0
    subjects: dict[tuple[int, int], list[str] | None] = {}  # memo of whole sentences' subjects
    named: dict[int, bool] = {}  # sentence -> names anything (else nothing there to resolve for)
    for m in _ANY.finditer(text, 0, limit):
        if not _starts_word(text, m.start()):
            continue
        si = _inside(ctx, m.start(), m.end())
        if si is None:
            continue
        kind = m.lastgroup
        if kind in ("p", "single", "rel"):  # (a plural is both arguments of a relation itself)
            if si not in named:
                s = ctx.sentences[si]
                named[si] = any(x.kind != "coreference" for x in ctx.between(s.start, s.end))
            if not named[si]:
                continue  # no other argument in the sentence: no relation to fill
        if kind == "rel":
            one = _relative(ctx, si, m.start(), m.group("rel"))
            if one is not None:
                added.append(Mention(one, ctx.evidence(m.start(), m.end()), "coreference"))
            continue
        if kind == "p":
            word = m.group("p").lower()
            if word in ("it", "they") and (
                    not _CLAUSE_END.search(text[max(ctx.sentences[si].start, m.start() - 40):m.start()])
                    or _EXPLETIVE.match(text, m.end())):
                continue
            found = _subject(ctx, si, m.start(), word in ("it", "its"), subjects) or []
            added += [Mention(x, ctx.evidence(m.start(), m.end()), "coreference") for x in found]
            continue
        if kind == "single" and m.group("mods"):
            # a place or another thing named in a modifier ("the Gulf state") is no bar, an
            # actor or a demonym is ("the Palestinian state" is not Israel)
            if _taken(ctx, m.start("single"), m.end()) or any(
                    x.kind == "demonym" or ctx.cls(x.entity) in STATES | ORGS
                    for x in ctx.between(m.start(), m.start("single"))):
                continue
        elif _taken(ctx, m.start(), m.end()):
            continue
        if kind == "single":
            if _NOT_SINGLE.match(text, m.end()) or (m.group("single") == "state" and not m.group("mods")):
                continue
            one = _salient(ctx, si, m.start(), STATES)
            if one is not None:
                added.append(Mention(one, ctx.evidence(m.start(), m.end()), "coreference"))
            continue
        if kind == "bare":
            n, classes, end = 2, STATES | ORGS, m.end("bare")
        else:
            n = _NUMBERS[(m.group("n") or m.group("both")).lower()]
            classes, end = STATES, m.end()
        found = _plural(ctx, si, m.start(), n, classes)
        added += [Mention(x, ctx.evidence(m.start(), end), "coreference") for x in found]
    for x in added:
        ctx.add_mention(x)
    ctx.transient = {id(x) for x in added}
    return added


def _relative(ctx: Context, si: int, at: int, word: str) -> str | None:
    """", which" / ", who" after a name: that name ("the Accra Initiative, which includes
    ..."); an organisation or country for "which", a person for "who"."""
    before = [x for x in ctx.between(ctx.sentences[si].start, at) if x.kind in NAMED | {"metonym"}]
    if not before:
        return None
    end = max(x.evidence.end for x in before)
    last = {x.entity for x in before if x.evidence.end == end}
    classes = frozenset({"Person"}) if word == "who" else STATES | ORGS
    if len(last) != 1 or not _RELATIVE_GAP.fullmatch(ctx.text, end, at):
        return None
    one = next(iter(last))
    return one if ctx.cls(one) in classes else None


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not _WORD_BEFORE.match(text, at - 1)


def _inside(ctx: Context, start: int, end: int) -> int | None:
    """The sentence holding text[start:end] whole, if any (boilerplate is in none)."""
    si = ctx.sentence_of(start)
    return si if si is not None and end <= ctx.sentences[si].end else None


def remove(ctx: Context, added: list[Mention]) -> None:
    """Take the mentions `add_corefs` added out of the article's mentions again."""
    ctx.transient = set()
    if added:
        drop = {id(x) for x in added}
        ctx.mentions[:] = [x for x in ctx.mentions if id(x) not in drop]
        ctx.reindex()


def _taken(ctx: Context, start: int, end: int) -> bool:
    """Some mention already covers the phrase (a name, or another rule's coreference)."""
    return any(x.evidence.start < end and start < x.evidence.end
               for x in ctx.between(max(0, start - 80), end + 80))


def _actors(ctx: Context, lo: int, hi: int, classes: frozenset[str],
            kinds: frozenset[str] = NAMED) -> list[Mention]:
    return [x for x in ctx.between(lo, hi)
            if x.kind in kinds and ctx.cls(x.entity) in classes]


_CLAUSE_BREAK = re.compile(r"[,;:—–(“”\"]|\b(?:and|but|while|whereas|although|though|because|after|"
                           r"before|since|when|which|who|that|as)\b")


def _backwards(ctx: Context, si: int, at: int) -> list[tuple[int, int]]:
    """The current sentence up to `at`, then the sentences before it (nearest first)."""
    out = [(ctx.sentences[si].start, at)]
    out += [(ctx.sentences[j].start, ctx.sentences[j].end) for j in range(si - 1, max(-1, si - 1 - _LOOKBACK), -1)]
    return out


def _plural(ctx: Context, si: int, at: int, n: int, classes: frozenset[str]) -> list[str]:
    """The n entities of the nearest sentence naming exactly n of `classes` (or whose one
    list of exactly n); none where that sentence names more and no single list of n. Fewer
    than n before the phrase in its own sentence are no part of it ("Japan's ties with all
    three countries"): they are left out and the search goes back."""
    own: set[str] = set()
    for lo, hi in _backwards(ctx, si, at):
        found = [x for x in _actors(ctx, lo, hi, classes, _COUNTED) if x.entity not in own]
        distinct = list(dict.fromkeys(x.entity for x in found))
        if hi == at and 0 < len(distinct) < n:
            own.update(distinct)
            continue
        if not distinct:
            continue
        if len(distinct) == n:
            return distinct
        lists = [g for g in _lists(ctx, found) if len(g) == n]
        return lists[0] if len(lists) == 1 else []
    return []


def _lists(ctx: Context, mentions: list[Mention]) -> list[list[str]]:
    """Mentions joined by commas and "and" into lists of distinct entities."""
    out: list[list[Mention]] = []
    for m in mentions:
        if out and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?",
                                ctx.text[out[-1][-1].evidence.end:m.evidence.start]):
            out[-1].append(m)
        else:
            out.append([m])
    return [list(dict.fromkeys(x.entity for x in g)) for g in out]


def _salient(ctx: Context, si: int, at: int, classes: frozenset[str]) -> str | None:
    """The one entity of `classes` in the nearest sentence naming any; None when that
    sentence names two ("Russia sees it as a tool against instability from Afghanistan after
    NATO forces leave the country": the subject is not the referent). A capital stands for its country here
    ("Taipei ... the island"). A name in the description's own clause is no antecedent ("the
    United States has promised to help the island": another country), and where it is
    the only candidate of its sentence, the search stops ("a referendum by Ukraine's president
    on the country joining NATO" may well be Ukraine)."""
    own: set[str] = set()  # named in the description's clause: not what it refers to
    for lo, hi in _backwards(ctx, si, at):
        found = _actors(ctx, lo, hi, classes, NAMED | {"metonym"})
        while hi == at and found and not _CLAUSE_BREAK.search(ctx.text, found[-1].evidence.end, at):
            own.add(found.pop().entity)
        found = [x for x in found if x.entity not in own]
        if not found:
            if own:
                return None  # "Ukraine's leader put the country ...": no antecedent further back
            continue
        distinct = {x.entity for x in found}
        return found[0].entity if len(distinct) == 1 else None  # two candidates: abstain
    return None


def _first(ctx: Context, lo: int, hi: int, kinds: frozenset[str] = NAMED) -> list[str] | None:
    """The entities of the list that opens text[lo:hi] at most three words in (its subject,
    as English puts it), None when the span opens otherwise."""
    mentions = ctx.between(lo, hi)  # in text order
    if not mentions:
        return None
    start = mentions[0].evidence.start
    head = max((x for x in mentions if x.evidence.start == start), key=lambda x: x.evidence.end)
    gap = ctx.text[lo:start]
    if head.kind not in kinds or len(gap.split()) > 3 or _PREPOSITION_END.search(gap):
        return None
    lists = _lists(ctx, [x for x in mentions if x.kind in kinds])
    return lists[0]


_PREPOSITION_END = re.compile(r"\b(?:in|on|at|to|for|with|by|from|of|after|before|against)\s*$", re.I)


def _subject(ctx: Context, si: int, at: int, single: bool,
             memo: dict[tuple[int, int], list[str] | None]) -> list[str] | None:
    """The subject "it" (single) or "they" stands for: this sentence's before the pronoun,
    else the sentence before's; an organisation or country, one for "it", two or more for
    "they"; None when the nearer subject does not fit (no skipping past it)."""
    for lo, hi in _backwards(ctx, si, at)[:2]:
        if not any(x.kind != "coreference" for x in ctx.between(lo, hi)):
            continue  # nothing named before the pronoun in this sentence: the sentence before
        if (lo, hi) not in memo:
            memo[(lo, hi)] = _sole_subject(ctx, lo, hi)
        first = memo[(lo, hi)]
        if first is None or (len(first) == 1) != single:
            return None
        return first
    return None


def _sole_subject(ctx: Context, lo: int, hi: int) -> list[str] | None:
    """The subject of text[lo:hi] if it is an organisation or country (or a list of them)
    and the span names no other organisation or country."""
    classes = STATES | ORGS
    first = _first(ctx, lo, hi)
    if first is None or any(ctx.cls(x) not in classes for x in first):
        return None
    named = {x.entity for x in ctx.between(lo, hi) if x.kind != "coreference" and ctx.cls(x.entity) in classes}
    return first if named == set(first) else None  # "China protested after Washington announced it"
