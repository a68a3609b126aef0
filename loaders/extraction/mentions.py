"""Find every gazetteer name in a text, with exact offsets and context rules.

One compiled regex over all surface forms (longest first) finds candidates; context rules
then decide what each one means:
- a capital that is also a metonym ("Tokyo") is the government unless a locative word or a
  determiner comes before it or an office/summit noun after it ("office in Tokyo", "a
  Tokyo office") — then it is the place;
- a name inside a longer geographic name is not the country ("South China Sea", "North
  America" when the gazetteer lacks it, "Korean Peninsula");
- an all-caps acronym glued to a following lower-case word counts ("NATOleading");
- forms the gazetteer marks ambiguous ("Korea", "Georgia") count only if the same entity is
  also named unambiguously in the article;
- coreference phrases ("the Alliance") count only if their entity is named in the article.
Curly and straight apostrophes, dashes and line breaks inside names are matched alike.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from loaders.extraction.gazetteer import Gazetteer

_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|into|outside|inside|around|toward|towards|via|across|through|"
    r"within|visit|visits|visited|visiting|based|arrived|arriving|hosted|held|preferably|"
    r"especially|particularly|notably|namely|perhaps|possibly)\s+"
    r"|\b(?:a|an|the|its|his|her|their|our)\s+"
    # "the Nigerien capital Niamey", "the capital, Honiara"; "in the north and Bamako"
    r"|\bcapital(?:\s+city)?,?\s+"
    # "a shorter visit to Paramaribo", "travelled to Honiara", "on a trip to Santiago"
    r"|\b(?:visits?|trips?|travel(?:s|led|ed|ling|ing)?|journey(?:s|ed)?|flew|fly(?:ing)?|"
    r"headed|heading)\s+to\s+"
    r"|\b(?:in|at|near|across|throughout|around)\s+(?:(?-i:[a-z-]+)\s+){1,4}and\s+)$", re.I)
_PLACE_AFTER = re.compile(
    r"^[-\s]+(?:office|offices|summit|embassy|meeting|talks|headquarters|conference|airport|"
    r"region|area|residents|streets?|hotel|port|bureau|station)\b", re.I)
_COMPASS_BEFORE = re.compile(
    r"\b(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|Central|Latin|"
    r"Eastern|Western|Northern|Southern|Inner|Outer)[\s-]+$")
_GEO_AFTER = re.compile(r"^\s+(?:Seas?|Ocean|Strait|Straits|Peninsula|Gulf|Basin|Sea\b)")
_TITLE_ACRONYM = re.compile(r"^[A-Z]{4,}$")
_CAP_BEFORE = re.compile(r"(?<![.!?:;,]\s)\b([A-Z][\w’']*)\s+$")
_CAP_AFTER = re.compile(r"^\s+([A-Z][a-z][\w’']*)")
_WORD_CHAR = re.compile(r"\w")
ARTICLE = re.compile(r"[Tt]he\s+")  # the definite article, as names and forms start with it
_COMPOUND = re.compile(r"\w[\w.]*[-–]\w[\w.]*\s+alliance\b")  # "US-Japan alliance"
_FUNCTION_WORDS = frozenset("""The A An In On At By For From To With And Or But If As Of
Since While When Where After Before Until Both Then That This Whether Not Only Yet Today
""".split())


def unglued(body: re.Pattern[str], text: str, glue: re.Pattern[str], pos: int = 0,
            end: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of `(?<!G)body` in text[pos:end], for G the one-character class `glue`.

    The same matches as that regex's `finditer`, found many times faster: a pattern that
    opens with a look-behind makes the regex engine try every position of the text, while one
    that opens with a plain character jumps from one place where that character occurs to the
    next. A match after a glue character is skipped, and the search goes on one place later,
    as the engine itself would go on."""
    end = len(text) if end is None else end
    m = body.search(text, pos, end)
    while m is not None:
        if m.start() > 0 and glue.match(text, m.start() - 1):
            m = body.search(text, m.start() + 1, end)
            continue
        yield m
        m = body.search(text, m.end() if m.end() > m.start() else m.end() + 1, end)


def any_of(stems: tuple[str, ...]) -> re.Pattern[str]:
    """A regex finding any of `stems` (plain words), grouped by first letter: the engine tries
    one group where a stem can start, so a text without any is passed over fast. A cheap first
    look before a costly pattern each match of which holds one of the stems."""
    return re.compile("|".join(re.escape(first) + "(?:" + "|".join(
        re.escape(w[1:]) for w in sorted(stems) if w[0] == first) + ")" for first in sorted({w[0] for w in stems})))


WORD = re.compile(r"\w")
WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _in_longer_name(before: str, after: str) -> bool:
    b, a = _CAP_BEFORE.search(before), _CAP_AFTER.match(after)
    return bool((b and b.group(1) not in _FUNCTION_WORDS)
                or (a and a.group(1) not in _FUNCTION_WORDS))


@dataclass(frozen=True)
class Hit:
    """A gazetteer match: text[start:end] names `slug` as `kind`."""

    start: int
    end: int
    slug: str
    kind: str
    ambiguous: bool = False


def normalize(text: str) -> str:
    """The matching key of a surface form: one apostrophe, one dash, single spaces."""
    text = re.sub(r"[’‘`]", "'", text)
    text = re.sub(r"[–—‑‐]", "-", text)
    return re.sub(r"\s+", " ", text)


# `normalize` of matched texts, which repeat (three regex substitutions a hit otherwise).
_key = functools.lru_cache(maxsize=4096)(normalize)


def _form_regex(form: str) -> str:
    return "".join(_form_pieces(form))


def _form_pieces(form: str) -> list[str]:
    """One regex piece per character of a surface form."""
    out = []
    for i, ch in enumerate(form):
        if ch == "'":
            out.append("['’]")
        elif ch == "-":
            out.append("[-–—‑‐]")
        elif ch == " ":
            out.append(r"\s+")
        elif i == 0 and form.startswith("the "):
            out.append("[Tt]")
        else:
            out.append(re.escape(ch))
    return out


_Trie = dict[str, "_Trie"]  # regex piece -> the node after it ("" -> {}: a form ends here)


def _trie_alternation(ordered: list[str]) -> str:
    """The alternation of the forms (in priority order, longest first) as a trie of their regex
    pieces: `A(?:lpha(?:bet)?|mber)` for `Alphabet|Alpha|Amber`.

    It matches what the plain alternation matches, at the same place and of the same length:
    two pieces of different forms at one place never match the same character (a literal, a
    run of spaces, an apostrophe or a dash class; "the " forms start with both "T" and "t"), so
    the forms that can match at a place are prefixes of one another, and the plain alternation
    takes the longest that is followed by no word character; so does the trie, which tries a
    longer form before ending a shorter one. Every alternative starts with a plain character,
    so the engine skips quickly to where a form can start, and there follows one path, not
    each form of that first character in turn (a hundred "The ..." forms at every "The")."""
    root: _Trie = {}
    for form in ordered:
        pieces = _form_pieces(form)
        for first in (["T", "t"] if pieces[0] == "[Tt]" else [pieces[0]]):
            node = root.setdefault(first, {})
            for piece in pieces[1:]:
                node = node.setdefault(piece, {})
            node[""] = {}  # a form ends here
    return _trie_body(root)


def _trie_body(node: _Trie) -> str:
    """The regex of a trie node: its branches, optional when a form ends at the node."""
    branches = [piece + _trie_body(child) for piece, child in node.items() if piece]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]  # (one way on: no group needed)
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body


class Matcher:
    """The compiled gazetteer patterns (one per Gazetteer, see `matcher`)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        forms: dict[str, list[tuple[str, str]]] = {}
        for text, slug, kind in gazetteer.surface_forms():
            forms.setdefault(normalize(text), []).append((slug, kind))
            if kind == "acronym" and _TITLE_ACRONYM.match(text):
                title = text[0] + text[1:].lower()  # "ASEAN" is also written "Asean"
                forms.setdefault(title, []).append((slug, "alias"))
        self.forms = {k: tuple(dict.fromkeys(v)) for k, v in forms.items()}
        ordered = sorted(self.forms, key=lambda f: (-len(f), f))
        # No look-behind in the regex (it would stop the engine's quick scan for first
        # characters): `find` checks that a match does not start inside a word instead.
        self.regex = re.compile(_trie_alternation(ordered) + r"(?![\w])")
        acronyms = sorted({normalize(t) for t, _, k in gazetteer.surface_forms()
                           if k == "acronym" and re.fullmatch(r"[A-Z]{3,}", t)},
                          key=lambda f: (-len(f), f))
        self.glued = re.compile(_trie_alternation(acronyms) + r"(?=[a-z]{3,})") \
            if acronyms else None  # (matched with `unglued`: after no word character)
        # (matched with `unglued`: no look-behind in the patterns, see there)
        self.coref = [(re.compile(_form_regex(p) + r"(?![\w])"), p, slug)
                      for p, slug in gazetteer.coreferences()]
        self._ambiguous: dict[str, bool] = {}  # gazetteer.is_ambiguous by matched text

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Gazetteer hits in text[start:end], resolved by context, sorted by offset."""
        end = len(text) if end is None else end
        hits: list[Hit] = []
        search = self.regex.search
        m = search(text, start, end)
        while m is not None:
            if m.start() > 0 and _WORD_CHAR.match(text, m.start() - 1):
                m = search(text, m.start() + 1, end)  # inside a word: as if the form had failed
                continue
            m = self._longer_after_article(text, m, end)
            key = _key(m.group())
            cands = self.forms.get(key) or self.forms.get("t" + key[1:], ())
            hit = self._resolve(text, m.start(), m.end(), cands) if cands else None
            if hit is not None:
                hits.append(hit)
            m = search(text, m.end(), end)
        if self.glued is not None:
            taken = [(h.start, h.end) for h in hits]
            for m in unglued(self.glued, text, WORD, start, end):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    for slug, kind in self.forms.get(m.group(), ()):
                        hits.append(Hit(m.start(), m.end(), slug, kind))
                        break
        return sorted(hits, key=lambda h: (h.start, h.end))

    def _longer_after_article(self, text: str, m: re.Match[str], end: int) -> re.Match[str]:
        """A form written with its article ("the United Nations") gives way to a longer name
        that starts after the article ("the United Nations Security Council"): the leftmost
        match would otherwise swallow the start of the longer name and lose it."""
        article = ARTICLE.match(m.group())
        if article is None:
            return m
        longer = self.regex.match(text, m.start() + article.end(), end)
        return longer if longer is not None and longer.end() > m.end() else m

    def _resolve(self, text: str, s: int, e: int, cands: tuple[tuple[str, str], ...]
                 ) -> Hit | None:
        before, after = text[max(0, s - 40):s], text[e:e + 40]
        kinds = {k for _, k in cands}
        country_like = any(self.gazetteer.entries[sl].cls in ("Country", "Place") for sl, _ in cands)
        if country_like and (_COMPASS_BEFORE.search(before) or _GEO_AFTER.match(after)):
            return None  # "South China Sea", "Korean Peninsula", "Latin America"
        if "metonym" in kinds:
            if _in_longer_name(before, after):
                return None  # "King's College London", "Beijing Olympics"
            as_place = bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after))
            for slug, kind in cands:
                is_place = self.gazetteer.entries[slug].cls == "Place"
                if as_place and is_place and kind != "metonym":
                    return self._hit(text, s, e, slug, "name")
                if not as_place and kind == "metonym":
                    return self._hit(text, s, e, slug, "metonym")
            if as_place:  # a metonym with no Place entry of its own: the country's capital
                for slug, kind in cands:
                    place = self.gazetteer.entries[slug].place
                    if kind == "metonym" and place:
                        return self._hit(text, s, e, place, "name")
            slug, kind = cands[0]
            return self._hit(text, s, e, slug, kind)
        slug, kind = cands[0]
        return self._hit(text, s, e, slug, kind)

    def _hit(self, text: str, s: int, e: int, slug: str, kind: str) -> Hit:
        return Hit(s, e, slug, kind, ambiguous=self._is_ambiguous(text[s:e]))

    def _is_ambiguous(self, name: str) -> bool:
        """`Gazetteer.is_ambiguous`, kept per name (the matcher already fixes the gazetteer's
        forms when it is built; the cache is bounded)."""
        known = self._ambiguous.get(name)
        if known is None:
            if len(self._ambiguous) > 10_000:
                self._ambiguous.clear()
            known = self._ambiguous[name] = self.gazetteer.is_ambiguous(name)
        return known

    def corefs(self, text: str, hits: list[Hit], start: int = 0, end: int | None = None
               ) -> list[Hit]:
        """Coreference phrases ("the Alliance") whose entity the article names elsewhere.

        Capitalised phrases need only that; lower-case ones ("the alliance") also need the
        entity as the last organisation named before them, within 400 characters.
        """
        end = len(text) if end is None else end
        named = {h.slug for h in hits if h.kind != "demonym"}
        ordered = sorted(hits, key=lambda h: h.start)
        starts = [h.start for h in ordered]
        orgs = [h for h in ordered if self.gazetteer.entries[h.slug].cls
                in ("Alliance", "InternationalOrganisation", "Partnership")]
        org_ends = [h.end for h in orgs]
        # (beyond `end` only the first match matters, and only if it starts before `end`)
        compound = _first_compound(text, min(len(text), end + 1000))
        out: list[Hit] = []
        for regex, phrase, slug in self.coref:
            if slug not in named:
                continue
            for m in unglued(regex, text, WORD, start, end):
                i = bisect.bisect_right(starts, m.start()) - 1
                if i >= 0 and ordered[i].end > m.start():
                    continue  # inside a longer name
                word = m.group().split()[-1]
                if word[:1].islower():
                    j = bisect.bisect_right(org_ends, m.start()) - 1
                    prior = orgs[j] if j >= 0 else None
                    earlier_compound = compound is not None and compound < m.start()
                    if earlier_compound or not self._recent_org(text, prior, m.start(), slug):
                        continue
                out.append(Hit(m.start(), m.end(), slug, "coreference"))
        return out

    @staticmethod
    def _recent_org(text: str, prior: Hit | None, at: int, slug: str) -> bool:
        """Lower-case "the alliance" is NATO only right after NATO is named (within 400
        characters, no other alliance word between, no other alliance named by its members
        earlier in the text) and when no name follows it ("the alliance America ... created")."""
        if prior is None or prior.slug != slug or at - prior.end > 400:
            return False
        between = text[prior.end:at]
        if re.search(r"\balliances?\b", between):
            return False
        return not re.match(r"\s+(?:[A-Z]|between|of\b)", text[at + len("the alliance"):at + 30])


@functools.lru_cache(maxsize=4)
def matcher(gazetteer: Gazetteer) -> Matcher:
    """The compiled matcher for a gazetteer (compiling takes a moment; done once)."""
    return Matcher(gazetteer)


def _first_compound(text: str, end: int) -> int | None:
    """Where `_COMPOUND.search(text, 0, end)` starts, if it matches at all, looked for only
    around each "alliance" (the regex opens with \\w: alone, it tries every place of the text).

    A match ends in "alliance" after a space; it starts in the run of non-space characters just
    before that space. Such runs come in text order, so the first "alliance" with a match has
    the leftmost one, and the window from its run to one character past it holds that match."""
    at = text.find("alliance", 0, end)
    while at >= 0:
        run = at
        while run > 0 and text[run - 1].isspace():
            run -= 1
        while run > 0 and not text[run - 1].isspace():
            run -= 1
        m = _COMPOUND.search(text, run, min(end, at + len("alliance") + 1))
        if m is not None:
            return m.start()
        at = text.find("alliance", at + 1, end)
    return None


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
# "Turkey's ambassador", "Chad's president", "Georgia's parliament": a possessive before an
# office or organ of a state is the country (no bird, person or US state has one).
_STATE_OWNED = re.compile(
    r"['’]s\s+(?:(?:new|former|top|deputy|first|own|then|current|chief)\s+)?(?:ambassador|envoy|"
    r"president|prime\s+minister|premier|(?:foreign|defen[cs]e|interior)\s+(?:minister|ministry)|"
    r"ministry|parliament|government|military|armed\s+forces|army|navy|air\s+force|embassy|"
    r"king|emir|monarch|junta|cabinet|ruling\s+party|intelligence|troops|sovereignty)\b")


def resolve_ambiguous(hits: list[Hit], text: str | None = None, countries: frozenset[str] = frozenset(),
                      capitals: Mapping[str, str] | None = None) -> list[Hit]:
    """Keep an ambiguous hit only if its entity is also named unambiguously in the article (a
    country also by its capital, `capitals`: place slug -> country slug: "the capital Tbilisi"
    says which Georgia), or (given the text) if it is a country listed next to a country named
    unambiguously ("with Qatar and Turkey": the country, not the bird) or owns a state's office
    or organ ("Turkey's ambassador")."""
    sure = {h.slug for h in hits if not h.ambiguous}
    sure |= {country for capital, country in (capitals or {}).items() if capital in sure}
    if text is not None and countries:
        sure |= {h.slug for h in hits if h.ambiguous and h.slug in countries
                 and _STATE_OWNED.match(text, h.end)}
        ordered = sorted(hits, key=lambda h: h.start)
        for a, b in zip(ordered, ordered[1:]):
            if a.slug in countries and b.slug in countries and _LIST_JOIN.fullmatch(text, a.end, b.start):
                if not a.ambiguous:
                    sure.add(b.slug)
                if not b.ambiguous:
                    sure.add(a.slug)
    return [h for h in hits if not h.ambiguous or h.slug in sure]
