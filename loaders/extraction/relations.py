"""Relations of the vocabulary contract from cue phrases, lists and dependency parses.

Each rule is a cue (a regex over the sentence) with the classes its subject and object may
have. The subject is the list of actors right before the cue ("Japan, Malaysia and South
Korea have all contributed to"), else the parser's subject of the cue's verb (following
`conj` / `relcl` heads: "NATO has ... and has forged partnerships with"); the object is the
list right after it. Lists are mentions joined by commas and "and"; "the latter three" and
"the former two" stand for the end or start of the last list.

Other rules: a list named as a group ("Japan, Australia, New Zealand and South Korea, the
AP4": hasPartner for a partnership, memberOf for an alliance); "X, NATO's largest member";
"A and B's cooperation" / "ties between A and B" (partnerOf); "X ... at the <Event>"
(participatesIn, subject from the parse); "A joined B in <Programme>" (both take part);
"office/summit/headquarters in <Place>" (locatedIn); "<Place> is claimed by A, B" (a dispute
with its parties), else a gazetteer dispute whose territory is named near a dispute word.
Issue 10 (extractor 10) adds: lists a group introduces or defines ("Quad countries — A, B",
"the Quad is a partnership between A, B", "also known as the IP4", "as key partners"), signers
of a named accord, "X-led", "Russian ally Belarus", "A and B are both U.S. treaty allies",
joint action of a list ("are accelerating cooperation", "held joint drills", "signed a
defence pact": each pair), "part of NATO", "welcomed X as its member", "X, a member state",
titled people listed before a cue (the people), "along with his counterparts from A, B", and
definite noun phrases for the one programme, event or partnership named just before ("this
new mission", "the summit", "the peace deal"). A trading partner is no partnership.

Confidence by rule kind (what the number means: how often such evidence states the fact):

| rule kind                                            | confidence |
|------------------------------------------------------|-----------:|
| explicit copula ("X is a member of Y")               | 0.85 |
| cue with adjacent subject list, apposition, pair     | 0.80 |
| name composition ("US–Japan alliance")               | 0.70 |
| cue, subject from the dependency parse               | 0.70 |
| subject or object through coreference ("the latter") | 0.65 |
| gazetteer dispute: territory (0.60), parties         | 0.50 |
| cue without an object, object = the topic            | 0.50 |
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from loaders.extraction import offices
from loaders.extraction import polarity as polarity_mod
from loaders.extraction.context import Context, parse_of
from loaders.extraction.folding import for_folded
from loaders.extraction.gazetteer import Gazetteer
from loaders.extraction.mentions import matcher
from loaders.extraction.sentences import Span, clause_around
from loaders.model import Entity, Fact, Mention, slugify

ACTORS = frozenset({"Country", "InternationalOrganisation", "Alliance", "Partnership", "Person",
                    "Organisation"})
ORGS = frozenset({"InternationalOrganisation", "Alliance", "Partnership", "Organisation"})
PROGRAMMES = frozenset({"Programme", "Mission", "Operation", "Event"})
ANY = frozenset(ACTORS | PROGRAMMES | {"Place", "Dispute"})

CONF = {"copula": 0.85, "adjacent": 0.8, "parse": 0.7, "coref": 0.65, "topic": 0.5,
        "name": 0.7, "gazetteer": 0.5}

# "the Somali National Army (SNA) and AMISOM": a short form in brackets stays in the list
_LIST_GAP = re.compile(r"^(?:\s*\((?-i:[A-Z][\w.&-]{0,11})\))?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as)\s+|\s*/\s*|\s*&\s*)"
                       r"(?:the\s+)?$")
_SUBJECT_GAP = re.compile(
    # ("Venezuela's oil wealth and destabilize": "and" joins a verb whose subject is not the owner)
    r"^(?:['’]s(?:\s+(?!(?:and|or|but)\b)(?-i:[a-z0-9][\w-]*)){0,3}?|"
    # "US security treaties with Japan": the name as the adjective of the deal or tie it has
    r"(?:\s+(?-i:security|defen[cs]e|military|bilateral|strategic|mutual)){1,2})?"
    r"[\s,—–β]*(?:(?:have|has|had|did|do|does|will|would|could|can|may|might|should|"
    r"also|all|both|each|already|recently|now|then|not|never|formally|previously|since|"
    r"jointly|together|reportedly|officially|actively|been|being|to|too|themselves|itself|"
    r"which|who|that|is|are|was|were|had|later|eventually|subsequently|first|last|year)"
    r"[\s,—–β]+)*$", re.I)
_OBJECT_GAP = re.compile(
    r"^\s*(?:(?:the|a|an|its|their|his|her|our|this|that|these|those|next|last|this|"
    r"year['’]s|month['’]s|week['’]s|annual|first|new|joint|various|several|current|"
    r"latest|upcoming|previous|recent|\d{4}|NATO-led|US-led|U\.S\.-led|UN-led|more\s+than|"
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|in-person|virtual|"
    r"over|nearly|almost|about|around|some|up\s+to|\d[\d,.]*|"
    r"(?:leaders|representatives|delegations?|delegates|ministers|officials|envoys)\s+(?:of|from)|"
    # "spoke at the second day of the summit"
    r"(?:opening|closing|final)?\s*(?:day|days|session|sessions)\s+of|"
    # "an agreement with the breakaway region of Somaliland"
    r"(?:breakaway|self-declared|self-proclaimed|separatist|autonomous|de\s+facto)\s+"
    r"(?:region|republic|state|territory|province|enclave)\s+of)\s+)*$", re.I)


@dataclass(frozen=True)
class Rule:
    """One cue: facts (subject predicate object) with classes allowed on each side."""

    name: str
    predicate: str
    cue: re.Pattern[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    kind: str = "adjacent"  # confidence row for an adjacent subject
    intransitive_topic: bool = False  # "China objects." -> the topic is the object
    # Lower-case words one of which every match of `cue` contains: a sentence without any of
    # them is not searched (a substring test is far cheaper than the regex). () = always.
    words: tuple[str, ...] = ()
    passive: bool = False  # "X, which has been blocked by Y": the subject follows the cue
    needs_object: bool = False  # no object right after the cue (or in its parse): no fact


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# Ties that are bad are no partnership ("strained relations with Ethiopia"): they oppose
_HOSTILE = (r"(?:strained|tense|hostile|frosty|frayed|rocky|troubled|deteriorating|souring|soured|"
            r"worsening|fraught|icy|uneasy)")
_HOSTILE_BEFORE = re.compile(_HOSTILE + r"\s+(?:(?:diplomatic|bilateral|political|military)\s+)?$", re.I)



# Concern voiced about a state's conduct ("expressed strong concerns over military cooperation
# between North Korea and Russia", "serious concern about dangerous conduct by China", "concern
# about the growing US military presence"): the state is opposed. Only where the state or its
# conduct follows: concern about a place's plight ("the humanitarian situation in Sudan") is none.
_CONDUCT = (r"(?:presence|conduct|activities|activity|actions?|behaviou?r|cooperation|build-?up|"
            r"deployments?|militari[sz]ation|expansion|influence|aggression|provocations?|harassment|"
            r"threats?|moves|exercises|drills|tests|launches|incursions?|intrusions?|assertiveness|"
            r"coercion|ambitions?|claims|policies|programmes?|programs?|involvement|interference)")
_CONCERN = (r"(?:express|voic|rais|reiterat|shar|register|flagg|underlin|underscor)(?:ed|es|e|ing)?\s+"
            r"(?:(?:its|their|his|her|our|the|a)\s+)?(?:(?:serious|grave|deep|strong|growing|great|"
            r"increasing|mounting|particular|shared|[“\"]strong[”\"])\s+){0,2}concerns?\s+"
            r"(?:about|over|at|regarding|with)\s+(?:the\s+)?"
            r"(?:(?:growing|increasing|latest|recent|continued|ongoing|dangerous|aggressive|unsafe|"
            r"provocative|reckless|illegal|unlawful|destabili[sz]ing|coercive|expanding|rising|"
            r"military|naval|maritime|nuclear|missile|unilateral)\s+){0,3}"
            r"(?:" + _CONDUCT + r"\s+(?:by|of|between|from)\s+(?:the\s+)?"
            r"|(?=[\w.’'-]+(?:\s+[\w.’'-]+){0,2}?(?:['’]s?\s+|\s+(?:[\w-]+\s+){0,2}?"
            + _CONDUCT + r"\b)))")

RULES: tuple[Rule, ...] = (
    Rule("participation", "participatesIn", _re(
        r"\b(?:contribut(?:ed|es|e|ing)\s+(?:(?:[\d,]+|an?|two|three|four|five|several|more)\s+)?"
        r"(?:(?:[\w-]+\s+){0,2}?(?:troops|forces|ships|warships|frigates|destroyers|jets|aircraft|personnel|"
        r"staff|soldiers|police|officers)\s+)?to|"
        r"participat(?:ed|es|e|ing)\s+in|t(?:ook|ake|akes|aking)\s+part\s+in|"
        r"join(?:ed|s|ing)?|attend(?:ed|s|ing)?|"
        r"(?:sent|send|sends|sending)\s+(?:[\w-]+\s+){0,2}?(?:troops|forces|ships|personnel|representatives|"
        r"delegates|delegations?|envoys?|officials|ministers|observers|soldiers)\s+to|"
        r"(?:deployed|deploy|deploys)\s+(?:troops|forces|ships)\s+(?:to|in)|deploy(?:ed|s|ing)?|"
        r"work(?:s|ed|ing)?\s+on|conclud(?:ed|es|e)\s+(?:talks|negotiations)\s+on|"
        r"(?:collaborat|cooperat)(?:e|es|ed|ing)\s+with|"
        r"sign(?:ed|s)?\s+(?:up\s+to|on\s+to)|"
        r"help(?:ed|s|ing)?\s+(?:to\s+)?(?:develop|build|fund|create|establish|launch|run|lead|"
        r"organi[sz]e|plan)|(?:co-?)?host(?:ed|s|ing)?|(?:co-?)?(?:led|leads|lead)|"
        r"(?:['’]s|their|its)\s+(?:\w+\s+){0,2}?(?:participation|involvement|role|presence)\s+in|"
        r"(?:spoke|speaks)\s+at|"
        r"(?:met|meet|meets|gathered|convened)\s+(?:(?:on|in)\s+(?:\w+\s+){1,2}?)?"
        r"(?:for|at|during|on\s+the\s+(?:sidelines|margins)\s+of))\b"),
        ACTORS, PROGRAMMES, words=("contribut", "participat", "part", "join", "attend", "sent", "operat",
                                   "collaborat",
                                   "deploy", "work", "conclud", "sign", "help", "host", "led",
                                   "lead", "involvement", "role", "presence", "met ", "meet",
                                   "gathered", "convened", "spoke", "speak")),
    Rule("membership", "memberOf", _re(
        r"(?:\b(?:is|are|was|were|became|become|becomes|remain|remains|as)|,|\s[—–])\s+"
        r"(?:(?:one|two|three|four|five|each|all)\s+of\s+|among\s+)?"  # "one of the founding members of"
        r"(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}?members?(?:\s+(?:state|states|country|countries|"
        r"nation|nations))?\s+of\b"), ACTORS, ORGS, kind="copula", words=("member",)),
    # "Sweden has become the 32nd country to be part of NATO", "Finland is now part of NATO"
    Rule("part-of", "memberOf", _re(
        r"\b(?:is|are|was|were|became|become|becomes)\s+(?:now\s+|officially\s+|formally\s+)?"
        r"(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:country|member|nation|state)\s+to\s+(?:be\s+(?:a\s+)?part\s+of|join)|"
        r"(?:a\s+)?part\s+of)\b"), ACTORS - {"Person"}, ORGS - {"Partnership"}, kind="copula",
        words=("part of", "to join")),
    # "Last year, Iran, Egypt, Ethiopia and the UAE became full members.": of the organisation
    # the text is about (the clause ends at "members"; "members of X" is the rule above)
    Rule("became-members", "memberOf", _re(
        r"\b(?:became|become|becomes|becoming)\s+(?:(?:full|new|official|formal|full-fledged)\s+)?members\b"),
        ACTORS - {"Person"}, ORGS - {"Partnership"}, kind="copula", intransitive_topic=True,
        words=("members",)),
    # "Guyana is already part of the Caribbean Basin Security Initiative": a programme's participant
    Rule("part-of-programme", "participatesIn", _re(
        r"\b(?:is|are|was|were|became|become|becomes|has\s+been|have\s+been)\s+"
        r"(?:already\s+|now\s+|also\s+|officially\s+|formally\s+)?(?:a\s+)?part\s+of\b"),
        ACTORS - {"Person"}, PROGRAMMES - {"Event"}, kind="copula", needs_object=True, words=("part of",)),
    # "Malaysia, which chairs ASEAN this year", "holds the rotating presidency of the EU": only a
    # member chairs an organisation
    Rule("chairing", "memberOf", _re(
        r"\b(?:(?:currently\s+)?chair(?:s|ed|ing)|(?:hold(?:s|ing)?|held|assum(?:es|ed|ing)|t(?:akes|ook|aking)\s+over)\s+"
        r"(?:the\s+)?(?:(?:rotating|annual|current)\s+)?(?:chair(?:manship)?|presidency)\s+of)\b"),
        ACTORS - {"Person"}, ORGS - {"Partnership"}, needs_object=True, words=("chair", "presidency")),
    # (joining a partnership makes a party to it: hasPartner, see `_cue_facts`)
    Rule("joining", "memberOf", _re(r"\b(?:join(?:ed|s|ing)?|accede[sd]?\s+to|acceded\s+to|"
                                    r"(?:welcomed|admitted|accepted)\s+(?:in)?to)\b"),
         ACTORS - {"Person"}, ORGS, words=("join", "acced", "welcomed", "admitted", "accepted")),
    Rule("partnership-with", "partnerOf", _re(
        r"\b(?:partners?(?:hips?)?|partnered|ties|cooperation|collaboration|agreements?|alliance|"
        r"relationship|relations|talks\s+on|co-?operate[sd]?|co-?operating|collaborate[sd]?|pacts?|deals?|"
        r"(?:is|are|was|were|been)\s+(?:closely\s+)?working(?:\s+closely)?|"
        r"treaty|treaties|accords?|dialogue|security\s+arrangements?|allied|teamed\s+up|joined\s+forces|"
        r"(?:(?:joint|military|naval|air|training|combined|bilateral|live-fire|maritime|"
        r"amphibious)\s+){0,3}(?:exercises?|drills?|patrols?|manoeuvres|maneuvers))"
        # "signed a military deal late on Wednesday with Libya's government": when, between
        r"(?:\s+(?:late\s+|early\s+)?(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"today|yesterday)|\s+(?:last|this)\s+(?:week|month|year))?"
        r"\s+with\b"),
        ACTORS - {"Person"}, ACTORS - {"Person"}, words=("with",)),
    # "Armenia has also signed various defense contracts worth $400 million with India": states'
    # contracts with each other (a company's contract with a state is no partnership)
    Rule("contracts-with", "partnerOf", _re(
        r"\b(?:signed|sign|signs|concluded|inked|awarded)\s+(?:an?\s+|the\s+|various\s+|several\s+|two\s+|"
        r"three\s+|new\s+)?(?:[\w-]+\s+){0,2}?contracts?\s+(?:worth\s+(?:about\s+|some\s+|over\s+|more\s+than\s+)?"
        r"[$€£]?[\d.,]+\s*(?:million|billion|bn|m)?\s+)?with\b"),
        frozenset({"Country"}), frozenset({"Country"}), needs_object=True, words=("contract",)),
    # "all of whom have strained relations with Ethiopia", "Manila's tensions with Beijing"
    Rule("hostile-ties", "opposes", _re(
        r"\b(?:" + _HOSTILE + r"\s+(?:(?:diplomatic|bilateral|political|military)\s+)?(?:relations|ties|relationship)|"
        r"tensions?|(?:diplomatic\s+)?(?:row|rift|feud|spat|standoff|stand-off))\s+with\b"),
        ACTORS - {"Person"}, ACTORS - {"Person"}, needs_object=True,
        words=("tension", "relations", "ties", "relationship", " row ", "rift", "feud", "spat", "standoff",
               "stand-off")),
    # "Niger has grown closer to Russia and Iran", "Chad moved closer to Moscow"
    Rule("closer-to", "partnerOf", _re(
        r"\b(?:grown|grew|grow|grows|growing|moved|moves|moving|drawn|drew|edged|inched|tilted|"
        r"gravitated|gravitating)\s+(?:ever\s+|much\s+|even\s+|steadily\s+|increasingly\s+)?closer\s+to\b"),
        ACTORS - {"Person"}, ACTORS - {"Person"}, needs_object=True, words=("closer",)),
    # "The UK and Australia are partners in AUKUS"
    Rule("partners-in", "memberOf", _re(
        r"\b(?:is|are|was|were|remains?|as)\s+(?:a\s+|the\s+)?(?:(?:founding|full|key|equal)\s+)?"
        r"partners?\s+in\b"), ACTORS - {"Person"}, ORGS, kind="copula", words=("partner",)),
    Rule("partner-of", "partnerOf", _re(
        r"(?:\b(?:is|are|was|were|became|become|remains?|as)|,)\s+(?:(?:one|two|three|each|all)\s+of\s+|among\s+)?"
        r"(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}?"
        r"(?:partners?\s+(?:of|to|for)|all(?:y|ies)\s+(?:of|to))\b"), ACTORS - {"Person"}, ACTORS - {"Person"},
        kind="copula", words=("partner", "ally", "allie")),
    Rule("opposition", "opposes", _re(
        r"\b(?:object(?:s|ed)?(?:\s+to)?|push(?:ed|es)?\s+back\s+(?:on|against)|"
        r"oppos(?:es|ed|e)|condemn(?:s|ed)?|criticis(?:es|ed|e)|criticiz(?:es|ed|e)|"
        r"denounc(?:es|ed|e)|protest(?:s|ed)?(?:\s+against)?|warn(?:s|ed)?\s+against|"
        r"(?:is|are|was|were)\s+opposed\s+to|"
        r"(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:unhappy|uneasy|alarmed)(?:\s+(?:with|about))?|"
        r"block(?:s|ed)|veto(?:es|ed)|slamm?(?:s|ed)|rebuk(?:es|ed)|lambast(?:s|ed)|"
        r"(?:impos(?:e|es|ed|ing|ition\s+of)\s+(?:[\w-]+\s+){0,2}?)?sanctions\s+(?:on|against)|sanctioned|"
        # "EU sanctions imposed on Russia"
        r"sanctions\s+(?:(?:it|they|which\s+it|that\s+it)\s+)?(?:imposed|levied|slapped)\s+(?:on|against)|"
        # "its campaign against Venezuela"
        r"(?:['’]s|their|its)\s+(?:\w+\s+){0,2}?(?:campaign|crusade|offensive)\s+against|"
        r"(?:['’]s|their|its)\s+(?:\w+\s+){0,2}?(?:opposition|objections?|resistance)\s+to|"
        # "Trump's threats to annex Canada"
        r"(?:['’]s|their|its)\s+(?:\w+\s+){0,2}?threats?\s+(?:to\s+(?:annex|invade|attack|seize|strike|bomb)|against)|"
        # "Petro is an outspoken critic of Trump" (as "a strong supporter of" is support)
        r"(?:is|are|was|were|been|remains?|as)\s+(?:an?|the)\s+(?:(?:outspoken|vocal|fierce|harsh|staunch|strong|"
        r"frequent|leading|longtime|long-time|prominent|sharp|bitter|fiercest|harshest|biggest|main|chief)\s+){0,2}"
        r"(?:critic|opponent|adversary|foe|enemy)s?\s+of)\b"),
        ACTORS, ANY, intransitive_topic=True,
        words=("object", "push", "oppos", "condemn", "critici", "denounc", "protest", "warn",
               "unhappy", "uneasy", "alarmed", "block", "veto", "slam", "rebuk", "lambast",
               "resistance", "sanction", "threat", "critic", "opponent", "adversar", "foe", "enem")),
    # Hostile acts and words beyond the seeds' cues; only with an object right after them.
    Rule("opposition-acts", "opposes", _re(
        r"\b(?:accus(?:es|ed)|blam(?:es|ed)|threaten(?:s|ed)|attack(?:s|ed)|invad(?:es|ed)|"
        r"confront(?:s|ed)|reject(?:s|ed)|clash(?:es|ed)?\s+with|destabili[sz](?:e|es|ed|ing)|"
        r"(?:is|are|was|were|been|remains?)\s+(?:\w+ly\s+)?at\s+odds\s+with|butt(?:s|ed|ing)?\s+heads\s+with|"
        r"fac(?:es|ed|e|ing)\s+off\s+(?:with|against)|pressur(?:es|ed)|"
        # "has taken a hard line against Maduro"
        r"t(?:ake|akes|aking|ook|aken)\s+(?:a|an)\s+(?:(?:very|increasingly|much|strong|firm|hard|tough|"
        r"harder|tougher|hawkish|uncompromising)\s+){1,2}(?:line|stance)\s+(?:against|on|toward|towards)|"
        r"(?:to\s+)?(?:deter|counter|counteract|contain)(?:s|ed|red|ing)?(?![-\w]|\s+to\b)|"
        r"annex(?:es|ed|ing)?|"
        r"warn(?:s|ed|ing)?(?=\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}\s+(?:against|not\s+to)\b)|"
        r"(?:launch(?:es|ed|ing)?|carr(?:y|ies|ied)\s+out|conduct(?:s|ed|ing)?)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:strikes?|attacks?|raids?|offensives?|incursions?)\s+(?:on|against|in(?:to)?)|"
        # "Cambodia firing rockets and artillery shells into Thailand"
        r"fir(?:e|es|ed|ing)\s+(?:[\w-]+\s+(?:and\s+)?){0,4}?(?:rockets|missiles|shells|artillery|mortars|"
        r"drones|shots|flares|water\s+cannons?)\s+(?:into|at|on|toward|towards)|"
        r"lodg(?:e|es|ed|ing)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:protests?|complaints?|"
        r"representations)\s+(?:with|against|to))\b"),
        ACTORS, ANY, needs_object=True,
        words=("accus", "blam", "threaten", "attack", "invad", "confront", "reject", "clash",
               " off ", "pressur", " deter", "counter", "lodg", "launch", "carr", "conduct", "warn", "fir",
               "contain", "annex",
               " line ", " stance ",
               "destabili", "odds", "heads")),
    # a state's concern (a person's may be their own reserve: the state's stance is what is stated)
    Rule("concern", "opposes", _re(r"\b" + _CONCERN), ACTORS - {"Person"}, ANY, needs_object=True,
         words=("concern",)),
    Rule("support", "supports", _re(
        r"\b(?:support(?:s|ed)|back(?:s|ed)|welcom(?:es|ed)|applaud(?:s|ed)|endors(?:es|ed)|"
        r"prais(?:es|ed)|champion(?:s|ed)|(?:is|are|was|were)\s+in\s+favou?r\s+of|"
        r"hail(?:s|ed)|laud(?:s|ed)|commend(?:s|ed)|"
        r"(?:['’]s|their|its)\s+(?:\w+\s+){0,2}?(?:support|backing|endorsement)\s+(?:for|of))\b"),
        ACTORS, ANY, intransitive_topic=True,
        words=("support", "back", "welcom", "applaud", "endors", "prais", "champion", "favo",
               "hail", "laud", "commend")),
    # Help, solidarity and arms beyond the seeds' cues; only with an object right after them.
    Rule("support-acts", "supports", _re(
        r"\b(?:(?:to|will|would|must|shall|can|could|also)\s+(?:continue\s+to\s+)?(?:help\s+)?"
        r"(?:support|back|help|assist|defend)|help(?:s|ed)|assist(?:s|ed)|defend(?:s|ed)|"
        # "committed to supporting Ukraine", "its commitment to help defend the Philippines"
        r"committ(?:ed|ment|ments)\s+to\s+(?:help(?:ing)?\s+)?(?:support|defend|assist)(?:ing)?|"
        r"(?:stands?|stood|sid(?:es|ed))\s+with|"
        r"(?:express|reaffirm|pledg|reiterat|voic)(?:ed|es|e|ing)?\s+(?:(?:its|their|his|her|"
        r"full|strong|firm|steadfast|continued|unwavering)\s+){0,3}(?:support|solidarity)\s+"
        r"(?:for|with|to)|solidarity\s+with|"
        # "The US provides Jordan with more assistance": the one provided for follows the verb
        r"(?:provid(?:e|es|ed|ing)|suppl(?:y|ies|ied|ying)|equip(?:s|ped|ping)?|arm(?:s|ed|ing))"
        r"(?=\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s+with\s+(?:[\w$€£.,-]+\s+){0,4}?"
        r"(?:aid|assistance|support|weapons|arms|equipment|funding|missiles|tanks|jets|ammunition|training|"
        r"intelligence|loans?|grants?)\b)|"
        r"(?:provid|pledg|announc|approv)(?:e|es|ed|ing)\s+(?:[\w$€£.,-]+\s+){0,5}?(?:aid|assistance|support|"
        r"weapons|arms|equipment|funding|systems|missiles|tanks|jets|ammunition|munitions|hardware|"
        r"loans?|grants?)\s+(?:to|for)|"
        r"(?:sell|sells|selling|sold|suppl(?:y|ies|ied)|deliver(?:s|ed)?|send|sends|sent|ship(?:s|ped)|"
        r"transferr?(?:s|ed)?|donat(?:es|ed))\s+(?:[\w-]+\s+){0,3}?(?:weapons|arms|warships|ships|"
        r"jets|fighters|missiles|submarines|tanks|equipment|drones|ammunition|munitions|"
        r"artillery\s+shells|shells|aid|assistance)\s+to|"
        r"(?:['’]s|their|its)\s+(?:\w+\s+){0,2}?(?:support|assistance|aid)\s+to|"
        # "France has been a strong supporter of India's nuclear programme"
        r"(?:is|are|was|were|been|remains?|as)\s+(?:a|an|the)\s+(?:(?:strong|staunch|steadfast|firm|"
        r"long-?time|longstanding|long-standing|key|major|main|leading|vocal|early|consistent|"
        r"chief|biggest|largest|strongest|reliable|loyal)\s+){0,2}(?:supporter|backer|champion)s?\s+of|"
        # "Russia recognised the independence of Abkhazia", "the first country to recognise the AES"
        r"recogni[sz](?:e|es|ed|ing)\s+(?:the\s+)?(?:independence|sovereignty|statehood)\s+of|"
        # "Only Venezuela, Nicaragua, Nauru and Syria have recognised Abkhazia as independent"
        r"recogni[sz](?:e|es|ed|ing)(?=\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s+as\s+(?:an?\s+)?"
        r"(?:independent|sovereign)\b)|"
        r"(?:first|only|second|third|last)\s+(?:country|state|nation|government)\s+to\s+"
        r"(?:formally\s+|officially\s+)?recogni[sz]e)\b"),
        ACTORS, ANY, needs_object=True,
        words=(" support", " back", " help", " assist", " defend", " stand", " stood",
               " side", "solidarity", " provid", " sell", " sold", " suppl", " deliver", " send",
               " sent", " ship", " transfer", " donat", " aid to", " pledg", " announc", " approv", " equip",
               " arm",
               "supporter", "backer", "champion", "recogni")),
    Rule("opposition-passive", "opposes", _re(
        r"\b(?:opposed|blocked|condemned|criticised|criticized|denounced|vetoed|rejected|"
        r"protested|slammed)\s+by\b"), ACTORS, ANY, passive=True,
        words=("ed by",)),
    Rule("opposition-from", "opposes", _re(
        r"\b(?:opposition|objections?|resistance|criticism|condemnation|protests?|pushback)\s+"
        r"from\b"), ACTORS, ANY, passive=True, words=(" from",)),
    # "Qatar came under attack from Israel", "came under Israel's missile attack": the attacker opposes
    # the one attacked
    Rule("under-attack", "opposes", _re(
        r"\b(?:came|come|comes|coming)\s+under\s+(?:(?:an?|the)\s+)?(?:(?:heavy|renewed|direct|sustained|"
        r"repeated|intense|fresh|missile|drone|rocket|artillery|air|surprise|military|armed|deadly)\s+){0,2}"
        r"(?:attacks?|fire|assault|bombardment|shelling|strikes?)\s+(?:from|by)\b|"
        r"\b(?:came|come|comes|coming)\s+under(?=\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}['’]s?\s+"
        r"(?:[\w-]+\s+){0,2}?(?:attacks?|fire|assault|bombardment|shelling|strikes?)\b)"),
        ACTORS, ANY, passive=True, words=(" under ",)),
    Rule("support-from", "supports", _re(
        r"\b(?:support|backing|endorsement|praise)\s+from\b"), ACTORS, ANY, passive=True,
        words=(" from",)),
    # "Sri Lanka thanked India for its support": the one thanked is the one who helped
    Rule("thanks", "supports", _re(r"\bthank(?:s|ed|ing)?\b"), ACTORS, ANY, passive=True,
         words=("thank",)),
    Rule("support-passive", "supports", _re(
        r"\b(?:supported|backed|welcomed|endorsed|praised|championed|hailed)\s+by\b"),
        ACTORS, ANY, passive=True, words=("ed by",)),
    # "The Alliance of Sahel States, which was established in 2023 by Mali, Niger and Burkina
    # Faso": the founding states of an alliance or organisation are its members
    Rule("founded-by", "memberOf", _re(
        r"\b(?:founded|co-?founded|established|formed|created|set\s+up)\s+(?:(?:in|on)\s+(?:[\w-]+\s+){0,2}?\d{4}\s+)?"
        r"(?:jointly\s+)?by\b"), frozenset({"Country"}), ORGS - {"Partnership", "Organisation"},
        passive=True, words=("by",)),
    Rule("participation-passive", "participatesIn", _re(
        r"\b(?:attended|joined|hosted|led|(?:co-?)?hosted|(?:co-?)?led|chaired|co-?chaired|"
        r"convened|organi[sz]ed)\s+by\b|"
        r"\b(?:attendance|participation)\s+(?:by|of)\b"), ACTORS, PROGRAMMES, passive=True,
        words=("ed by", "attendance", "participation")),
    Rule("grouping", "hasMember", _re(
        r"\b(?:groups|grouped|comprises|comprised|comprising|consists\s+of|consisting\s+of|"
        r"(?:is|are|was)\s+made\s+up\s+of|brings\s+together|brought\s+together|"
        r"(?:whose|its)\s+members\s+(?:are|include)|members\s+(?:are|include))\b"),
        ORGS - {"Partnership"}, ACTORS - {"Person"},
        words=("group", "compris", "consist", "made up", "together", "members")),
    Rule("membership-nominal", "memberOf", _re(
        r"(?:['’]s|their|its)\s+(?:\w+\s+){0,2}?(?:membership|accession)\s+(?:of|in|to)\b"),
        ACTORS - {"Person"}, ORGS - {"Partnership"}, words=("membership", "accession")),
)
_SUMMIT_IN = _re(r"\bsummit\s+in\s+$")
# the name a summit word is part of ("EU-Western Balkans Summit"): a word with a capital (not an
# article) right before it
_SUMMIT_NAMED = re.compile(r"(?<![\w’'-])(?!(?:The|A|An|This|That)\s)([A-Z][\w’'.-]*)\s+$")
_OFFICE = re.compile(r"\b(?:liaison\s+)?office\s+in\s+$|\boffice\s+(?:is\s+)?(?:located\s+|based\s+)?in\s+$", re.I)
_HQ = re.compile(r"\b(?:headquarters|HQ|secretariat|seat)\s+(?:is\s+|are\s+)?(?:located\s+|based\s+)?in\s+$|"
                 r"\b(?:is|are)\s+(?:located|based|headquartered)\s+in\s+$", re.I)
_LATTER = _re(r"\bthe\s+(latter|former|last|first)\s+(two|three|four|five|six|seven|\d)\b")
_THE_N = _re(r"\b(?:each\s+of\s+|all\s+)?the\s+(two|three|four|five|six|seven)\s+(?:[\w“”\"-]+\s+){0,3}?"
             r"[“\"‘]?(?:partners|countries|nations|members|states|allies|governments)\b")
# "the Nordic nations", "the Baltic states": the last list of countries (two sentences back)
_THE_REGION = re.compile(r"\b[Tt]he\s+(?:(?:two|three|four|five|both)\s+)?(?-i:[A-Z][a-z]+)\s+"
                         r"(?:nations|countries|states|neighbou?rs)\b")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# (searched in the article's folded text: `_latter`)
_LATTER_FOLDED, _THE_N_FOLDED = for_folded(_LATTER), for_folded(_THE_N)
_CLAIM = _re(r"\b(?:(?:are|is|were|was)\s+(?:also\s+)?(?:claimed|disputed|contested)\b[^.;]*?\bby|"
             r"(?:claimed|disputed|contested)\s+(?:also\s+)?by|"
             r"(?:administered|controlled|occupied)\s+by|"
             r"claim(?:s|ed)?|dispute(?:s|d)?|contest(?:s|ed)?)\b")
_DETERMINER_BEFORE = _re(r"\b(?:the|a|an|its|their|this|that|these|those)\s+$")
_NOUN_DISPUTE = _re(r"\s+(?:with|between|among|against)\b")
_DISPUTE_WORD = _re(r"\b(?:dispute[sd]?|disputes|claims?|claimed|sovereignty|territorial|contested)\b")
_PARTNERS_LIST = _re(r"\bpartners\s*(?:[—–:]|,\s*|-\s|such\s+as|including|like)\s*")
_COMPOSITE = frozenset({"Alliance", "Partnership"})
_FOLDS = re.compile("[ıſİ]")

CUE = re.compile("|".join(r.cue.pattern for r in RULES) + r"|summit|office|headquarters|"
                 r"claim|dispute|partners|latter|former", re.I)


def _words_finder(words: set[str]) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One scan for which of `words` occur in a text (as `w in text` would say, for all at once).

    At every position the lookahead finds the longest word starting there (the alternatives are
    grouped by first character, longest first); the shorter words starting there are exactly its
    prefixes among `words`, so each found word stands for itself and those prefixes."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-len(w), w)):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    pattern = "|".join(re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in by_first.items())
    prefixes = {w: frozenset(v for v in words if w.startswith(v)) for w in words}
    return re.compile("(?=(" + pattern + "))"), prefixes


_RULE_WORDS, _WORD_PREFIXES = _words_finder({w for r in RULES for w in r.words})
# The rules' cues for the article's folded text (`Context.folded`): the same matches, found
# without re.I (twice as fast on these long alternations). Match texts come from `ctx.text`.
_FOLDED_CUE: dict[re.Pattern[str], re.Pattern[str]] = {r.cue: for_folded(r.cue) for r in RULES}


def _may_match(text: str, words: tuple[str, ...]) -> bool:
    """False when a case-insensitive pattern each match of which holds one of `words` (lower
    case ASCII) cannot match in `text`: none of them is in text.lower(), and the text has none
    of the letters re.I matches to i or s without lower-casing to them (ı, ſ, İ). A substring
    test is far cheaper than a scan with a pattern opening with \\b."""
    low = text.lower()
    return any(w in low for w in words) or bool(_FOLDS.search(text))


def _words_in(low: str) -> set[str]:
    """The rules' cue words that occur in `low` (one regex scan instead of a test per word)."""
    present: set[str] = set()
    for m in _RULE_WORDS.finditer(low):
        present |= _WORD_PREFIXES[m.group(1)]
    return present


# The rules whose words include one of a word's prefixes, by the word (`_RULE_WORDS` finds the
# longest word at a place): one set union per word found, not a test of every rule per sentence.
_RULES_OF_WORD: dict[str, frozenset[int]] = {
    w: frozenset(i for i, r in enumerate(RULES) if not prefixes.isdisjoint(r.words))
    for w, prefixes in _WORD_PREFIXES.items()}
_WORDLESS = frozenset(i for i, r in enumerate(RULES) if not r.words)  # searched in every sentence


def _rules_in(low: str) -> list[Rule]:
    """The rules a sentence (`low`, lower-cased, holding none of `_FOLDS`) may match: those
    without words and those with a word in it, in the order of RULES; the same as testing
    each rule's words against `_words_in(low)`."""
    found = set(_WORDLESS)
    for m in _RULE_WORDS.finditer(low):
        found |= _RULES_OF_WORD[m.group(1)]
    return [RULES[i] for i in sorted(found)]


def find_facts(ctx: Context) -> list[Fact]:
    """Every fact the rules find in the article, with the clause as evidence."""
    facts: list[Fact] = []
    _events_and_offices(ctx)
    _numbered_summits(ctx)
    _coined_summits(ctx)
    _coined_accords(ctx)
    _latter(ctx)
    for si, sentence in enumerate(ctx.sentences):
        mentions = _top_level(ctx.sentence_mentions(si))
        if not mentions:
            continue
        facts.extend(_cue_facts(ctx, si, sentence, mentions))
        facts.extend(_partners_list(ctx, si, sentence, mentions))
        facts.extend(_members_list(ctx, sentence, mentions))
        facts.extend(_as_partners(ctx, si, sentence, mentions))
        facts.extend(_signed(ctx, si, sentence, mentions))
        facts.extend(_signed_with(ctx, si, sentence, mentions))
        facts.extend(_led_and_allies(ctx, sentence, mentions))
        facts.extend(_leaders_accord(ctx, sentence, mentions))
        facts.extend(_located(ctx, sentence, mentions))
        facts.extend(_disputes(ctx, si, sentence, mentions))
        facts.extend(_names(ctx, mentions))
        facts.extend(_owned_partnerships(ctx, mentions))
        facts.extend(_appositions(ctx, sentence, mentions))
        facts.extend(_possessive_member(ctx, si, sentence, mentions))
        facts.extend(_pairs(ctx, sentence, mentions))
        facts.extend(_group_lists(ctx, sentence, mentions))
        facts.extend(_at_event(ctx, si, sentence, mentions))
        facts.extend(_war_on(ctx, sentence, mentions))
        facts.extend(_support_for(ctx, sentence, mentions))
        facts.extend(_pair_ties(ctx, sentence, mentions))
        facts.extend(_backed_and_rivals(ctx, sentence, mentions))
        facts.extend(_list_in_org(ctx, sentence, mentions))
        facts.extend(_accord_parties(ctx, mentions))
    return _valid(ctx, facts)


# The classes each predicate's subject and object may have (the ontology's domain and range).
DOMAINS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "memberOf": (ACTORS, ORGS), "partnerOf": (ACTORS, ACTORS),
    "participatesIn": (ACTORS, PROGRAMMES | ORGS), "partyTo": (ACTORS, frozenset({"Dispute"})),
    "concernsTerritory": (frozenset({"Dispute"}), frozenset({"Place"})),
    "hasPartner": (frozenset({"Partnership"}), ACTORS),
    "supports": (ACTORS, ANY), "opposes": (ACTORS, ANY), "locatedIn": (ANY, frozenset({"Place"}))}


# A sea, a strait or a gulf is where something happens, never whom one backs or opposes
# ("welcomed the unit to the Black Sea")
_WATER = re.compile(r"\b(?:Sea|Ocean|Strait|Straits|Gulf|Bay|Channel)$")


def _valid(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """Drop self-relations and class mismatches the ontology would reject."""
    out = []
    for f in facts:
        dom, rng = DOMAINS[f.predicate]
        if f.subject != f.object and ctx.cls(f.subject) in dom and ctx.cls(f.object) in rng \
                and f.confidence > 0 and not _sides_with_water(ctx, f):
            out.append(f)
    return out


def _sides_with_water(ctx: Context, f: Fact) -> bool:
    return f.predicate in ("supports", "opposes") and ctx.cls(f.object) == "Place" \
        and _WATER.search(ctx.entities[f.object].label) is not None


# --- lists -------------------------------------------------------------------------------

def _top_level(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions nested inside a longer one ("Vilnius" inside "summit in Vilnius").

    One sweep over the mentions ordered by start, longest first (mentions of one span, such
    as the members of "the latter three", are kept together)."""
    ordered = sorted(mentions, key=lambda m: (m.evidence.start, -m.evidence.end))
    out: list[Mention] = []
    reach, reach_span = -1, (-1, -1)
    for m in ordered:
        span = (m.evidence.start, m.evidence.end)
        if reach >= span[1] and reach_span != span:
            continue
        out.append(m)
        if span[1] > reach:
            reach, reach_span = span[1], span
    return sorted(out, key=lambda m: (m.evidence.start, m.evidence.end, m.entity))


def _groups(ctx: Context, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined into lists by commas and "and" (same-span mentions are one list).

    Computed once per list of mentions and article (the rules of a sentence ask for the
    same list's groups a dozen times); callers must not change the lists returned."""
    key = tuple(map(id, mentions))
    cached = ctx.groups_cache.get(key)
    if cached is None:
        cached = ctx.groups_cache[key] = (mentions[:], _group(ctx, mentions))
    return cached[1]


def _group(ctx: Context, mentions: list[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            last = groups[-1][-1]
            gap = ctx.text[last.evidence.end:m.evidence.start]
            same = (last.evidence.start, last.evidence.end) == (m.evidence.start, m.evidence.end)
            if same or (m.evidence.start >= last.evidence.end and _LIST_GAP.match(gap)
                        and not _names_list(ctx, groups[-1], m, gap)):
                groups[-1].append(m)
                continue
        groups.append([m])
    return [_dedupe(g) for g in groups]


_KNOWN_AS = re.compile(r"\s*[,—–(-]?\s*(?:also\s+|collectively\s+)?(?:known\s+as|dubbed|called|referred\s+to\s+as)"
                       r"\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}\(?", re.I)
_APPOSITION_AFTER = re.compile(r"^\s*(?:,|[—–(])\s*(?:the\s+)?$")
_APPOSITION_BEFORE = re.compile(r"^\s*(?:[—–(:]|,\s*(?:namely|i\.e\.))\s*$")
_GROUPISH = frozenset({"Partnership", "Alliance", "InternationalOrganisation"})


def _names_list(ctx: Context, group: list[Mention], m: Mention, gap: str) -> bool:
    """"Japan, Australia, New Zealand and South Korea, the AP4": AP4 names the list."""
    return (ctx.cls(m.entity) in _GROUPISH and len(group) >= 2
            and all(ctx.cls(x.entity) == "Country" for x in group) and bool(_APPOSITION_AFTER.match(gap)))


def _parties_in_name(ctx: Context, m: Mention) -> set[str]:
    """The states a coined name is made of ("PRC-North Korea alliance": China, North Korea);
    empty for a gazetteer name or one naming fewer than two (compound26)."""
    if m.entity in ctx.gazetteer.entries or not _PARTY_DASH.search(m.evidence.quote):
        return set()
    found = {h.slug for h in matcher(ctx.gazetteer).find(ctx.text, m.evidence.start, m.evidence.end)
             if ctx.gazetteer.entries[h.slug].cls in _ACCORD_PARTIES}
    return found if len(found) >= 2 else set()


def _appositions(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """A group named next to its list of members: hasPartner (partnership) or memberOf."""
    groups = _groups(ctx, mentions)
    for a in groups:  # "A, B, C and D – also known as the Indo-Pacific Four (IP4) –"
        after = [m for m in mentions if a[-1].evidence.end <= m.evidence.start <= a[-1].evidence.end + 80
                 and ctx.cls(m.entity) in _GROUPISH]
        if len(a) >= 2 and after and all(ctx.cls(x.entity) == "Country" for x in a) \
                and _KNOWN_AS.fullmatch(ctx.text, a[-1].evidence.end, after[0].evidence.start):
            for x in a:
                if ctx.cls(after[0].entity) == "Partnership":
                    yield _fact(ctx, sentence, after[0], "hasPartner", x, "adjacent", "known-as")
                else:
                    yield _fact(ctx, sentence, x, "memberOf", after[0], "adjacent", "known-as")
    for a, b in zip(groups, groups[1:]):
        gap = ctx.text[a[-1].evidence.end:b[0].evidence.start]
        if len(a) >= 2 and len(b) == 1 and _names_list(ctx, a, b[0], gap):
            name, members = b[0], a
        elif len(a) == 1 and len(b) >= 2 and ctx.cls(a[0].entity) in _GROUPISH \
                and _APPOSITION_BEFORE.match(gap) and all(ctx.cls(x.entity) == "Country" for x in b):
            name, members = a[0], b
        else:
            continue
        named = _parties_in_name(ctx, name)
        if named and any(x.entity not in named for x in members):
            continue  # "Beijing and Seoul, the PRC-North Korea alliance": its name says its members
        for x in members:
            if ctx.cls(name.entity) == "Partnership":
                yield _fact(ctx, sentence, name, "hasPartner", x, "adjacent", "apposition")
            else:
                yield _fact(ctx, sentence, x, "memberOf", name, "adjacent", "apposition")


_PAIR_COOP = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,2}?(?:cooperation|partnership|alliance|ties|"
                        r"collaboration|relationship)\b", re.I)
_BETWEEN = re.compile(r"\b(?:cooperation|coordination|partnership|alliance|ties|collaboration|relations|"
                      r"relationship|talks|agreement|pact|treaty|accord|dialogue|deal|arrangement|"
                      r"exercises?|drills?)\s+(?:between|among|amongst)\s+(?:the\s+)?|"
                      # "the biggest agreement that has ever been struck between Japan and Australia"
                      r"\b(?:agreements?|pacts?|treat(?:y|ies)|accords?|deals?|arrangements?)\s+(?:(?:that|which)\s+)?"
                      r"(?:(?:has|have|had|was|were|is|are|ever|now|just|recently|been|being)\s+){0,3}"
                      r"(?:struck|signed|reached|concluded|inked|negotiated)\s+between\s+(?:the\s+)?|"
                      r"\b(?:partnership|alliance|pact|coalition)\s+of\s+(?:the\s+)?(?=[A-Z])",
                      re.I)

_GROUP_AS_MODIFIER = re.compile(r"\s+(?:allies|members|member\s+(?:states|countries|nations)|partners|"
                                r"nations|countries|states)\b", re.I)
_HOSTILE_BETWEEN = re.compile(r"\b(?:tensions?|rivalr(?:y|ies)|rifts?|rows?|feuds?|spats?|stand-?offs?|hostility|"
                              r"enmity|animosity|frictions?|" + _HOSTILE + r"\s+(?:relations|ties|relationship))"
                              r"\s+between\s+(?:the\s+)?", re.I)


def _pairs(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"China and Russia's cooperation", "ties between Japan and NATO": partners."""
    actors = [m for m in mentions if ctx.cls(m.entity) in ACTORS - {"Person"} and m.kind != "demonym"]
    if len(actors) < 2:
        return  # every fact below needs two actors (spares the scan for _BETWEEN)
    for g in _groups(ctx, actors):
        if len(g) == 2 and _PAIR_COOP.match(ctx.text[g[-1].evidence.end:g[-1].evidence.end + 60]) \
                and not _AFTER_PREPOSITION.search(ctx.text, max(0, g[0].evidence.start - 12),
                                                  g[0].evidence.start):
            yield _fact(ctx, sentence, g[0], "partnerOf", g[1], "adjacent", "pair-cooperation")
    for cue in _BETWEEN.finditer(ctx.text, sentence.start, sentence.end):
        after = [m for m in actors if m.evidence.start >= cue.end()]
        near = bool(after) and after[0].evidence.start - cue.end() < 12
        if len(after) >= 3 and ctx.cls(after[0].entity) in ORGS and _GROUP_AS_MODIFIER.fullmatch(
                ctx.text, after[0].evidence.end, after[1].evidence.start - 1):
            after = after[1:]  # "between fellow Five Eyes allies A, B and C": A, B and C
        if len(after) >= 2 and near:
            listed = [g for g in _groups(ctx, after) if g[0] is after[0]]
            group = _named_group(ctx, mentions, cue.start())
            if group is not None and listed:  # "The Quad is a partnership between A, B, C"
                for x in listed[0]:
                    if ctx.cls(group.entity) == "Partnership":
                        yield _fact(ctx, sentence, group, "hasPartner", x, "adjacent", "group-between")
                    else:
                        yield _fact(ctx, sentence, x, "memberOf", group, "adjacent", "group-between")
                continue
            if listed and len(listed[0]) > 2:  # "talks between A, B, C and D": every pair
                members = listed[0]
                for i, a in enumerate(members):
                    for b in members[i + 1:]:
                        yield _fact(ctx, sentence, a, "partnerOf", b, "adjacent", "between")
                continue
            gap = ctx.text[after[0].evidence.end:after[1].evidence.start]
            if re.fullmatch(r"(?:\s+[\w-]+){0,2}\s+and\s+(?:the\s+)?", gap):
                yield _fact(ctx, sentence, after[0], "partnerOf", after[1], "adjacent", "between")
    hostile = ctx.folded.find("between", sentence.start, sentence.end) >= 0  # (spares the regex most sentences)
    for cue in _HOSTILE_BETWEEN.finditer(ctx.text, sentence.start, sentence.end) if hostile else ():
        # "Current tensions between Egypt and Turkey": each opposes the other
        after = [m for m in actors if m.evidence.start >= cue.end()]
        if len(after) >= 2 and after[0].evidence.start - cue.end() < 12 and re.fullmatch(
                r"\s+and\s+(?:the\s+)?", ctx.text[after[0].evidence.end:after[1].evidence.start]):
            yield _fact(ctx, sentence, after[0], "opposes", after[1], "adjacent", "hostile-between")
            yield _fact(ctx, sentence, after[1], "opposes", after[0], "adjacent", "hostile-between")


# A named group, then (after at most a few lower-case words naming its kind: "intelligence and
# security alliance") the words that introduce its members: "of", "that includes", "which
# comprises", "made up of". "of" only right after a group noun ("the Five Eyes alliance of").
_GROUP_KIND = r"(?:(?-i:[a-z][\w-]*)\s+(?:and\s+)?){0,4}?"
_GROUP_NOUN = r"(?:alliance|partnership|pact|bloc|grouping|group|coalition|initiative|forum|framework|dialogue)"
_GROUP_INTRO = re.compile(
    r"^(?:\s+" + _GROUP_KIND + _GROUP_NOUN + r")?\s+of\s+(?:the\s+)?$|"
    r"^\s*,?\s+" + _GROUP_KIND + r"(?:,\s*)?(?:that|which)\s+(?:now\s+|also\s+|currently\s+)?"
    r"(?:includ(?:es|ed|e)|compris(?:es|ed|e)|(?:is|was|are|were)\s+made\s+up\s+of|consists?\s+of|"
    r"groups|brings\s+together)\s+(?:the\s+)?$|"
    # "The CSTO includes A, B and C" (present tense, no relative pronoun: two or more
    # countries, see _group_lists); "NATO, which has three members -- A, B and C"
    # "The JEF, set up in 2012, is made up of NATO members A, B and C"
    r"^(?:\s*,\s+(?:set\s+up|founded|established|created|formed|launched)\s+in\s+\d{4}\s*,)?"
    r"\s+(?:now\s+|also\s+|currently\s+)?(?P<main>includes|comprises|consists\s+of|"
    r"(?:is|are)\s+made\s+up\s+of)\s+(?:the\s+)?(?:(?-i:[A-Z][\w-]*)\s+(?:members|member\s+states|allies)\s+(?:the\s+)?)?$|"
    r"^\s*,?\s+(?:that|which)\s+(?:now\s+|currently\s+)?(?:has|have|had)\s+(?:(?:only|just)\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+)?members?\s*"
    r"(?:--|[—–:]|,\s*(?:namely\s+)?)\s*(?:the\s+)?$", re.I)


# An exercise, mission or event, then the words that introduce its participants
_INVOLVED = _re(r"(?:\s+(?:exercises?|drills?|manoeuvres|maneuvers|war\s+games|mission|operation|summit|meeting|talks))?"
                r"\s*,?\s+(?:(?:which|that)\s+)?(?:(?:has|have|had|also|will)\s+)?"
                r"(?:involved|involves|involving|brought\s+together|brings\s+together|bringing\s+together|"
                r"gathered|gathers|gathering)\s+(?:(?:troops|forces|soldiers|sailors|personnel|delegations|leaders|"
                r"representatives|ministers|officials)\s+from\s+|(?:the\s+)?(?:militaries|navies|armed\s+forces|"
                r"armies|leaders)\s+of\s+)?(?:the\s+)?")
# ("form" only with "together": "A, B and C form the Quad with D" leaves D's place open)
_MAKE_UP = re.compile(r"\s+(?:(?:together|jointly|also)\s+)?(?:make\s+up|made\s+up|constitute[sd]?|"
                      r"founded|co-?founded|established|set\s+up)\s+(?:the\s+)?$|"
                      r"\s+together\s+form(?:ed)?\s+(?:the\s+)?$", re.I)


_PLUS = re.compile(r",?\s+(?:plus|as\s+well\s+as|along\s+with)\s+(?:the\s+)?(?:non-?members?\s+|partners?\s+)?",
                   re.I)


def _group_lists(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"the Five Eyes alliance of A, B and C", "the Five Eyes intelligence alliance that
    includes A, B and C", "NATO, which comprises A and B": the listed countries are the named
    group's members (hasPartner for a partnership). The list must start right after the
    introducing words; "of" needs two or more countries (one is an owner: "the alliance of
    Japan" is Japan's alliance)."""
    countries = [m for m in mentions if ctx.cls(m.entity) == "Country" and m.kind != "demonym"]
    for g in mentions:
        if ctx.cls(g.entity) not in _GROUPISH:
            continue
        after = [m for m in countries if m.evidence.start >= g.evidence.end]
        if not after or after[0].evidence.start - g.evidence.end > 80:
            continue
        gap = ctx.text[g.evidence.end:after[0].evidence.start]
        # "the Association of Southeast Asian Nations (ASEAN) which includes A and B"
        intro = _GROUP_INTRO.match(re.sub(r"^\s*\([^()]{1,12}\)", "", gap))
        if not intro:
            continue
        groups = _groups(ctx, after)
        listed = groups[0]
        if len(groups) > 1 and _PLUS.fullmatch(ctx.text, listed[-1].evidence.end, groups[1][0].evidence.start):
            listed = listed + groups[1]  # "… and Norway, plus non-members Finland and Sweden"
        if len(listed) < 2 and (intro.group("main") or intro.group(0).rstrip().lower().endswith(("of", "of the"))
                                and not re.search(r"(?:made\s+up|consists?)\s+of", intro.group(0), re.I)):
            continue
        for x in listed:
            if x.entity == g.entity:
                continue
            if ctx.cls(g.entity) == "Partnership":
                yield _fact(ctx, sentence, g, "hasPartner", x, "adjacent", "group-list")
            else:
                yield _fact(ctx, sentence, x, "memberOf", g, "adjacent", "group-list")
    for g in mentions:  # "RIMPAC, which involved A, B and C": each takes part
        if ctx.cls(g.entity) not in PROGRAMMES or g.kind == "coreference":
            continue
        after = [m for m in countries if m.evidence.start >= g.evidence.end]
        if not after or not _INVOLVED.fullmatch(ctx.text, g.evidence.end, after[0].evidence.start):
            continue
        listed = [x for x in _groups(ctx, after) if x[0] is after[0]][0]
        if len(listed) < 2:
            continue
        for x in listed:
            yield _fact(ctx, sentence, x, "participatesIn", g, "adjacent", "involved")
    for listed in _groups(ctx, countries):  # "A, B, C and D make up the Quad"
        after = [m for m in mentions if m.evidence.start >= listed[-1].evidence.end]
        if len(listed) < 2 or not after or ctx.cls(after[0].entity) not in _GROUPISH \
                or not _MAKE_UP.fullmatch(ctx.text, listed[-1].evidence.end, after[0].evidence.start):
            continue
        for x in listed:
            if ctx.cls(after[0].entity) == "Partnership":
                yield _fact(ctx, sentence, after[0], "hasPartner", x, "adjacent", "make-up")
            else:
                yield _fact(ctx, sentence, x, "memberOf", after[0], "adjacent", "make-up")


_GROUP_NAMES = re.compile(r"\s+(?-i:[a-z][\w-]*\s+){0,2}?")
_GROUP_IS = re.compile(r"\s*(?:,\s*|\s+(?:is|was|remains)\s+)(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?$", re.I)


def _named_group(ctx: Context, mentions: list[Mention], at: int) -> Mention | None:
    """The group a "<noun> between ..." phrase defines ("The Quad is a diplomatic partnership
    between ...", "AUKUS, submarine deal between ..."): the group right before it, if any."""
    before = [m for m in mentions if m.evidence.end <= at]
    if before and ctx.cls(before[-1].entity) in _GROUPISH \
            and _GROUP_IS.fullmatch(ctx.text, before[-1].evidence.end, at):
        return before[-1]
    if before and ctx.cls(before[-1].entity) in {"Alliance", "Partnership"} \
            and _GROUP_NAMES.fullmatch(ctx.text, before[-1].evidence.end, at):
        return before[-1]  # "the AUKUS agreement between A, B and C": its own name (an organisation may broker)
    return None


def _at_event(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"X applauded ... at the Shangri-La Dialogue": X took part (subject from the parse)."""
    rule = RULES[0]
    groups: list[list[Mention]] | None = None  # (only for a sentence that names an event at all)
    for m in mentions:
        sidelines = ctx.cls(m.entity) in ("Alliance", "InternationalOrganisation")
        if ctx.cls(m.entity) != "Event" and not sidelines:
            continue
        lo = max(sentence.start, m.evidence.start - 60)
        at = (_SIDELINES if sidelines else _AT_EVENT).search(ctx.text, lo, m.evidence.start)
        if not at:
            continue
        groups = _groups(ctx, mentions) if groups is None else groups
        met = _met_before(ctx, groups, at.start(), sentence)
        if met is not None:  # "A met B for the second India-Singapore Dialogue": both take part
            for x in met:
                yield _fact(ctx, sentence, x, "participatesIn", m, "adjacent", "met-at-event")
            continue
        if at.groupdict().get("for"):
            continue
        for subj in _parse_subjects(ctx, si, at.start(), rule):
            if ctx.cls(subj.entity) not in _COMPOSITE:  # ("The agreement was exchanged … on the sidelines of")
                yield _fact(ctx, sentence, subj, "participatesIn", m, "parse", "at-event")


# Before an event: "at (the|this|last year's) (second|annual …)", "on the sidelines of" ("during"
# is only when: "during World War II"); before an
# organisation only its gathering's sidelines ("on the sidelines of the Asia-Pacific Economic
# Cooperation"). "for the Dialogue" only after "A met B" (`_met_before`): "called for the summit" is no part.
_SIDELINES_OF = r"on\s+the\s+(?:sidelines|margins)\s+of"
_BEFORE_EVENT = (r"\s+(?:the\s+|this\s+|last\s+year['’]s\s+)?"
                 r"(?:(?:first|second|third|fourth|fifth|annual|inaugural|latest|\d+(?:st|nd|rd|th))\s+)?$")
_AT_EVENT = re.compile(r"\b(?:at|" + _SIDELINES_OF + r"|(?P<for>for))" + _BEFORE_EVENT)
_SIDELINES = re.compile(r"\b" + _SIDELINES_OF + _BEFORE_EVENT)
_MET = re.compile(r"\s+(?:(?:also|later|earlier|first|then)\s+)?(?:met|meets|meet)\s+(?:with\s+)?", re.I)
_MET_GAP = re.compile(r"(?:\s+(?:on|in)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?\s*,?\s*$")


def _met_before(ctx: Context, groups: list[list[Mention]], at: int, sentence: Span) -> list[Mention] | None:
    """The two sides of "A met (with) B" right before `at` (the event's preposition): A and B,
    persons, countries or organisations ("met Indian Minister for Defence Nirmala Sitharaman":
    a title before B); None if the words before are no such meeting."""
    before = [g for g in groups if g[-1].evidence.end <= at and g[0].evidence.start >= sentence.start]
    if not before or not _MET_GAP.fullmatch(ctx.text, before[-1][-1].evidence.end, at):
        return None
    b = before[-1]
    for a in reversed(before[:-1]):
        met = _MET.match(ctx.text, a[-1].evidence.end, b[0].evidence.start)
        if met is None:
            continue
        title = re.sub(r"^(?:(?:his|her|their)\s+)?(?:[A-Z][\w.-]*(?:['’]s)?\s+)?", "",
                       ctx.text[met.end():b[0].evidence.start])  # ("his Indian counterpart")
        if title and not offices.TITLE_LEFT.fullmatch(title):
            return None
        sides = [x for x in a + b if ctx.cls(x.entity) in ACTORS and x.kind != "demonym"]
        return sides or None
    return None


def _dedupe(group: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in group:
        if m.entity not in seen:
            seen.add(m.entity)
            out.append(m)
    return out


def _settled(ctx: Context, lo: int, hi: int) -> list[Mention]:
    """`ctx.between` without the transient mentions of `loaders.extraction.coref`."""
    return [x for x in ctx.between(lo, hi) if id(x) not in ctx.transient]


def _latter(ctx: Context) -> None:
    """Add coreference mentions for "the latter three" = the last three items of the last list.
    (Lists are of the article's own mentions: not the pronouns `coref` resolved for the rules.)"""
    added: list[Mention] = []
    for si, sentence in enumerate(ctx.sentences):
        text = ctx.text[sentence.start:sentence.end]  # (a word test first spares most scans)
        low = ctx.folded[sentence.start:sentence.end]  # (searched as re.I would search text)
        latter = any(w in low for w in ("latter", "former", "last", "first"))
        region = any(w in text for w in ("nations", "countries", "states", "neighbo"))
        numbered = any(w in low for w in _NUMBERS)
        for m in (_LATTER_FOLDED.finditer(ctx.folded, sentence.start, sentence.end) if latter else ()):
            which, number = ctx.text[m.start(1):m.end(1)].lower(), ctx.text[m.start(2):m.end(2)]
            n = _NUMBERS.get(number.lower()) or int(number)
            lo = ctx.sentences[max(0, si - 1)].start
            prior = [g for g in _groups(ctx, _top_level(_settled(ctx, lo, m.start()))) if len(g) >= n]
            if not prior:
                continue
            items = prior[-1][-n:] if which in ("latter", "last") else prior[-1][:n]
            for item in items:
                added.append(Mention(item.entity, ctx.evidence(m.start(), m.end()), "coreference"))
        for m in (_THE_REGION.finditer(ctx.text, sentence.start, sentence.end) if region else ()):
            if ctx.between(m.start(), m.end()):
                continue  # "the Gulf states" named by the gazetteer
            lo = ctx.sentences[max(0, si - 2)].start
            prior = [g for g in _groups(ctx, [x for x in _top_level(_settled(ctx, lo, m.start()))
                                              if ctx.cls(x.entity) in ACTORS])
                     if len(g) >= 2 and all(ctx.cls(x.entity) == "Country" for x in g)]
            if prior:
                for item in prior[-1]:
                    added.append(Mention(item.entity, ctx.evidence(m.start(), m.end()), "coreference"))
        for m in (_THE_N_FOLDED.finditer(ctx.folded, sentence.start, sentence.end) if numbered else ()):
            n = _NUMBERS[ctx.text[m.start(1):m.end(1)].lower()]
            lo = ctx.sentences[max(0, si - 3)].start
            prior = [g for g in _groups(ctx, [x for x in _top_level(_settled(ctx, lo, m.start()))
                                              if ctx.cls(x.entity) in ACTORS])
                     if len(g) == n and all(ctx.cls(x.entity) == "Country" for x in g)]
            if prior:
                for item in prior[-1]:
                    added.append(Mention(item.entity, ctx.evidence(m.start(), m.end()), "coreference"))
    added.extend(_definite_programmes(ctx))
    ctx.mentions.extend(added)
    ctx.mentions.sort(key=lambda x: (x.evidence.start, x.evidence.end))


_DEFINITE = re.compile(
    r"\b(?:[Tt]his|[Tt]he|[Tt]hat)\s+(?:(?:new|joint|naval|multinational|maritime|military|international|"
    r"three-day|two-day|annual|latest|peace|security|defen[cs]e|historic)\s+){0,2}(?P<head>mission|operation|"
    r"coalition|exercises?|drills?|war\s+games|initiative|summit|meeting|talks|event|gathering|deal|agreement|"
    r"pact|accords?|treaty|memorandum|MoU)\b(?!\s+(?:of|in|on|between|with|to)\b)")
# Every head of _DEFINITE contains one of these (case as written: the pattern has no re.I).
_DEFINITE_HEADS = ("mission", "operation", "coalition", "exercise", "drill", "war", "initiative",
                   "summit", "meeting", "talks", "event", "gathering", "deal", "agreement", "pact",
                   "accord", "treaty", "memorandum", "MoU")
_HEAD_CLASSES = {"summit": "Event", "meeting": "Event", "talks": "Event", "event": "Event",
                 "gathering": "Event", "deal": "Partnership", "agreement": "Partnership",
                 "pact": "Partnership", "accord": "Partnership", "accords": "Partnership",
                 "treaty": "Partnership", "memorandum": "Partnership", "MoU": "Partnership"}


def _definite_programmes(ctx: Context) -> list[Mention]:
    """"this new mission", "the exercise", "the summit", "the peace deal": the one programme
    (for a meeting word the one event, for a deal or treaty the one partnership) named in this
    sentence before it or in the two before; none when two are named there."""
    out: list[Mention] = []
    for si, sentence in enumerate(ctx.sentences):
        text = ctx.text[sentence.start:sentence.end]
        if not any(w in text for w in _DEFINITE_HEADS):
            continue  # (a substring test is far cheaper than the scan)
        for m in _DEFINITE.finditer(ctx.text, sentence.start, sentence.end):
            if ctx.between(m.start(), m.end()):
                continue  # part of a name ("the Shangri-La Dialogue meeting")
            wanted = {_HEAD_CLASSES[m.group("head")]} if m.group("head") in _HEAD_CLASSES \
                else PROGRAMMES - {"Event"}
            lo = ctx.sentences[max(0, si - 2)].start
            prior = {x.entity for x in ctx.between(lo, m.start()) if ctx.cls(x.entity) in wanted}
            if len(prior) == 1:
                out.append(Mention(prior.pop(), ctx.evidence(m.start(), m.end()), "coreference"))
    return out


# --- cue rules ---------------------------------------------------------------------------

_POSSESSIVE_CUE = re.compile(r"(?:its|their)\b", re.I)


def _cue_facts(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    low = ctx.text[sentence.start:sentence.end].lower()
    plain = not _FOLDS.search(low)  # (letters that match i/s only case-insensitively)
    rules = _rules_in(low) if plain else RULES
    if not rules:
        return  # no cue word in the sentence
    groups = _groups(ctx, mentions)
    named = {ctx.cls(m.entity) for m in ctx.between(sentence.start, sentence.end)}
    for rule in rules:
        if rule.passive:
            yield from _passive_facts(ctx, si, sentence, groups, rule)
            continue
        for cue in _FOLDED_CUE[rule.cue].finditer(ctx.folded, sentence.start, sentence.end):
            words = ctx.text[cue.start():cue.end()]  # (the match's own text is lower-cased)
            if rule.predicate == "partnerOf" and (_TRADE.search(words) or _HOSTILE_BEFORE.search(
                    ctx.text, max(sentence.start, cue.start() - 40), cue.start())):
                continue  # "the largest trading partner of", "strained ties with": no partnership
            if _OF_HAVING.search(ctx.text, max(sentence.start, cue.start() - 30), cue.start()):
                continue  # "accusing the vessels of having “illegally invaded …”": the accused did it
            objects = _objects(ctx, groups, cue.end(), sentence, rule)
            object_kind = None
            if not objects and _candidates_after(ctx, mentions, cue.end(), rule):
                objects, object_kind = _parse_objects(ctx, si, cue.start(), cue.end(), rule), "parse"
            if not objects and rule.needs_object:
                continue
            intransitive = rule.intransitive_topic and _intransitive(ctx.text, cue.end())
            if not objects and not intransitive and not (rule.objects & PROGRAMMES & named):
                continue  # nothing to relate to (no object, no programme named): do not parse
            subjects, kind = _subjects(ctx, si, groups, cue.start(), rule)
            if _POSSESSIVE_CUE.match(cue.group()):
                # "urged Turkey to drop its objections to": "its" is the nearest actor before it
                near = [g for g in groups if sentence.start <= g[0].evidence.start and g[-1].evidence.end <= cue.start()]
                near = _owner_again(ctx, near, cue.start())
                subjects = [x for x in near[-1] if ctx.cls(x.entity) in rule.subjects] if near else []
            if object_kind is not None and objects and CONF[object_kind] < CONF[kind]:
                kind = object_kind
            if sum(ctx.cls(x.entity) == "Country" for x in subjects) >= 2:
                subjects = [x for x in subjects if ctx.cls(x.entity) not in _GROUPISH]  # a list's name
            if not subjects:
                continue
            if not objects and rule.objects & PROGRAMMES:
                joined = _join_in(ctx, groups, cue.end(), rule)
                if joined:
                    partners, objects = joined
                    subjects = subjects + [p for p in partners if p.entity not in {x.entity for x in subjects}]
            if not objects and rule.objects & PROGRAMMES:
                objects = _relative_head(ctx, sentence, subjects[0], rule)
            if not objects and intransitive:
                # "NATO members Hungary and Slovakia objected": the group the subjects are
                # named members of is not what they object to
                own = {m.entity for m in mentions if m.evidence.end <= subjects[0].evidence.start
                       and _MEMBERS_OF.fullmatch(ctx.text, m.evidence.end, subjects[0].evidence.start)}
                topic = _topic(ctx, si, {s.entity for s in subjects} | own, cue.start())
                if topic is not None:
                    objects, kind = [topic], "topic"
            if objects and rule.predicate == "participatesIn":
                subjects = subjects + _along_with(ctx, groups, max(o.evidence.end for o in objects),
                                                  {x.entity for x in subjects})
            for s in subjects:
                if rule.name == "membership-nominal" and _PROSPECTIVE.search(
                        ctx.text, max(sentence.start, s.evidence.start - 60), s.evidence.start):
                    continue  # "to ratify Sweden's accession to NATO": not yet a member
                for o in objects:
                    if rule.name == "membership-nominal" and _STALLED.match(ctx.text, o.evidence.end):
                        continue  # "Sweden's accession to NATO is being stalled": not yet a member
                    if "annex" in words.lower() and ctx.cls(o.entity) != "Country":
                        continue  # "annexed Crimea": a territory taken, not an opponent (its state is)
                    if "recogni" in words.lower() and re.match(r"['’]s\b", ctx.text[o.evidence.end:o.evidence.end + 2]):
                        continue  # "recognised the independence of Abkhazia and Georgia's other region": not Georgia
                    if rule.name == "partnership-with" and ctx.cls(s.entity) in _COMPOSITE and \
                            re.fullmatch(r"(?:\s+[a-z][\w-]*){0,2}\s+", ctx.text[s.evidence.end:cue.start()]):
                        # "the AUKUS submarine deal with the UK and the US": parties to AUKUS
                        if ctx.cls(s.entity) == "Partnership":
                            yield _fact(ctx, sentence, s, "hasPartner", o, kind, rule.name, cue.start(), cue.end())
                        else:
                            yield _fact(ctx, sentence, o, "memberOf", s, kind, rule.name, cue.start(), cue.end())
                        continue
                    if rule.name == "joining" and ctx.cls(o.entity) == "Partnership":
                        # "Denmark joined Canada's Maritime Security Partnership": a party to it
                        yield _fact(ctx, sentence, o, "hasPartner", s, kind, rule.name,
                                    cue.start(), cue.end())
                        continue
                    if rule.predicate == "hasMember":  # "ASEAN groups Brunei, Cambodia, ..."
                        yield _fact(ctx, sentence, o, "memberOf", s, kind, rule.name,
                                    cue.start(), cue.end())
                        continue
                    yield _fact(ctx, sentence, s, rule.predicate, o, kind, rule.name,
                                cue.start(), cue.end())


# What governs a nominal membership that is still in process ("ratify|block|support ...
# Sweden's accession", "the obstacle to Sweden's membership", "a path to Ukraine's membership").
_PROSPECTIVE = _re(r"\b(?:ratif(?:y|ies|ied|ying|ication\s+of)|approv(?:e|es|ed|ing|al\s+of)|"
                   r"support(?:s|ed|ing)?|back(?:s|ed|ing)?|block(?:s|ed|ing)?|delay(?:s|ed|ing)?|"
                   r"veto(?:es|ed|ing)?|stall(?:s|ed|ing)?|hold(?:s|ing)?\s+up|held\s+up|"
                   r"further(?:s|ed|ing)?|advanc(?:e|es|ed|ing)|speed(?:s|ing)?\s+up|"
                   r"fast-?track(?:s|ed|ing)?|obstacles?\s+to|path\s+to|road\s+to|way\s+to|"
                   r"bid\s+for|talks\s+(?:on|about)|on|for|against|opposed?\s+to|objections?\s+to)"
                   r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:['’]s\s+)?\S*$")

# What says after it that a nominal membership is not (yet) one ("… is being stalled by").
_STALLED = _re(r"\s+(?:is|are|was|were|has\s+been|had\s+been|remains?|remained)\s+(?:still\s+|now\s+|currently\s+)?"
               r"(?:being\s+)?(?:stalled|blocked|delayed|held\s+up|pending|on\s+hold|in\s+limbo|stuck|"
               r"frozen|opposed|vetoed|awaiting|uncertain|in\s+doubt)\b")


_MEMBERS_OF = _re(r"(?:['’]s)?\s+(?:(?:fellow|founding|full|new|key)\s+)?(?:members?|member\s+(?:states?|countries|"
                  r"nations?)|allies|ally|partners?)\s+(?:the\s+)?")


_ALONG_WITH = _re(r",?\s+(?:along|together)\s+with\s+(?:(?:his|her|their)\s+(?:counterparts|colleagues|peers)"
                  r"\s+(?:from|of)\s+)?(?:the\s+)?")


def _along_with(ctx: Context, groups: list[list[Mention]], at: int, have: set[str]) -> list[Mention]:
    """"X will take part in the talks, along with his counterparts from A, B and C": A, B, C
    take part too."""
    cue = _ALONG_WITH.match(ctx.text, at)
    after = [g for g in groups if cue and g[0].evidence.start == cue.end()]
    return [m for m in after[0] if ctx.cls(m.entity) in ACTORS and m.entity not in have] if after else []


_TRADE = re.compile(r"\b(?:trad(?:e|ing)|economic|commercial|export|import)\b", re.I)
_REDUCED = re.compile(r"(?:\s+[\w-]+){1,2}\s*,\s*|"
                      # "Cobra Gold, the multilateral training exercises co-hosted by": the apposition
                      r"\s*,\s*(?:the|a|an)\s+(?-i:[a-z][\w-]*\s+){1,5}?|"
                      # "X (ACR), which was established by", "X, which has been backed by"
                      r"(?:\s*\([^()]{1,12}\)|\))?\s*,\s*(?:which|that)\s+(?:(?:was|were|is|are|has|have|had)\s+)?"
                      r"(?:(?:been|jointly|also|originally|first)\s+){0,2}", re.I)


def _passive_facts(ctx: Context, si: int, sentence: Span, groups: list[list[Mention]], rule: Rule
                   ) -> Iterator[Fact]:
    """"Sweden, which has been blocked by Turkey": Turkey opposes Sweden. The subject is the
    list after "by", the object the list before the verb (or the parse's subject)."""
    turned = Rule(rule.name, rule.predicate, rule.cue, rule.objects, rule.subjects, rule.kind)
    for cue in _FOLDED_CUE[rule.cue].finditer(ctx.folded, sentence.start, sentence.end):
        subjects = _objects(ctx, groups, cue.end(), sentence, turned)
        subjects = [m for m in subjects if ctx.cls(m.entity) in rule.subjects]
        if not subjects:
            continue
        before = [g for g in groups if g[-1].evidence.end <= cue.start()]
        if before and _REDUCED.fullmatch(ctx.text[before[-1][-1].evidence.end:cue.start()]):
            objects, kind = [m for m in before[-1] if ctx.cls(m.entity) in rule.objects], rule.kind
        else:  # "The AUKUS plan, backed by Australia": the plan's owner
            objects, kind = _subjects(ctx, si, groups, cue.start(), turned)
        for s in subjects:
            for o in objects:
                yield _fact(ctx, sentence, s, rule.predicate, o, kind, rule.name,
                            cue.start(), cue.end())


def _owner_again(ctx: Context, near: list[list[Mention]], at: int) -> list[list[Mention]]:
    """The groups before a possessive cue, cut so that "its" is the owner named earlier when the
    nearest one is governed by a preposition in a parallel phrase ("Finland's contributions to
    NATO, as well as its support to Ukraine": Finland's support, not NATO's)."""
    if not near or not _ITS.match(ctx.text, at) or not _OWN_AGAIN.fullmatch(ctx.text, near[-1][-1].evidence.end, at) \
            or not _AFTER_PREPOSITION.search(ctx.text, max(0, near[-1][0].evidence.start - 12), near[-1][0].evidence.start):
        return near
    owners = [i for i, g in enumerate(near[:-1]) if re.match(r"['’]s\b", ctx.text[g[-1].evidence.end:])]
    return near[:owners[-1] + 1] if owners else []


_OWN_AGAIN = re.compile(r",?\s+(?:as\s+well\s+as|and|but\s+also|plus)\s+", re.I)
_ITS = re.compile(r"(?:its|their)\s", re.I)
_OF_HAVING = re.compile(r"\bof\s+having\s+[“\"‘']?(?:\w+ly\s+)?$", re.I)
_AFTER_PREPOSITION = re.compile(r"\b(?:against|with|to|for|on|of|in|from|by|at|between)\s+(?:the\s+)?$", re.I)


def _subjects(ctx: Context, si: int, groups: list[list[Mention]], at: int, rule: Rule
              ) -> tuple[list[Mention], str]:
    if "Person" in rule.subjects:
        people = _titled_people(ctx, si, at)
        if people:
            return people, rule.kind
    before = [g for g in groups if g[-1].evidence.end <= at]
    if len(before) >= 2 and _inserted(ctx, before[-2], before[-1], at):
        before = before[:-1]  # "Japan, an ally of the United States, praised": Japan
        at = before[-1][-1].evidence.end
    if before:
        g = before[-1]
        gap = ctx.text[g[-1].evidence.end:at]
        if re.match(r"['’]s\b", gap) and len(g) > 1 and _AFTER_PREPOSITION.search(
                ctx.text, max(0, g[0].evidence.start - 12), g[0].evidence.start):
            g = g[-1:]  # "against Ukraine and Moscow's alliance with": Moscow's only
        if _SUBJECT_GAP.match(gap) and not (re.fullmatch(r"\s+to\s+", gap) and _VISITED.search(
                ctx.text, max(0, g[0].evidence.start - 20), g[0].evidence.start)):
            kept = [m for m in g if ctx.cls(m.entity) in rule.subjects]
            if kept:
                coref = any(m.kind == "coreference" for m in kept)
                return kept, "coref" if coref else rule.kind
    return _parse_subjects(ctx, si, at, rule), "parse"


def _titled_people(ctx: Context, si: int, at: int) -> list[Mention]:
    """"Prime Minister Anthony Albanese of Australia, ... and President Joseph R. Biden, Jr. of
    the United States—met", "South Korean Defense Minister Lee Jong-sup, US Defense Secretary
    Lloyd Austin and ... met": a list of titled people right before the cue is its subject
    (the people, not the countries their titles name). [] unless at least two are listed."""
    sentence = ctx.sentences[si]
    units: list[tuple[int, int, Mention]] = []  # (start, end, person) of "<title> <name> of <owner>"
    mentions = _top_level(ctx.between(sentence.start, at))
    for i, m in enumerate(mentions):
        if ctx.cls(m.entity) != "Person":
            continue
        lo, hi = m.evidence.start, m.evidence.end
        title = offices.TITLE_LEFT.search(ctx.text, max(sentence.start, lo - 60), lo)
        if title:
            lo = title.start()
            owner = [x for x in mentions[:i] if x.evidence.end <= lo]
            if owner and re.fullmatch(r"(?:['’]s)?\s*", ctx.text[owner[-1].evidence.end:lo]):
                lo = owner[-1].evidence.start
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and offices.OF_OWNER.fullmatch(ctx.text, hi, nxt.evidence.start):
            hi = nxt.evidence.end
        units.append((lo, hi, m))
    chain: list[Mention] = []
    edge = at
    for lo, hi, m in reversed(units):
        gap = ctx.text[hi:edge]
        if not (_SUBJECT_GAP.match(gap) if not chain else _LIST_GAP.match(gap)):
            break
        chain.insert(0, m)
        edge = lo
    return chain if len(chain) >= 2 else []


_INSERT_OPEN = re.compile(r"(?:\s*[\w-]+){0,2}?\s*,\s*(?:(?:which|who|whose)\b[^,;]*|(?:an?|the|its|their|his|her)\s[^,;]*|"
                          r"[^,;]*\b(?:of|with|by|to)\s+(?:the\s+)?)", re.I)
_INSERT_CLOSE = re.compile(r"\s*(?:(?:['’]s)?\s+[^,;]{0,40})?,", re.I)


def _inserted(ctx: Context, prev: list[Mention], g: list[Mention], at: int) -> bool:
    """Whether `g` lies in a clause set off by commas after `prev` (", which has been blocked
    by Turkey,", ", an ally of the United States,"), so the subject is `prev`."""
    return bool(_INSERT_OPEN.fullmatch(ctx.text[prev[-1].evidence.end:g[0].evidence.start])
                and _INSERT_CLOSE.match(ctx.text[g[-1].evidence.end:at]))


def _parse_subjects(ctx: Context, si: int, at: int, rule: Rule) -> list[Mention]:
    """The subject of the cue's verb in the dependency parse, following conj/relcl heads."""
    doc = parse_of(ctx, si)
    base = ctx.sentences[si].start
    token = next((t for t in doc if base + t.idx >= at), None)
    resolved = False  # (the walk went up from a resolve to its owner: "its pledge to support")
    for _ in range(4):
        if token is None:
            return []
        subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and token.dep_ in ("ccomp", "xcomp", "advcl") and token.head.lower_ in _VISIT_VERBS \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            token = token.head  # "X was visiting India to participate in Y": X's purpose, not India's
            continue
        if resolved and subj and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            return []  # "if the US sticks to its commitments to deliver": a condition, no resolve stated
        found: list[Mention] = []
        for c in subj:
            found.extend(m for m in _mentions_in(ctx, base, c, rule.subjects)
                         if not _ITS_DOCUMENT.match(ctx.text, m.evidence.end))
        if found:
            return found
        if token.dep_ == "relcl" and all(c.lower_ in _RELATIVES for c in subj):
            # "Sweden, which followed ...": the noun the clause is about (not "Montenegro, where
            # the opposition favoured …": the clause has a subject of its own)
            return _mentions_in(ctx, base, token.head, rule.subjects, whole=False)
        if subj and token.dep_ == "ccomp" and all(c.lower_ in _REPORTER_PRONOUNS for c in subj):
            token = token.head  # "Tokyo said it would back Manila": the reporting subject
            continue
        if len(subj) == 1 and subj[0].lower_ == "they":
            return _they(ctx, si, base + subj[0].idx, rule)
        if subj:
            return []
        if token.dep_ == "acl":
            # "expressed its determination to support Ukraine": the owner of the resolve acts;
            # a resolve without one ("criticised the plan to support") names no actor
            owner = next((c for c in token.head.children if c.dep_ == "poss"), None)
            if owner is None:
                return []
            if owner.lower_ not in _OWNER_PRONOUNS:
                return _mentions_in(ctx, base, owner, rule.subjects)
            token = token.head
            resolved = True
        if token.dep_ in ("conj", "xcomp", "advcl", "aux", "prep", "dobj", "pobj", "ccomp", "poss",
                          "attr", "appos", "acomp", "npadvmod", "amod", "compound") \
                and token.head is not token:
            token = token.head
        else:
            return []
    return []


_REPORTER_PRONOUNS = frozenset({"it", "they"})
_RELATIVES = frozenset({"which", "who", "that", "whom"})
# Verbs whose object is no agent of an infinitive of purpose after it ("visiting India to
# participate", "met Modi to discuss"), unlike "urged India to join" (India joins).
_VISIT_VERBS = frozenset({"visit", "visits", "visited", "visiting", "tour", "tours", "toured", "touring",
                          "meet", "meets", "met", "meeting"})  # (the pipeline has no lemmatiser)
_VISITED = re.compile(r"\b(?:visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|met|meet(?:s|ing)?)\s+(?:the\s+)?$", re.I)


def _they(ctx: Context, si: int, at: int, rule: Rule) -> list[Mention]:
    """"Sweden and Finland signed. In particular, they undertake to ...": "they" is the one list
    of two or more actors named in this sentence before it or in the sentence before (none if
    there are two such lists, or a person among them)."""
    lo = ctx.sentences[max(0, si - 1)].start
    lists = [g for g in _groups(ctx, [m for m in _top_level(ctx.between(lo, at))
                                      if ctx.cls(m.entity) in ACTORS and m.kind != "demonym"])
             if len(g) >= 2]
    if len(lists) != 1 or any(ctx.cls(m.entity) not in rule.subjects - {"Person"} for m in lists[0]):
        return []
    return [Mention(m.entity, ctx.evidence(at, at + 4), "coreference") for m in lists[0]]


def _mentions_in(ctx: Context, base: int, token: object, classes: frozenset[str],
                 whole: bool = True) -> list[Mention]:
    t = token  # a spaCy Token
    if whole:
        lo = base + t.left_edge.idx  # type: ignore[attr-defined]
        hi = base + t.right_edge.idx + len(t.right_edge.text)  # type: ignore[attr-defined]
    else:
        lo, hi = base + t.idx, base + t.idx + len(t.text)  # type: ignore[attr-defined]
    # Only the noun phrase itself, not a relative or participial clause hanging from it ("The
    # pact, signed under President Biden, seeks ...": the pact, not Biden).
    cut = [(base + c.left_edge.idx, base + c.right_edge.idx + len(c.right_edge.text))
           for c in t.children if c.dep_ in ("relcl", "acl")] if whole else []  # type: ignore[attr-defined]
    out = [m for m in _top_level(ctx.between(lo, hi))
           if ctx.cls(m.entity) in classes and _as_actor(ctx, m) and _itself(ctx, m)
           and not any(a <= m.evidence.start < b for a, b in cut)]
    return _dedupe(out)


# A name that only qualifies other actors ("NATO allies", "a US ally", "Quad countries", "EU
# member states") is not itself the actor of the relation.
_NOT_ITSELF = re.compile(r"[\s-]+(?:all(?:y|ies)|partners?|members?(?:\s+(?:states?|countries))?|"
                         r"neighbou?rs?|rivals?|adversar(?:y|ies)|critics?|countries|nations|"
                         r"lawmakers|analysts|experts|companies|firms)\b|"
                         r"['’]s\s+(?:[\w-]+\s+)?(?:invitations?|offers?|proposals?|requests?|appeals?|bids?)\b",
                         re.I)  # "rejected Nato's invitation": the invitation, not NATO


# "the ICJ warning blocks ...": the subject is the warning, not the court (as an object, "lauded
# the ICJ ruling", the court is what is praised).
_ITS_DOCUMENT = re.compile(r"['’]?s?\s+(?:warnings?|rulings?|verdicts?|decisions?|orders?|reports?)\b", re.I)


# A demonym names its state only as the adjective of a government body ("the Chinese
# government", "the Japanese Foreign Ministry"), not of people, things or armed forces
# ("Chinese tourists", "Japanese cars", "the Somali National Army").
_STATE_BODY = re.compile(r"[\s-]+(?:(?:central|federal|interim|transitional)\s+)?"
                         r"(?:government|authorities|administration|(?:foreign\s+)?ministry|"
                         r"leadership|embassy|side|regime|cabinet|junta|"
                         r"involvement|interference|meddling|aggression|actions|policy|policies|"
                         # "a Saudi official condemned", "to contain Turkish ambitions"
                         r"officials?|diplomats?|ambitions|influence|expansionism|hegemony)\b", re.I)


# "strikes on Cambodian military targets", "water cannon at Philippine ships": a state's forces
# and assets stand for the state
_STATE_ASSETS = re.compile(r"\s+(?:(?:military|army|naval|navy|coast\s+guard|border|government|supply|"
                           r"resupply)\s+)?(?:targets|positions|troops|soldiers|forces|vessels|ships|boats|"
                           r"warships|territory|bases|outposts)\b", re.I)


def _as_actor(ctx: Context, m: Mention) -> bool:
    return m.kind != "demonym" or bool(_STATE_BODY.match(ctx.text, m.evidence.end)) \
        or bool(_STATE_ASSETS.match(ctx.text, m.evidence.end))


def _itself(ctx: Context, m: Mention) -> bool:
    return not _NOT_ITSELF.match(ctx.text, m.evidence.end)


def _objects(ctx: Context, groups: list[list[Mention]], at: int, sentence: Span, rule: Rule
             ) -> list[Mention]:
    after = [g for g in groups if g[0].evidence.start >= at]
    if not after:
        return []
    g = after[0]
    gap = ctx.text[at:g[0].evidence.start]
    if not _OBJECT_GAP.match(gap):
        return []
    if len(after) > 1 and ctx.cls(after[1][0].entity) == "Person" and ctx.cls(g[-1].entity) in ORGS | {"Country"} \
            and offices.TITLE_BETWEEN.fullmatch(ctx.text[g[-1].evidence.end:after[1][0].evidence.start]):
        g = after[1]  # "by Cambodian Defence Minister Tea Banh": the titled person
    return [m for m in g if ctx.cls(m.entity) in rule.objects and _as_actor(ctx, m)
            and _itself(ctx, m)]


_NEAR = 50  # characters: an object further from its cue is left to the list rules (no parse)


def _candidates_after(ctx: Context, mentions: list[Mention], at: int, rule: Rule) -> bool:
    """Whether a mention the rule could take as its object follows the cue closely, in the
    same clause (else the sentence is not parsed for it)."""
    return any(at <= m.evidence.start <= at + _NEAR and ctx.cls(m.entity) in rule.objects
               and _as_actor(ctx, m) and not re.search(r"[,;:—–]", ctx.text[at:m.evidence.start])
               for m in mentions)


_OBJECT_DEPS = ("dobj", "pobj", "dative", "attr", "oprd")
_VERB_DEPS = ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "xcomp", "ccomp")


def _parse_objects(ctx: Context, si: int, start: int, end: int, rule: Rule) -> list[Mention]:
    """The object of the cue in the dependency parse, when the words after the cue are not a
    list of mentions ("commends the Somali army and AMISOM": the direct object and its
    conjuncts). The cue's last word governs it: a preposition its `pobj`, a verb its `dobj`."""
    doc = parse_of(ctx, si)
    base = ctx.sentences[si].start
    inside = [t for t in doc if start <= base + t.idx < end]
    if not inside:
        return []
    cue = inside[-1]
    heads: list[Any] = [c for c in cue.children if c.dep_ in _OBJECT_DEPS and base + c.idx >= end]
    if heads:  # a name the parser hung on the verb: "praised the army and ECOWAS"
        heads.extend(c for c in cue.children if c.dep_ == "conj" and c.text[:1].isupper()
                     and c.idx > heads[0].idx and not any(g.dep_ in _VERB_DEPS for g in c.children))
    for h in list(heads):
        heads.extend(_conjuncts(h))
    found: list[Mention] = []
    for h in heads:
        found.extend(m for m in _mentions_in(ctx, base, h, rule.objects)
                     if m.evidence.start >= end and m not in found and _in_phrase(base, h, m))
    return _dedupe(found)


def _in_phrase(base: int, head: object, m: Mention) -> bool:
    """Whether a mention is in the noun phrase of `head` itself, not in a prepositional
    phrase, clause or conjunct hanging from it ("ties with Japan": the ties, not Japan)."""
    for c in head.children:  # type: ignore[attr-defined]
        if c.dep_ in ("prep", "relcl", "acl", "advcl", "conj", "cc"):
            lo = base + c.left_edge.idx
            hi = base + c.right_edge.idx + len(c.right_edge.text)
            if lo <= m.evidence.start < hi:
                return False
    return True


def _conjuncts(token: Any) -> list[Any]:
    """"A, B and C": the conj chain below a head."""
    out: list[Any] = []
    todo = [token]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ == "conj":
                out.append(c)
                todo.append(c)
    return out


def _join_in(ctx: Context, groups: list[list[Mention]], at: int, rule: Rule
             ) -> tuple[list[Mention], list[Mention]] | None:
    """"A and B will join C and D in Sea Lantern": C and D take part too."""
    after = [g for g in groups if g[0].evidence.start >= at]
    if len(after) < 2 or not _OBJECT_GAP.match(ctx.text[at:after[0][0].evidence.start]):
        return None
    actors = [m for m in after[0] if ctx.cls(m.entity) in ACTORS]
    target = [m for m in after[1] if ctx.cls(m.entity) in PROGRAMMES]
    if actors and target and re.fullmatch(r"\s+in\s+(?:the\s+)?",
                                          ctx.text[after[0][-1].evidence.end:after[1][0].evidence.start]):
        return actors, target[:1]
    return None


def _possessive_member(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"Finland became NATO's 31st member", "the United States, NATO's largest member,"."""
    rule = RULES[1]
    for m in mentions:
        if ctx.cls(m.entity) not in ORGS:
            continue
        tail = ctx.text[m.evidence.end:m.evidence.end + 50]
        one_of = re.search(r"\b(?:one\s+of|among)\s+$", ctx.text[max(0, m.evidence.start - 22):m.evidence.start])
        head = re.match(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?P<w>member|member\s+state|ally|partner)\b", tail) or (
            # "Japan is one of NATO's partners", "Poland is among NATO's most active members"
            re.match(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?P<w>members|member\s+states|allies|partners)\b", tail)
            if one_of else None) or (
            re.match(r"\s+(?P<w>member(?:\s+state|\s+country)?|ally|partner|"
                     r"members|member\s+states|member\s+countries|allies|partners)\b", tail)
            if re.search(r"\b(?:a|an|fellow|another|key|close|both|all|each|are|were|remain|became|"
                         r"the\s+(?:newest|latest|youngest|oldest|most\s+recent))\s+"
                         r"(?:(?:founding|full|fellow|longtime|key|close|major)\s+)?$",
                         ctx.text[max(0, m.evidence.start - 22):m.evidence.start])
            else None)
        if head is None or _TRADE.search(head.group()):
            continue  # "NATO's largest member", "Turkey, a NATO ally", "Japan is a NATO partner"
            # (never "ASEAN's second-largest trading partner": trade is no partnership)
        if head.group("w") in ("members", "member states", "member countries", "allies", "partners") \
                and not one_of and not re.search(r"\b(?:both|all|each|are|were|remain|became)\s+(?:\w+\s+)?$",
                                                 ctx.text[max(0, m.evidence.start - 22):m.evidence.start]):
            continue  # a plural needs "both" / "all" to refer back to a list
        predicate = "partnerOf" if head.group("w") in ("partner", "partners") else "memberOf"
        before = _groups(ctx, [x for x in mentions if x.evidence.end <= m.evidence.start])
        subjects: list[Mention] = []
        kind = "adjacent"
        if before and _MEMBER_GAP.match(ctx.text[before[-1][-1].evidence.end:m.evidence.start]):
            subjects = [x for x in before[-1] if ctx.cls(x.entity) in ACTORS - {"Person"}]
        else:
            subjects, kind = [x for x in _parse_subjects(ctx, si, m.evidence.start, rule)
                              if ctx.cls(x.entity) != "Person"], "parse"
        for x in subjects:
            yield _fact(ctx, sentence, x, predicate, m, kind, "possessive-member")


_MEMBER_GAP = re.compile(r"^\s*(?:,\s*|\s*[—–]\s*|\s+(?:became|becomes|become|is|was|are|were|remains?|remained)\s+)"
                         r"(?:the\s+|an?\s+|fellow\s+|both\s+|all\s+|each\s+|one\s+of\s+|among\s+)?"
                         r"(?:(?:founding|full|fellow|longtime|key|close|major|newest|latest|new|youngest|"
                         r"oldest|smallest|largest|biggest|most\s+recent)\s+)?$")  # "Finland, the newest NATO member"


def _relative_head(ctx: Context, sentence: Span, subject: Mention, rule: Rule) -> list[Mention]:
    """"the ITPP is an agreement that Tokyo and Canberra have concluded talks on": the
    programme a relative clause (that/which + subject) hangs from."""
    before = [m for m in ctx.between(sentence.start, sentence.end)
              if m.evidence.end <= subject.evidence.start and ctx.cls(m.entity) in rule.objects
              and ctx.cls(m.entity) in PROGRAMMES]
    if before and re.search(r"\b(?:that|which)\s+(?:the\s+)?$",
                            ctx.text[before[-1].evidence.end:subject.evidence.start]):
        return [before[-1]]
    if before and re.search(r"\b(?:that|which)\s+(?:the\s+)?$",
                            ctx.text[max(before[-1].evidence.end, subject.evidence.start - 20):subject.evidence.start]):
        return [before[-1]]
    return []


def _intransitive(text: str, at: int) -> bool:
    """The cue verb ends its clause ("China objects, with ...", "The U.S. objected.")."""
    return bool(re.match(r"\s*(?:[,.;:—–]|$|\s+(?:and|but)\b)", text[at:at + 6]))


def _topic(ctx: Context, si: int, exclude: set[str], before: int) -> Mention | None:
    """The organisation the text is about just before the cue: the first one named earlier in
    the sentence, else in one of the two sentences before."""
    for j in (si, si - 1, si - 2):
        if j < 0:
            continue
        for m in ctx.sentence_mentions(j):
            if ctx.cls(m.entity) in ORGS and m.entity not in exclude and m.evidence.end <= before:
                return m
    return None


def _fact(ctx: Context, sentence: Span, s: Mention, predicate: str, o: Mention, kind: str,
          rule: str, lo: int | None = None, hi: int | None = None) -> Fact:
    starts = [s.evidence.start, o.evidence.start] + ([lo] if lo is not None else [])
    ends = [s.evidence.end, o.evidence.end] + ([hi] if hi is not None else [])
    if s.kind == "coreference" or o.kind == "coreference":
        kind = "coref" if CONF[kind] > CONF["coref"] else kind
        span = sentence
    else:
        span = clause_around(ctx.text, sentence, min(starts), max(ends))
    ev = ctx.evidence(span.start, span.end)
    confidence = _polar(ctx, sentence, s, o, CONF[kind], lo, hi, predicate)
    if predicate == "memberOf" and _NON_PREFIX.search(ctx.text, max(0, o.evidence.start - 5),
                                                      o.evidence.start):
        confidence = 0.0
    if any(_STANCE_PREFIX.search(ctx.text, max(0, m.evidence.start - 5), m.evidence.start)
           for m in (s, o) if m.kind != "coreference"):
        confidence = 0.0  # "unhappy with anti-Erdogan protests": the protests, not Erdogan
    return Fact(s.entity, predicate, o.entity, ev, confidence, rule)


# "non-NATO members such as Australia": the organisation named right after "non-" is the one
# they do not belong to
_NON_PREFIX = re.compile(r"\bnon[-‐–]?\s?\Z", re.I)
# "anti-Erdogan protests", "pro-Russian forces": the name only qualifies another noun
_STANCE_PREFIX = re.compile(r"\b(?:anti|pro)[-‐–]\Z", re.I)


_OWNER_PRONOUNS = frozenset({"its", "their", "his", "her"})


def _polar(ctx: Context, sentence: Span, s: Mention, o: Mention, confidence: float,
           cue: int | None, cue_end: int | None, predicate: str = "") -> float:
    """The confidence a relation keeps after negation and modality (0: denied, dropped by
    `_valid`): "X, which is not a member of Y" states no membership, and neither does an
    envisaged one ("X wants to join Y", "X's bid to join Y": not a member yet), where other
    envisaged relations are kept at a low confidence. With a cue, the scope runs from the
    mention right before the cue to the cue's end (an object named in an earlier sentence
    does not bring that sentence's words in)."""
    first, second = (s, o) if s.evidence.start <= o.evidence.start else (o, s)
    if cue is not None and cue_end is not None:
        left = [m for m in (s, o) if m.evidence.end <= cue]
        lo = max(m.evidence.end for m in left) if left else cue
        lo = max(lo, sentence.start)
        first = max(left, key=lambda m: m.evidence.end) if left else first
        if first.evidence.quote.lower() in _OWNER_PRONOUNS:
            # "Niger revoked its military accord with the US": the verb governing "its" is in scope
            prior = [m.evidence.end for m in ctx.between(sentence.start, first.evidence.start)]
            lo = max(prior, default=sentence.start)
        words = polarity_mod.scope(ctx.text, lo, max(lo, cue_end), cue)
    else:
        lo, hi = first.evidence.end, max(first.evidence.end, second.evidence.start)
        words = polarity_mod.scope(ctx.text, lo, hi, None)
    before = ctx.text[max(sentence.start, first.evidence.start - 12):first.evidence.start]
    found = polarity_mod.polarity(words, before)
    if found == polarity_mod.ASSERTED and cue is not None and polarity_mod.INFINITIVE.match(ctx.text, first.evidence.end, cue) \
            and polarity_mod.CONTROL_BEFORE.search(ctx.text, max(sentence.start, first.evidence.start - 24),
                                                   first.evidence.start):
        found = polarity_mod.MODAL  # "urged India to join the Quad": asked, not done
    if found == polarity_mod.NEGATED:
        return 0.0
    if found == polarity_mod.MODAL:
        return 0.0 if predicate == "memberOf" else min(confidence, polarity_mod.MODAL_CONFIDENCE)
    return confidence


# --- partners, places, disputes, names -------------------------------------------------

def _partners_list(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"<Org>'s partners — A, B and C" / "the four partners: A, B, C": A, B, C partnerOf Org."""
    groups = _groups(ctx, mentions)
    for cue in _PARTNERS_LIST.finditer(ctx.text, sentence.start, sentence.end):
        after = [g for g in groups if g[0].evidence.start == cue.end()]
        if not after:
            continue
        members = [m for m in after[0] if ctx.cls(m.entity) in ACTORS]
        orgs = {m.entity: m for m in mentions if ctx.cls(m.entity) in ("Alliance",
                                                                     "InternationalOrganisation")
                and m not in after[0]}
        if len(orgs) != 1 or len(members) < 2:
            continue
        org = next(iter(orgs.values()))
        for m in members:
            yield _fact(ctx, sentence, m, "partnerOf", org, "coref", "partners-list")


_MEMBERS_LIST = _re(r",?\s+(?:member\s+)?(?:countries|states|nations|members)\s*"
                    r"(?:[—–:]|-\s|,?\s+(?:such\s+as|including|namely|like)\b)\s*(?:the\s+)?")


def _members_list(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"Quad countries — India, Australia, Japan and the US", "GCC member states – Saudi
    Arabia, Qatar, ...", "NATO members such as Turkey": each listed country is a member."""
    groups = _groups(ctx, mentions)
    for m in mentions:
        if ctx.cls(m.entity) not in ORGS or m.kind == "coreference":
            continue
        cue = _MEMBERS_LIST.match(ctx.text, m.evidence.end, sentence.end)
        listed = [g for g in groups if cue and g[0].evidence.start == cue.end()]
        if not listed:
            continue
        for x in listed[0]:
            if ctx.cls(x.entity) != "Country" or x.kind == "demonym":
                continue
            if ctx.cls(m.entity) == "Partnership":
                yield _fact(ctx, sentence, m, "hasPartner", x, "adjacent", "members-list")
            else:
                yield _fact(ctx, sentence, x, "memberOf", m, "adjacent", "members-list")


_AS_PARTNERS = _re(r",?\s+(?:[–—]\s+[^–—\n]{0,80}?[–—]\s+)?as\s+(?:the\s+)?(?:(?:leaders|representatives|heads)\s+of\s+)?"
                   r"(?:(?:key|close|important|strategic|trusted|main|valued)\s+)?partners?"
                   r"(?:\s+(?:countries|nations|states))?(?P<of>\s+(?:of|to)\s+)?")
_ORG_SUBJECT = Rule("as-partners", "partnerOf", _AS_PARTNERS, ORGS - {"Partnership"}, ACTORS)


def _as_partners(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"the security bloc has identified Japan, South Korea ... as key partners", "his
    counterparts from South Korea and Australia, as the leaders of partner countries of the
    alliance": each listed country is a partner of the organisation (named after "of", else
    the subject of the verb the list depends on)."""
    if "partner" not in ctx.text[sentence.start:sentence.end]:
        return
    for g in _groups(ctx, mentions):
        countries = [m for m in g if ctx.cls(m.entity) == "Country" and m.kind != "demonym"]
        cue = _AS_PARTNERS.match(ctx.text, g[-1].evidence.end, sentence.end)
        if not countries or cue is None:
            continue
        if cue.group("of"):
            orgs = [m for m in mentions if m.evidence.start == cue.end() and ctx.cls(m.entity) in ORGS]
            kind = "adjacent"
        else:
            orgs, kind = _parse_subjects(ctx, si, g[0].evidence.start, _ORG_SUBJECT), "parse"
        for org in orgs[:1]:
            for c in countries:
                yield _fact(ctx, sentence, c, "partnerOf", org, kind, "as-partners")


_SIGNED = _re(r"\b(?:sign(?:ed|s|ing)?|ratif(?:y|ies|ied)|initial(?:l?ed|s))\s+(?:on\s+to\s+|up\s+to\s+)?"
              r"(?:the\s+)?[“\"‘]?")
_ITS_TREATY = _re(r"\s+(?:founding\s+)?(?:treaty|charter|founding\s+(?:document|act))\b")
_SIGNER = Rule("signed", "hasPartner", _SIGNED, ACTORS - {"Person"}, frozenset({"Partnership"}))


def _signed(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"the UAE, Bahrain, and Israel signed the “Abraham Accords”": each signer is a party to
    the partnership (a treaty or accord the text names)."""
    if "sign" not in ctx.text[sentence.start:sentence.end].lower() and "ratif" not in \
            ctx.text[sentence.start:sentence.end].lower():
        return
    groups = _groups(ctx, mentions)
    for cue in _SIGNED.finditer(ctx.text, sentence.start, sentence.end):
        target = [m for m in mentions if m.evidence.start == cue.end()
                  and (ctx.cls(m.entity) == "Partnership" or ctx.cls(m.entity) in _GROUPISH
                       and _ITS_TREATY.match(ctx.text, m.evidence.end))]
        if not target:
            continue
        subjects, kind = _subjects(ctx, si, groups, cue.start(), _SIGNER)
        for x in subjects:
            if ctx.cls(x.entity) in ACTORS - {"Person"} and x.kind != "demonym":
                if ctx.cls(target[0].entity) != "Partnership":  # "signing the Alliance of Sahel States treaty"
                    yield _fact(ctx, sentence, x, "memberOf", target[0], kind, "signed-founding",
                                cue.start(), target[0].evidence.end)
                    continue
                yield _fact(ctx, sentence, target[0], "hasPartner", x, kind, "signed",
                            cue.start(), cue.end())


_SIGN_MODIFIERS = re.compile(r"(?:(?:a|an|so-called|new|historic|landmark|long-awaited|key|\d[\w-]*)\s+){0,3}")
_WITH = re.compile(r"\s+with\s+(?:(?:his|her|their|its|the)\s+)?")
_TITLE_GAP = re.compile(r"(?:['’]s)?(?:\s+(?-i:[A-Z][\w-]*|of|for|and|&))+\s+")
_THROUGH = re.compile(r"\s+(?:through|under|via)\s+(?:the|its|their|a|an)\s+")


def _signed_with(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"A signed the so-called X Agreement with B", "A's minister signed a historic 10-year X
    Treaty with his B counterpart": both are parties (hasPartner) of the accord the text
    names; a person signing stands for the state of their title ("Australian Prime Minister
    Anthony Albanese": Australia). "... with B through the X Agreement": B is a party."""
    low = ctx.text[sentence.start:sentence.end].lower()
    if "sign" in low:
        for cue in _SIGNED.finditer(ctx.text, sentence.start, sentence.end):
            at = _SIGN_MODIFIERS.match(ctx.text, cue.end()).end()  # type: ignore[union-attr]
            target = [m for m in mentions if m.evidence.start == at and ctx.cls(m.entity) == "Partnership"]
            if not target:
                yield from _signed_quoted(ctx, si, sentence, mentions, cue)
                continue
            signers = [m for m in mentions if m.evidence.end <= cue.start()]
            if not _signing_asserted(ctx, sentence, signers, cue):
                continue  # "did not sign", "will sign": no party yet
            deal = target[0]
            if signers and _SUBJECT_GAP.match(ctx.text[signers[-1].evidence.end:cue.start()]) \
                    and ctx.cls(signers[-1].entity) == "Person":
                state = _state_of(ctx, mentions, signers[-1])
                if state is not None:
                    yield _fact(ctx, sentence, deal, "hasPartner", state, "adjacent", "signed-with",
                                cue.start(), cue.end())
            other = _with_party(ctx, mentions, deal.evidence.end)
            if other is not None:
                yield _fact(ctx, sentence, deal, "hasPartner", other, "adjacent", "signed-with",
                            cue.start(), deal.evidence.end)
    for i, m in enumerate(mentions):  # "with the United States through the Visiting Forces Agreement"
        if ctx.cls(m.entity) != "Partnership" or i == 0:
            continue
        party = mentions[i - 1]
        if ctx.cls(party.entity) == "Country" and party.kind != "demonym" and \
                _THROUGH.fullmatch(ctx.text, party.evidence.end, m.evidence.start) and \
                re.search(r"\bwith\s+(?:the\s+)?$", ctx.text[max(sentence.start, party.evidence.start - 10):party.evidence.start]):
            yield _fact(ctx, sentence, m, "hasPartner", party, "adjacent", "with-through")


_QUOTED_ACCORD = re.compile(r"(?:a|an|the)\s+(?:(?:new|historic|landmark|long-awaited|\d[\w-]*)\s+){0,2}"
                            r"[“\"](?P<name>[A-Za-z][\w -]{2,60}?)[”\"]\s+(?:agreement|pact|treaty|accord|deal)\b")


def _signed_quoted(ctx: Context, si: int, sentence: Span, mentions: list[Mention],
                   cue: re.Match[str]) -> Iterator[Fact]:
    """"The Cook Islands has signed a “comprehensive strategic partnership” agreement with
    China": the quoted words name an accord between the signer and the state after "with"; a
    Partnership labelled "Cook Islands–China comprehensive strategic partnership" (the quoted
    name as an alternative label), each a party. Only with one signer and one other party,
    asserted (not "will sign")."""
    m = _QUOTED_ACCORD.match(ctx.text, cue.end() - (1 if ctx.text[cue.end() - 1] in "“\"‘" else 0))
    if m is None:
        m = _QUOTED_ACCORD.match(ctx.text, cue.start() + len(cue.group().rstrip("“\"‘").rstrip()) + 1)
    if m is None:
        return
    prior = [x for x in mentions if x.evidence.end <= cue.start()]
    if not _signing_asserted(ctx, sentence, prior, cue):
        return
    signers, kind = _subjects(ctx, si, _groups(ctx, mentions), cue.start(), _SIGNER)
    signers = [x for x in signers if ctx.cls(x.entity) in ACTORS - {"Person"} and x.kind != "demonym"]
    if not signers and prior and ctx.cls(prior[-1].entity) == "Person" and \
            _SUBJECT_GAP.match(ctx.text[prior[-1].evidence.end:cue.start()]):
        state = _state_of(ctx, mentions, prior[-1])
        signers = [state] if state is not None else []
    other = _with_party(ctx, mentions, m.end())
    if len(signers) != 1 or other is None or other.entity == signers[0].entity:
        return
    name = re.sub(r"\s+", " ", m.group("name").strip())
    label = f"{ctx.entities[signers[0].entity].label}–{ctx.entities[other.entity].label} {name}"
    slug = slugify(_PARTY_DASH.sub("-", label))
    ctx.entities.setdefault(slug, Entity(slug, label, "Partnership", alt_labels=(name,)))
    deal = Mention(slug, ctx.evidence(m.start("name"), m.end("name")), "name")
    for party in (signers[0], other):
        yield _fact(ctx, sentence, deal, "hasPartner", party, "parse", "signed-quoted", cue.start(), m.end())


def _signing_asserted(ctx: Context, sentence: Span, prior: list[Mention], cue: re.Match[str]) -> bool:
    """Whether the signing is stated, not denied or envisaged ("did not sign", "will sign"):
    the polarity of the words from the last mention before the cue (`prior`) to its end."""
    lo = prior[-1].evidence.end if prior else sentence.start
    said = polarity_mod.polarity(polarity_mod.scope(ctx.text, lo, cue.end(), cue.start()),
                                 ctx.text[max(sentence.start, lo - 12):lo])
    return said == polarity_mod.ASSERTED


def _with_party(ctx: Context, mentions: list[Mention], at: int) -> Mention | None:
    """The state named right after "with" at `at`: "with China", "with his Vanuatu
    counterpart", "with Australian Defence Minister X" (the demonym), "with X" (a titled
    person: their state)."""
    cue = _WITH.match(ctx.text, at)
    if cue is None:
        return None
    first = next((m for m in mentions if m.evidence.start == cue.end()), None)
    if first is None:
        return None
    if ctx.cls(first.entity) == "Country":
        return first
    if ctx.cls(first.entity) == "Person":
        return _state_of(ctx, mentions, first)
    return None


def _state_of(ctx: Context, mentions: list[Mention], person: Mention) -> Mention | None:
    """The state in a person's title right before the name ("Australian Prime Minister",
    "India's Defence Minister"), if any."""
    before = [m for m in mentions if m.evidence.end <= person.evidence.start]
    if not before or ctx.cls(before[-1].entity) != "Country":
        return None
    if _TITLE_GAP.fullmatch(ctx.text, before[-1].evidence.end, person.evidence.start) or \
            offices.TITLE_BETWEEN.fullmatch(ctx.text, before[-1].evidence.end, person.evidence.start):
        return before[-1]  # (the second also with a title written lower-case: "Polish prime minister")
    return None


_LED = re.compile(r"-led\s+(?:(?:[\w-]+\s+){0,2}?)")
_ARE_ALLIES = _re(r"(?:\s+(?:are|is|were|was|remain|remains)\s+|\s*,\s*(?:both|all|two|three|four)\s+)"
                  r"(?:both\s+|all\s+|also\s+|longtime\s+|close\s+|key\s+|major\s+)*"
                  # any one word of praise more ("are linchpin American allies"), never a denial
                  r"(?:(?!(?:not|no|never|former|ex|once|no\s+longer)\b)(?-i:[a-z][\w-]*)\s+)?")
# "Japan, a close U.S. ally" and the copula "Taiwan has long been an American ally"
_AN_ALLY_BEFORE = _re(r"(?:\s*,\s*|\s+(?:is|are|was|were|remains?|remained|became|becomes|"
                      r"(?:has|have|had)\s+(?:long\s+|always\s+)?been|(?:has|have|had)\s+(?:now\s+)?become)\s+"
                      r"(?:also\s+|still\s+)?)"
                      # "Japan has become the latest US ally to join …", "the Philippines, the oldest US ally in Asia"
                      r"(?:a|an|another|the\s+(?:latest|newest|first|second|third|only|closest|oldest|staunchest|"
                      r"strongest|most\s+important))\s+(?:(?:close|key|major|staunch|longtime|long-standing|"
                      r"treaty|important|loyal|firm|steadfast|reliable|trusted|strong)\s+){0,2}")
_ALLY_AFTER = _re(r"\s+(?:treaty\s+|security\s+|defen[cs]e\s+)?(?:ally|allies|partners?)\b")
_AS_ITS_MEMBER = _re(r"\s+as\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:member|member\s+state|member\s+country)\b")
_A_MEMBER_STATE = _re(r",\s+(?:a|an)\s+(?:founding\s+|full\s+|fellow\s+)?member(?:\s+(?:state|country|nation))?\b"
                      r"(?!\s+of\b)")
# "A and B, two of the United States' closest Asian allies", "Japan, one of NATO's partners"
_SOME_OF = _re(r"\s*,\s*(?:both|all|two|three|four|five|one|each|among)\s+(?:of\s+)?(?:the\s+)?")
_ITS_ALLIES = _re(r"['’]s?\s+(?:(?:closest|oldest|staunchest|strongest|key|main|major|close|"
                  r"longtime|long-standing|most\s+important|important|treaty|trusted|(?-i:[A-Z][a-z]+))\s+){0,3}"
                  r"(?:allies|partners)\b")
_ALLY_NAMED = _re(r"\s+(?:close\s+|key\s+|main\s+|closest\s+)?(?:ally|partner)\s+(?:of\s+)?$")
# "threats from Russia and its main ally, Belarus": the ally named after "its" is the first's
_ITS_ALLY_WORDS = (r"close|closest|key|main|chief|principal|staunchest|strongest|traditional|long-?time|major|treaty|"
                   r"oldest|strategic")
_AND_ITS_ALLY = _re(r"\s+and\s+its\s+(?:(?:" + _ITS_ALLY_WORDS + r"|sole|only)\s+)?(?:ally|partner)\s*,?\s+"
                    r"(?:the\s+)?")
# "The United States and its allies Japan and South Korea": each ally named after "its" is the first's
_AND_ITS_ALLIES = _re(r"\s+and\s+its\s+(?:(?:" + _ITS_ALLY_WORDS + r"|regional|Asian|European)\s+)?"
                      r"(?:allies|partners)\s*,?\s+(?:the\s+)?")
# "A and other <Org> allies", "A and its fellow <Org> members": A is one of them
_AND_OTHER = _re(r"\s+and\s+(?:(?:the|all)\s+)?(?:other|its|their|fellow|its\s+fellow|their\s+fellow)\s+"
                 r"(?:(?-i:[a-zA-Z][\w.-]*-led|[a-z][\w-]*)\s+){0,2}?")
_FELLOWS = _re(r"\s+(?:allies|members|member\s+(?:states|countries|nations)|countries|nations|states)\b")
_EACH_OTHER = _re(r"\s+(?:(?:have|has|had|also|repeatedly|often|long|both|again|now|then|all)\s+){0,3}"
                  r"(?:blamed|accused|attacked|critici[sz]ed|condemned|threatened|sanctioned|fought|"
                  r"clashed\s+with|traded\s+(?:accusations|blame|fire|barbs)\s+with)\s+"
                  r"(?:each\s+other|one\s+another)\b")
# when a wire report says it happened, between the list and its verb ("agreed on Monday to")
_WHEN = (r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)|"
         r"(?:last|this)\s+(?:week|month|year)")
_TOGETHER = _re(
    r"\s+(?:(?:have|has|are|were|will|had|been|also|now|recently|further|all|" + _WHEN + r"|"
    r"(?:agreed|pledged|vowed|decided|promised|resolved)(?:\s+(?:" + _WHEN + r"))?\s+to)\s+){0,3}"
    r"(?:teamed\s+up|joined\s+forces|join\s+forces|"
    # "Bulgaria, Romania and Türkiye are working together against the mines"
    r"(?:work(?:s|ed|ing)?|co-?operat(?:e|es|ed|ing)|collaborat(?:e|es|ed|ing))\s+(?:(?:more\s+)?closely\s+)?"
    r"together|"
    r"(?:accelerat|deepen|strengthen|expand|boost|enhanc|bolster|step(?:p)?)(?:e|es|ed|ing|s)?"
    r"(?:\s+up)?\s+(?:their\s+)?(?:[\w-]+\s+(?:and\s+)?){0,2}?(?:cooperation|ties|partnership|alliance|"
    r"collaboration|relations)|"
    # "Kazakhstan and Uzbekistan have built strong, harmonious relations" (never strained ones)
    r"(?:built|build|builds|forged|forge|developed|enjoy|enjoys|enjoyed)\s+(?:(?!" + _HOSTILE + r"\b)[\w-]+,?\s+"
    r"(?:and\s+)?){0,3}?(?:relations|ties|relationship|partnership|cooperation)\b(?!\s+with\b)|"
    r"(?:held|hold|holds|conducted|conduct|conducts|staged|stage|launched)\s+(?:their\s+)?(?:first\s+|"
    r"annual\s+|large-scale\s+|regular\s+)?joint\s+(?:[\w-]+\s+){0,2}?(?:drills?|exercises?|patrols?|"
    r"manoeuvres|maneuvers|war\s+games)|"
    # "The United States, South Korea and Japan opened an air and naval exercise": a list's own
    # exercise, the list its subject
    r"(?:held|holds|conducted|conducts|staged|stages|launched|launch|opened|opens|began|begin|begins|"
    r"kicked\s+off|kick\s+off|started|start|starts)\s+(?:an?\s+|their\s+)?(?:(?:first|annual|large-scale|"
    r"regular|trilateral|bilateral|combined|multinational)\s+)*(?:(?!joint\b)[\w-]+\s+(?:and\s+)?){0,2}?"
    r"(?:drills?|exercises?|patrols?|manoeuvres|maneuvers|war\s+games)|"
    r"(?:signed|sign|concluded|inked|forged|struck|reached|upgraded|established|formed|launched|created|"
    r"set\s+up|reaffirmed|renewed|have|had|maintain|maintained|"
    r"agreed\s+(?:on|to\s+(?:form|establish|create|launch|sign|forge)))\s+"
    r"(?:(?:their\s+|bilateral\s+)?(?:ties|relations)\s+to\s+)?"
    r"(?:an?|the|their)\s+(?:[\w-]+\s+){0,4}?(?:pact|agreement|treaty|deal|accord|partnership|alliance|"
    r"memorandum|arrangement|contract)|"
    # "Taiwan and the U.S. established a Coast Guard Working Group": a body of their own
    r"(?:established|formed|created|set\s+up|launched)\s+(?:an?|the|their)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:working\s+group|joint\s+commission|joint\s+committee|task\s+force|coordination\s+mechanism|"
    r"consultative\s+group|strategic\s+dialogue)|"
    # "Iraq and the United States are connected by a strategic relationship"
    r"(?:are|were|remain)\s+(?:closely\s+)?(?:connected|bound|linked|united)\s+by\s+(?:an?|their|the)\s+"
    r"(?:(?!" + _HOSTILE + r"\b)[\w-]+\s+){0,2}(?:relationship|partnership|alliance|friendship|ties))\b")
# "U.S., Japanese, Australian, and Canadian warships conducted joint exercises": the states whose
# forces exercise together (demonyms too, before the forces' noun)
_FORCES_TOGETHER = _re(
    r"\s+(?:warships|navies|naval\s+forces|forces|troops|militaries|armies|soldiers|marines|fighter\s+jets|"
    r"coast\s+guards|vessels)\s+(?:(?:have|are|were|will|had|also|recently|" + _WHEN + r")\s+){0,2}"
    r"(?:held|hold|conducted|conduct|staged|stage|launched|began|started|carried\s+out)\s+"
    r"(?:an?\s+|their\s+)?(?:(?:first|annual|large-scale|regular|trilateral|bilateral|combined|multinational|"
    r"multilateral|joint)\s+)+(?:[\w-]+\s+){0,2}?(?:drills?|exercises?|patrols?|manoeuvres|maneuvers|war\s+games)\b")


def _led_and_allies(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"the Russia-led Collective Security Treaty Organization" (Russia a member; of a
    mission or operation, a participant); "Russian ally Belarus" (partners); "South Korea,
    the United States and Japan are accelerating military cooperation", "Japan and the
    Philippines signed a defence pact" (each pair)."""
    for a, b in zip(mentions, mentions[1:]):
        gap = ctx.text[a.evidence.end:b.evidence.start]
        if ctx.cls(a.entity) == "Country" and _LED.fullmatch(gap):
            if ctx.cls(b.entity) in ORGS - {"Partnership"}:
                yield _fact(ctx, sentence, a, "memberOf", b, "adjacent", "led")
            elif ctx.cls(b.entity) in PROGRAMMES - {"Event"}:
                yield _fact(ctx, sentence, a, "participatesIn", b, "adjacent", "led")
        if ctx.cls(a.entity) == "Country" and ctx.cls(b.entity) == "Country" and \
                _ALLY_NAMED.fullmatch(gap) and not re.match(r"['’]s\b", gap):
            yield _fact(ctx, sentence, a, "partnerOf", b, "adjacent", "ally-named")
        if ctx.cls(a.entity) == "Country" and ctx.cls(b.entity) == "Country" and a.kind != "demonym" \
                and b.kind != "demonym" and _AND_ITS_ALLY.fullmatch(gap):
            yield _fact(ctx, sentence, a, "partnerOf", b, "adjacent", "and-its-ally")
    groups = _groups(ctx, mentions)
    for a_g, b_g in zip(groups, groups[1:]):  # "the United States and its allies Japan and South Korea"
        a = a_g[-1]
        if len(a_g) == 1 and ctx.cls(a.entity) == "Country" and a.kind != "demonym" \
                and _AND_ITS_ALLIES.fullmatch(ctx.text, a.evidence.end, b_g[0].evidence.start):
            for b in b_g:
                if ctx.cls(b.entity) == "Country" and b.kind != "demonym" and b.entity != a.entity:
                    yield _fact(ctx, sentence, b, "partnerOf", a, "adjacent", "and-its-allies")
    for a_g, b_g in zip(groups, groups[1:]):  # "South Korea and Japan are both U.S. treaty allies"
        b = b_g[0]
        if ctx.cls(b.entity) == "Country" and len(b_g) == 1 and _ARE_ALLIES.fullmatch(
                ctx.text, a_g[-1].evidence.end, b.evidence.start) and _ALLY_AFTER.match(ctx.text, b.evidence.end):
            for a in a_g:
                if ctx.cls(a.entity) == "Country" and a.kind != "demonym":
                    yield _fact(ctx, sentence, a, "partnerOf", b, "copula", "are-allies",
                                a_g[-1].evidence.end, b.evidence.end)
    for a_g, b_g in zip(groups, groups[1:]):  # "the Philippines and Japan, two of the United States' closest allies"
        b = b_g[0]
        if ctx.cls(b.entity) not in ACTORS - {"Person"} or b.kind == "demonym" or len(b_g) != 1 \
                or not _SOME_OF.fullmatch(ctx.text, a_g[-1].evidence.end, b.evidence.start):
            continue
        allies = _ITS_ALLIES.match(ctx.text, b.evidence.end)
        if allies is None:
            continue
        for a in a_g:
            if ctx.cls(a.entity) == "Country" and a.kind != "demonym":
                yield _fact(ctx, sentence, a, "partnerOf", b, "adjacent", "some-of-its-allies",
                            a_g[-1].evidence.end, allies.end())
    for i, a in enumerate(mentions):  # "Washington and other NATO allies", "Turkey and its US-led NATO allies"
        if ctx.cls(a.entity) != "Country" or a.kind == "demonym":
            continue  # (before the look for the group: most mentions are no country)
        group = next((x for x in mentions[i + 1:] if ctx.cls(x.entity) in ORGS and x.evidence.start > a.evidence.end),
                     None)
        if group is not None and ctx.cls(group.entity) != "Partnership" \
                and _AND_OTHER.fullmatch(ctx.text, a.evidence.end, group.evidence.start) \
                and _FELLOWS.match(ctx.text, group.evidence.end):
            yield _fact(ctx, sentence, a, "memberOf", group, "adjacent", "and-other-members")
    for a, b in zip(mentions, mentions[1:]):  # "Japan, a close U.S. ally,"
        if ctx.cls(a.entity) == "Country" and ctx.cls(b.entity) == "Country" and a.kind != "demonym" \
                and _AN_ALLY_BEFORE.fullmatch(ctx.text, a.evidence.end, b.evidence.start) \
                and _ALLY_AFTER.match(ctx.text, b.evidence.end):
            yield _fact(ctx, sentence, a, "partnerOf", b, "adjacent", "an-ally")
    for i, m in enumerate(mentions):  # "NATO welcomed Sweden as its 32nd member"
        if ctx.cls(m.entity) != "Country" or m.kind == "demonym":
            continue
        orgs = [x for x in mentions[:i] if ctx.cls(x.entity) in ORGS - {"Partnership"}]
        if orgs and _AS_ITS_MEMBER.match(ctx.text, m.evidence.end, sentence.end):
            yield _fact(ctx, sentence, m, "memberOf", orgs[-1], "parse", "as-its-member")  # verb in scope
        apposed = _A_MEMBER_STATE.match(ctx.text, m.evidence.end, sentence.end)
        if orgs and apposed:  # "toward Armenia, a member state": the apposition alone is the scope
            yield _fact(ctx, sentence, m, "memberOf", orgs[-1], "parse", "a-member-state",
                        apposed.start(), apposed.end())
    actors = [m for m in mentions if ctx.cls(m.entity) in ACTORS - {"Person"} and m.kind != "demonym"]
    for g in _groups(ctx, actors):  # "Moscow and Kyiv have blamed each other": each opposes the other
        mutual = _EACH_OTHER.match(ctx.text, g[-1].evidence.end, sentence.end) if len(g) >= 2 else None
        if mutual is not None and not \
                _AFTER_PREPOSITION.search(ctx.text, max(0, g[0].evidence.start - 12), g[0].evidence.start):
            for x in g:
                for y in g:
                    if x.entity != y.entity:
                        yield _fact(ctx, sentence, x, "opposes", y, "adjacent", "each-other",
                                    g[-1].evidence.end, mutual.end())
    for g in _groups(ctx, actors):
        if len(g) < 2:
            continue
        cue = _TOGETHER.match(ctx.text, g[-1].evidence.end, sentence.end)
        if cue is None or _TRADE.search(cue.group()) or _AFTER_PREPOSITION.search(ctx.text, max(0, g[0].evidence.start - 12),
                                                    g[0].evidence.start):
            continue
        for i, x in enumerate(g):
            for y in g[i + 1:]:
                yield _fact(ctx, sentence, x, "partnerOf", y, "adjacent", "together",
                            g[-1].evidence.end, cue.end())
    for g in _groups(ctx, [m for m in mentions if ctx.cls(m.entity) == "Country"]):
        cue = _FORCES_TOGETHER.match(ctx.text, g[-1].evidence.end, sentence.end) if len(g) >= 2 else None
        if cue is None or _AFTER_PREPOSITION.search(ctx.text, max(0, g[0].evidence.start - 12), g[0].evidence.start):
            continue
        for i, x in enumerate(g):
            for y in g[i + 1:]:
                if x.entity != y.entity:
                    yield _fact(ctx, sentence, x, "partnerOf", y, "adjacent", "forces-together",
                                g[-1].evidence.end, cue.end())


# "French President Emmanuel Macron and Polish Prime Minister Donald Tusk on Friday signed a new
# strategic partnership treaty", "U.K. Prime Minister Keir Starmer signed a 100-year partnership
# agreement with Ukrainian President Volodymyr Zelenskyy": leaders signing for their states
_LEADERS_SIGNED = _re(
    r"\s+(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\s+|"
    r"(?:have|has|had|also|formally|jointly)\s+){0,3}(?:signed|inked|concluded)\s+(?:an?|the|their)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:agreement|treaty|pact|deal|accord|partnership)\b")
_ACCORD_WITH = re.compile(r"(?:\s+[\w-]+){0,3}?\s+with\s+", re.I)  # "… agreement (on Friday) with"


def _leaders_accord(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """Two leaders titled with their states who sign an accord together (or one with the
    other): their states are partners."""
    people = [m for m in mentions if ctx.cls(m.entity) == "Person"]
    if len(people) < 2:
        return
    for a, b in zip(people, people[1:]):
        sa, sb = _state_of(ctx, mentions, a), _state_of(ctx, mentions, b)
        if sa is None or sb is None or sa.entity == sb.entity:
            continue
        b_from = sb.evidence.start  # (the state opens b's title: "Polish Prime Minister Donald Tusk")
        gap = ctx.text[a.evidence.end:b_from]
        signed = None
        if re.fullmatch(r"\s+and\s+", gap):  # "A and B signed a treaty"
            signed = _LEADERS_SIGNED.match(ctx.text, b.evidence.end, sentence.end)
        else:  # "A signed a partnership agreement with B"
            cue = _LEADERS_SIGNED.match(ctx.text, a.evidence.end, sentence.end)
            if cue is not None and _ACCORD_WITH.fullmatch(ctx.text, cue.end(), b_from):
                signed = cue
        if signed is not None:
            yield _fact(ctx, sentence, sa, "partnerOf", sb, "adjacent", "leaders-signed",
                        min(sa.evidence.start, a.evidence.start), max(b.evidence.end, signed.end()))


def _events_and_offices(ctx: Context) -> None:
    """"summit in Vilnius" names the gazetteer's summit held there; "office in Tokyo" an office."""
    places = _summit_places(ctx.gazetteer)
    added: list[Mention] = []
    for m in list(ctx.mentions):
        if ctx.cls(m.entity) != "Place":
            continue
        before = ctx.text[max(0, m.evidence.start - 30):m.evidence.start]
        cue = _SUMMIT_IN.search(before)
        if cue and m.entity in places:
            slug = places[m.entity]
            named = _SUMMIT_NAMED.search(before[:cue.start()])
            if named and named.group(1).lower() not in ctx.gazetteer.entries[slug].label.lower():
                continue  # "the EU-Western Balkans Summit in Brussels" is not NATO's (compound26)
            ctx.entities.setdefault(slug, ctx.gazetteer.entity(slug))
            start = m.evidence.start - len(before) + cue.start()
            added.append(Mention(slug, ctx.evidence(start, m.evidence.end), "coreference"))
    ctx.mentions.extend(added)
    ctx.mentions.sort(key=lambda x: (x.evidence.start, x.evidence.end))


# "the ECOWAS Summit in Abuja", "the Shanghai Cooperation Organisation summit", "the GCC
# Extraordinary Summit": a summit the gazetteer lacks, named after its organisation
_SUMMIT_AFTER = re.compile(r"\s+(?:(?-i:[A-Z][a-z]+)\s+|(?:leaders|heads\s+of\s+state)['’]?\s+)?summit\b", re.I)
_SUMMIT_WORD = re.compile(r"summit", re.I)
_SUMMIT_PLACE = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?$", re.I)


@functools.lru_cache(maxsize=4)
def _summit_words(gazetteer: Gazetteer) -> str:
    return " | ".join(e.label.lower() for e in gazetteer.entries.values()
                      if e.cls == "Event" and "summit" in e.label.lower())


def _has_summits(gazetteer: Gazetteer, name: str) -> bool:
    """Whether the gazetteer knows summits of the organisation so named ("NATO")."""
    return re.search(r"(?<![\w-])" + re.escape(name.lower()) + r"(?![\w-])", _summit_words(gazetteer)) is not None


_SUMMIT_PLACE_AFTER = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?(?-i:[A-Z])", re.I)


_ARTICLE_START = re.compile(r"^[Tt]he\s+")

# "the 22nd SCO summit", "the 2023 BRICS summit", "the third Quad Leaders Summit": an ordinal
# or a year right before a summit series' name (a gazetteer summit with no place and no year
# of its own) names one summit of the series, not the series
_NUMBERED_BEFORE = re.compile(
    r"(?<![\w-])(?P<n>\d{1,3}(?:st|nd|rd|th)|(?:19|20)\d\d|(?-i:first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth|twentieth))\s+$")


def _numbered_summits(ctx: Context) -> None:
    """A summit series named with an ordinal or a year before it: an Event of its own,
    labelled with the words ("22nd SCO summit"), its mention replacing the series' one (so
    that "the summit" after it refers back to that one summit)."""
    if not _SUMMIT_WORD.search(ctx.text):
        return
    replaced: list[tuple[Mention, Mention]] = []
    for m in ctx.mentions:
        entry = ctx.gazetteer.entries.get(m.entity)
        if m.kind != "name" or entry is None or entry.cls != "Event" or entry.place \
                or "summit" not in entry.label.lower() or re.search(r"\d", entry.label):
            continue
        cue = _NUMBERED_BEFORE.search(ctx.text, max(0, m.evidence.start - 16), m.evidence.start)
        if cue is None:
            continue
        label = re.sub(r"\s+", " ", ctx.text[cue.start():m.evidence.end])
        slug = slugify(label)
        ctx.entities.setdefault(slug, Entity(slug, label, "Event"))
        replaced.append((m, Mention(slug, ctx.evidence(cue.start(), m.evidence.end), "name")))
    if replaced:
        gone = {id(old) for old, _ in replaced}
        series = {old.entity for old, _ in replaced}
        kept = [x for x in ctx.mentions if id(x) not in gone]
        # a description after it ("the summit") refers back to that summit, until the series
        # is named again
        anchors = sorted([(new.evidence.start, old.entity, new.entity) for old, new in replaced]
                         + [(x.evidence.start, x.entity, x.entity) for x in kept
                            if x.kind == "name" and x.entity in series])
        for i, x in enumerate(kept):
            if x.kind != "coreference" or id(x) in ctx.transient:
                continue  # (coref's transient mentions are taken out by their ids later)
            last = [a for a in anchors if a[1] == x.entity and a[0] < x.evidence.start]
            if last and last[-1][2] != x.entity:
                kept[i] = Mention(last[-1][2], x.evidence, x.kind)
        ctx.mentions[:] = kept + [new for _, new in replaced]
        ctx.reindex()  # (sorts them)


def _coined_summits(ctx: Context) -> None:
    """A summit named after an organisation the text names, and not a gazetteer event: an
    Event entity labelled with the words ("ECOWAS Summit"; "ECOWAS Summit in Abuja" as an
    alternative label when a place follows), its mention covering the organisation's."""
    if not _SUMMIT_WORD.search(ctx.text):
        return  # (what `_SUMMIT_AFTER` ends with)
    added: list[Mention] = []
    events = [m for m in ctx.mentions if ctx.cls(m.entity) == "Event"]
    # a summit of an organisation the gazetteer has summits of (NATO) is coined only when the
    # text gives its place ("the NATO summit in Lithuania") and names none of the gazetteer's
    known = any(m.kind != "coreference" and "summit" in ctx.entities[m.entity].label.lower() for m in events)
    for m in list(ctx.mentions):
        if ctx.cls(m.entity) not in ORGS - {"Partnership"} or m.kind in ("coreference", "demonym"):
            continue
        cue = _SUMMIT_AFTER.match(ctx.text, m.evidence.end)
        if cue is None or any(e.evidence.start < cue.end() and m.evidence.start < e.evidence.end
                              for e in events):
            continue
        if _has_summits(ctx.gazetteer, m.evidence.quote) and (known or not _SUMMIT_PLACE_AFTER.match(ctx.text, cue.end())):
            continue  # "the NATO summit": one of the gazetteer's, or a generic mention
        label = _ARTICLE_START.sub("", re.sub(r"\s+", " ", ctx.text[m.evidence.start:cue.end()]))
        alt: tuple[str, ...] = ()
        place = [p for p in ctx.between(cue.end(), cue.end() + 40) if ctx.cls(p.entity) in ("Place", "Country")]
        if place and _SUMMIT_PLACE.fullmatch(ctx.text, cue.end(), place[0].evidence.start):
            alt = (f"{label} in {place[0].evidence.quote}",)
        slug = slugify(label)
        if slug in ctx.gazetteer.entries:  # ("the Quad" + "Leaders Summit": the gazetteer's)
            if ctx.gazetteer.entries[slug].cls != "Event":
                continue
            ctx.entities.setdefault(slug, ctx.gazetteer.entity(slug))
        else:
            ctx.entities.setdefault(slug, Entity(slug, label, "Event", alt_labels=alt))
        added.append(Mention(slug, ctx.evidence(m.evidence.start, cue.end()), "name"))
    if added:
        ctx.mentions.extend(added)
        ctx.mentions.sort(key=lambda x: (x.evidence.start, x.evidence.end))


# "a U.S.–GCC strategic partnership", "the Japan-Philippines reciprocal access agreement", "the
# Australia–PNG mutual defence treaty": an accord the text describes by its parties' names and
# words of security ties (not "trade", not a bare "pact": those are left to the pair rules)
_ACCORD_WORD = (r"(?:strategic|comprehensive|security|defen[cs]e|military|co-?operation|framework|mutual|"
                r"reciprocal|access|basing|logistics|maritime|intelligence|bilateral|trilateral|"
                r"partnership|visiting|forces|status|new|historic|landmark)")
_ACCORD_AFTER = re.compile(r"\s+(?:" + _ACCORD_WORD + r"\s+){1,4}(?P<noun>partnership|agreement|pact|treaty|accord)(?![\w-])")
# compound26: an alliance named by its members with words of security before it ("the US-Japan
# security alliance", "the PRC-North Korea alliance"; the gazetteer's own, "US–Japan alliance",
# are found as names), and a meeting named by its parties ("the Australia-Japan Leaders' Meeting",
# "the U.S.-Japan-Korea trilateral summit", "the Belgrade-Pristina dialogue"): who is named in it
# takes part. Not "relations", "ties" or "cooperation", which name no thing.
_ALLIANCE_AFTER = re.compile(r"\s+(?:(?:security|defen[cs]e|military|strategic|trilateral|bilateral|mutual|"
                             r"treaty|nuclear)\s+){0,2}(?P<noun>alliance)(?![\w-])")
_MEETING_AFTER = re.compile(r"\s+(?:(?:trilateral|bilateral|quadrilateral|annual|strategic|security|"
                            r"defen[cs]e|foreign|ministerial|leaders['’]?|(?-i:[A-Z][a-z]+['’]?))\s+){0,4}"
                            r"(?P<noun>(?i:summit|meeting|dialogue|talks))(?![\w-])")
_COINED = ((_ACCORD_AFTER, "Partnership"), (_ALLIANCE_AFTER, "Alliance"), (_MEETING_AFTER, "Event"))
_PARTY_DASH = re.compile(r"[-–—]")
_ACCORD_PARTIES = frozenset({"Country", "InternationalOrganisation", "Alliance"})
_ACCORD_NOUN = re.compile(r"partnership|agreement|pact|treaty|accord|alliance|summit|meeting|dialogue|talks", re.I)
_COINED_ACCORD = re.compile(r"(?:[^-–—]+[-–—]){1,2}[^-–—]+?\s+(?:" + _ACCORD_WORD + r"\s+){1,4}"
                            r"(?:partnership|agreement|pact|treaty|accord)")
_COINED_ALLIANCE = re.compile(r"(?:[^-–—]+[-–—]){1,3}[^-–—]+?" + _ALLIANCE_AFTER.pattern)
_COINED_MEETING = re.compile(r"(?:[^-–—]+[-–—]){1,3}[^-–—]+?" + _MEETING_AFTER.pattern)
# a capitalised word before the first party joins it to a longer name ("Central Asia-China
# summit"), an article does not ("The ROK-EU strategic partnership")
_LONGER_NAME = re.compile(r"(?:[\w.’'-]|(?-i:(?!(?:The|A|An)\s)[A-Z][\w.’'-]*)\s)$")


def _coined_accords(ctx: Context) -> None:
    """Two to four states or organisations joined by dashes before words of security ties
    and an accord noun: a Partnership labelled with the words as written ("U.S.–GCC strategic
    partnership"); before "alliance", an Alliance; before "summit", "meeting", "dialogue" or
    "talks", an Event (compound26). The parties' own mentions inside give way to it (the
    longest name wins)."""
    if not _ACCORD_NOUN.search(ctx.text):
        return  # (what each of `_COINED` ends with)
    added: list[Mention] = []
    drop: set[tuple[int, int, str]] = set()
    ms = [m for m in ctx.mentions if m.kind != "coreference"]
    for i, first in enumerate(ms):
        if ctx.cls(first.entity) not in _ACCORD_PARTIES:
            continue
        parties = [first]
        for nxt in ms[i + 1:i + 4]:
            if ctx.cls(nxt.entity) in _ACCORD_PARTIES and nxt.evidence.start == parties[-1].evidence.end + 1 \
                    and _PARTY_DASH.fullmatch(ctx.text, parties[-1].evidence.end, nxt.evidence.start):
                parties.append(nxt)
            else:
                break
        if len(parties) < 2 or len({p.entity for p in parties}) < len(parties):
            continue
        if _LONGER_NAME.search(ctx.text[max(0, first.evidence.start - 20):first.evidence.start]):
            continue  # inside a longer name or word
        for regex, cls in _COINED:
            cue = regex.match(ctx.text, parties[-1].evidence.end)
            if cue is not None and (cls != "Partnership" or len(parties) <= 3):
                break
        else:
            continue
        if ctx.sentence_of(first.evidence.start) != ctx.sentence_of(cue.end() - 1):
            continue
        start, end = first.evidence.start, cue.end()
        if any(x.evidence.start < end and start < x.evidence.end and x.entity not in {p.entity for p in parties}
               for x in ctx.between(start, end)):
            continue  # a gazetteer name there already ("US-Japan alliance")
        label = re.sub(r"\s+", " ", ctx.text[start:end])
        slug = slugify(_PARTY_DASH.sub("-", label))
        if slug in ctx.gazetteer.entries:
            continue
        ctx.entities.setdefault(slug, Entity(slug, label, cls))
        added.append(Mention(slug, ctx.evidence(start, end), "name"))
        drop |= {(p.evidence.start, p.evidence.end, p.entity) for p in parties}
    if added:
        ctx.mentions[:] = [x for x in ctx.mentions if (x.evidence.start, x.evidence.end, x.entity) not in drop]
        ctx.mentions.extend(added)
        ctx.reindex()  # (sorts them)


def _named_parties(ctx: Context, parts: list[str]) -> list[str]:
    """The states and organisations named by the dash-joined words before an accord's or a
    meeting's head ("U.S.", "GCC"; "Japan", "Australia", "India", "US"), each named
    unambiguously."""
    parties: list[str] = []
    for part in parts:
        found = [slug for slug, kind in ctx.gazetteer.lookup(part.strip())
                 if kind != "metonym" and ctx.gazetteer.entries[slug].cls in _ACCORD_PARTIES]
        if len(set(found)) == 1:
            ctx.entities.setdefault(found[0], ctx.gazetteer.entity(found[0]))
            parties.append(found[0])
    return parties


def _leading_name(ctx: Context, words: str) -> str:
    """The longest run of capitalised words at the start of `words` that the gazetteer knows
    ("Papua New Guinea" of "Papua New Guinea talks"), else its first word."""
    split = words.split()
    for n in range(min(len(split), 4), 1, -1):
        head = " ".join(split[:n])
        if head[:1].isupper() and split[n - 1][:1].isupper() and ctx.gazetteer.lookup(head):
            return head
    return split[0] if split else words


def _accord_parties(ctx: Context, mentions: list[Mention]) -> Iterator[Fact]:
    """The parties of an accord `_coined_accords` made, from the names in its words; and those
    of a meeting it made, who take part in it."""
    for m in mentions:
        if m.kind != "name" or m.entity in ctx.gazetteer.entries:
            continue
        if ctx.cls(m.entity) == "Event" and _COINED_MEETING.fullmatch(m.evidence.quote):
            parts = _PARTY_DASH.split(m.evidence.quote)
            parts[-1] = _leading_name(ctx, parts[-1])  # "Korea trilateral summit", "Papua New Guinea talks"
            for p in _named_parties(ctx, parts):
                yield Fact(p, "participatesIn", m.entity, m.evidence, CONF["name"], "meeting-parties")
            continue
        if ctx.cls(m.entity) == "Alliance" and _COINED_ALLIANCE.fullmatch(m.evidence.quote):
            members = sorted(_parties_in_name(ctx, m))
            for i, a in enumerate(members):  # (as the dash-pair rule said before the alliance swallowed them)
                for b in members[i + 1:]:
                    yield Fact(a, "partnerOf", b, m.evidence, CONF["name"], "alliance-members")
            continue
        if ctx.cls(m.entity) != "Partnership" or not _COINED_ACCORD.fullmatch(m.evidence.quote):
            continue
        head = _ACCORD_AFTER.search(m.evidence.quote)
        if head is None:
            continue
        parties = _named_parties(ctx, _PARTY_DASH.split(m.evidence.quote[:head.start()]))
        for p in parties:
            yield Fact(m.entity, "hasPartner", p, m.evidence, CONF["name"], "accord-parties")
        for i, a in enumerate(parties):  # as the dash-pair rule said before the accord swallowed them
            for b in parties[i + 1:]:
                yield Fact(a, "partnerOf", b, m.evidence, CONF["name"], "accord-parties")


_EVENT_IN = re.compile(r"\s+(?:(?:held|hosted|convened|taking\s+place|which\s+(?:was|is)\s+held)\b"
                       r"[^.;:“”\"]{0,40}?\s+)?(?:in|at)\s+(?:the\s+)?"
                       r"(?:(?:[A-Z][\w-]*\s+)?(?:city|capital|town|port)\s+of\s+|[A-Z][\w-]*['’]s\s+)?")  # "in the Russian city of Kazan", "in Malaysia's Kuala Lumpur"


def _located(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    places = [m for m in mentions if ctx.cls(m.entity) == "Place"]
    for m in mentions:  # "the NATO summit in Madrid", "the summit, hosted by X in Wilmington"
        if ctx.cls(m.entity) != "Event" or m.kind == "coreference":
            continue
        after = [p for p in places if p.evidence.start >= m.evidence.end]
        if after and _EVENT_IN.fullmatch(re.sub(r"^,\s*", " ", ctx.text[m.evidence.end:after[0].evidence.start])):
            # an event the gazetteer does not know is coined from the words ("an ECOWAS summit"):
            # which meeting it is (and so the fact) is less sure than for a named one
            kind = "adjacent" if m.entity in ctx.gazetteer.entries else "name"
            yield _fact(ctx, sentence, m, "locatedIn", after[0], kind, "event-in")
    for m in mentions:
        entry = ctx.gazetteer.entries.get(m.entity)
        if ctx.cls(m.entity) == "Event" and entry is not None and entry.place and (
                m.kind == "coreference"
                or ctx.gazetteer.entity(entry.place).label in m.evidence.quote):
            place = entry.place  # "the NATO summit in Madrid" names where it was
            if place:
                ctx.entities.setdefault(place, ctx.gazetteer.entity(place))
                # "the summit in Madrid" states the place; "the Lisbon Summit" only names it
                # (name composition, like "US-Japan alliance")
                said = re.search(r"\b(?:in|at)\s+(?:the\s+)?" + re.escape(ctx.gazetteer.entity(place).label),
                                 m.evidence.quote)
                yield _fact(ctx, sentence, m, "locatedIn", _as(m, place),
                            "adjacent" if said or m.kind == "coreference" else "name", "summit-in")
        if ctx.cls(m.entity) != "Place":
            continue
        before = ctx.text[max(sentence.start, m.evidence.start - 60):m.evidence.start]
        office = _OFFICE.search(before)
        if office:
            owner = _owner(ctx, mentions, m.evidence.start - len(before) + office.start())
            if owner is not None:
                words = re.sub(r"^['’]s\s*", "", ctx.text[owner.evidence.end:m.evidence.start - len(before) + office.end()])
                label = re.sub(r"\s+", " ", f"{owner.evidence.quote} {words.strip()} {ctx.entities[m.entity].label}")
                slug = slugify(label)
                ctx.entities.setdefault(slug, Entity(slug, label, "Place"))
                start = m.evidence.start - len(before) + office.start()
                office_m = Mention(slug, ctx.evidence(start, m.evidence.end), "coreference")
                yield _fact(ctx, sentence, office_m, "locatedIn", m, "adjacent", "office-in")
            continue
        hq = _HQ.search(before)
        if hq:
            owner = _owner(ctx, mentions, m.evidence.start - len(before) + hq.start())
            if owner is not None:
                yield _fact(ctx, sentence, owner, "locatedIn", m, "parse", "headquarters-in")


def _owner(ctx: Context, mentions: list[Mention], at: int) -> Mention | None:
    """The organisation right before "office"/"headquarters" ("NATO's headquarters", "a NATO
    liaison office"), at most three words away."""
    for m in reversed(mentions):
        if m.evidence.end <= at and ctx.cls(m.entity) in ORGS | {"Country"}:
            gap = ctx.text[m.evidence.end:at]
            if re.fullmatch(r"(?:['’]s)?(?:\s+[\w-]+){0,2}\s*", gap):
                return m
            return None
    return None


def _as(m: Mention, slug: str) -> Mention:
    return Mention(slug, m.evidence, m.kind)


def _disputes(ctx: Context, si: int, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """Territorial disputes: "<Place> ... claimed by A, B" or "A and B claim <Place>"
    (the list is the parties), else a gazetteer dispute whose territory is named with a
    dispute word nearby (its parties come from the gazetteer, at lower confidence)."""
    sentence_text = ctx.text[sentence.start:sentence.end]
    if not _may_match(sentence_text, ("disput", "claim", "sovereignty", "territorial", "contested")) \
            or not _DISPUTE_WORD.search(sentence_text):
        return
    groups = _groups(ctx, mentions)
    by_territory = _territories(ctx.gazetteer)
    found_parties = False
    for cue in _CLAIM.finditer(ctx.text, sentence.start, sentence.end):
        passive = cue.group().lower().rstrip().endswith("by")
        if not passive and _NOUN_DISPUTE.match(ctx.text, cue.end()):
            continue  # "A and B, which have disputes with Addis Ababa": the noun, not "A and B claim X"
        if not passive and _DETERMINER_BEFORE.search(ctx.text, max(sentence.start, cue.start() - 12), cue.start()):
            continue  # "A and B staged exercises in the disputed South China Sea": no claim of theirs
        places = [g for g in groups if g[-1].evidence.end <= cue.start()] if passive else \
            [g for g in groups if g[0].evidence.start >= cue.end()]
        parties = [g for g in groups if g[0].evidence.start >= cue.end()] if passive else \
            [g for g in groups if g[-1].evidence.end <= cue.start()]
        if not places or not parties:
            continue
        place_g = places[0]  # the sentence's subject ("The Spratly Islands, ... in the South China Sea, are claimed")
        party_g = parties[0] if passive else parties[-1]
        territory = [m for m in place_g if ctx.cls(m.entity) == "Place"]
        actors = [m for m in party_g if ctx.cls(m.entity) in ("Country", "Organisation",
                                                             "InternationalOrganisation")]
        if not territory or len(actors) < 2 and not passive:
            continue
        place = territory[0]
        if place.entity not in by_territory and not re.match(r"(?:claim|disput|contest)", cue.group(), re.I):
            continue  # "administered by" makes a party only to a dispute known as such
        slug = by_territory.get(place.entity) or f"{place.entity}-dispute"
        if slug not in ctx.entities:
            entry = ctx.gazetteer.entries.get(slug)
            ctx.entities[slug] = ctx.gazetteer.entity(slug) if entry else Entity(
                slug, f"{ctx.entities[place.entity].label} dispute", "Dispute")
        dispute = _as(place, slug)
        yield _fact(ctx, sentence, dispute, "concernsTerritory", place, "adjacent", "claimed-by")
        for a in actors:
            yield _fact(ctx, sentence, a, "partyTo", dispute, "adjacent", "claimed-by")
        found_parties = True
    if found_parties:
        return
    yield from _named_dispute(ctx, sentence, mentions, groups, by_territory)


_DISPUTE_BETWEEN = _re(r"\b(?:disputes?|rows?|standoffs?|spats?|quarrels?|conflicts?)\s+"
                       r"(?:(?:in|over|on)\s+(?:the\s+)?(?:[\w-]+\s+){1,4}?)?(?:between|with|involving)\s+$")
_OWN_CLAIM = _re(r"(?:['’]s|\s+(?:has|have|also|still|all|both|each|which|that|who|and|its|their)\b)*"
                 r"\s*(?:\w+\s+){0,2}?(?:claims?|claimed|claimant|disputes?|disputed|contests?|contested)\b")


def _named_dispute(ctx: Context, sentence: Span, mentions: list[Mention],
                   groups: list[list[Mention]], by_territory: dict[str, str]) -> Iterator[Fact]:
    """A gazetteer dispute whose territory (or name) the sentence names with a dispute word:
    the dispute concerns the territory; its parties only where the text names them ("China
    claims", "Vietnam's claims", "disputes between China and the Philippines"). The gazetteer
    knows the usual parties, but world knowledge may link, never create a claim."""
    for m in mentions:
        found = by_territory.get(m.entity) if ctx.cls(m.entity) == "Place" else (
            m.entity if ctx.cls(m.entity) == "Dispute" else None)
        if found is None:
            continue
        entry = ctx.gazetteer.entries[found]
        ctx.entities.setdefault(found, ctx.gazetteer.entity(found))
        dispute = _as(m, found)
        word = _DISPUTE_WORD.search(ctx.text, sentence.start, sentence.end)
        if entry.territory and entry.territory in ctx.entities or entry.territory and word:
            ctx.entities.setdefault(entry.territory, ctx.gazetteer.entity(entry.territory))
            lo = min(m.evidence.start, word.start()) if word else m.evidence.start
            hi = max(m.evidence.end, word.end()) if word else m.evidence.end
            span = clause_around(ctx.text, sentence, lo, hi)
            yield Fact(found, "concernsTerritory", entry.territory, ctx.evidence(span.start, span.end),
                       CONF["gazetteer"] + 0.1, "named-dispute")
        for a in _stated_parties(ctx, sentence, groups, m):
            yield _fact(ctx, sentence, a, "partyTo", dispute, "parse", "named-dispute")


def _stated_parties(ctx: Context, sentence: Span, groups: list[list[Mention]], m: Mention
                    ) -> list[Mention]:
    out: list[Mention] = []
    for g in groups:
        actors = [x for x in g if ctx.cls(x.entity) == "Country" and x.kind != "demonym"]
        if not actors or g[-1].evidence.end > m.evidence.start and g[0].evidence.start < m.evidence.end:
            continue
        if _OWN_CLAIM.match(ctx.text, g[-1].evidence.end, sentence.end):
            out += actors  # "China claims most of the South China Sea"
        elif _DISPUTE_BETWEEN.search(ctx.text, max(sentence.start, g[0].evidence.start - 80),
                                     g[0].evidence.start):
            out += actors  # "the dispute (in the South China Sea) between China and the Philippines"
    return _dedupe(out)


@functools.lru_cache(maxsize=4)
def _summit_places(gazetteer: Gazetteer) -> dict[str, str]:
    """Place slug -> the gazetteer summit held there."""
    return {e.place: slug for slug, e in gazetteer.entries.items()
            if e.cls == "Event" and e.place and "summit" in e.label.lower()}


@functools.lru_cache(maxsize=4)
def _territories(gazetteer: Gazetteer) -> dict[str, str]:
    """Disputed territory slug -> dispute slug, from the gazetteer."""
    return {e.territory: slug for slug, e in gazetteer.entries.items()
            if e.cls == "Dispute" and e.territory}


_TREATY_NAME = re.compile(r"\b(?:Agreement|Treaty)$")


def _owned_partnerships(ctx: Context, mentions: list[Mention]) -> Iterator[Fact]:
    """"Canada’s Maritime Security Partnership": a country's own partnership has it as a party."""
    for a, b in zip(mentions, mentions[1:]):
        if ctx.cls(a.entity) == "Country" and a.kind != "demonym" and ctx.cls(b.entity) == "Partnership" \
                and b.entity not in ctx.gazetteer.entries \
                and re.fullmatch(r"['’]s\s+", ctx.text[a.evidence.end:b.evidence.start]):
            yield Fact(b.entity, "hasPartner", a.entity, ctx.evidence(a.evidence.start, b.evidence.end),
                       CONF["name"], "owned-partnership")


def _names(ctx: Context, mentions: list[Mention]) -> Iterator[Fact]:
    """An alliance named after its members ("US–Japan alliance"): each is a member."""
    for m in mentions:
        if ctx.cls(m.entity) not in _COMPOSITE or (
                m.entity not in ctx.gazetteer.entries and _COINED_ACCORD.fullmatch(m.evidence.quote)
                and not _TREATY_NAME.search(ctx.entities[m.entity].label)):
            continue
        hits = matcher(ctx.gazetteer).find(ctx.text, m.evidence.start, m.evidence.end)
        countries = {h.slug for h in hits
                     if ctx.gazetteer.entries[h.slug].cls == "Country" and h.kind in ("name", "alias", "acronym")}
        found = [(h.start, h.end) for h in hits if h.slug != m.entity]
        for w in re.finditer(r"[^-–—/\s]+", m.evidence.quote):
            at = m.evidence.start + w.start()
            if any(a <= at < b for a, b in found) and not any(a == at and b == at + len(w.group()) for a, b in found):
                continue  # "Korea" of "North Korea" (compound26)
            part = w.group()
            for slug, _kind in ctx.gazetteer.lookup(part):
                if ctx.gazetteer.entries[slug].cls == "Country":
                    countries.add(slug)
        if len(countries) < 2:
            continue
        if ctx.cls(m.entity) == "Alliance" and len(countries) == 2:
            # "the U.S.-ROK Alliance": the two it is named after are allies, whether or not the
            # name became an entity of its own (`_coined_accords`, a headed name)
            a, b = sorted(countries)
            yield Fact(a, "partnerOf", b, m.evidence, CONF["name"], "name-composition")
        for c in sorted(countries):
            ctx.entities.setdefault(c, ctx.gazetteer.entity(c))
            if ctx.cls(m.entity) == "Partnership" and m.entity not in ctx.gazetteer.entries \
                    and (_TREATY_NAME.search(ctx.entities[m.entity].label) or len(countries) == 2):
                # a treaty the text names ("the India-US Defence Framework Agreement") or a
                # partnership of two ("the Australia-Philippines Strategic Partnership"): its
                # parties (a "... Security Partnership" of three or more may name an alliance,
                # AUKUS: memberOf as before)
                yield Fact(m.entity, "hasPartner", c, m.evidence, CONF["name"], "name-composition")
                continue
            yield Fact(c, "memberOf", m.entity, m.evidence, CONF["name"], "name-composition")


# "Russia's war in Ukraine", "Russia's renewed invasion of Ukraine", "the Russian full-scale war
# against Ukraine", "China's aggression against the Philippines": the actor opposes the country
# its war is waged on (which a gazetteer name such as "war in Ukraine" may have swallowed).
_WAR_NOUN = (r"(?:(?!(?:on|of|to|for|in|at|about|over|against|with|by|from|the|a|an|and|or|but|"
             r"support|backing|end|ending|opposition|response|stance|position|role)\b)"
             r"(?-i:[a-z][\w-]*)\s+){0,2}?(?:war(?:\s+of\s+aggression)?|invasion|aggression|"
             r"occupation|military\s+offensive|(?:air\s*)?strikes?|attacks?)\s+(?:in|on|of|against)\s+(?:the\s+)?")
_WAR_OF = re.compile(r"['’]s?\s+" + _WAR_NOUN, re.I)  # after "Russia" (possessive)
_WAR_BY = re.compile(r"\s+" + _WAR_NOUN, re.I)  # after "Russian" (demonym)
_WAR_WORDS = ("war", "invasion", "aggression", "occupation", "offensive", "strike", "attack")
# "the attack of Russia on Ukraine", "the invasion of Ukraine by Russia": the waging side after "by"/"of"
_WAR_HEAD = (r"\b(?:war(?:\s+of\s+aggression)?|invasion|aggression|occupation|military\s+offensive|"
             r"(?:air\s*)?strikes?|attacks?)\s+")
_WAR_BY_BEFORE = re.compile(_WAR_HEAD + r"(?:by|of)\s+(?:the\s+)?$", re.I)
_WAR_ON_AFTER = re.compile(r"\s+(?:on|against)\s+(?:the\s+)?", re.I)
_WAR_OF_BEFORE = re.compile(r"\b(?:invasion|occupation|attacks?|(?:air\s*)?strikes?)\s+(?:of|on)\s+(?:the\s+)?$", re.I)
_BY_AFTER = re.compile(r"\s+by\s+(?:the\s+)?", re.I)
# (the words before the mention, the words after it, whether the mention is the waging side)
_WAR_SIDES = ((_WAR_BY_BEFORE, _WAR_ON_AFTER, True), (_WAR_OF_BEFORE, _BY_AFTER, False))
# "Any nuclear attack by North Korea against the United States": a war only supposed or feared
_SUPPOSED = re.compile(r"\b(?:any|possible|potential|future|eventual|hypothetical|feared|would-be|threatened|"
                       r"imminent|no)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _war_on(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"<A>'s war in/on/against <B>", "<A>'s invasion of <B>", "the <demonym of A> aggression
    against <B>": A opposes B (a state or organisation; not a person's "Putin's war": the
    gold takes the state, and the person is left alone). The target may lie inside a
    gazetteer name ("war in Ukraine"): it is looked up at the offset the cue ends at. Parse
    confidence (0.7): such phrases state the hostility, but some annotators leave it to the
    event entity."""
    low = ctx.text[sentence.start:sentence.end].lower()
    if not any(w in low for w in _WAR_WORDS):
        return
    for m in mentions:
        if ctx.cls(m.entity) not in ACTORS - {"Person"}:
            yield from _war_named(ctx, sentence, mentions, m)
            continue
        yield from _war_by(ctx, sentence, mentions, m)
        cue = (_WAR_BY if m.kind == "demonym" else _WAR_OF).match(ctx.text, m.evidence.end, sentence.end)
        paired = False
        if cue is None and m.kind != "demonym":  # "the joint Israel-US attacks on Iran": a named pair
            cue = _WAR_BY.match(ctx.text, m.evidence.end, sentence.end)
            paired = cue is not None
        if cue is None:
            continue
        target = _target_at(ctx, mentions, cue.end(), sentence.end)
        if target is not None and target.entity != m.entity:
            ally = next((x for x in mentions if x.evidence.end < m.evidence.start and x.entity != target.entity
                         and _PARTY_DASH.fullmatch(ctx.text, x.evidence.end, m.evidence.start)
                         and ctx.cls(x.entity) in ACTORS - {"Person"}), None)
            if paired and ally is None:
                continue  # "US attacks on Iran" with no pair: a name before a noun, as "US support"
            yield _fact(ctx, sentence, m, "opposes", target, "parse", "war-on", cue.start(), cue.end())
            if m.kind != "demonym" and not paired:
                continue
            if ally is not None:  # "the US-Israeli war on Iran": both wage it
                yield _fact(ctx, sentence, ally, "opposes", target, "parse", "war-on", cue.start(), cue.end())


def _war_by(ctx: Context, sentence: Span, mentions: list[Mention], m: Mention) -> Iterator[Fact]:
    """The war noun first, its sides after it: "the attack of Russia on Ukraine" (m the one
    waging it), "the invasion of Ukraine by Russia" (m the one it is waged on)."""
    if m.kind == "demonym":
        return
    lo = max(sentence.start, m.evidence.start - 40)
    for head, tail, waging in _WAR_SIDES:
        before = head.search(ctx.text, lo, m.evidence.start)
        after = tail.match(ctx.text, m.evidence.end, sentence.end) if before else None
        if before is None or after is None \
                or _SUPPOSED.search(ctx.text, max(sentence.start, before.start() - 30), before.start()):
            continue
        other = _target_at(ctx, mentions, after.end(), sentence.end)
        if other is not None and other.entity != m.entity:
            actor, target = (m, other) if waging else (other, m)
            yield _fact(ctx, sentence, actor, "opposes", target, "parse", "war-on", before.start(), after.end())


def _war_named(ctx: Context, sentence: Span, mentions: list[Mention], m: Mention) -> Iterator[Fact]:
    """A war's name that says who wages it on whom ("the Russian invasion of Ukraine",
    "Russia's war against Ukraine", which the gazetteer takes whole): the actor it opens with
    opposes the state after the preposition, both read inside the name."""
    cue = _WAR_BY.search(ctx.text, m.evidence.start, m.evidence.end)
    if cue is None:
        return
    hits = list(matcher(ctx.gazetteer).find(ctx.text, m.evidence.start, cue.start()))
    if not hits or hits[0].start != m.evidence.start or hits[0].slug == m.entity:
        return
    first = hits[0]
    entry = ctx.gazetteer.entries[first.slug]
    if entry.cls not in ACTORS - {"Person"} or first.kind == "metonym":
        return
    if not _WAR_OF.match(ctx.text, first.end, m.evidence.end) and not (
            first.kind == "demonym" and _WAR_BY.match(ctx.text, first.end, m.evidence.end)):
        return
    target = _target_at(ctx, mentions, cue.end(), m.evidence.end)
    if target is None or target.entity == first.slug:
        return
    ctx.entities.setdefault(first.slug, ctx.gazetteer.entity(first.slug))
    actor = Mention(first.slug, ctx.evidence(first.start, first.end), first.kind)
    yield _fact(ctx, sentence, actor, "opposes", target, "parse", "war-on", cue.start(), cue.end())


# "US support for the Philippines", "Iranian backing for the Houthis": the name as the
# adjective of the support (its possessive, "the UAE's support for", is a cue of the rule table)
_SUPPORT_FOR = re.compile(r"\s+(?:(?:military|financial|economic|continued|strong|political|diplomatic|"
                          r"unwavering|steadfast|full|firm|growing|vital|material)\s+){0,2}"
                          r"(?:support|backing)\s+(?:for|to)\s+(?:the\s+)?", re.I)


_SOUGHT = re.compile(r"\b(?:seek|seeks|sought|seeking|ask(?:s|ed|ing)?\s+for|requests?|requested|requesting|"
                     r"call(?:s|ed|ing)?\s+for|wants?|wanted|win|won|gain|gained|secure[sd]?|lobb(?:y|ied|ying)\s+for)"
                     r"\s+(?:(?:the|a|an|more|further|greater)\s+)?$", re.I)


def _support_for(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"<A> support for <B>": A supports B (A a state or organisation named as the
    adjective). Adjacency: the name and the cue leave no room for another actor."""
    low = ctx.folded[sentence.start:sentence.end]
    if "support for" not in low and "backing for" not in low:
        return
    for m in mentions:
        if ctx.cls(m.entity) not in ACTORS - {"Person"}:
            continue
        cue = _SUPPORT_FOR.match(ctx.text, m.evidence.end, sentence.end)
        if cue is None or _SOUGHT.search(ctx.text, max(sentence.start, m.evidence.start - 30), m.evidence.start):
            continue  # "seeks UN backing for": asked for, not given
        target = _target_at(ctx, mentions, cue.end(), sentence.end)
        if target is not None and target.entity != m.entity:
            yield _fact(ctx, sentence, m, "supports", target, "adjacent", "support-for", cue.start(), cue.end())


# "US-Japan ties", "the Japan–Australia defence relationship", "Sino-Russian military
# cooperation": two states joined by a dash before a word of ties are partners (hostile words
# before or after it, "strained US-China ties", "... ties have soured", state none)
_PAIR_TIES = re.compile(r"\s+(?:(?:security|defen[cs]e|military|strategic|bilateral|economic|political|"
                        r"diplomatic|naval|maritime|comprehensive|close|closer|deepening|growing|"
                        r"long-?standing|special|burgeoning|expanding)\s+){0,3}"
                        r"(?:cooperation|co-operation|partnership|alliance|collaboration|friendship)\b", re.I)
# (ties and relations as such are any two states' lot, friendly or not: only a word that says
# what kind, "US-Japan security ties", "Russia-China strategic relations", makes them a partnership)
_PAIR_TIES_QUALIFIED = re.compile(r"\s+(?:(?:bilateral|economic|political|diplomatic|comprehensive)\s+)*"
                                  r"(?:security|defen[cs]e|military|strategic|naval|maritime|close|closer|"
                                  r"deepening|growing|long-?standing|special|burgeoning|expanding|warm|warming|"
                                  r"strong|stronger)\s+(?:[\w-]+\s+){0,2}?(?:ties|relations|relationship)\b", re.I)
_SOURED_AFTER = re.compile(r"\s+(?:(?:have|has|had)\s+)?(?:(?:been|become|grown|remained?)\s+)?(?:\w+ly\s+)?"
                           + _HOSTILE + r"|\s+(?:have|has|had)\s+(?:soured|deteriorated|worsened|"
                           r"frayed|collapsed|broken\s+down)|\s+(?:fray|frays|fraying|sour|sours|souring|"
                           r"deteriorat(?:e|es|ing)|worsen(?:s|ing)?|sink|sinks|sank|nosedived?|plunged?)\b", re.I)


def _pair_ties(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """"<A>-<B> ties": A partnerOf B ("Sino-" is China's)."""
    states = [m for m in mentions if ctx.cls(m.entity) in ACTORS - {"Person"}]
    pairs = list(zip(states, states[1:]))
    for b in states:  # "Sino-Russian": the combining form of China
        at = b.evidence.start
        if at >= 5 and _PARTY_DASH.fullmatch(ctx.text, at - 1, at) and ctx.text[at - 5:at - 1].lower() == "sino" \
                and "china" in ctx.gazetteer.entries:
            ctx.entities.setdefault("china", ctx.gazetteer.entity("china"))
            pairs.append((Mention("china", ctx.evidence(at - 5, at - 1), "demonym"), b))
    for a, b in pairs:
        if not _PARTY_DASH.fullmatch(ctx.text, a.evidence.end, b.evidence.start):
            continue  # (one dash between them, as in a coined accord's parties)
        if a.entity == b.entity or a.kind == "metonym" or b.kind == "metonym":
            continue
        cue = _PAIR_TIES.match(ctx.text, b.evidence.end, sentence.end) or \
            _PAIR_TIES_QUALIFIED.match(ctx.text, b.evidence.end, sentence.end)
        if cue is None or _HOSTILE_BEFORE.search(ctx.text, max(sentence.start, a.evidence.start - 30),
                                                 a.evidence.start) or \
                _SOURED_AFTER.match(ctx.text, cue.end(), sentence.end):
            continue
        yield _fact(ctx, sentence, a, "partnerOf", b, "adjacent", "pair-ties", cue.start(), cue.end())


# "Saudi Arabia, Egypt and the UAE back Khalifa Haftar", "Turkey and Qatar openly support his
# rival Sarraj": the bare verb after a list of two or more (a noun "support" never follows one)
_LIST_BACKS = re.compile(r"\s+(?:(?:openly|strongly|firmly|also|still|now|all|both|jointly|publicly|"
                         r"militarily|financially|continue\s+to)\s+)*(?:support|back)\s+"
                         r"(?:(?:his|her|their|its|the)\s+)?(?:[a-z][\w-]*\s+){0,2}?")
# "Haftar's rival Sarraj", "India's arch-rival, Pakistan": the one named a rival is opposed
_RIVAL = re.compile(r"['’]s?\s+(?:(?:main|chief|key|old|bitter|long-?time|regional|political|fierce|"
                    r"arch)[\s-]+)*(?:rival|arch-?rival|enemy|nemesis|adversary|foe)\s*,?\s+(?:the\s+)?", re.I)


def _backed_and_rivals(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """A list backing someone with the bare verb (after two or more names "support" can only be
    the verb, so no parse is needed); an owner's named rival (the possessive says whose)."""
    if not any(w in ctx.folded[sentence.start:sentence.end] for w in ("support", "back", "rival", "enem",
                                                                      "nemesis", "adversar", "foe")):
        return
    for g in _groups(ctx, mentions):
        last = g[-1]
        if len(g) < 2:
            continue
        cue = _LIST_BACKS.match(ctx.text, last.evidence.end, sentence.end)
        if cue is None:
            continue
        target = next((m for m in mentions if m.evidence.start == cue.end()), None)
        if target is None or ctx.cls(target.entity) not in ACTORS:
            continue
        for a in g:
            if ctx.cls(a.entity) in ACTORS and a.entity != target.entity:
                yield _fact(ctx, sentence, a, "supports", target, "adjacent", "list-backs", cue.start(), cue.end())
    for m in mentions:
        if ctx.cls(m.entity) not in ACTORS or m.kind == "demonym":
            continue
        cue = _RIVAL.match(ctx.text, m.evidence.end, sentence.end)
        if cue is None:
            continue
        target = next((x for x in mentions if x.evidence.start == cue.end()), None)
        if target is not None and ctx.cls(target.entity) in ACTORS and target.entity != m.entity:
            yield _fact(ctx, sentence, m, "opposes", target, "adjacent", "rival", cue.start(), cue.end())


# "Turkey and Hungary are the only two NATO countries", "Poland is among the EU states": what
# the list is said to be, after the organisation's name
_ARE_ORG = re.compile(r"\s+(?:are|is|were|was|remain|remains)\s+(?:(?:the|both|all|also|among|only|two|three|four|"
                      r"five|six|seven|eight|nine|ten|\d+|of|just|still|now)\s+){0,4}", re.I)
_ORG_KIND = re.compile(r"\s+(?:countries|members|member\s+(?:states|countries|nations)|states|nations|allies)\b",
                       re.I)
# "Burkina Faso, Mali and Niger signed the Alliance of Sahel States treaty": a list signing an
# organisation's founding text
_SIGNS_ORG = re.compile(r"\s+(?:[\w-]+\s+){0,6}?(?:sign(?:ed|s|ing)?|ratif(?:y|ies|ied|ying)|adopt(?:ed|s|ing)?)\s+"
                        r"the\s+", re.I)
_ORG_TEXT = re.compile(r"\s+(?:founding\s+)?(?:treaty|charter|statute|convention)\b", re.I)


def _list_in_org(ctx: Context, sentence: Span, mentions: list[Mention]) -> Iterator[Fact]:
    """A list said to be an organisation's countries, or signing its founding treaty: members."""
    low = ctx.folded[sentence.start:sentence.end]
    if not any(w in low for w in (" countries", " members", " states", " nations", " allies", "treaty",
                                  "charter", "statute", "convention")):
        return
    groups = _groups(ctx, mentions)
    for g, nxt in zip(groups, groups[1:]):
        org = nxt[0]
        if len(nxt) != 1 or ctx.cls(org.entity) not in ORGS - {"Partnership"}:
            continue
        members = [m for m in g if ctx.cls(m.entity) == "Country" and m.kind != "demonym"]
        if not members:
            continue
        gap = ctx.text[g[-1].evidence.end:org.evidence.start]
        if _ARE_ORG.fullmatch(gap) and _ORG_KIND.match(ctx.text, org.evidence.end, sentence.end):
            rule = "are-org-members"
        elif _SIGNS_ORG.fullmatch(gap) and _ORG_TEXT.match(ctx.text, org.evidence.end, sentence.end):
            rule = "signs-org-treaty"
        else:
            continue
        for m in members:
            yield _fact(ctx, sentence, m, "memberOf", org, "adjacent", rule, g[-1].evidence.end, org.evidence.end)


def _target_at(ctx: Context, mentions: list[Mention], at: int, end: int) -> Mention | None:
    """The state or organisation named at offset `at`: a mention starting there, else a
    gazetteer name there inside a longer mention ("Ukraine" in "war in Ukraine")."""
    for x in mentions:
        if x.evidence.start == at:
            return x if ctx.cls(x.entity) in ACTORS - {"Person"} and x.kind != "demonym" else None
    for h in matcher(ctx.gazetteer).find(ctx.text, at, end):
        if h.start != at:
            break
        if ctx.gazetteer.entries[h.slug].cls in ACTORS - {"Person"} and h.kind in ("name", "alias", "acronym"):
            ctx.entities.setdefault(h.slug, ctx.gazetteer.entity(h.slug))
            return Mention(h.slug, ctx.evidence(h.start, h.end), "name")
    return None


def slug_for(label: str) -> str:
    """The slug of a new entity named by the text."""
    return slugify(label)
