"""Negation and modality: whether the words linking two mentions assert, deny or only
envisage a relation.

A claim must be supported by its evidence. "New Zealand, which is not a member of AUKUS"
denies membership, "China refused to join", "Tokyo would not back", "no longer a partner"
too, as does a denial ("Iran denied any assistance by China for Russia") or ties undone
("suspended all agreements with", "froze its membership of"): such a relation is dropped. "Australia may join", "is expected to take part", "plans
to", "applied to join", "if": the relation is only envisaged, so it is kept at a confidence
below 0.8 (`MODAL_CONFIDENCE`), never stated as a fact at high confidence; an envisaged
membership is dropped, since it says the country is not a member yet (`relations._polar`).

The scope is the verb group of the relation: the words between the two mentions up to the
end of the cue, from the last comma before the cue ("Japan, which is not a member of NATO,
has partnered with Australia": the relative clause does not negate the partnership), plus
"neither" or "denied that" right before the first mention.

>>> polarity(", which is not a member of ")
'negated'
>>> polarity(" may join ")
'modal'
>>> polarity(" denied any assistance by ")
'negated'
>>> polarity(" not only joined but led ")
'asserted'
>>> polarity("'s government has ended its defence co-operation pact with ")
'negated'
"""

from __future__ import annotations

import re

NEGATED = "negated"
MODAL = "modal"
ASSERTED = "asserted"
MODAL_CONFIDENCE = 0.5

_NOT_A_NEGATION = re.compile(r"\b(?:not\s+only|not\s+just|not\s+merely|not\s+least|no\s+doubt|"
                             r"no\s+less\s+than|not\s+to\s+mention)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:not|never|neither|nor|no\s+longer|no|none|cannot|"
    r"refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to|fail(?:s|ed|ing|ure)?\s+to|"
    r"(?:inability|unable|unwilling|reluctan(?:t|ce))\s+to|"
    r"(?:has|have|had|is|are|yet)\s+yet\s+to|rather\s+than|instead\s+of|"
    r"withdr[ae]w(?:n|s)?\s+from|pull(?:s|ed|ing)?\s+out\s+of|ceased?\s+to|"
    r"left|quit|leaving|rul(?:e|es|ed|ing)\s+out|reject(?:s|ed|ing)?\s+(?:joining|membership)|"
    # "Venezuela has suspended all energy agreements with Trinidad and Tobago": ties undone
    r"suspend(?:s|ed|ing)?|cancel(?:s|led|ed|ling|ing)?|terminat(?:e|es|ed|ing)|revok(?:e|es|ed|ing)|"
    r"scrap(?:s|ped|ping)?|t(?:ore|ear|ears|earing)\s+up|abrogat(?:e|es|ed|ing)|annul(?:s|led|ling)?|"
    r"froze|freez(?:e|es|ing)|"
    # "Nauru has severed diplomatic ties with Taiwan", "calls to end cooperation with Turkey"
    r"sever(?:s|ed|ing)?|(?:cut(?:s|ting)?|br(?:eak|eaks|eaking|oke|oken))\s+off|"
    r"cut(?:s|ting)?(?=\s+(?:(?:all|its|their|diplomatic|military|defen[cs]e|security|economic|trade)\s+){0,3}"
    r"(?:ties|relations|links|co-?operation|contacts))|"
    # "ended its defence co-operation pact with France", "ended its decades-old military accord
    # with": any three words between (a list of them missed the spelling "co-operation")
    r"end(?:s|ed|ing)?(?=\s+(?:[\w’'-]+\s+){0,3}(?:ties|relations|co-?operation|partnership|alliance|"
    r"agreements?|pacts?|deals?|treat(?:y|ies)|accords?)\b)|"
    r"den(?:y|ies|ied|ying|ial\s+of))\b"
    r"|n['’]t\b", re.I)
_MODAL = re.compile(
    r"\b(?:may|might|could|would|should|will|shall|can|if|whether|unless|"
    r"expect(?:s|ed|ing)?\s+to|(?:is|are|was|were)\s+expected|plan(?:s|ned|ning)?\s+to|"
    r"aim(?:s|ed|ing)?\s+to|seek(?:s|ing)?\s+to|sought\s+to|hop(?:e|es|ed|ing)\s+to|"
    r"want(?:s|ed|ing)?\s+to|intend(?:s|ed|ing)?\s+to|consider(?:s|ed|ing)?|"
    r"set\s+to|poised\s+to|bid(?:s|ding)?\s+to|(?:quest|attempts?|efforts?|drive|ambitions?)\s+to|appl(?:y|ies|ied|ying)\s+(?:to|for)|"
    r"application|aspir\w*|propos(?:e|es|ed|ing|al)|potential(?:ly)?|possibl[ey]|likely|"
    r"ready\s+to|willing\s+to|prepared\s+to|push(?:es|ed|ing)?\s+(?:for|to)|"
    r"invit(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:for|on)|urg(?:e|es|ed|ing)|"
    r"talks?\s+(?:on|about)\s+joining|eventual(?:ly)?|future)\b", re.I)
_NEITHER_BEFORE = re.compile(r"\b(?:neither|not|nor|den(?:y|ies|ied|ying)\s+that)\s+(?:the\s+)?$", re.I)


# "The US urged India to join the Quad", "invited Indonesia to take part in": a verb that asks
# someone else to act, before the subject of an infinitive, envisages the act
CONTROL_BEFORE = re.compile(r"\b(?:urg(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+on|"
                            r"ask(?:s|ed|ing)?|press(?:es|ed|ing)?|encourag(?:e|es|ed|ing)|"
                            r"persuad(?:e|es|ed|ing)|pressur(?:e|es|ed|ing))\s+(?:the\s+)?$", re.I)
INFINITIVE = re.compile(r"\s*(?:,\s*)?to\s", re.I)


def polarity(words: str, before: str = "") -> str:
    """"negated", "modal" or "asserted" for the words of a relation's verb group (and the
    few words before its first mention)."""
    plain = _NOT_A_NEGATION.sub(" ", words)
    if _NEGATION.search(plain) or _NEITHER_BEFORE.search(before):
        return NEGATED
    if _MODAL.search(plain):
        return MODAL
    return ASSERTED


def scope(text: str, lo: int, hi: int, cue_start: int | None = None) -> str:
    """The verb group between two mentions (text[lo:hi], up to the cue's end): from the last
    comma before the cue start, so an inserted relative clause or apposition is left out."""
    words = text[lo:hi]
    if cue_start is not None and lo <= cue_start <= hi:
        cut = words.rfind(",", 0, cue_start - lo)
        if cut >= 0 and cue_start - lo - cut > 1:
            words = words[cut + 1:]
        elif cut >= 0:  # the cue starts at the comma (", which is not a member of")
            words = words[cut:]
    return words
