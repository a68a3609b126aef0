"""Does the same article, saved another way, give the same graph? Metamorphic checks of the extractor.

    .venv/bin/python bench/extraction_invariance.py [--split S ...] [--perturbation P ...] [--verbose]

Each dev-material article (never a held-out split) is extracted as written and again after a
change a reader would not notice: Windows line ends, non-breaking spaces between words, accents
as combining marks (NFD), soft hyphens in long words, zero-width spaces after sentences,
tab-indented paragraphs, two spaces after a full stop, a byte-order mark, HTML character
references for curly marks, dashes and "&", paragraphs hard-wrapped at 72 columns (between
words, or also after a compound's hyphen as Python's textwrap does by default), paragraphs
parted by one line break instead of a blank line, curly quotation marks typed straight; and
after changes a reader does notice but that say the same: British spellings written American
("defence", "programme", "recognise") or the reverse, and states and groupings called by another
of their usual names ("Türkiye", "the Russian Federation", "the United Kingdom" for "Britain",
"ASEAN" for the full name), and negations contracted ("is not" as "isn't") or written out,
with names and quotes then compared in one spelling, with one name for each thing and with
every contraction written out; lists of names with and without the serial comma ("Japan,
Australia, and the Philippines"), and an attribution after a quotation turned round ("…,”
said Stoltenberg." for "…,” Stoltenberg said.") or back; and twenty countries the corpus names
most each written as one it rarely names ("Japan" as "Chile", "China" as "Brazil"; not inside a
longer name), with their adjectives and capitals, read back to the first; and titles of office
before a name written lower-case ("Polish prime minister Donald Tusk"), as some style books have them;
quotations in single marks; "says" for "said"; and "U.S.", "U.K.", "U.N." with and without their
full stops. For each change it prints how many articles gave other entities (label and
class), facts (subject label, predicate, object label) or statements (speaker label, the words
of the quote, stance, kind), and how many of each were lost and gained, and checks that every
evidence span is the changed text at its offsets. No gold is needed: the article as written is
the reference. With --gold, each change that keeps every character in its place (curly marks
typed straight, single quotation marks, non-breaking spaces, lower-case titles, "says") is also
scored against the gold written for the text as it was: what the change costs in the goals'
figures. Straight double quotation marks are ambiguous (opening or closing?) and are not
normalised by the extractor; their row shows what that costs.
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

from extraction_quality import HELD_OUT, SPLITS, evaluate_split, split_articles  # noqa: E402

from loaders.extraction.evaluate import Gold, Score, evidence_spans, micro  # noqa: E402
from loaders.extraction.pipeline import extract_many  # noqa: E402
from loaders.model import Article, Extraction  # noqa: E402

DEV_MATERIAL = tuple(s for s in SPLITS if s not in HELD_OUT)
KINDS = ("entities", "facts", "statements")


def _wrapped(text: str, break_on_hyphens: bool = False) -> str:
    """Each paragraph hard-wrapped at 72 columns, as e-mail and a PDF's copied text are (with
    `break_on_hyphens`, as Python's textwrap does by default: "Indo-" ending one line, "Pacific"
    starting the next)."""
    return "\n\n".join(p if "\n" in p else "\n".join(textwrap.wrap(
        p, 72, break_long_words=False, break_on_hyphens=break_on_hyphens)) for p in text.split("\n\n"))


def _soft_hyphens(text: str) -> str:
    return re.sub(r"\b([A-Za-z]{4})([a-z]{4,})", "\\1\u00ad\\2", text)


# British spellings and their American forms: the same article from another outlet's desk.
_SPELLINGS = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "centre": "center", "centres": "centers",
    "centred": "centered", "harbour": "harbor", "harbours": "harbors", "labour": "labor",
    "favour": "favor", "favourable": "favorable", "favoured": "favored", "honour": "honor",
    "honoured": "honored", "neighbour": "neighbor", "neighbours": "neighbors",
    "neighbouring": "neighboring", "endeavour": "endeavor", "endeavours": "endeavors",
    "behaviour": "behavior", "colour": "color", "rumours": "rumors", "armour": "armor",
    "armoured": "armored", "vigour": "vigor", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "counsellor": "counselor", "labelled": "labeled", "fuelled": "fueled", "fuelling": "fueling",
    "signalled": "signaled", "modelled": "modeled", "fulfil": "fulfill", "kilometre": "kilometer",
    "kilometres": "kilometers", "metres": "meters", "sceptical": "skeptical",
    "catalogue": "catalog", "grey": "gray", "analyse": "analyze", "analysed": "analyzed",
}
_ISE = ("recogn", "modern", "priorit", "stabil", "destabil", "critic", "emphas", "apolog", "author",
        "mobil", "normal", "real", "util", "jeopard", "minim", "maxim", "character", "final",
        "formal", "legitim", "summar", "sympath", "militar", "demilitar", "denuclear", "neutral",
        "institutional", "operational", "harmon", "special", "symbol", "organ", "civil", "global",
        "industrial", "liberal", "central", "decentral", "privat", "galvan", "revital",
        "standard", "synchron", "subsid", "terror", "weapon", "polar", "marginal", "optim")
for _stem in _ISE:
    for _end in ("e", "ed", "es", "ing", "ation", "ations"):
        _SPELLINGS.setdefault(f"{_stem}is{_end}", f"{_stem}iz{_end}")
_SPELLINGS = {uk: us for uk, us in _SPELLINGS.items() if uk != us}
_BRITISH = re.compile(r"\b(?:" + "|".join(sorted(_SPELLINGS, key=len, reverse=True)) + r")\b", re.I)
_AMERICAN_FORMS = {us: uk for uk, us in _SPELLINGS.items()}
_AMERICAN = re.compile(r"\b(?:" + "|".join(sorted(_AMERICAN_FORMS, key=len, reverse=True)) + r")\b", re.I)


def _respelled(text: str, pattern: re.Pattern[str], forms: dict[str, str]) -> str:
    """Each word of `forms` in `text` in its other spelling, in the word's own case."""
    def one(m: re.Match[str]) -> str:
        word = m.group()
        other = forms[word.lower()]
        return other.upper() if word.isupper() and len(word) > 1 else \
            other.capitalize() if word[0].isupper() else other
    return pattern.sub(one, text)


def american(text: str) -> str:
    return _respelled(text, _BRITISH, _SPELLINGS)


def british(text: str) -> str:
    return _respelled(text, _AMERICAN, _AMERICAN_FORMS)


# A state, a bloc or a grouping called by another of its usual names (the first form as most of
# the corpus writes it, the second as other outlets and official texts do).
_NAMES = (("Turkey", "Türkiye"), ("Czech Republic", "Czechia"), ("Russia", "the Russian Federation"),
          ("South Korea", "the Republic of Korea"), ("North Korea", "the DPRK"),
          ("United Kingdom", "UK"), ("Britain", "the United Kingdom"), ("Vietnam", "Viet Nam"),
          ("Myanmar", "Burma"), ("Laos", "Lao PDR"), ("East Timor", "Timor-Leste"),
          ("Moldova", "the Republic of Moldova"), ("Ivory Coast", "Côte d’Ivoire"),
          ("Association of Southeast Asian Nations", "ASEAN"), ("European Union", "EU"),
          ("North Atlantic Treaty Organization", "NATO"), ("Gulf Cooperation Council", "GCC"))
# Whole names only: not inside a dash-joined pair ("Russia-Ukraine"), a longer name ("Great
# Britain", "Russian") or after "the" where the other name brings its own.
_NAME = {old: re.compile(rf"(?<![\w’'-])(?<!the )(?<!The )(?<!Great )(?<![-–—]){re.escape(old)}(?![\w-]|[–—]\w)")
         for old, _ in _NAMES}
_ONE_NAME = {"Britain": "United Kingdom"}  # two forms of one thing on the list
_FORMS = {spelled: _ONE_NAME.get(old, old) for old, new in _NAMES
          for form in (old, new[4:] if new.startswith("the ") else new)
          for spelled in (form, re.sub(r"\W+", " ", form))}  # a statement's words are compared without marks
_ANY_FORM = re.compile(r"(?:\b[Tt]he )?(?<![\w-])(" + "|".join(
    re.escape(f) for f in sorted(_FORMS, key=len, reverse=True)) + r")(?![\w-])")


def renamed(text: str) -> str:
    for old, new in _NAMES:
        text = _NAME[old].sub(lambda m, n=new: n[0].upper() + n[1:] if m.start() == 0 or
                              text[m.start() - 2:m.start()] in (". ", "\n") else n, text)
    return text


def _first_names(text: str) -> str:
    """Labels and quotes read back with one name for each thing."""
    return _ANY_FORM.sub(lambda m: _FORMS[m.group(1)], text)


# Negations and auxiliaries written out and contracted: the polarity of a claim must not hang
# on the form ("will not join" and "won't join" state no membership).
_CONTRACTIONS = (("cannot", "can’t"), ("will not", "won’t"), ("shall not", "shan’t"), ("do not", "don’t"),
                 ("does not", "doesn’t"), ("did not", "didn’t"), ("is not", "isn’t"), ("are not", "aren’t"),
                 ("was not", "wasn’t"), ("were not", "weren’t"), ("has not", "hasn’t"),
                 ("have not", "haven’t"), ("had not", "hadn’t"), ("would not", "wouldn’t"),
                 ("should not", "shouldn’t"), ("could not", "couldn’t"), ("must not", "mustn’t"))


def _swapped(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """Each first form of `pairs` in `text` written as the second, in its own case."""
    forms = dict(pairs)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a, _ in pairs) + r")\b", re.I)
    return pattern.sub(lambda m: forms[m.group().lower()].capitalize() if m.group()[0].isupper()
                       else forms[m.group().lower()], text)


def contracted(text: str) -> str:
    return _swapped(text, _CONTRACTIONS)


def expanded(text: str) -> str:
    return _swapped(text.replace("n't", "n’t"), tuple((b, a) for a, b in _CONTRACTIONS))


def _written_out(text: str) -> str:
    """Labels and quotes read back with every contraction written out (a statement's words are
    compared without marks: "isn t")."""
    return expanded(re.sub(r"\b(\w+n) t\b", "\\1’t", text))


_NAME_WORDS = r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"
# The last item of a list of names with and without the serial comma ("Japan, Australia, and
# the Philippines": American style guides; "Japan, Australia and the Philippines": British).
# (Names written with "and" are no list: "Bosnia and Herzegovina", "Friendship and Cooperation".)
_AND_NAMES = r"(?!Herzegovina|Tobago|Barbuda|Nevis|Principe|the\s+Grenadines|Caicos|Cooperation|Development)"
_LAST_ITEM = re.compile(rf"((?<![\w’'-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}},\s+{_NAME_WORDS})( and )"
                        rf"{_AND_NAMES}(?=(?:the\s+)?[A-Z])")
_SERIAL = re.compile(rf"((?<![\w’'-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}},\s+{_NAME_WORDS}), and "
                     rf"{_AND_NAMES}(?=(?:the\s+)?[A-Z])")
# An attribution after a quotation written the other way round: "…,” Stoltenberg said." and
# "…,” said Stoltenberg."
_SAID_AFTER = re.compile(r"([,?!]”) ((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*) said(\.)")
_SAID_BEFORE = re.compile(r"([,?!]”) said ((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)(\.)")


# Countries the corpus names most, each with one it rarely names, with their adjectives and
# capitals: a rule or a name list that knows only the first would lose the facts of an article
# about the second.
_SWAPS = (
    (("Japan", "Chile"), ("Japanese", "Chilean"), ("Tokyo", "Santiago")),
    (("China", "Brazil"), ("Chinese", "Brazilian"), ("Beijing", "Brasília")),
    (("Russia", "Argentina"), ("Russian", "Argentine"), ("Moscow", "Buenos Aires"), ("Kremlin", "Casa Rosada")),
    (("Australia", "Kenya"), ("Australian", "Kenyan"), ("Canberra", "Nairobi")),
    (("India", "Nigeria"), ("Indian", "Nigerian"), ("New Delhi", "Abuja")),
    (("South Korea", "Morocco"), ("South Korean", "Moroccan"), ("Seoul", "Rabat")),
    (("North Korea", "Venezuela"), ("North Korean", "Venezuelan"), ("Pyongyang", "Caracas")),
    (("Ukraine", "Peru"), ("Ukrainian", "Peruvian"), ("Kyiv", "Lima")),
    (("Vietnam", "Senegal"), ("Vietnamese", "Senegalese"), ("Hanoi", "Dakar")),
    (("Indonesia", "Colombia"), ("Indonesian", "Colombian"), ("Jakarta", "Bogotá")),
    (("France", "Portugal"), ("French", "Portuguese"), ("Paris", "Lisbon")),
    (("Germany", "Austria"), ("German", "Austrian"), ("Berlin", "Vienna")),
    (("Turkey", "Egypt"), ("Turkish", "Egyptian"), ("Ankara", "Cairo")),
    (("Poland", "Romania"), ("Polish", "Romanian"), ("Warsaw", "Bucharest")),
    (("Iran", "Algeria"), ("Iranian", "Algerian"), ("Tehran", "Algiers")),
    (("Canada", "Ireland"), ("Canadian", "Irish"), ("Ottawa", "Dublin")),
    (("New Zealand", "Uruguay"), ("Wellington", "Montevideo")),
    (("Sweden", "Ghana"), ("Swedish", "Ghanaian"), ("Stockholm", "Accra")),
    (("Finland", "Tunisia"), ("Finnish", "Tunisian"), ("Helsinki", "Tunis")),
    (("Malaysia", "Ecuador"), ("Malaysian", "Ecuadorian"), ("Kuala Lumpur", "Quito")),
)
_SWAP = {old: re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])") for words in _SWAPS for old, _ in words}


def _swaps(text: str) -> list[tuple[str, str]]:
    """The words swapped in this text, so that they can be read back: a country's when the
    text names it and none of the other country's words."""
    return [(old, new) for words in _SWAPS if _SWAP[words[0][0]].search(text)
            and not any(new in text for _, new in words) for old, new in words]


_CAPITALISED = re.compile(r"[A-Z][\w’'-]*")


def swapped(text: str) -> str:
    """Not inside a longer name ("South China Sea", "Japan Coast Guard", "Team Japan")."""
    def one(m: re.Match[str], new: str) -> str:
        before = text[max(0, m.start() - 40):m.start()].split(" ")
        after = text[m.end():m.end() + 40].split(" ")
        inside = (len(before) > 1 and before[-1] == "" and _CAPITALISED.fullmatch(before[-2] or "-")
                  and not re.search(r"[.!?:”\n]$", before[-2])) or \
            (len(after) > 1 and after[0] == "" and _CAPITALISED.match(after[1] or "-")) or \
            (len(before) > 2 and before[-2] == "of" and _CAPITALISED.fullmatch(before[-3] or "-"))  # "Sea of Japan"
        return m.group() if inside else new
    for old, new in _swaps(text):
        text = _SWAP[old].sub(lambda m, n=new: one(m, n), text)
    return text


def _swapped_back(text: str, value: str) -> str:
    """A label or quote with the swapped names read back; a symmetric fact in one order."""
    for old, new in _swaps(text):
        value = re.sub(rf"(?<!\w){re.escape(new)}(?!\w)", old, value)
    return value


# Titles of office before a name, written lower-case as some style books have them
# ("Japanese prime minister Fumio Kishida", "foreign minister Penny Wong").
_TITLE = re.compile(r"\b(?:President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|"
                    r"Defen[cs]e Minister|Defen[cs]e Secretary|Foreign Secretary|Secretary of State|"
                    r"Secretary of Defense|Secretary-General|Secretary General|Chancellor|Premier|"
                    r"Minister of Foreign Affairs|Minister of Defen[cs]e|Ambassador|Spokesperson|Spokesman)"
                    r"(?=\s+(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'-]*)")


def lower_titles(text: str) -> str:
    """Each title of office before a name in lower case, but at a sentence's start."""
    return _TITLE.sub(lambda m: m.group() if m.start() == 0 or re.search(r"(?:[.!?]\s|[“\"\n]|:\s)$",
                                                                           text[max(0, m.start() - 2):m.start()])
                      else m.group().lower(), text)


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
    "wrap-72-at-hyphens": lambda t: _wrapped(t, break_on_hyphens=True),
    "html-references": lambda t: t.replace("&", "&amp;").translate(
        {ord("’"): "&rsquo;", ord("‘"): "&#8216;", ord("“"): "&ldquo;", ord("”"): "&#x201D;", ord("—"): "&mdash;"}),
    "single-newline-paragraphs": lambda t: re.sub(r"\n\n+", "\n", t),
    "straight-quotes": lambda t: t.translate(str.maketrans("“”‘’", "\"\"''")),
    "american-spelling": american,
    "british-spelling": british,
    "other-names": renamed,
    "contractions": contracted,
    "no-contractions": expanded,
    "serial-comma": lambda t: _LAST_ITEM.sub(r"\1,\2", t),
    "no-serial-comma": lambda t: _SERIAL.sub(r"\1 and ", t),
    "said-first": lambda t: _SAID_AFTER.sub(r"\1 said \2\3", t),
    "said-last": lambda t: _SAID_BEFORE.sub(r"\1 \2 said\3", t),
    "other-countries": swapped,
    "lower-case-titles": lower_titles,
    # British style: quotations in single marks (texts with single quotation marks of their own
    # are left as they are: their closing mark is the apostrophe's character)
    "single-quotation-marks": lambda t: t if "‘" in t else t.translate(str.maketrans("“”", "‘’")),
    # the reporting verb in the present, as features and analysis write it ("…,” she says.)
    "says": lambda t: re.sub(r"\b([Ss])aid\b", r"\1ays", t),
    # abbreviations with and without full stops ("U.S." and "US", "U.K." and "UK")
    "no-stops-in-abbreviations": lambda t: re.sub(r"\b(U)\.(S|K|N)\.(?!\w)", r"\1\2", t),
    "stops-in-abbreviations": lambda t: re.sub(r"(?<![\w.])(U)(S|K|N)(?![\w.])", r"\1.\2.", t),
}
# A change of the words themselves: names and quotes are compared in one spelling, or with one
# name for each thing.
READ_AS: dict[str, Callable[[str, str], str]] = {
    "american-spelling": lambda _, v: american(v), "british-spelling": lambda _, v: american(v),
    "other-names": lambda _, v: _first_names(v), "contractions": lambda _, v: _written_out(v),
    "no-contractions": lambda _, v: _written_out(v), "other-countries": _swapped_back,
    "lower-case-titles": lambda _, v: lower_titles(v), "says": lambda _, v: re.sub(r"\b([Ss])ays\b", r"\1aid", v),
    "no-stops-in-abbreviations": lambda _, v: _unstopped(v), "stops-in-abbreviations": lambda _, v: _unstopped(v)}


def _unstopped(value: str) -> str:
    """A label or quote with "U.S." read as "US" (a statement's words are compared without
    marks: "U S")."""
    return re.sub(r"\bU[. ]?([SKN])\b\.?", r"U\1", value)

Key = tuple[set[tuple[str, ...]], ...]


def key(ex: Extraction) -> Key:
    """What a reader of the graph sees of an extraction, without offsets."""
    label = {e.slug: e.label for e in ex.entities}
    words = re.compile(r"\W+")
    return ({(e.label, e.cls) for e in ex.entities},
            {(label.get(f.subject, f.subject), f.predicate, label.get(f.object, f.object)) for f in ex.facts},
            {(label.get(s.speaker, s.speaker), words.sub(" ", _visible(s.quote.quote)).strip(), s.stance, s.kind)
             for s in ex.statements})


def _read_as(k: Key, spelled: Callable[[str, str], str], text: str) -> Key:
    """`k` with every label and quote respelled (`text`: the article as written), the two ends
    of a symmetric fact in one order (renamed ends may sort the other way)."""
    def read(item: tuple[str, ...]) -> tuple[str, ...]:
        out = tuple(spelled(text, v) for v in item)
        return (min(out[0], out[2]), out[1], max(out[0], out[2])) if out[1:2] == ("partnerOf",) else out
    return tuple({read(item) for item in part} for part in k)


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
    if name in READ_AS:
        base = [_read_as(k, READ_AS[name], a.text) for k, a in zip(base, articles)]
    changed = [Article(a.id, change(a.text), title=a.title) for a in articles]
    out: dict[str, Counter[str]] = {k: Counter() for k in ("articles", "lost", "gained")}
    out["inexact"] = Counter()
    out["rewritten"] = Counter(articles=sum(a.text != c.text for a, c in zip(articles, changed)))
    for a, b, x, written in zip(changed, base, extract_many(changed), articles):
        out["inexact"]["evidence"] += inexact(x, a.text)
        k = _read_as(key(x), READ_AS[name], written.text) if name in READ_AS else key(x)
        for kind, before, after in zip(KINDS, b, k):
            if before != after:
                out["articles"][kind] += 1
                out["lost"][kind] += len(before - after)
                out["gained"][kind] += len(after - before)
                if verbose:
                    print(f"  {name} {a.id} {kind}: lost {sorted(before - after)[:3]} gained {sorted(after - before)[:3]}")
    return out


def against_gold(pairs: list[tuple[Article, Gold]], names: list[str]) -> list[str]:
    """Rows scoring each change that keeps every character's place (one for one) against the
    gold as written: what the change costs in the figures the goals are set in."""
    def row(name: str, m: Score) -> str:
        r = m.kinds["relations"]
        return (f"| {name} | {r.tp} / {r.fp} | {m.quotes_found}/{m.quotes_total} | "
                f"{m.stance_correct}/{m.stance_total} | {m.kinds['entities'].f1:.2f} |")
    rows = [row("as written", micro(evaluate_split(pairs)))]
    for name in names:
        changed = [(Article(a.id, PERTURBATIONS[name](a.text), title=a.title, skip=a.skip), g) for a, g in pairs]
        if all(len(a.text) == len(c.text) for (a, _), (c, _) in zip(pairs, changed)):
            rows.append(row(name, micro(evaluate_split(changed))))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=DEV_MATERIAL, action="append",
                        help="a dev-material split (repeatable); default all of them")
    parser.add_argument("--perturbation", choices=list(PERTURBATIONS), action="append",
                        help="one change (repeatable); default all")
    parser.add_argument("--verbose", "-v", action="store_true", help="what each article lost and gained")
    parser.add_argument("--gold", action="store_true",
                        help="also score each change that keeps offsets against the dev material's gold")
    args = parser.parse_args(argv)
    articles = [Article(a.id, a.text, title=a.title) for s in (args.split or DEV_MATERIAL)
                for a, _ in split_articles(s)]
    started = time.perf_counter()
    base = [key(x) for x in extract_many(articles)]
    print(f"{len(articles)} articles of {', '.join(args.split or DEV_MATERIAL)} "
          f"(as written: {time.perf_counter() - started:.1f} s)")
    print("\n| change | articles with other entities / facts / statements | entities lost / gained "
          "| facts lost / gained | statements lost / gained | evidence not exact | articles the change rewrote |"
          "\n|---|---|---|---|---|---|---|")
    for name in args.perturbation or PERTURBATIONS:
        c = compare(articles, name, args.verbose, base)
        cells = " / ".join(str(c["articles"][k]) for k in KINDS)
        lost = " | ".join(f"{c['lost'][k]} / {c['gained'][k]}" for k in KINDS)
        print(f"| {name} | {cells} | {lost} | {c['inexact']['evidence']} | {c['rewritten']['articles']} |")
    if args.gold:
        pairs = [p for s in (args.split or DEV_MATERIAL) for p in split_articles(s)]
        print("\n| against the gold (changes that keep offsets) | relations right / wrong | direct quotes, "
              "right speaker | stance | entity linking F1 |\n|---|---|---|---|---|")
        print("\n".join(against_gold(pairs, list(args.perturbation or PERTURBATIONS))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
