"""Names the gazetteer does not know, from the statistical NER, cleaned and filtered.

The model's PERSON, ORG, GPE and LOC spans become candidates; the filters keep only what
looks like a proper name (title-case words, no boilerplate words), because a wrong entity
costs more than a missed one: people are what statements need most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LABEL_CLASS = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place"}

# Capitalised words that are never part of a person's name (web furniture, titles, concepts).
NOT_NAME = frozenset("""Keep Reading Read More Related Sign Share Next Up Subscribe Skip Menu
Strategic Concept Secretary General President Minister Prime Defense Defence Foreign Affairs
Ministry Department Chairman Chancellor Ambassador Senator Director Spokesperson Premier
Programme Program Partnership Alliance Treaty Organization Organisation Summit Council Security
Dialogue Operation Mission Initiative Strategy Pacific Atlantic Asia Europe Indo Transatlantic
Analyst Writer Editor Reporter Correspondent Staff Wire News Press Profile Section Page
Commandant Commander Admiral General Spokesman Spokeswoman Envoy Mr Mrs Ms Dr
""".split())
# Capitalised words that cannot start, end or make up a name by themselves: closed-class
# words that open sentences, months and weekdays, titles and offices (which precede a name
# but are not one), regional adjectives, web furniture. A capitalised chunk made only of
# these (and gazetteer names) is not worth the statistical model's time.
NEVER_NAME = frozenset("""The A An In On At By For From To With And Or But If As Of Since While
When Where After Before Until Both Then That This These Those There Here It Its We Our Us They
Their He She His Her I You Your My What Why How Who Whom Whose Which Most Many Much Some Any
All Each Every No Not Nor Only So Yet Still Even Now Just Also Such Other Another More Less
However Meanwhile Indeed Instead Thus Therefore Although Though Because Unlike Like Despite
Without Within Between Among Against Under Over Through During Into Onto Upon About Above
Below Across Along Around Beyond Toward Towards Yes Today Tomorrow Yesterday Last Next First
Second Third One Two Three Four Five Six Seven Eight Nine Ten Is Are Was Were Be Been Has Have
Had Do Does Did Can Could Will Would Shall Should May Might Must Let Please Why’s What’s It’s
That’s There’s Here’s Let’s
January February March April June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Mr Mrs Ms Dr Prof President Vice Minister Prime Secretary General Defense Defence Foreign
Affairs Chancellor Ambassador Senator Director Spokesperson Spokesman Spokeswoman Premier
Chairman Chairwoman Chair Deputy Chief Admiral Commander Officer Official Officials Foreign
Asian European Western Eastern Northern Southern African Arab Latin Nordic Baltic Global
Keep Reading Read More Related Sign Share Next Up Subscribe Skip Menu Advertisement Photo
""".split())
# Either: a capitalised word that is no name, or no name on its own.
NO_NAME = NOT_NAME | NEVER_NAME
# Organisations worth an entity of their own: institutions, not offices of a government.
_INSTITUTION = re.compile(
    r"\b(?:University|Institute|Center|Centre|Forum|Foundation|College|Academy|Press|"
    r"Commission|Agency|Association|Organization|Organisation|Party|Parliament|Congress|"
    r"Command|Guard|Navy|Army|Force|Forces|Corporation|Company|Bank|Fund|Council|Union|Group)\b")
_GOVERNMENT_OFFICE = re.compile(r"\b(?:Ministry|Department|Office|Cabinet|Government)\b")
_NOT_PLACE = frozenset("""North South East West Northeast Southeast Northwest Southwest Central
Western Eastern Northern Southern Atlantic Pacific Arctic""".split())
# Generational suffixes: no surname ("Marcos" for Ferdinand Marcos Jr.), and, set off by a comma
# ("Joseph R. Biden, Jr."), part of the name before them, never a name of their own
SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
_WORD = re.compile(r"[^\s]+")
# Lower-case words inside a name: "Bank of Japan", "Ursula von der Leyen", "Juan Ramón de la Fuente".
# A lower-case particle joined to a family name: "Bashar al-Assad", "Abdel Fattah el-Sisi".
_PARTICLE = r"(?:al|el|ad|ash|as|at|ar|an|bin|ibn|abu|ould)-[A-Z]"
_PARTICLE_JOINED = re.compile(_PARTICLE)
# (the model may end a name before it: "Abdel Fattah | el-Sisi")
PARTICLE_AFTER = re.compile(r"\s" + _PARTICLE + r"[\w’'-]*\b")
_LOWER_IN_NAME = frozenset(("of", "for", "and", "de", "van", "von", "bin", "al", "la", "le", "du", "da",
                            "der", "on"))


@dataclass(frozen=True)
class Name:
    """A cleaned model entity: text[start:end] is its name."""

    start: int
    end: int
    label: str  # PERSON | ORG | GPE | LOC
    cls: str


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim "the", a possessive and words glued on after it ("Abe’sdemocratic" -> "Abe")."""
    span = text[start:end]
    m = re.match(r"(?:[Tt]he)\s+", span)
    if m:
        start += m.end()
        span = text[start:end]
    m = re.search(r"['’]s?[a-z]*$|\s+$", span)
    if m and m.start() > 0:
        end = start + m.start()
    return start, end


# A given name and a middle initial without its full stop, right before a person's name the
# model found without them.
_GIVEN_INITIAL_BEFORE = re.compile(r"(?<![\w’'.-])(?P<given>[A-Z][a-z]+\s[A-Z])\s$")
# A given name right after a rank or courtesy title with its full stop ("Col. Sami").
_GIVEN_AFTER_RANK = re.compile(r"\b(?:Col|Lt|Gen|Maj|Capt|Adm|Brig|Cdr|Sgt|Mr|Mrs|Ms|Dr|Prof|Hon)\.\s"
                               r"(?P<given>[A-Z][a-z]+)\s$")


# A rank written without its full stop that the model took into the name ("Col Ronald Rwivanga",
# "Lt Gen Mubarak Muganga"): dropped where a given name and a family name stay.
RANKS = frozenset(("Col", "Gen", "Maj", "Capt", "Adm", "Brig", "Cdr", "Sgt", "Lt"))
# The same written out in full ("Captain Oleg Gladkiy", "Lieutenant General X").
_FULL_RANKS = ("Captain", "Colonel", "Lieutenant", "Major", "Sergeant", "Commodore", "Corporal", "Brigadier",
               "General", "Admiral", "Commander")
_RANK_IN_NAME = re.compile(r"(?:(?:Lt|Maj|Brig|Rear|Vice|Lieutenant|Major|Brigadier|Air|Staff)\s+)?"
                           r"(?:" + "|".join(sorted(RANKS) + sorted(_FULL_RANKS)) + r")\s+"
                           r"(?=[A-Z][a-z][\w’'-]*\s+[A-Z])")


# A verb of saying that opens an inverted attribution ("Said Putin: …", "Added Albanese, …"):
# the model takes it into the name when it starts a sentence (not "Said" before "Edward Said"'s
# family name, since the speaker then stands before a colon or comma).
_SAID_FIRST = re.compile(r"(?:Said|Says|Added|Adds|Wrote|Writes|Asked|Replied)\s+(?=[^:,\n]*\s*[:,])")


def accept(text: str, start: int, end: int, label: str) -> Name | None:
    """A Name if text[start:end] passes the filters for its label, else None."""
    if label not in LABEL_CLASS or end <= start:
        return None
    start, end = clean_span(text, start, end)
    if label == "PERSON":
        given = _GIVEN_INITIAL_BEFORE.search(text, max(0, start - 30), start) \
            or _GIVEN_AFTER_RANK.search(text, max(0, start - 30), start)
        if given:  # "Gilberto C Teodoro Jr", "Lt. Col. Sami Ud Dowla Chowdhury": the model's name lacked the given name
            start = given.start("given")
        rank = _RANK_IN_NAME.match(text, start, end)
        if rank:
            start = rank.end()
        said = _SAID_FIRST.match(text, start, min(len(text), end + 3))
        if said and said.end() < end:  # a verb of saying before the speaker: "Said Putin: …"
            start = said.end()
        joined = PARTICLE_AFTER.match(text, end)
        if joined:  # "Abdel Fattah el-Sisi": the model's name lacked the family name
            end = joined.end()
    name = text[start:end]
    words = _WORD.findall(name)
    if not words or "\n" in name or any(c.isdigit() for c in name) or len(name) > 80 or name in SUFFIXES:
        return None
    if not all(w[0].isupper() or w in _LOWER_IN_NAME or _PARTICLE_JOINED.match(w) for w in words):
        return None
    if label == "PERSON":
        # "Juan Ramón de la Fuente": particles do not count towards the four words of a name
        capitalised = [w for w in words if w not in _LOWER_IN_NAME]
        if len(capitalised) < 2 or len(capitalised) > 4 or words[-1] in _LOWER_IN_NAME \
                or any(w.strip("’'.,") in NOT_NAME for w in words):
            return None
        if any(w.isupper() and len(w) > 1 for w in words):
            return None
    elif label == "ORG":
        if len(words) < 2 or _GOVERNMENT_OFFICE.search(name) or not _INSTITUTION.search(name) \
                or words[-1] in _LOWER_IN_NAME:  # "Armed Forces of" cut before its country
            return None
    elif label in ("GPE", "LOC"):
        if name.isupper() or len(name) < 3 or (len(words) == 1 and name in _NOT_PLACE) \
                or words[-1] in _LOWER_IN_NAME:  # "Republic of" cut before a name the gazetteer holds
            return None
    return Name(start, end, label, LABEL_CLASS[label])
