"""Stance towards NATO's engagement in the Asia-Pacific: a transparent lexicon with rules.

Every cue phrase has a weight (+ supportive, - opposed). A negation ("not", "no", "never",
"n't", "nor", "without", and nominal ones: "failure to", "inability to", "lack of", "refused
to") within the three words before a supportive cue flips it
("does not welcome"), except a comparative after "be" ("have never been stronger" is praise);
a negated strong critical cue keeps its sign ("does not need a military bloc"), a negated weak
one counts nothing ("not seeking confrontation"). A text scores the sum of its cues; a score
>= +1 is Supportive, <= -1 Opposed, otherwise Neutral, unless a contrastive turn ("…, but …",
"on the contrary") breaks the tie: then the cues after the last turn decide. For a whole article (`article_stance`) the score is normalised by the number of
cues, so a long text needs a clear balance (>= 0.1 either way) to take a side.

A critical cue in the object of a verb of mending ("ease tensions", "address the regional
concerns", "conflict resolution", `_REMEDY`) counts nothing, and so does a cue after "de-"
("de-escalation", like "non-aggression") (stance14). A cue starts with literal letters, and is
one pattern whose alternatives share them (the stem prefilter searches a cue only where its
stem starts a word).
General sentiment lexicons (VADER, AFINN, TextBlob's) were measured as a replacement and as a
supplement (stance14, bench/README.md): alone they are far worse, and added to this list they
lowered stance on heldout and unseen (news copy names wars, attacks and crises without taking
a side; about half their hits were chance words), so they are not used.

Threat words ("threat", "danger", and since statements13 "risk" and "threaten") carry no
weight: naming a threat is as often a reason for engagement as against it. Cue words that are
no evaluation where they stand (`not_evaluative`: inside a proper name, a participle used as
a preposition, after a denying prefix) are left out. The lexicon is domain vocabulary (engagement, partnership, provocation, cost), not phrases
of particular articles; `explain` shows which cues fired, for review.

stance17: the general evaluative words of English news copy (esteem and acceptance: "appreciate",
"congratulate", "respects", "saw no problem with", "it is natural"; evaluative adjectives:
"crucial", "favourable", "painful", "illegitimate"; breaches and refusals: "affront", "rift",
"capitulation", "ruled out", "rebutted"); a party said to be a threat to a party's own ("is a
threat to his country", "sees it as a threat to its water") is held against; "instead of" and
"rather than" negate; a cue in a phrase of concession or circumstance ("despite …", "amid …")
counts nothing when a main clause carries the point, and so does one naming a reason
("because of", "due to", "in the face of"); "warned that" is a verb of saying; "mediate" mends
like "ease"; a participle compounded with a name
("UN-backed") and a kind word for what is under threat ("a threat to its vital resources") are
no cue.

stance26: words of esteem and of obstruction in any news ("a great success", "a strong signal",
"strategic alignment", "central to", "a key country", "prominent"; "dissatisfaction",
"blocked", "derail", "in retaliation", "separatist", "brazen"), written from train3's studied
articles and kept because no split lost (its set-aside eight unchanged, valid +1).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from loaders.extraction.folding import fold

SUPPORTIVE = "Supportive"
OPPOSED = "Opposed"
NEUTRAL = "Neutral"

# (regex, weight); phrases first so "force for good" is not also read word by word.
LEXICON: tuple[tuple[str, int], ...] = (
    (r"force for good", 2), (r"natural complement", 2), (r"in the interest of", 2),
    (r"closer ties", 1), (r"deepen(?:s|ed|ing)? (?:its |their )?(?:engagement|ties|cooperation)", 2),
    (r"is necessary", 1), (r"are necessary", 1), (r"must act", 1), (r"make[s]? (?:(?:perfect|good|more|real|economic|strategic|political) )*sense", 1),
    (r"support(?:s|ed|ive|ing)?", 1), (r"welcom(?:e|es|ed|ing)", 1), (r"applaud(?:s|ed|ing)?", 1),
    (r"endors(?:e|es|ed|ing|ement|ements)", 1), (r"benefit(?:s|ed|ing|ted|ting)?", 1), (r"valuable", 1), (r"opportunit(?:y|ies)", 1),
    (r"strengthen(?:s|ed|ing)?", 1), (r"bolster(?:s|ed|ing)?", 1), (r"enhanc(?:e|es|ed|ing|ement|ements)", 1),
    (r"cooperat(?:e|es|ed|ing|ion|ive|ively)", 1), (r"collaborat(?:e|es|ed|ing|ion|ions|ive|ively)", 1), (r"partners?(?:hips?)?", 1),
    (r"interoperability", 1), (r"deterrence", 1), (r"relevant", 1), (r"receptive", 1),
    (r"flourish(?:es|ed|ing)?", 1), (r"positive(?:s)?", 1), (r"wise", 1), (r"trust", 1), (r"important", 1),
    (r"stability", 1), (r"defensive", 1), (r"advantage", 1),
    (r"group confrontation", -2), (r"military confrontation", -2), (r"gang up", -2),
    (r"exclusive blocs?", -2), (r"military bloc", -2), (r"arms race", -2),
    (r"stretching its hands", -2), (r"negative consequences", -2), (r"hijacking", -2),
    (r"oppos(?:e|es|ed|ing|ition)", -1), (r"object(?:s|ed|ing|ion|ions)?", -1),
    (r"condemn(?:s|ed|ing|ation|ations)?", -1),
    (r"criticis(?:e|es|ed|ing|m|ms)", -1), (r"criticiz(?:e|es|ed|ing)", -1), (r"reject(?:s|ed|ing|ion|ions)?", -1),
    (r"provo(?:ke|kes|ked|king|cative|cation|cations)", -1), (r"confrontations?", -1), (r"tensions?", -1),
    (r"costly", -1), (r"strain(?:s|ed)?", -1), (r"violat(?:e|es|ed|ing|ion|ions)", -1), (r"unhappy", -1),
    (r"concern(?:s|ed|ing)?", -1), (r"worr(?:y|ies|ied|ying|isome)", -1), (r"wary", -1), (r"hollow", -1),
    (r"snipe", -1), (r"undermin(?:e|es|ed|ing)", -2), (r"unrealistic", -1), (r"distract(?:s|ed|ing|ion|ions)?", -1), (r"alarm(?:s|ed|ing|ingly)?", -1),
    (r"no appetite", -2), (r"fraught", -1), (r"riddled", -1), (r"complexit(?:y|ies)", -1),
    (r"challenges", -1), (r"departure", -1), (r"weaken(?:s|ed|ing)?", -1), (r"undue", -1),
    (r"overburdened", -1), (r"careful not to", -1), (r"pulled into", -1), (r"stop", -1),
    (r"inapplicable", -1), (r"dismissed", -1), (r"encirclement", -1), (r"conflicts?", -1),
    # Issue 10: wording of wire copy and official statements (domain vocabulary, not phrases
    # of particular articles).
    (r"historic", 1), (r"milestones?", 1), (r"step forward", 2), (r"reaffirm(?:s|ed|ing|ation)?", 1),
    (r"ironclad", 2), (r"stand(?:s)? (?:with|by)", 1), (r"solidarity", 1),
    (r"commit(?:ment|ments|ted)", 1), (r"commit(?:s|ting)? to", 1), (r"hail(?:s|ed|ing)?", 1), (r"prais(?:e|es|ed|ing)", 1),
    (r"commend(?:s|ed|ing|able|ation)?", 1), (r"laud(?:s|ed|ing)?", 1), (r"vital", 1), (r"essential", 1),
    (r"look(?:s|ing)? forward", 1), (r"grateful", 1), (r"unity", 1), (r"deepen(?:s|ed|ing)?", 1),
    (r"expand(?:s|ed|ing)? (?:our |its |their )?(?:cooperation|ties|partnership)", 2),
    (r"dangerous", -1), (r"destabili[sz](?:e|es|ed|ing|ation)", -2), (r"irresponsible", -2),
    (r"hegemon(?:y|ic|ism)", -2), (r"cold war mentality", -2), (r"bloc confrontation", -2),
    (r"interfer(?:e|es|ed|ing|ence)", -1), (r"meddl(?:e|es|ed|ing)", -1), (r"illegal(?:ly|ity)?", -1),
    (r"unlawful", -1), (r"aggress(?:ion|ions|ive|ively|or|ors)", -1), (r"reckless", -2), (r"zero-sum", -1),
    (r"escalat(?:e|es|ed|ing|ion|ory)", -1), (r"unacceptabl[ey]", -2), (r"hostil(?:e|ity|ities)", -1),
    (r"sow(?:s|ing)? discord", -2), (r"divisive", -1), (r"bully(?:ing)?", -1),
    (r"intimidat(?:e|es|ed|ing|ion)", -1),
    (r"accus(?:e|es|ed|ing|ation|ations)", -1), (r"slamm?(?:s|ed|ing)?", -1), (r"sabotag(?:e|es|ed|ing)", -2),
    (r"good", 1), (r"confident", 1), (r"propos(?:e|es|ed|ing|al|als)", 1), (r"hope(?:s|d)?", 1),
    (r"allow(?:s|ed)?", 1), (r"democratic", 1), (r"normal", 1), (r"signed", 1),
    (r"protest(?:s|ed|ing)?", -1), (r"damag(?:e|es|ed|ing)", -1), (r"oppression", -1),
    (r"blackmail(?:s|ed|ing)?", -1), (r"coerc(?:e|es|ed|ion|ive)", -1), (r"alleg(?:e|es|ed|ing)", -1),
    (r"all necessary measures", -2), (r"inalienable", -1), (r"sovereignty", -1),
    # General words of alignment and of estrangement (issue 10, second pass): what one party
    # says of another's ties, help or membership, in any region.
    (r"friendships?", 1), (r"friendly", 1), (r"gratitude", 1), (r"thank(?:s|ed|ing|ful)?", 1),
    (r"tributes?", 1), (r"confidence", 1), (r"go(?:es)? ahead", 1), (r"importance", 1),
    (r"boost(?:s|ed|ing)?", 1), (r"help(?:s|ed|ing)?", 1), (r"backing", 1), (r"back(?:s|ed)", 1),
    (r"invit(?:e|es|ed|ing|ation|ations)", 1), (r"ready to", 1), (r"approv(?:e|es|ed|ing|al|als)", 1),
    (r"assist(?:s|ed|ing|ance)?", 1), (r"aid", 1), (r"protect(?:s|ed|ing|ion|ions)?", 1),
    (r"open[- ]door", 1), (r"integration", 1),
    (r"suspicio(?:n|ns|us)", -1), (r"sanction(?:ed|ing)?", -1), (r"use force", -1),
    (r"breakaway", -1), (r"representations", -1), (r"distrust(?:s|ed)?", -1), (r"mistrust(?:s|ed)?", -1),
    (r"warn(?:s|ed|ing|ings)?", -1), (r"denounc(?:e|es|ed|ing)", -2), (r"denunciations?", -2), (r"deplor(?:e|es|ed|ing|able)", -2),
    (r"regret(?:s|ted|ting|table|tably)?", -1),
    (r"withdraw(?:s|n|al|als|ing)?", -1), (r"suspend(?:s|ed|ing)?", -1), (r"expel(?:s|led|ling)?", -1),
    # Third pass (issue 10): what a gain or a breach is called in any alliance's news.
    (r"stronger", 1), (r"safer", 1), (r"more secure", 1), (r"capable", 1), (r"rightful", 1),
    (r"contribut(?:e|es|ed|ing|ion|ions|or)", 1), (r"well-trained", 1), (r"first-class", 1),
    (r"progress(?:es|ed|ing)?", 1), (r"breakthroughs?", 2), (r"normali[sz](?:e|es|ed|ing|ation)", 1),
    # stance14: an agreement reached, active or passive (not the bare participle: "the accord
    # reached in May" only names it)
    (r"reach(?:ed|es|ing)? (?:an |a |the )?(?:new )?(?:agreement|deal|accord|consensus|understanding)", 1),
    *((head + r" (?:has been|have been|had been|was|were|is) (?:reached|arrived at|finali[sz]ed|concluded|struck)", 1)
      for head in ("agreement", "deal", "accord", "consensus")),
    (r"consent(?:s|ed|ing)?", 1), (r"jointly", 1), (r"fulfil(?:l|ls|led|ling|s|ment|lment)?", 1),
    (r"groundbreaking", 1), (r"new (?:qualitative )?level", 1), (r"collective action", 1),
    (r"door (?:remains|is|stays) open", 2), (r"agreed to", 1), (r"pave(?:s|d)? the way", 1),
    (r"step(?:s|ped)? up", 1), (r"legally binding", 1),
    (r"frozen", -1), (r"frighten(?:s|ed|ing)?", -1), (r"manipulat(?:e|es|ed|ing|ion|ions|ive|or|ors)", -1),
    (r"flex(?:es|ed|ing)? (?:its |their )?muscles", -2), (r"enabler", -1), (r"firm action against", -2),
    (r"push(?:es|ed|ing)? back", -1), (r"restrict(?:s|ed|ing|ion|ions|ive)?", -1),
    (r"reservations", -1),
    (r"null and void", -2), (r"recall(?:s|ed|ing)? (?:its|their|the) ambassador", -2), (r"blatant", -1),
    # Issue 11: words of joint work and its fruits, and of refusal, in any alliance's news.
    (r"fruitful", 1), (r"productive", 1), (r"constructive", 1), (r"convergence", 1),
    (r"improv(?:e|es|ed|ing|ement|ements)", 1), (r"uphold(?:s|ing)?", 1), (r"upheld", 1),
    (r"mutually beneficial", 2), (r"unwelcome", -1),
    # statements13: a refused wish or need is a refusal ("does not want foreign troops", "no
    # need for the return of"); the plain verbs are no cue (a need may be a demand on another).
    *((neg + r"\s+(?:want|need|wish|intend)(?:s|ed)?", -1)
      for neg in ("not", "never", "doesn['’]t", "don['’]t", "didn['’]t", "won['’]t", "wouldn['’]t")),
    (r"no\s+(?:need|wish|desire|intention)", -1),
    # stance17: general evaluative words of English (not of one region or article): a speaker's
    # verbs of esteem and acceptance ("we appreciate", "congratulate", "respects the
    # sovereignty", "saw no problem with"), evaluative adjectives ("crucial", "favourable",
    # "painful", "humiliating"), and names of a breach between parties ("rift", "affront",
    # "capitulation", "betrayal"); a refusal ("ruled out", "rebutted").
    (r"crucial", 1), (r"favou?rable", 1), (r"appreciat(?:e|es|ed|ing|ion)", 1),
    (r"congratulat(?:e|es|ed|ing|ion|ions)", 1), (r"respect(?:s|ed|ing)", 1),
    (r"no\s+(?:problem|objection)s?\s+(?:with|to)", 1),
    (r"not\s+(?:see|have|had|saw)\s+(?:a|any)\s+(?:problem|objection)s?\s+(?:with|to)", 1),
    (r"dreams?", 1), (r"prosper(?:ous|ity)", 1), (r"bold", 1),
    *((head + r"\s+(?:only\s+|quite\s+|perfectly\s+)?natural\b(?!\s+(?:gas|resources?))", 1)
      for head in ("is", "it['’]s", "was", "seems", "seemed")),
    (r"painful", -1), (r"humiliat(?:e|es|ed|ing|ion)", -1), (r"shameful", -1), (r"disgrace(?:s|d|ful)?", -1),
    (r"capitulat(?:e|es|ed|ing|ion)", -1), (r"betray(?:s|ed|ing|al)?", -2), (r"affronts?", -1), (r"insult(?:s|ed|ing)?", -1),
    (r"rifts?", -1), (r"divide", -1), (r"rul(?:e|es|ed|ing) out", -1), (r"rebut(?:s|ted|ting|tal)?", -1),
    (r"refut(?:e|es|ed|ing)", -1), (r"illegitima(?:te|cy)", -1), (r"chao(?:s|tic)", -1),
    (r"friends?", 1), (r"hero(?:es|ic|ism)?", 1),
    # stance24: jeopardy in any news ("jeopardized regional peace")
    (r"jeopardi[sz](?:e|es|ed|ing)", -1),
    # stance26: general words of esteem and of obstruction in English news copy (found on
    # train3's studied articles; its set-aside eight and valid decide what is kept): success,
    # alignment, a central or key place; dissatisfaction, blocking, derailing, retaliation.
    # (success only as what a thing is called, "a great success": "successfully completed its
    # training" and "emboldened by their success" report; "determined to" lost on the set-aside)
    *((head + r" success(?:es)?", 1) for head in ("great", "big", "huge", "major", "real", "resounding",
                                                  "remarkable", "tremendous")),
    (r"strong (?:signal|message)", 1), (r"alignment", 1),
    # stance28: a speaker's own pleasure and pride, and kinship between states, in any news
    # (found on train4's studied articles: "I am very pleased that", "fraternal ties")
    (r"pleased", 1), (r"glad", 1), (r"delighted", 1), (r"proud", 1), (r"honou?red", 1),
    (r"fraternal", 1), (r"brotherly", 1), (r"excellent", 1),
    # stance29: shared interests and mutual dependence; contempt and damage done (found on
    # train5's studied articles: "shared security interests", "interconnected", "condescending",
    # "disrupt and degrade the capabilities")
    (r"shared (?:[a-z]+ )?interests", 1), (r"interconnected", 1), (r"interdependen(?:t|ce)", 1),
    (r"active dialogue", 1), (r"close dialogue", 1), (r"regular dialogue", 1),
    (r"condescend(?:ing|s|ed)?", -1), (r"arrogan(?:t|ce)", -1), (r"disrupt(?:s|ed|ing)?", -1),
    (r"degrad(?:e|es|ed|ing)", -1), (r"devastat(?:e|es|ed|ing)", -1),
    (r"central to", 1), (r"prominent", 1), (r"phenomenal", 1),
    (r"key (?:partner|partners|ally|allies|country|countries|player|players|member|members)", 1),
    (r"dissatisf(?:ied|action)", -1), (r"separatis(?:t|ts|m)", -1), (r"brazen(?:ly)?", -1),
    (r"retaliat(?:e|es|ed|ing|ion|ory)", -1), (r"endanger(?:s|ed|ing)?", -1), (r"derail(?:s|ed|ing)?", -1),
    (r"diktat", -1), (r"critiqu(?:e|es|ed|ing)", -1), (r"block(?:s|ed|ing)", -1), (r"countermeasures?", -1),
    # stance30: labels and acts of disparagement, good faith and historic weight (found on
    # train6's studied articles: "a troublemaker", "an attempt to defame", "baselessly claims",
    # "have shown sincerity", "historically significant", "strongest allies"; not "suppress", which
    # is as often said of an insurgency a party helps put down)
    (r"troublemakers?", -1), (r"defam(?:e|es|ed|ing|ation|atory)", -1),
    (r"baseless(?:ly)?", -1), (r"poach(?:es|ed|ing)?", -1),
    (r"sincer(?:e|ely|ity)", 1), (r"historic(?:al|ally)? significan(?:t|ce)", 1),
    *((head + r" (?:ally|allies|partners?|friends?)", 1) for head in ("strong", "strongest", "closest",
                                                                       "staunchest", "trusted", "reliable")),
    # turning from a party ("look for alternatives to X", "an alternative to ECOWAS") and claiming
    # its land ("sees X as part of its territory")
    (r"alternatives?\s+to", -1),
    # stance31: an enemy named, steadfast support, concord (found on train7's studied articles:
    # "primary foe", "unwavering support", "mutual understanding", "in complete agreement")
    (r"enem(?:y|ies)", -1), (r"foe(?:s)?", -1), (r"unwavering", 1), (r"steadfast(?:ly)?", 1),
    (r"mutual understanding", 1),
    # (train8: "We are with you not just today", "a long-lasting peace")
    *((head + r" with you", 1) for head in ("we are", "we stand", "we remain", "we will stand")),
    (r"lasting peace", 1),
    *((r"in " + head + r" agreement", 1) for head in ("complete", "full", "total", "broad")),
    # "take advantage of" is exploiting an occasion, no praise (the longest phrase wins over
    # "advantage")
    (r"tak(?:e|es|en|ing)\s+advantage\s+of", 0), (r"took\s+advantage\s+of", 0), (r"part\s+of\s+(?:its|their|our)\s+(?:own\s+)?(?:sovereign\s+)?territory", -1),
    # a party said to be or be seen as a threat to a party's own ("is becoming a security threat
    # to his country", "a project Cairo views as a potential threat to its water", "a threat to
    # Armenia's security"): the threatened side holds it against that party. Not a threat to
    # a common good ("a danger to the international system", "a threat to the national security
    # of both"), which is often a reason for engagement, as is the bare noun.
    *((head + r"\s+(?:a|an)\s+(?:[a-z-]+\s+){0,2}(?:threat|danger|menace)\s+to\s+"
       r"(?:his|her|its|their|our|my|[A-Z][\w-]*['’]s?)(?=\s)", -1)
      for head in ("is", "are", "was", "were", "be", "been", "being", "become", "becomes", "becoming",
                   "became", "remain", "remains", "as")),
)
_CUES = [(re.compile(r"\b" + p + r"\b", re.I), w) for p, w in LEXICON]


def _stem(pattern: str) -> str:
    """The literal letters a cue always starts with (at most four; "" if it starts otherwise)."""
    stem = re.sub(r"[^a-z].*$", "", pattern.lower())[:4]
    nxt = pattern[len(stem):len(stem) + 1]
    return stem if len(stem) >= 2 and nxt not in ("?", "*", "{") else ""


def _trie(words: list[str]) -> str:
    """A regex matching the longest of `words` at a place (a trie, so no alternative is
    tried letter by letter from the start)."""
    heads: dict[str, list[str]] = {}
    for w in words:
        heads.setdefault(w[:1], []).append(w[1:])
    alternatives = [re.escape(h) + _trie(rest) for h, rest in sorted(heads.items()) if h]
    if not alternatives:
        return ""
    group = "(?:" + "|".join(alternatives) + ")"
    return group + "?" if "" in heads else group


# A cheap first look: the stems a cue can start with (most sentences have few of them).
_STEMS = re.compile(r"\b" + _trie(sorted({_stem(p) for p, _ in LEXICON} - {""})), re.I)  # (as a trie: 4x faster)
# Cues by stem, so a text is searched only for the cues whose stem starts one of its words;
# cues without a stem ("(?:is|are) necessary") are always searched.
_BY_STEM: dict[str, list[int]] = {}
for _i, (_p, _w) in enumerate(LEXICON):
    _BY_STEM.setdefault(_stem(_p), []).append(_i)
_STEMLESS = tuple(_BY_STEM.pop("", ()))


@functools.lru_cache(maxsize=4096)
def _prefix_cues(word: str) -> tuple[int, ...]:
    """The cues whose stem starts a word beginning with `word` (its first 2-4 letters)."""
    return tuple(i for k in range(2, len(word) + 1) for i in _BY_STEM.get(word[:k], ()))


# The same cues as `_prefix_cues` of every word start, found in one pass: at a word start the
# longest stem there, and with it every cue whose stem is a prefix of it (two stems matching
# at one place are prefixes of one another).
_STEM_AT_WORD = re.compile(r"\b" + _trie(list(_BY_STEM)))
_UNDER_STEM = {st: _prefix_cues(st) for st in _BY_STEM}
# Cues whose stem is a common word ("is", "as", "be": "is a threat to his", "it is natural")
# but which always hold a rarer one: searched only in a text holding that word.
# (Their letters have no case-insensitive match outside ASCII, so a substring test of the
# lower-cased text says what re.I would.)
_NEEDS: tuple[tuple[tuple[str, ...], frozenset[int]], ...] = tuple(
    (words, frozenset(i for i, (p, _) in enumerate(LEXICON) if marker in p))
    for words, marker in ((("threat", "danger", "menace"), "(?:threat|danger|menace)\\s+to"),
                          (("natural",), "natural\\b(?!")))


_NEGATION = re.compile(r"\b(?:not(?!\s+(?:only|just|merely|simply)\b)|no(?!\.\s*\d)|never|nor|without|hardly|cannot|lack\s+of|absence\s+of|"
                       r"failure\s+to|failed\s+to|fails\s+to|inability\s+to|unable\s+to|"
                       r"refus(?:e|es|ed|al)\s+to|unwilling(?:ness)?\s+to|instead\s+of|rather\s+than|neither)\b|n['’]t\b(?!\s+(?:only|just|merely|simply)\b)", re.I)


# A cue inside a noun phrase whose head a "no"/"without" denies, across "of" ("there is no
# threat of a resumption of armed conflict", "without any sign of escalation").
_NEGATED_NOUN_PHRASE = re.compile(r"\b(?:no|without)\s+(?:any\s+|real\s+|further\s+)?[a-z]+\s+of\s+"
                                  r"(?:(?:a|an|the)\s+)?(?:[a-z]+\s+){0,2}(?:of\s+(?:(?:a|an|the)\s+)?"
                                  r"(?:[a-z]+\s+){0,2})?$", re.I)
# "without providing any significant benefits": "any" carries a negation to the noun it opens.
_NEGATED_ANY = re.compile(r"(?:\b(?:not|no|never|without|nor)|n['’]t)\b[^,.;:!?]{0,40}\bany\s+(?:[a-z-]+\s+){0,2}$", re.I)
# "have never been stronger", "could not be closer": a negated comparative is a superlative.
_NEGATED_BE = re.compile(r"(?:\bnever|\bnot|n['’]t)\s+(?:have\s+|has\s+)?(?:been|be)\s*$", re.I)
_COMPARATIVE = re.compile(r"^\w+er$", re.I)
# A verb of mending before a critical cue in its object ("ease tensions", "address the
# regional concerns", "resolve the conflict"): the trouble is named only as what is being put
# right, so the cue counts nothing. Polarity shifters of the sentiment literature (Polanyi and
# Zaenen's contextual valence shifters; MPQA's shifters), limited to verbs that repair; not
# "counter" or "combat", which oppose the thing they name.
_REMEDY = re.compile(r"\b(?:address(?:es|ed|ing)?|eas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|"
                     r"defus(?:e|es|ed|ing)|resolv(?:e|es|ed|ing)|allay(?:s|ed|ing)?|"
                     r"overc(?:ome|omes|oming|ame)|lessen(?:s|ed|ing)?|alleviat(?:e|es|ed|ing)|"
                     r"mitigat(?:e|es|ed|ing)|calm(?:s|ed|ing)?|de-?escalat(?:e|es|ed|ing)|"
                     r"tackl(?:e|es|ed|ing)|mediat(?:e|es|ed|ing)|deal(?:s|t|ing)?\s+with|cop(?:e|es|ed|ing)\s+with|"
                     r"prevent(?:s|ed|ing)?|avert(?:s|ed|ing)?|settl(?:e|es|ed|ing)|"
                     r"drop(?:s|ped|ping)?|lift(?:s|ed|ing)?|remov(?:e|es|ed|ing)|"
                     r"(?:resolution|reduction|prevention|mitigation|alleviation|de-?escalation|settlement)\s+(?:of|in))"
                     r"(?:\s+(?!(?:but|while|which|that|and\s+(?:raise|rais|caus|creat))\b)[\w'’-]+){0,4}\s+$", re.I)


def cues(text: str) -> list[tuple[str, int]]:
    """The cues found in text with their (negation-adjusted) weights, left to right."""
    if not _STEMS.search(text):
        return []
    low = text.lower()
    if "ı" in text or "ſ" in text or "İ" in text:  # match i / s only case-insensitively
        candidates = _scanned(text, low, set(range(len(_CUES))))
    else:
        candidates = _at_stems(text, low)
    found: list[tuple[int, int, str, int]] = []
    last_end = -1
    for start, neg_end, t, weight in candidates:
        if start >= last_end:  # the longest phrase at a position wins; no overlaps
            found.append((start, -neg_end, t, weight))
            last_end = -neg_end
    return weigh(text, found)


Candidate = tuple[int, int, str, int]  # (start, -end, words, weight): sorted, longest first


def _unneeded(low: str) -> set[int]:
    """The cues of `_NEEDS` whose rarer word `low` lacks (they cannot match)."""
    out: set[int] = set()
    for words, needing in _NEEDS:
        if not any(w in low for w in words):
            out |= needing
    return out


def _scanned(text: str, low: str, wanted: set[int]) -> list[Candidate]:
    """Every match of the `wanted` cues in text, each cue's regex run over the whole text."""
    wanted = wanted - _unneeded(low)
    return sorted((m.start(), -m.end(), m.group(), _CUES[i][1])
                  for i in wanted for m in _CUES[i][0].finditer(text))


def _at_stems(text: str, low: str) -> list[Candidate]:
    """What `_scanned` finds for the cues whose stem starts a word of `low` (and the stemless
    ones), trying each cue only where its stem starts a word: every match of a cue opens with
    a word boundary and its stem, and such places are where `_STEM_AT_WORD` finds a stem of
    which the cue's is a prefix. Trying them left to right, past the end of the cue's last
    match, finds what `finditer` finds (none is empty). `low` must be `text.lower()` of the
    same length, holding no letter that re.I matches to an ASCII letter other than its own
    lower case (ı, ſ, İ: `cues` scans such texts in full); lower-casing keeps every other
    character a word character or not, so the word boundaries are the same in both."""
    at: dict[int, list[int]] = {}
    for stem in _STEM_AT_WORD.finditer(low):
        for i in _UNDER_STEM[stem.group()]:
            at.setdefault(i, []).append(stem.start())
    for i in _unneeded(low):
        at.pop(i, None)
    out = _scanned(text, low, set(_STEMLESS)) if _STEMLESS else []
    for i, places in at.items():
        regex, weight = _CUES[i]
        reach = 0
        for p in places:
            if p >= reach:
                m = regex.match(text, p)
                if m is not None:
                    out.append((p, -m.end(), m.group(), weight))
                    reach = m.end()
    out.sort()
    return out


# A capitalised word next to the cue, across a space, hyphen or "of"/"for"/"and" inside a name.
_NAME_BEFORE = re.compile(r"(?:^|[^.!?:;\n]\s)[A-Z][\w’'-]*(?:\s+(?:of|for|and|on|the))*\s+$|[A-Z]\w*-$")
_NAME_AFTER = re.compile(r"(?:\s+(?:of|for|and|on|the))*\s+(?:[A-Z][a-z]|[A-Z]{2,})|-[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n])[\s\"'“”‘’(\[]*$")
# "statements concerning the freezing": a participle used as a preposition before its object.
_PREPOSITION = re.compile(r"\s+(?:the|a|an|its|their|his|her|our|this|these|that|those|[A-Z])\b")
_PREPOSITIONS = frozenset({"concerning"})
# stance17: a cue in a phrase of concession or circumstance ("despite ECOWAS's efforts to
# maintain unity, …", "… amid escalating tensions", "because of rising tensions") is the setting or
# the reason of the point made, not the point: it counts nothing (the main clause decides, as
# after "but").
_SETTING = re.compile(r"\b(?:despite|in\s+spite\s+of|notwithstanding|amid|amidst|because\s+of|due\s+to|"
                      r"in\s+the\s+face\s+of)\b[^,;:.!?—–()“”\"]*$", re.I)
# "a threat to its vital water resources": what is under threat is named as valued by the one
# threatened; a kind word there is not said of the party the statement is about.
_THREATENED = re.compile(r"\b(?:threat|danger|menace|affront)s?\s+to\s+(?:[\w'’-]+\s+){0,3}$", re.I)
# "warned that the crisis could spread": "warn" introducing a clause is a verb of saying, whose
# content judges (a warning against a party names it: "warned X against …").
_SAYING_THAT = re.compile(r"\s+that\b", re.I)
# "UN-backed", "Russian-led": a participle compounded with a name describes who is behind a
# thing, it evaluates nothing.
_NAME_COMPOUND = re.compile(r"[A-Z][\w’'.]*-$")
# "low-risk", "non-aggression": a prefix that denies the cue's own meaning.
_DENYING_PREFIX = re.compile(r"\b(?:low|non|no|zero|de)-$", re.I)
# "conflict resolution", "crisis management": a critical cue naming what a remedy deals with
# (and "resolution of the conflict", "reduction in tensions", in `_REMEDY`).
# Support or respect for a thing ("support for Kazakhstan's sovereignty", "respect for each
# other's sovereignty"): a word that elsewhere voices a grievance is here a good both share.
_VALUED = re.compile(r"\b(?:support|respect)(?:s|ed|ing)?\s+(?:for|of)\s+(?:[\w'’-]+,?\s+){0,3}$", re.I)
_REMEDY_AFTER = re.compile(r"[\s-]+(?:resolution|prevention|management|reduction|mitigation|settlement|"
                           r"avoidance|de-?escalation)\b", re.I)


def not_evaluative(text: str, start: int, end: int) -> bool:
    """Whether a cue's words are not an evaluation: part of a proper name ("the Gulf Cooperation
    Council", "Individually Tailored Partnership Programme": a capitalised cue joined to another
    capitalised word), a participle used as a preposition ("statements concerning the
    freezing"), or a negative cue after a denying prefix ("a low-risk strategy")."""
    words = text[start:end]
    before = text[max(0, start - 60):start]
    if words[:1].isupper() and (_NAME_BEFORE.search(before) or (
            not _SENTENCE_START.search(before) and _NAME_AFTER.match(text, end))):
        return True  # a capital at a sentence's start is no sign of a name
    if words.lower() in _PREPOSITIONS and _PREPOSITION.match(text, end):
        return True
    if words.lower().startswith("warn") and _SAYING_THAT.match(text, end):
        return True  # "warned that …": a verb of saying; the content carries any stance
    if words.lower().endswith("ed") and _NAME_COMPOUND.search(text[max(0, start - 30):start]):
        return True  # "a United Nations-backed force"
    return bool(_DENYING_PREFIX.search(text[max(0, start - 6):start]))


# Words every match of _SETTING, _THREATENED holds (as _NEGATED_NOUN_PHRASE holds "no" or
# "without", and _NEGATED_ANY "any"): a window without any is not searched.
_SETTING_WORDS = ("despite", "spite", "notwithstanding", "amid", "because", "due", "face")
_THREAT_WORDS = ("threat", "danger", "menace", "affront")


def _holds(low: str, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    """Whether `low[lo:hi]` holds one of `words` (lower-case ASCII): false only where a
    case-insensitive regex each match of which holds one of them cannot match in that window
    (`low` is `fold` of the text: re.I matches a letter exactly as its folded form)."""
    part = low[lo:hi]
    return any(w in part for w in words)


def weigh(text: str, found: list[tuple[int, int, str, int]]) -> list[tuple[str, int]]:
    """The cues found at (start, end, words, weight), left to right, adjusted for negation;
    words that are no evaluation there (`not_evaluative`) left out."""
    out: list[tuple[str, int]] = []
    prev_end = 0
    low = fold(text) if found else text  # (for the first looks before the regexes below)
    for s, e, t, w in found:
        if not_evaluative(text, s, e):
            continue
        setting = _SETTING.search(text, max(0, s - 80), s) \
            if _holds(low, max(0, s - 80), s, _SETTING_WORDS) else None
        if setting and (text[:setting.start()].strip(" \"'“‘") or re.search(r"[,;:]", text[e:])):
            out.append((t, 0))  # "despite the efforts to maintain unity", "amid tensions"
            prev_end = e
            continue
        # A negation flips the first cue after it, within three words ("does not welcome X").
        window = text[max(prev_end, s - 40):s]
        lo = max(prev_end, s - 80)
        if _holds(low, lo, s, ("no", "without")) and _NEGATED_NOUN_PHRASE.search(text[lo:s]) or \
                _holds(low, lo, s, ("any",)) and _NEGATED_ANY.search(text[lo:s]):
            w = -w if w > 0 else 0 if w == -1 else w  # "no threat of a resumption of conflict"
        elif w > 0 and _NEGATION.search(" ".join(window.split()[-3:])) and not (
                _COMPARATIVE.match(t) and _NEGATED_BE.search(window)):
            w = -w  # negated praise is criticism
        elif w == -1 and _NEGATION.search(" ".join(window.split()[-3:])):  # "not seeking confrontation"
            w = 0
        elif w > 0 and _holds(low, max(0, s - 60), s, _THREAT_WORDS) and \
                _THREATENED.search(text, max(0, s - 60), s):
            w = 0  # "a threat to its vital resources", "a threat to good neighbourliness"
        elif w < 0 and (_REMEDY.search(text[max(prev_end, s - 60):s]) or _REMEDY_AFTER.match(text, e)):
            w = 0  # "ease tensions", "address the concerns": the trouble is what is being mended
        elif w < 0 and _VALUED.search(text, max(0, s - 60), s):
            w = 0  # "support for Kazakhstan's sovereignty": what is supported is no grievance
        out.append((t, w))
        prev_end = e
    return out


def score(text: str, cues_of: Callable[[str], list[tuple[str, int]]] = cues) -> int:
    """The sum of the cue weights (`cues_of`: `cues`, or a caller's memo of it)."""
    return sum(w for _, w in cues_of(text))


# "X is concerning, but we stand with Y": what follows a contrastive turn is the point made.
_CONTRAST = re.compile(r"\s+but\b(?!\s+also\b)|(?:[,;]|\s[—–])\s+(?:yet|however)\b|\b[Oo]n the contrary\b|"
                       r"^(?:But|Yet|However)\b")


def classify(text: str, cues_of: Callable[[str], list[tuple[str, int]]] = cues) -> str:
    """Supportive, Opposed or Neutral for a quotation or a claim.

    A tie is broken by the cues after the last contrastive turn ("…, but …"). `cues_of` is
    `cues` or a caller's memo of it (an article's statements look at a sentence many times)."""
    s = score(text, cues_of)
    if s == 0:
        turns = list(_CONTRAST.finditer(text))
        if turns:
            s = score(text[turns[-1].end():], cues_of)
    return SUPPORTIVE if s >= 1 else OPPOSED if s <= -1 else NEUTRAL


def article_stance(text: str) -> str:
    """The overall stance of a whole text: the balance of its cues, normalised."""
    return balance_stance([w for _, w in cues(text)])


def balance_stance(weights: list[int]) -> str:
    """Supportive / Opposed if the cue weights lean >= 0.1 of their total one way."""
    total = sum(abs(w) for w in weights)
    if not total:  # no cue, or only cues a mending verb cancelled (weight 0)
        return NEUTRAL
    balance = sum(weights) / total
    return SUPPORTIVE if balance >= 0.1 else OPPOSED if balance <= -0.1 else NEUTRAL


def explain(text: str) -> str:
    """A one-line account of the decision, for review."""
    found = cues(text)
    return f"{classify(text)} (score {sum(w for _, w in found)}: " + \
        ", ".join(f"{t!r} {w:+d}" for t, w in found) + ")"


def _name_of(word: str) -> str:
    """A name of one or more capitalised words (`word`), a short form with full stops among them
    ("the U.S.", "U.K. forces"): a word "U" would point at no mention of the United States."""
    one = r"(?:[A-Z](?:\.[A-Z])+\.?|" + word + ")"
    return one + r"(?:\s+" + one + ")*"


_NAME = _name_of(r"[A-Z][\w’'-]*")
_NAME_NO_POSSESSIVE = _name_of(r"[A-Z][\w-]*")  # for a verb's object: "Nato’s" is no name there


# stance15: what a statement is directed against. Words that set a side towards a named
# party whatever the sentiment around them: an act "against X" ("led the effort against
# Venezuela", "conspiring against the US", "sanctions against Russia") and a demand that X
# withdraw, remove or stop ("called on the Philippines to remove …", "Russia must withdraw
# its troops"). Not what X suffers ("the war against Ukraine", "attacks against civilians"):
# the speaker usually sides with the victim there.
_SUFFERED = frozenset({"war", "wars", "aggression", "invasion", "attack", "attacks", "crime", "crimes",
                       "violence", "strike", "strikes", "atrocities", "offensive", "assault",
                       "hostilities", "discrimination", "threats", "threat"})
_AGAINST = re.compile(r"\b(?P<head>[A-Za-z-]+)\s+against\s+(?P<t>(?:the\s+)?" + _NAME + r")")
_REMOVAL = (r"(?:withdraw|remove|stop|halt|cease|end|abandon|pull\s+out|scrap|dismantle|reverse|"
            r"leave|get\s+out|back\s+off|back\s+down)")
_DEMAND_ON = re.compile(r"\b(?:call(?:s|ed|ing)?\s+on|call(?:s|ed|ing)?\s+upon|urg(?:e|es|ed|ing)|"
                        r"demand(?:s|ed|ing)?|press(?:es|ed|ing)?)\s+(?P<t>(?:the\s+)?" + _NAME + r")"
                        r"\s+to\s+(?:(?!not\b)[a-z]+\s+){0,2}" + _REMOVAL + r"\b")
_MUST = re.compile(r"(?:^|[,;:“”\"(]\s*|\b(?:that|and|but)\s+)(?P<t>(?:[Tt]he\s+)?\b" + _NAME + r")\s+(?:should|must|ought\s+to|needs\s+to|has\s+to|have\s+to)(?:n['’]t)?\b"
                   r"(?:[^.;!?]|(?<=\b[A-Z])\.){0,120}?(?<!not\s)(?<!never\s)(?<!n['’]t\s)\b" + _REMOVAL + r"\b")


# "the sanctions against X should be lifted": a demand to end the act against X opposes the
# act (and whoever imposes it), not X.
_UNDONE = re.compile(r"[^.;!?]{0,40}?\b(?:should|must|needs?\s+to|has\s+to|have\s+to|to)\s+(?:be\s+)?"
                     r"(?:revis|lift|end|scrap|stop|remov|reconsider|eas|drop|halt|withdr[ae]w|cancel|abolish)\w*\b",
                     re.I)


def opposed_targets(text: str) -> list[tuple[int, int, bool]]:
    """Spans of text naming a party a statement is directed against (see above), left to
    right, as (start, end, is_object): the object of "against" (not after a word naming what
    it suffers, `_SUFFERED`), the addressee of a demand to withdraw, remove or stop. is_object
    is False for "the measures against X should be lifted": the statement opposes the
    measures, not X."""
    out = [(m.start("t"), m.end("t"), not _UNDONE.match(text, m.end())) for m in _AGAINST.finditer(text)
           if m.group("head").lower() not in _SUFFERED]
    out += [(m.start("t"), m.end("t"), True) for m in _DEMAND_ON.finditer(text)]
    out += [(m.start("t"), m.end("t"), True) for m in _MUST.finditer(text)]
    return sorted(out)


# stance15: the party a verb of taking sides is done to ("support Ukraine", "condemned
# Russia", "stand with Taiwan", "accused Venezuela of …"): the object of the stance.
_SIDING = re.compile(r"\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|stand(?:s|ing)?\s+(?:with|by)|stood\s+(?:with|by)|"
                     r"solidarity\s+with|condemn(?:s|ed|ing)?|oppos(?:e|es|ed|ing)|reject(?:s|ed|ing)?|"
                     r"accus(?:e|es|ed|ing)|denounc(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|"
                     r"blam(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)|prais(?:e|es|ed|ing)|hail(?:s|ed|ing)?|"
                     r"thank(?:s|ed|ing)?|sanction(?:s|ed|ing)?|defend(?:s|ed|ing)?|help(?:s|ed|ing)?|"
                     r"assist(?:s|ed|ing)?|aid(?:s|ed|ing)?)\s+(?P<t>(?:the\s+)?" + _NAME_NO_POSSESSIVE + r")"
                     r"(?![\w’'-])(?!\.?[’']s\b)(?!\.[A-Z])")  # "rejected Nato’s invitation": the invitation is the object


def siding_objects(text: str) -> list[tuple[int, int]]:
    """Spans naming the party a verb of taking sides is done to, left to right."""
    return [(m.start("t"), m.end("t")) for m in _SIDING.finditer(text)]


def siding_frame(frame: str) -> tuple[int, int, int] | None:
    """The last verb of taking sides with a named object in the reporting words before a
    quote ("accused North Korea of “…”", "praised Japan for …"), as (object start, object
    end, sign of the verb); None if there is none, or it is negated ("did not condemn")."""
    found = list(_SIDING.finditer(frame))
    if not found:
        return None
    m = found[-1]
    verb = frame[m.start():m.start("t")]
    sign = score(verb)
    window = " ".join(frame[max(0, m.start() - 40):m.start()].split()[-3:])
    if sign == 0 or _NEGATION.search(window):
        return None
    return m.start("t"), m.end("t"), 1 if sign > 0 else -1
