"""Statements: quotations and attributed claims, with speaker, topic and stance.

Quotations are “…”, «…» and „…“ (translated wire copy), "…" (paired within a paragraph; an unpaired mark is ignored, unless the
paragraph opens with it, or leaves one opened after a space or colon unclosed, and the next
paragraph opens with a mark: the run-on convention),
‘…’ (an opening ‘ after a space, closed by a ’ before a non-letter, so "NATO’s" is never a
quote) and '…' (opening before a capital, closing right after , . ! or ?). Paragraphs after
one ending "X said:" and after a transcript label ("Name, Title: …") are X's quotations
without marks (`blocks`). The quote is the words inside the marks (`loaders.extraction.quotemarks` joins one
running over several paragraphs). Its speaker comes from, in order:
1. an attribution after it: `…," said X` / `…," X said` / `…," he added`;
2. `according to X` in the same sentence;
3. a reporting verb before it in the sentence: `X said/warned/wrote/stated: “…”`,
   `X views Y as “…”`, `X called for “…”` (X = the noun phrase before the verb, or with a
   participle — "saying", "warning" — the sentence's subject or "with X");
3b. where these find nothing, or only a participle's subject, the dependency parse
   (`loaders.extraction.attribution`): the subject of a verb of saying that governs the
   quote or stands nearest to it, the agent of a passive, X of "according to X" (a short
   quote only when the verb governs it in its own clause, or is plain saying);
3c. still nothing: a reporter closing the sentence ("X made “solemn representations” with Y,
   the Z, China's foreign ministry said"), then a quotation that opens with its clause's verb
   ("the U.S. and the GCC “underscored their …”": the noun phrase before the mark speaks);
4. carry-over: an unattributed quote in a paragraph whose earlier sentence has a speaker, or
   opening the paragraph right after one that ends "X said:" or reports X's words;
5. the person named last before it in its own paragraph, when its sentence has no verb of
   saying (confidence 0.5).
A communiqué (`loaders.extraction.communique`: a joint statement or declaration by its title)
speaks in its "we" sentences: each is a quotation of the organisation its title names.
Short quotes (fewer than three words) count only with a speech verb right before them,
so scare quotes ("pivot") and quoted names ("the “Smart Defence” initiative") are not
statements. Reported claims become statements of kind "reported" whose quote is the clause:
`X said (that) …`, `According to X, …`, `…, X added.`, `as X has noted, …`, and positions
`X urged/applauded/wrote/echoed …`, `X is reportedly unhappy, concerned that …`,
`which X views as …`, `X referred to Y as …` (passives and adjectives — "Beijing's stated
aims" — are not attributions).

A speaker phrase resolves to a person named in it, else an actor (a country by name,
demonym or metonym: "a Chinese Foreign Ministry spokesperson" speaks for China), else a
capital named in it ("officials in Beijing" -> China), else a document's owner ("the
Strategic Concept" after "NATO's 2022 Strategic Concept"; "the document"), else a title used
before a name ("the outgoing Secretary of Defense" -> Leon Panetta), else a name the model
missed ("said Ana Ruiz", a title and a surname: "Foreign Minister Wang"; a national body it makes of a name — "THE PHILIPPINE Coast Guard" —
speaks for the country its name's demonym names), else, for an official without a country ("a Foreign Ministry
spokesperson"), the country named before it; he/she -> the last person named; "the
official" -> the last speaker; "the President" -> the person, or the surname, written after
"President" before; a capital or country whose name needs context ("Washington said",
"Turkey said") -> its government; a document ("the statement", "a summit declaration that
accuses …") -> the actor its sentence, or the last sentence naming that kind of document,
names first; a surname with two neighbouring letters swapped -> the person named in full.

`about` of a quoted fragment that continues its sentence is what its clause names right
before the opening mark ("Taiwan “is an inalienable part …”", "described X as a “…”");
otherwise it is what the quote names first, never its speaker's own side (the speaker and the
countries or organisations whose office it holds, `loaders.extraction.affiliation`: Russia's
president on "Russia and North Korea" talks about North Korea); else what its sentence names;
else the article's main organisation. (Until statements13 NATO came before all else; in the
corpus's wider topics the first thing named is the better guess.)

Stance comes from `loaders.extraction.stance`. A quote of fewer than four words, or with no
stance cue at all, takes its sentence's: the framing judges ("called the move “a test”",
"lauded the ruling, saying “…”"); still without one, a statement about a party the article's
facts show the speaker's side opposing (or supporting) takes that side. A speaker (or a person
holding its office) talking about
itself ("NATO's Strategic Concept on NATO") is Supportive unless its words are Opposed.

The author: one `authorial` statement per article with entities. Its speaker is the byline's
person ("By X", "written by X", a closing "X is the author of …"), else an entity
`author-of-{slug of the id}` (an ag:Person labelled "author of source {id}"), because
ag:speaker needs an actor. Its quote is the author's own sentence (no quotation, no reported
speech) naming the topic that leans furthest the article's way; its stance is the balance of
the cues in the author's own sentences.

Confidence: speaker after the quote 0.90; "according to" 0.85; reporting verb before 0.75;
reported claim 0.70; carried over from the previous sentence 0.60; authorial 0.60.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.extraction import about_learned, affiliation, attribution, quotemarks, stance_learned
from loaders.extraction import communique as communique_mod
from loaders.extraction import stance as stance_mod
from loaders.extraction.context import Context, parse_of
from loaders.extraction.folding import fold
from loaders.extraction.gazetteer import capitals, known_surnames
from loaders.extraction.mentions import any_of, matcher
from loaders.extraction.names import NO_NAME, NOT_NAME, RANKS
from loaders.extraction.sentences import INITIALS, Span
from loaders.model import Entity, Evidence, Fact, Mention, Statement, slugify

# The quotation marks (as a regex character-class body) that end a speaker phrase or a claim:
# curly and straight double quotes, and the «…» and „…“ of translated wire copy.
_MARKS = '“”«»„\\"'
SPEECH = (r"said|says|say|told|tells|added|adds|continued|warned|warns|wrote|writes|noted|"
          r"explained|explains|argued|argues|stated|declared|insisted|stressed|emphasi[sz]ed|"
          r"observed|remarked|asserted|acknowledged|admitted|cautioned|announced|replied|"
          r"responded|commented|urged|predicted|concluded|believes|believed|signalled|signaled|"
          r"reiterated|underlined|underscored|highlighted|affirmed|reaffirmed|tweeted|posted|"
          r"recalled|suggested|pointed\s+out|claimed|alleged|maintained|quoted\s+as\s+saying|"
          # "X was quoted by the Izvestia newspaper on October 5 as saying that …"
          r"(?:was|were)\s+quoted\s+by\s+[^,.;" + _MARKS + r"]{2,60}?\s+as\s+saying|"
          # "X indicated/confirmed that …", "X had made clear that …"
          r"indicated|confirmed|made\s+(?:it\s+)?clear|"
          # "X released a statement saying …": the statement's words are X's
          r"(?:released|issued|put\s+out|published)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}"
          r"(?:statement|communiqu\w*|readout)\s+(?:saying|stating)|"
          # "…,” the communique reads (in part)." / "The declaration read: “…”"
          r"reads?(?=\s+in\s+part\b|\s*[,.;:]|\s*$)|"
          # "…,” read the statement issued by X" / "X read out a statement: “…”"
          r"read(?=\s+(?:out\s+)?(?:the|a|an|his|her|its|their)\s+(?:[\w-]+\s+){0,2}"
          r"(?:statement|communiqu\w*|declaration|letter|message|note|post|tweet|release)\b)")
PARTICIPLE = r"saying|warning|noting|adding|writing|arguing|stating|insisting|explaining|remembering"
ATTITUDE = (r"condemned|condemns|applauded|applauds|criticised|criticized|called\s+for|calls\s+for|"
            r"call\s+for|views?|viewed|sees|saw|regards?|regarded|described|describes|dubbed|call|"
            r"called|calls|labelled|labeled|welcomed|welcomes|rejected|described|hailed|hails|"
            r"branded|brands|termed|terms|praised|praises|slammed|blasted|lauded")
_SPEECH_AFTER = re.compile(
    r"^[,.!?…]?\s*[,]?\s*(?:(?:[-–—]\s+)?(?:" + SPEECH + r")\s+(?P<spk1>[^,.;" + _MARKS + r"]{2,120}?)(?=[,.;]|$|\s+(?:at|in|on|after|during|to)\s)"
    r"|(?P<spk2>(?:[^.;" + _MARKS + r"\n]|(?<=\b[A-Z])\.|(?<=\bMr|\bMs|\bDr)\.|(?<=\bMrs|\bHon)\.){1,120}?)\s+(?:" + SPEECH + r")\b)", re.I)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<spk>(?:[^,.;" + _MARKS + r"]|(?<=[A-Z])\.){2,120}?)"
                        r"(?=[,;]|(?<![A-Z])\.|$|\s+(?:last|this|on|in)\b)")
_BEFORE_CUE = re.compile(r"\b(?:(?P<speech>" + SPEECH + r")|(?P<part>" + PARTICIPLE + r")|(?P<att>" +
                         ATTITUDE + r"))\b")  # searched in the folded text, as _SPEECH_WORD
# "said at a news conference on Monday that …": a day or month ends the setting, never starts a claim
_WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DATE_WORD = (_WEEKDAY + r"|January|February|March|April|"
              r"May|June|July|August|September|October|November|December")
_REPORTED_THAT = re.compile(
    r"^(?P<spk>[^" + _MARKS + r"]{2,220}?)\s+(?:has\s+|have\s+|had\s+)?(?:" + SPEECH + r")"
    r"(?:\s+(?:reporters|journalists|parliament|lawmakers|the\s+\w+|us|him|her|them))?"
    # "said last month that …", "said earlier this week that …"
    r"(?:\s+(?:(?:last|this|earlier\s+this|late\s+last)\s+(?:week|weekend|month|year|" + _DATE_WORD + r")|"
    r"earlier|later|yesterday|today|"
    # "said Monday it has …" (wire copy names the day with no preposition)
    r"(?-i:" + _WEEKDAY + r")(?:\s+(?:morning|afternoon|evening|night))?))?"
    r"(?:\s+(?:in|on|at|during)\s+[^," + _MARKS + r"]{1,60}?)?"
    # "said following his meeting with X that …": a setting of its own, only before "that"
    r"(?:\s+(?:following|after|before|ahead\s+of)\s+[^," + _MARKS + r"]{1,80}?(?=\s+that\s))?"
    r"\s+(?:that\s+|(?!(?-i:" + _DATE_WORD + r")\b)"
    r"(?=(?-i:the|a|an|it|its|they|their|he|she|we|[A-Z][a-z]+|[A-Z]{2,})\s))(?P<claim>[^" + _MARKS + r"]+)", re.I)
_AS_NOTED = re.compile(r"\bas\s+(?P<spk>[A-Z][^," + _MARKS + r"]{1,80}?)\s+(?:has\s+|have\s+|had\s+)?(?:" + SPEECH +
                       r"|put\s+it)\s*,\s*(?P<claim>[^" + _MARKS + r"]+)", re.I)
_TRAILING = re.compile(r"^(?P<claim>[^" + _MARKS + r"]{12,}?),\s+(?P<spk>[^," + _MARKS + r"]{2,80}?)\s+(?:" + SPEECH +
                       r")(?:\s+(?:reporters|journalists|parliament|lawmakers|the\s+\w+))?"
                       # ", Prime Minister X said on Tuesday." / "… said late on Monday in a statement."
                       r"(?:\s+(?:on|in|at|during|last|this|late|earlier)\s+[^," + _MARKS + r"\n]{1,50}?"
                       r"|\s+(?-i:" + _WEEKDAY + r")(?:\s+(?:morning|afternoon|evening|night))?)?"
                       r"(?:[,.]|\s*$)", re.I)
# "Norway will send two frigates, said Defence Minister Ola Brekke." (a reporter after its verb
# closing the sentence, wire style; no quotation mark in the sentence)
# A participle after such a reporter goes on with the reporter's words, quoted or not ("…, said
# Gan Yu, a spokesperson for China's Coast Guard, accusing the vessels of “…”")
_INVERTED_PARTICIPLE = (r"accusing|adding|saying|noting|stressing|insisting|arguing|warning|urging|calling|"
                        r"describing|citing|claiming|explaining|pointing")
_INVERTED_TRAILING = re.compile(r"^(?P<claim>[^" + _MARKS + r"]{12,}?),\s+(?:said|says|added|adds|stated|"
                                r"announced|declared|insisted|stressed|noted|warned)\s+"
                                r"(?P<spk>(?:[^," + _MARKS + r"\n]|(?<=\b[A-Z])\.|(?<=\bMr|\bMs|\bDr)\.){2,80}?)"
                                r"(?:,\s+[^," + _MARKS + r"\n]{2,80}?)?"
                                r"(?:\s*[.!?]?\s*$|,\s+(?P<part>" + _INVERTED_PARTICIPLE + r")\s(?s:.*)$)")
# "statement by", "remarks of", "speech from": whose words follow
_WORDS_BY = re.compile(r"\b(?:statement|remarks|speech|address|message|post|interview|op-ed|letter)\s+(?:by|of|from)\s+")
# Heads of the names of a state's bodies (armed forces, ministries, agencies).
_STATE_BODY = re.compile(r"\b(?:Command|Army|Navy|Air\s+Force|Forces|Guard|Ministry|Department|Office|Agency|"
                         r"Police|Service|Cabinet|Government|Embassy|Liberation)\b")
_REFER_BACK = 40  # sentences a definite "the statement" looks back past the three before it
# A sentence closed by ", <one to three capitalised words> said/added." (its reporter after the claim)
# A courtesy title before a name ("Mr. Gavan", "Hon. Duale"): no part of the name itself.
_HONORIFIC = r"(?:Mr|Ms|Mrs|Dr|Hon)"
_CLOSING_REPORTER = re.compile(r",\s+(?P<spk>(?:" + _HONORIFIC + r"\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+"
                               r"(?:said|added|says|adds|stated|noted|stressed)\s*[.!?]?\s*$")
_FINITE = re.compile(r"\b(?:would|will|had|has|have|is|are|was|were|could|should|did|does|do|can|may|might|must)\b", re.I)
_PARENTHETICAL = re.compile(r",\s+(?P<spk>he|she|they|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+"
                            r"(?:" + SPEECH + r"),\s+")
_ADJECTIVAL = re.compile(r"(?:['’]s|\bthe|\bits|\btheir|\bhis|\bher|\ba)\s+$")  # "Beijing's stated aims"
# "South Korea should be stated as the North's “…”": a passive verb of saying; its subject is
# spoken of, not speaking
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:[a-z]+ly\s+)?$")
# (a particle joined to the surname as in "Hussein al-Ezzi", or before it as in "Ursula von Leyen")
_NAME = re.compile(r"(?<![\w’'-])[A-Z][a-z][\w’'-]*(?:\s+(?:[A-Z]\.|[A-Z][a-z][\w’'-]*|(?:al|el|ad|as|an|ar|ash|at|az)-[A-Z][a-z][\w’'-]*"
                   r"|(?:bin|ibn|van|von|de|da|del|di|dos|der|den)\s+[A-Z][a-z][\w’'-]*)){1,4}(?![\w’'-])")
_POSITION = re.compile(
    r"\b(?:(?:has|have|had)\s+)?(?:urged|called\s+on|called\s+for|echoed|applauded|welcomed|"
    r"condemned|criticised|criticized|praised|rejected|wrote|pledged|promised|vowed|demanded|"
    r"proposed|warned\s+against|argued\s+for|referred\s+to|views?\s+as|sees?\s+as|"
    r"regards?\s+as|thanked|thanks|denounced|accused|blamed|hailed|endorsed|lauded|"
    r"(?:expressed|voiced)\s+(?:\w+\s+){0,2}(?:concern|gratitude|support|confidence|hope|regret|"
    r"opposition|alarm|appreciation|solidarity|satisfaction|disappointment)s?|"
    r"(?:views?|viewed|sees|regards?|regarded|described|describes|characteri[sz]ed)\s+(?:[\w’'-]+\s+){1,5}as)\b"
    r"|\b(?:is|are|was|were)\s+(?:\w+ly\s+|also\s+|too\s+)*(?:unhappy|concerned|worried|wary|"
    r"uneasy|alarmed|keen|eager|reluctant|opposed|supportive)(?=\s*,|\s+(?:that|about|over|by|to)\b)"
)  # searched in the folded text, as _SPEECH_WORD
# Every match of _POSITION holds one of these (a sentence without any is not searched with it).
_POSITION_STEMS = ("urged", "called", "echoed", "applauded", "welcomed", "condemned", "critici", "praised",
                   "rejected", "wrote", "pledged", "promised", "vowed", "demanded", "proposed", "warned",
                   "argued", "referred", "view", "see", "regard", "thank", "denounced", "accused", "blamed",
                   "hailed", "endorsed", "lauded", "expressed", "voiced", "describe", "characteri",
                   "unhappy", "concerned", "worried", "wary", "uneasy", "alarmed", "keen", "eager",
                   "reluctant", "opposed", "supportive")
_LEAD_IN = re.compile(r"(?:(?P<part>[A-Z][a-z]+ing)|(?P<prep>In|At|On|During|After|Before|Following|"
                      r"Speaking|Writing|Asked|Addressing|Later|Earlier))\b")  # opening a sentence
_LONE_NAME = re.compile(r"(?:" + _HONORIFIC + r"\.?\s+)?(?P<name>[A-Z][a-z][\w’'-]+)")
# Heads of institutions: "the Embassy", "the Government", "the Commission" speak, but are
# no person's name (the speaker is then found as an institution is: its country or actor).
_BODY_WORDS = frozenset("""Embassy Consulate Government Commission Office Agency Parliament
Assembly Cabinet Presidency Secretariat Committee Army Navy Police Guard Service Bureau Court
Senate Congress Administration Authority Command Forces Force Coalition Board""".split())
# ", the foreign minister", ", Lebanon's deputy prime minister": a person's title in apposition.
_ROLE_WORDS = (r"(?:minister|president|premier|chancellor|secretary|spokes(?:man|woman|person)|ambassador|"
               r"envoy|chief|head|leader|director|commander|general|admiral|adviser|advisor|official|"
               r"diplomat|chair(?:man|woman)?|senator|governor|lawmaker|negotiator)")
_APPOSED = (r",\s+(?:the|a|an|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,4}?" + _ROLE_WORDS +
            r"(?:\s+(?:of|for|to)\s+[^,.;" + _MARKS + r"\n]{2,60}?)?")
_APPOSED_ROLE = re.compile(_APPOSED + r"(?=\s*[,.;]|\s*$)")
# Between a country and a person's name: a title of up to five words ("'s Foreign Minister",
# " counterpart", " National Security Advisor"), no clause break.
_TITLE_BETWEEN = re.compile(r"(?:['’]s)?(?:,?\s+(?!and\b|or\b|with\b)[\w-]+){0,5},?\s+")
_LONE_NAME_ROLE = re.compile(r"(?:" + _HONORIFIC + r"\.?\s+)?(?P<name>[A-Z][a-z][\w’'-]+)" + _APPOSED + r",?")
# "Ana Ruiz, Samoa's prime minister," (a full name the model missed, a role set off after it)
_FULL_NAME_ROLE = re.compile(r"(?P<name>[A-Z][a-z][\w’'-]+(?:\s+[A-Z][a-z][\w’'-]+){1,2})" + _APPOSED + r",?")
# Heads of names of institutions and places that follow a person's name ("King Abdullah
# University", "President Kennedy Airport"): after a title they make no person.
_PLACE_HEADS = frozenset("""University College Institute Academy Foundation Hospital School Centre Center
Airport Port Street Road Avenue Square Bridge Park Bay Island Islands Base Station Prize Award Fund
Museum Stadium Palace Hall Dam Canal Strait""".split())
# News outlets and agencies that speak in wire copy ("Xinhua said"): no person's surname.
_OUTLETS = frozenset("""Reuters Xinhua Yonhap Kyodo Interfax Tass TASS KCNA Bloomberg Politico Nikkei Asahi
Anadolu Bernama Antara Sputnik Ria Novosti AFP AP UPI PTI ANI BBC CNN Axios Guardian Telegraph Times
Pentagon Kremlin""".split())
# Words that never name a person on their own: page furniture, function words, bodies, outlets.
_NO_PERSON = NO_NAME | _BODY_WORDS | _OUTLETS
_OFFICIALS_IN = re.compile(r"(?i:(?:(?:some|senior|top|government|the)\s+)*(?:officials?|diplomats?|authorities|"
                           r"sources?)\s+(?:in|from)\s+)(?P<place>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)$"
                           r"|(?P<place2>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)\s+(?i:officials)$")
_POSSESSIVE_AFTER = re.compile(r"['’](?:s\b|\s)")
_BARE_NAME = re.compile(r"(?:" + _HONORIFIC + r"\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}")
_SETTING = re.compile(r"(?:Speaking|Writing|Talking|Addressing|Responding|Commenting|Replying)\b")
_SPOKESPERSON = re.compile(r"(?:a|an|the)\s+(?:[A-Z][\w-]*\s+){0,2}(?P<role>spokes(?:man|woman|person))$")
_RELATIVE = re.compile(r",\s+(?:who|whose|which)\s")
# "The official, speaking on condition of anonymity, said": an aside set off by commas between
# the subject and its verb, opening with a participle (or "citing", "asked about", "quoted by")
_ASIDE = re.compile(r",\s+(?:[a-z]+ing|asked|quoted|pressed|questioned)\b[^,]*,\s*$")
_HYPOTHETICAL = re.compile(r"\b(?:whether|if|unless|would|could|might)\b", re.I)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+){0,2}(?:and\s+(?:\w+ly\s+){0,2})?$",
                      re.I)
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_N_PARTIES = re.compile(r"\b(?:the|these|those|all)\s+(?P<n>" + "|".join(_NUMBER_WORDS) + r"|\d{1,2})\s+"
                        r"(?:[a-z]+\s+)?(?:nations|countries|states|governments|juntas|members)\b", re.I)
# After a closing mark, words that carry its sentence on rather than name a speaker
_GOES_ON = re.compile(r"\s*(?:to|and|or|in|on|at|for|with|from|of|by|as|than|that|which|into|over)\s", re.I)
_DENIED = re.compile(r"(?:\b(?:not|never)|n['’]t)(?:\s+\w+ly)?\s*$", re.I)
# A clause of its own after a contrast: a participle after it hangs on its subject ("Somalia
# rejected the deal, while the Ethiopian government defended it, saying it “…”": Ethiopia's)
_CONTRAST_CLAUSE = re.compile(r"(?:,[”\"’]?\s+(?:while|whereas|but)|;)\s+")
_PARTICIPLE_CLAIM = re.compile(r",\s+(?:while\s+|and\s+)?(?P<part>(?:adding|saying|noting|stressing|insisting|"
                               r"arguing|warning|(?:voicing|expressing)\s+(?:\w+\s+)?hope)\s+(?:that\s+)?)"
                               r"(?=(?-i:the|a|an|it|its|they|their|he|she|we|there|[A-Z][a-z]+|[A-Z]{2,})\s)")
_CLAIM_GOES_ON = re.compile(r"\s*[“\"‘«„]")
_CLAIM_STOP = re.compile(r"[“\"‘«„]|,\s+(?:saying|adding|noting|warning|arguing|insisting)\b", re.I)
_INTERJECTION = re.compile(r"(?:in|at|on|during|after|before|from|speaking|writing)\b", re.I)
_PHRASE_CUT = re.compile(r"(?:[,;:]\s|\b(?:which|who|when|while|whereas|as|that|after|before|since|because|until|"
                         r"once|although|though)\s"
                         # "Taipei has been an ally for decades and the United States has promised":
                         # "and" after a clause with a finite verb opens a new clause
                         r"|\b(?:has|have|had|is|are|was|were)\s+[^,;:]*?\s(?:and|but)\s)", re.I)
_TITLE = re.compile(r"^(?:the|a|an)\s+(?:(?:outgoing|incoming|former|new|then|current|newly\s+\w+)\s+)*"
                    r"(?P<title>[A-Z][\w-]*(?:\s+(?:of|for|and|[A-Z][\w-]*))*)$")
_DOCUMENT = re.compile(r"^(?:the|this|that|a|an|its|their)\s+(?:[a-z][\w-]*\s+){0,2}"
                       r"(?P<head>document|report|paper|strategy|concept|communiqu[ée]|"
                       r"declaration|statement|white\s+paper|order|decree|directive)$", re.I)
_ROLE = re.compile(r"^(?:the|a|an)\s+(?:[A-Z][\w-]+\s+|" + INITIALS + r"\s+){0,2}(?:[a-z][\w-]+['’]s\s+)?"
                   r"(?:(?:former|outgoing|incoming|new|top|veteran)\s+)?"
                   r"(?:leader|president|premier|chancellor|prime\s+minister|foreign\s+minister|"
                   r"defen[cs]e\s+minister|secretary[-\s]general|secretary|ambassador|envoy|general|"
                   r"admiral|commander|chief|minister|(?:[\w-]+\s+)?minister|diplomat|foreign\s+secretary|"
                   r"head\s+of\s+state|monarch|king|queen|dictator|ruler|strongman|autocrat|emperor|emir|"
                   r"sultan|(?:crown\s+)?prince|lawmaker|legislator|senator|congress(?:wo)?man)$", re.I)
# A title, then one capitalised word ending the phrase: "Foreign Minister Wang", "President
# Okonkwo's" (the surname; "Secretary General" and "Prime Minister" are no surname).
_SURNAME = r"[A-Z][a-z][\w’'-]*(?![\w’'-]|\s+[A-Z])(?:[’']s?)?"
_TITLED_SURNAME = re.compile(
    r"\b(?:[Pp]resident|[Pp]remier|[Mm]inister|[Ss]ecretary|[Aa]mbassador|[Ss]enator|[Cc]hancellor|"
    r"[Ss]pokes(?:man|woman|person)|[Gg]eneral|[Aa]dmiral|[Ee]nvoy|[Cc]ommander|[Gg]overnor|"
    r"Mr|Ms|Mrs|Dr)\.?\s+(?P<name>" + _SURNAME + r")")
_WORDS_OF = re.compile(
    r"\b(?:[Ii]n\s+the\s+(?:words|phrase)\s+of|[Tt]o\s+(?:quote|paraphrase)"
    r"|[Tt]o\s+(?:borrow|use)\s+(?:(?:a|an|the)\s+)?(?:(?:famous|memorable|apt|old)\s+)?"
    r"(?:phrase|term|words?|expression|line|formula(?:tion)?)\s+(?:from|of|coined\s+by|used\s+by)"
    r"|[Aa]s\s+(?:coined|put|phrased)\s+by)\s+"
    r"(?P<spk>(?:[^,;:()–—" + _MARKS + r"\n]|(?<=\b[A-Z])\.){2,80}?)\s*(?=[,;:–—(]|$)")
_QUOTED_AS = re.compile(r"\bquoted\s+(?P<spk>(?:[^,.;" + _MARKS + r"\n]|(?<=\b[A-Z])\.|(?<=\bMr|\bMs|\bDr)\.){2,80}?)"
                        # (past an apposition: "quoted Colonel X, the French defence attache, as saying")
                        r"(?:,\s+(?:the|a|an|its|his|her)\s+[^,.;" + _MARKS + r"\n]{2,80}?,)?"
                        r"\s+as\s+(?:saying|telling|writing|stating|declaring)\b")
# "“…,” BelTA quotes CSTO spokesman X." / "…, the agency quoted X.": an outlet passes on the
# words of the one it quotes, who closes the sentence (no "as saying" needed at its end).
_QUOTES_AT_END = re.compile(r"^[,.!?…]?\s*[,]?\s*(?:[^,.;" + _MARKS + r"\n]|(?<=\b[A-Z])\.){2,60}?\s+quote[sd]\s+"
                            r"(?P<spk>(?:[^,.;" + _MARKS + r"\n]|(?<=\b[A-Z])\.|(?<=\bMr|\bMs|\bDr)\.){2,80}?)"
                            r"\s*[.!?]?\s*$")
# ", China's foreign ministry said." closing a sentence (a reporter after its claim).
_REPORTER_AT_END = re.compile(
    r",\s+(?P<spk>[^,;:" + _MARKS + r"\n]{2,80}?)\s+(?:has\s+|have\s+|had\s+)?(?:" + SPEECH + r")"
    r"(?:\s+(?:reporters|journalists|parliament|lawmakers|the\s+\w+))?"
    r"(?:\s+(?:on|in|at)\s+[^," + _MARKS + r"\n]{1,40}?)?\s*[.!?]?\s*$", re.I)
# Verbs in the past that a quotation may open with, its subject left before the mark.
_QUOTED_VERBS = frozenset(f for f in attribution.all_forms() if f.endswith("ed") or f in ("said", "told", "wrote")) | \
    frozenset("""endorsed agreed committed recognized recognised supported opposed resolved decided sought
    stressed pledged vowed""".split())
# Words that end no subject: "about “reaffirmed …”", "they have “agreed …”".
_NOT_A_SUBJECT = frozenset("""about of to for with as the a an that this these those and or but nor is was be
been are were has have had by from in on at into than then also which who whom whose what when
where while it its their his her our we they i you not never only""".split())
# Nothing before a pronoun speaker in its sentence, or only the quotation it attributes.
_QUOTE_ALONE = re.compile(r"\s*(?:(?:[“\"][^“”\"]+[”\"]|‘[^‘\n]+’)\s*,?\s*)?")  # (British copy: ‘…’)
_SAID_ALONE = re.compile(r"[^\S\n]+(?:" + _HONORIFIC + r"\.\s+)?(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+"
                         r"(?:said|says|added|stressed|noted|told\s+(?:[\w-]+\s+){0,3}?[\w-]+)"
                         r"(?:\s+(?:on|in|at|during|after|before|while|when|from)\b[^.;:“”\"\n]{0,60})?\s*\.?\s*$")
_WHO_BEFORE = re.compile(r",\s+who\s+(?:also\s+|has\s+|had\s+|have\s+|then\s+)*$")
_KIN_OF = re.compile(r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:sister|brother|wife|husband|son|daughter|"
                     r"mother|father|widow|niece|nephew|cousin|sibling|relative)s?\s+of\s", re.I)
_PRONOUN = re.compile(r"^(?:he|she|him|her)$", re.I)
_ANAPHOR = re.compile(r"^(?:the|that|this)\s+(?:\w+\s+)?(?:official|spokesperson|spokesman|"
                      r"spokeswoman|minister|ministry|diplomat|government|source|office)s?$", re.I)
_PERSONS_OFFICE = re.compile(r"[A-Z][\w’'. -]{1,60}?['’]s?\s+(?:(?:presidential|press|media|private)\s+)?office")
_UNNAMED_OFFICIAL = re.compile(r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}(?:official|diplomat)\b", re.I)
# A newspaper's name: "the Times of India", "the Washington Post", "China Daily".
_OUTLET_NAME = re.compile(
    r"\s*(?:[Tt]he\s+)?(?P<name>(?:[A-Z][\w’'-]*\s+){0,3}(?:Times|Post|Herald|Tribune|Journal|Gazette|"
    r"Daily|Express|Telegraph|Chronicle|Observer|Guardian|Independent|Mirror|Monitor|Economist|Mail)"
    r"(?:\s+of\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?)\s*")
# The name of a document (a declaration, communiqué or charter), which its issuer speaks through.
_NAMED_DOCUMENT = re.compile(r"\b(?:Declaration|Communiqu[ée]|Joint\s+Statement|Charter)\b")
# Adverbs between a speaker and its verb: "the minister already pledged", "X also said".
_TRAILING_ADVERB = re.compile(r"\s+(?:already|also|again|reportedly|previously|recently|later|earlier|"
                              r"repeatedly|publicly|separately|subsequently|likewise|similarly|then|once)$")
_LEADING_CONNECTIVE = re.compile(r"(?:However|Meanwhile|Moreover|Still|Yet|But|And|Separately|Instead|Nevertheless|"
                                 r"Furthermore|Additionally|In\s+addition|Likewise|Similarly|Later|Earlier),?\s+")
# "the President of the European Council", "the Secretary-General of NATO": a title of a body.
# ("the president of Somalia" in lower case too)
_ROLE_OF = re.compile(r"(?:[Tt]he\s+)?(?P<title>(?:(?i:President|Prime\s+Minister|Chancellor|Secretary[-\s]General|"
                      r"Chair(?:man|woman|person)?|Head|Director[-\s]General|Commander|Chief|High\s+Representative)|"
                      r"(?:[A-Z][a-z]+\s+)?Minister|(?:[A-Z][a-z]+\s+)?Secretary)\s+of\s+(?:the\s+)?"
                      r"[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*){0,3})")
# A title after the name of its body or country: "NATO Secretary-General", "EU foreign policy chief".
_QUALIFIED_TITLE = re.compile(r"(?P<body>(?:[A-Z][\w-]*\s+|" + INITIALS + r"\s+){1,2}?)(?P<bare>(?:[A-Za-z][\w-]*\s+)?[A-Za-z][\w-]*)")
# A position that names only where it was put: "wrote on X", "posted in a statement on Weibo".
_SETTING_ONLY = re.compile(r"(?:wrote|posted|tweeted|said|commented|spoke)\s+(?:on|in|at|via)\b(?![^.]*\bthat\b)", re.I)
_REDUCED_PASSIVE = re.compile(r"[a-z]+ed\s+by\b")
_NEWS_BODY = re.compile(r"\b(?:News\s+Agency|Press\s+Agency|Associated\s+Press|Press\s+Association|"
                        r"Broadcasting|News\s+Service|Telegraph\s+Agency|Wire)\b")
_GOVERNMENT = re.compile(r"\b[Gg]overnment\b")
# "the government's spokesman", "the government spokesman's office": no country of its own
_THE_GOVERNMENT = re.compile(r"^the\s+[Gg]overnment(?:['’]s)?\s+(?:[a-z]+['’]s\s+)?[a-z]+$")
_OFFICIAL = re.compile(r"\b(?:spokesperson|spokesman|spokeswoman|official|officials|ministry|"
                       r"minister|government|diplomats?|embassy)\b", re.I)
# Straight single marks only around a sentence-like quote: opening before a capital, closing
# right after the quote's own punctuation ("'We will act,' she said"), so "the allies' plans"
# and "NATO's" never open or close one.
# (each mark first, its look-behind after it: the engine jumps from mark to mark)
_OPEN_STRAIGHT_SINGLE = re.compile(r"'(?=[A-Z])(?:(?<=^')|(?<=[\s(\[—–]'))")
_CLOSE_STRAIGHT_SINGLE = re.compile(r"'(?<=[,.!?]')(?=\s|$)")
_SPEECH_NEXT = re.compile(r"[^\S\n]+(?:" + SPEECH + r")\b")
_BYLINE = re.compile(r"^\s*(?:By|BY)\s+(?P<name>[A-Z][\w’'.-]+(?:[^\S\n]+[A-Z][\w’'.-]+){1,3})|"
                     # (not "as reported by Somali President X": a source of the text's news, no byline)
                     r"(?<![Aa]s\s)\b(?:written|reported)\s+by\s+(?:(?:guest|staff|special|contributing)\s+)?"
                     r"(?:writer|reporter|correspondent|contributor|author)?\s*"
                     r"(?P<name2>[A-Z][\w’'.-]+(?:[^\S\n]+[A-Z][\w’'.-]+){1,3})", re.M)  # a name is on one line
# The article's own work "by" a person the text names ("the Policy paper by X", "this analysis by X").
_WORK_BY = re.compile(r"\b(?:(?:this|the|our)\s+)?(?:[Pp]olicy\s+)?(?:paper|article|analysis|essay|commentary|op-ed|"
                      r"column|report|brief)\s+by\s+(?P<name>[A-Z][\w’'.-]+(?:[^\S\n]+[A-Z][\w’'.-]+){1,3})")
# A first line that is a name alone (or a name and a title after a bar): the author's byline.
_FIRST_LINE_NAME = re.compile(r"\A\s*(?P<name>[A-Z][\w’'.-]+(?:[^\S\n]+[A-Z][\w’'.-]+){1,3})[ \t]*(?:\n|\|)")
_BYLINE_WORDS = ("By", "BY", "written", "reported")  # every match of _BYLINE holds one


def _may_have_byline(text: str) -> bool:
    """False when `_BYLINE` cannot match: none of its words is in the text (substring tests
    spare a scan that tries every position of the text)."""
    return any(w in text for w in _BYLINE_WORDS)


_BIO = re.compile(r"^(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,2})\s+is\s+(?:a|an|the)?\s*[^.\n]{0,200}?"
                  r"\b(?:author|columnist|writer|professor|fellow|director|analyst|editor|"
                  r"correspondent|adviser|advisor|researcher|journalist)\b", re.M)
# The verbs of saying are searched in the folded text (see `fold`) without re.I: the same
# matches at the same offsets, several times faster than the case-insensitive alternations.
_SPEECH_WORD = re.compile(SPEECH)
# Every match of _SPEECH_WORD holds one of these: a sentence without any (most) is not searched
# with it. Grouped by first letter, so the engine tries one group where a word can start.
_SPEECH_STEMS = ("said", "says", "say", "told", "tells", "added", "adds", "continued", "warn", "wrote",
                 "writes", "noted", "expla", "argue", "stated", "declared", "insisted", "stressed",
                 "emphasi", "observed", "remarked", "asserted", "acknowledged", "admitted", "cautioned",
                 "announced", "replied", "responded", "commented", "urged", "predicted", "concluded",
                 "believe", "signal", "reiterated", "underlined", "underscored", "highlighted", "affirmed",
                 "tweeted", "posted", "recalled", "suggested", "pointed", "claimed", "alleged",
                 "maintained", "quoted", "read", "indicated", "confirmed", "made")
_SPEECH_HINT = any_of(_SPEECH_STEMS)
_POSITION_HINT = any_of(_POSITION_STEMS)
_DEP_CUE = re.compile(r"\b(?:" + "|".join(sorted(attribution.all_forms(), key=len, reverse=True)) +
                      r")\b|\baccording\b")  # a cheap first look before the long patterns
_PUT_IT = re.compile(r"put\s+it", re.I)
_AGENT_AS = re.compile(r"\s+by\s+(?P<spk>[^,;" + _MARKS + r"\n]{2,60}?)\s+as\s+")  # "condemned by X as “…”"
_AS_QUOTE = re.compile(r"\s+[^" + _MARKS + r"\n]{0,60}?\s+as\s+(?:(?:a|an|the)\s+)?", re.I)
_EPIGRAPH = re.compile(r"(?:\[\w{1,4}\])?[ \t]*\n\s*(?:(?P<dash>[—–]|--?)\s*(?P<spk>[A-Z][^\n,(]{2,60}?)\s*(?=[,(\n]|$)"
                       r"|(?P<line>[A-Z][^\n.,(" + _MARKS + r"]{2,80}?)[ \t]*(?=\n|$))")
# A quotation that ends its paragraph, the next naming its speaker: "“…”\n\nThat was Defense
# Secretary X last Tuesday in Panama, speaking …" (an opinion column's opening)
_THAT_WAS = re.compile(r"[ \t]*\n\s*(?:That|Those)\s+(?:was|were)\s+(?:the\s+words\s+of\s+)?"
                       r"(?P<spk>[A-Z][^\n,.;:]{2,80}?)(?=\s+(?:last|this|on|in|at|speaking|earlier|during|when|"
                       r"yesterday|today)\b|[,.;:])")
_REST_OF_LINE = re.compile(r"[^\n]*\n\s*")
# A quoted title of a work, not words anyone said: "the author of “…”", "a report titled “…”",
# or a quotation followed by its publisher and year ("(Georgetown University Press, 2019)").
_TITLE_BEFORE = re.compile(r"\b(?:author|editor)s? of\s*$|\b(?:titled|entitled|headlined)\s*$"
                           r"|\b(?:book|novel|memoir|essay|paper|report|study|article|column|op-ed|"
                           r"film|documentary)\s*,?\s*$", re.I)
_TITLE_AFTER = re.compile(r"[^\S\n]*\([^()\n]{0,80}\b(?:1[89]|20)\d\d\)")
_ORGS = frozenset({"Alliance", "InternationalOrganisation"})
_OPENING_MARKS = frozenset("“\"‘'«„")
_FRAGMENT_REACH = 80  # characters before a quoted fragment in which its head is named
_ABOUT_ALL = frozenset({"Partnership", "Programme", "Mission", "Operation", "Dispute", "Event",
                        "Organisation", "Country", "Alliance", "InternationalOrganisation", "Place"})
_WIRE = re.compile(r"\((?:Reuters|AP|AFP|Xinhua|Kyodo|Yonhap|Bloomberg|UPI|dpa|Anadolu|PTI|ANI)\)|"
                   r"\b(?:Reuters|Associated\s+Press|Agence\s+France-Presse)\b")
_DATELINE_START = re.compile(r"\s*[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?"
                             r"(?:,\s*\d{4})?\s*(?:\([^)]{1,30}\)\s*)?[—–-]\s")
_OPINION = re.compile(r"\b(?:should|must|ought|needs?\s+to|I|[Mm]y|[Ww]e\s+(?:should|must|need|cannot|can)|"
                      r"[Oo]ne\s+can|arguably|[Pp]erhaps|[Ii]nstead|[Hh]owever|[Yy]et)\b|[?!]")
ACTORS = frozenset({"Country", "InternationalOrganisation", "Alliance", "Partnership", "Person",
                    "Organisation"})
# Inside a reported clause, a reporter of its own ("had told", "it deemed as"): the quotation is
# that reporter's, left to the rules below.
_INNER_REPORT = re.compile(r"\b(?:said|says|say|told|tells|stated|added|wrote|declared)\b|"
                           r"\b(?:it|he|she|they|we)\s+(?:\w+\s+)?(?:" + SPEECH + "|" + ATTITUDE + r"|deemed)\b",
                           re.I)
BLOCK_PARAGRAPHS = 6  # paragraphs quoted without marks after "X said:" or a speaker label
_LABEL = re.compile(r"[A-Z][^:\n" + _MARKS + r"]{2,100}?:\s+(?=[A-Z“\"])")
_QUOTE_MARK = re.compile(r"[‘" + _MARKS + r"]")  # (’ is also the apostrophe: the opening mark says it)
CONF = {"explicit": 0.9, "according": 0.85, "cue": 0.75, "carry": 0.6, "reported": 0.7,
        "authorial": 0.6, "nearest": 0.5}


@dataclass(frozen=True)
class Quote:
    """Quotation marks at open and close; the quote is text[start:end] inside them."""

    open: int
    close: int

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


# A paragraph that opens with a quotation mark it never closes, followed by one that opens with
# a mark: the typographic convention for a quotation running over paragraphs (each opens,
# only the last closes). The first paragraph's words are a quotation of their own.
_RUNS_ON = re.compile(r"\n\s*[\"“]")
_RUNS_ON_SINGLE = re.compile(r"\n\s*‘")
# After a closed quotation: its attribution (no mark, no line break) ending a sentence, then a
# straight mark opening the next sentence: '," the minister said. "We …'
_REOPENS = re.compile(r'[,.!?]?\s+[^"\n]{2,80}?[.!?]\s+"(?=[A-Z])')
_SENTENCE_END = re.compile(r'[.!?](?=\s*$)')
# After a closed quotation: its attribution ending a sentence (not at an initial or a title),
# then a capital with no mark: '," the minister said.We …' / '," she said. We …'
_LOST_OPEN = re.compile(r'[,.!?]?\s+(?P<att>[^"\n]{2,80}?(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)[.!?])\s*(?=[A-Z])')
# A closing mark's attribution: ' he added.', ' the minister said.'
_ATTRIBUTION_AFTER = re.compile(r'\s+(?:[A-Za-z][\w’\'.-]*\s+){1,4}?(?:' + SPEECH + r')\s*[.,]', re.I)
# A paragraph opened by a dash and closed by one before a speech verb: the quotation dash of
# Polish, Russian or French copy in translation ("- Our countries are crucial … - said Mariusz
# Błaszczak"). Its quote runs from the first word to the last before the closing dash; a list
# item opened by a dash has no such close.
_DASH_QUOTE = re.compile(r"[-–—][^\S\n]+(?P<q>[A-Z“‘][^\n]*?[^\s,])[,.]?[^\S\n]+[-–—][^\S\n]+(?=(?:" + SPEECH + r")\b)")
_OPENS_RUN = re.compile(r'[\s:(—–]"(?=[A-Z])')  # a straight mark that opens a sentence mid-paragraph


def find_quotes(text: str, lo: int = 0, hi: int | None = None) -> list[Quote]:
    """Every quotation in text[lo:hi]: curly, straight (paired per paragraph) and single."""
    hi = len(text) if hi is None else hi
    quotes: list[Quote] = []
    for para in re.finditer(r"[^\n]+", text[lo:hi]):
        p0, p1 = lo + para.start(), lo + para.end()
        turned = _turned_pairs(text, p0, p1)
        quotes.extend(turned)  # ”I met him,“ X wrote: the curly marks typed the wrong way round
        for m in re.finditer(r"“([^“”\n]*)”|«([^«»\n]*)»|„([^„“”\n]*)[“”]", text[p0:p1]) if not turned else ():
            quotes.append(Quote(p0 + m.start(), p0 + m.end() - 1))  # also «…» and „…“ (translations)
        marks = [p0 + m.start() for m in re.finditer(r'"', text[p0:p1])]
        for a, b in zip(marks[0::2], marks[1::2]):
            quotes.append(Quote(a, b))
        mixed = _mixed_pair(text, p0, p1, marks)
        if mixed is not None:
            quotes.append(mixed)
        quotes.extend(_closing_marks_paired(text, p0, p1))
        if _RUNS_ON.match(text, p1) and (marks == [p0] or (
                text.startswith("“", p0) and "”" not in text[p0:p1] and "“" not in text[p0 + 1:p1])):
            quotes.append(Quote(p0, len(text[:p1].rstrip())))  # "… (the next paragraph opens with a mark)
        elif _RUNS_ON.match(text, p1) and len(marks) % 2 and _OPENS_RUN.match(text, marks[-1] - 1):
            # 'X said: "…' left open at the end of its paragraph, the next opening with a mark
            quotes.append(Quote(marks[-1], len(text[:p1].rstrip())))
        elif len(marks) % 2 and len(marks) >= 3 and _REOPENS.match(text, marks[-2] + 1, marks[-1] + 2):
            # '"…," X said. "…' : the speaker's next sentence, its closing mark lost at the end of
            # the paragraph (the next paragraph does not go on with a mark)
            stop = _SENTENCE_END.search(text, marks[-1], p1)
            if stop:
                quotes.append(Quote(marks[-1], stop.end()))
        elif len(marks) % 2 and len(marks) >= 3 and text[marks[-1] - 1] in ",.!?" \
                and text[marks[-2] - 1] in ",.!?" \
                and _ATTRIBUTION_AFTER.match(text, marks[-1] + 1, p1):
            # '"…," X said. …," he added.': the speaker's next sentence, its opening mark lost;
            # it opens right after the sentence that closed the quotation before
            lost = _LOST_OPEN.match(text, marks[-2] + 1, marks[-1])
            if lost and lost.end() < marks[-1] and _SPEECH_WORD.search(fold(lost.group("att"))):
                quotes.append(Quote(lost.end() - 1, marks[-1]))
        dash = _DASH_QUOTE.match(text, p0, p1)
        if dash and not marks:  # "- We decided … - said the minister.": the quotation dash
            quotes.append(Quote(dash.start("q") - 1, dash.end("q")))
        for m in _OPEN_STRAIGHT_SINGLE.finditer(text, p0, p1):  # 'We will …,' said X (British style)
            close = _CLOSE_STRAIGHT_SINGLE.search(text, m.end(), min(p1, m.end() + 300))
            if close and not any(q.open < m.start() < q.close for q in quotes):
                quotes.append(Quote(m.start(), close.start()))
        if text.startswith("‘", p0) and _RUNS_ON_SINGLE.match(text, p1) and quotemarks.OPEN_SINGLE.match(text, p0) \
                and quotemarks.single_close(text, p0 + 1, p1) is None:
            quotes.append(Quote(p0, len(text[:p1].rstrip())))  # ‘… (the next paragraph opens with ‘)
        for m in quotemarks.OPEN_SINGLE.finditer(text, p0, p1):
            if any(q.open < m.start() < q.close for q in quotes):
                continue  # nested in a double quotation: part of it
            close = quotemarks.single_close(text, m.end(), p1)
            if close and (close.start() - m.end() < 300 or close.start() - m.end() < 900
                          and (_SPEECH_NEXT.match(text, close.end()) or _ATTRIBUTION_AFTER.match(text, close.end()))
                          or m.start() == p0 and close.end() == len(text[:p1].rstrip())):
                # (a long one: ‘…,’ said X, ‘…,’ he said; a whole paragraph in single marks)
                quotes.append(Quote(m.start(), close.start()))
    quotes = [q for q in quotes if q.end > q.start and text[q.start:q.end].strip()]
    return sorted(set(quotes), key=lambda q: (q.open, q.close))


def _turned_pairs(text: str, p0: int, p1: int) -> list[Quote]:
    """A paragraph whose curly marks are all typed the wrong way round (”I met with X,“ Petri
    wrote. ”We will …,“ he added.): each ” opens where a word starts (after a space or the
    paragraph's start) and the “ after it closes where none does (before a space or the end)."""
    para = text[p0:p1]
    if not para.count("”") or para.count("”") != para.count("“"):
        return []
    marks = [p0 + i for i, c in enumerate(para) if c in "“”"]
    found = []
    for a, b in zip(marks[0::2], marks[1::2]):
        if text[a] != "”" or text[b] != "“":
            return []
        opens = (a == p0 or text[a - 1] in " \t([—–") and text[a + 1:a + 2].isalnum()
        closes = not text[b - 1:b].isspace() and (b + 1 == p1 or not text[b + 1:b + 2].isalnum())
        if not (opens and closes):
            return []
        found.append(Quote(a, b))
    return found


def _closing_marks_paired(text: str, p0: int, p1: int) -> list[Quote]:
    """A paragraph that uses the closing curly mark for both ends (”We will …,” he said; the
    ”pressure …”): with no opening curly mark at all, its closing marks pair in order, each
    pair opening where a word starts (after a space or the paragraph's start, before a letter
    or digit) and closing where none does."""
    para = text[p0:p1]
    if "“" in para or para.count("”") < 2 or para.count("”") % 2:
        return []
    at = [p0 + i for i, c in enumerate(para) if c == "”"]
    found = []
    for a, b in zip(at[0::2], at[1::2]):
        opens = (a == p0 or text[a - 1] in " \t([—–") and text[a + 1:a + 2].isalnum()
        closes = not text[b + 1:b + 2].isalnum()
        if not (opens and closes):
            return []
        found.append(Quote(a, b))
    return found


def _mixed_pair(text: str, p0: int, p1: int, marks: list[int]) -> Quote | None:
    """A quotation opened with one kind of mark and closed with the other (copy edited by
    hand: “We will …," he said / "We will …” he said): the paragraph's one straight mark
    pairs with the one curly mark that nothing else pairs."""
    if len(marks) != 1:
        return None
    para = text[p0:p1]
    opens, closes = para.count("“"), para.count("”")
    mark = marks[0]
    if opens == closes + 1:
        at = p0 + para.rfind("“")
        if at < mark and "”" not in text[at:mark]:
            return Quote(at, mark)
    elif closes == opens + 1:
        at = p0 + para.find("”")
        if mark < at and "“" not in text[p0:at]:
            return Quote(mark, at)
    return None


def find_statements(ctx: Context, facts: Iterable[Fact] = ()) -> list[Statement]:
    """Quotations and reported claims with a speaker, plus the author's position; `facts` (the
    article's relations) tell whose side each speaker is on (`loaders.extraction.affiliation`)."""
    finder = _Finder(ctx, facts)
    out: list[Statement] = []
    for si in range(len(ctx.sentences)):  # in text order, so "he added" finds the last speaker
        quoted, claims = finder.quotations(si), finder.reported(si)
        found = finder.within_claims(quoted, claims) + claims
        out.extend(found)
        out.extend(finder.participle_claims(si, found))
    out.extend(finder.communique())
    out.extend(finder.blocks())
    authorial = finder.authorial()
    if authorial is not None:
        out.append(authorial)
    return _unique(out)


def _unique(stmts: list[Statement]) -> list[Statement]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for s in stmts:
        key = (s.quote.start, s.quote.end, s.speaker)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


class _Finder:
    def __init__(self, ctx: Context, facts: Iterable[Fact] = ()) -> None:
        self.ctx = ctx
        facts = list(facts)
        self.sides = affiliation.Sides(facts)
        self.members: dict[str, set[str]] = {}  # organisation -> its member countries (the facts)
        for f in facts:
            if f.predicate == "memberOf" and ctx.cls(f.subject) == "Country" and ctx.cls(f.object) in _ORGS:
                self.members.setdefault(f.object, set()).add(f.subject)
        self.text = ctx.text
        self.folded = ctx.folded  # searched for verbs of saying
        self.last_speaker: str | None = None
        self.sentence_speaker: dict[int, str] = {}  # sentence index -> its last speaker
        self.quotes = self._paragraph_quotes()  # quotes may run across sentences
        self.quote_starts = [q.start for q in self.quotes]
        self.by_sentence: dict[int, list[Quote]] = {}
        for q in self.quotes:
            si = ctx.sentence_of(q.open)
            if si is not None:
                self.by_sentence.setdefault(si, []).append(q)
        self.capitals = capitals(ctx.gazetteer)
        self.topic: str | None | bool = False  # computed once, on first use
        self.owners: dict[str, str | None] = {}
        self.cue_cache: dict[str, list[tuple[str, int]]] = {}  # text -> its stance cues
        self.named_counts: dict[str, int] | None = None  # entity -> mentions in the article, on first use
        self.titled_cache: dict[str, frozenset[str]] = {}
        self.last_quote: tuple[int, str] | None = None  # (close offset, speaker) of the last quote
        self.last_attribution: Evidence | None = None  # the words naming the last speaker found
        self.government: str | None = None  # the country "the government" spoke for last
        self.body_country: dict[str, str] = {}  # a state's body -> the country it spoke for
        self.unknown_speaker_at = -1  # where a speaker's name that links to no one stood last
        # The byline's lines: its person writes the article but says none of the quotes.
        bylines = list(_BYLINE.finditer(self.text)) if _may_have_byline(self.text) else []
        self.bylines = [(m.start(), m.end()) for m in bylines]
        self.byline = bylines[0] if bylines else None

    def _paragraph_quotes(self) -> list[Quote]:
        out: set[Quote] = set()
        paragraphs: dict[int, list[int]] = {}
        for s in self.ctx.sentences:
            para = self._paragraph(s.start)
            span = paragraphs.setdefault(para, [s.start, s.end])
            span[1] = s.end
        spanning = [Quote(o, c) for o, c in quotemarks.spanning_quotes(self.text)]
        spanning += [Quote(o, c) for o, c in quotemarks.spanning_single_quotes(self.text)
                     if not any(sp.open <= o <= sp.close for sp in spanning)]
        for lo, hi in paragraphs.values():
            out.update(find_quotes(self.text, lo, hi))
            if not any(lo <= q.open < hi for q in spanning):
                self._check_balance(lo, hi)
        out = {q for q in out if not any(sp.open < q.open < sp.close for sp in spanning)}
        out.update(spanning)
        return sorted(out, key=lambda q: (q.open, q.close))

    def _check_balance(self, lo: int, hi: int) -> None:
        """Warn about a quotation mark that is never closed (its words are no statement)."""
        para = self.text[lo:hi]
        straight = [m.start() for m in re.finditer(r'"', para)]
        opened = para.count("“") - para.count("”")
        if _mixed_pair(self.text, lo, hi, [lo + i for i in straight]) is not None:
            return  # “…" paired across kinds of marks
        if len(straight) % 2:
            self.ctx.warnings.append(f"unbalanced straight quotation mark at offset {lo + straight[-1]}")
        if opened > 0:
            self.ctx.warnings.append(f"unclosed “ in the paragraph at offset {lo}")

    # --- quotations -----------------------------------------------------------------------

    def quotations(self, si: int) -> list[Statement]:
        """Statements for the quotations that open in sentence `si`."""
        out: list[Statement] = []
        for q in self.by_sentence.get(si, ()):
            para = self._paragraph(q.open)
            words = len(self.text[q.start:q.end].split())
            if self._is_a_name(q) or self._is_a_title(q):
                continue
            found = self._attribute(q, si, short=words < 3)
            if found is None and words >= 3 and not self._names_unknown_speaker(q):
                carried = self.sentence_speaker.get(si) or self.sentence_speaker.get(si - 1)
                if carried and self._paragraph(self.ctx.sentences[max(0, si - 1)].start) == para:
                    found = (carried, "carry", None)
                elif self.last_quote is not None and self._follows_on(self.last_quote[0], q):
                    found = (self.last_quote[1], "carry", None)  # a quote paragraph goes on
                else:
                    found = self._introduced(q, si) or self._nearest_speaker(q, si)
            if found is None:
                continue
            speaker, how, attribution = found
            self.sentence_speaker[si] = speaker
            self.last_speaker = speaker
            self.last_quote = (q.close, speaker)
            out.append(self._statement(q.start, q.end, speaker, CONF[how], attribution, "quotation"))
        return out

    def _names_unknown_speaker(self, q: Quote) -> bool:
        """"“…,” Sandu said." where the name links to no one: the speaker is named, so no one
        else (the person named last, the speaker before) is guessed in their place."""
        m = _SPEECH_AFTER.match(self.text[q.close + 1:self._sentence_end_after(q.close)])
        phrase = (m.group("spk1") or m.group("spk2") or "").strip() if m else ""
        return bool(_BARE_NAME.fullmatch(phrase))

    def _introduced(self, q: Quote, si: int) -> tuple[str, str, Evidence | None] | None:
        """A quotation opening the paragraph right after one that ends "X said:" or that
        reports X's words: X goes on speaking."""
        para = self._paragraph(q.open)
        if si == 0 or self.text[para + 1:q.open].strip():
            return None
        prev = self.ctx.sentences[si - 1]
        if not _REST_OF_LINE.fullmatch(self.text, prev.end, para + 1):
            return None  # not the paragraph right before
        if si - 1 in self.sentence_speaker:
            return self.sentence_speaker[si - 1], "carry", None
        if not self.text[prev.start:prev.end].rstrip().endswith(":"):
            return self._subject_goes_on(q, prev) or self._words_by(prev)

        verbs = list(_SPEECH_WORD.finditer(self.folded, prev.start, prev.end))
        if not verbs:
            return None
        verb = verbs[-1]
        speaker = self._speaker_before_verb(prev.start, verb.start(), si - 1)
        if speaker is None:
            return None
        return speaker, "cue", self.ctx.evidence(*self._phrase_span(prev.start, verb.end()))

    def _subject_goes_on(self, q: Quote, prev: Span) -> tuple[str, str, Evidence | None] | None:
        """“…” alone as a paragraph, with no attribution, right after a paragraph of one
        sentence whose subject is a person ("Rabuka also put emphasis on the need to …"): that
        person goes on, in their own words (low confidence)."""
        line_end = self.text.find("\n", q.close)
        rest = self.text[q.close + 1:line_end if line_end >= 0 else len(self.text)]
        if rest.strip(" .,") or self.text[self._paragraph(prev.start) + 1:prev.start].strip():
            return None
        opening = [m for m in self.ctx.between(prev.start, prev.start + 60)
                   if not self._inside_quote(m.evidence.start)]
        if not opening or self.ctx.cls(opening[0].entity) != "Person":
            return None
        head = self.text[prev.start:opening[0].evidence.start]
        if not re.fullmatch(r"(?:(?:[A-Z][\w-]*\.?)\s+){0,4}", head):
            return None  # the sentence opens with the person (after a title), nothing else
        after = self.text[opening[0].evidence.end:prev.end]
        if not re.match(r"\s+[a-z]+\b", after):
            return None  # a verb of its own follows the name
        return opening[0].entity, "nearest", None

    def _words_by(self, prev: Span) -> tuple[str, str, Evidence | None] | None:
        """"Facebook statement by Prime Minister X at the summit …" as the paragraph right before
        a quotation that names no speaker: X's words (the person right after "by", after any
        title)."""
        m = _WORDS_BY.search(self.text, prev.start, prev.end)
        if m is None:
            return None
        people = [x for x in self.ctx.between(m.end(), min(prev.end, m.end() + 60))
                  if self.ctx.cls(x.entity) == "Person"
                  and re.fullmatch(r"(?:[A-Z][\w-]*\.?\s+){0,3}", self.text[m.end():x.evidence.start])]
        if not people:
            return None
        return people[0].entity, "nearest", self.ctx.evidence(m.start(), people[0].evidence.end)

    def _nearest_speaker(self, q: Quote, si: int) -> tuple[str, str, Evidence | None] | None:
        """No attribution at all: the person named last before the quotation in its own
        paragraph (outside quotation marks), at low confidence."""
        sent = self.ctx.sentences[si]
        if _SPEECH_WORD.search(self.folded, sent.start, q.open):
            return None  # a verb of saying the parse could not use: better no speaker than a guess
        para = self._paragraph(q.open)
        people = [m for m in self.ctx.between(para + 1, q.open)
                  if self.ctx.cls(m.entity) == "Person" and not self._inside_quote(m.evidence.start)
                  and not self._in_byline(m.evidence.start)]
        # "X considered Y's statement “…”": a possessor is spoken about, not speaking
        speaking = [m for m in people if not _POSSESSIVE_AFTER.match(self.text, m.evidence.end)]
        if not speaking:
            return None
        return speaking[-1].entity, "nearest", None

    def _follows_on(self, last_close: int, q: Quote) -> bool:
        """A paragraph that opens with a quotation and names no speaker, right after a
        paragraph whose quotation had one: the same person goes on speaking."""
        para = self._paragraph(q.open)
        return (para > last_close and not self.text[para + 1:q.open].strip()
                and bool(_REST_OF_LINE.fullmatch(self.text, last_close, para + 1))
                and not any(self.ctx.cls(m.entity) == "Person"
                            for m in self.ctx.between(q.close, self._sentence_end_after(q.close))))

    def _is_a_name(self, q: Quote) -> bool:
        """A quoted name ("the “Individually Tailored Partnership Programme”") is no statement."""
        return any((m.evidence.start, m.evidence.end) == (q.start, q.end)
                   for m in self.ctx.between(q.start, q.end))

    def _is_a_title(self, q: Quote) -> bool:
        """The quoted title of a book, report or article is nobody's statement."""
        return bool(_TITLE_BEFORE.search(self.text, max(0, q.open - 40), q.open)
                    or _TITLE_AFTER.match(self.text, q.close + 1))

    def _inverted_reporter(self, q: Quote, s: Span, si: int) -> tuple[str, str, Evidence | None] | None:
        """"…, said Gan Yu, a spokesperson for …, accusing the vessels of “…”": a participle after a
        reporter named after its verb goes on with that reporter's words, not the claim's subject's."""
        m = _inverted_trailing(self.text[s.start:s.end])
        if m is None or m.group("part") is None or s.start + m.end("part") > q.open:
            return None
        a, b = s.start + m.start("spk"), s.start + m.end("spk")
        speaker = self._resolve(a, b, si)
        if speaker is None:
            return None
        return speaker, "cue", self.ctx.evidence(a, s.start + m.end("part"))

    def _outer_report(self, q: Quote, s: Span, si: int) -> tuple[str, str, Evidence | None] | None:
        """"X said in a statement that China ... urged the United States to “…”": a quotation
        inside someone's reported words is theirs (X quotes it), not the clause's subject's."""
        m = _REPORTED_THAT.match(self.text[s.start:q.open])
        if m is None or len(m.group("claim").split()) < 3 or not _SPEECH_WORD.search(
                self.folded, s.start + m.end("spk"), s.start + m.start("claim")) \
                or _INNER_REPORT.search(m.group("claim")):
            return None  # "… said Mr Zheng had told Ms Lee that “…”": the inner reporter's
        a, b = self._past_lead_in(s.start + m.start("spk"), s.start + m.end("spk"))
        speaker = self._resolve(a, b, si)  # "Echoing X, Y said …": Y, after the lead-in
        if speaker is None:
            return None
        return speaker, "cue", self.ctx.evidence(a, b)

    def _attribute(self, q: Quote, si: int, short: bool
                   ) -> tuple[str, str, Evidence | None] | None:
        s = self.ctx.sentences[si]
        end_s = self._sentence_end_after(q.close)
        if end_s <= q.close + 1 and self.text[q.close - 1:q.close] in ("?", "!") \
                and re.match(r"[^\S\n]+[a-z]|[^\S\n]+[A-Z][\w’'-]*\s+(?:" + SPEECH + r")\b",
                             self.text[q.close + 1:q.close + 80]):
            # “… from them?” Rabuka said: the splitter ended the sentence at the question mark,
            # its attribution is the next sentence's opening words
            end_s = self._sentence_end_after(q.close + 2)
        elif end_s <= q.close + 1 and self.text[q.close - 1:q.close] == "." and \
                _SAID_ALONE.match(self.text, q.close + 1, self._sentence_end_after(q.close + 2)):
            # “… a safer world.” Hon. Duale said during the briefing.: the sentence after the
            # quotation is only its attribution (a full stop where a comma belongs)
            end_s = self._sentence_end_after(q.close + 2)
        after = self.text[q.close + 1:end_s]
        epigraph = _EPIGRAPH.match(self.text, q.close + 1, min(len(self.text), q.close + 160))
        if epigraph and not self.text[self._paragraph(q.open) + 1:q.open].strip():
            # “…”\n— Name, title (or the name and title alone on the next line): an epigraph
            g = "spk" if epigraph.group("spk") else "line"
            a, b = epigraph.span(g)
            line_people = [m for m in self._mentions(a, b) if self.ctx.cls(m.entity) == "Person"]
            speaker = self._resolve(a, b, si) or self._new_person(a, b) if g == "spk" else \
                (line_people[-1].entity if line_people else None)
            if speaker:
                return speaker, "explicit", self.ctx.evidence(epigraph.start(g) if g == "line"
                                                              else epigraph.start("dash"), b)
        lede = _THAT_WAS.match(self.text, q.close + 1, min(len(self.text), q.close + 200))
        if lede:
            a, b = lede.span("spk")
            at = self.ctx.sentence_of(a)
            speaker = self._resolve(a, b, si if at is None else at)
            if speaker:
                return speaker, "explicit", self.ctx.evidence(a, b)
        m = _SPEECH_AFTER.match(after)
        if m and m.group("spk2") and "," in m.group("spk2") and \
                self.text[q.close - 1] not in ",.!?…" and not re.match(r"\s*[,.!?…—–]", after):
            m = None  # "“…” with X, Y said": the sentence goes on, the speaker is no phrase after it
        if m and m.group("spk2") and _GOES_ON.match(m.group("spk2")):
            m = None  # "had fulfilled “all the commitments” to join NATO and urged …": no speaker
        if m:
            phrase_start = q.close + 1 + (m.start("spk1") if m.group("spk1") else m.start("spk2"))
            phrase = m.group("spk1") or m.group("spk2")
            speaker = self._resolve(phrase_start, phrase_start + len(phrase), si)
            named = self._apposed_person(phrase_start + len(phrase)) if m.group("spk1") else None
            speaker = named or speaker  # "said the spokesman, Wang Wei,": the name
            if speaker:
                return speaker, "explicit", self.ctx.evidence(q.close + 1 + m.start(), q.close + 1 + m.end())
        inverted = self._inverted_reporter(q, s, si)
        if inverted is not None:
            return inverted
        outer = self._outer_report(q, s, si)
        if outer is not None:
            return outer
        lo = s.start
        for m in _WORDS_OF.finditer(self.text, lo, q.open):
            # "to borrow a phrase from X – a “pacific” century", "in the words of X, …": the
            # next quotation (of any length) is X's phrase
            if not self._inside_quote(m.start()) and not any(
                    m.end() <= other.open < q.open for other in self.quotes):
                speaker = self._resolve(m.start("spk"), m.end("spk"), si)
                if speaker:
                    return speaker, "according", self.ctx.evidence(m.start(), m.end("spk"))
        for m in _QUOTED_AS.finditer(self.text, lo, max(end_s, s.end)):
            # "Xinhua quoted Xi as saying: “…”": the one quoted speaks, not the outlet
            if not self._inside_quote(m.start()):
                speaker = self._resolve(m.start("spk"), m.end("spk"), si)
                if speaker:
                    return speaker, "cue", self.ctx.evidence(m.start(), m.end())
        quotes_end = _QUOTES_AT_END.match(after)
        if quotes_end and not _GOES_ON.match(quotes_end.group("spk")):
            a = q.close + 1 + quotes_end.start("spk")
            speaker = self._resolve(a, a + len(quotes_end.group("spk")), si)
            if speaker:
                return speaker, "cue", self.ctx.evidence(q.close + 1 + quotes_end.start(), a + len(quotes_end.group("spk")))
        for m in _ACCORDING.finditer(self.text, lo, max(end_s, s.end)):
            speaker = self._resolve(m.start("spk"), m.end("spk"), si)
            if speaker and not short:
                inner = self._verb_inside(q, s, si) if m.end() < q.open else None
                if inner is not None and inner[0] != speaker:
                    return inner  # "According to the presidency, el-Sisi “reiterated …”": el-Sisi's
                return speaker, "according", self.ctx.evidence(m.start(), m.end())
        found, participle = self._cue_before(q, s, si, short)
        if found is not None and (not participle or found[2] is not None and
                                  _CONTRAST_CLAUSE.search(self.text, s.start, found[2].start)):
            return found  # (a participle after a contrast: its own clause's subject, not the parse's root)
        # A quotation that opens with its subject's verb is the subject's, whoever reports it
        # after ("Netanyahu “expressed his deep regret” over the strike, the White House said").
        # Then the parse (the costly step) only where the cheap rules found nothing, or only the
        # subject of a participle's sentence ("The Russian leader …, adding that “…”").
        return self._verb_inside(q, s, si) or self._parsed_attribution(q, si, short) or found \
            or self._reporter_at_end(q, s, si)

    def _reporter_at_end(self, q: Quote, s: Span, si: int) -> tuple[str, str, Evidence | None] | None:
        """"Zheng made “solemn representations” with Lee, the US envoy, China's foreign ministry
        said.": a sentence closed by ", X said" is X's report, its quoted words X's (of two
        words or more), however many commas the sentence has before the reporter."""
        if len(self.text[q.start:q.end].split()) < 2:
            return None
        m = _REPORTER_AT_END.search(self.text, q.close + 1, s.end)
        if m is None or not _SPEECH_WORD.search(self.folded, m.end("spk"), m.end()):
            return None
        speaker = self._resolve(m.start("spk"), m.end("spk"), si)
        return (speaker, "explicit", self.ctx.evidence(m.start("spk"), m.end())) if speaker else None

    def _verb_inside(self, q: Quote, s: Span, si: int) -> tuple[str, str, Evidence | None] | None:
        """"In a joint statement, the U.S. and the GCC “underscored their commitment …”": the
        quotation opens with the clause's verb (a verb of saying or of a position, in the past),
        so the noun phrase right before the mark is its subject and the speaker."""
        first = re.match(r"\s?([a-z]+)", self.text[q.start:q.start + 30])
        if first is None or first.group(1) not in _QUOTED_VERBS:
            return None
        a, b = self._phrase_span(s.start, q.open)
        last = re.search(r"([\w’'.-]+)\s*$", self.text[a:b])
        if last is None or last.group(1).lower() in _NOT_A_SUBJECT or last.group(1).endswith("ing") \
                or (last.group(1).islower() and last.group(1).endswith("ed")):
            return None  # "to do about “reaffirmed commitments”", "have “agreed …”"
        speaker = self._resolve(a, b, si)
        return (speaker, "cue", self.ctx.evidence(a, b)) if speaker else None

    def _apposed_person(self, at: int) -> str | None:
        """A person named right after a speaker phrase, set off by a comma ("the spokesman,
        Wang Wei")."""
        m = re.match(r",\s+", self.text[at:at + 3])
        if not m:
            return None
        start = at + m.end()
        people = [x for x in self.ctx.between(start, min(len(self.text), start + 60))
                  if x.evidence.start == start and self.ctx.cls(x.entity) == "Person"]
        return people[0].entity if people else None

    def _cue_before(self, q: Quote, s: Span, si: int, short: bool
                    ) -> tuple[tuple[str, str, Evidence | None] | None, bool]:
        """`X said/warned/called …: “…”`: the speaker before a cue, and whether the cue was a
        participle ("saying", "adding")."""
        cues = [c for c in _BEFORE_CUE.finditer(self.folded, s.start, q.open)
                if not self._inside_quote(c.start())
                and (c.group().lower().startswith("call")
                     or not self._adjectival(c.start()))
                and not _PASSIVE_BEFORE.search(self.folded, max(0, c.start() - 20), c.start())]
        if not cues:
            return None, False
        cue = cues[-1]
        as_quote = _AS_QUOTE.fullmatch(self.text, cue.end(), q.open)  # hailed X as "…"
        if not as_quote and (short and not (cue.group("speech") or cue.group("part"))
                             and q.open - cue.end() > 3 or (short and q.open - cue.end() > 60)):
            return None, False
        agent = _AGENT_AS.match(self.text, cue.end(), q.open) if as_quote and cue.group("att") else None
        if agent:  # "a drill condemned by North Korea as a “reckless show”": the one after "by"
            speaker = self._resolve(agent.start("spk"), agent.end("spk"), si)
            return ((speaker, "cue", self.ctx.evidence(cue.start(), agent.end("spk"))) if speaker else None), False
        speaker = self._speaker_before(cue, s, si)
        if speaker:
            return (speaker, "cue", self.ctx.evidence(cue.start(), cue.end())), bool(cue.group("part"))
        return None, False

    def _parsed_attribution(self, q: Quote, si: int, short: bool
                            ) -> tuple[str, str, Evidence | None] | None:
        """The speaker from the dependency parse (see `loaders.extraction.attribution`), in the
        sentence where the quotation opens, then the one where it closes."""
        sis = [si]
        last = self.ctx.sentence_of(max(q.start, q.close - 1))
        if last is not None and last != si:
            sis.insert(0, last)  # "“… several sentences …,” X said": the close speaks first
        spans = [(x.start, x.end) for x in self.quotes]
        for i in sis:
            s = self.ctx.sentences[i]
            outside = [(s.start, max(s.start, min(q.open, s.end))), (max(s.start, q.close), s.end)]
            if not any(_DEP_CUE.search(self.folded, a, b) for a, b in outside if b > a):
                continue  # no verb of saying outside the quotation: spare the parser
            found = attribution.attribute(parse_of(self.ctx, i), s.start, q.start, q.end, spans)
            if found is None or (short and not (found.governing or found.saying)):
                continue
            if self._adjectival(found.cue_start):
                continue  # "Beijing’s stated ambitions": an adjective the parse took for a verb of saying
            speaker = self._resolve(found.speaker_start, found.speaker_end, i)
            if speaker:
                how = "explicit" if found.after else "cue"
                return speaker, how, self.ctx.evidence(min(found.speaker_start, found.cue_start),
                                                       max(found.speaker_end, found.cue_end))
        return None

    def _adjectival(self, cue: int) -> bool:
        """Whether the word of saying at `cue` follows a possessive or an article ("Beijing's
        stated aims", "the declared goal"): an adjective, not a verb."""
        return _ADJECTIVAL.search(self.text, max(0, cue - 8), cue) is not None

    def _speaker_before(self, cue: re.Match[str], s: Span, si: int) -> str | None:
        start = self.ctx.sentences[si].start
        head = self.text[start:cue.start()]
        if cue.group("part"):
            with_np = re.search(r"\bwith\s+([^,]+?)\s*$", head)
            if with_np:
                a = start + with_np.start(1)
                return self._resolve(a, a + len(with_np.group(1)), si)
            clauses = list(_CONTRAST_CLAUSE.finditer(head))
            found = self._subject(start + clauses[-1].end(), cue.start(), si) if clauses else None
            found = found or self._subject(start, cue.start(), si)
            if found is None and re.match(r"\s*(?:He|She)\b", head):
                found = self._last_person(start)  # "He noted …, adding, “…”"
            return found
        # The noun phrase before the verb: back to the last clause boundary.
        cut = max(head.rfind(", "), head.rfind("; "), head.rfind(": "), head.rfind("” "), head.rfind('" '))
        phrase_start = start + (cut + 2 if cut >= 0 else 0)  # also after a quotation's close
        if re.fullmatch(r"\s*(?:and\s+|also\s+|has\s+|have\s+|had\s+)*\s*", head[cut + 2:] if cut >= 0 else head):
            phrase_start = start
        return self._relative_person(start, cue.start()) or self._resolve(phrase_start, cue.start(), si) \
            or self._subject(start, cue.start(), si)

    def _relative_person(self, lo: int, verb: int) -> str | None:
        """"… Salvadoran President Nayib Bukele, who proposed …": the person named right before
        ", who", not the subject of the sentence the relative clause sits in."""
        who = _WHO_BEFORE.search(self.text, lo, verb)
        if who is None:
            return None
        people = [m for m in self._mentions(lo, who.start()) if m.evidence.end == who.start()
                  and self.ctx.cls(m.entity) == "Person"]
        return people[0].entity if people else None

    def _subject(self, lo: int, hi: int, si: int) -> str | None:
        """The first person named in text[lo:hi] outside quotes, else the first actor."""
        ms = [m for m in self._mentions(lo, hi) if not self._inside_quote(m.evidence.start)
              and not self._in_byline(m.evidence.start)]
        return self._first_actor(ms)

    def _in_byline(self, at: int) -> bool:
        return any(a <= at < b for a, b in self.bylines)

    def _first_actor(self, ms: list[Mention]) -> str | None:
        """A person named among the mentions wins over an organisation or government."""
        for m in ms:
            if self.ctx.cls(m.entity) == "Person":
                return m.entity
        for m in ms:
            if self.ctx.cls(m.entity) in ACTORS:
                return m.entity
        return None

    # --- speaker phrases ------------------------------------------------------------------

    def _resolve(self, lo: int, hi: int, si: int, context_end: int | None = None) -> str | None:
        """The entity a speaker phrase text[lo:hi] stands for (see the module docstring).
        `context_end`: where the text before the phrase that may name its country ends."""
        found = self._resolve_phrase(lo, hi, si, context_end)
        if found is not None and self.ctx.cls(found) == "Organisation" and not self._is_outlet(found) \
                and _STATE_BODY.search(self._label(found)):
            # "A spokesman for the Eastern Theater Command of the Chinese People's Liberation Army":
            # a state's body speaks for the one country its phrase names
            countries = {m.entity for m in self._mentions(lo, hi) if self.ctx.cls(m.entity) == "Country"}
            countries |= {self.ctx.service_country[m.entity] for m in self._mentions(lo, hi)
                          if m.entity in self.ctx.service_country}  # "… of the Norwegian Armed Forces"
            if len(countries) == 1:
                found = countries.pop()
            elif not countries and found in self.body_country:
                # "the Southern Theater Command accused …" after "The Chinese military's Southern
                # Theater Command said": the body goes on speaking for that country
                found = self.body_country[found]
        if found is not None and self.ctx.cls(found) != "Country" and \
                _NAMED_DOCUMENT.search(self._label(found)):
            found = self._named_document_owner(found, lo)
        if found is not None and _GOVERNMENT.search(self.text, lo, hi) and self.ctx.cls(found) == "Country":
            self.government = found  # "…, the government confirmed": the article's government
        if found is not None and self.ctx.cls(found) == "Country":
            for m in self._mentions(lo, hi):  # "The Chinese military's Southern Theater Command"
                if self.ctx.cls(m.entity) == "Organisation" and _STATE_BODY.search(self._label(m.entity)):
                    self.body_country.setdefault(m.entity, found)
        return found

    def _resolve_phrase(self, lo: int, hi: int, si: int, context_end: int | None = None) -> str | None:
        phrase = self.text[lo:hi].strip()
        connective = _LEADING_CONNECTIVE.match(phrase)
        if connective and connective.end() < len(phrase):
            # "However, the Russian official added": the connective is no part of the speaker
            lo = lo + self.text[lo:hi].index(phrase) + connective.end()
            phrase = self.text[lo:hi].strip()
        adverb = _TRAILING_ADVERB.search(phrase)
        if adverb and adverb.start() > 0:
            # "the Israeli prime minister already pledged": the adverb is no part of the speaker
            hi = lo + self.text[lo:hi].index(phrase) + adverb.start()
            phrase = self.text[lo:hi].strip()
        if not phrase:
            return None
        if _KIN_OF.match(phrase):
            return None  # "The powerful sister of North Korean leader Kim Jong Un": not Kim Jong Un
        office = _PERSONS_OFFICE.fullmatch(phrase)
        if office:
            # "Yoon's office said": a leader's office speaks for the country the leader holds office in
            ms = [m for m in self._mentions(lo, hi) if self.ctx.cls(m.entity) == "Person"]
            if len(ms) == 1:
                held = {c for c in self.sides.offices.get(ms[0].entity, set()) if self.ctx.cls(c) == "Country"}
                return held.pop() if len(held) == 1 else ms[0].entity
        around = [m for m in self.ctx.between(max(0, lo - 40), hi) if m.evidence.start < lo < m.evidence.end
                  and self.ctx.cls(m.entity) == "Person"
                  and not _SPEECH_WORD.fullmatch(fold(self.text[m.evidence.start:lo].strip()))]  # ("Said Putin:")
        if around:  # the parse cut a name: "Col. Sami | Ud Dowla Chowdhury told"
            return around[0].entity
        role_of = _ROLE_OF.fullmatch(phrase)
        if role_of:
            # "The President of the European Council praised …": the person the text named right
            # after that title before ("the President of the European Council António Costa")
            # ("the president of Somalia": else the person titled with that country before,
            # "Somali President Hassan Sheikh Mohamud")
            person = self._person_after_title(role_of.group("title"), lo) or self._person_of_country(lo, hi)
            if person:
                return person
        if _PRONOUN.match(phrase):
            if self._after_unknown_speaker(lo):
                return None  # "Sandu said …. She added": not the person named before Sandu
            before = self.sentence_speaker.get(si - 1) if si > 0 else None
            if before is not None and self.ctx.cls(before) == "Person" and self.last_quote is not None \
                    and before != self.last_quote[1] and self.last_quote[0] < self.ctx.sentences[si - 1].start \
                    and _QUOTE_ALONE.fullmatch(self.text, self.ctx.sentences[si].start, lo):
                # "In his address, Xi criticized …. “…,” he said": the one who spoke in the
                # sentence before, not the speaker of an earlier quotation
                return before
            if self.last_quote is not None and self.ctx.cls(self.last_quote[1]) == "Person" and not any(
                    self.ctx.cls(m.entity) == "Person" and not self._inside_quote(m.evidence.start)
                    and not self._in_attribution_of_last_quote(m.evidence.start, lo)
                    for m in self.ctx.between(self.last_quote[0], lo)):
                return self.last_quote[1]  # "he said" right after the last speaker's quotation
            before = self.sentence_speaker.get(si - 1) if si > 0 else None
            if before is not None and self.ctx.cls(before) == "Person" \
                    and _QUOTE_ALONE.fullmatch(self.text, self.ctx.sentences[si].start, lo):
                # "X said after meeting Y that …. He called on …" (or "“…,” he said"): the
                # subject of the sentence before, which reported X's words, goes on (not the
                # last person it named)
                return before
            if si > 0 and _QUOTE_MARK.search(self.text, self.ctx.sentences[si].start, lo) \
                    and _QUOTE_ALONE.fullmatch(self.text, self.ctx.sentences[si].start, lo):
                subject = self._subject_person(si - 1)
                if subject:  # "Belousov congratulated Kholmukhamedov …. “…,” he said": Belousov
                    return subject
            return self._last_person(lo) or self._missed_person_before(lo)
        role = _SPOKESPERSON.match(phrase)
        if role:
            named = self._person_with_role(role.group("role"), lo)
            if named:  # "Dmitry Peskov, spokesman for …" then "a Kremlin spokesman said"
                return named
        if _ANAPHOR.match(phrase) or phrase.lower() in ("they",):
            head = phrase.split()[-1].lower().rstrip("s")
            institution = head in ("ministry", "government", "they", "source", "office")
            person_spoke = self.last_speaker is not None and self.ctx.cls(self.last_speaker) == "Person"
            if institution and person_spoke and head in ("ministry", "government"):
                # "Blinken said …. Papua New Guinea officials released a statement. “…,” the
                # government said": no person is a government, the actor named just before is
                actor = self._last_actor(lo)
                if actor:
                    return actor
            if self.last_speaker and (institution or person_spoke):
                return self.last_speaker
            if institution:
                return self._last_actor(lo) if head != "source" else None
            # "the minister said" before anyone was quoted: the person titled so, else named last
            titled = self._person_after_title(head, lo) or self._surname_after_title(head, lo)
            if titled:
                return titled
            if head in ("official", "diplomat") and self.last_speaker and not person_spoke \
                    and self._unnamed_official_spoke(lo):
                # "…,” said a senior EU official. … The official said": the side it speaks for
                return self.last_speaker
            return self._last_person(lo)
        if _ROLE.match(phrase) and not any(self.ctx.cls(m.entity) == "Person" for m in self._mentions(lo, hi)):
            title = re.sub(r"^(?:the|a|an)\s+(?:(?:former|outgoing|incoming|new|top|veteran)\s+)?", "",
                           phrase, flags=re.I)
            person = self._person_after_title(title, lo) or self._surname_after_title(title, lo) \
                or self._name_after_title(title, lo) or self._person_of_country(lo, hi) \
                or self._only_person_after_bare_title(title, lo) or self._last_person(lo)
            # "the foreign secretary": the person written after "Foreign Secretary" before, else
            # "the Russian leader": the person named before
            if person:
                return person
        if phrase.lower() == "it" and self.last_speaker and self.ctx.cls(self.last_speaker) != "Person":
            return self.last_speaker  # "It added that …": the ministry or government just quoted
        if phrase.lower() == "it":
            return self._last_actor(lo)  # "The foreign ministry issued a statement. “…,” it said"
        known = self._known_surname(phrase) or self._apposed_title(lo, hi)
        if known:
            return known
        outlet = self._outlet(lo, hi)
        if outlet:
            return outlet
        in_phrase = self._mentions(lo, hi)
        group = _N_PARTIES.search(phrase)
        if group and not any(self.ctx.cls(m.entity) == "Person" for m in in_phrase):
            # "the joint statement of the three states' leaders": the alliance the article makes
            # exactly that many countries members of
            n = group.group("n").lower()
            count = int(n) if n.isdigit() else _NUMBER_WORDS.index(n) + 2
            fits = [org for org, members in self.members.items() if len(members) == count]
            if len(fits) == 1:
                return fits[0]
        countries = {m.entity for m in in_phrase if self.ctx.cls(m.entity) == "Country"}
        if len(countries) >= 2 and all(self.ctx.cls(m.entity) == "Country" for m in in_phrase) \
                and re.search(r",|\band\b", phrase):
            # "Leaders of A, B and C said": the one alliance whose members (by the article's
            # facts) are exactly A, B and C speaks for them together
            fits = [org for org, members in self.members.items() if members == countries]
            if len(fits) == 1:
                return fits[0]
        ms = [m for m in self._mentions(lo, hi) if not self._in_byline(m.evidence.start)]
        if len([m for m in ms if self.ctx.cls(m.entity) == "Person"]) > 1:
            # "Brenner's spokesperson, Kari Nilsen,": the possessor does not speak
            ms = [m for m in ms if self.ctx.cls(m.entity) != "Person"
                  or not _POSSESSIVE_AFTER.match(self.text, m.evidence.end)] or ms
        if ms and not any(self.ctx.cls(m.entity) == "Person" for m in ms):
            titled = self._titled_surname(lo, hi) or self._possessed_surname(lo, hi)
            # "Chinese Foreign Minister Wang", "Fiji's Rabuka": the person, not the country
            if titled:
                return titled
        actor = self._first_actor(ms)
        if actor is not None:
            return actor
        for m in ms:  # "officials in Beijing": the government of the capital
            country = self._country_of_place(m.entity)
            if country:
                return country
        if not ms:
            metonym = self._ambiguous_actor(lo, hi)
            if metonym:
                return metonym
        owner = self._document_owner(phrase)
        if owner:
            return owner
        titled = self._titled_person(phrase, lo)
        if titled:
            return titled
        document = _DOCUMENT.match(phrase)
        if document:
            return self._last_document_owner(lo, document.group("head"),
                                             definite=bool(re.match(r"(?i)th(?:e|is|at)\s", phrase)))
        person = self._new_person(lo, hi) or self._titled_surname(lo, hi)
        if person:
            return person
        if self.government is not None and _THE_GOVERNMENT.match(phrase):
            # "the government confirmed" (Hungary) … "“…,” the government spokesman's office
            # told ANSA": the government the article already spoke of, not the country named last
            return self.government
        if _OFFICIAL.search(phrase):
            start = self.ctx.sentences[max(0, si - 1)].start
            prior = [m for m in self._mentions(start, lo if context_end is None else context_end)
                     if self.ctx.cls(m.entity) == "Country" and not self._inside_quote(m.evidence.start)]
            if prior:
                return prior[-1].entity
        recurring = self._recurring_name(lo, hi) or self._known_alone(lo, hi)
        if recurring:
            return recurring
        if _BARE_NAME.fullmatch(phrase):
            self.unknown_speaker_at = max(self.unknown_speaker_at, lo)  # "Sandu" links to no one
        return None

    def _unnamed_official_spoke(self, at: int) -> bool:
        """Whether the last quotation or claim before `at` was put in an unnamed official's mouth
        ("said a senior EU official", "a Kremlin spokesman said"): its attribution says so."""
        if self.last_attribution is None or self.last_attribution.end > at:
            return False
        return _UNNAMED_OFFICIAL.search(self.last_attribution.quote) is not None

    def _ambiguous_actor(self, lo: int, hi: int) -> str | None:
        """A name that needs context to count ("Washington", "Wellington", "Turkey"), standing
        alone as the subject of a verb of saying (or with officials: "officials in Washington"):
        a capital speaks for its government, a country for itself ("“…,” Washington said" where
        the United States is named nowhere else)."""
        phrase = self.text[lo:hi].strip()
        if not phrase:
            return None
        a = lo + self.text[lo:hi].index(phrase)
        officials = _OFFICIALS_IN.match(phrase)  # "officials in Washington", "Washington officials"
        if officials:
            g = "place" if officials.group("place") else "place2"
            a, phrase = a + officials.start(g), officials.group(g)
        for h in matcher(self.ctx.gazetteer).find(self.text, a, a + len(phrase)):
            if not h.ambiguous or (h.start, h.end) != (a, a + len(phrase)):
                continue
            entry = self.ctx.gazetteer.entries.get(h.slug)
            slug = self.capitals.get(h.slug) if entry is not None and entry.cls == "Place" else h.slug
            if slug is None or self.ctx.gazetteer.entries[slug].cls not in ("Country", "InternationalOrganisation"):
                continue
            self.ctx.entities.setdefault(slug, self.ctx.gazetteer.entity(slug))
            self.ctx.add_mention(Mention(slug, self.ctx.evidence(h.start, h.end), "metonym" if slug != h.slug
                                         else h.kind))
            return slug
        return None

    def _recurring_name(self, lo: int, hi: int) -> str | None:
        """A lone capitalised word the model did not know, which the text uses as a sentence's
        subject at least twice ("Sandu stressed …", "Sandu believes …", then "…,” Sandu said"):
        a person called by the surname alone (an excerpt that cut the first, full mention), unless
        it is a news outlet ("Xinhua said …")."""
        m = _LONE_NAME.fullmatch(self.text[lo:hi].strip())
        if not m:
            return None
        name = m.group("name")
        if name in NOT_NAME or name in _OUTLETS or _SPEECH_WORD.fullmatch(fold(name)) or self.ctx.between(lo, hi):
            return None
        starts = re.findall(r"(?:^|[.!?]\s+|\n\s*)" + re.escape(name) + r"(?:,|\s+[a-z]+\b)", self.text)
        if len(starts) < 2:
            return self._full_name_of(name)
        at = self.text.index(name, lo, hi)
        return self._person(at, at + len(name))

    def _full_name_of(self, name: str) -> str | None:
        """A lone capitalised word the model did not know as a speaker ("…,” Subianto said"),
        which the text also writes after a first name ("as Prabowo Subianto prepares …") and
        takes up with "who" ("Subianto, who is serving …"): the person named in full there."""
        if not re.search(r"(?<![\w’'-])" + re.escape(name) + r",?\s+who\s", self.text):
            return None
        for full in re.finditer(r"(?<![\w’'.-])(?P<first>[A-Z][a-z][\w’'-]+)\s+" + re.escape(name) + r"(?![\w’'-])",
                                self.text):
            first = full.group("first")
            if first in NO_NAME or first in _BODY_WORDS or self._inside_quote(full.start()) \
                    or _SPEECH_WORD.fullmatch(fold(first)) \
                    or any(self.ctx.cls(m.entity) != "Person" for m in self.ctx.between(full.start(), full.end())):
                continue
            return self._person(full.start(), full.end())
        return None

    def _person_with_role(self, role: str, at: int) -> str | None:
        """The last person named (in the three sentences before `at`) right next to `role`:
        "X, spokesman for …", "spokesman X"."""
        si = self.ctx.sentence_of(at) or 0
        lo = self.ctx.sentences[max(0, si - 3)].start
        found = None
        for m in self.ctx.between(lo, at):
            if self.ctx.cls(m.entity) != "Person" or self._inside_quote(m.evidence.start):
                continue
            near = self.text[max(lo, m.evidence.start - 30):min(at, m.evidence.end + 30)].lower()
            if role.lower() in near:
                found = m.entity
        return found

    def _in_attribution_of_last_quote(self, at: int, lo: int) -> bool:
        """Whether `at` lies in the rest of the sentence that closes the last quotation, and
        `lo` in a later paragraph: "“…,” Lund said after meeting Ruiz, who …" then "“…,” he
        said" — a person named in the attribution's tail is no speaker the pronoun takes up."""
        if self.last_quote is None:
            return False
        close = self.last_quote[0]
        si = self._sentence_of(close)
        return si is not None and si == self._sentence_of(at) and at > close \
            and self._paragraph(lo) != self._paragraph(close)

    def _after_unknown_speaker(self, at: int) -> bool:
        """Whether a speaker named by a name that links to no one came after the last person
        named before `at`: a pronoun then most likely stands for that unknown speaker."""
        if self.unknown_speaker_at < 0:
            return False
        people = [m.evidence.start for m in self.ctx.between(0, at) if self.ctx.cls(m.entity) == "Person"]
        return not people or people[-1] < self.unknown_speaker_at

    def _known_surname(self, phrase: str) -> str | None:
        """"Mr. Gavan", "Haavisto": the one person of the article with that last name."""
        m = re.fullmatch(r"(?:" + _HONORIFIC + r"\.?\s+)?([A-Z][\w’'-]+)", phrase.strip())
        if not m:
            return None
        people = [e for e in self.ctx.entities.values() if e.cls == "Person" and " " in e.label
                  and not _SPEECH_WORD.fullmatch(fold(e.label.split()[0]))]  # not "Said Putin"
        found = {e.slug for e in people if e.label.split()[-1] == m.group(1)} or \
            {e.slug for e in people if _unaccented(e.label.split()[-1]) == m.group(1)}
        # ("Guler added" after Yaşar Güler: English copy often drops the accents)
        if len(found) == 1:
            return found.pop()
        label = known_surnames(self.ctx.gazetteer).get(m.group(1)) if not found else None
        if label is None and not found:
            return self._misspelt_surname(m.group(1)) or self._family_name_first(phrase, m.group(1))
        if label is None:
            return None  # "Stoltenberg told reporters" before any full name: the one gazetteer person
        slug = slugify(label)
        self.ctx.entities.setdefault(slug, self.ctx.gazetteer.entity(slug))
        return slug

    def _known_alone(self, lo: int, hi: int) -> str | None:
        """A lone capitalised word that is the whole label of a person already found by surname
        ("Defence Secretary Marles", then "Marles said"): that person."""
        m = _LONE_NAME.fullmatch(self.text[lo:hi].strip())
        if m is None or not any(e.cls == "Person" and e.label == m.group("name")
                                for e in self.ctx.entities.values()):
            return None
        a = lo + self.text[lo:hi].index(m.group("name"))
        return self._person(a, a + len(m.group("name")))

    def _apposed_title(self, lo: int, hi: int) -> str | None:
        """"said Haddad, the foreign minister" / "Haddad, Lebanon's foreign minister, said": a
        lone capitalised word with a person's title set off after it is a person's surname."""
        phrase = self.text[lo:hi]
        m = _LONE_NAME_ROLE.fullmatch(phrase.strip())
        full = _FULL_NAME_ROLE.fullmatch(phrase.strip()) if m is None else None
        if full is not None and not any(
                w in NO_NAME or w in _BODY_WORDS or w in _PLACE_HEADS
                for w in full.group("name").split()):
            a = lo + phrase.index(full.group("name"))
            if not self._mentions(a, a + len(full.group("name"))):
                return self._person(a, a + len(full.group("name")))
        if m is None:
            m = _LONE_NAME.fullmatch(phrase.strip())
            if m is None or not _APPOSED_ROLE.match(self.text, hi):
                return None
        a = lo + phrase.index(m.group("name"))
        return self._surname_person(a, a + len(m.group("name")))

    def _named_document_owner(self, slug: str, at: int) -> str | None:
        """"The Samarkand Declaration … underlined that", "the declaration states" (after "the
        Samarkand Declaration of the SCO Council of Heads of State"): a document speaks for the
        organisation that issues it, the one its name holds, else the one named last in the
        three sentences before (outside quotations); none if there is none."""
        label = self.ctx.entities[slug].label
        hits = {h.slug for h in matcher(self.ctx.gazetteer).find(label, 0, len(label))
                if self.ctx.gazetteer.entity(h.slug).cls in _ORGS}
        if len(hits) == 1:
            owner = hits.pop()
            self.ctx.entities.setdefault(owner, self.ctx.gazetteer.entity(owner))
            return owner
        si = self.ctx.sentence_of(at) or 0
        before = [x for x in self.ctx.between(self.ctx.sentences[max(0, si - 3)].start, at)
                  if self.ctx.cls(x.entity) in _ORGS and not self._inside_quote(x.evidence.start)]
        return before[-1].entity if before else None

    def _outlet(self, lo: int, hi: int) -> str | None:
        """"the Times of India notes", "the Washington Post reported": a publication speaks,
        named by a newspaper's head word, not the country or city its name holds."""
        m = _OUTLET_NAME.fullmatch(self.text, lo, hi)
        if m is None:
            return None
        a, b = m.span("name")
        inside = self._mentions(a, b)
        whole = [x for x in inside if (x.evidence.start, x.evidence.end) == (a, b)]
        if whole:
            return whole[0].entity if self.ctx.cls(whole[0].entity) not in ("Person", "Country") else None
        if any(self.ctx.cls(x.entity) == "Person" for x in inside):
            return None
        slug = slugify(m.group("name"))
        entry = self.ctx.gazetteer.entries.get(slug)
        self.ctx.entities.setdefault(slug, self.ctx.gazetteer.entity(slug) if entry
                                     else Entity(slug, m.group("name"), "Organisation"))
        self.ctx.add_mention(Mention(slug, self.ctx.evidence(a, b), "name"))
        return slug

    def _label(self, slug: str) -> str:
        """The label of an entity of the article ("" for a slug it does not hold)."""
        return self.ctx.entities[slug].label if slug in self.ctx.entities else ""

    def _is_outlet(self, slug: str) -> bool:
        """A news agency or newspaper (by its label: "the Associated Press", "Xinhua News
        Agency", "the Washington Post")."""
        label = self._label(slug)
        return bool(_OUTLET_NAME.fullmatch(label) or _NEWS_BODY.search(label)
                    or any(w in _OUTLETS for w in label.split()) and len(label.split()) <= 3)

    def _family_name_first(self, phrase: str, name: str) -> str | None:
        """"quoted Xi as saying" after Xi Jinping: a lone name that is the first word of the
        label of exactly one person of the article (a family name written first); never after
        a courtesy title ("Mr Xi" is found as a surname is)."""
        if phrase.strip() != name or name in _NO_PERSON or _SPEECH_WORD.fullmatch(fold(name)):
            return None
        found = {e.slug for e in self.ctx.entities.values()
                 if e.cls == "Person" and len(e.label.split()) >= 2 and e.label.split()[0] == name}
        return found.pop() if len(found) == 1 else None

    def _misspelt_surname(self, name: str) -> str | None:
        """The one person of the article whose last name is `name` with two neighbouring
        letters swapped (a typing slip: "Kyriakos Mistotakis", then "Mitsotakis said")."""
        if len(name) < 5:
            return None
        found = {e.slug for e in self.ctx.entities.values()
                 if e.cls == "Person" and " " in e.label and _swapped(e.label.split()[-1], name)}
        return found.pop() if len(found) == 1 else None

    def _new_person(self, lo: int, hi: int) -> str | None:
        """A name the model missed in a speaker phrase ("said Ana Ruiz"): two or three
        capitalised words, after any title ("Foreign Minister")."""
        for m in _NAME.finditer(self.text, lo, hi):
            words = m.group().split()
            while words and (words[0].strip("’'.,") in NO_NAME or words[0] in RANKS and len(words) > 2):
                words = words[1:]  # (and a rank without its full stop: "Col Ronald Rwivanga")
            if 2 <= len(words) <= 4 and not any(w in NOT_NAME or w in _BODY_WORDS for w in words):
                start = m.end() - len(" ".join(words))
                if self.text[start:m.end()] == " ".join(words):
                    return self._person(start, m.end())
        return None

    def _possessed_surname(self, lo: int, hi: int) -> str | None:
        """"Fiji's Rabuka" (a country's, then one capitalised word no entity covers, ending the
        phrase): a person called by the surname, not the country."""
        phrase = self.text[lo:hi].rstrip()
        m = re.search(r"['’]s\s+(?P<name>" + _SURNAME + r")$", phrase)
        if m is None:
            return None
        a, b = lo + m.start("name"), lo + m.end("name")
        owner = [x for x in self._mentions(lo, lo + m.start()) if x.evidence.end == lo + m.start()]
        if not owner or self.ctx.cls(owner[-1].entity) not in ("Country", "Place") or self._mentions(a, b):
            return None
        return self._surname_person(a, b)

    def _titled_surname(self, lo: int, hi: int) -> str | None:
        """"Foreign Minister Wang", "Defence Secretary Marles" (a title and one capitalised
        word ending the phrase): the person of the article with that surname, else a person
        named by it (wire copy often gives only the surname after the title)."""
        m = _TITLED_SURNAME.search(self.text, lo, hi)
        if m is None or self.text[m.end():hi].strip():
            return None
        return self._surname_person(m.start("name"), m.end("name"))

    def _surname_after_title(self, title: str, at: int) -> str | None:
        """"the President" -> the surname written after the last "President" before `at`
        ("President Okonkwo spoke …"), when no known person follows that title."""
        found = None
        pattern = r"\b(?i:" + re.escape(title) + r")\s+(?P<name>" + _SURNAME + r")"
        for hit in re.finditer(pattern, self.text[:at]):
            name = re.sub(r"[’']s?$", "", hit.group("name"))
            if not self._inside_quote(hit.start()) and name not in NO_NAME and name not in _BODY_WORDS:
                found = hit  # not "Secretary General" after "Secretary Blinken"
        return self._surname_person(found.start("name"), found.end("name")) if found else None

    def _titled_countries(self, person: str) -> frozenset[str]:
        """The countries the text names right before a person, with only a title between
        ("South Korean President Lee Jae-myung", "his Iranian counterpart Masoud Pezeshkian",
        "Philippine National Security Advisor Eduardo Ano"): the country it speaks for."""
        if person in self.titled_cache:
            return self.titled_cache[person]
        found: set[str] = set()
        if self.ctx.cls(person) == "Person":
            for m in self.ctx.mentions:
                if m.entity != person or self._inside_quote(m.evidence.start):
                    continue
                for x in self.ctx.between(max(0, m.evidence.start - 50), m.evidence.start):
                    between = self.text[x.evidence.end:m.evidence.start]
                    if self.ctx.cls(x.entity) == "Country" and _TITLE_BETWEEN.fullmatch(between):
                        found.add(x.entity)
        self.titled_cache[person] = frozenset(found)
        return self.titled_cache[person]

    def _person_of_country(self, lo: int, hi: int) -> str | None:
        """"the Iranian president" (a role with a country's name or demonym): the last person
        before it that the text titled with that country ("Iranian President Masoud
        Pezeshkian", "Iran's president, Masoud Pezeshkian") or that holds an office in it."""
        countries = {m.entity for m in self._mentions(lo, hi) if self.ctx.cls(m.entity) == "Country"}
        if not countries:
            return None
        found = None
        for m in self.ctx.between(0, lo):
            if self.ctx.cls(m.entity) != "Person" or self._inside_quote(m.evidence.start):
                continue
            # (only through a title: "India's interests”, Foreign Secretary Vikram Misri said" is no
            # Indian title of Misri's)
            if countries & (self._titled_countries(m.entity) | self.sides.offices.get(m.entity, set())):
                found = m.entity
        return found

    def _name_after_title(self, title: str, at: int) -> str | None:
        """"the King" -> the name the model missed, written after the last "King" before `at`
        ("King Harald V addressed …"): one to three capitalised words, a regnal number kept,
        that no entity covers (a name of a place or body after the title is no one)."""
        found = None
        pattern = r"\b(?i:" + re.escape(title) + r")\s+(?P<name>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){0,2}" \
            r"(?:\s+[IVX]{1,4}\b)?)(?![\w’'-])"
        for hit in re.finditer(pattern, self.text[:at]):
            words = hit.group("name").split()
            if not self._inside_quote(hit.start()) and not any(
                    w in _NO_PERSON or w in _PLACE_HEADS for w in words):
                found = hit
        if found is None or self.ctx.between(found.start("name"), found.end("name")):
            return None
        return self._person(found.start("name"), found.end("name"))

    def _surname_person(self, a: int, b: int) -> str | None:
        """The person called text[a:b] (one capitalised word, a possessive dropped)."""
        name = re.sub(r"[’']s?$", "", self.text[a:b])
        b = a + len(name)
        if len(name) < 3 or name in _NO_PERSON or _SPEECH_WORD.fullmatch(fold(name)):
            return None
        if any(self.ctx.cls(x.entity) != "Person" for x in self.ctx.between(a, b)):
            return None  # "President Biden" is known; "Minister Jakarta" is no one
        known = self._known_surname(name)
        if known:
            return known
        return self._written_in_full(name) or self._person(a, b)

    def _written_in_full(self, name: str) -> str | None:
        """A surname the text also writes after one first name ("Mr Rabuka said", and
        "Sitiveni Rabuka became …" where the model knew neither): the person named in full, when
        the text writes only one such full name."""
        found = set()
        hits = []
        for full in re.finditer(r"(?<![\w’'.-])(?P<first>[A-Z][a-z][\w’'-]+)\s+" + re.escape(name) + r"(?![\w’'-])",
                                self.text):
            first = full.group("first")
            if first in NO_NAME or first in _BODY_WORDS or self._inside_quote(full.start()) \
                    or _SPEECH_WORD.fullmatch(fold(first)) or re.fullmatch(_DATE_WORD, first) \
                    or any(self.ctx.cls(m.entity) != "Person" for m in self.ctx.between(full.start(), full.end())):
                continue
            found.add(first)
            hits.append(full)
        if len(found) != 1:
            return None
        return self._person(hits[0].start(), hits[0].end())

    def _person_after_title(self, title: str, at: int) -> str | None:
        """The person named right after the last "<title>" (any case) before `at`."""
        found = None
        for hit in re.finditer(r"\b" + re.escape(title) + r"\s+", self.text[:at], re.I):
            after = [x for x in self.ctx.between(hit.end(), hit.end() + 60)
                     if x.evidence.start == hit.end() and self.ctx.cls(x.entity) == "Person"]
            found = after[0].entity if after else found
        return found

    def _only_person_after_bare_title(self, title: str, at: int) -> str | None:
        """"the NATO Secretary-General" after "says Secretary-General Jens Stoltenberg": the
        title without the body's name before it, when exactly one person is written right
        after it before `at` (outside quotations), and no other country is known to be theirs."""
        bare = _QUALIFIED_TITLE.fullmatch(title)
        if bare is None or not _ROLE.match("the " + bare.group("bare")):
            return None
        body = bare.group("body").strip()
        countries = {h.slug for h in matcher(self.ctx.gazetteer).find(body, 0, len(body))
                     if self.ctx.gazetteer.entity(h.slug).cls == "Country"}
        found: set[str] = set()
        for hit in re.finditer(r"\b" + re.escape(bare.group("bare")) + r"\s+", self.text[:at], re.I):
            if self._inside_quote(hit.start()):
                continue
            found.update(x.entity for x in self.ctx.between(hit.end(), hit.end() + 60)
                         if x.evidence.start == hit.end() and self.ctx.cls(x.entity) == "Person")
        if len(found) != 1:
            return None
        person = found.pop()
        known = self._titled_countries(person) | self.sides.offices.get(person, set())
        if countries and known and not known & countries:
            return None  # "the Russian foreign minister" is not "Chinese Foreign Minister Wang Yi"
        # ("the Indian prime minister" after "Prime Minister Narendra Modi", titled with no country:
        # the one person the text wrote after that title)
        return person

    def _titled_person(self, phrase: str, at: int) -> str | None:
        """"the outgoing Secretary of Defense" -> the person named earlier after that title."""
        m = _TITLE.match(phrase)
        if not m:
            return None
        title = m.group("title")
        for hit in re.finditer(re.escape(title) + r"\s+", self.text[:at]):
            after = [x for x in self.ctx.between(hit.end(), hit.end() + 60)
                     if x.evidence.start == hit.end() and self.ctx.cls(x.entity) == "Person"]
            if after:
                return after[0].entity
        return None

    def _last_document_owner(self, at: int, head: str = "", definite: bool = False) -> str | None:
        """"the document" -> X of the last "X's [year] Capitalised Name" before it, else the
        actor the text makes issue it ("NATO leaders adopted a declaration that …", "Norway
        issued a statement. … the statement said"), else the last speaker if an organisation,
        else the organisation named last before it (documents are issued by organisations)."""
        si = self.ctx.sentence_of(at) or 0
        lo = self.ctx.sentences[max(0, si - 3)].start
        before = [x for x in self.ctx.between(lo, at) if not self._inside_quote(x.evidence.start)]
        for x in reversed(before):
            if self.ctx.cls(x.entity) in ACTORS and re.match(
                    r"['’]s\s+(?:\d{4}\s+)?[A-Z][a-z]", self.text[x.evidence.end:x.evidence.end + 12]):
                return x.entity
        issuer = self._issuer(si, at, head, definite) if head else None
        if issuer:
            return issuer
        if self.last_speaker and self.ctx.cls(self.last_speaker) != "Person":
            return self.last_speaker  # "X said in a communique …. According to the communique"
        for x in reversed(before):
            if self.ctx.cls(x.entity) in ("Alliance", "InternationalOrganisation"):
                return x.entity
        return None

    def _issuer(self, si: int, at: int, head: str, definite: bool = False) -> str | None:
        """The first actor named (outside quotations) in the sentence of a document phrase
        before it, else in the last of the three sentences before that names the document's
        kind ("statement", "declaration"): the actor that issues it. A definite phrase ("the
        statement") refers back: a sentence before that names the kind comes first, and with
        none in the three before, the last earlier sentence (of forty) whose reporter said something "in
        a statement" issued it."""
        word = re.compile(r"\b" + re.escape(head.lower()) + r"s?\b")
        same: str | None = None
        for k in range(si, max(-1, si - 4), -1):
            if k == si and definite:
                s = self.ctx.sentences[k]
                actors = [m for m in self.ctx.between(s.start, min(s.end, at)) if self.ctx.cls(m.entity) in ACTORS
                          and not self._inside_quote(m.evidence.start) and not self._in_byline(m.evidence.start)]
                same = actors[0].entity if actors else None
                continue
            s = self.ctx.sentences[k]
            end = min(s.end, at)
            if k != si and not any(not self._inside_quote(w.start())
                                   for w in word.finditer(self.folded, s.start, end)):
                continue
            named = next((w for w in word.finditer(self.folded, s.start, end)
                          if not self._inside_quote(w.start())), None)
            if k != si and k in self.sentence_speaker and named is not None \
                    and not re.fullmatch(r"\W*(?:[\w-]+\s+){0,3}", self.text[s.start:named.start()]):
                # "The Defense Ministry, in a statement issued on Wednesday, said Prabowo would
                # …": the reporter of that sentence issued the statement, not the one it names
                return self.sentence_speaker[k]
            actors = [m for m in self.ctx.between(s.start, end) if self.ctx.cls(m.entity) in ACTORS
                      and not self._inside_quote(m.evidence.start) and not self._in_byline(m.evidence.start)]
            if actors:
                return actors[0].entity
        if definite:
            for k in range(si - 4, max(-1, si - 4 - _REFER_BACK), -1):
                s = self.ctx.sentences[k]
                named = next((w for w in word.finditer(self.folded, s.start, s.end)
                              if not self._inside_quote(w.start())), None)
                if named is not None and k in self.sentence_speaker and \
                        not re.fullmatch(r"\W*(?:[\w-]+\s+){0,3}", self.text[s.start:named.start()]):
                    return self.sentence_speaker[k]
        return same

    def _document_owner(self, phrase: str) -> str | None:
        """"the Strategic Concept" -> NATO, if the text says "NATO's ... Strategic Concept"."""
        name = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)
        if not re.fullmatch(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}", name):
            return None
        if name not in self.owners:
            self.owners[name] = None
            for m in re.finditer(r"['’]s\s+(?:\d{4}\s+)?(?:new\s+|latest\s+)?" + re.escape(name),
                                 self.text):
                owner = [x for x in self.ctx.between(max(0, m.start() - 80), m.start())
                         if x.evidence.end == m.start() and self.ctx.cls(x.entity) in ACTORS]
                if owner:
                    self.owners[name] = owner[0].entity
                    break
        return self.owners[name]

    def _country_of_place(self, slug: str) -> str | None:
        country = self.capitals.get(slug)
        if country:
            self.ctx.entities.setdefault(country, self.ctx.gazetteer.entity(country))
        return country

    def _last_actor(self, at: int) -> str | None:
        """The government or organisation that is the subject of the sentence of `at`, else of
        the one before (the first one named there, not a person, not inside a quote): what "it"
        or "the ministry" stands for ("The foreign ministry issued a statement. “…,” it said")."""
        si = self.ctx.sentence_of(at)
        if si is None:
            return None
        for k in (si, si - 1):
            if k < 0:
                break
            s = self.ctx.sentences[k]
            actors = [m for m in self.ctx.between(s.start, min(s.end, at)) if self.ctx.cls(m.entity) in ACTORS
                      and self.ctx.cls(m.entity) != "Person" and not self._inside_quote(m.evidence.start)
                      and not self._in_byline(m.evidence.start)]
            if actors:
                return actors[0].entity
        return None

    def _missed_person_before(self, at: int) -> str | None:
        """A full name the model missed, written before a pronoun that has no person to take up
        ("…, Ana Moana defended the deal. He said …"), whose surname the text also uses alone
        with a courtesy title or as a speaker ("Mr Moana", "Moana said"): the last such name in
        the three sentences before `at`."""
        si = self.ctx.sentence_of(at)
        if si is None:
            return None
        lo = self.ctx.sentences[max(0, si - 3)].start
        found: tuple[int, int] | None = None
        for m in _NAME.finditer(self.text, lo, at):
            words = m.group().split()
            while words and words[0].strip("’'.,") in NO_NAME:
                words = words[1:]
            if not 2 <= len(words) <= 3 or any(w in NO_NAME or w in _BODY_WORDS
                                               or w in _PLACE_HEADS for w in words):
                continue
            start = m.end() - len(" ".join(words))
            if self.text[start:m.end()] != " ".join(words) or self._inside_quote(start) \
                    or self.ctx.between(start, m.end()):
                continue
            surname = re.escape(words[-1])
            if re.search(r"\b" + _HONORIFIC + r"\.?\s+" + surname + r"\b|\b" + surname + r"\s+(?:" + SPEECH + r")\b",
                         self.text):
                found = (start, m.end())
        return self._person(*found) if found else None

    def _subject_person(self, si: int) -> str | None:
        """The subject of sentence `si`, where it names two people or more and the subject is
        one of them: "he" in the next sentence is the one the sentence was about."""
        s = self.ctx.sentences[si]
        people = [m for m in self.ctx.between(s.start, s.end) if self.ctx.cls(m.entity) == "Person"
                  and not self._inside_quote(m.evidence.start)]
        if len({m.entity for m in people}) < 2:
            return None
        doc = parse_of(self.ctx, si)
        for m in people:
            inside = [t for t in doc if m.evidence.start <= s.start + t.idx < m.evidence.end]
            roots = [t for t in inside if t.head not in inside or t.head is t]
            if roots and roots[0].dep_ in ("nsubj", "nsubjpass"):
                return m.entity
        return None

    def _last_person(self, at: int) -> str | None:
        """The last person named before `at` (looking back up to five sentences)."""
        si = self.ctx.sentence_of(at)
        lo = self.ctx.sentences[max(0, (si or 0) - 5)].start if self.ctx.sentences else 0
        people = [m for m in self.ctx.between(lo, at) if self.ctx.cls(m.entity) == "Person"
                  and not self._in_byline(m.evidence.start)]
        if people:
            return people[-1].entity
        if self.last_speaker and self.ctx.cls(self.last_speaker) == "Person":
            return self.last_speaker
        return None

    # --- reported claims ------------------------------------------------------------------

    def reported(self, si: int) -> list[Statement]:
        """Statements for the attributed claims of sentence `si` (no quotation marks needed)."""
        out: list[Statement] = []
        for s in (self.ctx.sentences[si],):
            sent = self.text[s.start:s.end]
            # every pattern below needs a verb
            speech = _SPEECH_HINT.search(self.folded, s.start, s.end) is not None and \
                _SPEECH_WORD.search(self.folded, s.start, s.end) is not None
            inverted = False  # "…, said Defence Minister X.": the reporter after its verb closes the sentence
            closing = _CLOSING_REPORTER.search(sent) if speech and not _SETTING.match(sent) else None
            if closing and all(q.close < s.start + closing.start() and not self.text[q.start:q.start + 1].isupper()
                               for q in self.by_sentence.get(si, ())):
                # "Turkey believes the deal will bring “stability”, Guler added.": the reporter that
                # closes the sentence claims all before it (short quoted words included)
                speaker = self._resolve(s.start + closing.start("spk"), s.start + closing.end("spk"), si)
                c0, c1 = self._trim(s.start, s.start + closing.start())
                if speaker and len(self.text[c0:c1].split()) >= 4:
                    self.last_speaker = speaker
                    self.sentence_speaker[si] = speaker
                    att = self.ctx.evidence(s.start + closing.start("spk"), s.start + closing.end())
                    return [self._statement(c0, c1, speaker, CONF["reported"], att, "reported")]
            for regex, group in ((_INVERTED_TRAILING, "spk"), (_REPORTED_THAT, "spk"), (_AS_NOTED, "spk"),
                                 (_TRAILING, "spk")):
                if not speech and not (regex is _AS_NOTED and _PUT_IT.search(sent)) or inverted:
                    continue
                m = regex.search(sent) if regex is _AS_NOTED else \
                    _inverted_trailing(sent) if regex is _INVERTED_TRAILING else regex.match(sent)
                if not m:
                    continue
                if regex is _INVERTED_TRAILING:
                    inverted = True  # no other reading of the sentence's reporter, found or not
                if regex is _REPORTED_THAT and _DENIED.search(m.group("spk")):
                    continue  # "X has not officially confirmed that …": nothing is claimed
                context_end = s.start if regex is _TRAILING else None
                a, b = self._past_lead_in(s.start + m.start(group), s.start + m.end(group))
                if any(q.start <= a < q.end for q in self.quotes):
                    continue  # "- I would like to emphasize … - said X": a reporter in quoted words
                speaker = self._resolve(a, b, si, context_end)
                if not speaker:
                    if _BARE_NAME.fullmatch(self.text[a:b].strip()):
                        self.unknown_speaker_at = max(self.unknown_speaker_at, s.start + m.end(group))
                    continue
                c0, c1 = self._trim(s.start + m.start("claim"), s.start + m.end("claim"))
                if regex is _REPORTED_THAT:
                    c1 = self._past_short_quotes(c0, c1, s.start + m.end("claim"), s.end)
                if regex in (_TRAILING, _INVERTED_TRAILING) and _SETTING.match(m.group("claim")):
                    continue  # "Speaking to reporters, X said": where, not what
                if regex is _TRAILING and m.group().endswith(",") and \
                        _QUOTE_MARK.match(self.text, s.start + len(sent) - len(sent[m.end():].lstrip())):
                    continue  # "With an unmistakable tone, he emphasised, “…”": a lead-in to the quotation
                if regex is _TRAILING and m.group().endswith(",") and \
                        len(self.text[s.start + m.end():s.end].split()) >= 2 and \
                        not _QUOTE_MARK.search(self.text, s.start + m.end(), s.end):
                    # "The goal, the leader said, is to …": the reporter stands inside the claim
                    c0, c1 = self._trim(s.start + m.start("claim"), s.end)
                if len(self.text[c0:c1].split()) < 4:
                    continue
                self.last_speaker = speaker
                self.sentence_speaker[si] = speaker
                att = self.ctx.evidence(s.start + m.start(group), s.start + m.end(group))
                if regex is _REPORTED_THAT:
                    out.extend(self._coordinated_position(a, b, speaker))
                out.append(self._statement(c0, c1, speaker, CONF["reported"], att, "reported"))
                break
            else:
                m = _ACCORDING.search(sent) if "ccording" in sent else None  # (a cheap test first)
                if m and not self.by_sentence.get(si):
                    speaker = self._resolve(s.start + m.start("spk"), s.start + m.end("spk"), si)
                    if speaker and self._is_outlet(speaker):
                        speaker = None  # "…, according to the Associated Press": a source of news, no side's claim
                    if speaker:
                        c0, c1 = self._according_claim(s, m)
                        if c1 - c0 >= 12:
                            att = self.ctx.evidence(s.start + m.start(), s.start + m.end())
                            out.append(self._statement(c0, c1, speaker, CONF["reported"], att, "reported"))
                m = _PARENTHETICAL.search(sent) if speech else None
                if m and (_SETTING.match(sent) or _QUOTE_MARK.match(sent, m.end())):
                    m = None  # "Speaking to X, Y said, “…”": the quotation is the statement
                if m:
                    speaker = self._resolve(s.start + m.start("spk"), s.start + m.end("spk"), si)
                    if speaker:
                        self.last_speaker = speaker
                        self.sentence_speaker[si] = speaker
                        att = self.ctx.evidence(s.start + m.start("spk"), s.start + m.end())
                        c0, c1 = self._trim(s.start, s.end)
                        out.append(self._statement(c0, c1, speaker, CONF["reported"], att, "reported"))
                if not out:
                    out.extend(self._positions(si))
        return out

    def within_claims(self, quoted: list[Statement], claims: list[Statement]) -> list[Statement]:
        """A quotation inside a reported claim of its sentence ("X said that Stockholm had
        fulfilled “all the commitments” to join NATO") is the claim's speaker's words, unless
        an attribution of its own names its speaker ("…,” Y said")."""
        out = []
        for q in quoted:
            reported_after = q.attribution is not None and q.attribution.start >= q.quote.end
            owner = next((c for c in claims if c.kind == "reported" and c.speaker != q.speaker
                          and c.quote.start <= q.quote.start and (
                              q.quote.end <= c.quote.end
                              # "the president said that his country’s territory would not be used
                              # “in any manner …”, Y said": the claim stops at the mark, the
                              # quotation goes on with it; Y, after it, reports the whole sentence
                              or reported_after and _CLAIM_GOES_ON.fullmatch(self.text, c.quote.end, q.quote.start))),
                         None)
            if owner is not None and (q.confidence < CONF["explicit"] or q.quote.end > owner.quote.end):
                q = self._statement(q.quote.start, q.quote.end, owner.speaker, q.confidence,
                                    owner.attribution, "quotation")
            out.append(q)
        return out

    def _coordinated_position(self, lo: int, hi: int, speaker: str) -> list[Statement]:
        """"X welcomed the new members and indicated that …": the position taken by the first of
        two coordinated verbs (the reporting verb's subject phrase text[lo:hi] holds it)."""
        tail = re.search(r"\s+and\s*$", self.text[lo:hi])
        if tail is None:
            return []
        end = lo + tail.start()
        m = _POSITION.search(self.folded, lo, end)
        if m is None or self._inside_quote(m.start()) \
                or re.fullmatch(r"\s*(?:they|he|she|it|we)\s*", self.folded[lo:m.start()]) \
                or _ADJECTIVAL.search(self.text, max(0, m.start() - 8), m.start()) \
                or _PASSIVE.search(self.text, max(0, m.start() - 30), m.start()):
            return []
        c0, c1 = self._trim(m.start(), end)
        if len(self.text[c0:c1].split()) < 3 or _QUOTE_MARK.search(self.text, c0, c1):
            return []
        att = self.ctx.evidence(*self._phrase_span(lo, m.start()))
        return [self._statement(c0, c1, speaker, CONF["reported"], att, "reported")]

    def participle_claims(self, si: int, found: list[Statement]) -> list[Statement]:
        """"“…,” X said in a statement, adding that …" / "…, X told reporters, voicing hope that
        …" / "X praised …, while saying there are …": a participle of saying after the sentence's
        statement reports a claim of its own, by the same speaker."""
        if not found:
            return []
        s = self.ctx.sentences[si]
        last = max(found, key=lambda x: x.quote.end)
        after = max(last.quote.end, last.attribution.end if last.attribution else 0)
        m = _PARTICIPLE_CLAIM.search(self.text, after, s.end)
        if m is None or self._inside_quote(m.start()) or any(
                x.quote.start <= m.start() < x.quote.end for x in found):
            return []
        end = s.end
        stop = _QUOTE_MARK.search(self.text, m.end(), s.end)
        while stop is not None:
            short = self._short_quote_at(stop.start(), s.end)
            if short is None:
                end = stop.start()
                break
            stop = _QUOTE_MARK.search(self.text, short.close + 1, s.end)
        c0, c1 = self._trim(m.end(), end)
        if len(self.text[c0:c1].split()) < 4:
            return []
        att = self.ctx.evidence(m.start("part"), m.end("part"))
        return [self._statement(c0, c1, last.speaker, CONF["reported"], att, "reported")]

    def _past_short_quotes(self, c0: int, c1: int, stop: int, hi: int) -> int:
        """A claim stopped at a quotation mark goes on past a quotation of a word or two
        ("said that Stockholm had fulfilled “all the commitments” to join NATO"), to the next
        longer quotation or the sentence's end."""
        if stop >= hi or self.text[stop] not in _OPENING_MARKS or len(self.text[c0:stop].split()) < 2:
            return c1  # ("emphasized the “sovereign decision” …": the quotation is the object)
        end = stop
        while end < hi and self.text[end] in _OPENING_MARKS:
            # a quotation of up to three words with words after it, or a fragment of up to a
            # dozen words that opens in lower case ("brings the two countries “towards a mutual
            # security guarantee”, but …", "sends a “strong signal” of “strategic alignment”.")
            short = next((q for q in self.quotes if q.open == end and q.close < hi
                          and (len(self.text[q.start:q.end].split()) <= 3
                               and len(self.text[q.close + 1:hi].split()) >= 2
                               or self._fragment(q, hi) and not _INNER_REPORT.search(self.text, c0, stop))),
                         None)  # (not after an inner reporter: "said X had told Y that “…”")
            if short is None:
                break
            nxt = _QUOTE_MARK.search(self.text, short.close + 1, hi)
            end = nxt.start() if nxt else hi
        if end == stop or end < hi:
            return c1  # it stops at a longer quotation: the quotations carry the sentence
        return self._trim(c0, end)[1]

    def _fragment(self, q: Quote, hi: int) -> bool:
        """A quoted piece of a sentence: it opens in lower case, has at most twelve words and
        ends no sentence of its own (its sentence ends after the mark, or goes on)."""
        words = self.text[q.start:q.end].split()
        return bool(words) and len(words) <= 12 and self.text[q.start:q.start + 1].islower() \
            and self.text[q.end - 1:q.end] not in ".!?" and not self.text[q.close + 1:hi].strip(" .,;:\n")[:1].isupper()

    def _short_quote_at(self, at: int, hi: int) -> Quote | None:
        """The quotation of at most two words that opens at `at`, with words after it before `hi`."""
        for q in self.quotes:
            if q.open == at and q.close < hi and len(self.text[q.start:q.end].split()) <= 2 \
                    and len(self.text[q.close + 1:hi].split()) >= 2:
                return q  # and the claim goes on after it ("… as “fruitful” and hailed …")
        return None

    def _past_lead_in(self, lo: int, hi: int) -> tuple[int, int]:
        """The subject of a reporting clause, without a relative clause set off by commas and
        after a sentence-opening lead-in: "In a joint
        statement, A, B and C said …" -> "A, B and C"; "Highlighting X, perhaps Y, Z said …" ->
        "Z" (a participial clause comes before its subject, commas and all)."""
        phrase = self.text[lo:hi]
        relative = _RELATIVE.search(phrase) or _ASIDE.search(phrase)
        if relative:  # "Sandu, who defeated X in the election, said": Sandu, not X
            hi = lo + relative.start()
            phrase = phrase[:relative.start()]
        lead = _LEAD_IN.match(phrase)
        if lead is None or ", " not in phrase:
            return lo, hi
        cut = phrase.rfind(", ") if lead.group("part") else phrase.find(", ")
        a = lo + cut + 2
        if re.match(r"and\s", self.text[a:hi]):
            a += 4
        return a, hi

    def _positions(self, si: int) -> list[Statement]:
        """"X urged/applauded/wrote/echoed …", "X is reportedly unhappy, concerned that …",
        "which X views as …", "X referred to Y as …": the position from the verb on."""
        s = self.ctx.sentences[si]
        if not _POSITION_HINT.search(self.folded, s.start, s.end):
            return []
        for m in _POSITION.finditer(self.folded, s.start, s.end):
            if self._inside_quote(m.start()) or _ADJECTIVAL.search(self.text, max(0, m.start() - 8), m.start()) \
                    or _PASSIVE.search(self.text, max(0, m.start() - 30), m.start()):
                continue
            stop = _CLAIM_STOP.search(self.text, m.end(), s.end)  # a quotation is its own statement
            while stop and stop.group() in "“\"‘" and self._short_quote_at(stop.start(), s.end):
                # "described the talks as “fruitful” and hailed …": a word or two quoted in passing
                q = self._short_quote_at(stop.start(), s.end)
                assert q is not None
                stop = _CLAIM_STOP.search(self.text, q.close + 1, s.end)
            end = stop.start() if stop else s.end
            if stop and stop.group() in "“\"‘" and re.search(r"\bas(?:\s+(?:a|an|the))?\s*$",
                                                            self.text[m.start():end]):
                continue  # "described the deal as a “good development”.": the quotation says it
            speaker = self._speaker_before_verb(s.start, m.start(), si)
            if not speaker:
                continue
            c0, c1 = self._trim(m.start(), end)
            if _REDUCED_PASSIVE.match(self.text, c0, c1):
                continue  # "arrangements welcomed by Allied leaders": done to it, not said by it
            if _SETTING_ONLY.match(self.text, c0, c1):
                continue  # "the ministry wrote on X, formerly Twitter": where, not what
            if len(self.text[c0:c1].split()) < (6 if stop and stop.group() in "“\"‘" else 4):
                continue  # "X views NATO as a “…”": the quotation is the statement
            if _HYPOTHETICAL.search(self.text, s.start, m.start()):
                continue  # "whether X views this as …": no position is stated
            self.last_speaker = speaker
            self.sentence_speaker[si] = speaker
            att = self.ctx.evidence(*self._phrase_span(s.start, m.start()))
            return [self._statement(c0, c1, speaker, CONF["reported"], att, "reported")]
        return []

    def _phrase_span(self, lo: int, verb: int) -> tuple[int, int]:
        """The noun phrase right before a verb: back to the last clause boundary."""
        head = self.text[lo:verb]
        cut = max((m.end() for m in _PHRASE_CUT.finditer(head)), default=0)
        a, b = lo + cut, verb
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1] in " ,":
            b -= 1
        return (a, b) if b > a else (lo, verb)

    def _speaker_before_verb(self, lo: int, verb: int, si: int) -> str | None:
        person = self._relative_person(lo, verb)
        if person:
            return person
        a, b = self._phrase_span(lo, verb)
        found = self._resolve(a, b, si)
        if found is None and _INTERJECTION.match(self.text[a:b]):
            # "X, in a speech at Y last month, urged ...": the subject before the aside
            found = self._subject(lo, a, si)
        return found

    def _according_claim(self, s: Span, m: re.Match[str]) -> tuple[int, int]:
        start, end = s.start, s.end
        if m.start() < 3:  # "According to X, claim."
            rest = self.text[start + m.end():end]
            comma = rest.find(",")
            return self._trim(start + m.end() + comma + 1, end) if comma >= 0 else (0, 0)
        return self._trim(start, start + m.start())  # "claim, according to X."

    def _trim(self, lo: int, hi: int) -> tuple[int, int]:
        dateline = re.match(r"[A-Z][A-Z .'-]+,[^—–\n]{0,40}[—–]\s*", self.text[lo:hi])
        if dateline:
            lo += dateline.end()
        while lo < hi and (self.text[lo].isspace() or self.text[lo] in ",;:—–"):
            lo += 1
        while hi > lo and (self.text[hi - 1].isspace() or self.text[hi - 1] in ",;:—–.“\"‘"):
            hi -= 1
        cut = re.search(r",\s+(?:while\s+)?(?:remembering|adding|saying|noting|warning|stressing|insisting|"
                        r"(?:voicing|expressing)\s+(?:\w+\s+)?hope)\b", self.text[lo:hi])
        if cut:
            hi = lo + cut.start()
        return lo, hi

    # --- a communiqué in the first person ---------------------------------------------------

    def communique(self) -> list[Statement]:
        """The sentences of a joint statement or declaration (`communique_mod.issuer_sentences`),
        as quotations of its issuer: the organisation its title names, else the group its
        listed countries form or the first of them, else the one the text names most. Words that
        name the issuers ("we, the Prime Minister of A and …") name them instead of the title,
        and a pact is none of them (it is what they speak about)."""
        spans = [(q.open, q.close + 1) for q in self.quotes]
        found = communique_mod.issuer_sentences(self.text, self.ctx.sentences, spans, self.ctx.article.title)
        if not found:
            return []
        in_title = self.ctx.between(0, max(0, communique_mod.title_end(self.text)))
        span = communique_mod.issuers_span(self.text, 0, found[0].end)
        issuers = [m for m in self.ctx.between(*span)
                   if self.ctx.cls(m.entity) in ("Country", "Alliance", "InternationalOrganisation")] if span else []
        named = bool(issuers)
        if named:  # "we, the Prime Minister of A and …": those, not a pact the title names
            in_title = issuers
        people = [m for m in in_title if self.ctx.cls(m.entity) == "Person"]
        # "Prime Minister X's remarks after …": X speaks throughout, as the heading says
        transcript = people[0] if people and communique_mod.is_transcript(self.text) else None
        issuer = transcript.entity if transcript is not None else None
        named_by = transcript.evidence if transcript is not None else \
            self.ctx.evidence(*span) if span is not None and named else None  # (the words naming the speaker)
        issuer = issuer or self._first_actor([m for m in in_title
                                    if self.ctx.cls(m.entity) in ("Alliance", "InternationalOrganisation",
                                                                  "Partnership")
                                    and not _NAMED_DOCUMENT.search(self._label(m.entity))])  # (not "the Wilmington Declaration")
        # "… Joint Statement from the Leaders of Australia, India, Japan, and the United States":
        # the group the article makes exactly those countries members of (the Quad); else
        # ("Joint Statement From Australia, Bahrain, Canada …") the first-named country
        listed = list(dict.fromkeys(m.entity for m in in_title if self.ctx.cls(m.entity) == "Country"
                                    and m.kind != "demonym"))
        if issuer is None and len(listed) >= 2:
            fits = [org for org, members in self.members.items() if members == set(listed)]
            topic = self._main_topic()
            if len(fits) == 1:
                issuer = fits[0]
            elif not named and topic is not None and self.ctx.cls(topic) in (
                    "Alliance", "InternationalOrganisation", "Partnership"):
                issuer = topic  # (a title's countries: the group the article is about)
            else:
                issuer = listed[0]
        elif issuer is None and listed and named:
            issuer = listed[0]
        issuer = issuer or self._main_topic()
        if issuer is None:
            return []
        out = []
        for s in found:
            si = self._sentence_of(s.start)
            if si is not None:
                self.sentence_speaker.setdefault(si, issuer)
            out.append(self._statement(s.start, s.end, issuer, CONF["carry"], named_by, "quotation"))
        return out

    # --- the author -----------------------------------------------------------------------

    def authorial(self) -> Statement | None:
        ctx = self.ctx
        if not ctx.sentences:
            return None
        own = [i for i in range(len(ctx.sentences))
               if i not in self.sentence_speaker and i not in self.by_sentence]
        if not self._has_author(own):
            return None
        author = self._author()
        overall = stance_mod.balance_stance([w for i in own or range(len(ctx.sentences))
                                             for _, w in self._cues(i)])
        about = self._main_topic()
        if about is None:
            return None
        best = self._thesis(overall, about) or self.ctx.sentences[0]
        q = ctx.evidence(best.start, best.end)
        if stance_learned.active():
            overall = stance_learned.decide(q.quote, overall, "authorial",
                                            self._names(about, q.start, q.end), author == about)
        slug = statement_slug(ctx.article.id, "authorial", q.start, q.end)
        return Statement(slug, author, q, about, overall, CONF["authorial"], None, "authorial")

    def _has_author(self, own: list[int]) -> bool:
        """Whether the text has an author with a position of their own: a byline or a bio,
        else opinion writing (no wire marker or dateline, and the author's own sentences
        argue: "should", "must", "we"). News copy reports others; its author takes no side."""
        text = self.ctx.text
        if self.byline is not None or any(_BIO.match(text, s.start, s.end) for s in self.ctx.sentences[-6:]):
            return not _WIRE.search(text[:1500])  # a signed piece, unless agency copy
        head = text[:1500]
        if _WIRE.search(head) or any(_DATELINE_START.match(text, s.start, s.end)
                                     for s in self.ctx.sentences[:4]):
            return False
        return any(_OPINION.search(text, self.ctx.sentences[i].start, self.ctx.sentences[i].end)
                   and not _SPEECH_WORD.search(self.folded, self.ctx.sentences[i].start,
                                               self.ctx.sentences[i].end)
                   for i in own)  # "X said Russia should …" reports, even with X unknown

    def _author(self) -> str:
        """The byline's person ("By X", "written by X", a closing "X is the author of ..."),
        else an entity standing for the unnamed author of this source."""
        ctx = self.ctx
        byline = self.byline
        if byline is not None:
            g = "name" if byline.group("name") else "name2"
            return self._person(byline.start(g), byline.end(g))
        for s in ctx.sentences[-6:]:
            bio = _BIO.match(ctx.text, s.start, s.end)
            if bio:
                return self._person(bio.start("name"), bio.end("name"))
        # "the Policy paper by Nicholas Danforth, …"; a first line that is a byline ("Sophia
        # Besch\n\nThe NATO summit …", "Mara Karlin | Former …"): a person the text names there
        lines = [*_WORK_BY.finditer(ctx.text), *filter(None, [_FIRST_LINE_NAME.match(ctx.text)])]
        for line in lines:
            named = self._person_at(*line.span("name"))
            if named:
                return named
        slug = "author-of-" + slugify(ctx.article.id)
        ctx.entities.setdefault(slug, Entity(slug, f"author of source {ctx.article.id}", "Person"))
        return slug

    def _person_at(self, lo: int, hi: int) -> str | None:
        """The person a mention starting at `lo` (and ending by `hi`) names, if any."""
        known = [m.entity for m in self.ctx.between(lo, hi) if m.evidence.start == lo
                 and self.ctx.cls(m.entity) == "Person"]
        return known[0] if known else None

    def _person(self, lo: int, hi: int) -> str:
        name = self.text[lo:hi]
        known = self._person_at(lo, hi)
        if known:
            return known
        slug = slugify(name)
        entry = self.ctx.gazetteer.entries.get(slug)
        self.ctx.entities.setdefault(slug, self.ctx.gazetteer.entity(slug) if entry
                                     else Entity(slug, name, "Person"))
        self.ctx.add_mention(Mention(slug, self.ctx.evidence(lo, hi), "name"))
        return slug

    def _main_topic(self) -> str | None:
        """NATO if named, else the organisation named most, else the actor named most. An
        organisation named less than half as often as that actor was named in passing ("the
        regional bloc IGAD" in an article about Ethiopia): the actor is the topic."""
        if self.topic is False:
            self.topic = self._count_topic()
        return self.topic  # type: ignore[return-value]

    def _count_topic(self) -> str | None:
        counts: dict[str, int] = {}
        for m in self.ctx.mentions:
            if self.ctx.cls(m.entity) in ("Alliance", "InternationalOrganisation"):
                counts[m.entity] = counts.get(m.entity, 0) + 1
        if "nato" in counts:
            return "nato"
        actors: dict[str, int] = {}
        for m in self.ctx.mentions:
            if self.ctx.cls(m.entity) in ACTORS:
                actors[m.entity] = actors.get(m.entity, 0) + 1
        top = max(actors.values(), default=0)
        if counts:
            org = max(sorted(counts), key=lambda k: counts[k])
            if 2 * counts[org] >= top:
                return org
        return max(sorted(actors), key=lambda k: actors[k]) if actors else None

    def _thesis(self, overall: str, about: str) -> Span | None:
        """The sentence naming the topic whose stance score leans furthest the article's way."""
        sign = 1 if overall == stance_mod.SUPPORTIVE else -1 if overall == stance_mod.OPPOSED else 0
        best, best_key = None, None
        for i, s in enumerate(self.ctx.sentences):
            if self.by_sentence.get(i) or \
                    not any(m.entity == about for m in self.ctx.sentence_mentions(i)):
                continue  # the author's own words: a sentence naming the topic, quoting no one
            sc = sum(w for _, w in self._cues(i))
            key = (sc * sign if sign else -abs(sc), -i)
            if best_key is None or key > best_key:
                best, best_key = s, key
        return best

    # --- helpers --------------------------------------------------------------------------

    def _names(self, entity: str, lo: int, hi: int) -> bool:
        """Whether a mention of `entity` starts within [lo, hi)."""
        return any(m.entity == entity for m in self.ctx.between(lo, hi))

    def _cues(self, si: int) -> list[tuple[str, int]]:
        """The stance cues of sentence `si` (computed once)."""
        s = self.ctx.sentences[si]
        return self._cues_of(self.text[s.start:s.end])

    def _cues_of(self, text: str) -> list[tuple[str, int]]:
        """`stance.cues` of `text`, computed once an article: a statement's quote and its
        sentence are looked at several times (its stance, its framing, its target)."""
        found = self.cue_cache.get(text)
        if found is None:
            found = self.cue_cache[text] = stance_mod.cues(text)
        return found

    def _statement(self, lo: int, hi: int, speaker: str, conf: float, attribution: Evidence | None,
                   kind: str) -> Statement:
        speaker = self._national_body(speaker)
        if attribution is not None and kind != "authorial":
            self.last_attribution = attribution
        q = self.ctx.evidence(lo, hi)
        si = self._sentence_of(lo)
        context = self.text[self.ctx.sentences[si].start:self.ctx.sentences[si].end] if si is not None \
            else q.quote
        about = self._about(lo, hi, si, speaker)
        if about_learned.active():  # the trained ranker (bench/train_about.py), when on or recording
            self._count_named()
            # (where the quote names the rules' choice `about_learned.best` keeps it: no setting to build)
            if about_learned.RECORD is not None or not self._names(about, lo, hi):
                about = about_learned.choose(self.ctx.article.id, lo, hi,
                                             self._about_setting(lo, hi, si, speaker, kind, about))
        st = stance_mod.classify(q.quote, self._cues_of)
        if st == stance_mod.NEUTRAL and si is not None and (
                len(q.quote.split()) < 4 or not self._cues_of(q.quote)):
            st = stance_mod.classify(context, self._cues_of)  # "called the move “a test”": the framing judges
        engaged = [x for x in self.sides.own(speaker) if x in (about, self._main_topic())
                   and self.ctx.cls(x) in ("Alliance", "InternationalOrganisation")]
        if engaged and st != stance_mod.OPPOSED:
            st = stance_mod.SUPPORTIVE  # the engaged party explaining itself argues for it
        elif st == stance_mod.NEUTRAL and self.sides.against(speaker, about):
            st = stance_mod.OPPOSED  # words without a cue: the side the article shows it takes
        elif st == stance_mod.NEUTRAL and self.sides.backs(speaker, about):
            st = stance_mod.SUPPORTIVE
        directed, target = self._opposed_target(lo, hi, si, q.quote, context)
        if directed:  # "led the effort against X", "called on X to withdraw"
            st = stance_mod.OPPOSED
            if target is not None and target not in self._titled_countries(speaker) and not self.sides.tied(speaker, target) \
                    and not self.sides.backs(speaker, target):
                about = target  # not so for the speaker's own side or partner: the act is what it opposes
        framed = self._siding_frame(lo, si, speaker)
        if framed is not None:  # "accused X of “…”", "praised X for …": the reporting verb's side
            st, about = framed
        if stance_learned.active():  # off: cross-validation did not find it better
            st = stance_learned.decide(q.quote, st, kind, self._names(about, lo, hi), speaker == about)
        slug = statement_slug(self.ctx.article.id, kind, lo, hi)
        del context
        return Statement(slug, speaker, q, about, st, conf, attribution, kind)

    def _about_setting(self, lo: int, hi: int, si: int | None, speaker: str, kind: str,
                       rule: str) -> about_learned.Setting:
        """Where the article names things around the statement text[lo:hi], for the ranker."""
        def named(a: int, b: int) -> list[str]:
            return [m.entity for m in self._mentions(a, b)]

        sentences = self.ctx.sentences
        s = sentences[si] if si is not None else Span(lo, hi)
        counts = self._count_named()
        title_end = self.text.find("\n")
        return about_learned.Setting(
            quote=named(lo, hi), sentence=named(s.start, lo) + named(hi, s.end),
            before=named(max(0, lo - 120), lo),
            previous=named(sentences[si - 1].start, sentences[si - 1].end) if si else [],
            following=named(sentences[si + 1].start, sentences[si + 1].end)
            if si is not None and si + 1 < len(sentences) else [],
            title=frozenset(named(0, title_end if title_end >= 0 else 0)),
            counts=counts, classes={e: self.ctx.cls(e) for e in counts},
            speaker=speaker, own=frozenset(self.sides.own(speaker) | self._titled_countries(speaker)),
            kind=kind, rule=rule)

    def _count_named(self) -> dict[str, int]:
        """How often the article names each thing, counted once, at its first statement (as the
        ranker was trained: later statements may add mentions, and the count must not depend on
        which statements the ranker decides)."""
        if self.named_counts is None:
            self.named_counts = dict(Counter(m.entity for m in self.ctx.mentions))
        return self.named_counts

    def _about(self, lo: int, hi: int, si: int | None, speaker: str) -> str:
        """What the quote's own words name first, not the speaker's own side; else
        what its sentence names; else an organisation the sentence before (same paragraph)
        names; else a place the quote names (the setting, seldom the object); else the
        article's topic; else the speaker."""
        own = self.sides.own(speaker) | self._titled_countries(speaker)
        # the speaker's own side is seldom what it talks about: the office it holds, or the
        # country the text titles it with ("South Korean President Lee …") when no office was found
        lead = self._fragment_head(lo, own)
        if lead:
            return lead
        sided = self._sided(lo, hi, own)
        if sided:
            return sided
        spans = [(lo, hi)]
        if si is not None:
            spans.append((self.ctx.sentences[si].start, self.ctx.sentences[si].end))
        if si is not None and si > 0:  # the organisation the paragraph was just talking about
            prev = self.ctx.sentences[si - 1]
            if self._paragraph(prev.start) == self._paragraph(lo):
                spans.append((prev.start, prev.end))
        for places in (False, True):  # a region named is the setting, seldom the object
            for a, b in spans:
                if places and (a, b) != (lo, hi):
                    continue
                kinds = _ABOUT_ALL if (a, b) in spans[:2] else _ORGS
                named = [m.entity for m in self._mentions(a, b) if m.entity not in own
                         and self.ctx.cls(m.entity) in kinds
                         and (self.ctx.cls(m.entity) == "Place") == places]
                if named:
                    return named[0]
        topic = self._main_topic()
        if topic is not None and topic in own and speaker != topic and self.ctx.cls(topic) == "Country":
            # an official of a country (not an organisation's chief) is seldom about its own country
            other = self._most_named_actor(own)
            if other is not None:
                return other
        return topic if topic else speaker

    def _opposed_target(self, lo: int, hi: int, si: int | None, quote: str,
                        context: str) -> tuple[bool, str | None]:
        """Whether the statement's words are directed against a party
        (`stance.opposed_targets`), and which one: in the quote, else, for a quote with no cue
        of its own, in its sentence (the reporting words "voted for an initiative against X,
        saying …" frame the claim). No party for "the measures against X should be lifted"."""
        spans = [(lo + a, lo + b, obj) for a, b, obj in stance_mod.opposed_targets(quote)]
        if not spans and si is not None and not self._cues_of(quote):
            s0 = self.ctx.sentences[si].start
            spans = [(s0 + a, s0 + b, obj) for a, b, obj in stance_mod.opposed_targets(context)]
        for a, b, obj in spans:
            for m in self._mentions(a, b):
                if self.ctx.cls(m.entity) in ACTORS and self.ctx.cls(m.entity) != "Person":
                    return True, m.entity if obj else None
        return False, None

    def _sided(self, lo: int, hi: int, own: frozenset[str]) -> str | None:
        """The party a verb of taking sides in the quote is done to ("we support Ukraine",
        `stance.siding_objects`), not the speaker's own side."""
        for x, y in stance_mod.siding_objects(self.text[lo:hi]):
            for m in self._mentions(lo + x, lo + y):
                if m.entity not in own and self.ctx.cls(m.entity) in ACTORS and self.ctx.cls(m.entity) != "Person":
                    return m.entity
        return None

    def _siding_frame(self, lo: int, si: int | None, speaker: str) -> tuple[str, str] | None:
        """The stance and object a reporting verb of taking sides gives the quote after it, in
        the same clause ("NATO accuses North Korea of “fueling …”"): `stance.siding_frame`."""
        if si is None:
            return None
        start = max(self.ctx.sentences[si].start, lo - 100)
        frame = self.text[start:lo]
        cut = max(frame.rfind(c) for c in ".;!?”\"\n")
        start += cut + 1
        found = stance_mod.siding_frame(self.text[start:lo])
        if found is None:
            return None
        a, b, sign = found
        own = self.sides.own(speaker) | self._titled_countries(speaker)
        for m in self._mentions(start + a, start + b):
            if m.entity not in own and self.ctx.cls(m.entity) in ACTORS and self.ctx.cls(m.entity) != "Person":
                return (stance_mod.SUPPORTIVE if sign > 0 else stance_mod.OPPOSED), m.entity
        return None

    def _most_named_actor(self, own: frozenset[str]) -> str | None:
        counts: dict[str, int] = {}
        for m in self.ctx.mentions:
            if m.entity not in own and self.ctx.cls(m.entity) in ACTORS and self.ctx.cls(m.entity) != "Person":
                counts[m.entity] = counts.get(m.entity, 0) + 1
        return max(sorted(counts), key=lambda k: counts[k]) if counts else None

    def _national_body(self, speaker: str) -> str:
        """A national body the gazetteer does not know ("the Philippine Coast Guard", "the
        Somali government") speaks for its country, as a ministry's spokesperson does."""
        if self.ctx.cls(speaker) != "Organisation":
            return speaker
        label = self._label(speaker)
        if _OUTLET_NAME.fullmatch(label):
            return speaker  # "the Times of India" is a newspaper, no national body
        label = label if not label.isupper() and not re.search(r"\b[A-Z]{4,}\b", label) else label.title()
        hits = [h.slug for h in matcher(self.ctx.gazetteer).find(label, 0, len(label))
                if self.ctx.gazetteer.entity(h.slug).cls == "Country"]
        if len(set(hits)) != 1:
            return speaker
        self.ctx.entities.setdefault(hits[0], self.ctx.gazetteer.entity(hits[0]))
        return hits[0]

    def _fragment_head(self, lo: int, own: frozenset[str]) -> str | None:
        """What a quoted fragment is said of: the last thing (a person too) named in its clause right before
        the opening mark, when the quote continues the sentence rather than starting it
        ("Taiwan “is an inalienable part of …”", "described Mr X as a “…”", "views NATO as
        “…”", "with Sweden now set to “take its rightful place …”")."""
        if lo < 2 or self.text[lo - 1] not in _OPENING_MARKS:
            return None
        before = self.text[max(0, lo - _FRAGMENT_REACH):lo - 1]
        if not before.rstrip()[-1:].isalnum():
            return None  # "said: “…”", "…, “…”": a quotation of its own
        cut = max(before.rfind(c) for c in ",;:.!?\n”\"")
        clause_lo = lo - 1 - len(before) + cut + 1
        named = [m for m in self._mentions(clause_lo, lo - 1) if m.entity not in own
                 and self.ctx.cls(m.entity) in _ABOUT_ALL | {"Person"}
                 and not self._inside_quote(m.evidence.start)]
        heads = [m for m in named if self.ctx.cls(m.entity) != "Place"] or named
        return heads[-1].entity if heads else None  # "NATO expansion into Asia was “…”": not Asia

    def _mentions(self, lo: int, hi: int) -> list[Mention]:
        return self.ctx.between(lo, hi)

    def _inside_quote(self, at: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, at) - 1
        return any(self.quotes[j].start <= at < self.quotes[j].end for j in range(max(0, i - 3), i + 1))

    def _sentence_of(self, at: int) -> int | None:
        return self.ctx.sentence_of(at)

    def _sentence_end_after(self, at: int) -> int:
        si = self.ctx.sentence_of(at)
        return self.ctx.sentences[si].end if si is not None else min(len(self.text), at + 1)

    def _paragraph(self, at: int) -> int:
        return self.text.rfind("\n", 0, at)

    # --- quotations without marks -----------------------------------------------------------

    def blocks(self) -> list[Statement]:
        """Paragraphs quoted without marks: after a paragraph that ends "Home Secretary Priti
        Patel said:", and in a transcript after a label "Yoko Kamikawa, Foreign Minister of
        Japan: …" (the label's paragraph too). At most BLOCK_PARAGRAPHS paragraphs, stopping
        at one with quotation marks, a new label or a heading."""
        out: list[Statement] = []
        paras = self._paragraph_spans()
        speaker: str | None = None
        left = 0
        for lo, hi in paras:
            si = self._sentence_of(lo)
            label = _LABEL.match(self.text, lo, hi)
            label_speaker = self._label_speaker(lo, label, si) if label and si is not None else None
            if label_speaker is not None and label is not None:
                speaker, left = label_speaker, BLOCK_PARAGRAPHS
                lo = label.end()
            elif speaker is None or left <= 0 or _QUOTE_MARK.search(self.text, lo, hi) \
                    or len(self.text[lo:hi].split()) < 6:
                speaker, left = None, 0
            if speaker is not None and left > 0 and not self.text[lo:hi].rstrip().endswith(":") \
                    and not any(q.open < hi and lo < q.close for q in self.quotes):
                c0, c1 = self._trim(lo, hi)
                if c1 - c0 >= 12:
                    out.append(self._statement(c0, c1, speaker, CONF["cue"], None, "quotation"))
                left -= 1
            said = self._said_colon(lo, hi, si) if si is not None else None
            if said is not None:
                speaker, left = said, BLOCK_PARAGRAPHS
        return out

    def _paragraph_spans(self) -> list[tuple[int, int]]:
        spans: dict[int, list[int]] = {}
        for sent in self.ctx.sentences:
            span = spans.setdefault(self._paragraph(sent.start), [sent.start, sent.end])
            span[1] = sent.end
        return [(a, b) for a, b in sorted(spans.values())]

    def _said_colon(self, lo: int, hi: int, si: int) -> str | None:
        """The speaker of a paragraph that ends "X said:" with no quotation of its own."""
        if not self.text[lo:hi].rstrip().endswith(":"):
            return None
        last = self._sentence_of(hi - 1)
        if last is not None:  # earlier sentences of the paragraph may quote someone else
            lo, si = max(lo, self.ctx.sentences[last].start), last
        if _QUOTE_MARK.search(self.text, lo, hi):
            return None
        verbs = list(_SPEECH_WORD.finditer(self.folded, lo, hi))
        if not verbs or not re.fullmatch(r"[^\w]*(?:\w+\s*){0,3}:\s*", self.text[verbs[-1].end():hi]):
            return None
        inverted = re.match(r"\s+((?:[A-Z][\w’'.-]*\s*){1,3}):", self.text[verbs[-1].end():hi])
        if inverted:  # "Said Putin:", "… as said President Ruto:": the name after the verb
            a = verbs[-1].end() + inverted.start(1)
            found = self._resolve(a, a + len(inverted.group(1).rstrip()), si)
            if found:
                return found
        return self._speaker_before_verb(lo, verbs[-1].start(), si)

    def _label_speaker(self, lo: int, label: re.Match[str], si: int) -> str | None:
        """A transcript's speaker label: a person named first in it, no verb of saying."""
        if _SPEECH_WORD.search(self.folded, lo, label.end()):
            return None
        people = [m for m in self.ctx.between(lo, label.end()) if self.ctx.cls(m.entity) == "Person"]
        if not people or people[0].evidence.start != lo:
            return None
        return people[0].entity


@functools.lru_cache(maxsize=1024)
def _unaccented(word: str) -> str:
    """The word without its diacritics ("Güler" -> "Guler", "Vučić" -> "Vucic")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4)
def _swapped(a: str, b: str) -> bool:
    """Whether `b` is `a` with two neighbouring letters (not the first) swapped.

    >>> _swapped("Mistotakis", "Mitsotakis"), _swapped("Hansen", "Jansen")
    (True, False)
    """
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 2 and diff[0] > 0 and diff[1] == diff[0] + 1 \
        and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _inverted_trailing(sentence: str) -> re.Match[str] | None:
    """`_INVERTED_TRAILING` where its reporter is a name or title, not a clause ("…, said the
    move would improve …")."""
    m = _INVERTED_TRAILING.match(sentence)
    return None if m is None or len(m.group("spk").split()) > 8 or _FINITE.search(m.group("spk")) else m


def statement_slug(article_id: str, kind: str, start: int, end: int) -> str:
    """A statement's slug from its article, kind and quote span in the text as written (the
    pipeline computes it again there when the rules read a plainer text): a re-extraction gives
    the same IRI, and a curator's decision on it stays attached."""
    digest = hashlib.sha256(f"{article_id}|{kind}|{start}|{end}".encode()).hexdigest()[:12]
    return f"statement-{slugify(article_id)}-{digest}"
