"""Who holds an office of which country or organisation (`ag:holdsOffice`), from titles
written next to a person's name.

Only what the words state: "French President Emmanuel Macron", "NATO Secretary General Jens
Stoltenberg", "Japan's prime minister, Fumio Kishida", "Jens Stoltenberg, NATO's secretary
general", "Fumio Kishida, the Japanese prime minister", "Antony Blinken, the secretary of state
of the United States", "Secretary General of NATO Jens Stoltenberg", "President Yoon Suk Yeol
of South Korea". A title without a country or organisation ("Prime Minister Kishida") gives
nothing: knowing whose prime minister he is would be world knowledge. A past office
("former", "late", "ex-", "then-") is not a current one and gives nothing either.

Confidence 0.85: the title and the name are adjacent, the pattern leaves little doubt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extraction.context import Context
from loaders.extraction.sentences import Span, clause_around
from loaders.model import Fact, Mention

CONFIDENCE = 0.85
COREF_CONFIDENCE = 0.65  # the owner or holder is a description ("the bloc's chief"), not a name
HOLDERS = frozenset({"Person"})
OFFICES = frozenset({"Country", "InternationalOrganisation", "Alliance", "Partnership",
                     "Organisation"})

_TITLE = (
    r"(?:(?:acting|deputy|vice|chief|senior|top|new|current|incoming|outgoing|sitting|special|"
    r"newly[\s-](?:elected|inaugurated|appointed|installed|sworn[\s-]in)|military|interim|transitional|caretaker|permanent|principal|assistant|"
    r"under|associate|executive|first|then|former|high)[\s-]+)*"
    r"(?:president|prime\s+minister|premier|chancellor|"
    r"(?:foreign|defen[cs]e|finance|trade|interior|home|economy|economic|security|"
    r"industry|energy)\s+(?:(?-i:[a-z]+)\s+)?(?:minister|secretary)|"
    # a capitalised portfolio of one to three words before the title: "Defence Industry Minister"
    r"(?-i:(?:[A-Z][a-z]+\s+){1,3})(?:[Mm]inister|[Ss]ecretary)(?!\s+(?:of|for)\b)|"
    r"minister(?:\s+(?:of|for)\s+(?:[A-Z][\w-]*+(?:\s+and)?\s*)+)?|secretary[\s-]general|"
    r"secretary\s+of\s+(?:state|defen[cs]e|war|the\s+\w+|(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))(?:\s+for\s+(?:[A-Z][\w-]*+(?:\s+and)?\s*)+)?|"
    r"secretary\s+for\s+(?-i:[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)?)|secretary|"
    r"ambassador(?:\s+to\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)?|envoy|"
    r"(?:(?:foreign|defen[cs]e)\s+ministry\s+|foreign\s+(?:policy|affairs)\s+|"
    # "Israeli government spokesman David Mencer", "Russian presidential spokesman Dmitry Peskov"
    r"(?:government|presidential|cabinet|military|army|navy|armed\s+forces)\s+)?spokes(?:person|man|woman)|"
    r"king|queen|emperor|crown\s+prince|supreme\s+leader|leader|head\s+of\s+state|"
    r"head\s+of\s+government|national\s+security\s+advis[eo]r|chief\s+of\s+staff|"
    # "Chairman of the Joint Chiefs Gen. X", "Chairman of the Joint Staff Gen. Y"
    r"chair(?:man|woman|person)?(?:\s+of\s+the\s+joint\s+(?:chiefs(?:\s+of\s+staff)?|staff))?|"
    r"commander|general|admiral|director(?:[\s-]general)?|"
    r"(?:air\s+chief\s+|field\s+|air\s+)?marshal|brigadier(?:[\s-]general)?|colonel|"
    r"inspector[\s-]general(?:\s+of\s+(?:police|the\s+police))?|high\s+representative(?:\s+(?:for|of)\s+(?:[A-Z][\w-]*+(?:\s+and)?\s*)+)?|commissioner|senator|governor|charg[eé]\s+d['’]affaires|"
    # "Germany's defense attaché to Thailand, X": the sending state's office
    r"consul(?:[\s-]general)?|counsel(?:l)?or|(?:(?:defen[cs]e|military|naval|air|army)\s+)?attach[eé]"
    r"(?:\s+to\s+(?:the\s+)?(?-i:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?))?|commandant|representative|top\s+diplomat|"
    r"(?:foreign\s+policy|defen[cs]e|army|navy|military|intelligence|spy|police)\s+chief|"
    r"(?:army|navy|naval|air\s+force|military|police|coast\s+guard)\s+(?:commander|head)|"
    # "Russian contingent head Captain Oleg Gladkiy", "the Chinese delegation's chief"
    r"(?:contingent|delegation|mission|task\s+force)\s+(?:commander|head|chief|leader)|"
    r"speaker(?:\s+of\s+(?:the\s+)?(?:parliament|house|assembly|senate|national\s+assembly|lower\s+house))?|"
    r"chief|head|counterpart|colleague)(?:[\s-]elect|[\s-]designate)?")
# Coordinated titles of one person: "Deputy Prime Minister and Defence Minister".
_TITLES = _TITLE + r"(?:\s*(?:,|and|&)\s+" + _TITLE + r")*"
# Given names or initials between the title and the mention the gazetteer found ("President
# Recep Erdogan" where only "Erdogan" is known).
_GIVEN = r"(?-i:(?:(?:Mr|Ms|Mrs|Dr|Hon|Gen|Adm|Col|Lt|Maj|Capt)\.\s+)?(?:(?:[A-Z][a-z][\w’'-]*|[A-Z]\.)\s+){0,2})"
# A suffix after the name: "Joseph R. Biden, Jr. of the United States".
_SUFFIX = r"(?:,?\s+(?:Jr|Sr)\.?|\s+(?:II|III|IV))?"
_PAST = re.compile(r"\b(?:erstwhile|one-time|onetime)\b", re.I)  # "former", "then-": still an office held (corpus guideline)
# A (country, organisation, demonym) then the title then the name.
# The organ of a country or organisation before the title: "ECOWAS Commission President Omar Touray"
_ORGAN = (r"(?:(?-i:Commission|Council|Parliament|Assembly|Secretariat|State\s+Duma|Duma|Senate|Congress|"
          # "U.S. Department of Homeland Security Secretary Kristi Noem"
          r"(?:Department|Ministry)\s+of\s+(?:[A-Z][\w-]*\s+(?:and\s+)?){0,3}?[A-Z][\w-]*)\s+)?")
_A_TITLE_P = re.compile(r"(?:['’]s|(?<=s)['’])?(?:\s+\((?-i:[A-Z](?:\.?[A-Z]){1,5}\.?)\))?\s+(?:the\s+)?" + _ORGAN + _TITLES + r"\s*,?\s+(?:the\s+)?" + _GIVEN, re.I)
TITLE_BETWEEN = _A_TITLE_P  # what lies between a country or organisation and its office holder
# A second title with its own owner after the first: "Armenia’s Prime Minister and Chairman of
# the CSTO Collective Security Council Nikol Pashinyan" (the first title is Armenia's).
_A_TITLES_OF_P = re.compile(r"(?:['’]s|(?<=s)['’])?\s+(?:the\s+)?" + _ORGAN + _TITLES +
                            r"\s+(?:and|&)\s+" + _TITLE + r"\s+(?:of|for)\s+(?:the\s+)?"
                            r"(?-i:(?:[A-Z][\w’'-]*\s+){1,5}?)" + _GIVEN, re.I)
# An organ of a country or organisation, by its head word, or a ministry named with its
# portfolio: what `_OWNER_ORGAN` and `_ORGAN_AFTER` (a name after "title of <owner>") allow.
_ORGAN_HEADS = r"Commission|Council|Parliament|Assembly|Secretariat|Committee|Board"
_MINISTRY = r"(?:Department|Ministry)\s+of\s+(?:[A-Z][\w-]*\s+(?:and\s+)?){0,3}?[A-Z][\w-]*"
# The organ of the owner named after "title of": "Chairman of the CSTO Collective Security
# Council", "The head of the United States Pacific Command Admiral Harry Harris"
_OWNER_ORGAN = re.compile(r"\s+(?-i:(?:[A-Z][\w-]*\s+){0,3}(?:" + _ORGAN_HEADS + r"|Command)|" + _MINISTRY + r")"
                          r"(?:\s*,?\s+(?-i:Admiral|General|Gen\.|Adm\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?))?\s*,?\s*")
# The name, then a comma and the title with its owner: ", NATO's secretary general".
# A word of tenure may come before the owner: "X, a former Ghanaian defence minister", "X, acting NATO
# spokesperson"; a byline separates name and title by a bar: "Mara Karlin | Former U.S. deputy ...".
_P_THEN = re.compile(_SUFFIX + r"(?:\s*(?:,|\s\|)\s+(?:who\s+(?:is|was)\s+(?:also\s+)?)?|\s+(?:is|was)\s+(?:also\s+)?"
                     r"(?=(?:the|a|an)\s))(?:(?:the|a|an)\s+)?"
                     r"(?:(?:former|acting|then|outgoing|incoming|current|interim|caretaker|new)[\s-]+)?", re.I)
# ("Colombia's first leftist president": up to two words of description before the title)
_AFTER_A = re.compile(r"(?:['’]s|(?<=s)['’])?\s+(?:(?-i:[a-z][\w-]*)\s+){0,2}?" + _TITLES + r"\b", re.I)  # "the Philippines' defense chief"
# An organ of the owner between: ", Head of the CIS Affairs Committee of the Russian State Duma"
_ORGAN_OF = r"(?:(?:[\w-]+\s+){0,3}?(?:committee|commission|council|assembly|secretariat|board)\s+of\s+(?:the\s+)?)?"
_P_TITLE_OF = re.compile(_SUFFIX + r"\s*,\s+(?:(?:the|a|an)\s+)?(?-i:(?:[a-z][\w-]*\s+){0,2}?)" + _TITLES +
                         r"\s+(?:of|for|at)\s+(?:the\s+)?" + _ORGAN_OF, re.I)  # ", a policy director at"
_TITLE_OF_A = re.compile(r"\b" + _TITLE + r"\s+(?:of|for|at)\s+(?:the\s+)?$", re.I)
_TITLE_BEFORE = re.compile(r"\b" + _TITLES + r"\s+" + _GIVEN + "$", re.I)
_OF = re.compile(_SUFFIX + r"\s+(?:of|from)\s+(?:the\s+)?", re.I)
OF_OWNER = _OF  # between a titled name and the country or organisation that follows it
TITLE_LEFT = re.compile(r"\b" + _TITLES + r"\s*,?\s+" + _GIVEN + r"$", re.I)  # a title ending at a name
# a title written lower-case, as some style books have it, between "welcome" and a name
LOWER_TITLE_LEFT = r"\b(?:the\s+)?(?:" + _TITLES + r")\s+" + _GIVEN + r"$"
# A signature line: "Ben Wallace, Secretary of State for Defence, United Kingdom".
# (the comma before the country may be left out: "Trine Bramsen, Minister of Defence Denmark, …")
_P_TITLE_COMMA = re.compile(_SUFFIX + r"(?:\s+MP)?\s*,\s+(?:the\s+)?" + _TITLES + r"\s*,?\s+(?:the\s+)?", re.I)
# "Gutiérrez served as Mexico's Ambassador", "X, who was appointed as Japan's defence minister"
_WHO_SERVED = (_SUFFIX + r"\s*,?\s+(?:who\s+)?(?:(?:has|had|have|previously|also|later|once|now|is|was|just|"
               r"recently)\s+)*(?:served|serves|serving|appointed|named|became|becomes")
_SERVED_AS = re.compile(_WHO_SERVED + r")\s+(?:as\s+)?(?:the\s+)?", re.I)
# "X, who served as president of Latvia", "X, who ended his term as president of Latvia this month"
_SERVED_AS_OF = re.compile(_WHO_SERVED + r"|elected|"
                           r"(?:began|begun|begins|ended|ends|finished|finishes|completed|started|starts)\s+"
                           r"(?:his|her|their|a)\s+(?:(?:first|second|third|final|last|new)\s+)?term)\s+as\s+"
                           r"(?:the\s+)?" + _TITLES + r"\s+(?:of|for)\s+(?:the\s+)?", re.I)
_NOT_OFFICE = re.compile(r"\bopposition\b", re.I)
# A state's or organisation's possessive right before a person's name: its office holder
# ("Germany's Heiko Maas", "NATO's Stoltenberg"), as the corpus guideline reads it
_OWNERS_NAME = re.compile(r"['’]s\s+")


def find_offices(ctx: Context) -> list[Fact]:
    """Every holdsOffice fact the titles in the article state."""
    out: list[Fact] = []
    for si, sentence in enumerate(ctx.sentences):
        mentions = ctx.sentence_mentions(si)
        people = [m for m in mentions if ctx.cls(m.entity) in HOLDERS]
        if not people:
            out.extend(_named_next(ctx, si, mentions))
            continue
        owners = [m for m in mentions if ctx.cls(m.entity) in OFFICES]
        out.extend(_respectively(ctx, sentence, mentions))
        for p in people:
            found = list(_owners_of(ctx, sentence, p, owners))
            if not found:
                found = _its_title(ctx, sentence, p, owners)
            for a, lo, hi in found:
                if a.entity == p.entity:
                    continue
                words = ctx.text[max(sentence.start, lo - 12):hi]
                if _PAST.search(words) or _NOT_OFFICE.search(words):
                    continue
                span = clause_around(ctx.text, sentence, lo, hi)
                confidence = COREF_CONFIDENCE if "coreference" in (a.kind, p.kind) else CONFIDENCE
                out.append(Fact(p.entity, "holdsOffice", a.entity,
                                ctx.evidence(span.start, span.end), confidence, "office-title"))
    return out


_ITS_TITLE = re.compile(r"\b(?:its|their)\s+" + _TITLES + r"\s*,?\s+" + _GIVEN + "$", re.I)
_SUBJECT_START = re.compile(r"\s*(?:(?:the|The)\s+)?$")


def _its_title(ctx: Context, sentence: Span, p: Mention, owners: list[Mention]
               ) -> list[tuple[Mention, int, int]]:
    """"Australia will upgrade its navy …, its defence minister Richard Marles said": "its" is
    the state or body the sentence opens with (its subject), at coreference confidence."""
    lo, hi = max(sentence.start, p.evidence.start - 80), p.evidence.start
    if not owners or (ctx.folded.find("its", lo, hi) < 0 and ctx.folded.find("their", lo, hi) < 0):
        return []  # (a substring test spares the title regex nearly every person)
    title = _ITS_TITLE.search(ctx.text, lo, hi)
    if not title:
        return []
    first = owners[0]
    if first.evidence.start >= title.start() or not _SUBJECT_START.fullmatch(ctx.text, sentence.start, first.evidence.start):
        return []
    return [(Mention(first.entity, first.evidence, "coreference"), title.start(), p.evidence.end)]


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# "his Russian, Nigerien and Burkinabe counterparts Sergey Lavrov, Yaou Sangare Bakary and
# Karamoko Traore": the n-th owner's office is the n-th person's
_PLURAL_TITLE = re.compile(r"\s+(?:(?-i:[a-z][\w-]*)\s+){0,2}?(?:counterparts|presidents|prime\s+ministers|"
                           r"ministers|leaders|ambassadors|envoys|chiefs|heads\s+of\s+state)\s*,?\s+", re.I)


def _runs(ctx: Context, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by commas and "and" into lists."""
    runs: list[list[Mention]] = []
    for m in mentions:
        if runs and _LIST_GAP.fullmatch(ctx.text, runs[-1][-1].evidence.end, m.evidence.start):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _respectively(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """Two or more countries, a plural title, as many people: each person holds the office of
    the country in the same place of the list."""
    runs = _runs(ctx, sorted(mentions, key=lambda m: m.evidence.start))
    for owners, people in zip(runs, runs[1:]):
        if len(owners) < 2 or len(owners) != len(people) \
                or not all(ctx.cls(a.entity) == "Country" for a in owners) \
                or not all(ctx.cls(p.entity) in HOLDERS for p in people) \
                or not _PLURAL_TITLE.fullmatch(ctx.text, owners[-1].evidence.end, people[0].evidence.start):
            continue
        span = clause_around(ctx.text, sentence, owners[0].evidence.start, people[-1].evidence.end)
        for a, p in zip(owners, people):
            yield Fact(p.entity, "holdsOffice", a.entity, ctx.evidence(span.start, span.end), CONFIDENCE,
                       "office-respectively")


def _titles_next(ctx: Context, lo: int, at: int, sentence: Span) -> bool:
    """Whether the title from `lo` to `at` is the next person's ("Lee Jong-sup, US Defense
    Secretary Lloyd Austin and ...": Austin's title, not Lee's), also where the title's words
    run into that person's name ("UK Secretary of State for Defence Grant Shapps")."""
    return any(ctx.cls(m.entity) in HOLDERS and (
        re.fullmatch(r"\s+" + _GIVEN, ctx.text[at:m.evidence.start])
        or m.evidence.start < at and TITLE_LEFT.search(ctx.text, lo, m.evidence.start) is not None)
        for m in ctx.between(lo, min(at + 40, sentence.end)))


# A name right after the owner: the title before it is that name's ("Nazarbayev, Chairman of
# the People's Republic of China Xi Jinping": Xi's title, not Nazarbayev's).
_TITLE_NEXT = re.compile(r"\s+" + _TITLES + r"\b", re.I)
_BODY_WORD = re.compile(r"\b(?:Duma|Parliament|Assembly|Congress|Senate|Council|Commission|Committee|"
                        r"Ministry|Government|Cabinet|Court|Forces|Army|Navy|Guard|Command|Board|Secretariat|Agency|"
                        r"Office|Department|Structure|Organi[sz]ation|Authority|Bureau|Directorate|Service|"
                        r"Centre|Center|Institute|Force)\b")
_NAME_NEXT = re.compile(r"\s+(?-i:[A-Z][a-z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|[A-Z]\.))+)")


def _name_after(ctx: Context, at: int, sentence: Span) -> bool:
    """Whether a person's name (a person mention, or two capitalised words) follows `at`."""
    if _TITLE_NEXT.match(ctx.text, at, sentence.end):
        return False  # "spokesman for Russian President Vladimir Putin": a title, then its holder
    name = _NAME_NEXT.match(ctx.text, at, sentence.end)
    if name and not _BODY_WORD.search(name.group()):  # "the Russian State Duma": a body, no name
        return True
    return any(ctx.cls(m.entity) in HOLDERS and re.fullmatch(r"\s+" + _GIVEN, ctx.text[at:m.evidence.start])
               for m in ctx.between(at, min(at + 40, sentence.end)))


def _owners_of(ctx: Context, sentence: Span, p: Mention, owners: list[Mention]
               ) -> Iterator[tuple[Mention, int, int]]:
    """(owner, start, end of the words that state it) for one person mention."""
    text = ctx.text
    ps, pe = p.evidence.start, p.evidence.end
    before = [a for a in owners if a.evidence.end <= ps]
    after = [a for a in owners if a.evidence.start >= pe]
    for a in reversed(before[-2:]):  # "US Ambassador to Japan Rahm Emanuel": the US
        gap = text[a.evidence.end:ps]
        if _OWNERS_NAME.fullmatch(gap) and a.kind in ("name", "alias", "acronym") \
                and ctx.cls(a.entity) in OFFICES - {"Partnership", "Organisation"}:
            yield a, a.evidence.start, pe  # "Germany's Heiko Maas", "Russia's Lavrov"
            break
        if _A_TITLE_P.fullmatch(text, a.evidence.end, ps) or _A_TITLES_OF_P.fullmatch(text, a.evidence.end, ps):
            yield a, a.evidence.start, pe  # "French President Emmanuel Macron", "the Maldives’ President"
            break
        title = _TITLE_OF_A.search(text, max(sentence.start, a.evidence.start - 60), a.evidence.start)
        if re.fullmatch(r"\s*,?\s*", gap) and title:
            yield a, title.start(), pe  # "Secretary General of NATO Jens Stoltenberg"
            break
        if title and _OWNER_ORGAN.fullmatch(gap):
            yield a, title.start(), pe  # "Chairman of the CSTO Collective Security Council X"
            # (no break: a title before this one may have its own owner, "Armenia’s Prime Minister and")
    if after:
        a = after[0]
        gap = text[pe:a.evidence.start]
        title = _AFTER_A.match(text, a.evidence.end, sentence.end)
        if (_P_THEN.fullmatch(gap) or _SERVED_AS.fullmatch(gap)) and title \
                and not _titles_next(ctx, a.evidence.end, title.end(), sentence):
            yield a, ps, title.end()  # "Kishida, Japan's prime minister", "X served as Mexico's ambassador"
        elif (_P_TITLE_OF.fullmatch(gap) or _SERVED_AS_OF.fullmatch(gap)) and not _name_after(ctx, a.evidence.end, sentence):
            yield a, ps, a.evidence.end  # "Blinken, the secretary of state of the United States"
        elif _P_TITLE_COMMA.fullmatch(gap) and re.match(r"\s*(?:[,.;]|and\b|$)", text[a.evidence.end:a.evidence.end + 5]):
            yield a, ps, a.evidence.end  # "Ben Wallace, Secretary of State for Defence, United Kingdom"
        elif _OF.fullmatch(gap) and _TITLE_BEFORE.search(text[max(sentence.start, ps - 40):ps]):
            yield a, ps, a.evidence.end  # "President Yoon Suk Yeol of South Korea"


# A title, "of" and its owner, then a name the statistical model may miss or call a place:
# "President of the Republic of Kazakhstan Kassym-Jomart Tokayev", "the president of Ghana,
# Oluwa Teversham". The owner is a mention (a country, an organisation or a place).
_TITLE_OF_END = re.compile(r"\b" + _TITLE + r"\s+(?:of|for)\s+(?:the\s+)?(?:(?-i:Republic|Kingdom|State)\s+of\s+(?:the\s+)?)?$",
                           re.I)
_ORGAN_AFTER = (r"(?-i:(?:[A-Z][\w-]*\s+){0,3}?(?:" + _ORGAN_HEADS + r")|" + _MINISTRY + r")"
                r"(?:\s*,?\s+(?:Mr|Ms|Mrs|Dr)\.?)?")
# Words of a portfolio, never the first word of a person's name after it
_PORTFOLIO = r"(?!(?-i:Affairs|Defen[cs]e|Security|Relations|Trade|Development|Cooperation|Justice|Interior|Finance)\b)"
_NAME_AFTER_OWNER = re.compile(
    r"(?:\s+" + _ORGAN_AFTER + r")?\s*,?\s+" + _PORTFOLIO + r"(?P<name>(?-i:[A-Z][a-z][\w’'-]*(?:\s+(?:(?:da|de|do|dos|das|del|di|bin|ibn|al|van|von|der|le|la)\s+)*"
    r"(?:[A-Z]\.|[A-Z][a-z][\w’'-]*)){1,3}))(?![\w’'-])")
OWNER_CLASSES = OFFICES | {"Place"}


def _after_of(text: str, at: int) -> bool:
    """What `_TITLE_OF_END` needs right before `at`: "of", "for" or "the", then a space (a
    cheap first look before its scan)."""
    j = at
    while j > 0 and text[j - 1].isspace():  # (re's \s is str.isspace)
        j -= 1
    return j < at and text[max(0, j - 3):j].lower().endswith(("of", "for", "the"))


def names_after_owned_titles(ctx: Context, si: int) -> Iterator[tuple[int, int]]:
    """Spans of capitalised names written right after "<title> of <owner>" in sentence `si`
    (candidates for a Person: the caller checks that no known name overlaps them)."""
    sentence = ctx.sentences[si]
    for a in ctx.sentence_mentions(si):
        if ctx.cls(a.entity) not in OWNER_CLASSES or not _after_of(ctx.text, a.evidence.start):
            continue
        title = _TITLE_OF_END.search(ctx.text, max(sentence.start, a.evidence.start - 80), a.evidence.start)
        if title is None or _PAST.search(ctx.text, title.start(), a.evidence.start):
            continue
        m = _NAME_AFTER_OWNER.match(ctx.text, a.evidence.end, sentence.end)
        if m is None or re.match(_TITLE + r"\b", m.group("name"), re.I) or _BODY_WORD.search(m.group("name")):
            continue  # "President of France President ...": a second title; "head of the US Army Command": a body
        yield m.span("name")


# A wire lede that names the office, not its holder ("…, Mali’s foreign minister said Thursday."),
# then the holder named as the next sentence's speaker ("“…,” Abdoulaye Diop told a news conference").
_OWNER_TITLE_SAID = re.compile(r"(?:['’]s|(?<=s)['’])?\s+" + _TITLES +
                               r"\s+(?:has\s+|had\s+)?(?:said|says|told|announced|warned|stressed|added)\b", re.I)
_SAYS = re.compile(r"\s+(?:said|says|told|added|stressed|noted|warned|insisted)\b")


def _named_next(ctx: Context, si: int, mentions: list[Mention]) -> Iterator[Fact]:
    """The office a nameless titled speaker holds, for the person first named as the speaker of
    the next sentence (that person's first mention in the article, with no title of its own)."""
    said = [a for a in mentions if ctx.cls(a.entity) in OFFICES
            and _OWNER_TITLE_SAID.match(ctx.text, a.evidence.end, ctx.sentences[si].end)]
    if len(said) != 1 or si + 1 >= len(ctx.sentences):
        return
    a = said[0]
    if _PAST.search(ctx.text, max(0, a.evidence.start - 12), a.evidence.end):
        return
    nxt = ctx.sentences[si + 1]
    people = [m for m in ctx.sentence_mentions(si + 1) if ctx.cls(m.entity) in HOLDERS]
    if len(people) < 1:
        return
    p = people[0]
    if "coreference" == p.kind or not _SAYS.match(ctx.text, p.evidence.end, nxt.end) \
            or TITLE_LEFT.search(ctx.text, max(nxt.start, p.evidence.start - 60), p.evidence.start) \
            or any(m.entity == p.entity for m in ctx.between(0, p.evidence.start)):
        return
    yield Fact(p.entity, "holdsOffice", a.entity, ctx.evidence(a.evidence.start, p.evidence.end),
               COREF_CONFIDENCE, "office-named-next")
